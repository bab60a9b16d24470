//! The audit log's hold on every table that holds a decision: each audited
//! write logs `rows_sha256`, a digest of the rows it left (computed by the
//! same query `reconcile` runs later), so an edit, insertion or deletion
//! made behind the app's back shows as a mismatch in `verify-audit`.
//! Reviews and their signatures are reconciled in `audit.rs`.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, ToSql};
use sha2::{Digest, Sha256};

use crate::Result;

/// A covered table: the actions that log it, how a log row names its key,
/// the rows behind a key, and every key present.
struct Family {
    name: &'static str,
    actions: &'static [&'static str],
    /// The key is the log row's subject, or this field of its detail.
    key_field: Option<&'static str>,
    rows: &'static [&'static str],
    keys: &'static str,
}

const FAMILIES: &[Family] = &[
    Family {
        name: "batch",
        actions: &["batch.import", "batch.revise"],
        key_field: None,
        rows: &[
            "SELECT id, title, kind, deadline, batch_json, file_sha256, revision, organizer_id,
                    organizer_certificate_sha256 FROM batches WHERE id = ?1",
            "SELECT package_id, position, sha256, manifest, formal_review, verdict, generation, withdrawn
             FROM packages WHERE batch_id = ?1 ORDER BY package_id",
            // The organiser pin the batch was checked against (pinned in the same import).
            "SELECT organizer_id, name, certificate_sha256 FROM organizer_pins
             WHERE organizer_id = (SELECT organizer_id FROM batches WHERE id = ?1)",
        ],
        keys: "SELECT id FROM batches",
    },
    Family {
        name: "chair draft",
        actions: &["chair.draft"],
        key_field: None,
        rows: &["SELECT opinion, flag_reasons FROM chair_drafts WHERE batch_id || '/' || package_id = ?1"],
        keys: "SELECT batch_id || '/' || package_id FROM chair_drafts",
    },
    Family {
        name: "certificate pin",
        actions: &["certificate.pin", "certificate.repin"],
        key_field: None,
        rows: &["SELECT certificate_sha256 FROM pinned_certificates WHERE batch_id || '/' || expert_id = ?1"],
        keys: "SELECT batch_id || '/' || expert_id FROM pinned_certificates",
    },
    Family {
        name: "received review",
        actions: &["review.receive", "review.supersede"],
        key_field: Some("pdf_sha256"),
        rows: &["SELECT sha256, batch_id, file_name, expert_id, package_id, phase, signed_at,
                        signer_certificate_sha256, review_json, counts FROM received_reviews WHERE sha256 = ?1"],
        keys: "SELECT sha256 FROM received_reviews",
    },
    Family {
        name: "recusal",
        actions: &["review.recusal"],
        key_field: Some("pdf_sha256"),
        rows: &["SELECT pdf_sha256, batch_id, package_id, expert_id FROM recusals WHERE pdf_sha256 = ?1"],
        keys: "SELECT pdf_sha256 FROM recusals",
    },
    Family {
        name: "panel opinion signature",
        actions: &["consensus.sign"],
        key_field: Some("pdf_sha256"),
        rows: &["SELECT pdf_sha256, batch_id, package_id, signed_at, consensus_json_sha256
                 FROM consensus_signatures WHERE pdf_sha256 = ?1"],
        keys: "SELECT pdf_sha256 FROM consensus_signatures",
    },
];

fn family(action: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.actions.contains(&action))
}

/// The key a log row of `action` names, when `action` writes a covered table.
pub(crate) fn key_of(action: &str, subject: &str, detail: &serde_json::Value) -> Option<String> {
    let f = family(action)?;
    match f.key_field {
        None => Some(subject.to_string()),
        Some(field) => detail[field].as_str().map(str::to_string),
    }
}

/// The digest `action` logs for `key` (its subject, or the detail field its
/// family names) as the rows stand now; inside the writing transaction.
pub(crate) fn digest(conn: &Connection, action: &str, key: &str) -> Result<String> {
    let f = family(action).ok_or_else(|| {
        crate::StoreError::new(
            "internal",
            format!("未登记的审计动作 {action}"),
            format!("unknown audited action {action}"),
        )
    })?;
    rows_digest(conn, f, key)
}

fn rows_digest(conn: &Connection, f: &Family, key: &str) -> Result<String> {
    let mut h = Sha256::new();
    for sql in f.rows {
        let mut stmt = conn.prepare_cached(sql)?;
        let n = stmt.column_count();
        let mut rows = stmt.query([&key as &dyn ToSql])?;
        while let Some(r) = rows.next()? {
            for i in 0..n {
                // Typed and length-prefixed: no two rows digest alike.
                let (tag, bytes): (u8, Vec<u8>) = match r.get_ref(i)? {
                    ValueRef::Null => (0, Vec::new()),
                    ValueRef::Integer(v) => (1, v.to_be_bytes().to_vec()),
                    ValueRef::Real(v) => (2, v.to_be_bytes().to_vec()),
                    ValueRef::Text(t) => (3, t.to_vec()),
                    ValueRef::Blob(b) => (4, b.to_vec()),
                };
                h.update([tag]);
                h.update((bytes.len() as u64).to_be_bytes());
                h.update(&bytes);
            }
            h.update([0xff]);
        }
        h.update([0xfe]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Every covered table against the latest digest the log holds for each
/// key: `<family> <key>: changed|not logged`. Rows written before digests
/// were logged are only checked for being logged at all.
pub(crate) fn reconcile(conn: &Connection) -> Result<Vec<String>> {
    let mut latest: BTreeMap<(&str, String), Option<String>> = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT action, subject, detail FROM audit_log ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let action: String = r.get(0)?;
        let Some(f) = family(&action) else { continue };
        let (subject, detail): (String, String) = (r.get(1)?, r.get(2)?);
        let d: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
        let key = key_of(&action, &subject, &d).unwrap_or_default();
        let digest = d["rows_sha256"].as_str().map(str::to_string);
        latest.insert((f.name, key), digest);
    }
    let mut out = Vec::new();
    for ((name, key), digest) in &latest {
        let Some(logged) = digest else { continue };
        let f = FAMILIES.iter().find(|f| f.name == *name).expect("a family logged above");
        if rows_digest(conn, f, key)? != *logged {
            out.push(format!("{name} {key}: changed"));
        }
    }
    // A trusted organiser no imported batch names was not pinned by an import.
    let mut stmt = conn.prepare(
        "SELECT organizer_id FROM organizer_pins
         WHERE organizer_id NOT IN (SELECT organizer_id FROM batches WHERE organizer_id IS NOT NULL)",
    )?;
    for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
        out.push(format!("organizer pin {}: not logged", id?));
    }
    for f in FAMILIES {
        let mut stmt = conn.prepare(f.keys)?;
        let present: BTreeSet<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for key in present {
            if !latest.contains_key(&(f.name, key.clone())) {
                out.push(format!("{} {key}: not logged", f.name));
            }
        }
    }
    Ok(out)
}
