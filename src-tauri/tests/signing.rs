//! The expert signs in the window, through the mock runtime: a key made in
//! the profile page, the drawn signature, 预览 (a PDF that is not signed),
//! 签署并导出 (a PDF that verifies, in pdfsig too, with the signature image),
//! the sheet final afterwards and the same bytes on a second export. The
//! site-visit form is in site_visit_signing.rs.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::json;
use support::signing::*;
use support::{pkg, with, Harness};

#[test]
fn identity_is_made_for_the_profile_with_a_checked_passphrase() {
    let h = Harness::start(None);
    let none = h.ok("identity_status", json!({}));
    assert_eq!(none["has_key"], false);
    // No profile yet: nothing to make a certificate for.
    assert_eq!(h.err("create_identity", json!({"passphrase": PASSPHRASE, "confirm": PASSPHRASE})), "no-profile");
    h.set_profile("X02");
    let differ = json!({"passphrase": PASSPHRASE, "confirm": "something else"});
    assert_eq!(h.err("create_identity", differ), "passphrase-mismatch");
    assert_eq!(h.err("create_identity", json!({"passphrase": "short", "confirm": "short"})), "passphrase-short");
    let s = create_identity(&h);
    assert_eq!(s["has_key"], true);
    assert_eq!(s["self_signed"], true);
    let subject = s["subject"].as_str().unwrap_or_default();
    assert!(subject.contains("CN=张明") && subject.contains("serialNumber=X02"), "{subject}");
    let fp = s["fingerprint"].as_str().unwrap_or_default();
    assert_eq!(fp.len(), 32 * 3 - 1, "{fp}");
    assert!(fp.split(':').all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit() && !c.is_lowercase())));
    assert!(s["not_before"].as_str().is_some_and(|t| t < s["not_after"].as_str().unwrap_or_default()));
    // One identity per data folder.
    assert_eq!(h.err("create_identity", json!({"passphrase": PASSPHRASE, "confirm": PASSPHRASE})), "identity-exists");
    // The passphrase is kept nowhere in the data folder.
    for entry in std::fs::read_dir(h.dir.path().join("data")).expect("data dir").flatten() {
        if entry.path().is_file() {
            let content = std::fs::read(entry.path()).expect("read");
            assert!(!content.windows(PASSPHRASE.len()).any(|w| w == PASSPHRASE.as_bytes()), "{:?}", entry.path());
        }
    }
}

#[test]
fn the_drawn_signature_is_checked_and_kept() {
    let h = Harness::start(None);
    h.set_profile("X02");
    assert_eq!(h.err("get_signature", json!({})), "no-signature");
    assert_eq!(h.err("set_signature", json!({"png": [1, 2, 3]})), "signature-invalid");
    let mut truncated = signature_png(300, 100);
    truncated.truncate(truncated.len() / 2);
    assert_eq!(h.err("set_signature", json!({ "png": truncated })), "signature-invalid");
    assert_eq!(h.err("set_signature", json!({ "png": signature_png(5000, 10) })), "signature-invalid");
    let png = signature_png(300, 100);
    let saved = h.ok("set_signature", json!({ "png": png }));
    assert_eq!((saved["width"].as_u64(), saved["height"].as_u64()), (Some(300), Some(100)));
    assert_eq!(bytes(&h, "get_signature", json!({})), png);
    assert_eq!(h.ok("identity_status", json!({}))["has_signature_image"], true);
    // Redrawn: the new one replaces it.
    let again = signature_png(200, 80);
    h.ok("set_signature", json!({ "png": again }));
    assert_eq!(bytes(&h, "get_signature", json!({})), again);
}

