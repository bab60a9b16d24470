//! The documents open in the viewer, each read out of its package and
//! checked against the manifest's SHA-256 once, then kept in memory so that
//! pdf.js asks for the parts a page needs (a few hundred KiB) instead of the
//! whole file crossing to the window before page 1 shows: a 300-page scan
//! is tens of MiB. What is handed out is always what was checked — a file
//! changed on disk afterwards changes nothing shown until the document is
//! read again, and then it is refused.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use super::objects::{read_ahead, ByteSpan};
use super::read::Located;
use crate::error::{ApiError, ErrorCode, Result};

/// Documents kept at once: going back to one just read costs nothing.
const KEEP: usize = 3;
/// Bytes kept at once; the oldest go first past it (one is always kept).
const KEEP_BYTES: usize = 512 << 20;
/// The largest part handed out in one call.
pub const MAX_RANGE: u32 = 16 << 20;

/// A document opened for range reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct OpenedDocument {
    /// Its length in bytes (at most 256 MiB).
    pub length: u32,
    /// The parts worth reading at once, before pdf.js asks for them one
    /// at a time (documents::objects): sorted, disjoint, within `length`.
    pub ahead: Vec<ByteSpan>,
}

/// The checked bytes of the documents read last, newest first.
#[derive(Default)]
pub struct HeldDocuments {
    held: Mutex<VecDeque<(Located, Arc<Vec<u8>>)>>,
}

impl HeldDocuments {
    /// Nothing held yet.
    pub fn new() -> HeldDocuments {
        HeldDocuments::default()
    }

    /// Reads and checks `doc` unless it is held already; its length and
    /// the parts to read ahead.
    pub fn open(&self, doc: &Located) -> Result<OpenedDocument> {
        let bytes = self.bytes(doc)?;
        // load() refuses anything over MAX_DOCUMENT_BYTES (256 MiB).
        Ok(OpenedDocument { length: u32::try_from(bytes.len()).unwrap_or(u32::MAX), ahead: read_ahead(&bytes) })
    }

    /// Bytes `begin..end` of `doc`, read and checked again first if it was
    /// let go since it was opened.
    pub fn range(&self, doc: &Located, begin: u32, end: u32) -> Result<Vec<u8>> {
        self.ranges(doc, &[ByteSpan { begin, end }])
    }

    /// The bytes of each of `spans` of `doc`, one after another (at most
    /// MAX_RANGE in all).
    pub fn ranges(&self, doc: &Located, spans: &[ByteSpan]) -> Result<Vec<u8>> {
        let bytes = self.bytes(doc)?;
        let len = bytes.len();
        let mut total = 0u64;
        for &ByteSpan { begin, end } in spans {
            total += u64::from(end.saturating_sub(begin));
            if begin >= end || end as usize > len || total > u64::from(MAX_RANGE) {
                return Err(out_of_range(doc.path(), begin, end, len));
            }
        }
        let mut out = Vec::with_capacity(total as usize);
        for s in spans {
            out.extend_from_slice(&bytes[s.begin as usize..s.end as usize]);
        }
        Ok(out)
    }

    fn bytes(&self, doc: &Located) -> Result<Arc<Vec<u8>>> {
        if let Some(found) = self.take(doc) {
            return Ok(found);
        }
        // Read without the lock: another document's ranges go on meanwhile.
        let bytes = Arc::new(doc.load()?);
        self.keep(doc.clone(), bytes.clone());
        Ok(bytes)
    }

    /// The held bytes of `key`, moved to the front.
    fn take(&self, key: &Located) -> Option<Arc<Vec<u8>>> {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let at = held.iter().position(|(k, _)| k == key)?;
        let entry = held.remove(at)?;
        let bytes = entry.1.clone();
        held.push_front(entry);
        Some(bytes)
    }

    fn keep(&self, key: Located, bytes: Arc<Vec<u8>>) {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        held.retain(|(k, _)| *k != key);
        held.push_front((key, bytes));
        while held.len() > KEEP || (held.len() > 1 && held.iter().map(|(_, b)| b.len()).sum::<usize>() > KEEP_BYTES) {
            held.pop_back();
        }
    }

