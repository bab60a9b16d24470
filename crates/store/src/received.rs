//! Reviews the chair received from the panel (docs/formats.md §4): the rows of
//! `received_reviews` and the PDFs under `received/<sha256>.pdf`. Only what
//! passed verification and the batch's checks comes here; the choice of
//! what counts is paneldesk-core's, this module only keeps it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::Serialize;

use crate::error::io_error;
use crate::{audit, Result, Store, StoreError};

pub const RECEIVED_DIR: &str = "received";

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReceivedReview {
    /// SHA-256 of the PDF file.
    pub sha256: String,
    pub batch_id: String,
    pub file_name: String,
    pub expert_id: String,
    pub package_id: String,
    pub phase: String,
    pub signed_at: String,
    pub signer_certificate_sha256: String,
    /// The embedded review.json, as signed.
    pub review_json: String,
    /// False once a later signed review of the same key replaced it.
    pub counts: bool,
    pub imported_at: String,
}

/// One accepted file to keep. The PDF is read again from `source` when it
/// is stored, and refused unless it still hashes to `sha256`: thousands of
/// reviews never have to sit in memory at once.
pub struct NewReceived<'a> {
    pub sha256: &'a str,
    pub file_name: &'a str,
    pub expert_id: &'a str,
    pub package_id: &'a str,
    pub phase: &'a str,
    pub signed_at: &'a str,
    pub signer_certificate_sha256: &'a str,
    pub review_json: &'a str,
    pub source: &'a Path,
    pub counts: bool,
}

/// Everything one import changes, written in one transaction.
pub struct ImportWrite<'a> {
    pub batch_id: &'a str,
    pub new: Vec<NewReceived<'a>>,
    /// Stored reviews that a newly imported one replaces.
    pub superseded: Vec<String>,
    /// Certificates pinned by this import (experts without a pin yet).
    pub pins: BTreeMap<String, String>,
    /// Valid signed conflict declarations: (expert id, package id, PDF SHA-256).
    pub recusals: Vec<(String, String, String)>,
    /// What the import did, for the audit log (counts, no rejected content).
    pub summary: serde_json::Value,
}

const COLUMNS: &str = "sha256, batch_id, file_name, expert_id, package_id, phase, signed_at,
    signer_certificate_sha256, review_json, counts, imported_at";

fn row(r: &rusqlite::Row) -> rusqlite::Result<ReceivedReview> {
    Ok(ReceivedReview {
        sha256: r.get(0)?,
        batch_id: r.get(1)?,
        file_name: r.get(2)?,
        expert_id: r.get(3)?,
        package_id: r.get(4)?,
        phase: r.get(5)?,
        signed_at: r.get(6)?,
        signer_certificate_sha256: r.get(7)?,
        review_json: r.get(8)?,
        counts: r.get(9)?,
        imported_at: r.get(10)?,
    })
}

impl Store {
    pub fn received_pdf_file(&self, sha256: &str) -> PathBuf {
        self.dir.join(RECEIVED_DIR).join(format!("{sha256}.pdf"))
    }

