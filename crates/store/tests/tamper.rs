//! A tampered database file: someone holding the file drops the append-only
//! triggers and edits it with any SQLite tool. Each kind of edit is caught
//! by `audit::verify` (and so by `paneldesk-cli verify-audit`): the hash
//! chain for the log itself, the reconciliation for the sheets and
//! signatures it describes.

use std::path::{Path, PathBuf};

use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::{Phase, Sheet};
use paneldesk_core::Dec;
use paneldesk_store::audit::{self, AuditReport};
use paneldesk_store::reviews::ReviewKey;
use paneldesk_store::Store;

const KEY: ReviewKey = ReviewKey { batch_id: "B-2026", package_id: "P-1", expert_id: "X02", phase: Phase::Desk };
const DROP_GUARDS: &str = "DROP TRIGGER reviews_no_update; DROP TRIGGER reviews_no_delete;
    DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;
    DROP TRIGGER signatures_no_update; DROP TRIGGER signatures_no_delete;";

fn sheet(foundation: i64) -> Sheet {
    Sheet {
        scores: vec![
            Score { criterion: "foundation".into(), score: Dec::from_int(foundation), comment: String::new() },
            Score { criterion: "plan".into(), score: Dec::from_int(50), comment: String::new() },
        ],
        recommendation: "recommend".into(),
        opinion: "基础扎实".into(),
        ..Sheet::default()
    }
}

/// A folder with three revisions of P-1 (foundation 30, 32, 34) and one
/// signed revision of P-2.
fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let (_, bytes) = fixture::batch_zip(
        "B-2026",
        Kind::Establishment,
        vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
        5,
    );
    std::fs::write(dir.path().join("batch.zip"), bytes).expect("write batch");
    let mut store = Store::open(&data).expect("open");
    store.import_batch(&dir.path().join("batch.zip"), |_| {}).expect("import");
    for f in [30, 32, 34] {
        store.save_review(KEY, &sheet(f)).expect("save");
    }
    let p2 = ReviewKey { package_id: "P-2", ..KEY };
    let saved = store.save_review(p2, &sheet(36)).expect("save");
    store.mark_signed(saved.id, b"%PDF-1.7 signed review", &"b".repeat(64), None).expect("sign");
    assert!(audit::verify(store.conn()).expect("verify").ok(), "untouched: it verifies");
    (dir, data)
}

/// Edits the file the way an attacker would: a plain SQLite connection.
fn tamper(data: &Path, sql: &str) -> AuditReport {
    let raw = rusqlite::Connection::open(data.join(paneldesk_store::DB_FILE)).expect("raw");
    raw.execute_batch(DROP_GUARDS).expect("drop guards");
    raw.execute_batch(sql).expect("tamper");
    drop(raw);
    let store = Store::open(data).expect("reopen");
    assert!(store.integrity_ok().expect("integrity"), "SQL edits keep the file well-formed");
    audit::verify(store.conn()).expect("verify")
}

fn assert_mismatch(r: &AuditReport, expected: &str) {
    assert!(!r.ok(), "{r:?}");
    assert!(r.mismatched.iter().any(|m| m.contains(expected)), "expected {expected:?} in {:?}", r.mismatched);
}

#[test]
fn an_edited_score_is_detected() {
    let (_d, data) = folder();
    let r =
        tamper(&data, "UPDATE reviews SET sheet = replace(sheet, '\"score\":34', '\"score\":40') WHERE revision = 3");
    assert_eq!(r.broken_at, None, "the log itself was not touched");
    assert_mismatch(&r, "B-2026/P-1/X02/desk r3: changed");
}

#[test]
fn a_deleted_revision_is_detected() {
    let (_d, data) = folder();
    let r = tamper(&data, "DELETE FROM reviews WHERE package_id = 'P-1' AND revision = 3");
    assert_mismatch(&r, "B-2026/P-1/X02/desk r3: deleted");
}

#[test]
fn reordered_revisions_are_detected() {
    let (_d, data) = folder();
    // Make the older score the latest one shown.
    let r = tamper(
        &data,
        "UPDATE reviews SET revision = 99 WHERE package_id = 'P-1' AND revision = 1;
         UPDATE reviews SET revision = 1 WHERE package_id = 'P-1' AND revision = 3;
         UPDATE reviews SET revision = 3 WHERE package_id = 'P-1' AND revision = 99;",
    );
    assert_mismatch(&r, "r1: changed");
    assert_mismatch(&r, "r3: changed");
}

#[test]
fn a_sheet_inserted_behind_the_apps_back_is_detected() {
    let (_d, data) = folder();
    let r = tamper(
        &data,
        "INSERT INTO reviews (batch_id, package_id, expert_id, phase, revision, saved_at, sheet)
         SELECT batch_id, package_id, expert_id, phase, 4, saved_at, sheet FROM reviews WHERE revision = 3 AND package_id = 'P-1'",
    );
    assert_mismatch(&r, "B-2026/P-1/X02/desk r4: not logged");
}

#[test]
fn a_removed_signature_is_detected() {
    let (_d, data) = folder();
    let r = tamper(&data, "DELETE FROM signatures");
    assert_mismatch(&r, ": deleted");
    assert!(r.mismatched.iter().any(|m| m.starts_with("signature of review")), "{r:?}");
}

#[test]
fn a_deleted_audit_row_breaks_the_chain() {
    let (_d, data) = folder();
    let r = tamper(&data, "DELETE FROM audit_log WHERE seq = 3");
    assert_eq!(r.broken_at, Some(4), "row 4 no longer follows row 2");
}

#[test]
fn reordered_audit_rows_break_the_chain() {
    let (_d, data) = folder();
    let r = tamper(
        &data,
        "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3;
         UPDATE audit_log SET seq = 3 WHERE seq = 100;",
    );
    assert_eq!(r.broken_at, Some(2));
}

#[test]
fn a_rewritten_audit_detail_breaks_the_chain() {
    let (_d, data) = folder();
    let r =
        tamper(&data, "UPDATE audit_log SET detail = replace(detail, '\"total\":84', '\"total\":90') WHERE seq = 4");
    assert_eq!(r.broken_at, Some(4));
}
