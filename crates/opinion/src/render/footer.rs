//! Reading back the hashes a form's footer prints (for `verify`).
//!
//! They are written in the built-in Courier as literal ASCII strings, so
//! every text-showing operator's string operands are searched for runs of
//! exactly 64 hex digits. Hashes in the body are set in the CJK font (glyph
//! ids, not ASCII) and so are not picked up.
//!
//! The content is scanned by `text_strings`, not decoded into lopdf
//! operations: decoding every glyph run of a CJK page was most of the time
//! `verify` took. It yields the same strings (see the equivalence test).

use lopdf::Document;

/// The distinct 64-hex-digit strings shown as text, in order of appearance;
/// empty when the bytes are not a readable PDF.
pub fn footer_hashes(pdf: &[u8]) -> Vec<String> {
    let Ok(doc) = Document::load_mem(pdf) else { return Vec::new() };
    footer_hashes_in(&doc)
}

/// `footer_hashes` of a document already parsed.
pub(crate) fn footer_hashes_in(doc: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for page in doc.get_pages().into_values() {
        let bytes = doc.get_page_content(page);
        // A content stream that does not scan is skipped, as one that lopdf
        // cannot decode was.
        let Some(strings) = text_strings(&bytes) else { continue };
        for s in strings {
            for h in hex_runs(&s) {
                if !out.contains(&h) {
                    out.push(h);
                }
            }
        }
    }
    out
}

