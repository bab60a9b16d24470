//! The data folder's audit log: a hash chain over every change, the stored
//! reviews and signatures reconciled against it, and the chain checked
//! against the heads anchored in the files this folder signed
//! (docs/security.md says what this proves and what it does not).

use paneldesk_core::audit_head::AuditHead;
use paneldesk_store::audit;
use serde::Deserialize;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// What the check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditReport {
    /// Rows in the log.
    pub rows: i64,
    /// The first row whose hash does not follow from the one before.
    pub broken_at: Option<i64>,
    /// Stored reviews or signatures that differ from what the log recorded.
    pub mismatched: Vec<String>,
    /// The hash at the head of the chain.
    pub head: String,
    /// SQLite's own integrity check passed.
    pub integrity_check: bool,
    /// Signed files whose anchored head was checked against the log.
    pub anchors: u32,
    /// Signed files that are missing or changed, no longer verify, or
    /// anchor a head the log no longer has: `<sha256 prefix>: why`.
    pub anchor_problems: Vec<String>,
}

impl AuditReport {
    /// Nothing was found wrong.
    pub fn ok(&self) -> bool {
        self.integrity_check
            && self.broken_at.is_none()
            && self.mismatched.is_empty()
            && self.anchor_problems.is_empty()
    }

    /// What was found wrong, first things first, as the error to report.
    pub fn problem(&self) -> Option<ApiError> {
        if !self.integrity_check {
            return Some(ApiError::refused(
                ErrorCode::AuditBroken,
                "数据文件未通过 SQLite 完整性检查。请停止使用并保留该文件，联系技术支持",
                "the data file fails SQLite's integrity check. Stop using it, keep the file and contact support",
            ));
        }
        if let Some(seq) = self.broken_at {
            return Some(ApiError::refused(
                ErrorCode::AuditBroken,
                format!("审计日志第 {seq} 条记录被改动或删除：数据文件已被篡改。请保留该文件并报告专家组组长"),
                format!("audit log row {seq} was altered or removed: the data file has been tampered with. Keep it and tell the chair"),
            ));
        }
        if !self.mismatched.is_empty() {
            let list = self.mismatched.iter().take(5).cloned().collect::<Vec<_>>().join("; ");
            return Some(ApiError::refused(
                ErrorCode::AuditBroken,
                format!("评分或签名记录与审计日志不符（{list}）：数据文件已被篡改。请保留该文件并报告专家组组长"),
                format!("score or signature records differ from the audit log ({list}): the data file has been tampered with. Keep it and tell the chair"),
            ));
        }
        if !self.anchor_problems.is_empty() {
            let list = self.anchor_problems.iter().take(5).cloned().collect::<Vec<_>>().join("; ");
            return Some(ApiError::refused(
                ErrorCode::AuditBroken,
                format!("审计日志与本机签署文件中记录的日志状态不符（{list}）：日志已被改写。请保留该数据目录并报告专家组组长"),
                format!("the audit log disagrees with the state recorded in files signed here ({list}): the log was rewritten. Keep the data folder and tell the chair"),
            ));
        }
        None
    }
}

/// Walks the chain, reconciles the tables, checks the anchors and runs
/// SQLite's integrity check.
pub fn verify(store: &Store) -> Result<AuditReport> {
    let report = audit::verify(store.conn())?;
    let (anchors, anchor_problems) = anchors(store)?;
    Ok(AuditReport {
        rows: report.rows,
        broken_at: report.broken_at,
        mismatched: report.mismatched,
        head: report.head,
        integrity_check: store.integrity_ok()?,
        anchors,
        anchor_problems,
    })
}

/// The head a signed file anchored; files signed before anchoring have none.
#[derive(Deserialize)]
struct Anchored {
    #[serde(default)]
    audit_head: Option<AuditHead>,
}

/// Each file this folder signed is read again: it must be there, hash to
/// what was recorded and verify; the head it anchors (in its signed JSON,
/// which no one can change without the key) must be the log's row at that
/// sequence number. A chain rewritten from any row before that one cannot
/// have kept the row's hash.
fn anchors(store: &Store) -> Result<(u32, Vec<String>)> {
    let (mut checked, mut problems) = (0u32, Vec::new());
    for sha in store.own_signed_files()? {
        let short = &sha[..sha.len().min(12)];
        let Ok(bytes) = std::fs::read(store.signed_pdf_file(&sha)) else {
            problems.push(format!("{short}: missing"));
            continue;
        };
        if paneldesk_core::package::sha256_hex(&bytes) != sha {
            problems.push(format!("{short}: changed"));
            continue;
        }
        let document = paneldesk_opinion::document::check_document(&bytes).ok().filter(|d| d.valid());
        let Some(json) = document.and_then(|d| d.json) else {
            problems.push(format!("{short}: does not verify"));
            continue;
        };
        let Some(head) = serde_json::from_slice::<Anchored>(&json).ok().and_then(|a| a.audit_head) else { continue };
        checked += 1;
        if store.audit_hash_at(head.seq)?.as_deref() != Some(head.hash.as_str()) {
            problems.push(format!("{short}: audit row {} differs from the head it anchored", head.seq));
        }
    }
    Ok((checked, problems))
}

/// The check the window runs at start: Ok, or what was found wrong.
pub fn check(store: &Store) -> Result<()> {
    verify(store)?.problem().map_or(Ok(()), Err)
}
