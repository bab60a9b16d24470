//! `paneldesk-cli check` on real package files: a table of fixture packages
//! with their expected verdicts and rule results, and the refusals.

mod exe;

use std::path::{Path, PathBuf};
use std::process::Output;

use paneldesk_core::fixture;
use paneldesk_core::manifest::{DocKind, Kind, Manifest, UnitKind};
use paneldesk_core::package::builder::PackageBuilder;
use paneldesk_core::Dec;
use serde_json::Value;

fn cli(args: &[&str]) -> Output {
    exe::cli().args(args).env_remove("PANELDESK_LANG").output()
}

fn write_package(dir: &Path, m: Manifest) -> PathBuf {
    let path = dir.join(format!("{}.zip", m.id));
    let docs = m.documents.clone();
    let mut b = PackageBuilder::new(m);
    for d in docs {
        b.add_document(&d.path, &d.title, d.kind, format!("%PDF-1.7 {}", d.title).into_bytes());
    }
    std::fs::write(&path, b.to_bytes()).expect("write package");
    path
}

fn check_json(path: &Path) -> Value {
    let out = cli(&["check", path.to_str().expect("utf-8 path"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

fn d(s: &str) -> Dec {
    Dec::parse(s).expect("decimal")
}

type Case = (&'static str, fn(&mut Manifest), &'static str, &'static [(&'static str, &'static str)]);

const CASES: &[Case] = &[
    ("baseline", |_| {}, "eligible", &[("rd-total", "pass"), ("lead-share", "pass")]),
    (
        "rd exactly 800",
        |m| {
            m.lead_unit.finance = vec![
                fixture::finance(2023, d("694.3"), d("9000")),
                fixture::finance(2024, d("12.9"), d("9000")),
                fixture::finance(2025, d("92.8"), d("8000")),
            ];
        },
        "eligible",
        &[("rd-total", "pass")],
    ),
    (
        "rd 799.99",
        |m| {
            m.lead_unit.finance = vec![
                fixture::finance(2023, d("694.3"), d("9000")),
                fixture::finance(2024, d("12.9"), d("9000")),
                fixture::finance(2025, d("92.79"), d("8000")),
            ];
        },
        "ineligible",
        &[("rd-total", "fail")],
    ),
    (
        "ratio exactly 3%",
        |m| {
            m.lead_unit.finance = vec![
                fixture::finance(2023, d("500"), d("10000")),
                fixture::finance(2024, d("300.1"), d("12000")),
                fixture::finance(2025, d("168.3"), d("10280")),
            ];
        },
        "eligible",
        &[("rd-ratio", "pass")],
    ),
    (
        "software space",
        |m| {
            m.center.software_industry = true;
            m.facilities.rd_space_m2 = d("420");
        },
        "eligible_with_warnings",
        &[("space", "warn")],
    ),
    (
        "strategic staff",
        |m| {
            m.center.strategic_priority = true;
            m.team.full_time_rd_staff = 12;
        },
        "needs_judgment",
        &[("staff", "relaxed")],
    ),
    ("lead share 59.5", |m| m.lead_share_percent = d("59.5"), "ineligible", &[("lead-share", "fail")]),
    (
        "bad credit code",
        |m| m.co_builders[0].credit_code = "12371500495570O6X".into(),
        "ineligible",
        &[("credit-code", "fail")],
    ),
    (
        "university lead",
        |m| {
            let firm = m.lead_unit.clone();
            m.lead_unit = fixture::university("聊城大学", "12371500495570060");
            m.lead_unit.kind = UnitKind::ResearchInstitute;
            m.co_builders = vec![firm];
        },
        "eligible",
        &[("conversion", "pass"), ("local-enterprise", "pass")],
    ),
    (
        "no audit report",
        |m| m.documents.retain(|x| x.kind != DocKind::AuditReport),
        "ineligible",
        &[("documents", "fail")],
    ),
    (
        "acceptance, one year missing",
        |m| {
            *m = fixture::evaluation(&m.id, Kind::Acceptance);
            m.annual_reports.as_mut().expect("reports")[0].document = None;
        },
        "eligible",
        &[("annual-reports", "pass")],
    ),
    (
        "periodic, two years missing",
        |m| {
            *m = fixture::evaluation(&m.id, Kind::Periodic);
            m.annual_reports.as_mut().expect("reports").iter_mut().for_each(|r| r.document = None);
        },
        "revoke",
        &[("annual-reports", "fail"), ("incidents", "pass")],
    ),
];

#[test]
fn fixture_packages_give_the_expected_verdicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, (name, edit, verdict, rules)) in CASES.iter().enumerate() {
        let mut m = fixture::establishment(&format!("LC-2026-{i:03}"));
        edit(&mut m);
        let out = check_json(&write_package(dir.path(), m.clone()));
        assert_eq!(out["verdict"], *verdict, "{name}: {out:#}");
        assert_eq!(out["package_id"], m.id.as_str());
        assert_eq!(out["kind"], m.kind.as_str());
        for (id, result) in *rules {
            let rule = out["rules"].as_array().and_then(|a| a.iter().find(|r| r["id"] == *id));
            assert_eq!(rule.map(|r| &r["result"]), Some(&Value::from(*result)), "{name}: rule {id}");
        }
        for rule in out["rules"].as_array().expect("rules") {
            let keys: Vec<&str> = rule.as_object().expect("object").keys().map(String::as_str).collect();
            assert_eq!(keys, ["article", "id", "message", "result"], "{name}");
        }
    }
}

#[test]
fn english_messages_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut m = fixture::establishment("LC-EN-1");
    m.team.full_time_rd_staff = 14;
    let p = write_package(dir.path(), m);
    let out = cli(&["--lang", "en", "check", p.to_str().expect("path"), "--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let staff = v["rules"].as_array().and_then(|a| a.iter().find(|r| r["id"] == "staff")).expect("staff");
    assert_eq!(staff["message"], "14 full-time R&D staff, fewer than 15");
}

#[test]
fn human_table_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write_package(dir.path(), fixture::establishment("LC-T-1"));
    let out = cli(&["check", p.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("形式审查结论：符合条件（eligible）"), "{text}");
    assert!(text.contains("第八条（组建条件）第（二）项"));
}

fn assert_unusable(out: &Output) {
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on standard output");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("错误：") && err.contains("Error:"), "{err}");
}

#[test]
fn unusable_inputs_exit_2_with_one_bilingual_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let not_zip = dir.path().join("x.zip");
    std::fs::write(&not_zip, b"%PDF-1.7").expect("write");
    let before: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    for args in [
        vec!["check", not_zip.to_str().expect("path"), "--json"],
        vec!["check", "/nonexistent/p.zip", "--json"],
        // A device is refused at once, never read without end.
        vec!["check", "/dev/zero", "--json"],
        vec!["batch", "check", "/dev/zero"],
        vec!["verify", "/dev/zero", "--json"],
        vec!["check"],
        vec!["check", not_zip.to_str().expect("path"), "--jsno"],
        vec!["frobnicate"],
        vec!["--lang", "fr", "check", "x"],
    ] {
        assert_unusable(&cli(&args));
    }
    let after: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(before.len(), after.len(), "check writes nothing");
}

#[test]
fn a_hash_mismatch_names_the_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = fixture::establishment("LC-H-1");
    let mut b = PackageBuilder::new(m);
    b.add_document("docs/application.pdf", "申报书", DocKind::ApplicationForm, b"a".to_vec());
    b.manifest.documents[0].sha256 = "b".repeat(64);
    let p = dir.path().join("h.zip");
    std::fs::write(&p, b.to_bytes()).expect("write");
    let out = cli(&["check", p.to_str().expect("path"), "--json"]);
    assert_unusable(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("docs/application.pdf"));
}