/// The string operands (literal or hex, decoded; inside arrays too, not
/// inside dictionaries) of every text-showing operator (Tj, TJ, ', "), in
/// order; `None` when the content is malformed (an unterminated string,
/// array or dictionary, or an unbalanced closing delimiter).
fn text_strings(c: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    let mut pending: Vec<Vec<u8>> = Vec::new();
    let (mut dicts, mut arrays) = (0usize, 0usize);
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            b'%' => {
                while i < c.len() && c[i] != b'\n' && c[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let (s, next) = literal(c, i + 1)?;
                if dicts == 0 {
                    pending.push(s);
                }
                i = next;
                continue;
            }
            b'<' if c.get(i + 1) == Some(&b'<') => {
                dicts += 1;
                i += 1;
            }
            b'>' if c.get(i + 1) == Some(&b'>') => {
                dicts = dicts.checked_sub(1)?;
                i += 1;
            }
            b'<' => {
                let end = i + 1 + c[i + 1..].iter().position(|&b| b == b'>')?;
                if dicts == 0 {
                    pending.push(hex(&c[i + 1..end])?);
                }
                i = end;
            }
            b'[' => arrays += 1,
            b']' => arrays = arrays.checked_sub(1)?,
            b')' | b'>' | b'{' | b'}' => return None,
            b'/' => {
                i += 1;
                while i < c.len() && !is_delimiter(c[i]) {
                    i += 1;
                }
                continue;
            }
            b if is_white(b) => {}
            _ => {
                let start = i;
                while i < c.len() && !is_delimiter(c[i]) {
                    i += 1;
                }
                let word = &c[start..i];
                let number = word.iter().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'));
                if number || matches!(word, b"true" | b"false" | b"null") {
                    continue;
                }
                // An operator: it consumes the operands before it.
                if dicts > 0 || arrays > 0 {
                    return None;
                }
                if matches!(word, b"Tj" | b"TJ" | b"'" | b"\"") {
                    out.append(&mut pending);
                }
                pending.clear();
                if word == b"ID" {
                    i = skip_inline_image(c, i);
                }
                continue;
            }
        }
        i += 1;
    }
    (dicts == 0 && arrays == 0).then_some(out)
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    is_white(b) || matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// A literal string from just after its `(`: its bytes with escapes
/// resolved (PDF 32000 7.3.4.2), and the index after its `)`.
fn literal(c: &[u8], mut i: usize) -> Option<(Vec<u8>, usize)> {
    let mut s = Vec::new();
    let mut depth = 0usize;
    loop {
        let b = *c.get(i)?;
        i += 1;
        match b {
            b'(' => {
                depth += 1;
                s.push(b);
            }
            b')' if depth == 0 => return Some((s, i)),
            b')' => {
                depth -= 1;
                s.push(b);
            }
            b'\\' => {
                let e = *c.get(i)?;
                i += 1;
                match e {
                    b'n' => s.push(b'\n'),
                    b'r' => s.push(b'\r'),
                    b't' => s.push(b'\t'),
                    b'b' => s.push(0x08),
                    b'f' => s.push(0x0c),
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match c.get(i) {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        s.push((v & 0xff) as u8);
                    }
                    // A backslash at the end of a line continues the string.
                    b'\r' => {
                        if c.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    b'\n' => {}
                    other => s.push(other),
                }
            }
            other => s.push(other),
        }
    }
}

/// A hex string's bytes (white space ignored, an odd last digit padded
/// with 0); `None` for a character that is not a hex digit.
fn hex(body: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = body.iter().copied().filter(|b| !is_white(*b)).collect();
    let value = |d: u8| char::from(d).to_digit(16).map(|v| v as u8);
    digits.chunks(2).map(|p| Some((value(p[0])? << 4) | value(*p.get(1).unwrap_or(&b'0'))?)).collect()
}

/// After an inline image's `ID`: the index past its data's closing `EI`.
fn skip_inline_image(c: &[u8], mut i: usize) -> usize {
    i += 1;
    while i + 2 <= c.len() {
        if &c[i..i + 2] == b"EI" && is_white(c[i - 1]) && c.get(i + 2).is_none_or(|b| is_delimiter(*b)) {
            return i + 2;
        }
        i += 1;
    }
    c.len()
}

/// Maximal runs of hex digits that are exactly 64 long, lowercased.
fn hex_runs(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|b| !b.is_ascii_hexdigit())
        .filter(|run| run.len() == 64)
        .map(|run| String::from_utf8_lossy(run).to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{hex_runs, text_strings};
    use lopdf::content::Content;
    use lopdf::Object;

    /// What lopdf's full decode finds: the reference `text_strings` matches.
    fn by_lopdf(c: &[u8]) -> Option<Vec<Vec<u8>>> {
        fn collect(objects: &[Object], out: &mut Vec<Vec<u8>>) {
            for o in objects {
                match o {
                    Object::String(bytes, _) => out.push(bytes.clone()),
                    Object::Array(items) => collect(items, out),
                    _ => {}
                }
            }
        }
        let content = Content::decode(c).ok()?;
        let mut out = Vec::new();
        for op in content.operations {
            if matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
                collect(&op.operands, &mut out);
            }
        }
        Some(out)
    }

    #[test]
    fn scanning_finds_what_decoding_finds() {
        let h = "ab".repeat(32);
        let cases = [
            format!("BT /F1 7 Tf 10 20 Td ({h}) Tj ET"),
            format!("BT [(a) -120 (b\\061\\(c\\)) 5 <{}>] TJ ET", "61".repeat(32)),
            format!("q 1 0 0 1 0 0 cm /P <</MCID 0 /Alt ({h})>> BDC ({h}x) Tj EMC Q"),
            format!("BT 1 2 ({h}) \" (nested (paren) ok) ' % comment ({h}) Tj\n ET"),
            format!("({h}) Td (x) Tj BI /W 1 /H 1 /BPC 8 /CS /G ID \x00(\x7f EI Q (y) Tj"),
            "<0041 00 42> Tj [1 2] TJ true Tj".to_string(),
        ];
        for c in &cases {
            assert_eq!(text_strings(c.as_bytes()), by_lopdf(c.as_bytes()), "{c}");
        }
        assert_eq!(text_strings(b"(unterminated Tj"), None);
        assert_eq!(text_strings(b"a) Tj"), None);
    }

    #[test]
    fn only_whole_64_digit_runs() {
        let h = "ab".repeat(32);
        assert_eq!(hex_runs(format!("x {h} y").as_bytes()), vec![h.clone()]);
        assert!(hex_runs(format!("{h}0").as_bytes()).is_empty());
        assert!(hex_runs(b"not a hash").is_empty());
    }
}
