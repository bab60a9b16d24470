//! Profile, batches, packages and documents through the mock runtime.

mod support;

use serde_json::json;
use support::{batch, pkg, with, Harness};
use tauri::ipc::InvokeResponseBody;

#[test]
fn first_start_has_no_profile_then_keeps_the_one_set() {
    let h = Harness::start(None);
    assert_eq!(h.ok("get_profile", json!({})), json!(null));
    let empty = json!({"expert_id": " ", "name": "张明", "title": "教授", "affiliation": "山东大学"});
    assert_eq!(h.err("set_profile", json!({ "profile": empty })), "profile-field-empty");
    h.set_profile("X02");
    assert_eq!(h.ok("get_profile", json!({}))["expert_id"], "X02");
    // One identity per data folder: another expert id is refused.
    let other = json!({"expert_id": "X03", "name": "李", "title": "教授", "affiliation": "聊城大学"});
    assert_eq!(h.err("set_profile", json!({ "profile": other })), "identity-exists");
}

#[test]
fn opens_a_batch_and_lists_packages_with_verdicts() {
    let h = Harness::start(None);
    h.set_profile("X02");
    let opened = h.open_test_batch();
    assert_eq!(opened["id"], batch::BATCH_ID);
    assert_eq!(opened["packages"], 3);
    assert_eq!(opened["newly_imported"], true);
    // The same file again is recognised, not imported twice.
    assert_eq!(h.open_test_batch()["newly_imported"], false);

    let batches = h.ok("list_batches", json!({}));
    assert_eq!(batches.as_array().map(Vec::len), Some(1));
    let rows = h.ok("list_packages", json!({"batchId": batch::BATCH_ID}));
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["verdict"], "eligible");
    assert_eq!(rows[1]["center_name"], batch::XSS_NAME, "stored and returned verbatim");
    assert_eq!(rows[2]["verdict"], "ineligible", "420 m² of R&D space fails 第八条（三）");
    assert!(rows.iter().all(|r| r["status"] == "not_started"));
}

#[test]
fn the_test_batch_is_the_same_bytes_a_second_later() {
    // open_test_batch builds it anew each time; a second build that differs
    // (a clock in a generated file) would read as another revision 1.
    let first = batch::batch_zip();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(first == batch::batch_zip(), "two builds of the test batch differ");
}

#[test]
fn refuses_a_batch_whose_package_hash_does_not_match() {
    let h = Harness::start(None);
    let mut bytes = batch::batch_zip();
    // Flip one byte of the first package's stored data: its hash no longer matches.
    let at = bytes.windows(8).position(|w| w == b"%PDF-1.4").expect("a pdf inside");
    bytes[at + 5] ^= 0x01;
    let file = h.dir.path().join("tampered.zip");
    std::fs::write(&file, bytes).expect("write");
    let code = h.err("open_batch", json!({"path": file.to_string_lossy()}));
    assert_eq!(code, "batch-refused");
    assert_eq!(h.ok("list_batches", json!({})), json!([]), "nothing of it is kept");
    let missing = h.dir.path().join("nope.zip");
    assert_eq!(h.err("open_batch", json!({"path": missing.to_string_lossy()})), "not-a-file");
    std::fs::write(&file, b"not a zip").expect("write");
    assert_eq!(h.err("open_batch", json!({"path": file.to_string_lossy()})), "batch-refused");
}

