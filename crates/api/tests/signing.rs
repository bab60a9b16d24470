//! An expert's site-visit opinion signed through paneldesk-api, the code
//! `paneldesk-cli review sign --phase site_visit` and the window share: the
//! form names the package's claims, and a conflict declared on the desk
//! review stops it.

use paneldesk_api::signing::{self, Request};
use paneldesk_api::site_visit;
use paneldesk_api::{ApiError, ErrorCode};
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::{Conflict, Phase, Sheet, SiteItem, SiteVerdict, SiteVisit};
use paneldesk_opinion::document::check_document;
use paneldesk_store::reviews::ReviewKey;
use paneldesk_store::Store;
use paneldesk_testkit::{self as testkit, install, profile, PASS};
use zeroize::Zeroizing;

fn store(dir: &std::path::Path) -> Store {
    let (_, bytes) = fixture::batch_zip("B-SV", Kind::Establishment, vec![fixture::establishment("P-1")], 3);
    let zip = dir.join("batch.zip");
    std::fs::write(&zip, bytes).expect("batch");
    let mut s = Store::open(&dir.join("data")).expect("store");
    s.import_batch(&zip, |_| {}).expect("import batch");
    let me = profile("X02");
    install(&mut s, &me, &testkit::identity(&me).expect("identity"), PASS).expect("set identity");
    s
}

fn key(phase: Phase) -> ReviewKey<'static> {
    ReviewKey { batch_id: "B-SV", package_id: "P-1", expert_id: "X02", phase }
}

/// A visit with every item of the plan rated: two as noted, the rest as met.
fn visit() -> Sheet {
    let (batch, _) = fixture::batch_zip("B-SV", Kind::Establishment, vec![fixture::establishment("P-1")], 3);
    let mut items = vec![
        SiteItem { id: "space".into(), verdict: SiteVerdict::Meets, note: String::new() },
        SiteItem { id: "claim-staff".into(), verdict: SiteVerdict::Partly, note: "在岗 20 人".into() },
    ];
    for p in site_visit::items(&batch, &fixture::establishment("P-1")) {
        if !items.iter().any(|i| i.id == p.id) {
            items.push(SiteItem { id: p.id, verdict: SiteVerdict::Meets, note: String::new() });
        }
    }
    Sheet {
        phase: Phase::SiteVisit,
        conflict_of_interest: Conflict::default(),
        scores: Vec::new(),
        recommendation: "recommend".into(),
        opinion: "现场情况与申报材料一致。".into(),
        site_visit: Some(SiteVisit { date: "2026-06-02".into(), items, photos: Vec::new() }),
    }
}

/// "No conflict" answered on the desk review, as the window asks first.
fn no_conflict(s: &mut Store) {
    s.save_review(key(Phase::Desk), &Sheet::default()).expect("desk answer");
}

fn sign(s: &mut Store) -> Result<signing::Signed, ApiError> {
    let req = Request { package_id: "P-1", batch_id: Some("B-SV"), phase: Phase::SiteVisit, revision_reason: None };
    signing::sign(s, req, || Ok::<_, ApiError>(Zeroizing::new(PASS.to_string())))
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
    no_conflict(&mut s);
    s.save_review(key(Phase::SiteVisit), &visit()).expect("save");
    let signed = sign(&mut s).expect("signed");
    let checked = check_document(&signed.bytes).expect("a PDF");
    assert!(checked.valid(), "{:?}", checked.problems);
    let json: serde_json::Value = serde_json::from_slice(checked.json.as_deref().expect("review.json")).expect("json");
    assert_eq!(json["phase"], "site_visit");
    let t = text(&signed.bytes);
    assert!(t.contains("现场考察意见表") && t.contains("专职研发人员") && t.contains("在岗 20 人"), "{t}");
    assert!(!t.contains("claim-staff"), "a claim is named, not shown by its id: {t}");
    assert!(!t.contains("未核查"), "every item was assessed: {t}");
}

#[test]
fn a_visit_with_an_item_unrated_or_no_date_is_not_signed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = store(dir.path());
    no_conflict(&mut s);
    let mut partial = visit();
    if let Some(v) = partial.site_visit.as_mut() {
        v.items.truncate(2);
    }
    s.save_review(key(Phase::SiteVisit), &partial).expect("save");
    let e = sign(&mut s).expect_err("refused");
    assert_eq!((e.code, e.refused), (ErrorCode::SiteVisitIncomplete, true));
    assert!(e.message.zh.contains("未评定"), "{e:?}");
    let mut undated = visit();
    if let Some(v) = undated.site_visit.as_mut() {
        v.date.clear();
    }
    s.save_review(key(Phase::SiteVisit), &undated).expect("save");
    let e = sign(&mut s).expect_err("refused");
    assert!(e.message.zh.contains("请填写考察日期"), "{e:?}");
}

#[test]
fn a_conflict_declared_on_the_desk_review_stops_the_site_visit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = store(dir.path());
    s.save_review(key(Phase::SiteVisit), &visit()).expect("save");
    let declared = Conflict { declared: true, statement: "本人曾在申报单位任职。".into() };
    s.save_review(key(Phase::Desk), &Sheet { conflict_of_interest: declared, ..Sheet::default() }).expect("desk");
    let e = sign(&mut s).expect_err("refused");
    assert_eq!((e.code, e.refused), (ErrorCode::ConflictDeclared, true));
    assert!(e.message.zh.contains("回避") && e.message.en.contains("recused"), "{e:?}");
    let req = Request { package_id: "P-1", batch_id: Some("B-SV"), phase: Phase::SiteVisit, revision_reason: None };
    assert_eq!(signing::preview(&s, req).expect_err("refused").code, ErrorCode::ConflictDeclared);
    // The desk review, a declaration, is signed as the statement it is.
    let desk = Request { phase: Phase::Desk, ..req };
    assert!(signing::sign(&mut s, desk, || Ok::<_, ApiError>(Zeroizing::new(PASS.to_string()))).is_ok());
}
