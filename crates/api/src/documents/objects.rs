//! Where a PDF's small objects lie (page dictionaries, content streams,
//! font dictionaries), read from its cross-reference tables. Before page 1,
//! pdf.js reads every page's dictionary of a flat page tree one at a time
//! (to check the last page exists); in a scan those lie between megabytes
//! of images, so each was a round trip to Rust. The viewer reads these
//! spans in one call when it opens a document and gives pdf.js what it asks
//! for from them. Only a hint about the checked bytes: a file whose tables
//! cannot be read this way (cross-reference streams, damage) gets the
//! header and tail only, and pdf.js asks for the rest as before.

use serde::{Deserialize, Serialize};

/// Larger objects are not read ahead (images, long content streams).
const SMALL: usize = 4 << 10;
/// Cross-reference sections followed through /Prev (incremental updates).
const SECTIONS: usize = 32;
/// Bytes of small objects named at most.
const NAMED: usize = 4 << 20;
/// pdf.js reads the header and the last KiB first (startxref).
const ENDS: usize = 1 << 10;

/// Bytes `begin..end` of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ByteSpan {
    /// The first byte's offset.
    pub begin: u32,
    /// The offset just past the last byte.
    pub end: u32,
}

/// The spans worth reading ahead, sorted and disjoint: the header, the
/// tail, every cross-reference section and the objects of at most 4 KiB.
pub fn read_ahead(pdf: &[u8]) -> Vec<ByteSpan> {
    let len = pdf.len();
    let mut spans = vec![(0, len.min(ENDS)), (len.saturating_sub(ENDS), len)];
    if let Some(found) = tables(pdf) {
        spans.extend(found.sections.iter().copied());
        spans.extend(small_objects(&found, len));
    }
    merge(spans)
}

/// What the cross-reference tables say.
struct Tables {
    /// Offsets of the objects in use (the newest section's entry wins).
    objects: Vec<usize>,
    /// Each section from `xref` to the end of its trailer.
    sections: Vec<(usize, usize)>,
}

fn small_objects(found: &Tables, len: usize) -> Vec<(usize, usize)> {
    let mut starts: Vec<usize> = found.objects.iter().chain(found.sections.iter().map(|s| &s.0)).copied().collect();
    starts.push(len);
    starts.sort_unstable();
    starts.dedup();
    let mut named = 0;
    let mut out = Vec::new();
    // An object ends where the next one (or a section) begins.
    for pair in starts.windows(2) {
        let (begin, end) = (pair[0], pair[1]);
        if end - begin > SMALL || found.objects.binary_search(&begin).is_err() {
            continue;
        }
        named += end - begin;
        if named > NAMED {
            break;
        }
        out.push((begin, end));
    }
    out
}

fn merge(mut spans: Vec<(usize, usize)>) -> Vec<ByteSpan> {
    spans.retain(|&(b, e)| b < e);
    spans.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (b, e) in spans {
        match out.last_mut() {
            Some(last) if b <= last.1 => last.1 = last.1.max(e),
            _ => out.push((b, e)),
        }
    }
    // Documents are at most 256 MiB, so offsets fit; anything else is dropped.
    out.into_iter()
        .filter_map(|(b, e)| Some(ByteSpan { begin: u32::try_from(b).ok()?, end: u32::try_from(e).ok()? }))
        .collect()
}

fn tables(pdf: &[u8]) -> Option<Tables> {
    let mut at = start_xref(pdf)?;
    let mut entries: Vec<(u64, usize)> = Vec::new();
    let mut sections = Vec::new();
    for _ in 0..SECTIONS {
        if sections.iter().any(|&(s, _)| s == at) {
            break;
        }
        let (end, prev) = section(pdf, at, &mut entries)?;
        sections.push((at, end));
        match prev {
            Some(p) => at = p,
            None => break,
        }
    }
    // Newest first: the first entry for an object number is the one in use.
    entries.sort_by_key(|&(n, _)| n);
    entries.dedup_by_key(|&mut (n, _)| n);
    let mut objects: Vec<usize> = entries.into_iter().map(|(_, o)| o).filter(|&o| o > 0 && o < pdf.len()).collect();
    objects.sort_unstable();
    objects.dedup();
    Some(Tables { objects, sections })
}

/// The offset `startxref` names in the last KiB.
fn start_xref(pdf: &[u8]) -> Option<usize> {
    let tail_at = pdf.len().saturating_sub(ENDS);
    let key = find_last(&pdf[tail_at..], b"startxref")?;
    let mut cur = Cursor { pdf, at: tail_at + key + b"startxref".len() };
    cur.number().filter(|&o| o < pdf.len())
}

