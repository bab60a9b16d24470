//! The chair's commands through the mock runtime: import with rejections,
//! the read phase (others' scores hidden until the chair's own review is
//! signed), the matrix, "explain", reasons, signing and the export; a
//! member who is not the chair is refused everything.

mod support;

use paneldesk_core::batch::Batch;
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::{Phase, Sheet};
use paneldesk_opinion::document::check_document;
use paneldesk_opinion::identity::Identity;
use paneldesk_store::reviews::ReviewKey;
use paneldesk_store::Store;
use paneldesk_testkit::{desk_sheet, identity, install, profile, signed_review_as, PASS};
use serde_json::json;
use support::Harness;

const BATCH: &str = "B-CHAIR";

fn sheet(f: i64, p: &str, opinion: &str) -> Sheet {
    desk_sheet(f, p, false, opinion)
}

/// Opens the batch in the app and makes `who`'s identity (X01 is the chair).
fn start(who: &str) -> (Harness, Batch, Identity) {
    let h = Harness::start(None);
    let (batch, bytes) = fixture::batch_zip(
        BATCH,
        Kind::Establishment,
        vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
        6,
    );
    let zip = h.dir.path().join("b.zip");
    std::fs::write(&zip, bytes).expect("batch");
    h.ok("open_batch", json!({"path": zip.to_string_lossy()}));
    let ident = identity(&profile(who)).expect("identity");
    let mut store = Store::open(&h.dir.path().join("data")).expect("store");
    install(&mut store, &profile(who), &ident, PASS).expect("identity");
    (h, batch, ident)
}

fn sign(h: &Harness, batch: &Batch, ident: &Identity, expert_id: &str, s: &Sheet) -> Vec<u8> {
    let store = Store::open(&h.dir.path().join("data")).expect("store");
    let p = store.find_package("P-1", Some(BATCH)).expect("query").expect("P-1");
    signed_review_as(batch, &p, ident, expert_id, s, 0).expect("sign")
}

#[test]
fn a_member_who_is_not_the_chair_is_refused() {
    let (h, _, _) = start("X02");
    assert_eq!(h.ok("chair_batches", json!({})), json!([]));
    let b = json!({"batchId": BATCH});
    assert_eq!(h.err("chair_overview", b.clone()), "not-chair");
    assert_eq!(h.err("chair_import", json!({"batchId": BATCH, "paths": []})), "not-chair");
    assert_eq!(h.err("chair_package", json!({"batchId": BATCH, "packageId": "P-1"})), "not-chair");
    assert_eq!(h.err("chair_sign", json!({"batchId": BATCH, "packageId": "P-1", "passphrase": PASS})), "not-chair");
    assert_eq!(h.err("chair_export", json!({"batchId": BATCH, "passphrase": PASS})), "not-chair");
}

