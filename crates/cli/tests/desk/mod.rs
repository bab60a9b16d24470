//! The bureau's desk for the organiser tests: one data folder per person,
//! the CLI run in it, and the applicant's folder and manifest.
// Each test file uses part of this.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use paneldesk_api::site_visit::{self, SiteItemInput, SiteVisitInput};
use paneldesk_core::fixture;
use paneldesk_core::sheet::SiteVerdict;
use serde_json::{json, Value};

pub const PASS: &str = "correct horse battery staple";

pub struct Desk {
    pub dir: tempfile::TempDir,
}

impl Desk {
    pub fn new() -> Desk {
        Desk { dir: tempfile::tempdir().expect("tempdir") }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn p(&self, rel: &str) -> String {
        self.path(rel).to_string_lossy().into_owned()
    }

    /// Runs the CLI with the data folder `who` (one folder per person).
    pub fn cli(&self, who: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_paneldesk-cli"))
            .arg("--data-dir")
            .arg(self.path(&format!("data-{who}")))
            .args(args)
            .env("PANELDESK_PASSPHRASE", PASS)
            .env_remove("PANELDESK_LANG")
            .output()
            .expect("run paneldesk-cli")
    }

    pub fn ok(&self, who: &str, args: &[&str]) -> String {
        let out = self.cli(who, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn code(&self, who: &str, args: &[&str]) -> (Option<i32>, String) {
        let out = self.cli(who, args);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    /// The applicant's folder and manifest (no document hashes) for `id`.
    pub fn applicant(&self, id: &str, name: &str) -> (String, String) {
        let mut m = serde_json::to_value(fixture::establishment(id)).expect("manifest");
        m["center"]["name"] = json!(name);
        let docs = self.path(&format!("apply-{id}"));
        for d in m["documents"].as_array_mut().expect("documents") {
            let rel = d["path"].as_str().expect("path").to_string();
            let file = docs.join(&rel);
            std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
            std::fs::write(&file, format!("%PDF-1.7 {id} {rel}")).expect("doc");
            d.as_object_mut().expect("doc").remove("sha256");
        }
        let manifest = self.path(&format!("manifest-{id}.json"));
        std::fs::write(&manifest, serde_json::to_vec_pretty(&m).expect("json")).expect("manifest");
        (manifest.to_string_lossy().into_owned(), docs.to_string_lossy().into_owned())
    }

    pub fn expert(&self, id: &str, name: &str) -> String {
        self.ok(
            id,
            &["identity", "create", "--expert-id", id, "--name", name, "--title", "教授", "--affiliation", "聊城大学"],
        );
        let pem = self.p(&format!("{id}.pem"));
        self.ok(id, &["identity", "export-cert", "--out", &pem]);
        pem
    }

    pub fn spec(&self, name: &str, revision: u32, panel: Value, packages: &[&str]) -> String {
        let spec = json!({
            "id": "LC-2026-B1",
            "title": "2026年度聊城市技术创新中心组建评审",
            "kind": "establishment",
            "deadline": "2030-06-30T17:00:00+08:00",
            "revision": revision,
            "rubric": "establishment",
            "panel": panel,
            "packages": packages,
        });
        let path = self.path(name);
        std::fs::write(&path, serde_json::to_vec_pretty(&spec).expect("spec")).expect("spec");
        path.to_string_lossy().into_owned()
    }
}

impl Desk {
    /// `who` visits `package` of LC-2026-B1 as the window's 现场考察 tab
    /// records it (the first item as `first` says, with its note, the others
    /// 符合; one site photo), then signs the visit to `out`.
    pub fn visit(&self, who: &str, package: &str, first: (SiteVerdict, &str), out: &str) {
        let mut store = paneldesk_api::data::open(Some(&self.path(&format!("data-{who}")))).expect("store");
        let view = site_visit::get(&store, "LC-2026-B1", package).expect("site visit");
        let items = view
            .items
            .iter()
            .enumerate()
            .map(|(i, p)| SiteItemInput {
                id: p.id.clone(),
                verdict: Some(if i == 0 { first.0 } else { SiteVerdict::Meets }),
                note: if i == 0 { first.1.into() } else { String::new() },
            })
            .collect();
        let png = self.path(&format!("site-{who}.png"));
        std::fs::write(&png, SITE_PNG).expect("photo");
        let photo = site_visit::add_photo(&site_visit::photos_dir(&store), &png).expect("photo added");
        let visit = SiteVisitInput {
            date: "2026-06-02".into(),
            items,
            photos: vec![photo.sha256],
            recommendation: view.recommendation_options.first().cloned().unwrap_or_default(),
            opinion: "现场情况与申报材料基本一致。".into(),
        };
        site_visit::save(&mut store, "LC-2026-B1", package, &visit).expect("save visit");
        drop(store);
        self.ok(who, &["review", "sign", "--package", package, "--phase", "site_visit", "--out", out]);
    }
}

pub fn line(cert: &str, role: &str) -> Value {
    json!({"certificate": cert, "role": role, "title": "教授", "affiliation": "聊城大学"})
}

pub fn sheet(desk: &Desk, name: &str, base: f64) -> String {
    let scores: Vec<Value> = ["foundation", "conditions", "team", "goals", "cooperation", "mechanism"]
        .iter()
        .zip([20.0, 15.0, 15.0, 20.0, 15.0, 15.0])
        .map(|(c, max)| json!({"criterion": c, "score": max * base, "comment": "依据充分"}))
        .collect();
    let s = json!({"phase": "desk", "conflict_of_interest": {"declared": false, "statement": ""},
        "scores": scores, "recommendation": "recommend", "opinion": "同意推荐。", "site_visit": null});
    let path = desk.path(name);
    std::fs::write(&path, s.to_string()).expect("sheet");
    path.to_string_lossy().into_owned()
}

/// Rewrites a ZIP with `edit` applied to each (name, bytes).
pub fn rewrite(from: &Path, to: &Path, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).expect("open")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).expect("create"));
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).expect("entry");
        let name = e.name().expect("name").to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut bytes).expect("read");
        if let Some(b) = edit(&name, bytes) {
            out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
            out.write_all(&b).expect("write");
        }
    }
    out.finish().expect("finish");
}

