//! Loading a signed PDF for verification without lopdf reading the
//! signatures' /Contents: each is 16,384 hex digits that its parser takes
//! one digit at a time, a third of the time of verifying a review.
//!
//! In a copy, every gap a /ByteRange names (`<` hex digits `>`) becomes a
//! short hex string whose value is a hash of the whole file, padded with
//! spaces so no offset moves. After parsing, each such value must be found
//! exactly once, as a string, and is swapped back for the gap's own bytes.
//! No string of a file can equal a hash of that file, so a value found was
//! parsed at its gap as a string token, and the result is the document
//! lopdf reads from the original. Anything else loads the original.

use lopdf::{Document, Object};
use sha2::{Digest, Sha256};

use super::pdf;
use super::ranges::{decode_hex, raw_byte_range};
use crate::error::Result;
use crate::identity::hex_lower;

const KEY: &[u8] = b"/ByteRange";
/// `<` 64 hex digits `>`: a gap shorter than this is left as it is.
const TOKEN_LEN: usize = 66;
/// A signed review has one signature, a countersigned file a few: a file
/// naming more gaps than this is parsed the ordinary way.
const MAX_GAPS: usize = 16;
/// How many distinct /ByteRange regions are looked at (a 专家组意见 names
/// its own and, in its attached reviews' bytes, theirs).
const MAX_SEEN: usize = 256;

/// `pdf::load` of a signed file, with the same result, faster.
pub(crate) fn load_signed(bytes: &[u8]) -> Result<Document> {
    match fast(bytes) {
        Some(doc) => Ok(doc),
        None => pdf::load(bytes),
    }
}

/// The document parsed from the copy with its gaps replaced, when every
/// marker came back exactly once; None otherwise.
fn fast(bytes: &[u8]) -> Option<Document> {
    let gaps = gaps(bytes);
    if gaps.is_empty() {
        return None;
    }
    let file_hash = Sha256::digest(bytes);
    let mut copy = bytes.to_vec();
    let mut markers = Vec::with_capacity(gaps.len());
    for (i, &(a, b)) in gaps.iter().enumerate() {
        let marker: [u8; 32] = Sha256::new().chain_update(file_hash).chain_update(i.to_be_bytes()).finalize().into();
        let token = format!("<{}>", hex_lower(&marker));
        copy[a..a + TOKEN_LEN].copy_from_slice(token.as_bytes());
        copy[a + TOKEN_LEN..b].fill(b' ');
        markers.push((marker, decode_hex(&bytes[a + 1..b - 1])));
    }
    let mut doc = pdf::load(&copy).ok()?;
    restore(&mut doc, &mut markers).then_some(doc)
}

/// Whether the fast parse, when it is taken, reads exactly the document
/// the plain parse reads: the property the fuzz target `review_pdf` checks.
#[doc(hidden)]
pub fn fast_parse_agrees(bytes: &[u8]) -> bool {
    match fast(bytes) {
        None => true,
        Some(doc) => pdf::load(bytes).is_ok_and(|plain| same(&doc, &plain)),
    }
}

fn same(a: &Document, b: &Document) -> bool {
    a.objects == b.objects && a.trailer == b.trailer && a.version == b.version
}