#[test]
fn the_chair_imports_reads_after_signing_explains_signs_and_exports() {
    let (h, batch, chair_key) = start("X01");
    assert_eq!(h.ok("chair_batches", json!({})), json!([BATCH]));
    let inbox = h.dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).expect("inbox");
    // Totals 80 (the chair's own), 75, 90, 60, 72.5.
    let own = sheet(30, "50", "建设方案可行。");
    let own_pdf = sign(&h, &batch, &chair_key, "X01", &own);
    let own_file = h.dir.path().join("X01-P-1.pdf");
    std::fs::write(&own_file, &own_pdf).expect("write");
    for (id, f, p) in [("X02", 30, "45"), ("X03", 35, "55"), ("X04", 25, "35"), ("X05", 30, "42.5")] {
        let key = Identity::create(id, &format!("专家{id}"), "教授", "山东大学", chrono::Utc::now()).expect("id");
        let pdf = sign(&h, &batch, &key, id, &sheet(f, p, &format!("{id} 同意。")));
        std::fs::write(inbox.join(format!("{id}-P-1.pdf")), pdf).expect("write");
    }
    std::fs::write(inbox.join("notes.txt"), "会议安排").expect("stray");
    // The roster names no certificates: the reviews wait until the chair
    // confirms each expert's fingerprint, then count on the next import.
    let first = h.ok("chair_import", json!({"batchId": BATCH, "paths": [inbox.to_string_lossy()]}));
    assert_eq!(first["accepted"], json!([]));
    let unconfirmed = first["unconfirmed"].clone();
    assert_eq!(unconfirmed.as_array().map(Vec::len), Some(4));
    assert!(unconfirmed[0]["fingerprint"].as_str().is_some_and(|f| f.contains(':')));
    let pinned = h.ok("chair_confirm_certificates", json!({"batchId": BATCH, "confirmed": unconfirmed.clone()}));
    assert_eq!(pinned, json!(["X02", "X03", "X04", "X05"]));
    assert_eq!(h.err("chair_confirm_certificates", json!({"batchId": BATCH, "confirmed": unconfirmed})), "pin-changed");
    let report = h.ok("chair_import", json!({"batchId": BATCH, "paths": first["sources"].clone()}));
    assert_eq!(report["files"], 5);
    assert_eq!(report["accepted"].as_array().map(Vec::len), Some(4));
    assert_eq!(report["rejected"][0]["file"], "notes.txt");
    assert!(report["rejected"][0]["reason"]["zh"].as_str().unwrap_or("").contains("PDF"));
    assert!(!report["rejected"][0]["reason"]["en"].as_str().unwrap_or("").is_empty());

    // Read phase: the chair's own review is not signed in this app yet.
    let pkg = json!({"batchId": BATCH, "packageId": "P-1"});
    let over = h.ok("chair_overview", json!({"batchId": BATCH}));
    assert_eq!(over["packages"][0]["visible"], false);
    assert_eq!(over["packages"][0]["aggregate"], json!(null), "no figure leaks in the overview");
    assert_eq!(over["leniency"], json!([]));
    assert_eq!(h.err("chair_package", pkg.clone()), "read-phase");
    assert_eq!(h.err("chair_explain", with(&pkg, "target", "total")), "read-phase");
    {
        let mut store = Store::open(&h.dir.path().join("data")).expect("store");
        let key = ReviewKey { batch_id: BATCH, package_id: "P-1", expert_id: "X01", phase: Phase::Desk };
        let saved = store.save_review(key, &own).expect("save");
        store.mark_signed(saved.id, &own_pdf, "own", None).expect("signed");
    }
    let over = h.ok("chair_overview", json!({"batchId": BATCH}));
    assert_eq!(over["packages"][0]["aggregate"], "74.38", "four reviews: a plain mean");
    // The chair's own review, imported as everyone's, makes five.
    let own = h.ok("chair_import", json!({"batchId": BATCH, "paths": [own_file.to_string_lossy()]}));
    assert_eq!(own["accepted"], json!(["X01-P-1.pdf"]));
    let over = h.ok("chair_overview", json!({"batchId": BATCH}));
    assert_eq!(over["packages"][0]["aggregate"], "75.83");
    assert_eq!(over["packages"][0]["flags_without_reason"], 1);

    let p = h.ok("chair_package", pkg.clone());
    assert_eq!(p["rows"].as_array().map(Vec::len), Some(5));
    assert_eq!(p["rows"][2]["expert_id"], "X03");
    assert_eq!((p["rows"][2]["dropped"].clone(), p["rows"][2]["leniency"].clone()), (json!(true), json!("+14.17")));
    assert_eq!(p["criterion_aggregates"], json!(["30", "45.83"]));
    assert_eq!(p["flags"][0]["key"], "criterion_spread:plan");
    // The panel's process beside the matrix (formats.md §7): the votes.
    let votes: u64 = p["process"]["votes"].as_array().expect("votes").iter().filter_map(|v| v["count"].as_u64()).sum();
    assert_eq!(votes, 5);
    assert_eq!(p["process"]["site_visit"], json!(null));
    assert!(p["opinion"].as_str().unwrap_or("").contains("专家2：X02 同意。"), "the roster's name: {}", p["opinion"]);
    assert_eq!(p["radar"], json!([75.0, 76.4]));
    assert_eq!(p["boxes"].as_array().map(Vec::len), Some(2));

    let ex = h.ok("chair_explain", with(&pkg, "target", "total"));
    assert_eq!(
        (ex["sum"].clone(), ex["divisor"].clone(), ex["quotient"].clone()),
        (json!("227.5"), json!(3), json!("75.833333"))
    );
    assert_eq!(ex["value"], "75.83");
    let left_out: Vec<&str> = ex["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .filter(|t| t["used"] == false)
        .filter_map(|t| t["expert_id"].as_str())
        .collect();
    assert_eq!(left_out, ["X03", "X04"]);

    // Signing is refused while the flag has no reason.
    let signing = with(&pkg, "passphrase", PASS);
    assert_eq!(h.err("chair_sign", signing.clone()), "cannot-sign");
    let draft = with(
        &with(&pkg, "opinion", "专家组同意推荐。"),
        "flagReasons",
        json!({"criterion_spread:plan": "建设方案评分分歧经讨论后维持。"}),
    );
    let saved = h.ok("chair_save_draft", draft);
    assert_eq!((saved["opinion"].clone(), saved["opinion_edited"].clone()), (json!("专家组同意推荐。"), json!(true)));
    assert_eq!(saved["blockers"], json!([]));
    assert_eq!(h.err("chair_sign", with(&pkg, "passphrase", "wrong")), "wrong-passphrase");
    let signed = h.ok("chair_sign", signing);
    let sha = signed["pdf_sha256"].as_str().expect("sha").to_string();
    let pdf = std::fs::read(h.dir.path().join(format!("data/signed/{sha}.pdf"))).expect("kept");
    let checked = check_document(&pdf).expect("pdf");
    assert!(checked.valid(), "{:?}", checked.problems);

    let out = h.dir.path().join("export");
    std::fs::create_dir_all(&out).expect("out");
    std::env::set_var("PANELDESK_EXPORT_DIR", &out);
    let exported = h.ok("chair_export", json!({"batchId": BATCH, "passphrase": PASS}));
    assert_eq!(exported["files"], json!(["P-1.pdf", "ranking.pdf", "ranking.xlsx", "ranking.csv"]));
    assert_eq!(std::fs::read(out.join("P-1.pdf")).expect("P-1"), pdf);
    assert!(std::fs::read_to_string(out.join("ranking.csv")).expect("csv").contains("75.83"));
}

fn with(base: &serde_json::Value, key: &str, value: impl Into<serde_json::Value>) -> serde_json::Value {
    let mut v = base.clone();
    v[key] = value.into();
    v
}
