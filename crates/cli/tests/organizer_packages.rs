//! The bureau's packages and corrections through `paneldesk-cli`
//! (formats.md §6): building is reproducible and refuses bad input writing
//! nothing; a corrected batch keeps unchanged work and restarts a changed
//! package, for the expert and for the chair.

mod desk;

use std::path::Path;

use desk::{line, sheet, Desk};
use serde_json::{json, Value};

#[test]
fn building_a_package_is_reproducible_and_refuses_bad_input_writing_nothing() {
    let d = Desk::new();
    let (manifest, docs) = d.applicant("P-1", "聊城市高端轴承技术创新中心");
    std::fs::write(Path::new(&docs).join("备注.txt"), "not listed").expect("extra");
    let build =
        |out: &str| d.cli("bureau", &["package", "build", "--manifest", &manifest, "--docs", &docs, "--out", out]);
    let one = build(&d.p("one.zip"));
    assert_eq!(one.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&one.stderr).contains("备注.txt"), "the unlisted file is named");
    assert_eq!(build(&d.p("two.zip")).status.code(), Some(0));
    assert_eq!(std::fs::read(d.path("one.zip")).expect("1"), std::fs::read(d.path("two.zip")).expect("2"));

    let m: Value = serde_json::from_slice(&std::fs::read(&manifest).expect("m")).expect("json");
    for (what, edit) in [
        (
            "three decimals",
            json!({"facilities": {"rd_space_m2": 1200.125, "equipment_value_wan": 860, "pilot_capability": true}}),
        ),
        ("negative", json!({"facilities": {"rd_space_m2": -1, "equipment_value_wan": 860, "pilot_capability": true}})),
        ("bad id", json!({"id": "P 1"})),
    ] {
        let mut bad = m.clone();
        for (k, v) in edit.as_object().expect("edit") {
            bad[k] = v.clone();
        }
        let file = d.path("bad.json");
        std::fs::write(&file, bad.to_string()).expect("bad");
        let out = d.cli(
            "bureau",
            &["package", "build", "--manifest", file.to_str().expect("p"), "--docs", &docs, "--out", &d.p("bad.zip")],
        );
        assert_eq!(out.status.code(), Some(2), "{what}");
        assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1, "{what}: one line");
        assert!(!d.path("bad.zip").exists(), "{what}: nothing written");
    }
    std::fs::remove_file(Path::new(&docs).join("docs/application.pdf")).expect("rm");
    let out = build(&d.p("missing.zip"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("docs/application.pdf"));
    assert!(!d.path("missing.zip").exists());
}

#[test]
fn a_corrected_batch_keeps_unchanged_work_and_restarts_a_changed_package() {
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
    let certs = [d.expert("E01", "王建国"), d.expert("E02", "李红")];
    let panel = json!([line(&certs[0], "chair"), line(&certs[1], "member")]);
    d.ok(
        "bureau",
        &[
            "batch",
            "build",
            "--spec",
            &d.spec("s1.json", 1, panel.clone(), &["P-1.zip", "P-2.zip"]),
            "--out",
            &d.p("r1.zip"),
        ],
    );
    d.ok("E02", &["batch", "import", &d.p("r1.zip")]);
    for p in ["P-1", "P-2"] {
        d.ok("E02", &["review", "score", "--package", p, "--input", &sheet(&d, "s.json", 0.8)]);
    }
    std::fs::create_dir_all(d.path("inbox")).expect("inbox");
    d.ok("E02", &["review", "sign", "--package", "P-1", "--out", &d.p("inbox/E02-P-1.pdf")]);
    d.ok("E02", &["review", "sign", "--package", "P-2", "--out", &d.p("inbox/E02-P-2-old.pdf")]);
    d.ok("E01", &["batch", "import", &d.p("r1.zip")]);
    let experts = |d: &Desk| -> Vec<u64> {
        let args = ["consolidate", "--batch", "LC-2026-B1", "--reviews", &d.p("inbox"), "--out", &d.p("out"), "--json"];
        let v: Value = serde_json::from_slice(&d.cli("E01", &args).stdout).expect("summary");
        v["packages"].as_array().expect("packages").iter().map(|p| p["experts"].as_u64().unwrap_or(9)).collect()
    };
    assert_eq!(experts(&d), [1, 1]);

    // The bureau corrects P-2's figures and issues revision 2.
    let mut m: Value = serde_json::from_slice(&std::fs::read(d.path("manifest-P-2.json")).expect("m")).expect("json");
    m["facilities"]["rd_space_m2"] = json!(1500);
    std::fs::write(d.path("manifest-P-2.json"), m.to_string()).expect("m");
    d.ok(
        "bureau",
        &[
            "package",
            "build",
            "--manifest",
            &d.p("manifest-P-2.json"),
            "--docs",
            &d.p("apply-P-2"),
            "--out",
            &d.p("P-2.zip"),
        ],
    );
    // The same revision with other content is refused.
    d.ok(
        "bureau",
        &[
            "batch",
            "build",
            "--spec",
            &d.spec("s1b.json", 1, panel.clone(), &["P-1.zip", "P-2.zip"]),
            "--out",
            &d.p("r1b.zip"),
        ],
    );
    assert_eq!(d.code("E02", &["batch", "import", &d.p("r1b.zip")]).0, Some(1));
    d.ok(
        "bureau",
        &["batch", "build", "--spec", &d.spec("s2.json", 2, panel, &["P-1.zip", "P-2.zip"]), "--out", &d.p("r2.zip")],
    );
    let out = d.ok("E02", &["batch", "import", &d.p("r2.zip")]);
    assert!(out.contains("第 2 版") && out.contains("P-2") && out.contains("facilities.rd_space_m2"), "{out}");
    assert!(!out.contains("材料包 P-1 已更正"), "{out}");
    // P-1's signed review stands: a new sheet is a 复议, which cannot be
    // signed without a reason; P-2 starts afresh.
    let said = d.ok("E02", &["review", "score", "--package", "P-1", "--input", &sheet(&d, "s.json", 0.5)]);
    assert!(said.contains("复议"), "{said}");
    let (code, _) = d.code("E02", &["review", "sign", "--package", "P-1", "--out", &d.p("p1-again.pdf")]);
    assert_eq!(code, Some(1), "P-1's signed review stands until a 复议 is signed with a reason");
    d.ok("E02", &["review", "score", "--package", "P-2", "--input", &sheet(&d, "s.json", 0.6)]);
    // The chair takes the correction too: the review of P-2's old file no
    // longer counts; the new one does.
    d.ok("E01", &["batch", "import", &d.p("r2.zip")]);
    assert_eq!(experts(&d), [1, 0]);
    d.ok("E02", &["review", "sign", "--package", "P-2", "--out", &d.p("inbox/E02-P-2.pdf")]);
    assert_eq!(experts(&d), [1, 1]);
    // Importing revision 2 again changes nothing.
    assert!(d.ok("E02", &["batch", "import", &d.p("r2.zip")]).contains("此前已导入"));
}