/// One classic section at `at`: its entries (object number, offset) are
/// pushed after those already found (stable sort keeps the newest first);
/// where its trailer ends, and the /Prev offset.
fn section(pdf: &[u8], at: usize, entries: &mut Vec<(u64, usize)>) -> Option<(usize, Option<usize>)> {
    let mut cur = Cursor { pdf, at };
    if cur.word()? != b"xref" {
        return None; // a cross-reference stream: not read here
    }
    loop {
        let mark = cur.at;
        if cur.word()? == b"trailer" {
            break;
        }
        cur.at = mark;
        let first = cur.number()? as u64;
        let count = cur.number()?;
        // Each entry takes at least 18 bytes: a count past that is damage.
        if count > pdf.len().saturating_sub(cur.at) / 18 {
            return None;
        }
        for i in 0..count as u64 {
            let offset = cur.number()?;
            cur.number()?;
            match cur.word()? {
                b"n" => entries.push((first + i, offset)),
                b"f" => {}
                _ => return None,
            }
        }
    }
    // The trailer dictionary runs to the next `startxref`.
    let rest = &pdf[cur.at..pdf.len().min(cur.at + 8 * ENDS)];
    let dict = &rest[..find(rest, b"startxref").unwrap_or(rest.len())];
    let prev = find(dict, b"/Prev").and_then(|p| {
        let mut c = Cursor { pdf, at: cur.at + p + b"/Prev".len() };
        c.number().filter(|&o| o < pdf.len())
    });
    Some((cur.at + dict.len(), prev))
}

struct Cursor<'a> {
    pdf: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn skip_space(&mut self) {
        while self.pdf.get(self.at).is_some_and(|b| b" \t\r\n\x0c\0".contains(b)) {
            self.at += 1;
        }
    }

    /// The next run of non-space bytes.
    fn word(&mut self) -> Option<&'a [u8]> {
        self.skip_space();
        let begin = self.at;
        while self.pdf.get(self.at).is_some_and(|b| !b" \t\r\n\x0c\0/<>[]()%".contains(b)) {
            self.at += 1;
        }
        (self.at > begin).then(|| &self.pdf[begin..self.at])
    }

    /// A decimal of at most 10 digits.
    fn number(&mut self) -> Option<usize> {
        let w = self.word()?;
        if w.len() > 10 || !w.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(w).ok()?.parse().ok()
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `objects` (bodies), its classic table and trailer; the offsets.
    fn pdf(objects: &[Vec<u8>]) -> (Vec<u8>, Vec<usize>) {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", i + 1).bytes());
            out.extend(body);
            out.extend(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for o in &offsets {
            out.extend(format!("{o:010} 00000 n \n").bytes());
        }
        out.extend(
            format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
        );
        (out, offsets)
    }

    fn spans(v: &[(usize, usize)]) -> Vec<ByteSpan> {
        v.iter().map(|&(b, e)| ByteSpan { begin: b as u32, end: e as u32 }).collect()
    }

    #[test]
    fn names_the_small_objects_between_large_ones() {
        let image = vec![b'x'; 300_000];
        let small = b"<< /Type /Page >>".to_vec();
        let (bytes, at) = pdf(&[small.clone(), image.clone(), small.clone(), image, small]);
        let found = read_ahead(&bytes);
        let xref = bytes.windows(4).rposition(|w| w == b"xref").expect("xref");
        // The header (first KiB) holds object 1; the images are left out;
        // object 5 runs into the table, the table into the tail (the last
        // KiB, which reaches back into image 4).
        let tail = at[4].min(bytes.len() - ENDS);
        assert_eq!(found, spans(&[(0, ENDS), (at[2], at[3]), (tail, bytes.len())]));
        assert!(at[4] < xref);
    }

    #[test]
    fn follows_prev_to_older_sections_and_stops_on_a_loop() {
        let (mut bytes, at) = pdf(&[b"<< >>".to_vec(), vec![b'x'; 10_000]]);
        let first_xref = bytes.windows(4).rposition(|w| w == b"xref").expect("xref");
        // An update: a new object 3 and a section pointing back, twice over
        // the same /Prev (a loop would point at itself).
        let obj3 = bytes.len();
        bytes.extend(b"3 0 obj\n<< /Updated true >>\nendobj\n");
        let second = bytes.len();
        bytes.extend(format!("xref\n3 1\n{obj3:010} 00000 n \ntrailer\n<< /Size 4 /Prev {first_xref} >>\nstartxref\n{second}\n%%EOF\n").bytes());
        let found = read_ahead(&bytes);
        assert!(found.iter().any(|s| s.begin as usize <= at[0] && at[0] < s.end as usize), "{found:?}");
        assert!(found.iter().any(|s| s.begin as usize <= obj3 && (second as u32) <= s.end), "{found:?}");
        assert!(!found.iter().any(|s| (s.begin as usize..s.end as usize).contains(&(at[1] + 5000))));
    }

    #[test]
    fn hostile_or_other_files_get_the_ends_only_and_never_panic() {
        for bad in [
            b"".to_vec(),
            b"not a pdf".to_vec(),
            b"%PDF-1.5\nstartxref\n99999999\n%%EOF".to_vec(),
            b"%PDF-1.5\n1 0 obj << /Type /XRef >> stream\nendstream\nstartxref\n9\n%%EOF".to_vec(),
            b"%PDF xref\n0 99999999999\ntrailer startxref 5".to_vec(),
            b"%PDF xref\n0 2\n0000000000 65535 f \nzzz\nstartxref 5".to_vec(),
            b"xref 0 1 0000000001 00000 n trailer << /Prev 0 >> startxref 0".to_vec(),
        ] {
            let len = bad.len();
            let found = read_ahead(&bad);
            assert!(found.iter().all(|s| s.begin < s.end && s.end as usize <= len), "{bad:?}");
            // Each is under a KiB: the header and tail are all of it.
            let whole = if len == 0 { vec![] } else { spans(&[(0, len)]) };
            assert_eq!(found, whole, "{:?}", String::from_utf8_lossy(&bad));
        }
    }
}
