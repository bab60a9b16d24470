//! Imported batches and their packages. Package files are copied into the
//! data folder under their SHA-256, never under a name from the batch.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use paneldesk_core::batch::{copy_package, read_batch_file, Batch, BatchContents, CheckedPackage, Progress};
use paneldesk_core::manifest::Manifest;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::io_error;
use crate::paths::PACKAGES_DIR;
pub use crate::revisions::ChangedPackage;
use crate::revisions::{check_revision, revise_packages, Existing};
use crate::{audit, Result, Store, StoreError};

#[derive(Clone, Debug, Serialize)]
pub struct ImportedBatch {
    pub id: String,
    pub title: String,
    pub packages: usize,
    /// False when the same batch file had been imported before.
    pub newly_imported: bool,
    pub revision: u32,
    /// For a corrected batch: packages whose file changed (their work
    /// starts afresh) and packages that left the batch.
    pub changed: Vec<ChangedPackage>,
    pub withdrawn: Vec<String>,
}

/// The organiser whose signature the caller verified (formats.md §6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issuer {
    pub organizer_id: String,
    pub name: String,
    pub certificate_sha256: String,
}

/// A pinned organiser certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrganizerPin {
    pub organizer_id: String,
    pub name: String,
    pub certificate_sha256: String,
    pub pinned_at: String,
}

#[derive(Clone, Debug)]
pub struct StoredPackage {
    pub batch_id: String,
    pub package_id: String,
    pub sha256: String,
    pub manifest: Manifest,
    pub verdict: String,
    pub formal_review: serde_json::Value,
}

impl Store {
    pub fn package_file(&self, sha256: &str) -> PathBuf {
        self.dir.join(PACKAGES_DIR).join(format!("{sha256}.zip"))
    }

    /// Reads and records an unsigned batch. A signed one must come through
    /// `record_batch`, after its signature was verified.
    pub fn import_batch(&mut self, path: &Path, progress: impl FnMut(Progress)) -> Result<ImportedBatch> {
        let (contents, file_sha) = read_batch_file(path, progress).map_err(StoreError::from_archive)?;
        if contents.signature.is_some() {
            return Err(StoreError::new(
                "batch-signature-unchecked",
                "该评审批次带有签发签名，须先验证签名再导入",
                "this batch is signed; its signature must be verified before it is imported",
            ));
        }
        self.record_batch(path, &contents, &file_sha, None)
    }