    /// Every review received for the batch, counting or superseded, by
    /// expert, package, phase and file hash.
    pub fn received(&self, batch_id: &str) -> Result<Vec<ReceivedReview>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM received_reviews WHERE batch_id = ?1
             ORDER BY expert_id, package_id, phase, sha256"
        ))?;
        let rows = stmt.query_map([batch_id], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (expert id, package id) of every signed conflict declaration received.
    pub fn recusals(&self, batch_id: &str) -> Result<Vec<(String, String)>> {
        let mut stmt =
            self.conn.prepare("SELECT expert_id, package_id FROM recusals WHERE batch_id = ?1 ORDER BY package_id")?;
        let rows = stmt.query_map([batch_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The received reviews that count, by the same order.
    pub fn counting(&self, batch_id: &str) -> Result<Vec<ReceivedReview>> {
        Ok(self.received(batch_id)?.into_iter().filter(|r| r.counts).collect())
    }

    /// The bytes of a received review.
    pub fn received_pdf(&self, sha256: &str) -> Result<Vec<u8>> {
        let path = self.received_pdf_file(sha256);
        std::fs::read(&path).map_err(|e| io_error(&path, &e))
    }

    /// Keeps an import: the PDFs first (content-addressed, so a crash leaves
    /// at most an unreferenced file), then every row, the superseded marks,
    /// the pins and the audit rows in one transaction.
    pub fn record_import(&mut self, w: &ImportWrite) -> Result<()> {
        let dir = self.dir.join(RECEIVED_DIR);
        crate::files::private_dir(&dir).map_err(|e| io_error(&dir, &e))?;
        write_pdfs(self, &w.new)?;
        let tx = self.conn.transaction()?;
        {
            let mut insert = tx.prepare(&format!(
                "INSERT OR IGNORE INTO received_reviews ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
            ))?;
            let at = crate::now();
            for n in &w.new {
                let added = insert.execute(params![
                    n.sha256,
                    w.batch_id,
                    n.file_name,
                    n.expert_id,
                    n.package_id,
                    n.phase,
                    n.signed_at,
                    n.signer_certificate_sha256,
                    n.review_json,
                    n.counts,
                    at
                ])?;
                if added == 1 {
                    let subject = format!("{}/{}/{}/{}", w.batch_id, n.package_id, n.expert_id, n.phase);
                    let detail = serde_json::json!({"pdf_sha256": n.sha256, "file": n.file_name, "counts": n.counts});
                    audit::append(&tx, "review.receive", &subject, &detail)?;
                }
            }
            let mut supersede = tx
                .prepare("UPDATE received_reviews SET counts = 0 WHERE sha256 = ?1 AND batch_id = ?2 AND counts = 1")?;
            for sha in &w.superseded {
                if supersede.execute(params![sha, w.batch_id])? == 1 {
                    audit::append(&tx, "review.supersede", w.batch_id, &serde_json::json!({"pdf_sha256": sha}))?;
                }
            }
            for (expert, cert) in &w.pins {
                let n = tx.execute(
                    "INSERT OR IGNORE INTO pinned_certificates (batch_id, expert_id, certificate_sha256, pinned_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![w.batch_id, expert, cert, crate::now()],
                )?;
                if n != 1 {
                    // Another import pinned this expert meanwhile: re-check.
                    return Err(StoreError::new(
                        "pin-changed",
                        format!("专家 {expert} 的证书在导入过程中已被固定。请重新导入"),
                        format!("expert {expert}'s certificate was pinned meanwhile. Import again"),
                    ));
                }
                audit::append(
                    &tx,
                    "certificate.pin",
                    &format!("{}/{expert}", w.batch_id),
                    &serde_json::json!({"certificate_sha256": cert}),
                )?;
            }
            for (expert, package, sha) in &w.recusals {
                let n = tx.execute(
                    "INSERT OR IGNORE INTO recusals (pdf_sha256, batch_id, package_id, expert_id, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![sha, w.batch_id, package, expert, crate::now()],
                )?;
                if n == 1 {
                    let subject = format!("{}/{package}/{expert}", w.batch_id);
                    audit::append(&tx, "review.recusal", &subject, &serde_json::json!({"pdf_sha256": sha}))?;
                }
            }
            audit::append(&tx, "chair.import", w.batch_id, &w.summary)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Writes each PDF under its hash (skipping those already there), each
/// synced, in parallel: thousands of small syncs are the import's slow part,
/// and they wait on the disk, not the CPU, so there are more threads than cores.
fn write_pdfs(store: &Store, new: &[NewReceived]) -> Result<()> {
    let todo: Vec<(PathBuf, &NewReceived)> =
        new.iter().map(|n| (store.received_pdf_file(n.sha256), n)).filter(|(p, _)| !p.exists()).collect();
    if todo.is_empty() {
        return Ok(());
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8) * 8;
    let chunk = todo.len().div_ceil(threads);
    let results: Vec<Result<()>> = std::thread::scope(|s| {
        let handles: Vec<_> = todo
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().try_for_each(|(path, n)| copy_checked(n, path))))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(StoreError::new("io", "写入评审意见文件时出错", "writing a review file failed"))
                })
            })
            .collect()
    });
    results.into_iter().collect::<Result<Vec<()>>>()?;
    let dir = store.dir.join(RECEIVED_DIR);
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Reads the accepted file again and stores it if it is still the same.
fn copy_checked(n: &NewReceived, dest: &Path) -> Result<()> {
    let bytes = std::fs::read(n.source).map_err(|e| io_error(n.source, &e))?;
    if paneldesk_core::package::sha256_hex(&bytes) != n.sha256 {
        return Err(StoreError::new(
            "file-changed",
            format!("文件 {} 在导入过程中被改动，本次导入未保存任何内容。请重新导入", n.file_name),
            format!("{} changed while it was being imported; nothing was kept. Import again", n.file_name),
        ));
    }
    write_synced(dest, &bytes)
}

/// A temporary sibling, synced, renamed into place; the directory is synced
/// once by the caller.
fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| io_error(path, &e);
    let mut f = crate::files::temp_beside(path).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.as_file().sync_all().map_err(io)?;
    f.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
