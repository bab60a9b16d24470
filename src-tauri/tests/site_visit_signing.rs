//! The site-visit form (现场考察意见表) signed from its tab: readiness checked
//! in Rust, previewed, signed (pdfsig, review.json phase site_visit), final
//! afterwards; and refused once the expert declared a conflict.

mod support;

use std::path::PathBuf;
use std::process::Command;

use serde_json::{json, Value};
use support::signing::*;
use support::{pkg, with, Harness};

/// The package's site-visit form, every item assessed, as the site-visit tab saves it.
fn site_visit(h: &Harness, package: &str, date: &str, all: bool, photo: &str) -> Value {
    let plan = h.ok("get_site_visit", pkg(package));
    let items: Vec<Value> = plan["items"]
        .as_array()
        .expect("items")
        .iter()
        .enumerate()
        .filter(|(i, _)| all || *i < 2)
        .map(|(i, item)| {
            let (verdict, note) =
                if i == 1 { ("partly", "实测约 380 m²，部分为共用") } else { ("meets", "") };
            json!({"id": item["id"], "verdict": verdict, "note": note})
        })
        .collect();
    let visit = json!({"visit": {
        "date": date, "items": items, "photos": [photo],
        "recommendation": "recommend", "opinion": "现场条件与申报材料基本一致，同意推荐。",
    }});
    h.ok("save_site_visit", with(pkg(package), visit))
}

fn problems_zh(view: &Value) -> Vec<String> {
    view["problems"].as_array().expect("problems").iter().filter_map(|p| p["zh"].as_str().map(String::from)).collect()
}

fn site(package: &str, passphrase: &str) -> Value {
    with(pkg(package), json!({"phase": "site_visit", "passphrase": passphrase}))
}

