//! Importing reviews (docs/formats.md §4): every file verified as `verify` does,
//! in parallel, then checked against the batch and against what the store
//! already holds. Only accepted files are kept; every other is listed with
//! its reason. The outcome never depends on the order of the files or on
//! how many threads verified them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use paneldesk_core::batch::Batch;
use paneldesk_core::consolidate::{select, AcceptNew, Candidate};
use paneldesk_core::Msg;
use paneldesk_opinion::document::review_candidate;
use paneldesk_store::received::{ImportWrite, NewReceived, ReceivedReview};
use paneldesk_store::Store;
use serde::Serialize;

use super::{ApiError, ErrorCode, Result};

/// How far an import has come.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    /// Files verified so far.
    pub done: usize,
    /// Files to verify.
    pub total: usize,
}

/// A file that was not accepted, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// Its name.
    pub file: String,
    /// Why it was refused.
    pub reason: Msg,
}

/// What one import did, each list in file-name order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Kept and counting.
    pub accepted: Vec<String>,
    /// Kept as history: a later signed review of the same key counts.
    pub superseded: Vec<String>,
    /// Byte-identical to a file that counts (in this import or before).
    pub duplicates: Vec<String>,
    /// This very file (same name, same bytes) was imported before.
    pub already_imported: Vec<String>,
    /// Refused, each with its reason.
    pub rejected: Vec<Rejection>,
    /// Certificates pinned by this import, by expert id.
    pub new_pins: BTreeMap<String, String>,
    /// Certificates the roster does not name and nobody confirmed yet:
    /// (expert id, SHA-256), for the chair to compare and confirm.
    pub unconfirmed: Vec<(String, String)>,
}