#[test]
fn package_detail_has_facts_rules_and_documents() {
    let h = Harness::start(None);
    h.open_test_batch();
    let d = h.ok("package_detail", pkg("LC-2026-003"));
    assert_eq!(d["facts"]["rd_space_m2"], "420");
    assert_eq!(d["facts"]["equipment_value_wan"], "860");
    assert_eq!(d["facts"]["lead_unit"]["rd_total_wan"], "1050");
    let space = d["rules"].as_array().expect("rules").iter().find(|r| r["id"] == "space").expect("space rule").clone();
    assert_eq!(space["result"], "fail");
    assert_eq!(space["article"], "第八条（组建条件）第（三）项");
    assert!(space["message"]["zh"].as_str().is_some_and(|m| m.contains("420")));
    // Three PDFs, a site photo, an equipment list and a scan, each shown its own way.
    let shown: Vec<(&str, &str)> = d["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| Some((d["path"].as_str()?, d["shown"].as_str()?)))
        .collect();
    assert_eq!(shown.len(), 6, "{shown:?}");
    assert_eq!(
        shown[3..],
        [("photos/site.png", "image"), ("lists/equipment.xlsx", "table"), ("scans/lease.pdf", "pdf")]
    );
    assert_eq!(h.err("package_detail", pkg("LC-2026-999")), "unknown-package");
}

#[test]
fn reads_only_listed_documents_from_the_data_folder() {
    let h = Harness::start(None);
    h.open_test_batch();
    let args = with(pkg("LC-2026-001"), json!({"path": "docs/application.pdf"}));
    match h.raw("read_document", args).expect("read") {
        InvokeResponseBody::Raw(bytes) => {
            assert!(bytes.starts_with(b"%PDF-1.4"));
            assert_eq!(bytes, batch::pdf("LC-2026-001 docs/application.pdf", 3));
        }
        other => panic!("expected raw bytes, got {other:?}"),
    }
    for hostile in ["manifest.json", "../paneldesk.sqlite3", "/etc/passwd", "docs/../manifest.json", ""] {
        let args = with(pkg("LC-2026-001"), json!({ "path": hostile }));
        assert_eq!(h.err("read_document", args), "unlisted-document", "{hostile}");
    }
}

#[test]
fn the_viewer_reads_a_listed_document_in_parts() {
    let h = Harness::start(None);
    h.open_test_batch();
    let whole = batch::pdf("LC-2026-001 docs/application.pdf", 3);
    let doc = with(pkg("LC-2026-001"), json!({"path": "docs/application.pdf"}));
    let opened = h.ok("open_document", doc.clone());
    assert_eq!(opened["length"], whole.len());
    let part = |begin: usize, end: usize| with(doc.clone(), json!({"begin": begin, "end": end}));
    match h.raw("read_document_range", part(5, 40)).expect("range") {
        InvokeResponseBody::Raw(bytes) => assert_eq!(bytes, whole[5..40]),
        other => panic!("expected raw bytes, got {other:?}"),
    }
    assert_eq!(h.err("read_document_range", part(0, whole.len() + 1)), "document-range");
    assert_eq!(h.err("read_document_range", part(9, 9)), "document-range");
    // What open_document says to read ahead, read in one call.
    let ahead = opened["ahead"].as_array().expect("ahead").clone();
    assert_eq!(ahead.first().expect("header")["begin"], 0);
    assert_eq!(ahead.last().expect("tail")["end"], whole.len());
    let expected: Vec<u8> = ahead
        .iter()
        .flat_map(|s| {
            let at = |k: &str| s[k].as_u64().expect("offset") as usize;
            whole[at("begin")..at("end")].to_vec()
        })
        .collect();
    match h.raw("read_document_ranges", with(doc.clone(), json!({ "spans": ahead }))).expect("ranges") {
        InvokeResponseBody::Raw(bytes) => assert_eq!(bytes, expected),
        other => panic!("expected raw bytes, got {other:?}"),
    }
    let past = json!({"spans": [{"begin": 0, "end": 4}, {"begin": whole.len() - 1, "end": whole.len() + 1}]});
    assert_eq!(h.err("read_document_ranges", with(doc.clone(), past)), "document-range");
    let unlisted = with(pkg("LC-2026-001"), json!({"path": "../paneldesk.sqlite3", "begin": 0, "end": 1}));
    assert_eq!(h.err("read_document_range", unlisted), "unlisted-document");
}

#[test]
fn a_missing_data_folder_is_reported_not_a_crash() {
    let h = Harness::start(None);
    // A file where the data folder should be: the store cannot open.
    let blocked = h.dir.path().join("blocked");
    std::fs::write(&blocked, b"x").expect("write");
    let state = paneldesk_app::AppState::new(paneldesk_app::Startup { data_dir: Some(blocked), open: None });
    let app = paneldesk_app::configure(tauri::test::mock_builder(), state)
        .build(tauri::test::mock_context(tauri::test::noop_assets()))
        .expect("build");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    let other = Harness { dir: tempfile::tempdir().expect("tempdir"), app, window };
    assert_eq!(other.err("get_profile", json!({})), "io");
}