    /// How many documents are held (tests).
    pub fn count(&self) -> usize {
        self.held.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

fn out_of_range(path: &str, begin: u32, end: u32, len: usize) -> ApiError {
    ApiError::refused(
        ErrorCode::DocumentRange,
        format!("无法读取文件 {path} 的第 {begin}–{end} 字节（文件共 {len} 字节）。请重新打开该文件"),
        format!("bytes {begin}–{end} of {path} cannot be read (it has {len}). Open the document again"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use paneldesk_core::package::sha256_hex;

    fn package(dir: &std::path::Path, name: &str, docs: &[(&str, &[u8])]) -> std::path::PathBuf {
        let path = dir.join(name);
        let file = std::fs::File::create(&path).expect("create");
        paneldesk_core::package::builder::write_deflated(file, docs.iter().copied()).expect("zip");
        path
    }

    fn doc(zip: &std::path::Path, path: &str, bytes: &[u8]) -> Located {
        Located::at(zip, &sha256_hex(bytes), path)
    }

    #[test]
    fn hands_out_the_parts_asked_for_and_refuses_others() {
        let dir = tempfile::tempdir().expect("tmp");
        let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        let zip = package(dir.path(), "p.zip", &[("docs/a.pdf", &body)]);
        let a = doc(&zip, "docs/a.pdf", &body);
        let held = HeldDocuments::new();
        assert_eq!(held.open(&a).expect("open").length, 100_000);
        assert_eq!(held.range(&a, 10, 20).expect("range"), body[10..20]);
        let two = [ByteSpan { begin: 5, end: 7 }, ByteSpan { begin: 90_000, end: 90_003 }];
        assert_eq!(held.ranges(&a, &two).expect("ranges"), [&body[5..7], &body[90_000..90_003]].concat());
        let over = [ByteSpan { begin: 0, end: MAX_RANGE }, ByteSpan { begin: 0, end: 1 }];
        assert_eq!(held.ranges(&a, &over).expect_err("in all").code, ErrorCode::DocumentRange);
        assert_eq!(held.range(&a, 99_990, 100_000).expect("end"), body[99_990..]);
        for (b, e) in [(5, 5), (20, 10), (99_999, 100_001), (0, MAX_RANGE + 1)] {
            let err = held.range(&a, b, e).expect_err("refused");
            assert_eq!(err.code, ErrorCode::DocumentRange, "{b}..{e}");
            assert!(err.message.zh.contains("请重新打开") && err.message.en.contains("Open the document again"));
        }
    }

    #[test]
    fn a_document_changed_on_disk_is_refused_when_read_again_never_shown() {
        let dir = tempfile::tempdir().expect("tmp");
        let body = b"%PDF-1.4 the checked bytes".to_vec();
        let zip = package(dir.path(), "p.zip", &[("docs/a.pdf", &body)]);
        let a = doc(&zip, "docs/a.pdf", &body);
        let held = HeldDocuments::new();
        held.open(&a).expect("open");
        // Changed after it was checked: what is held is what was checked.
        package(dir.path(), "p.zip", &[("docs/a.pdf", b"%PDF-1.4 other bytes, same length")]);
        assert_eq!(held.range(&a, 0, 8).expect("held"), body[..8]);
        // Let go (three others opened since), it is read again and refused.
        for n in 0..KEEP {
            let other = format!("docs/{n}.pdf");
            let zip = package(dir.path(), &format!("{n}.zip"), &[(other.as_str(), b"x")]);
            held.open(&doc(&zip, &other, b"x")).expect("other");
        }
        assert_eq!(held.count(), KEEP);
        let err = held.range(&a, 0, 8).expect_err("changed");
        assert_eq!(err.code, ErrorCode::DocumentDamaged);
        assert_eq!(held.count(), KEEP, "nothing refused is held");
    }

    #[test]
    fn the_newest_documents_are_kept_within_the_limits() {
        let dir = tempfile::tempdir().expect("tmp");
        let held = HeldDocuments::new();
        let docs: Vec<Located> = (0..5)
            .map(|n| {
                let path = format!("docs/{n}.pdf");
                let body = format!("document {n}").into_bytes();
                let zip = package(dir.path(), &format!("{n}.zip"), &[(path.as_str(), &body)]);
                doc(&zip, &path, &body)
            })
            .collect();
        for d in &docs {
            held.open(d).expect("open");
        }
        assert_eq!(held.count(), KEEP);
        // Reading the oldest still held makes it the newest: docs[2] stays.
        held.range(&docs[2], 0, 1).expect("2");
        held.open(&docs[0]).expect("0 again");
        let keys: Vec<String> = held.held.lock().expect("lock").iter().map(|(k, _)| k.path().to_string()).collect();
        assert_eq!(keys, ["docs/0.pdf", "docs/2.pdf", "docs/4.pdf"]);
    }
}
