//! The audit log's head at the moment a file was signed (issue 13 item 7):
//! carried by review.json and consensus.json as `audit_head`, an addition
//! formats.md §0 allows ("unknown keys ignored"). Anyone holding the data
//! file can rewrite the whole hash chain; they cannot re-sign the files
//! that anchor it, so `verify-audit` checks the chain against them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    /// The log's last row when the file was signed.
    pub seq: i64,
    /// That row's hash (lowercase hex SHA-256).
    pub hash: String,
}
