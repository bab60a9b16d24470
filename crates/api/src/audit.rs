//! The data folder's audit log: a hash chain over every change, and the
//! stored reviews and signatures reconciled against it
//! (docs/security.md says what this proves and what it does not).

use paneldesk_store::audit;

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
}

impl AuditReport {
    /// Nothing was found wrong.
    pub fn ok(&self) -> bool {
        self.integrity_check && self.broken_at.is_none() && self.mismatched.is_empty()
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
        None
    }
}

/// Walks the chain, reconciles the tables and runs SQLite's integrity check.
pub fn verify(store: &Store) -> Result<AuditReport> {
    let report = audit::verify(store.conn())?;
    Ok(AuditReport {
        rows: report.rows,
        broken_at: report.broken_at,
        mismatched: report.mismatched,
        head: report.head,
        integrity_check: store.integrity_ok()?,
    })
}
