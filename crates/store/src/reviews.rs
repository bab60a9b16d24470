//! Score sheets, append-only: every save is a new revision under a unique
//! index, the latest is the one shown, and a signed one never changes. A
//! revision saved after a signed one is a 复议 (formats.md §7): signed in
//! turn, it names the signed file it replaces.

use paneldesk_core::sheet::{Phase, Sheet};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{audit, Result, Store, StoreError};

#[derive(Clone, Debug, Serialize)]
pub struct SavedReview {
    pub id: i64,
    pub revision: i64,
    pub saved_at: String,
    pub sheet: Sheet,
    pub signed: bool,
}

/// One signed revision of a review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SignedRevision {
    pub revision: i64,
    pub signed_at: String,
    pub pdf_sha256: String,
    /// The signed file this 复议 replaces; None on a first signature.
    pub supersedes: Option<String>,
    pub revision_reason: Option<String>,
}

/// Which review: a package, an expert and a phase.
#[derive(Clone, Copy, Debug)]
pub struct ReviewKey<'a> {
    pub batch_id: &'a str,
    pub package_id: &'a str,
    pub expert_id: &'a str,
    pub phase: Phase,
}

impl Store {
    /// Saves a new revision; returns it once it is durably committed.
    pub fn save_review(&mut self, key: ReviewKey, sheet: &Sheet) -> Result<SavedReview> {
        if sheet.phase != key.phase {
            return Err(StoreError::new(
                "phase-mismatch",
                "评分表的阶段与所选阶段不符",
                "the sheet's phase is not the one chosen",
            ));
        }
        let text = serde_json::to_string(sheet).unwrap_or_default();
        // IMMEDIATE: take the write lock first, so that another writer makes
        // this wait (busy timeout) rather than fail at once on the upgrade.
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let conflict_signed: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM signatures s JOIN reviews r ON r.id = s.review_id
             WHERE r.batch_id = ?1 AND r.package_id = ?2 AND r.expert_id = ?3 AND r.phase = ?4
               AND json_extract(r.sheet, '$.conflict_of_interest.declared') = 1
               AND r.generation = (SELECT generation FROM packages p WHERE p.batch_id = r.batch_id AND p.package_id = r.package_id))",
            params![key.batch_id, key.package_id, key.expert_id, key.phase.as_str()],
            |r| r.get(0),
        )?;
        if conflict_signed {
            return Err(StoreError::new(
                "review-signed",
                "已签署的回避声明不能再修改。如声明有误，请联系专家组组长",
                "a signed conflict-of-interest declaration is final; if it was a mistake, contact the panel chair",
            ));
        }
        let revision: i64 = tx.query_row(
            "SELECT COALESCE(MAX(revision), 0) + 1 FROM reviews
             WHERE batch_id = ?1 AND package_id = ?2 AND expert_id = ?3 AND phase = ?4",
            params![key.batch_id, key.package_id, key.expert_id, key.phase.as_str()],
            |r| r.get(0),
        )?;
        let saved_at = crate::now();
        // Revisions count on across generations (one unique index); the
        // row joins the package's current generation.
        tx.execute(
            "INSERT INTO reviews (batch_id, package_id, expert_id, phase, revision, saved_at, sheet, generation)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                     (SELECT generation FROM packages WHERE batch_id = ?1 AND package_id = ?2))",
            params![key.batch_id, key.package_id, key.expert_id, key.phase.as_str(), revision, saved_at, text],
        )?;
        let id = tx.last_insert_rowid();
        let subject = format!("{}/{}/{}/{}", key.batch_id, key.package_id, key.expert_id, key.phase.as_str());
        let detail = serde_json::json!({
            "revision": revision,
            "total": sheet.total(),
            "conflict_declared": sheet.conflict_of_interest.declared,
            "sheet_sha256": paneldesk_core::package::sha256_hex(text.as_bytes()),
        });
        audit::append(&tx, "review.save", &subject, &detail)?;
        tx.commit()?;
        Ok(SavedReview { id, revision, saved_at, sheet: sheet.clone(), signed: false })
    }

    pub fn latest_review(&self, key: ReviewKey) -> Result<Option<SavedReview>> {
        let row = self
            .conn
            .query_row(
                "SELECT r.id, r.revision, r.saved_at, r.sheet, s.review_id IS NOT NULL FROM reviews r
                 LEFT JOIN signatures s ON s.review_id = r.id
                 WHERE r.batch_id = ?1 AND r.package_id = ?2 AND r.expert_id = ?3 AND r.phase = ?4
                   AND r.generation = (SELECT generation FROM packages p WHERE p.batch_id = r.batch_id AND p.package_id = r.package_id)
                 ORDER BY r.revision DESC LIMIT 1",
                params![key.batch_id, key.package_id, key.expert_id, key.phase.as_str()],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, bool>(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, revision, saved_at, text, signed)) = row else { return Ok(None) };
        let sheet = serde_json::from_str(&text).map_err(|e| {
            StoreError::new(
                "corrupt-row",
                format!("评分记录无法读取：{}", paneldesk_core::reason::json_zh(&e)),
                format!("a saved sheet cannot be read: {e}"),
            )
        })?;
        Ok(Some(SavedReview { id, revision, saved_at, sheet, signed }))
    }

    /// Keeps the signed PDF in the data folder and marks the revision as
    /// signed: from then on it never changes. `supersedes` is the signed
    /// file a 复议 replaces, with its reason.
    pub fn mark_signed(
        &mut self,
        review_id: i64,
        pdf: &[u8],
        review_json_sha256: &str,
        supersedes: Option<(&str, &str)>,
    ) -> Result<()> {
        let pdf_sha256 = paneldesk_core::package::sha256_hex(pdf);
        crate::files::write_atomically(&self.signed_pdf_file(&pdf_sha256), pdf)?;
        let tx = self.conn.transaction()?;
        let signed_at = crate::now();
        let (replaced, reason) = (supersedes.map(|s| s.0), supersedes.map(|s| s.1));
        tx.execute(
            "INSERT INTO signatures (review_id, signed_at, pdf_sha256, review_json_sha256, supersedes, revision_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![review_id, signed_at, pdf_sha256, review_json_sha256, replaced, reason],
        )?;
        let detail = serde_json::json!({
            "review_id": review_id,
            "pdf_sha256": pdf_sha256,
            "review_json_sha256": review_json_sha256,
            "supersedes": replaced,
        });
        audit::append(&tx, "review.sign", &review_id.to_string(), &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// Every signed revision of a review, oldest first (the 复议 history).
    pub fn signed_history(&self, key: ReviewKey) -> Result<Vec<SignedRevision>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.revision, s.signed_at, s.pdf_sha256, s.supersedes, s.revision_reason
             FROM signatures s JOIN reviews r ON r.id = s.review_id
             WHERE r.batch_id = ?1 AND r.package_id = ?2 AND r.expert_id = ?3 AND r.phase = ?4
               AND r.generation = (SELECT generation FROM packages p WHERE p.batch_id = r.batch_id AND p.package_id = r.package_id)
             ORDER BY r.revision",
        )?;
        let rows = stmt.query_map(params![key.batch_id, key.package_id, key.expert_id, key.phase.as_str()], |r| {
            Ok(SignedRevision {
                revision: r.get(0)?,
                signed_at: r.get(1)?,
                pdf_sha256: r.get(2)?,
                supersedes: r.get(3)?,
                revision_reason: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn signed_pdf_file(&self, pdf_sha256: &str) -> std::path::PathBuf {
        self.dir.join(crate::paths::SIGNED_DIR).join(format!("{pdf_sha256}.pdf"))
    }

    /// The latest signed PDF of a review, if it was signed.
    pub fn signed_pdf(&self, key: ReviewKey) -> Result<Option<std::path::PathBuf>> {
        let sha: Option<String> = self
            .conn
            .query_row(
                "SELECT s.pdf_sha256 FROM signatures s JOIN reviews r ON r.id = s.review_id
                 WHERE r.batch_id = ?1 AND r.package_id = ?2 AND r.expert_id = ?3 AND r.phase = ?4
                   AND r.generation = (SELECT generation FROM packages p WHERE p.batch_id = r.batch_id AND p.package_id = r.package_id)
                 ORDER BY r.revision DESC LIMIT 1",
                params![key.batch_id, key.package_id, key.expert_id, key.phase.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(sha.map(|h| self.signed_pdf_file(&h)))
    }
}
