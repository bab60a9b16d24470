//! The audit log: every change is a row whose hash covers its content and
//! the previous row's hash, so an edit or deletion anywhere breaks the chain.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use paneldesk_core::audit_head::AuditHead;

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

/// Appends a row inside the caller's transaction, after the write it
/// describes: a write to a covered table also logs the digest of the rows
/// it left (`rows.rs`).
pub(crate) fn append(tx: &Transaction, action: &str, subject: &str, detail: &serde_json::Value) -> Result<()> {
    let mut detail = detail.clone();
    if let Some(key) = crate::rows::key_of(action, subject, &detail) {
        let digest = crate::rows::digest(tx, action, &key)?;
        if let Some(map) = detail.as_object_mut() {
            map.insert("rows_sha256".to_string(), digest.into());
        }
    }
    let detail = &detail;
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
    /// Score sheets and signatures that differ from what the log recorded
    /// when they were saved: `<subject> r<revision>: changed|deleted|not logged`.
    pub mismatched: Vec<String>,
}

impl AuditReport {
    pub fn ok(&self) -> bool {
        self.broken_at.is_none() && self.mismatched.is_empty()
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
            return Ok(AuditReport { rows: count, broken_at: Some(seq), head: prev, mismatched: Vec::new() });
        }
        expect_seq += 1;
        prev = hash;
    }
    let mut mismatched = reconcile(conn)?;
    mismatched.extend(crate::rows::reconcile(conn)?);
    mismatched.sort();
    Ok(AuditReport { rows: count, broken_at: None, head: prev, mismatched })
}

/// The chain proves the log unaltered; this proves the tables it describes
/// match it. Anyone holding the file can drop the append-only triggers and
/// edit a score, reorder revisions or delete a row: each leaves a sheet
/// whose hash is not the logged one, a logged save with no sheet, or a
/// sheet the log never saw.
fn reconcile(conn: &Connection) -> Result<Vec<String>> {
    let mut logged: HashMap<(String, i64), String> = HashMap::new();
    let mut signed: HashMap<i64, String> = HashMap::new();
    let mut stmt =
        conn.prepare("SELECT action, subject, detail FROM audit_log WHERE action IN ('review.save', 'review.sign')")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (action, subject, detail): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let d: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        let sha = |k: &str| d[k].as_str().unwrap_or_default().to_string();
        match (action.as_str(), d["revision"].as_i64(), d["review_id"].as_i64()) {
            ("review.save", Some(rev), _) => {
                logged.insert((subject, rev), sha("sheet_sha256"));
            }
            ("review.sign", _, Some(id)) => {
                signed.insert(id, sha("pdf_sha256"));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut stmt =
        conn.prepare("SELECT batch_id, package_id, expert_id, phase, revision, sheet FROM reviews ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (b, p, e, ph, rev, sheet): (String, String, String, String, i64, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let subject = format!("{b}/{p}/{e}/{ph}");
        match logged.remove(&(subject.clone(), rev)) {
            Some(sha) if sha == paneldesk_core::package::sha256_hex(sheet.as_bytes()) => {}
            Some(_) => out.push(format!("{subject} r{rev}: changed")),
            None => out.push(format!("{subject} r{rev}: not logged")),
        }
    }
    out.extend(logged.into_keys().map(|(subject, rev)| format!("{subject} r{rev}: deleted")));
    let mut stmt = conn.prepare("SELECT review_id, pdf_sha256 FROM signatures")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, sha): (i64, String) = (r.get(0)?, r.get(1)?);
        match signed.remove(&id) {
            Some(logged) if logged == sha => {}
            Some(_) => out.push(format!("signature of review {id}: changed")),
            None => out.push(format!("signature of review {id}: not logged")),
        }
    }
    out.extend(signed.into_keys().map(|id| format!("signature of review {id}: deleted")));
    out.sort();
    Ok(out)
}

impl crate::Store {
    /// The log's last row, to be anchored in a file about to be signed.
    pub fn audit_head(&self) -> Result<Option<AuditHead>> {
        Ok(self
            .conn
            .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok(AuditHead { seq: r.get(0)?, hash: r.get(1)? })
            })
            .optional()?)
    }

    /// The hash the log holds at `seq`, if that row exists.
    pub fn audit_hash_at(&self, seq: i64) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT hash FROM audit_log WHERE seq = ?1", [seq], |r| r.get(0)).optional()?)
    }

    /// The SHA-256 of every file this folder signed, as recorded: its
    /// reviews (every revision) and its 专家组意见.
    pub fn own_signed_files(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT pdf_sha256 FROM signatures UNION SELECT pdf_sha256 FROM consensus_signatures ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
