//! Reading back the hashes a form's footer prints (for `verify`).
//!
//! They are written in the built-in Courier as literal ASCII strings, so
//! every text-showing operator's string operands are searched for runs of
//! exactly 64 hex digits. Hashes in the body are set in the CJK font (glyph
//! ids, not ASCII) and so are not picked up.

use lopdf::content::Content;
use lopdf::{Document, Object};

/// The distinct 64-hex-digit strings shown as text, in order of appearance;
/// empty when the bytes are not a readable PDF.
pub fn footer_hashes(pdf: &[u8]) -> Vec<String> {
    let Ok(doc) = Document::load_mem(pdf) else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for page in doc.get_pages().into_values() {
        let bytes = doc.get_page_content(page);
        let Ok(content) = Content::decode(&bytes) else { continue };
        for op in content.operations {
            if !matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"") {
                continue;
            }
            let mut strings = Vec::new();
            collect_strings(&op.operands, &mut strings);
            for s in strings {
                for h in hex_runs(&s) {
                    if !out.contains(&h) {
                        out.push(h);
                    }
                }
            }
        }
    }
    out
}

fn collect_strings(objects: &[Object], out: &mut Vec<Vec<u8>>) {
    for o in objects {
        match o {
            Object::String(bytes, _) => out.push(bytes.clone()),
            Object::Array(items) => collect_strings(items, out),
            _ => {}
        }
    }
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
    use super::hex_runs;

    #[test]
    fn only_whole_64_digit_runs() {
        let h = "ab".repeat(32);
        assert_eq!(hex_runs(format!("x {h} y").as_bytes()), vec![h.clone()]);
        assert!(hex_runs(format!("{h}0").as_bytes()).is_empty());
        assert!(hex_runs(b"not a hash").is_empty());
    }
}
