//! The bureau's desk for the organiser tests: one data folder per person,
//! the CLI run in it, and the applicant's folder and manifest.
// Each test file uses part of this.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use paneldesk_core::fixture;
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
