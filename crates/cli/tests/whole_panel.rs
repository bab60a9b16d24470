//! One panel from issue to co-signature through `paneldesk-cli`
//! (formats.md §6–§7): the bureau issues a signed batch of two packages to
//! five experts; all score P-1, two of them visit it with photos, one
//! revises a signed review after the discussion (复议); the chair declares a
//! conflict on P-2, so the deputy presides there; the chair consolidates P-1
//! and three members co-sign it. consensus.json carries the votes, the site
//! visit and the replaced review; `verify` names the signers and who is
//! missing; pdfsig and pyHanko accept every signature; a change made after
//! the chair signed, built with lopdf, is refused by `verify` and by
//! `consensus cosign`.

mod desk;

use desk::{external_tools_accept, line, sheet, Desk};
use lopdf::{dictionary, Document, IncrementalDocument, Object, StringFormat};
use paneldesk_core::sheet::SiteVerdict;
use serde_json::{json, Value};

const BATCH: &str = "LC-2026-B1";
const PEOPLE: [(&str, &str, &str); 5] = [
    ("E01", "王建国", "chair"),
    ("E02", "李红", "deputy"),
    ("E03", "赵强", "member"),
    ("E04", "孙丽", "member"),
    ("E05", "周平", "member"),
];

fn issue(d: &Desk) {
    d.ok("bureau", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);
    for (id, name) in [("P-1", "聊城市高端轴承技术创新中心"), ("P-2", "聊城市新材料技术创新中心")]
    {
        let (manifest, docs) = d.applicant(id, name);
        let out = d.p(&format!("{id}.zip"));
        d.ok("bureau", &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", &out]);
    }
    let lines: Vec<Value> = PEOPLE.iter().map(|(i, n, r)| line(&d.expert(i, n), r)).collect();
    let spec = d.spec("spec.json", 1, json!(lines), &["P-1.zip", "P-2.zip"]);
    d.ok("bureau", &["batch", "build", "--spec", &spec, "--out", &d.p("batch.zip")]);
    std::fs::create_dir_all(d.path("inbox")).expect("inbox");
}

/// A desk sheet at `base` of every maximum, recommending or not.
fn desk_sheet(d: &Desk, name: &str, base: f64, recommend: bool) -> String {
    let path = sheet(d, name, base);
    if !recommend {
        let mut v: Value = serde_json::from_slice(&std::fs::read(&path).expect("sheet")).expect("json");
        v["recommendation"] = json!("not_recommend");
        std::fs::write(&path, v.to_string()).expect("sheet");
    }
    path
}

fn score_and_sign(d: &Desk, who: &str, package: &str, sheet: &str) {
    d.ok(who, &["review", "score", "--package", package, "--input", sheet]);
    d.ok(who, &["review", "sign", "--package", package, "--out", &d.p(&format!("inbox/{who}-{package}.pdf"))]);
}

fn consensus_json(pdf: &str) -> Value {
    let files = paneldesk_opinion::sign::embedded_files(&std::fs::read(pdf).expect("pdf")).expect("attachments");
    let json = files.iter().find(|f| f.name == "consensus.json").expect("consensus.json");
    serde_json::from_slice(&json.bytes).expect("json")
}

fn verify(d: &Desk, file: &str) -> (Option<i32>, Value) {
    let out = d.cli("E01", &["verify", file, "--json"]);
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("verify JSON"))
}