/// The regular files of a folder (not its subfolders), by name.
pub fn files_in_folder(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        ApiError::unusable(
            ErrorCode::UnreadableFolder,
            format!("无法读取评审意见目录 {}：{}", dir.display(), paneldesk_core::reason::io_zh(&e)),
            format!("cannot read the reviews folder {}: {e}", dir.display()),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

/// Imports with one verifying thread per core.
pub fn import_files(
    store: &mut Store,
    batch: &Batch,
    files: &[PathBuf],
    accept: &AcceptNew,
    progress: &(dyn Fn(ImportProgress) + Sync),
) -> Result<ImportReport> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    import_files_with(store, batch, files, threads, accept, progress)
}

/// A file that verified, and where it is (read again when it is stored).
struct Verified {
    candidate: Candidate,
    path: PathBuf,
}

/// Imports verifying on `threads` threads (1: serially).
pub fn import_files_with(
    store: &mut Store,
    batch: &Batch,
    files: &[PathBuf],
    threads: usize,
    accept: &AcceptNew,
    progress: &(dyn Fn(ImportProgress) + Sync),
) -> Result<ImportReport> {
    let named: Vec<(String, PathBuf)> = files.iter().map(|p| (file_name(p), p.clone())).collect();
    import_named(store, batch, &named, threads, accept, progress)
}

/// As [`import_files_with`], each file under the name it is reported and
/// kept by (a ZIP's entry name for a file staged from a ZIP).
pub fn import_named(
    store: &mut Store,
    batch: &Batch,
    files: &[(String, PathBuf)],
    threads: usize,
    accept: &AcceptNew,
    progress: &(dyn Fn(ImportProgress) + Sync),
) -> Result<ImportReport> {
    let checked = verify_all(files, threads.max(1), progress);
    let mut report = ImportReport::default();
    let stored = store.received(&batch.id)?;
    let stored_names: BTreeMap<&str, &str> = stored.iter().map(|r| (r.sha256.as_str(), r.file_name.as_str())).collect();
    let mut sources: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut fresh = Vec::new();
    for (name, outcome) in checked {
        match outcome {
            Err(reason) => report.rejected.push(Rejection { file: name, reason }),
            Ok(v) => match stored_names.get(v.candidate.file_sha256.as_str()) {
                Some(&old) if old == name => report.already_imported.push(name),
                Some(_) => report.duplicates.push(name),
                // The same review (content and signer) in other bytes.
                None if stored.iter().any(|r| same_review(r, &v.candidate)) => report.duplicates.push(name),
                None => {
                    sources.entry(v.candidate.file_sha256.clone()).or_insert(v.path);
                    fresh.push(v.candidate);
                }
            },
        }
    }
    let pins = store.pins(&batch.id)?;
    let accept = with_own_certificate(store, batch, accept)?;
    let accept = &accept;
    let unknown: std::collections::BTreeSet<(String, String)> = fresh
        .iter()
        .map(|c| (c.doc.expert.expert_id.clone(), c.signer_certificate_sha256.clone()))
        .filter(|(e, _)| batch.expert(e).is_some_and(|m| m.certificate_sha256.is_none()) && !pins.contains_key(e))
        .collect();
    let sel = select(batch, fresh, &pins, accept);
    report.unconfirmed = unknown.into_iter().filter(|(e, sha)| sel.new_pins.get(e) != Some(sha)).collect();
    report.rejected.extend(sel.rejected.into_iter().map(|(file, reason)| Rejection { file, reason }));
    report.duplicates.extend(sel.duplicates);

    // The later signed of two reviews with the same key counts (§4), whether
    // the earlier one came in this import or before.
    let counting: BTreeMap<(String, String, String), &ReceivedReview> = stored
        .iter()
        .filter(|r| r.counts)
        .map(|r| ((r.expert_id.clone(), r.package_id.clone(), r.phase.clone()), r))
        .collect();
    let mut superseded_stored = Vec::new();
    let mut rows: Vec<(Candidate, bool)> = sel.superseded.into_iter().map(|c| (c, false)).collect();
    for c in sel.accepted {
        let key = (c.doc.expert.expert_id.clone(), c.doc.package_id.clone(), c.doc.phase.as_str().to_string());
        let counts = match counting.get(&key) {
            None => true,
            Some(old) => {
                let old_at = stored_signed_at(old)?;
                let newer = (c.doc.signed_at, &c.file_sha256) > (old_at, &old.sha256);
                if newer {
                    superseded_stored.push(old.sha256.clone());
                }
                newer
            }
        };
        rows.push((c, counts));
    }
    let jsons: Vec<String> = rows.iter().map(|(c, _)| serde_json::to_string(&c.doc).unwrap_or_default()).collect();
    let signed: Vec<String> = rows.iter().map(|(c, _)| c.doc.signed_at.to_rfc3339()).collect();
    let new: Vec<NewReceived> = rows
        .iter()
        .zip(jsons.iter().zip(&signed))
        .filter_map(|((c, counts), (json, at))| {
            Some(NewReceived {
                sha256: &c.file_sha256,
                file_name: &c.file,
                expert_id: &c.doc.expert.expert_id,
                package_id: &c.doc.package_id,
                phase: c.doc.phase.as_str(),
                signed_at: at,
                signer_certificate_sha256: &c.signer_certificate_sha256,
                review_json: json,
                source: sources.get(&c.file_sha256)?,
                counts: *counts,
            })
        })
        .collect();
    for (c, counts) in &rows {
        let list = if *counts { &mut report.accepted } else { &mut report.superseded };
        list.push(c.file.clone());
    }
    report.new_pins = sel.new_pins;
    report.accepted.sort();
    report.superseded.sort();
    report.duplicates.sort();
    report.already_imported.sort();
    report.rejected.sort_by(|a, b| a.file.cmp(&b.file).then_with(|| a.reason.zh.cmp(&b.reason.zh)));
    let summary = serde_json::json!({
        "files": files.len(),
        "accepted": report.accepted.len(),
        "superseded": report.superseded.len() + superseded_stored.len(),
        "duplicates": report.duplicates.len(),
        "already_imported": report.already_imported.len(),
        "rejected": report.rejected.len(),
    });
    if !new.is_empty() || !superseded_stored.is_empty() || !report.new_pins.is_empty() || !report.rejected.is_empty() {
        store.record_import(&ImportWrite {
            batch_id: &batch.id,
            new,
            superseded: superseded_stored,
            pins: report.new_pins.clone(),
            recusals: sel.recusals,
            summary,
        })?;
    }
    Ok(report)
}

/// A stored review with the same signer and the same review.json content.
fn same_review(stored: &ReceivedReview, c: &Candidate) -> bool {
    stored.signer_certificate_sha256 == c.signer_certificate_sha256
        && stored.package_id == c.doc.package_id
        && serde_json::from_str::<paneldesk_core::review_doc::ReviewDoc>(&stored.review_json).is_ok_and(|d| d == c.doc)
}

/// The chair's own review is signed with this folder's certificate: that
/// one needs no confirmation for the chair's own expert id.
fn with_own_certificate(store: &Store, batch: &Batch, accept: &AcceptNew) -> Result<AcceptNew> {
    let (Some(me), Some(keys)) = (store.profile()?, store.keys()?) else { return Ok(accept.clone()) };
    if batch.expert(&me.expert_id).is_none() {
        return Ok(accept.clone());
    }
    let own = (me.expert_id, keys.certificate_sha256);
    Ok(match accept {
        AcceptNew::All => AcceptNew::All,
        AcceptNew::Nothing => AcceptNew::Only([own].into()),
        AcceptNew::Only(set) => {
            let mut set = set.clone();
            set.insert(own);
            AcceptNew::Only(set)
        }
    })
}

fn stored_signed_at(r: &ReceivedReview) -> Result<paneldesk_core::time::Timestamp> {
    chrono::DateTime::parse_from_rfc3339(&r.signed_at).map_err(|e| {
        ApiError::unusable(
            ErrorCode::CorruptRow,
            format!("已导入的评审意见 {} 的签署时间无法读取", r.file_name),
            format!("the signing time of the imported review {} cannot be read: {e}", r.file_name),
        )
    })
}

type Checked = (String, std::result::Result<Verified, Msg>);

/// Reads and verifies every file, `threads` at a time; results in input
/// order, whatever order the threads finish in.
fn verify_all(files: &[(String, PathBuf)], threads: usize, progress: &(dyn Fn(ImportProgress) + Sync)) -> Vec<Checked> {
    let total = files.len();
    let done = AtomicUsize::new(0);
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Checked>> = (0..total).map(|_| None).collect();
    let parts: Vec<Vec<(usize, Checked)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(total.max(1)))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((name, path)) = files.get(i) else { break };
                        out.push((i, verify_one(name, path)));
                        let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                        progress(ImportProgress { done: d, total });
                    }
                    out
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    for (i, c) in parts.into_iter().flatten() {
        slots[i] = Some(c);
    }
    // A worker that panicked leaves its files without a result: say so.
    slots
        .into_iter()
        .zip(files)
        .map(|(slot, (name, _))| {
            slot.unwrap_or_else(|| {
                (name.clone(), Err(Msg::new("校验时发生内部错误，请重试", "an internal error while verifying; retry")))
            })
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// A signed review is a few hundred kilobytes; anything this large is not
/// one, and is refused before it is read into memory.
const MAX_REVIEW_BYTES: u64 = 64 * 1024 * 1024;

fn verify_one(name: &str, path: &Path) -> Checked {
    let name = name.to_string();
    // A regular file of at most 64 MiB: a device or FIFO dropped on the
    // window is refused, never read without end.
    let outcome = match crate::data::read_file(path, MAX_REVIEW_BYTES, "评审意见 PDF / review PDF") {
        Err(e) => Err(e.message),
        Ok(bytes) => review_candidate(&name, &bytes).map(|candidate| {
            let c = &candidate;
            super::seen::verified(&c.file_sha256, &c.signer_certificate_sha256, &c.doc);
            Verified { candidate, path: path.to_path_buf() }
        }),
    };
    (name, outcome)
}
