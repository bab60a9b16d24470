//! The chair's tables: received reviews (kept with their PDFs, only ever
//! set aside), drafts, the tie-break and the signed panel opinions (final).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_store::chair_drafts::ChairDraft;
use paneldesk_store::received::{ImportWrite, NewReceived};
use paneldesk_store::{audit, Store};

fn imported() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = fixture::batch_zip("B-C", Kind::Establishment, vec![fixture::establishment("P-1")], 5);
    let zip = dir.path().join("batch.zip");
    std::fs::write(&zip, bytes).expect("write");
    let mut store = Store::open(&dir.path().join("data")).expect("open");
    store.import_batch(&zip, |_| {}).expect("import");
    (dir, store)
}

/// A file holding `bytes`, and its SHA-256.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> (PathBuf, String) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    (path, paneldesk_core::package::sha256_hex(bytes))
}

fn review<'a>(sha: &'a str, source: &'a Path) -> NewReceived<'a> {
    NewReceived {
        sha256: sha,
        file_name: "X02-P-1.pdf",
        expert_id: "X02",
        package_id: "P-1",
        phase: "desk",
        signed_at: "2026-06-01T10:00:00+08:00",
        signer_certificate_sha256: "c2",
        review_json: "{}",
        source,
        counts: true,
    }
}

fn write<'a>(new: Vec<NewReceived<'a>>, superseded: Vec<String>, pins: BTreeMap<String, String>) -> ImportWrite<'a> {
    ImportWrite {
        batch_id: "B-C",
        new,
        superseded,
        pins,
        recusals: Vec::new(),
        summary: serde_json::json!({"files": 1}),
    }
}

fn pin(cert: &str) -> BTreeMap<String, String> {
    BTreeMap::from([("X02".to_string(), cert.to_string())])
}

#[test]
fn received_reviews_are_kept_with_their_pdf_and_only_set_aside() {
    let (dir, mut store) = imported();
    let (a, aa) = file(dir.path(), "a.pdf", b"%PDF first");
    let (b, bb) = file(dir.path(), "b.pdf", b"%PDF second");
    store.record_import(&write(vec![review(&aa, &a)], vec![], pin("c2"))).expect("first");
    assert_eq!(store.received_pdf(&aa).expect("pdf"), b"%PDF first");
    assert_eq!(store.pins("B-C").expect("pins")["X02"], "c2");
    store.record_import(&write(vec![review(&bb, &b)], vec![aa.clone()], BTreeMap::new())).expect("second");
    let rows = store.received("B-C").expect("rows");
    let mut got: Vec<(bool, &str)> = rows.iter().map(|r| (r.counts, r.sha256.as_str())).collect();
    got.sort();
    assert_eq!(got, [(false, aa.as_str()), (true, bb.as_str())]);
    assert_eq!(store.counting("B-C").expect("counting").len(), 1);

    // Evidence: a row cannot be deleted, edited, or made to count again.
    let c = store.conn();
    assert!(c.execute("DELETE FROM received_reviews WHERE sha256 = ?1", [&aa]).is_err());
    assert!(c.execute("UPDATE received_reviews SET review_json = 'x' WHERE sha256 = ?1", [&bb]).is_err());
    assert!(c.execute("UPDATE received_reviews SET counts = 1 WHERE sha256 = ?1", [&aa]).is_err());
    let actions: Vec<String> = {
        let mut stmt = c.prepare("SELECT action FROM audit_log ORDER BY seq").expect("stmt");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    for a in ["review.receive", "certificate.pin", "chair.import", "review.supersede"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    assert!(audit::verify(store.conn()).expect("audit").ok());
}

#[test]
fn a_pin_set_meanwhile_is_not_overwritten() {
    let (dir, mut store) = imported();
    store.add_pins("B-C", &pin("old")).expect("pin");
    let (a, aa) = file(dir.path(), "a.pdf", b"%PDF");
    let e = store.record_import(&write(vec![review(&aa, &a)], vec![], pin("new"))).expect_err("refused");
    assert_eq!(e.code, "pin-changed");
    assert_eq!(store.pins("B-C").expect("pins")["X02"], "old");
    assert!(store.received("B-C").expect("rows").is_empty(), "the whole import is rolled back");
}

#[test]
fn a_file_changed_after_verification_is_not_kept() {
    let (dir, mut store) = imported();
    let (a, aa) = file(dir.path(), "a.pdf", b"%PDF verified");
    std::fs::write(&a, b"%PDF swapped").expect("swap");
    let e = store.record_import(&write(vec![review(&aa, &a)], vec![], BTreeMap::new())).expect_err("refused");
    assert_eq!(e.code, "file-changed");
    assert!(store.received("B-C").expect("rows").is_empty());
    assert!(!store.received_pdf_file(&aa).exists());
}

#[test]
fn drafts_tie_break_and_signed_opinions() {
    let (_dir, mut store) = imported();
    assert_eq!(store.chair_draft("B-C", "P-1").expect("draft"), ChairDraft::default());
    let draft = ChairDraft {
        opinion: Some("同意推荐。".into()),
        flag_reasons: BTreeMap::from([("criterion_spread:plan".to_string(), "经讨论维持。".to_string())]),
        saved_at: None,
    };
    let saved = store.save_chair_draft("B-C", "P-1", &draft).expect("save");
    assert!(saved.saved_at.is_some());
    let loaded = store.chair_draft("B-C", "P-1").expect("load");
    assert_eq!((loaded.opinion, loaded.flag_reasons), (draft.opinion.clone(), draft.flag_reasons.clone()));

    let first = store.record_consensus("B-C", "P-1", b"%PDF one", "j1").expect("sign");
    let second = store.record_consensus("B-C", "P-1", b"%PDF two", "j2").expect("sign again");
    let latest = store.consensus_signatures("B-C").expect("list");
    assert_eq!(latest["P-1"].pdf_sha256, second.pdf_sha256);
    assert_eq!(std::fs::read(store.signed_pdf_file(&first.pdf_sha256)).expect("kept"), b"%PDF one");
    let c = store.conn();
    assert!(c.execute("DELETE FROM consensus_signatures", []).is_err());
    assert!(c.execute("UPDATE consensus_signatures SET package_id = 'P-9'", []).is_err());
}
