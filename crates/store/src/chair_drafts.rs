//! The chair's working state per batch: drafts of the panel opinion and the
//! flag reasons, the ranking's tie-break, and the signed 专家组意见.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::{audit, Result, Store, StoreError};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChairDraft {
    /// None until the chair edits it (the experts' draft is shown then).
    pub opinion: Option<String>,
    /// Reason per flag, keyed by the flag (e.g. `criterion_spread:plan`).
    pub flag_reasons: BTreeMap<String, String>,
    pub saved_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConsensusSignature {
    pub pdf_sha256: String,
    pub package_id: String,
    pub signed_at: String,
    pub consensus_json_sha256: String,
}

fn corrupt(e: serde_json::Error) -> StoreError {
    StoreError::new(
        "corrupt-row",
        format!("组长草稿无法读取：{}", paneldesk_core::reason::json_zh(&e)),
        format!("a chair's draft cannot be read: {e}"),
    )
}

impl Store {
    pub fn chair_draft(&self, batch_id: &str, package_id: &str) -> Result<ChairDraft> {
        let row: Option<(Option<String>, String, String)> = self
            .conn
            .query_row(
                "SELECT opinion, flag_reasons, saved_at FROM chair_drafts WHERE batch_id = ?1 AND package_id = ?2",
                params![batch_id, package_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((opinion, reasons, saved_at)) = row else { return Ok(ChairDraft::default()) };
        Ok(ChairDraft {
            opinion,
            flag_reasons: serde_json::from_str(&reasons).map_err(corrupt)?,
            saved_at: Some(saved_at),
        })
    }

    /// Replaces the package's draft; audited with the text's hash.
    pub fn save_chair_draft(&mut self, batch_id: &str, package_id: &str, draft: &ChairDraft) -> Result<ChairDraft> {
        let reasons = serde_json::to_string(&draft.flag_reasons).map_err(corrupt)?;
        let saved_at = crate::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO chair_drafts (batch_id, package_id, opinion, flag_reasons, saved_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![batch_id, package_id, draft.opinion, reasons, saved_at],
        )?;
        let hash = |s: &str| paneldesk_core::package::sha256_hex(s.as_bytes());
        let detail = serde_json::json!({
            "opinion_sha256": draft.opinion.as_deref().map(hash),
            "flag_reasons_sha256": hash(&reasons),
        });
        audit::append(&tx, "chair.draft", &format!("{batch_id}/{package_id}"), &detail)?;
        tx.commit()?;
        Ok(ChairDraft { saved_at: Some(saved_at), ..draft.clone() })
    }

    /// Keeps a signed 专家组意见 under signed/<sha256>.pdf and records it.
    pub fn record_consensus(
        &mut self,
        batch_id: &str,
        package_id: &str,
        pdf: &[u8],
        consensus_json_sha256: &str,
    ) -> Result<ConsensusSignature> {
        let pdf_sha256 = paneldesk_core::package::sha256_hex(pdf);
        crate::files::write_atomically(&self.signed_pdf_file(&pdf_sha256), pdf)?;
        let signed_at = crate::now();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR IGNORE INTO consensus_signatures (pdf_sha256, batch_id, package_id, signed_at, consensus_json_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![pdf_sha256, batch_id, package_id, signed_at, consensus_json_sha256],
        )?;
        let detail = serde_json::json!({"pdf_sha256": pdf_sha256, "consensus_json_sha256": consensus_json_sha256});
        audit::append(&tx, "consensus.sign", &format!("{batch_id}/{package_id}"), &detail)?;
        tx.commit()?;
        Ok(ConsensusSignature {
            pdf_sha256,
            package_id: package_id.to_string(),
            signed_at,
            consensus_json_sha256: consensus_json_sha256.to_string(),
        })
    }

    /// The latest signed 专家组意见 per package.
    pub fn consensus_signatures(&self, batch_id: &str) -> Result<BTreeMap<String, ConsensusSignature>> {
        let mut stmt = self.conn.prepare(
            "SELECT pdf_sha256, package_id, signed_at, consensus_json_sha256 FROM consensus_signatures
             WHERE batch_id = ?1 ORDER BY signed_at, rowid",
        )?;
        let rows = stmt.query_map([batch_id], |r| {
            Ok(ConsensusSignature {
                pdf_sha256: r.get(0)?,
                package_id: r.get(1)?,
                signed_at: r.get(2)?,
                consensus_json_sha256: r.get(3)?,
            })
        })?;
        let mut out = BTreeMap::new();
        for s in rows {
            let s = s?;
            out.insert(s.package_id.clone(), s);
        }
        Ok(out)
    }
}