#[test]
fn preview_then_sign_and_export() {
    let dir = export_dir();
    let h = Harness::start(None);
    scored(&h, "LC-2026-001");
    // Preview needs no key, and is plainly not a signed opinion.
    let preview = bytes(&h, "preview_review", pkg("LC-2026-001"));
    assert!(preview.starts_with(b"%PDF"));
    assert!(!preview.windows(10).any(|w| w == b"/ByteRange"), "a preview carries no signature");
    let text = pdftotext(&preview);
    assert!(text.contains("预览 · 未签署") && text.contains("PREVIEW · NOT SIGNED"), "{text}");
    assert!(text.contains("专家评审意见表") && text.contains("同意推荐组建"), "{text}");
    assert!(!paneldesk_opinion::document::check_document(&preview).expect("a PDF").valid());

    // No key yet: 签署并导出 says so.
    let sign = with(pkg("LC-2026-001"), json!({ "passphrase": PASSPHRASE }));
    assert_eq!(h.err("sign_and_export", sign.clone()), "no-key");
    create_identity(&h);
    h.ok("set_signature", json!({ "png": signature_png(300, 100) }));
    let wrong = with(pkg("LC-2026-001"), json!({"passphrase": "not the passphrase"}));
    assert_eq!(h.err("sign_and_export", wrong), "wrong-passphrase");
    assert_eq!(h.err("sign_and_export", with(pkg("LC-2026-001"), json!({"passphrase": ""}))), "passphrase-empty");
    assert_eq!(h.ok("get_sheet", pkg("LC-2026-001"))["signed"], false, "nothing signed by a failed attempt");

    let r = h.ok("sign_and_export", sign.clone());
    let path = PathBuf::from(r["path"].as_str().expect("a path"));
    assert_eq!(path, dir.join("LC-2026-001-X02-专家评审意见表.pdf"));
    assert_eq!(r["again"], false);
    let signed = std::fs::read(&path).expect("the exported file");
    assert_eq!(r["bytes"].as_u64(), Some(signed.len() as u64));
    let checked = paneldesk_opinion::document::check_document(&signed).expect("a PDF");
    assert!(checked.valid(), "{:?}", checked.problems);
    assert_eq!(checked.kind.as_deref(), Some("tic-review/1"));
    let out = Command::new("pdfsig").arg(&path).output().expect("pdfsig (poppler-utils) runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Signature is Valid"), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    assert!(has_image_xobject(&signed), "the drawn signature is in the signed PDF");
    assert!(!pdftotext(&signed).contains("未签署"));

    // Signed is final: the sheet is refused, the package listed as signed.
    let edit = with(
        pkg("LC-2026-001"),
        json!({"sheet": {"scores": [{"criterion": "foundation", "score": "20", "comment": "改"}], "recommendation": "", "opinion": ""}}),
    );
    assert_eq!(h.err("save_sheet", edit), "review-signed");
    assert_eq!(h.ok("get_sheet", pkg("LC-2026-001"))["signed"], true);
    let rows = h.ok("list_packages", json!({"batchId": support::batch::BATCH_ID}));
    assert_eq!(rows[0]["status"], "signed");

    // Again: the same bytes, no passphrase needed; preview is the signed file.
    std::fs::remove_file(&path).expect("remove");
    let r = h.ok("sign_and_export", with(pkg("LC-2026-001"), json!({"passphrase": ""})));
    assert_eq!(r["again"], true);
    assert_eq!(std::fs::read(&path).expect("exported again"), signed);
    assert_eq!(bytes(&h, "preview_review", pkg("LC-2026-001")), signed);
}

