//! Imported batches and their packages. Package files are copied into the
//! data folder under their SHA-256, never under a name from the batch.

use std::fs::File;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use paneldesk_core::batch::{copy_package, read_batch_file, Batch, Progress};
use paneldesk_core::manifest::Manifest;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::error::io_error;
use crate::paths::PACKAGES_DIR;
use crate::{audit, Result, Store, StoreError};

#[derive(Clone, Debug, Serialize)]
pub struct ImportedBatch {
    pub id: String,
    pub title: String,
    pub packages: usize,
    /// False when the same batch file had been imported before.
    pub newly_imported: bool,
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

    /// Checks the batch as `check` does, copies its packages in, records it.
    pub fn import_batch(&mut self, path: &Path, progress: impl FnMut(Progress)) -> Result<ImportedBatch> {
        let (contents, file_sha) =
            read_batch_file(path, progress).map_err(|e| StoreError { code: "batch-refused", message: e.message })?;
        let b = &contents.batch;
        let existing: Option<String> =
            self.conn.query_row("SELECT file_sha256 FROM batches WHERE id = ?1", [&b.id], |r| r.get(0)).optional()?;
        match existing {
            Some(h) if h == file_sha => {
                return Ok(ImportedBatch {
                    id: b.id.clone(),
                    title: b.title.clone(),
                    packages: contents.packages.len(),
                    newly_imported: false,
                })
            }
            Some(_) => {
                return Err(StoreError::new(
                    "batch-conflict",
                    format!("已导入过编号为 {} 的另一份评审批次，内容不同。请向市科技局确认应使用哪一份", b.id),
                    format!(
                        "a different batch with id {} was imported before; ask the bureau which one is current",
                        b.id
                    ),
                ))
            }
            None => {}
        }
        for p in &contents.packages {
            self.copy_in(path, &p.entry.file, &p.entry.sha256)?;
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO batches (id, title, kind, deadline, batch_json, file_sha256, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![b.id, b.title, b.kind.as_str(), b.deadline.to_rfc3339(), json(b), file_sha, crate::now()],
        )?;
        for (i, p) in contents.packages.iter().enumerate() {
            tx.execute(
                "INSERT INTO packages (batch_id, package_id, position, sha256, manifest, formal_review, verdict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![b.id, p.entry.id, i as i64, p.entry.sha256, json(&p.package.manifest), json(&p.review), p.review.verdict.as_str()],
            )?;
        }
        audit::append(
            &tx,
            "batch.import",
            &b.id,
            &serde_json::json!({"file_sha256": file_sha, "packages": contents.packages.len()}),
        )?;
        tx.commit()?;
        Ok(ImportedBatch {
            id: b.id.clone(),
            title: b.title.clone(),
            packages: contents.packages.len(),
            newly_imported: true,
        })
    }

    /// Writes to a temporary file, checks the hash, syncs, then renames:
    /// a crash never leaves a partial package under its final name.
    fn copy_in(&self, batch_path: &Path, file: &str, sha256: &str) -> Result<()> {
        let target = self.package_file(sha256);
        if target.exists() {
            return Ok(());
        }
        let tmp = target.with_extension("part");
        let io = |e: std::io::Error| io_error(&tmp, &e);
        let mut out = File::create(&tmp).map_err(io)?;
        let reader = BufReader::new(File::open(batch_path).map_err(|e| io_error(batch_path, &e))?);
        let got = copy_package(reader, file, &mut out)
            .map_err(|e| StoreError { code: "batch-refused", message: e.message })?;
        out.flush().map_err(io)?;
        out.sync_all().map_err(io)?;
        if got != sha256 {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::new(
                "hash-mismatch",
                format!("材料包 {file} 复制后校验失败"),
                format!("package {file} failed its hash check after copying"),
            ));
        }
        std::fs::rename(&tmp, &target).map_err(io)
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
                 WHERE p.package_id = ?1 AND (?2 IS NULL OR p.batch_id = ?2)
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

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        StoreError::new(
            "corrupt-row",
            format!("数据文件中的记录无法读取：{e}。请运行 verify-audit 检查数据文件"),
            format!("a stored record cannot be read: {e}. Run verify-audit to check the data file"),
        )
    })
}
