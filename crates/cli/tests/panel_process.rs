//! The panel's process through `paneldesk-cli` (formats.md §7, cli.md "The
//! panel's process"): a 复议 that replaces a signed review, the chair's
//! certified 专家组意见, and every reviewing member's co-signature, checked
//! by `verify` and by pdfsig, pyHanko, qpdf and poppler's font and info
//! tools; and what may not co-sign, refused.

mod desk;

use desk::{external_tools_accept, line, sheet, Desk, PASS};
use serde_json::{json, Value};

const BATCH: &str = "LC-2026-B1";

/// Four experts (E01 chairs, E05 never reviews) on one package, signed.
fn panel() -> Desk {
    let d = Desk::new();
    d.ok("bureau", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);
    let (manifest, docs) = d.applicant("P-1", "聊城市高端轴承技术创新中心");
    d.ok("bureau", &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", &d.p("P-1.zip")]);
    let people = [("E01", "王建国"), ("E02", "李红"), ("E03", "赵强"), ("E04", "孙丽"), ("E05", "周平")];
    let certs: Vec<String> = people.iter().map(|(i, n)| d.expert(i, n)).collect();
    let roles = ["chair", "member", "member", "member", "member"];
    let lines: Vec<Value> = certs.iter().zip(roles).map(|(c, r)| line(c, r)).collect();
    let spec = d.spec("spec.json", 1, json!(lines), &["P-1.zip"]);
    d.ok("bureau", &["batch", "build", "--spec", &spec, "--out", &d.p("batch.zip")]);
    std::fs::create_dir_all(d.path("inbox")).expect("inbox");
    for (id, base) in [("E01", 0.8), ("E02", 0.9), ("E03", 0.7), ("E04", 0.8)] {
        d.ok(id, &["batch", "import", &d.p("batch.zip")]);
        let input = sheet(&d, &format!("{id}.json"), base);
        d.ok(id, &["review", "score", "--package", "P-1", "--input", &input]);
        d.ok(id, &["review", "sign", "--package", "P-1", "--out", &d.p(&format!("inbox/{id}.pdf"))]);
    }
    d.ok("E05", &["batch", "import", &d.p("batch.zip")]);
    d
}

fn verify(d: &Desk, file: &str) -> (Option<i32>, Value) {
    let out = d.cli("E01", &["verify", file, "--json"]);
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("verify JSON"))
}

fn consensus_json(pdf: &str) -> Value {
    let bytes = std::fs::read(pdf).expect("pdf");
    let files = paneldesk_opinion::sign::embedded_files(&bytes).expect("attachments");
    let json = files.iter().find(|f| f.name == "consensus.json").expect("consensus.json");
    serde_json::from_slice(&json.bytes).expect("json")
}

