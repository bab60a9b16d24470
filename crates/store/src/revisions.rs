//! Corrected batches (formats.md §6): whether a batch with the id of one on
//! file may replace it, and what replacing does to each package's rows.

use paneldesk_core::batch::{Batch, BatchContents};
use paneldesk_core::manifest::Manifest;
use rusqlite::params;
use serde::Serialize;

use crate::batches::{insert_package, json, parse, Issuer};
use crate::{Result, StoreError};

/// A package whose file a correction changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangedPackage {
    pub package_id: String,
    pub old_sha256: String,
    pub new_sha256: String,
    pub old_manifest: Manifest,
}

pub(crate) struct Existing {
    pub(crate) file_sha256: String,
    pub(crate) revision: u32,
    pub(crate) kind: String,
    pub(crate) organizer_certificate_sha256: Option<String>,
}

/// The same id again is a correction only when it is a higher revision
/// signed by the organiser that signed the one on file, of the same kind.
pub(crate) fn check_revision(b: &Batch, e: &Existing, issuer: Option<&Issuer>) -> Result<()> {
    let same_signer = match (issuer, &e.organizer_certificate_sha256) {
        (Some(i), Some(pinned)) => i.certificate_sha256 == *pinned,
        _ => false,
    };
    if b.revision() <= e.revision {
        return Err(StoreError::new(
            "batch-conflict",
            format!(
                "已导入编号为 {} 的评审批次第 {} 版，此文件为第 {} 版但内容不同。请向市科技局确认应使用哪一份",
                b.id,
                e.revision,
                b.revision()
            ),
            format!(
                "revision {} of batch {} was imported before; this file is revision {} with other content. Ask the bureau which one is current",
                e.revision,
                b.id,
                b.revision()
            ),
        ));
    }
    if !same_signer {
        return Err(StoreError::new(
            "batch-conflict",
            format!("评审批次 {} 的更正版（第 {} 版）须由签发原批次的同一单位签名。请向市科技局索取正式签发的更正版", b.id, b.revision()),
            format!("a corrected batch {} (revision {}) must be signed by the organiser that signed the original. Ask the bureau for the signed correction", b.id, b.revision()),
        ));
    }
    if b.kind.as_str() != e.kind {
        return Err(StoreError::new(
            "batch-conflict",
            format!("更正版的评审类型（{}）与原批次（{}）不同，不能替换。请向市科技局确认", b.kind.as_str(), e.kind),
            format!(
                "the correction's kind ({}) differs from the original's ({}); it cannot replace it. Ask the bureau",
                b.kind.as_str(),
                e.kind
            ),
        ));
    }
    Ok(())
}

/// Applies a corrected batch to the package rows: unchanged packages keep
/// their generation (and so every review); a changed one moves to the
/// next generation, the old one kept in package_history; one that left is
/// withdrawn.
pub(crate) fn revise_packages(
    tx: &rusqlite::Transaction,
    contents: &BatchContents,
) -> Result<(Vec<ChangedPackage>, Vec<String>)> {
    let b = &contents.batch;
    let mut old: std::collections::BTreeMap<String, (String, String, i64, String)> = std::collections::BTreeMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT package_id, sha256, manifest, generation, verdict FROM packages WHERE batch_id = ?1")?;
        let rows =
            stmt.query_map([&b.id], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))))?;
        for row in rows {
            let (id, v) = row?;
            old.insert(id, v);
        }
    }
    let mut changed = Vec::new();
    for (i, p) in contents.packages.iter().enumerate() {
        match old.remove(&p.entry.id) {
            None => insert_package(tx, &b.id, i, p)?,
            Some((sha, _, _, _)) if sha == p.entry.sha256 => {
                tx.execute(
                    "UPDATE packages SET position = ?3, withdrawn = 0 WHERE batch_id = ?1 AND package_id = ?2",
                    params![b.id, p.entry.id, i as i64],
                )?;
            }
            Some((sha, manifest, generation, verdict)) => {
                tx.execute(
                    "INSERT INTO package_history (batch_id, package_id, generation, sha256, manifest, verdict, replaced_at, by_revision)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![b.id, p.entry.id, generation, sha, manifest, verdict, crate::now(), b.revision()],
                )?;
                tx.execute(
                    "UPDATE packages SET position = ?3, sha256 = ?4, manifest = ?5, formal_review = ?6, verdict = ?7,
                            generation = generation + 1, withdrawn = 0
                     WHERE batch_id = ?1 AND package_id = ?2",
                    params![
                        b.id,
                        p.entry.id,
                        i as i64,
                        p.entry.sha256,
                        json(&p.package.manifest),
                        json(&p.review),
                        p.review.verdict.as_str()
                    ],
                )?;
                changed.push(ChangedPackage {
                    package_id: p.entry.id.clone(),
                    old_sha256: sha,
                    new_sha256: p.entry.sha256.clone(),
                    old_manifest: parse(&manifest)?,
                });
            }
        }
    }
    let withdrawn: Vec<String> = old.into_keys().collect();
    for id in &withdrawn {
        tx.execute("UPDATE packages SET withdrawn = 1 WHERE batch_id = ?1 AND package_id = ?2", params![b.id, id])?;
    }
    Ok((changed, withdrawn))
}
