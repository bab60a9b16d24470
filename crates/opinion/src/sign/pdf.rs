//! Small PDF helpers shared by attaching, signing and verifying: loading
//! hostile bytes safely, text strings and dates.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use chrono::{DateTime, FixedOffset, NaiveDate};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, StringFormat};

use crate::error::{OpinionError, Result};

/// Decoded streams bigger than this are refused: a small file must not
/// inflate into gigabytes (attachments of a review are a few MB at most).
pub(crate) const MAX_DECODED: usize = 256 << 20;

/// Where a PDF header may start (readers allow leading junk up to 1 KB).
const HEADER_WINDOW: usize = 1024;

/// Loads a PDF; any failure, including a panic inside the parser on
/// hostile input, is a `NotPdf` error rather than a crash.
pub(crate) fn load(bytes: &[u8]) -> Result<Document> {
    let window = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if !window.windows(5).any(|w| w == b"%PDF-") {
        return Err(OpinionError::not_pdf("文件开头没有 %PDF- 标记", "no %PDF- header"));
    }
    let options = LoadOptions { max_decompressed_size: Some(MAX_DECODED), ..LoadOptions::default() };
    let loaded = quietly(|| Document::load_mem_with_options(bytes, options));
    match loaded {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(OpinionError::not_pdf("结构损坏", &format!("damaged structure ({e})"))),
        Err(_) => Err(OpinionError::not_pdf("结构损坏", "damaged structure")),
    }
}

thread_local! {
    /// How many `quietly` calls are running on this thread.
    static QUIET: Cell<u32> = const { Cell::new(0) };
}
static QUIET_HOOK: Once = Once::new();

/// Runs `f`, turning a panic into `Err` without the panic message reaching
/// stderr. The hook is installed once and wraps whatever hook was there; it
/// stays silent only for the thread inside `quietly`, so a panic on any
/// other thread (the chair verifies files in parallel) is reported as usual.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) == 0 {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(q.get() + 1));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(q.get().saturating_sub(1)));
    result
}

/// Loads a PDF that is about to be changed: encrypted files are refused,
/// their objects could not be rewritten correctly.
pub(crate) fn load_for_update(bytes: &[u8]) -> Result<Document> {
    let doc = load(bytes)?;
    if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(OpinionError::pdf(
            "PDF 已加密，无法添加附件或签名。请使用未加密的文件",
            "the PDF is encrypted and cannot take attachments or signatures. Use an unencrypted file",
        ));
    }
    Ok(doc)
}

/// Follows references (a bounded number of hops) to the object itself.
pub(crate) fn resolve<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

pub(crate) fn resolve_dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    resolve(doc, object)?.as_dict().ok()
}

pub(crate) fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    resolve_dict(doc, dict.get(key).ok()?)
}

pub(crate) fn catalog_id(doc: &Document) -> Result<ObjectId> {
    doc.trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| OpinionError::pdf("PDF 没有文档目录（/Root）", "the PDF has no document catalog (/Root)"))
}

/// A PDF text string: plain ASCII stays readable, anything else is
/// UTF-16BE with a byte order mark (PDF 32000-1 §7.9.2.2).
pub(crate) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// Reads a text string written either way (PDFDocEncoding is treated as
/// Latin-1, which matches it for every character we write).
pub(crate) fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// A PDF date, `D:YYYYMMDDHHmmSS+HH'mm'` (PDF 32000-1 §7.9.4).
pub(crate) fn format_date(t: &DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs() / 60;
    format!("D:{}{sign}{:02}'{:02}'", t.format("%Y%m%d%H%M%S"), abs / 60, abs % 60)
}

/// Parses a PDF date; missing trailing parts default as the spec says.
pub(crate) fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 || digits.len() > 14 || !digits.len().is_multiple_of(2) {
        return None;
    }
    let field = |i: usize, default: u32| digits.get(i..i + 2).map_or(Some(default), |d| d.parse().ok());
    let year: i32 = digits.get(0..4)?.parse().ok()?;
    let (month, day) = (field(4, 1)?, field(6, 1)?);
    let (hour, minute, second) = (field(8, 0)?, field(10, 0)?, field(12, 0)?);
    let naive = NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(hour, minute, second)?;
    let rest = &s[digits.len()..];
    let offset_secs = match rest.chars().next() {
        None | Some('Z') => 0,
        Some(sign @ ('+' | '-')) => {
            let tz: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let hours: i32 = tz.get(0..2)?.parse().ok()?;
            let minutes: i32 = tz.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
            let secs = hours * 3600 + minutes * 60;
            if sign == '-' {
                -secs
            } else {
                secs
            }
        }
        Some(_) => return None,
    };
    naive.and_local_timezone(FixedOffset::east_opt(offset_secs)?).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        let t = DateTime::parse_from_rfc3339("2026-04-15T10:00:05+08:00").expect("time");
        let s = format_date(&t);
        assert_eq!(s, "D:20260415100005+08'00'");
        assert_eq!(parse_date(&s), Some(t));
        let west = DateTime::parse_from_rfc3339("2026-01-02T03:04:05-05:30").expect("time");
        assert_eq!(parse_date(&format_date(&west)), Some(west));
        assert_eq!(parse_date("D:2026").map(|d| d.to_rfc3339()), Some("2026-01-01T00:00:00+00:00".into()));
        assert_eq!(parse_date("D:20261399"), None);
        assert_eq!(parse_date("garbage"), None);
    }

    #[test]
    fn text_strings_round_trip() {
        for s in ["review.json", "专家评审意见", "a(b)c"] {
            let o = text_string(s);
            assert_eq!(decode_text_string(o.as_str().expect("string")), s);
        }
    }

    /// Run in a child process so that what reaches stderr can be seen.
    #[test]
    fn a_caught_panic_is_silent_here_and_reported_on_other_threads() {
        const NAME: &str = "sign::pdf::tests::a_caught_panic_is_silent_here_and_reported_on_other_threads";
        if std::env::var_os("PANELDESK_QUIET_CHILD").is_some() {
            assert!(quietly(|| panic!("inside quietly")).is_err());
            assert_eq!(quietly(|| 7).ok(), Some(7));
            assert_eq!(QUIET.with(Cell::get), 0, "the scope is left even after a panic");
            // The chair verifies in parallel: while this thread is inside
            // `quietly`, a panic on another thread is still reported.
            let _ = quietly(|| std::thread::spawn(|| panic!("outside quietly")).join());
            return;
        }
        let exe = std::env::current_exe().expect("test binary");
        let out = std::process::Command::new(exe)
            .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
            .env("PANELDESK_QUIET_CHILD", "1")
            .output()
            .expect("run child");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(!err.contains("inside quietly"), "the caught panic was printed: {err}");
        assert!(err.contains("outside quietly"), "a panic elsewhere must still be reported: {err}");
    }

    #[test]
    fn garbage_is_not_pdf() {
        for bytes in [&b""[..], b"hello", b"%PDF-1.7\n garbage", b"%PDF-"] {
            let e = load(bytes).expect_err("not a pdf");
            assert_eq!(e.code, crate::error::ErrorCode::NotPdf);
        }
    }
}
