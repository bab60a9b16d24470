//! /ByteRange checks against the raw bytes, with checked arithmetic: the
//! numbers come from the file and may be anything.

use lopdf::Object;
use sha2::{Digest, Sha256};

use super::problem::Problem;
use super::verify::Verification;

/// Ranges that passed every structural check, and their digest.
pub(crate) struct Ranges {
    pub raw: [u64; 4],
    pub covers_whole_file: bool,
    pub digest: [u8; 32],
}

type Refusal = (Option<[u64; 4]>, Problem);

impl Ranges {
    /// Checks that /ByteRange is [0 a b c] with the gap a..b being exactly
    /// this dictionary's /Contents hex string (`<` hex digits `>`), and that
    /// the ranges lie inside the file. Hashes the two ranges.
    pub(crate) fn check(bytes: &[u8], byte_range: Option<&Object>, contents: &[u8]) -> Result<Ranges, Refusal> {
        let raw = parse(byte_range).ok_or((None, invalid("/ByteRange is not four non-negative integers")))?;
        let refuse = |p: Problem| (Some(raw), p);
        let to_usize = |v: u64| usize::try_from(v).ok();
        let (Some(a), Some(b), Some(c)) = (to_usize(raw[1]), to_usize(raw[2]), to_usize(raw[3])) else {
            return Err(refuse(truncated()));
        };
        if raw[0] != 0 {
            return Err(refuse(invalid("the first range does not start at byte 0")));
        }
        let end = b.checked_add(c).ok_or_else(|| refuse(truncated()))?;
        if end > bytes.len() {
            return Err(refuse(truncated()));
        }
        if a >= b || b - a < 2 || bytes[a] != b'<' || bytes[b - 1] != b'>' {
            return Err(refuse(invalid("the gap is not exactly the /Contents string")));
        }
        let gap = &bytes[a + 1..b - 1];
        if !gap.len().is_multiple_of(2) || !gap.iter().all(u8::is_ascii_hexdigit) || decode_hex(gap) != contents {
            return Err(refuse(invalid("the gap is not exactly the /Contents string")));
        }
        // Hex digits are case-insensitive, so 'A' -> 'a' would change the
        // file without changing the CMS. Signers write one case: mixed case
        // means the unsigned gap was edited.
        if gap.iter().any(u8::is_ascii_lowercase) && gap.iter().any(u8::is_ascii_uppercase) {
            return Err(refuse(invalid("the /Contents hex mixes upper and lower case")));
        }
        let mut hasher = Sha256::new();
        hasher.update(&bytes[..a]);
        hasher.update(&bytes[b..end]);
        Ok(Ranges { raw, covers_whole_file: end == bytes.len(), digest: hasher.finalize().into() })
    }
}

fn parse(object: Option<&Object>) -> Option<[u64; 4]> {
    let array = object?.as_array().ok()?;
    let values: Vec<u64> = array.iter().filter_map(|o| o.as_i64().ok().and_then(|v| u64::try_from(v).ok())).collect();
    <[u64; 4]>::try_from(values).ok().filter(|_| array.len() == 4)
}

pub(crate) fn decode_hex(hex: &[u8]) -> Vec<u8> {
    let nibble = |c: u8| match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => c.wrapping_sub(b'A').wrapping_add(10) & 15,
    };
    hex.chunks_exact(2).map(|p| (nibble(p[0]) << 4) | nibble(p[1])).collect()
}

fn invalid(detail: &str) -> Problem {
    Problem::new(
        "byte-range-invalid",
        format!("签名范围（/ByteRange）无效：{detail}"),
        format!("the signed byte range (/ByteRange) is not valid: {detail}"),
    )
}

fn truncated() -> Problem {
    Problem::new(
        "truncated",
        "文件比签名范围短：文件不完整（被截断）。请向发送人索取完整文件",
        "the file is shorter than the signed range: it is incomplete (truncated). Ask the sender for the whole file",
    )
}

/// The last signature's ranges stop before the end of the file.
pub(crate) fn coverage_problem(raw: &[u64; 4], len: usize) -> Option<Problem> {
    let end = usize::try_from(raw[2].checked_add(raw[3])?).ok()?;
    let extra = len.checked_sub(end).filter(|&n| n > 0)?;
    Some(Problem::new(
        "bytes-after-signature",
        format!("签名之后文件又被追加了 {extra} 字节（例如签名后再次修改保存），签名不覆盖整个文件，不予接受"),
        format!(
            "{extra} bytes were added after the signature (for example the file was changed and saved again); \
             the signature does not cover the whole file"
        ),
    ))
}

/// For a file the parser cannot read: when it still looks like a signed
/// PDF, a refusal that says so (truncated, damaged) instead of "not a PDF".
pub(crate) fn damaged(bytes: &[u8]) -> Option<Verification> {
    let header = &bytes[..bytes.len().min(1024)];
    if !header.windows(5).any(|w| w == b"%PDF-") {
        return None;
    }
    let at = bytes.windows(10).position(|w| w == b"/ByteRange")?;
    let cut = raw_byte_range(&bytes[at + 10..])
        .and_then(|r| r[2].checked_add(r[3]))
        .is_some_and(|end| usize::try_from(end).map_or(true, |end| end > bytes.len()));
    let problem = if cut {
        truncated()
    } else {
        Problem::new(
            "damaged",
            "签名的 PDF 文件已损坏，无法读取。请向发送人索取完好的文件",
            "the signed PDF is damaged and cannot be read. Ask the sender for an intact file",
        )
    };
    Some(Verification { signatures: Vec::new(), problems: vec![problem] })
}

/// `[ n n n n ]` right after a /ByteRange key, read from raw bytes.
pub(crate) fn raw_byte_range(after: &[u8]) -> Option<[u64; 4]> {
    let end = after.iter().take(128).position(|&c| c == b']')?;
    let text = std::str::from_utf8(&after[..=end]).ok()?;
    let inner = text.trim_start().strip_prefix('[')?;
    let inner = &inner[..inner.find(']')?];
    let values: Vec<u64> = inner.split_ascii_whitespace().map(str::parse).collect::<Result<_, _>>().ok()?;
    <[u64; 4]>::try_from(values).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_ranges_do_not_panic() {
        let file = b"%PDF-1.7 <0A0B> tail";
        let contents = [0x0a, 0x0b];
        let arr = |v: [i64; 4]| Object::Array(v.iter().map(|&n| Object::Integer(n)).collect());
        for v in [
            [0, 9, 15, 5],
            [0, i64::MAX, i64::MAX, i64::MAX],
            [0, -1, 2, 3],
            [1, 9, 15, 5],
            [0, 15, 9, 5],
            [0, 9, 15, 99],
        ] {
            let r = Ranges::check(file, Some(&arr(v)), &contents);
            assert_eq!(r.is_ok(), v == [0, 9, 15, 5], "{v:?}");
        }
        assert!(Ranges::check(file, Some(&Object::Null), &contents).is_err());
        assert!(Ranges::check(file, None, &contents).is_err());
        assert!(Ranges::check(file, Some(&arr([0, 9, 15, 5])), &[1]).is_err());
    }

    #[test]
    fn raw_range_reading() {
        assert_eq!(raw_byte_range(b" [0 10 20 30]>>"), Some([0, 10, 20, 30]));
        assert_eq!(raw_byte_range(b"[0 10 20]"), None);
        assert_eq!(raw_byte_range(b"garbage"), None);
    }
}
