//! The audit log: every change is a row whose hash covers its content and
//! the previous row's hash, so an edit or deletion anywhere breaks the chain.

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::Result;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn row_hash(prev: &str, seq: i64, at: &str, action: &str, subject: &str, detail: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, &seq.to_string(), at, action, subject, detail] {
        h.update((part.len() as u64).to_be_bytes()); // length-prefixed: no ambiguity
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends a row inside the caller's transaction.
pub(crate) fn append(tx: &Transaction, action: &str, subject: &str, detail: &serde_json::Value) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_string()),
    };
    let at = crate::now();
    let detail = detail.to_string();
    let hash = row_hash(&prev, seq, &at, action, subject, &detail);
    tx.execute(
        "INSERT INTO audit_log (seq, at, action, subject, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, at, action, subject, detail, prev, hash],
    )?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub rows: i64,
    /// The first row whose hash or link does not verify.
    pub broken_at: Option<i64>,
    pub head: String,
}

impl AuditReport {
    pub fn ok(&self) -> bool {
        self.broken_at.is_none()
    }
}

/// Walks the whole chain from the first row.
pub fn verify(conn: &Connection) -> Result<AuditReport> {
    let mut stmt =
        conn.prepare("SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    let (mut expect_seq, mut prev, mut count) = (1i64, GENESIS.to_string(), 0i64);
    while let Some(r) = rows.next()? {
        let (seq, at, action, subject, detail, prev_hash, hash): (i64, String, String, String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?);
        count += 1;
        if seq != expect_seq || prev_hash != prev || row_hash(&prev, seq, &at, &action, &subject, &detail) != hash {
            return Ok(AuditReport { rows: count, broken_at: Some(seq), head: prev });
        }
        expect_seq += 1;
        prev = hash;
    }
    Ok(AuditReport { rows: count, broken_at: None, head: prev })
}