    pub fn organizer_pin(&self, organizer_id: &str) -> Result<Option<OrganizerPin>> {
        Ok(self
            .conn
            .query_row(
                "SELECT organizer_id, name, certificate_sha256, pinned_at FROM organizer_pins WHERE organizer_id = ?1",
                [organizer_id],
                |r| {
                    Ok(OrganizerPin {
                        organizer_id: r.get(0)?,
                        name: r.get(1)?,
                        certificate_sha256: r.get(2)?,
                        pinned_at: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records a checked batch: new, the same file again (nothing to do),
    /// or a higher revision by the same organiser, which replaces it
    /// (formats.md §6). `issuer` is pinned when not pinned yet.
    pub fn record_batch(
        &mut self,
        path: &Path,
        contents: &BatchContents,
        file_sha: &str,
        issuer: Option<&Issuer>,
    ) -> Result<ImportedBatch> {
        let b = &contents.batch;
        let existing = self.existing(&b.id)?;
        let mut out = ImportedBatch {
            id: b.id.clone(),
            title: b.title.clone(),
            packages: contents.packages.len(),
            newly_imported: true,
            revision: b.revision(),
            changed: Vec::new(),
            withdrawn: Vec::new(),
        };
        if let Some(e) = &existing {
            if e.file_sha256 == file_sha {
                out.newly_imported = false;
                return Ok(out);
            }
            check_revision(b, e, issuer)?;
        }
        if let Some(i) = issuer {
            if let Some(pin) = self.organizer_pin(&i.organizer_id)? {
                if pin.certificate_sha256 != i.certificate_sha256 {
                    return Err(organizer_mismatch(&pin, i));
                }
            }
        }
        for p in &contents.packages {
            self.copy_in(path, &p.entry.file, &p.entry.sha256)?;
        }
        let tx = self.conn.transaction()?;
        if let Some(i) = issuer {
            tx.execute(
                "INSERT OR IGNORE INTO organizer_pins (organizer_id, name, certificate_sha256, pinned_at) VALUES (?1, ?2, ?3, ?4)",
                params![i.organizer_id, i.name, i.certificate_sha256, crate::now()],
            )?;
        }
        let (org, org_sha) = (issuer.map(|i| &i.organizer_id), issuer.map(|i| &i.certificate_sha256));
        if existing.is_some() {
            tx.execute(
                "UPDATE batches SET title = ?2, deadline = ?3, batch_json = ?4, file_sha256 = ?5, revision = ?6,
                        organizer_id = ?7, organizer_certificate_sha256 = ?8 WHERE id = ?1",
                params![b.id, b.title, b.deadline.to_rfc3339(), json(b), file_sha, b.revision(), org, org_sha],
            )?;
            (out.changed, out.withdrawn) = revise_packages(&tx, contents)?;
        } else {
            tx.execute(
                "INSERT INTO batches (id, title, kind, deadline, batch_json, file_sha256, imported_at, revision, organizer_id, organizer_certificate_sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![b.id, b.title, b.kind.as_str(), b.deadline.to_rfc3339(), json(b), file_sha, crate::now(), b.revision(), org, org_sha],
            )?;
            for (i, p) in contents.packages.iter().enumerate() {
                insert_package(&tx, &b.id, i, p)?;
            }
        }
        tx.execute(
            "INSERT INTO batch_history (batch_id, revision, batch_json, file_sha256, imported_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![b.id, b.revision(), json(b), file_sha, crate::now()],
        )?;
        let detail = serde_json::json!({
            "file_sha256": file_sha,
            "packages": contents.packages.len(),
            "revision": b.revision(),
            "organizer": issuer,
            "changed": out.changed.iter().map(|c| &c.package_id).collect::<Vec<_>>(),
            "withdrawn": out.withdrawn,
        });
        let action = if existing.is_some() { "batch.revise" } else { "batch.import" };
        audit::append(&tx, action, &b.id, &detail)?;
        tx.commit()?;
        Ok(out)
    }

    pub(crate) fn existing(&self, id: &str) -> Result<Option<Existing>> {
        Ok(self
            .conn
            .query_row(
                "SELECT file_sha256, revision, kind, organizer_certificate_sha256 FROM batches WHERE id = ?1",
                [id],
                |r| {
                    Ok(Existing {
                        file_sha256: r.get(0)?,
                        revision: r.get(1)?,
                        kind: r.get(2)?,
                        organizer_certificate_sha256: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Writes to a temporary file, checks the hash, syncs, then renames:
    /// a crash never leaves a partial package under its final name.
    fn copy_in(&self, batch_path: &Path, file: &str, sha256: &str) -> Result<()> {
        let target = self.package_file(sha256);
        if target.exists() {
            return Ok(());
        }
        let io = |e: std::io::Error| io_error(&target, &e);
        let mut out = crate::files::temp_beside(&target).map_err(io)?;
        let reader = BufReader::new(File::open(batch_path).map_err(|e| io_error(batch_path, &e))?);
        let got = copy_package(reader, file, &mut out).map_err(StoreError::from_archive)?;
        out.flush().map_err(io)?;
        out.as_file().sync_all().map_err(io)?;
        if got != sha256 {
            // Dropping the temporary file removes it.
            return Err(StoreError::new(
                "hash-mismatch",
                format!("材料包 {file} 复制后校验失败"),
                format!("package {file} failed its hash check after copying"),
            ));
        }
        out.persist(&target).map_err(|e| io(e.error))?;
        Ok(())
    }

    pub fn batch(&self, id: &str) -> Result<Option<Batch>> {
        let text: Option<String> =
            self.conn.query_row("SELECT batch_json FROM batches WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        text.map(|t| parse(&t)).transpose()
    }

    /// The package with this id; with several batches, the latest imported.
    pub fn find_package(&self, package_id: &str, batch_id: Option<&str>) -> Result<Option<StoredPackage>> {
        let row = self
            .conn
            .query_row(
                "SELECT p.batch_id, p.package_id, p.sha256, p.manifest, p.verdict, p.formal_review
                 FROM packages p JOIN batches b ON b.id = p.batch_id
                 WHERE p.package_id = ?1 AND (?2 IS NULL OR p.batch_id = ?2) AND p.withdrawn = 0
                 ORDER BY b.imported_at DESC, b.rowid DESC LIMIT 1",
                params![package_id, batch_id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((batch_id, package_id, sha256, manifest, verdict, formal)) = row else { return Ok(None) };
        Ok(Some(StoredPackage {
            batch_id,
            package_id,
            sha256,
            manifest: parse(&manifest)?,
            verdict,
            formal_review: parse(&formal)?,
        }))
    }
}

fn organizer_mismatch(pin: &OrganizerPin, i: &Issuer) -> StoreError {
    StoreError::new(
        "organizer-mismatch",
        format!(
            "签发单位 {} 的证书（SHA-256 {}）不是此前确认的证书（{}）。该批次可能不是该单位签发的，未导入。请向市科技局核实",
            i.organizer_id, i.certificate_sha256, pin.certificate_sha256
        ),
        format!(
            "organiser {}'s certificate (SHA-256 {}) is not the one confirmed before ({}). The batch may not come from them; nothing was imported. Check with the bureau",
            i.organizer_id, i.certificate_sha256, pin.certificate_sha256
        ),
    )
}

pub(crate) fn insert_package(
    tx: &rusqlite::Transaction,
    batch_id: &str,
    position: usize,
    p: &CheckedPackage,
) -> Result<()> {
    tx.execute(
        "INSERT INTO packages (batch_id, package_id, position, sha256, manifest, formal_review, verdict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![batch_id, p.entry.id, position as i64, p.entry.sha256, json(&p.package.manifest), json(&p.review), p.review.verdict.as_str()],
    )?;
    Ok(())
}

pub(crate) fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        StoreError::new(
            "corrupt-row",
            format!(
                "数据文件中的记录无法读取：{}。请运行 verify-audit 检查数据文件",
                paneldesk_core::reason::json_zh(&e)
            ),
            format!("a stored record cannot be read: {e}. Run verify-audit to check the data file"),
        )
    })
}
