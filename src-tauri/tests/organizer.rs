//! The organiser's workbench through the mock runtime: the bureau's
//! identity, a package built from a manifest and from its Excel form,
//! experts enrolled from certificates they exported with their own app,
//! a signed batch issued that an expert's window then opens; and the
//! refusals on the way. Output paths are the save dialog's (here
//! PANELDESK_EXPORT_DIR), never the page's.

mod support;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::signing::{create_identity, export_dir, PASSPHRASE};
use support::Harness;

const BUREAU_PASS: &str = "bureau passphrase 2026";

/// An applicant's manifest (document hashes left out) and documents folder,
/// plus one file the manifest does not list.
fn applicant(root: &Path, id: &str) -> (PathBuf, PathBuf) {
    let mut m = serde_json::to_value(paneldesk_core::fixture::establishment(id)).expect("manifest");
    let docs = root.join(format!("apply-{id}"));
    for d in m["documents"].as_array_mut().expect("documents") {
        let rel = d["path"].as_str().expect("path").to_string();
        let file = docs.join(&rel);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(&file, support::batch::pdf(&format!("{id} {rel}"), 2)).expect("doc");
        d.as_object_mut().expect("doc").remove("sha256");
    }
    std::fs::write(docs.join("notes.txt"), "not listed").expect("extra");
    // The second applicant also sends a Word file, which no expert's window shows.
    if id.ends_with('2') {
        std::fs::create_dir_all(docs.join("lists")).expect("mkdir");
        std::fs::write(docs.join("lists/equipment.docx"), b"PK\x03\x04 a Word file").expect("docx");
        m["documents"]
            .as_array_mut()
            .expect("documents")
            .push(json!({"path": "lists/equipment.docx", "title": "仪器设备清单", "kind": "equipment_list"}));
        // And a staff roster as a workbook, which it shows as tables.
        let xlsx = paneldesk_opinion::form::template(paneldesk_core::manifest::Kind::Establishment).expect("xlsx");
        std::fs::write(docs.join("lists/staff.xlsx"), xlsx).expect("staff.xlsx");
        m["documents"]
            .as_array_mut()
            .expect("documents")
            .push(json!({"path": "lists/staff.xlsx", "title": "人员名单", "kind": "staff_roster"}));
    }
    let manifest = root.join(format!("{id}.json"));
    std::fs::write(&manifest, serde_json::to_vec_pretty(&m).expect("json")).expect("manifest");
    (manifest, docs)
}