/// A 4×4 red PNG, as a camera's photo stands in here.
pub const SITE_PNG: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09, 0x29, 0x00, 0x00, 0x00, 0x10, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0xa1, 0xa1, 0x01, 0x47, 0x0c, 0xc4, 0x71, 0x00, 0xd1, 0x43, 0x11, 0x81,
    0x48, 0xd2, 0xc1, 0xeb, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// pdfsig: all `signatures` valid; pyHanko: intact, modifications no more
/// than form filling; qpdf, pdffonts and pdfinfo: clean.
pub fn external_tools_accept(file: &str, signatures: usize) {
    let run = |cmd: &str, args: &[&str]| -> Option<(bool, String)> {
        let out = Command::new(cmd).args(args).arg(file).output().ok()?;
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        Some((out.status.success(), text))
    };
    if let Some((_, text)) = run("pdfsig", &[]) {
        assert_eq!(text.matches("Signature is Valid").count(), signatures, "{text}");
    }
    for tool in [("qpdf", &["--check"][..]), ("pdffonts", &[]), ("pdfinfo", &[])] {
        if let Some((ok, text)) = run(tool.0, tool.1) {
            assert!(ok && !text.contains("Syntax Error") && !text.contains("not found"), "{}: {text}", tool.0);
        }
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/pyhanko_levels.py");
    let has_pyhanko = Command::new("python3").args(["-c", "import pyhanko"]).output().is_ok_and(|o| o.status.success());
    if let (true, Some((ok, text))) = (has_pyhanko, run("python3", &[script])) {
        assert!(ok, "{text}");
        let lines: Vec<Value> = text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
        assert_eq!(lines.len(), signatures, "{text}");
        for l in &lines {
            assert_eq!((&l["intact"], &l["valid"], &l["docmdp_ok"]), (&json!(true), &json!(true), &json!(true)), "{l}");
            assert!(["NONE", "FORM_FILLING"].contains(&l["modification_level"].as_str().unwrap_or("")), "{l}");
        }
    }
}