/// The gaps (start, end) of every /ByteRange in the raw bytes that is
/// exactly a hex string long enough to replace; none when two overlap.
fn gaps(bytes: &[u8]) -> Vec<(usize, usize)> {
    // Hostile files may name one huge region many times, or very many
    // regions: each is read once, a few hundred at most, and no more than
    // twice the file's length in all; beyond that, the ordinary parse.
    let mut budget = bytes.len().saturating_mul(2);
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for at in memchr::memmem::find_iter(bytes, KEY) {
        let after = at + KEY.len();
        let Some(range) = raw_byte_range(&bytes[after..]) else { continue };
        let (Ok(a), Ok(b)) = (usize::try_from(range[1]), usize::try_from(range[2])) else { continue };
        if b > bytes.len() || a.saturating_add(TOKEN_LEN) > b || seen.contains(&(a, b)) {
            continue;
        }
        if seen.len() == MAX_SEEN {
            return Vec::new();
        }
        seen.push((a, b));
        let inner = &bytes[a + 1..b - 1];
        let Some(left) = budget.checked_sub(inner.len()) else { return Vec::new() };
        budget = left;
        if bytes[a] == b'<'
            && bytes[b - 1] == b'>'
            && inner.len().is_multiple_of(2)
            && inner.iter().all(u8::is_ascii_hexdigit)
        {
            found.push((a, b));
            if found.len() > MAX_GAPS {
                return Vec::new();
            }
        }
    }
    found.sort_unstable();
    if found.windows(2).any(|w| w[0].1 > w[1].0) {
        return Vec::new();
    }
    found
}