/// An expert's certificate as their own window exports it.
fn expert_certificate(id: &str) -> PathBuf {
    let h = Harness::start(None);
    h.set_profile(id);
    create_identity(&h);
    let path = h.ok("export_certificate", json!({}));
    PathBuf::from(path.as_str().expect("exported"))
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn the_bureau_builds_enrols_and_issues_a_batch_an_expert_opens() {
    let out = export_dir();
    let bureau = Harness::start(None);
    let mismatch =
        json!({"organizerId": "LCSTB", "name": "聊城市科学技术局", "passphrase": BUREAU_PASS, "confirm": "x"});
    assert_eq!(bureau.err("organizer_create", mismatch), "passphrase-mismatch");
    let created = bureau.ok(
        "organizer_create",
        json!({"organizerId": "LCSTB", "name": "聊城市科学技术局", "passphrase": BUREAU_PASS, "confirm": BUREAU_PASS}),
    );
    assert_eq!(created["organizer"], true);

    // A package from a manifest; the unlisted file is named, not packed.
    let root = bureau.dir.path();
    let (manifest, docs) = applicant(root, "LC-ORG-001");
    let built = bureau.ok("organizer_build_package", json!({"source": s(&manifest), "docs": s(&docs)}));
    assert_eq!(built["path"], s(&out.join("LC-ORG-001.zip")), "saved under the package id");
    assert_eq!((built["id"].as_str(), built["verdict"].as_str()), (Some("LC-ORG-001"), Some("eligible")));
    assert_eq!(built["left_out"], json!(["notes.txt"]));
    assert_eq!(built["not_shown"], json!([]), "PDFs only");
    assert!(built["rules"].as_array().is_some_and(|r| r.iter().any(|r| r["id"] == "space")), "{built}");

    // Its Excel form builds the same bytes again (and says it replaced the file).
    let form = bureau.ok("organizer_write_form", json!({"kind": null, "package": built["path"]}));
    assert!(form["path"].as_str().is_some_and(|p| p.ends_with("LC-ORG-001-申报数据表.xlsx")), "{form}");
    let again = bureau.ok("organizer_build_package", json!({"source": form["path"], "docs": s(&docs)}));
    assert_eq!(again["sha256"], built["sha256"], "the form round-trips to the same package");
    assert!(again["replaced"]["zh"].as_str().is_some_and(|z| z.contains("已替换")), "{again}");
    let template = bureau.ok("organizer_write_form", json!({"kind": "acceptance", "package": null}));
    assert!(Path::new(template["path"].as_str().expect("path")).is_file());

    // Refusals: a folder that is not one, a package that is not a file.
    let no_docs = json!({"source": s(&manifest), "docs": s(&root.join("nowhere"))});
    assert_eq!(bureau.err("organizer_build_package", no_docs), "unreadable-folder");
    assert_eq!(bureau.err("organizer_add_package", json!({"path": s(root)})), "package-refused");
    let (second, second_docs) = applicant(root, "LC-ORG-002");
    let second = bureau.ok("organizer_build_package", json!({"source": s(&second), "docs": s(&second_docs)}));
    assert_eq!(second["not_shown"], json!(["lists/equipment.docx"]), "named for the officer");
    let added = bureau.ok("organizer_add_package", json!({"path": second["path"]}));
    assert_eq!(added["sha256"], second["sha256"]);

    // Enrolment from the experts' exported certificates.
    let enrol = |id: &str, role: &str| {
        let cert = expert_certificate(id);
        bureau.ok(
            "organizer_enrol",
            json!({"certificate": s(&cert), "role": role, "title": "教授", "affiliation": "聊城大学"}),
        )
    };
    let panel: Vec<Value> = vec![enrol("X01", "chair"), enrol("X02", "member"), enrol("X03", "member")];
    assert_eq!((panel[0]["expert_id"].as_str(), panel[0]["role"].as_str()), (Some("X01"), Some("chair")));
    assert_eq!(panel[1]["name"], "张明", "the name is the certificate's CN (set_profile's)");
    let bad_role = json!({"certificate": panel[1]["certificate"], "role": "boss", "title": "", "affiliation": ""});
    assert_eq!(bureau.err("organizer_enrol", bad_role), "spec-invalid");

    let request = json!({
        "id": "LC-ORG-2026", "title": "2026年度聊城市技术创新中心组建评审", "kind": "establishment",
        "deadline": "2030-06-30T17:00", "revision": 1, "rubric": "establishment",
        "panel": panel, "packages": [built["path"], second["path"]],
    });
    let wrong = json!({"request": request, "passphrase": "not the passphrase"});
    assert_eq!(bureau.err("organizer_issue", wrong), "wrong-passphrase");
    assert!(!out.join("LC-ORG-2026.zip").exists(), "nothing written by a refused issue");
    let mut bad_deadline = request.clone();
    bad_deadline["deadline"] = json!("30/06/2030");
    assert_eq!(
        bureau.err("organizer_issue", json!({"request": bad_deadline, "passphrase": BUREAU_PASS})),
        "spec-invalid"
    );
    let issued = bureau.ok("organizer_issue", json!({"request": request, "passphrase": BUREAU_PASS}));
    assert_eq!(issued["path"], s(&out.join("LC-ORG-2026.zip")));
    assert_eq!(
        (issued["revision"].as_u64(), issued["packages"].as_u64(), issued["experts"].as_u64()),
        (Some(1), Some(2), Some(3))
    );
    assert_eq!(issued["fingerprint"], created["fingerprint"], "signed by the bureau's certificate");

    // An expert on the panel sees who issued it before trusting it.
    let expert = Harness::start(None);
    expert.set_profile("X02");
    let issuer = expert.ok("inspect_batch", json!({"path": issued["path"]}));
    assert_eq!(issuer["organizer"], "聊城市科学技术局");
    let sha = issuer["certificate_sha256"].clone();
    let opened = expert.ok("open_batch", json!({"path": issued["path"], "trustOrganizer": sha}));
    assert_eq!((opened["id"].as_str(), opened["packages"].as_u64()), (Some("LC-ORG-2026"), Some(2)));
    // The expert's window shows the Word file by name and hash only.
    let detail = expert.ok("package_detail", json!({"batchId": "LC-ORG-2026", "packageId": "LC-ORG-002"}));
    let shown: Vec<(&str, &str)> = detail["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| Some((d["path"].as_str()?, d["shown"].as_str()?)))
        .collect();
    assert!(shown.contains(&("lists/equipment.docx", "not_shown")), "{shown:?}");
    assert!(shown.contains(&("lists/staff.xlsx", "table")), "{shown:?}");
    let at = |path: &str| json!({"batchId": "LC-ORG-2026", "packageId": "LC-ORG-002", "path": path});
    let tables = expert.ok("read_table", at("lists/staff.xlsx"));
    let first = &tables[0];
    assert_eq!(first["name"], "基本信息", "every sheet, in the workbook's order");
    assert!(first["rows"].as_array().is_some_and(|r| r.len() > 5), "{first}");
    let pdf = shown.iter().find(|(p, _)| p.ends_with(".pdf")).map(|(p, _)| p.to_string()).expect("a pdf");
    assert_eq!(expert.err("read_table", at(&pdf)), "document-damaged", "a PDF is not a workbook");
    assert_eq!(expert.err("read_table", at("lists/other.xlsx")), "unlisted-document");
    assert!(shown.iter().filter(|(p, _)| p.ends_with(".pdf")).all(|(_, s)| *s == "pdf"), "{shown:?}");
}

#[test]
fn only_an_organiser_folder_issues() {
    export_dir();
    let expert = Harness::start(None);
    expert.set_profile("X05");
    let request = json!({
        "id": "LC-ORG-X", "title": "t", "kind": "establishment", "deadline": "2030-06-30T17:00",
        "revision": 1, "rubric": "establishment", "panel": [], "packages": [],
    });
    assert_eq!(expert.err("organizer_issue", json!({"request": request, "passphrase": PASSPHRASE})), "not-organizer");
}
