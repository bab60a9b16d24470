//! An expert's site-visit opinion signed through paneldesk-api, the code
//! `paneldesk-cli review sign --phase site_visit` and the window share: the
//! form names the package's claims, and a conflict declared on the desk
//! review stops it.

use paneldesk_api::signing::{self, Request, SigningError};
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::{Conflict, Phase, Sheet, SiteItem, SiteVerdict, SiteVisit};
use paneldesk_opinion::document::check_document;
use paneldesk_opinion::identity::Identity;
use paneldesk_store::identity::{Keys, Profile};
use paneldesk_store::reviews::ReviewKey;
use paneldesk_store::Store;
use zeroize::Zeroizing;

const PASS: &str = "correct horse battery staple";

fn store(dir: &std::path::Path) -> Store {
    let (_, bytes) = fixture::batch_zip("B-SV", Kind::Establishment, vec![fixture::establishment("P-1")], 3);
    let zip = dir.join("batch.zip");
    std::fs::write(&zip, bytes).expect("batch");
    let mut s = Store::open(&dir.join("data")).expect("store");
    s.import_batch(&zip, |_| {}).expect("import batch");
    let ident = Identity::create("X02", "专家X02", "教授", "山东大学", chrono::Utc::now()).expect("identity");
    let keys = Keys {
        certificate: ident.certificate_der().to_vec(),
        certificate_sha256: ident.certificate_sha256(),
        encrypted_key: ident.encrypted_key_der(PASS).expect("key"),
    };
    let me = Profile {
        expert_id: "X02".into(),
        name: "专家X02".into(),
        title: "教授".into(),
        affiliation: "山东大学".into(),
    };
    s.set_identity(&me, Some(&keys)).expect("set identity");
    s
}

fn key(phase: Phase) -> ReviewKey<'static> {
    ReviewKey { batch_id: "B-SV", package_id: "P-1", expert_id: "X02", phase }
}

fn visit() -> Sheet {
    Sheet {
        phase: Phase::SiteVisit,
        conflict_of_interest: Conflict::default(),
        scores: Vec::new(),
        recommendation: "recommend".into(),
        opinion: "现场情况与申报材料一致。".into(),
        site_visit: Some(SiteVisit {
            date: "2026-06-02".into(),
            items: vec![
                SiteItem { id: "space".into(), verdict: SiteVerdict::Meets, note: String::new() },
                SiteItem { id: "claim-staff".into(), verdict: SiteVerdict::Partly, note: "在岗 20 人".into() },
            ],
            photos: Vec::new(),
        }),
    }
}

fn sign(s: &mut Store) -> Result<signing::Signed, SigningError> {
    let req = Request { package_id: "P-1", batch_id: Some("B-SV"), phase: Phase::SiteVisit };
    signing::sign(s, req, || Ok::<_, SigningError>(Zeroizing::new(PASS.to_string())))
}

fn text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("p.pdf");
    std::fs::write(&file, pdf).expect("write");
    let out = std::process::Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_site_visit_is_signed_with_the_claims_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = store(dir.path());
    s.save_review(key(Phase::SiteVisit), &visit()).expect("save");
    let signed = sign(&mut s).expect("signed");
    let checked = check_document(&signed.bytes).expect("a PDF");
    assert!(checked.valid(), "{:?}", checked.problems);
    let json: serde_json::Value = serde_json::from_slice(checked.json.as_deref().expect("review.json")).expect("json");
    assert_eq!(json["phase"], "site_visit");
    let t = text(&signed.bytes);
    assert!(t.contains("现场考察意见表") && t.contains("专职研发人员") && t.contains("在岗 20 人"), "{t}");
    assert!(!t.contains("claim-staff"), "a claim is named, not shown by its id: {t}");
    assert!(t.contains("未核查 4 项"), "the claims not assessed are listed as such: {t}");
}

#[test]
fn a_conflict_declared_on_the_desk_review_stops_the_site_visit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = store(dir.path());
    s.save_review(key(Phase::SiteVisit), &visit()).expect("save");
    let declared = Conflict { declared: true, statement: "本人曾在申报单位任职。".into() };
    s.save_review(key(Phase::Desk), &Sheet { conflict_of_interest: declared, ..Sheet::default() }).expect("desk");
    let e = sign(&mut s).expect_err("refused");
    assert_eq!((e.code, e.refused), ("conflict-declared", true));
    assert!(e.message.zh.contains("回避") && e.message.en.contains("recused"), "{e:?}");
    let req = Request { package_id: "P-1", batch_id: Some("B-SV"), phase: Phase::SiteVisit };
    assert_eq!(signing::preview(&s, req).expect_err("refused").code, "conflict-declared");
    // The desk review, a declaration, is signed as the statement it is.
    let desk = Request { phase: Phase::Desk, ..req };
    assert!(signing::sign(&mut s, desk, || Ok::<_, SigningError>(Zeroizing::new(PASS.to_string()))).is_ok());
}
