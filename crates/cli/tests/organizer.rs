//! The bureau's workbench through `paneldesk-cli` (formats.md §6, cli.md
//! "The organiser"): a signed batch issued from built packages and the
//! experts' exported certificates, imported by the experts, scored, signed
//! and consolidated by the chair; and each way the chain can be broken,
//! refused. Building packages and corrections: organizer_packages.rs.

mod desk;

use desk::{line, rewrite, sheet, Desk};
use paneldesk_core::sheet::SiteVerdict;
use paneldesk_opinion::identity::{CertificateInfo, Identity};
use serde_json::{json, Value};
use std::process::Command;

#[test]
fn the_bureau_issues_a_signed_batch_that_experts_and_the_chair_use() {
    let d = Desk::new();
    d.ok("bureau", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);

    // Three packages: two from manifests, the third through the Excel form.
    let mut pkgs = Vec::new();
    for (id, name) in [
        ("P-1", "聊城市高端轴承技术创新中心"),
        ("P-2", "聊城市新材料技术创新中心"),
        ("P-3", "聊城市生物医药技术创新中心"),
    ] {
        let (manifest, docs) = d.applicant(id, name);
        let out = d.p(&format!("{id}.zip"));
        let json =
            d.ok("bureau", &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", &out, "--json"]);
        let v: Value = serde_json::from_str(&json).expect("formal review JSON");
        assert_eq!(v["package_id"], id);
        pkgs.push(out);
    }
    let form = d.p("P-3.xlsx");
    d.ok("bureau", &["package", "export-form", &pkgs[2], "--out", &form]);
    let again = d.p("P-3-form.zip");
    d.ok("bureau", &["package", "build", "--form", &form, "--docs", &d.p("apply-P-3"), "--out", &again]);
    let check = |p: &str| -> Value { serde_json::from_str(&d.ok("bureau", &["check", p, "--json"])).expect("json") };
    assert_eq!(check(&again), check(&pkgs[2]), "the form round-trips to the same verdict");
    assert_eq!(std::fs::read(&again).expect("a"), std::fs::read(&pkgs[2]).expect("b"), "and to the same bytes");

    // Enrolment from exported certificates, then the signed batch.
    let certs: Vec<String> =
        [("E01", "王建国"), ("E02", "李红"), ("E03", "赵强")].iter().map(|(i, n)| d.expert(i, n)).collect();
    let panel = json!([line(&certs[0], "chair"), line(&certs[1], "member"), line(&certs[2], "member")]);
    let spec = d.spec("spec.json", 1, panel.clone(), &["P-1.zip", "P-2.zip", "P-3.zip"]);
    let batch = d.p("batch.zip");
    d.ok("bureau", &["batch", "build", "--spec", &spec, "--out", &batch]);

    // Any standard tool checks the issuing signature.
    let unpacked = d.path("unpacked");
    std::fs::create_dir_all(&unpacked).expect("dir");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&batch).expect("batch")).expect("zip");
    for name in ["batch.json", "batch.json.p7s"] {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).expect(name), &mut bytes).expect("read");
        std::fs::write(unpacked.join(name), bytes).expect("write");
    }
    let openssl = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-noverify", "-out", "/dev/null"])
        .arg("-in")
        .arg(unpacked.join("batch.json.p7s"))
        .arg("-content")
        .arg(unpacked.join("batch.json"))
        .output()
        .expect("openssl");
    assert!(openssl.status.success(), "openssl: {}", String::from_utf8_lossy(&openssl.stderr));
    let bj: Value = serde_json::from_slice(&std::fs::read(unpacked.join("batch.json")).expect("bj")).expect("json");
    assert_eq!((bj["organizer_id"].as_str(), bj["revision"].as_u64()), (Some("LCSTB"), Some(1)));
    assert!(bj["panel"].as_array().expect("panel").iter().all(|p| p["certificate_sha256"].as_str().is_some()));
    assert_eq!(bj["panel"][1]["expert_id"], "E02");
    assert_eq!(bj["panel"][1]["name"], "李红");

    // The experts import it (the first pins the bureau), score and sign.
    for (id, base) in [("E01", 0.8), ("E02", 0.7), ("E03", 0.9)] {
        let out = d.ok(id, &["batch", "import", &batch]);
        assert!(out.contains("签发单位 聊城市科学技术局 · 证书 ") && out.contains("第 1 版"), "{out}");
        for p in ["P-1", "P-2", "P-3"] {
            let input = sheet(&d, &format!("{id}-{p}.json"), base);
            d.ok(id, &["review", "score", "--package", p, "--input", &input]);
            std::fs::create_dir_all(d.path("inbox")).expect("inbox");
            d.ok(id, &["review", "sign", "--package", p, "--out", &d.p(&format!("inbox/{id}-{p}.pdf"))]);
        }
    }
    // E03 also visits P-1 (site visit: one item found only partly).
    d.visit("E03", "P-1", (SiteVerdict::Partly, "部分用房在装修"), &d.p("inbox/E03-P-1-visit.pdf"));
    // A review of E02's packages signed by someone else under E02's id is
    // rejected: the roster names E02's certificate.
    d.ok(
        "impostor",
        &["identity", "create", "--expert-id", "E02", "--name", "李红", "--title", "教授", "--affiliation", "聊城大学"],
    );
    d.ok("impostor", &["batch", "import", &batch]);
    let input = sheet(&d, "impostor.json", 0.1);
    d.ok("impostor", &["review", "score", "--package", "P-1", "--input", &input]);
    d.ok("impostor", &["review", "sign", "--package", "P-1", "--out", &d.p("inbox/zz-impostor.pdf")]);

    let out = d.ok(
        "E01",
        &["consolidate", "--batch", "LC-2026-B1", "--reviews", &d.p("inbox"), "--out", &d.p("out"), "--json"],
    );
    let v: Value = serde_json::from_str(&out).expect("summary");
    let experts: Vec<u64> =
        v["packages"].as_array().expect("packages").iter().map(|p| p["experts"].as_u64().unwrap_or(0)).collect();
    assert_eq!(experts, [3, 3, 3]);
    let rejected = v["rejected"].as_array().expect("rejected");
    assert_eq!(rejected.len(), 1, "{rejected:?}");
    assert_eq!(rejected[0]["file"], "zz-impostor.pdf");
    // formats.md §7: votes over the desk reviews, the site visit, already imported.
    let p1 = &v["packages"][0];
    assert_eq!(p1["votes"], json!({"recommend": 3, "not_recommend": 0}));
    assert_eq!(p1["site_visit"]["experts"], json!(["E03"]));
    assert_eq!(p1["site_visit"]["date"], "2026-06-02");
    assert_eq!(
        (p1["site_visit"]["items"][0]["partly"].as_u64(), p1["site_visit"]["items"][0]["meets"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(p1["site_visit"]["items"][0]["notes"], json!(["E03：部分用房在装修"]));
    assert_eq!(p1["site_visit"]["discrepancies"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["packages"][1]["site_visit"], Value::Null);
    assert_eq!(v["already_imported"], json!([]));
    let again = d.ok(
        "E01",
        &["consolidate", "--batch", "LC-2026-B1", "--reviews", &d.p("inbox"), "--out", &d.p("out2"), "--json"],
    );
    let again: Value = serde_json::from_str(&again).expect("summary");
    assert_eq!(again["already_imported"].as_array().map(Vec::len), Some(10));
    // The signed 专家组意见 carries the same (consensus.json).
    let pdf = std::fs::read(d.path("out/P-1.pdf")).expect("P-1.pdf");
    let files = paneldesk_opinion::sign::embedded_files(&pdf).expect("attachments");
    let json = files.iter().find(|f| f.name == "consensus.json").expect("consensus.json");
    let doc: Value = serde_json::from_slice(&json.bytes).expect("json");
    assert_eq!(doc["votes"], json!({"recommend": 3, "not_recommend": 0}));
    assert_eq!(doc["site_visit"]["experts"], json!(["E03"]));
    let phases: Vec<&str> =
        doc["reviews"].as_array().expect("reviews").iter().filter_map(|r| r["phase"].as_str()).collect();
    assert_eq!(phases, ["desk", "desk", "desk", "site_visit"]);

    // The chair's package screen lists the site photo and reads it out of
    // the signed site-visit PDF (issue 12); an id no review lists is refused.
    let store = paneldesk_api::data::open(Some(&d.path("data-E01"))).expect("store");
    let screen = paneldesk_api::chair::package(&store, "LC-2026-B1", "P-1").expect("P-1");
    let photos = screen.process.site_visit.expect("site visit").photos;
    assert_eq!(photos.len(), 1);
    assert_eq!((photos[0].expert_id.as_str(), photos[0].name.as_str()), ("E03", "赵强"));
    let jpeg = paneldesk_api::chair::photo(&store, "LC-2026-B1", "P-1", &photos[0].sha256).expect("photo");
    assert!(jpeg.starts_with(&[0xFF, 0xD8, 0xFF]), "the JPEG that travelled in the signed file");
    let e = paneldesk_api::chair::photo(&store, "LC-2026-B1", "P-2", &photos[0].sha256).expect_err("not P-2's");
    assert_eq!(e.code, paneldesk_api::ErrorCode::PhotoMissing);
}

#[test]
fn a_batch_changed_after_signing_or_from_another_organiser_is_refused() {
    let d = Desk::new();
    d.ok("bureau", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);
    let (manifest, docs) = d.applicant("P-1", "聊城市高端轴承技术创新中心");
    d.ok("bureau", &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", &d.p("P-1.zip")]);
    let certs = [d.expert("E01", "王建国"), d.expert("E02", "李红")];
    let spec = d.spec("spec.json", 1, json!([line(&certs[0], "chair"), line(&certs[1], "member")]), &["P-1.zip"]);
    d.ok("bureau", &["batch", "build", "--spec", &spec, "--out", &d.p("batch.zip")]);

    // batch.json edited after signing (a deadline moved): refused whole.
    rewrite(&d.path("batch.zip"), &d.path("edited.zip"), |name, bytes| {
        Some(if name == "batch.json" {
            String::from_utf8(bytes).expect("utf8").replace("2030-06-30", "2031-06-30").into_bytes()
        } else {
            bytes
        })
    });
    let (code, err) = d.code("E02", &["batch", "import", &d.p("edited.zip")]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("签发签名无效"), "{err}");
    // The signature removed and organizer_id kept: opens as unsigned only
    // when unsigned batches are allowed.
    rewrite(&d.path("batch.zip"), &d.path("stripped.zip"), |name, bytes| (name != "batch.json.p7s").then_some(bytes));
    assert_eq!(d.code("E02", &["batch", "import", "--require-signed", &d.p("stripped.zip")]).0, Some(1));

    // A trusted fingerprint that is not the bureau's: refused.
    let (code, _) = d.code("E02", &["batch", "import", "--trust-organizer", &"a".repeat(64), &d.p("batch.zip")]);
    assert_eq!(code, Some(1));
    // The real one pins the bureau.
    d.ok("E02", &["batch", "import", &d.p("batch.zip")]);

    // Another "LCSTB" signs a batch: refused by the pin.
    d.ok("forger", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);
    let spec2 = d.spec("spec2.json", 2, json!([line(&certs[0], "chair"), line(&certs[1], "member")]), &["P-1.zip"]);
    d.ok("forger", &["batch", "build", "--spec", &spec2, "--out", &d.p("forged.zip")]);
    let (code, err) = d.code("E02", &["batch", "import", &d.p("forged.zip")]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("LCSTB"), "{err}");

    // --require-signed refuses an unsigned batch; without it, it opens marked so.
    d.ok(
        "bureau",
        &[
            "batch",
            "build",
            "--spec",
            &d.spec("spec3.json", 1, json!([line(&certs[0], "chair")]), &["P-1.zip"]),
            "--out",
            &d.p("unsigned.zip"),
            "--unsigned",
        ],
    );
    assert_eq!(d.code("E01", &["batch", "import", "--require-signed", &d.p("unsigned.zip")]).0, Some(1));
    let out = d.ok("E01", &["batch", "import", &d.p("unsigned.zip")]);
    assert!(out.contains("未签发"), "{out}");
}

#[test]
fn the_roster_refuses_a_certificate_that_is_not_the_line_s_expired_or_twice() {
    let d = Desk::new();
    d.ok("bureau", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);
    let (manifest, docs) = d.applicant("P-1", "聊城市高端轴承技术创新中心");
    d.ok("bureau", &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", &d.p("P-1.zip")]);
    let a = d.expert("E01", "王建国");
    let b = d.expert("E02", "李红");
    let mut wrong = line(&b, "member");
    wrong["expert_id"] = json!("E09");
    for (name, panel) in [
        ("other-id.json", json!([line(&a, "chair"), wrong])),
        ("twice.json", json!([line(&a, "chair"), line(&a, "member")])),
        ("no-chair.json", json!([line(&a, "member"), line(&b, "member")])),
    ] {
        let spec = d.spec(name, 1, panel, &["P-1.zip"]);
        let (code, err) = d.code("bureau", &["batch", "build", "--spec", &spec, "--out", &d.p("b.zip")]);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(!d.path("b.zip").exists(), "{name}: nothing written");
    }
    // An expired certificate: made in 2015, valid five years.
    let made = chrono::DateTime::parse_from_rfc3339("2015-01-01T00:00:00Z").expect("time").to_utc();
    let old = Identity::create("E07", "旧证书", "教授", "聊城大学", made).expect("identity");
    let pem = d.p("old.pem");
    let text = CertificateInfo::read(old.certificate_der()).and_then(|c| c.pem()).expect("pem");
    std::fs::write(&pem, text).expect("write");
    let spec = d.spec("expired.json", 1, json!([line(&a, "chair"), line(&pem, "member")]), &["P-1.zip"]);
    let (code, err) = d.code("bureau", &["batch", "build", "--spec", &spec, "--out", &d.p("b.zip")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("有效期"), "{err}");
}

/// A file the bureau named as output is never replaced silently: a rebuilt
/// package replaces the earlier one (the correction workflow) and stderr
/// says so.
#[test]
fn a_replaced_output_file_is_said() {
    let d = Desk::new();
    d.ok("bureau", &["identity", "create", "--organizer-id", "LCSTB", "--name", "聊城市科学技术局"]);
    let (manifest, docs) = d.applicant("P-1", "聊城市高端轴承技术创新中心");
    let out = d.p("P-1.zip");
    let build = || d.code("bureau", &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", &out]);
    let (code, stderr) = build();
    assert_eq!((code, stderr.contains("replaced")), (Some(0), false), "{stderr}");
    let first = std::fs::read(&out).expect("built");
    let (code, stderr) = build();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("已替换原有的") && stderr.contains("P-1.zip"), "{stderr}");
    assert_eq!(std::fs::read(&out).expect("rebuilt"), first, "the same inputs, the same bytes");
    let cert = d.p("bureau.pem");
    std::fs::write(&cert, b"x").expect("write");
    let (code, stderr) = d.code("bureau", &["identity", "export-cert", "--out", &cert]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("已替换原有的"), "{stderr}");
    assert!(std::fs::read_to_string(&cert).expect("pem").starts_with("-----BEGIN CERTIFICATE-----"));
}
