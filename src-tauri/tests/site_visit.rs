//! Site visit through the mock runtime: checklist from the rubric and the
//! package's claims, photos hashed into the data folder, discrepancies.

mod support;

use serde_json::{json, Value};
use support::{pkg, with, Harness};
use tauri::ipc::InvokeResponseBody;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn ready(h: &Harness) {
    h.set_profile("X02");
    h.open_test_batch();
}

#[test]
fn the_checklist_has_the_rubric_items_and_the_package_claims() {
    let h = Harness::start(None);
    ready(&h);
    assert_eq!(h.err("get_site_visit", pkg("LC-2026-003")), "conflict-unanswered");
    h.ok("declare_conflict", with(pkg("LC-2026-003"), json!({"declared": false, "statement": ""})));
    let v = h.ok("get_site_visit", pkg("LC-2026-003"));
    let ids: Vec<&str> = v["items"].as_array().expect("items").iter().filter_map(|i| i["id"].as_str()).collect();
    assert_eq!(ids, ["space", "claim-rd-space", "claim-equipment", "claim-staff", "claim-pilot", "claim-agreement-1"]);
    assert_eq!(v["items"][1]["claim"]["zh"], "申报 420 m²");
    assert_eq!(v["items"][2]["claim"]["zh"], "申报 860 万元");
    assert_eq!(v["items"][3]["claim"]["zh"], "申报 28 人");
    assert_eq!(v["unassessed"], 6);
}

#[test]
fn verdicts_notes_and_photos_are_saved_and_summarised() {
    let h = Harness::start(None);
    ready(&h);
    h.ok("declare_conflict", with(pkg("LC-2026-001"), json!({"declared": false, "statement": ""})));
    let src = h.dir.path().join("site.png");
    std::fs::write(&src, PNG).expect("write photo");
    let photo = h.ok("add_photo", json!({"path": src.to_string_lossy()}));
    let sha = photo["sha256"].as_str().expect("sha").to_string();
    assert!(h.dir.path().join("data/photos").join(format!("{sha}.img")).is_file(), "copied into the data folder");

    let visit = json!({"visit": {
        "date": "2026-06-02",
        "items": [
            {"id": "claim-rd-space", "verdict": "partly", "note": "实测约 900 m²"},
            {"id": "claim-staff", "verdict": "meets", "note": ""},
            {"id": "not-a-listed-item", "verdict": "fails", "note": "ignored"}
        ],
        "photos": [sha],
        "recommendation": "recommend",
        "opinion": "现场情况基本属实",
    }});
    let v = h.ok("save_site_visit", with(pkg("LC-2026-001"), visit));
    assert_eq!(v["revision"], 1);
    // Saved as a draft; what keeps it from being signed is listed.
    let problems: Vec<&str> =
        v["problems"].as_array().expect("problems").iter().filter_map(|p| p["zh"].as_str()).collect();
    assert_eq!(problems, ["尚有 4 项未评定：每项须选择 符合、基本符合 或 不符合"]);
    assert_eq!(v["discrepancies"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["discrepancies"][0]["id"], "claim-rd-space");
    assert_eq!(v["discrepancies"][0]["note"], "实测约 900 m²");
    assert_eq!(v["unassessed"], 4);
    assert_eq!(v["visit"]["photos"][0], Value::String(sha.clone()));
    match h.raw("read_photo", json!({ "sha256": sha })).expect("photo") {
        InvokeResponseBody::Raw(bytes) => assert_eq!(bytes, PNG),
        other => panic!("expected bytes, got {other:?}"),
    }
    // The desk sheet is untouched by the site visit.
    assert_eq!(h.ok("get_sheet", pkg("LC-2026-001"))["revision"], 1);
}

#[test]
fn hostile_photos_are_refused() {
    let h = Harness::start(None);
    ready(&h);
    let txt = h.dir.path().join("notes.txt");
    std::fs::write(&txt, b"not an image").expect("write");
    assert_eq!(h.err("add_photo", json!({"path": txt.to_string_lossy()})), "photo-invalid");
    assert_eq!(h.err("add_photo", json!({"path": "/no/such/file.png"})), "photo-unreadable");
    assert_eq!(h.err("read_photo", json!({"sha256": "../paneldesk.sqlite3"})), "bad-photo-id");
    assert_eq!(h.err("read_photo", json!({"sha256": "0".repeat(64)})), "photo-missing");
}