#[test]
fn an_invalid_sheet_is_refused_before_the_passphrase() {
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    create_identity(&h);
    h.ok("declare_conflict", with(pkg("LC-2026-002"), json!({"declared": false, "statement": ""})));
    let sheet = json!({"sheet": {"scores": [{"criterion": "foundation", "score": "41", "comment": ""}], "recommendation": "", "opinion": ""}});
    h.ok("save_sheet", with(pkg("LC-2026-002"), sheet));
    // Refused for the sheet, even with a wrong passphrase: it is never asked.
    let args = with(pkg("LC-2026-002"), json!({"passphrase": "wrong"}));
    assert_eq!(h.err("sign_and_export", args), "sheet-invalid");
    // No sheet at all is refused as well; a phase that is not one of the
    // enum's (only a tampered webview can send one) never reaches the api:
    // Tauri refuses the arguments, and nothing is signed.
    assert_eq!(h.err("preview_review", pkg("LC-2026-001")), "no-sheet");
    let bad_phase = with(pkg("LC-2026-002"), json!({"phase": "final", "passphrase": "x"}));
    let refused = h.call("sign_and_export", bad_phase).expect_err("unknown phase");
    assert!(refused.to_string().contains("phase"), "{refused}");
    let rows = h.ok("list_packages", json!({"batchId": support::batch::BATCH_ID}));
    assert!(rows.as_array().expect("rows").iter().all(|r| r["status"] != "signed"), "{rows}");
}

#[test]
fn export_file_names_cannot_leave_the_chosen_folder() {
    use paneldesk_api::signing::file_name;
    use paneldesk_core::sheet::Phase;
    assert_eq!(file_name("LC-2026-001", "X02", Phase::Desk), "LC-2026-001-X02-专家评审意见表.pdf");
    assert_eq!(file_name("../../etc/x", "a\\b", Phase::SiteVisit), ".._.._etc_x-a_b-现场考察意见表.pdf");
    assert_eq!(file_name("a\nb", "c:d", Phase::Desk), "a_b-c_d-专家评审意见表.pdf");
}

/// A CA-issued expert certificate as a .p12, made with openssl.
fn ca_issued_p12(dir: &Path, expert_id: &str) -> PathBuf {
    ca_issued_p12_with(dir, expert_id, "p12-secret")
}

fn ca_issued_p12_with(dir: &Path, expert_id: &str, passphrase: &str) -> PathBuf {
    ca_p12(dir, expert_id, passphrase, &["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out"])
}