#[test]
fn a_site_visit_is_previewed_signed_and_final() {
    let dir = export_dir();
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    create_identity(&h);
    h.ok("set_signature", json!({ "png": signature_png(300, 100) }));
    let p = "LC-2026-003";
    let preview_args = with(pkg(p), json!({"phase": "site_visit"}));
    // The conflict question first, then something recorded.
    assert_eq!(h.err("preview_review", preview_args.clone()), "conflict-unanswered");
    h.ok("declare_conflict", with(pkg(p), json!({"declared": false, "statement": ""})));
    assert_eq!(h.err("preview_review", preview_args.clone()), "site-visit-empty");
    assert_eq!(h.err("sign_and_export", site(p, PASSPHRASE)), "site-visit-empty");

    let src = h.dir.path().join("site.png");
    std::fs::write(&src, signature_png(40, 30)).expect("photo");
    let photo = h.ok("add_photo", json!({"path": src.to_string_lossy()}))["sha256"].as_str().expect("sha").to_string();

    // A draft: no date, items left; it previews, it is not signed (the passphrase is never asked).
    let v = site_visit(&h, p, "", false, &photo);
    assert_eq!(v["signed"], false);
    let problems = problems_zh(&v);
    assert!(problems[0].contains("考察日期") && problems[1].starts_with("尚有 4 项未评定"), "{problems:?}");
    assert_eq!(h.err("sign_and_export", site(p, "wrong")), "site-visit-incomplete");
    let draft = bytes(&h, "preview_review", preview_args.clone());
    let text = pdftotext(&draft);
    assert!(text.contains("现场考察意见表") && text.contains("预览 · 未签署"), "{text}");
    // Every item of the tab is on the form, by name; those left, as not checked.
    assert!(text.contains("研发用房面积") && text.contains("未核查 4 项") && !text.contains("claim-"), "{text}");
    assert!(!draft.windows(10).any(|w| w == b"/ByteRange"), "a preview carries no signature");
    // A visit cannot be dated after today, nor be a non-date.
    let v = site_visit(&h, p, "2999-01-01", true, &photo);
    assert!(problems_zh(&v).iter().any(|m| m.contains("晚于今天")), "{v}");
    let v = site_visit(&h, p, "2026-13-40", true, &photo);
    assert!(problems_zh(&v).iter().any(|m| m.contains("无效")), "{v}");
    assert_eq!(h.err("sign_and_export", site(p, PASSPHRASE)), "site-visit-incomplete");

    let v = site_visit(&h, p, "2026-06-02", true, &photo);
    assert_eq!(v["problems"], json!([]), "complete");
    let r = h.ok("sign_and_export", site(p, PASSPHRASE));
    let path = PathBuf::from(r["path"].as_str().expect("a path"));
    assert_eq!(path, dir.join("LC-2026-003-X02-现场考察意见表.pdf"));
    assert_eq!(r["again"], false);
    let signed = std::fs::read(&path).expect("the exported file");
    let out = Command::new("pdfsig").arg(&path).output().expect("pdfsig (poppler-utils) runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Signature is Valid") && report.contains("Total document signed"), "{report}");
    let text = pdftotext(&signed);
    assert!(text.contains("现场考察意见表") && text.contains("实测约 380 m²") && !text.contains("未签署"), "{text}");
    assert!(!text.contains("未核查") && !text.contains("claim-"), "every item assessed, by name: {text}");
    assert!(text.contains("专职研发人员") && text.contains("共建协议落实情况"), "{text}");

    // review.json as pdfdetach reads it out of the signed file.
    let work = tempfile::tempdir().expect("tempdir");
    let json_file = work.path().join("review.json");
    let out = Command::new("pdfdetach")
        .args(["-savefile", "review.json", "-o"])
        .arg(&json_file)
        .arg(&path)
        .output()
        .expect("pdfdetach (poppler-utils) runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&std::fs::read(&json_file).expect("review.json")).expect("json");
    assert_eq!(doc["format"], "tic-review/1");
    assert_eq!(doc["phase"], "site_visit");
    assert_eq!(doc["package_id"], p);
    assert_eq!(doc["scores"], json!([]));
    assert_eq!(doc["site_visit"]["date"], "2026-06-02");
    assert_eq!(doc["site_visit"]["items"].as_array().map(Vec::len), Some(6));
    assert_eq!(doc["site_visit"]["items"][1]["verdict"], "partly");
    assert_eq!(doc["site_visit"]["photos"], json!([photo]));
    assert_eq!(doc["conflict_of_interest"]["declared"], false);
    let checked = paneldesk_opinion::document::check_document(&signed).expect("a PDF");
    assert!(checked.valid(), "{:?}", checked.problems);
    // The photo travels inside the signed bytes, re-encoded as JPEG (§7).
    let name = format!("photos/{photo}.jpg");
    let attached = checked.attachments.iter().find(|f| f.name == name).expect("the photo is attached");
    assert!(attached.bytes.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");

    // Final: the site-visit tab turns read-only, the store refuses a change;
    // the desk sheet is a review of its own, still open.
    let v = h.ok("get_site_visit", pkg(p));
    assert_eq!(v["signed"], true);
    let edit = with(pkg(p), json!({"visit": v["visit"].clone()}));
    assert_eq!(h.err("save_site_visit", edit), "review-signed");
    assert_eq!(h.ok("get_sheet", pkg(p))["signed"], false);
    // Again: the same bytes, no passphrase; the preview is the signed file.
    std::fs::remove_file(&path).expect("remove");
    let r = h.ok("sign_and_export", site(p, ""));
    assert_eq!(r["again"], true);
    assert_eq!(std::fs::read(&path).expect("exported again"), signed);
    assert_eq!(bytes(&h, "preview_review", preview_args), signed);
}

#[test]
fn a_conflict_declared_after_the_visit_blocks_its_signing() {
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    create_identity(&h);
    let p = "LC-2026-002";
    h.ok("declare_conflict", with(pkg(p), json!({"declared": false, "statement": ""})));
    let src = h.dir.path().join("site.png");
    std::fs::write(&src, signature_png(40, 30)).expect("photo");
    let photo = h.ok("add_photo", json!({"path": src.to_string_lossy()}))["sha256"].as_str().expect("sha").to_string();
    assert_eq!(site_visit(&h, p, "2026-06-02", true, &photo)["problems"], json!([]));
    h.ok("declare_conflict", with(pkg(p), json!({"declared": true, "statement": "本人曾参与该申报单位的项目合作。"})));
    assert_eq!(h.err("get_site_visit", pkg(p)), "conflict-declared");
    assert_eq!(h.err("preview_review", with(pkg(p), json!({"phase": "site_visit"}))), "conflict-declared");
    assert_eq!(h.err("sign_and_export", site(p, PASSPHRASE)), "conflict-declared");
}