/// Puts each gap's bytes back where its marker was parsed; false unless
/// every marker is found exactly once.
fn restore(doc: &mut Document, markers: &mut [([u8; 32], Vec<u8>)]) -> bool {
    let mut seen = vec![0usize; markers.len()];
    let mut stack: Vec<&mut Object> = doc.objects.values_mut().collect();
    stack.extend(doc.trailer.iter_mut().map(|(_, v)| v));
    while let Some(object) = stack.pop() {
        match object {
            Object::String(value, _) if value.len() == 32 => {
                if let Some(i) = markers.iter().position(|(m, _)| m[..] == value[..]) {
                    seen[i] += 1;
                    *value = std::mem::take(&mut markers[i].1);
                }
            }
            Object::Array(items) => stack.extend(items.iter_mut()),
            Object::Dictionary(d) => stack.extend(d.iter_mut().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
    seen.iter().all(|&n| n == 1)
}

#[cfg(test)]
mod tests {
    use lopdf::{dictionary, Stream, StringFormat};

    use super::*;

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        memchr::memmem::find(haystack, needle)
    }

    /// A PDF with a signature dictionary whose /ByteRange names its own
    /// /Contents (long hex, as a signer writes it), saved by lopdf; the
    /// same hex also sits in a stream when `also_in_stream`.
    fn signed_like(also_in_stream: bool) -> Vec<u8> {
        let contents = vec![0xab; 400];
        let mut doc = Document::with_version("1.7");
        let sig = doc.add_object(dictionary! {
            "Type" => "Sig",
            "ByteRange" => vec![0.into(), 1_000_000_000.into(), 2_000_000_000.into(), 3_000_000_000i64.into()],
            "Contents" => Object::String(contents.clone(), StringFormat::Hexadecimal),
        });
        let hex = format!("<{}>", hex_lower(&contents).to_uppercase());
        let data = if also_in_stream { format!("% {hex}") } else { "% none".into() };
        let stream = doc.add_object(Stream::new(dictionary! {}, data.into_bytes()));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Sig" => sig, "Data" => stream });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("save");
        // The first occurrence is the dictionary's: lopdf writes objects in id order.
        let a = find(&bytes, hex.as_bytes()).expect("contents written");
        let b = a + hex.len();
        let c = bytes.len() - b;
        let fixed = format!("[0 {a:010} {b:010} {c:010}]");
        let at = find(&bytes, b"[0 1000000000 2000000000 3000000000]").expect("range written");
        bytes.splice(at..at + fixed.len(), fixed.into_bytes());
        bytes
    }

    #[test]
    fn the_fast_parse_reads_the_same_document() {
        let bytes = signed_like(false);
        assert_eq!(gaps(&bytes).len(), 1);
        let fast = fast(&bytes).expect("the fast path is taken");
        assert!(same(&fast, &pdf::load(&bytes).expect("load")));
    }

    #[test]
    fn a_real_signature_takes_the_fast_path_and_a_second_one_too() {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut pdf = Vec::new();
        doc.save_to(&mut pdf).expect("save");
        let now = chrono::Utc::now();
        let id = crate::identity::Identity::create("E-001", "张三", "教授", "聊城大学", now).expect("identity");
        let look = crate::sign::SignatureAppearance { page: 0, rect: [360.0, 60.0, 540.0, 110.0], lines: vec![] };
        let once = crate::sign::sign_pdf(&pdf, &id, &look, now.fixed_offset()).expect("sign");
        let twice = crate::sign::sign_pdf(&once, &id, &look, now.fixed_offset()).expect("sign again");
        for (bytes, n) in [(&once, 1), (&twice, 2)] {
            assert_eq!(gaps(bytes).len(), n);
            let fast = fast(bytes).expect("the fast path is taken");
            assert!(same(&fast, &pdf::load(bytes).expect("load")));
        }
    }

    #[test]
    fn a_gap_that_is_not_a_string_token_falls_back() {
        let bytes = signed_like(true);
        // Point the range at the copy inside the stream instead.
        let hex_at = |from: usize| find(&bytes[from..], b"<ABAB").map(|i| i + from);
        let first = hex_at(0).expect("first");
        let second = hex_at(first + 1).expect("second");
        let len = find(&bytes[first..], b">").expect("end") + 1;
        let mut moved = bytes.clone();
        let range = format!("[0 {second:010} {:010} {:010}]", second + len, bytes.len() - second - len);
        let at = find(&moved, b"/ByteRange").expect("key") + b"/ByteRange".len();
        let open = at + find(&moved[at..], b"[").expect("open");
        moved.splice(open..open + range.len(), range.into_bytes());
        assert_eq!(gaps(&moved), vec![(second, second + len)]);
        assert!(fast(&moved).is_none(), "a marker inside a stream is never parsed as a string");
        let loaded = load_signed(&moved).expect("load");
        assert!(same(&loaded, &pdf::load(&moved).expect("load")));
    }

    #[test]
    fn hostile_range_lists_are_bounded() {
        // One long hex region, not quite a string (an odd digit count), named
        // a hundred thousand times: read once.
        let hex = "a".repeat(1_000_001);
        let prefix = "%PDF-1.7 ";
        let (a, b) = (prefix.len(), prefix.len() + hex.len() + 2);
        let mut file = format!("{prefix}<{hex}>").into_bytes();
        for _ in 0..100_000 {
            file.extend(format!(" /ByteRange [0 {a} {b} 0]").bytes());
        }
        // Unbounded, this would read 100 GB.
        assert!(gaps(&file).is_empty());
        // Very many distinct regions: given up on, not read.
        let many: String = (0..1000).map(|i| format!(" /ByteRange [0 {i} {} 0]", i + 70)).collect();
        assert!(gaps(format!("%PDF-1.7 {many}{}", " ".repeat(2000)).as_bytes()).is_empty());
    }

    #[test]
    fn only_whole_hex_gaps_are_taken() {
        let short = "%PDF-1.7\n/ByteRange [0 30 36 5] /Contents <abcd> tail";
        assert!(gaps(short.as_bytes()).is_empty(), "too short to replace");
        assert!(gaps(b"%PDF-1.7 /ByteRange [0 99999 999999 1]").is_empty(), "outside the file");
        assert!(gaps(b"%PDF-1.7 /ByteRange [0 1 2").is_empty());
        let hex = "ab".repeat(40);
        let prefix = "%PDF-1.7 /ByteRange [0 0000000000 0000000000 1] /Contents ";
        let (a, b) = (prefix.len(), prefix.len() + hex.len() + 2);
        let file = format!("%PDF-1.7 /ByteRange [0 {a:010} {b:010} 1] /Contents <{hex}> tail");
        assert_eq!(gaps(file.as_bytes()), vec![(a, b)]);
        let odd = file.replacen("<ab", "<a ", 1);
        assert!(gaps(odd.as_bytes()).is_empty(), "not only hex digits");
    }
}