#[test]
fn the_whole_panel_process_from_issue_to_cosignature() {
    let d = Desk::new();
    issue(&d);

    // Desk reviews: everyone on P-1 (E05 against); on P-2 the chair declares
    // a conflict, which is recorded and signed as such.
    for (i, (id, _, _)) in PEOPLE.iter().enumerate() {
        d.ok(id, &["batch", "import", &d.p("batch.zip")]);
        let base = [0.8, 0.9, 0.7, 0.8, 0.6][i];
        score_and_sign(&d, id, "P-1", &desk_sheet(&d, &format!("{id}-P-1.json"), base, *id != "E05"));
        if *id == "E01" {
            let recusal = d.path("recusal.json");
            let s = json!({"phase": "desk", "conflict_of_interest": {"declared": true, "statement": "曾在申报单位任职"},
                "scores": [], "recommendation": "", "opinion": "", "site_visit": null});
            std::fs::write(&recusal, s.to_string()).expect("sheet");
            let (code, _) = d.code(id, &["review", "score", "--package", "P-2", "--input", &d.p("recusal.json")]);
            assert_eq!(code, Some(1), "the declaration is recorded, scoring refused");
            d.ok(id, &["review", "sign", "--package", "P-2", "--out", &d.p("inbox/E01-P-2.pdf")]);
        } else {
            score_and_sign(&d, id, "P-2", &desk_sheet(&d, &format!("{id}-P-2.json"), base, true));
        }
    }
    // E03 and E04 visit P-1: the first item found partly, then failing.
    d.visit("E03", "P-1", (SiteVerdict::Partly, "部分用房在装修"), &d.p("inbox/E03-P-1-visit.pdf"));
    d.visit("E04", "P-1", (SiteVerdict::Fails, "中试线尚未安装"), &d.p("inbox/E04-P-1-visit.pdf"));
    // 复议: after the discussion E05 revises P-1 upwards, with a reason.
    let first_e05 = std::fs::read(d.path("inbox/E05-P-1.pdf")).expect("E05's first review");
    let again = desk_sheet(&d, "E05-again.json", 0.8, true);
    d.ok("E05", &["review", "score", "--package", "P-1", "--input", &again]);
    let reason = "经专家组讨论，配套条件已核实";
    let revised = d.p("inbox/E05-P-1-r2.pdf");
    d.ok("E05", &["review", "sign", "--package", "P-1", "--out", &revised, "--revision-reason", reason]);

    // The chair consolidates: P-1 signed; P-2's figures unseen.
    let args = ["consolidate", "--batch", BATCH, "--reviews", &d.p("inbox"), "--out", &d.p("chair"), "--json"];
    let v: Value = serde_json::from_str(&d.ok("E01", &args)).expect("summary");
    // The chair's signed declaration is set aside (formats.md §4); E05's
    // first review is replaced by the 复议.
    let rejected: Vec<&str> =
        v["rejected"].as_array().expect("rejected").iter().filter_map(|r| r["file"].as_str()).collect();
    assert_eq!(rejected, ["E01-P-2.pdf"], "{v}");
    assert_eq!(v["superseded"], json!([{"file": "E05-P-1.pdf"}]));
    let row = |id: &str| v["packages"].as_array().expect("packages").iter().find(|p| p["id"] == id).cloned();
    let (p1, p2) = (row("P-1").expect("P-1"), row("P-2").expect("P-2"));
    assert_eq!((p1["experts"].clone(), p1["signed"].clone()), (json!(5), json!(true)), "{p1}");
    assert_eq!(p1["votes"], json!({"recommend": 5, "not_recommend": 0}), "the revision counts, not the first");
    assert_eq!(p1["site_visit"]["experts"], json!(["E03", "E04"]));
    let item = &p1["site_visit"]["items"][0];
    assert_eq!((item["partly"].as_u64(), item["fails"].as_u64(), item["meets"].as_u64()), (Some(1), Some(1), Some(0)));
    assert_eq!(item["notes"], json!(["E03：部分用房在装修", "E04：中试线尚未安装"]));
    assert_eq!(
        (p2["signed"].clone(), p2["experts"].clone(), p2["aggregate"].clone()),
        (json!(false), json!(0), Value::Null)
    );

    let opinion = d.p("chair/P-1.pdf");
    let doc = consensus_json(&opinion);
    assert_eq!(doc["votes"], json!({"recommend": 5, "not_recommend": 0}));
    assert_eq!(doc["site_visit"]["experts"], json!(["E03", "E04"]));
    assert_eq!(
        doc["superseded"],
        json!([{"expert_id": "E05", "phase": "desk", "review_sha256": paneldesk_core::package::sha256_hex(&first_e05),
                "revision_reason": reason}])
    );
    let phases: Vec<&str> =
        doc["reviews"].as_array().expect("reviews").iter().filter_map(|r| r["phase"].as_str()).collect();
    assert_eq!(phases.iter().filter(|p| **p == "site_visit").count(), 2, "{phases:?}");
    // The photos travelled inside the signed site-visit PDFs: the chair's
    // package screen reads them out again.
    let store = paneldesk_api::data::open(Some(&d.path("data-E01"))).expect("store");
    let screen = paneldesk_api::chair::package(&store, BATCH, "P-1").expect("P-1");
    let photos = screen.process.site_visit.expect("site visit").photos;
    let by: Vec<&str> = photos.iter().map(|p| p.expert_id.as_str()).collect();
    assert_eq!(by, ["E03", "E04"]);
    drop(store);

    // The deputy presides over P-2 and signs it as the deputy.
    let args = ["consolidate", "--batch", BATCH, "--reviews", &d.p("inbox"), "--out", &d.p("deputy"), "--json"];
    d.ok("E02", &args);
    let p2_opinion = d.p("deputy/P-2.pdf");
    assert_eq!(consensus_json(&p2_opinion)["chair"]["role"], "deputy");
    let (code, v) = verify(&d, &p2_opinion);
    assert_eq!((code, v["signers"][0]["expert_id"].clone()), (Some(0), json!("E02")), "{v}");

    // Three members co-sign P-1; E05 has not yet.
    let (code, v) = verify(&d, &opinion);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["missing"], json!(["E02", "E03", "E04", "E05"]));
    let mut current = opinion.clone();
    for who in ["E02", "E03", "E04"] {
        let next = d.p(&format!("P-1-{who}.pdf"));
        d.ok(who, &["consensus", "cosign", &current, "--out", &next]);
        current = next;
    }
    let (code, v) = verify(&d, &current);
    assert_eq!(code, Some(0), "{v}");
    let signers: Vec<(&str, &str)> = v["signers"]
        .as_array()
        .expect("signers")
        .iter()
        .filter_map(|s| Some((s["expert_id"].as_str()?, s["role"].as_str()?)))
        .collect();
    // The deputy co-signs P-1 as a member: the role is the signature's.
    assert_eq!(signers, [("E01", "chair"), ("E02", "member"), ("E03", "member"), ("E04", "member")]);
    assert_eq!(v["missing"], json!(["E05"]));
    external_tools_accept(&current, 4);

    // What changes the 专家组意见 after the chair signed is refused, by
    // `verify` and by the member asked to co-sign it.
    for (label, tampered) in tampered_copies(&std::fs::read(&opinion).expect("opinion")) {
        let file = d.p(&format!("tampered-{label}.pdf"));
        std::fs::write(&file, &tampered).expect("tampered");
        let (code, v) = verify(&d, &file);
        assert_eq!(code, Some(1), "{label}: {v}");
        let out = d.p(&format!("cosigned-{label}.pdf"));
        let (code, err) = d.code("E05", &["consensus", "cosign", &file, "--out", &out]);
        assert_eq!(code, Some(1), "{label}: {err}");
        assert!(!d.path(&format!("cosigned-{label}.pdf")).exists(), "{label}: nothing written");
    }
}