#[test]
fn a_reexamination_replaces_the_signed_review_and_every_member_cosigns() {
    let d = panel();
    // 复议: E03 scores again after signing; signing needs a reason.
    let input = sheet(&d, "E03-again.json", 0.8);
    let said = d.ok("E03", &["review", "score", "--package", "P-1", "--input", &input]);
    assert!(said.contains("复议"), "{said}");
    let revised = d.p("inbox/E03-r2.pdf");
    let (code, err) = d.code("E03", &["review", "sign", "--package", "P-1", "--out", &revised]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("复议理由") || err.contains("revision"), "{err}");
    d.ok(
        "E03",
        &["review", "sign", "--package", "P-1", "--out", &revised, "--revision-reason", "经专家组讨论，调整评分"],
    );
    let first = std::fs::read(d.path("inbox/E03.pdf")).expect("first");
    // A reason for a first signature is refused too: there is nothing to revise.
    let input = sheet(&d, "E05.json", 0.6);
    d.ok("E05", &["review", "score", "--package", "P-1", "--input", &input]);
    let (code, _) =
        d.code("E05", &["review", "sign", "--package", "P-1", "--out", &d.p("e05.pdf"), "--revision-reason", "x"]);
    assert_eq!(code, Some(1));

    // The same review in other bytes (its signature's hex in lower case) is
    // the same review: a duplicate, not a second one.
    let e02 = std::fs::read(d.path("inbox/E02.pdf")).expect("E02");
    let v = paneldesk_opinion::sign::verify_pdf(&e02).expect("pdf");
    let r = v.last().and_then(|s| s.byte_range).expect("range");
    let mut lower = e02.clone();
    let gap = usize::try_from(r[1]).expect("a") + 1..usize::try_from(r[2]).expect("b") - 1;
    lower[gap].make_ascii_lowercase();
    assert_ne!(lower, e02);
    std::fs::write(d.path("inbox/zz-E02-copy.pdf"), &lower).expect("copy");

    let out =
        d.ok("E01", &["consolidate", "--batch", BATCH, "--reviews", &d.p("inbox"), "--out", &d.p("out"), "--json"]);
    let v: Value = serde_json::from_str(&out).expect("summary");
    assert_eq!(v["duplicates"], json!([{"file": "zz-E02-copy.pdf"}]), "{v}");
    assert_eq!(v["packages"][0]["experts"], 4);
    assert_eq!(v["packages"][0]["signed"], true);
    let opinion = d.p("out/P-1.pdf");
    let doc = consensus_json(&opinion);
    assert_eq!(
        doc["superseded"],
        json!([{
            "expert_id": "E03",
            "phase": "desk",
            "review_sha256": paneldesk_core::package::sha256_hex(&first),
            "revision_reason": "经专家组讨论，调整评分",
        }])
    );
    let e03 = doc["reviews"].as_array().expect("reviews").iter().find(|r| r["expert_id"] == "E03").cloned();
    assert_eq!(e03.map(|r| r["total"].clone()), Some(json!(80)), "the revision counts");

    // The chair certified it; three members have still to sign.
    let (code, v) = verify(&d, &opinion);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["signer"]["expert_id"], "E01");
    assert_eq!(v["signers"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["signers"][0]["role"], "chair");
    assert_eq!(v["missing"], json!(["E02", "E03", "E04"]));

    // E02 co-signs; not twice; E05 (no review counted) and the chair may not.
    let one = d.p("one.pdf");
    d.ok("E02", &["consensus", "cosign", &opinion, "--out", &one]);
    let (code, err) = d.code("E02", &["consensus", "cosign", &one, "--out", &d.p("again.pdf")]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("已经会签"), "{err}");
    for who in ["E05", "E01"] {
        let (code, err) = d.code(who, &["consensus", "cosign", &one, "--out", &d.p("no.pdf")]);
        assert_eq!(code, Some(1), "{who}: {err}");
    }
    assert!(!d.path("no.pdf").exists() && !d.path("again.pdf").exists(), "nothing written when refused");
    let (two, three) = (d.p("two.pdf"), d.p("three.pdf"));
    d.ok("E03", &["consensus", "cosign", &one, "--out", &two]);
    d.ok("E04", &["consensus", "cosign", &two, "--out", &three]);
    let (code, v) = verify(&d, &three);
    assert_eq!(code, Some(0), "{v}");
    let ids: Vec<&str> =
        v["signers"].as_array().expect("signers").iter().filter_map(|s| s["expert_id"].as_str()).collect();
    assert_eq!(ids, ["E01", "E02", "E03", "E04"]);
    assert_eq!(v["signers"][2]["role"], "member");
    assert_eq!(v["signers"][2]["name"], "赵强");
    assert_eq!(v["missing"], json!([]));

    external_tools_accept(&three, 4);
}

#[test]
fn the_deputy_presides_where_the_chair_declared_a_conflict() {
    let d = Desk::new();
    d.ok("bureau", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);
    for (id, name) in [("P-1", "聊城市高端轴承技术创新中心"), ("P-2", "聊城市新材料技术创新中心")]
    {
        let (manifest, docs) = d.applicant(id, name);
        d.ok(
            "bureau",
            &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", &d.p(&format!("{id}.zip"))],
        );
    }
    let people =
        [("E01", "王建国", "chair"), ("E02", "李红", "deputy"), ("E03", "赵强", "member"), ("E04", "孙丽", "member")];
    let lines: Vec<Value> = people.iter().map(|(i, n, r)| line(&d.expert(i, n), r)).collect();
    let spec = d.spec("spec.json", 1, json!(lines), &["P-1.zip", "P-2.zip"]);
    d.ok("bureau", &["batch", "build", "--spec", &spec, "--out", &d.p("batch.zip")]);
    std::fs::create_dir_all(d.path("inbox")).expect("inbox");
    for (id, _, _) in people {
        d.ok(id, &["batch", "import", &d.p("batch.zip")]);
        for p in ["P-1", "P-2"] {
            let input = if id == "E01" && p == "P-2" {
                let path = d.path("recusal.json");
                let s = json!({"phase": "desk", "conflict_of_interest": {"declared": true, "statement": "曾在申报单位任职"},
                    "scores": [], "recommendation": "", "opinion": "", "site_visit": null});
                std::fs::write(&path, s.to_string()).expect("sheet");
                let (code, _) = d.code(id, &["review", "score", "--package", p, "--input", &d.p("recusal.json")]);
                assert_eq!(code, Some(1), "the declaration is recorded, scoring refused");
                None
            } else {
                Some(sheet(&d, &format!("{id}-{p}.json"), 0.8))
            };
            if let Some(input) = input {
                d.ok(id, &["review", "score", "--package", p, "--input", &input]);
            }
            d.ok(id, &["review", "sign", "--package", p, "--out", &d.p(&format!("inbox/{id}-{p}.pdf"))]);
        }
    }
    // The chair signs P-1 only and sees none of P-2's figures.
    let out =
        d.ok("E01", &["consolidate", "--batch", BATCH, "--reviews", &d.p("inbox"), "--out", &d.p("chair"), "--json"]);
    let v: Value = serde_json::from_str(&out).expect("summary");
    let p2 = v["packages"].as_array().expect("packages").iter().find(|p| p["id"] == "P-2").cloned().expect("P-2");
    assert_eq!(
        (p2["signed"].clone(), p2["aggregate"].clone(), p2["rank"].clone()),
        (json!(false), Value::Null, Value::Null)
    );
    assert_eq!(p2["experts"], 0);
    assert!(d.path("chair/P-1.pdf").exists() && !d.path("chair/P-2.pdf").exists());
    // ranking.pdf is signed by the chair (formats.md §7).
    let ranking = std::fs::read(d.path("chair/ranking.pdf")).expect("ranking.pdf");
    let v = paneldesk_opinion::sign::verify_pdf(&ranking).expect("pdf");
    assert!(v.valid(), "{:?}", v.problems);
    assert_eq!(v.signer().and_then(|s| s.expert_id()), Some("E01"));
    // The deputy signs P-2 only, and writes no ranking.
    d.ok("E02", &["consolidate", "--batch", BATCH, "--reviews", &d.p("inbox"), "--out", &d.p("deputy"), "--json"]);
    assert!(d.path("deputy/P-2.pdf").exists() && !d.path("deputy/P-1.pdf").exists());
    assert!(!d.path("deputy/ranking.pdf").exists());
    let opinion = d.p("deputy/P-2.pdf");
    assert_eq!(consensus_json(&opinion)["chair"]["role"], "deputy");
    let (code, v) = verify(&d, &opinion);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(
        (v["signers"][0]["expert_id"].clone(), v["signers"][0]["role"].clone()),
        (json!("E02"), json!("deputy"))
    );
    assert_eq!(v["missing"], json!(["E03", "E04"]));
    deputy_in_the_window(&d);
    d.ok("E03", &["consensus", "cosign", &opinion, "--out", &d.p("p2-e03.pdf")]);
    let (code, err) = d.code("E01", &["consensus", "cosign", &d.p("p2-e03.pdf"), "--out", &d.p("p2-e01.pdf")]);
    assert_eq!(code, Some(1), "the recused chair does not co-sign: {err}");
    // A member who is neither chair nor deputy cannot consolidate.
    let (code, _) = d.code("E03", &["consolidate", "--batch", BATCH, "--reviews", &d.p("inbox"), "--out", &d.p("e03")]);
    assert_eq!(code, Some(1));
}

