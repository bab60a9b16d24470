//! The audit log anchored in signed files (issue 13 item 7). Whoever holds
//! the data file can drop the guards, edit an early row of the log and
//! recompute every hash after it: the chain then verifies again. The head
//! each signed review carries (review.json's `audit_head`, under the
//! expert's signature) no longer matches, and verify-audit says so.

use paneldesk_api::signing::{self, Request};
use paneldesk_api::{audit, ErrorCode};
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::Phase;
use paneldesk_opinion::document::check_document;
use paneldesk_store::reviews::ReviewKey;
use paneldesk_store::Store;
use paneldesk_testkit::{self as testkit, desk_sheet, install, profile, PASS};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

const KEY: ReviewKey = ReviewKey { batch_id: "B-AU", package_id: "P-1", expert_id: "X02", phase: Phase::Desk };

/// A folder with the batch, X02's key and P-1's review signed.
fn signed_folder(dir: &std::path::Path) -> (Store, Vec<u8>) {
    let (_, bytes) = fixture::batch_zip("B-AU", Kind::Establishment, vec![fixture::establishment("P-1")], 3);
    let zip = dir.join("batch.zip");
    std::fs::write(&zip, bytes).expect("batch");
    let mut store = Store::open(&dir.join("data")).expect("store");
    store.import_batch(&zip, |_| {}).expect("import batch");
    let me = profile("X02");
    install(&mut store, &me, &testkit::identity(&me).expect("identity"), PASS).expect("identity");
    store.save_review(KEY, &desk_sheet(30, "50", false, "基础扎实。")).expect("save");
    let req = Request { package_id: "P-1", batch_id: Some("B-AU"), phase: Phase::Desk, revision_reason: None };
    let signed = signing::sign(&mut store, req, || Ok(Zeroizing::new(PASS.to_string()))).expect("signed");
    (store, signed.bytes)
}

/// The chain's own rule (length-prefixed parts, SHA-256), as an attacker
/// reading the source would recompute it.
fn row_hash(parts: [&str; 6]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_signed_review_anchors_the_log_and_a_rewritten_chain_is_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, pdf) = signed_folder(dir.path());

    // The review carries the head of the log as it was when it was signed.
    let json = check_document(&pdf).expect("pdf").json.expect("review.json");
    let doc: serde_json::Value = serde_json::from_slice(&json).expect("json");
    let seq = doc["audit_head"]["seq"].as_i64().expect("seq");
    assert_eq!(store.audit_hash_at(seq).expect("row").as_deref(), doc["audit_head"]["hash"].as_str());
    let clean = audit::verify(&store).expect("verify");
    assert!(clean.ok(), "{clean:?}");
    assert_eq!(clean.anchors, 1);

    // The attacker rewrites the first row's time and recomputes the chain.
    let conn = store.conn();
    conn.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;").expect("guards");
    conn.execute("UPDATE audit_log SET at = '2020-01-01T00:00:00+08:00' WHERE seq = 1", []).expect("edit");
    let rows: Vec<(i64, String, String, String, String)> = {
        let mut stmt = conn.prepare("SELECT seq, at, action, subject, detail FROM audit_log ORDER BY seq").expect("q");
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).expect("rows");
        rows.collect::<Result<_, _>>().expect("read")
    };
    let mut prev = "0".repeat(64);
    for (seq, at, action, subject, detail) in rows {
        let hash = row_hash([&prev, &seq.to_string(), &at, &action, &subject, &detail]);
        conn.execute("UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3", (&prev, &hash, seq))
            .expect("rehash");
        prev = hash;
    }

    // The chain alone is fooled; the anchor is not.
    let chain = paneldesk_store::audit::verify(store.conn()).expect("chain");
    assert!(chain.ok(), "the rewritten chain verifies on its own: {chain:?}");
    let r = audit::verify(&store).expect("verify");
    assert!(!r.ok());
    assert_eq!(r.anchor_problems.len(), 1, "{:?}", r.anchor_problems);
    assert!(r.anchor_problems[0].contains(&format!("audit row {seq} differs")), "{:?}", r.anchor_problems);
    let e = r.problem().expect("a problem");
    assert_eq!(e.code, ErrorCode::AuditBroken);
    assert!(e.message.zh.contains("日志已被改写"), "{}", e.message.zh);
}

#[test]
fn a_signed_file_that_was_removed_or_changed_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, pdf) = signed_folder(dir.path());
    let sha = paneldesk_core::package::sha256_hex(&pdf);
    let file = store.signed_pdf_file(&sha);
    let mut changed = pdf.clone();
    let at = changed.len() / 2;
    changed[at] ^= 1;
    std::fs::write(&file, &changed).expect("change");
    let r = audit::verify(&store).expect("verify");
    assert_eq!(r.anchor_problems, [format!("{}: changed", &sha[..12])]);
    std::fs::remove_file(&file).expect("remove");
    let r = audit::verify(&store).expect("verify");
    assert_eq!(r.anchor_problems, [format!("{}: missing", &sha[..12])]);
}