/// The chair-signed PDF with an incremental update that changes what it
/// says: a page's content, an attachment standing in for consensus.json,
/// the catalogue's document information.
fn tampered_copies(pdf: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    type Edit = fn(&mut IncrementalDocument);
    let edits: [(&str, Edit); 3] = [
        ("page", |inc| {
            let page = *inc.get_prev_documents().get_pages().get(&1).expect("page 1");
            let text = b"BT /F1 24 Tf 72 700 Td (APPROVED) Tj ET".to_vec();
            let content = inc.new_document.add_object(lopdf::Stream::new(dictionary! {}, text));
            inc.opt_clone_object_to_new_document(page).expect("clone");
            inc.new_document.get_dictionary_mut(page).expect("page").set("Contents", content);
        }),
        ("attachment", |inc| {
            let root = inc.get_prev_documents().trailer.get(b"Root").and_then(Object::as_reference).expect("root");
            let json = br#"{"format":"tic-consensus/1","aggregate":99}"#.to_vec();
            let file = inc.new_document.add_object(lopdf::Stream::new(dictionary! { "Type" => "EmbeddedFile" }, json));
            let spec = inc.new_document.add_object(dictionary! {
                "Type" => "Filespec",
                "F" => Object::String(b"consensus.json".to_vec(), StringFormat::Literal),
                "EF" => dictionary! { "F" => file },
            });
            inc.opt_clone_object_to_new_document(root).expect("clone");
            inc.new_document.get_dictionary_mut(root).expect("catalog").set("AF", vec![Object::Reference(spec)]);
        }),
        ("info", |inc| {
            let info = inc.new_document.add_object(dictionary! {
                "Title" => Object::String(b"Changed".to_vec(), StringFormat::Literal),
            });
            inc.new_document.trailer.set("Info", info);
        }),
    ];
    edits
        .into_iter()
        .map(|(label, edit)| {
            let prev = Document::load_mem(pdf).expect("load");
            let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
            edit(&mut inc);
            let mut out = Vec::new();
            inc.save_to(&mut out).expect("save");
            (label, out)
        })
        .collect()
}