/// `keygen` makes the CA's and the expert's keys, the file name appended.
fn ca_p12(dir: &Path, expert_id: &str, passphrase: &str, keygen: &[&str]) -> PathBuf {
    let run = |args: &[&str]| {
        let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    run(&[keygen, &["ca.key"]].concat());
    run(&["req", "-new", "-x509", "-key", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=Test CA/O=Test"]);
    run(&[keygen, &["e.key"]].concat());
    let subj = format!("/serialNumber={expert_id}/CN=Zhang Ming/O=Shandong University");
    run(&["req", "-new", "-key", "e.key", "-out", "e.csr", "-subj", &subj]);
    run(&["x509", "-req", "-in", "e.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "e.pem"]);
    let name = format!("{expert_id}.p12");
    run(&[
        "pkcs12",
        "-export",
        "-inkey",
        "e.key",
        "-in",
        "e.pem",
        "-certfile",
        "ca.pem",
        "-out",
        &name,
        "-passout",
        &format!("pass:{passphrase}"),
    ]);
    dir.join(name)
}

#[test]
fn a_ca_issued_certificate_is_imported_for_the_profile() {
    let h = Harness::start(None);
    h.set_profile("X02");
    let work = tempfile::tempdir().expect("tempdir");
    let other = ca_issued_p12(work.path(), "X09");
    let import = |path: &Path, pass: &str| json!({"path": path.to_string_lossy(), "passphrase": pass});
    assert_eq!(h.err("import_identity", import(&other, "p12-secret")), "certificate-other-expert");
    let mine = ca_issued_p12(work.path(), "X02");
    assert_eq!(h.err("import_identity", import(&mine, "wrong")), "wrong-passphrase");
    assert_eq!(h.err("import_identity", import(work.path(), "p12-secret")), "p12-unreadable");
    assert_eq!(h.err("import_identity", import(&work.path().join("ca.pem"), "p12-secret")), "bad-pkcs12");
    let s = h.ok("import_identity", import(&mine, "p12-secret"));
    assert_eq!(s["has_key"], true);
    assert_eq!(s["self_signed"], false);
    assert!(s["subject"].as_str().is_some_and(|v| v.contains("serialNumber=X02")), "{s}");
}

/// CAs hand out .p12 files under six-digit PINs: the kept key then needs a
/// passphrase of a new key's length, typed twice, and only that one opens it.
#[test]
fn a_p12_with_a_short_pin_is_kept_under_a_new_passphrase() {
    let h = Harness::start(None);
    h.set_profile("X02");
    let work = tempfile::tempdir().expect("tempdir");
    let p12 = ca_issued_p12_with(work.path(), "X02", "123456");
    let path = p12.to_string_lossy().to_string();
    let import = |new: Option<(&str, &str)>| json!({"path": path, "passphrase": "123456", "newPassphrase": new.map(|n| n.0), "newConfirm": new.map(|n| n.1)});
    assert_eq!(h.err("import_identity", json!({"path": path, "passphrase": "654321"})), "wrong-passphrase");
    assert_eq!(h.err("import_identity", import(None)), "new-passphrase-required");
    assert_eq!(h.err("import_identity", import(Some(("short", "short")))), "passphrase-short");
    assert_eq!(h.err("import_identity", import(Some((PASSPHRASE, "other words")))), "passphrase-mismatch");
    assert_eq!(h.ok("identity_status", json!({}))["has_key"], false, "nothing kept on a refusal");
    let s = h.ok("import_identity", import(Some((PASSPHRASE, PASSPHRASE))));
    assert_eq!(s["self_signed"], false);
    let store = paneldesk_store::Store::open(&h.dir.path().join("data")).expect("store");
    let keys = store.keys().expect("keys").expect("kept");
    use paneldesk_opinion::identity::Identity;
    assert!(Identity::unlock(&keys.encrypted_key, &keys.certificate, PASSPHRASE).is_ok());
    assert!(Identity::unlock(&keys.encrypted_key, &keys.certificate, "123456").is_err(), "the PIN no longer opens it");
}

/// Most experts' CA certificates are RSA-2048: imported, they sign in the
/// window, and the exported review verifies here and in pdfsig.
#[test]
fn an_rsa_certificate_from_a_ca_signs_in_the_window() {
    let dir = export_dir();
    let h = Harness::start(None);
    scored(&h, "LC-2026-003");
    let work = tempfile::tempdir().expect("tempdir");
    let rsa = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out"];
    let p12 = ca_p12(work.path(), "X02", "p12-secret", &rsa);
    let s = h.ok("import_identity", json!({"path": p12.to_string_lossy(), "passphrase": "p12-secret"}));
    assert_eq!((s["has_key"].clone(), s["self_signed"].clone()), (json!(true), json!(false)));
    h.ok("set_signature", json!({ "png": signature_png(300, 100) }));
    let r = h.ok("sign_and_export", with(pkg("LC-2026-003"), json!({ "passphrase": "p12-secret" })));
    let path = PathBuf::from(r["path"].as_str().expect("a path"));
    assert!(path.starts_with(dir));
    let signed = std::fs::read(&path).expect("the exported file");
    let checked = paneldesk_opinion::document::check_document(&signed).expect("a PDF");
    assert!(checked.valid(), "{:?}", checked.problems);
    let out = Command::new("pdfsig").arg(&path).output().expect("pdfsig (poppler-utils) runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Signature is Valid") && report.contains("serialNumber=X02"), "{report}");
    // The CA certificate from the .p12 was kept with the key and is in the
    // CMS (written as hex in /Contents) for verifiers to build the path.
    let der = Command::new("openssl")
        .args(["x509", "-outform", "DER", "-in"])
        .arg(work.path().join("ca.pem"))
        .output()
        .expect("openssl");
    let hex: String = der.stdout.iter().map(|b| format!("{b:02x}")).collect();
    assert!(hex.len() > 600, "a certificate");
    let text = String::from_utf8_lossy(&signed).to_ascii_lowercase();
    assert!(text.contains(&hex), "the CA certificate travels in the signature");
}