/// The deputy's screens, through the api the window calls (issue 12): the
/// batch is theirs to open; P-2, where the chair declared a conflict, is
/// visible and signs as the deputy; P-1 is the chair's, set apart and
/// refused; the export holds the signed 专家组意见 and no ranking.
fn deputy_in_the_window(d: &Desk) {
    use paneldesk_api::chair;
    let mut store = paneldesk_api::data::open(Some(&d.path("data-E02"))).expect("store");
    assert_eq!(chair::chaired_batches(&store).expect("batches"), [BATCH]);
    let o = chair::overview(&store, BATCH).expect("overview");
    assert!(o.deputy);
    let row = |id: &str| o.packages.iter().find(|p| p.package_id == id).cloned().expect("row");
    assert!(row("P-2").visible && row("P-2").aggregate.is_some());
    assert!(!row("P-1").visible && row("P-1").aggregate.is_none() && row("P-1").set_apart.is_some());
    let e = chair::package(&store, BATCH, "P-1").expect_err("the chair's package");
    assert_eq!(e.code, paneldesk_api::ErrorCode::ReadPhase);
    let signed = chair::sign_one(&mut store, BATCH, "P-2", PASS).expect("the deputy signs P-2");
    let pdf = std::fs::read(store.dir().join(format!("signed/{}.pdf", signed.pdf_sha256))).expect("kept");
    let files = paneldesk_opinion::sign::embedded_files(&pdf).expect("attachments");
    let doc: Value =
        serde_json::from_slice(&files.iter().find(|f| f.name == "consensus.json").expect("json").bytes).expect("json");
    assert_eq!((doc["chair"]["expert_id"].clone(), doc["chair"]["role"].clone()), (json!("E02"), json!("deputy")));
    let out = d.path("deputy-window");
    let exported = chair::export_to(&store, BATCH, &out, "").expect("export");
    assert_eq!(exported.files, ["P-2.pdf"]);
}

#[test]
fn only_the_enrolled_key_signs_as_the_chair() {
    let d = panel();
    // Same expert id as the chair, another key: the roster names E01's.
    d.ok(
        "fake",
        &[
            "identity",
            "create",
            "--expert-id",
            "E01",
            "--name",
            "王建国",
            "--title",
            "教授",
            "--affiliation",
            "聊城大学",
        ],
    );
    d.ok("fake", &["batch", "import", &d.p("batch.zip")]);
    let (code, err) =
        d.code("fake", &["consolidate", "--batch", BATCH, "--reviews", &d.p("inbox"), "--out", &d.p("fake-out")]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("登记的证书"), "{err}");
    assert!(!d.path("fake-out").exists(), "nothing written");
}
