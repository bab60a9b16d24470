//! The site visit through the command line is held to the window's rules
//! (paneldesk_api::site_visit::readiness): `review sign --phase site_visit`
//! refuses a visit without its date or with an item unrated, and `review
//! score` will not record one either.

use std::path::Path;
use std::process::{Command, Output};

use paneldesk_api::site_visit::{self, SiteItemInput, SiteVisitInput};
use paneldesk_api::{data, review};
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::SiteVerdict;
use serde_json::json;

const PASS: &str = "correct horse battery staple";

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    /// A batch imported, an identity with a key, and "no conflict" answered for P-1.
    fn new() -> Folder {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, bytes) = fixture::batch_zip("B-SV", Kind::Establishment, vec![fixture::establishment("P-1")], 3);
        std::fs::write(dir.path().join("batch.zip"), bytes).expect("write batch");
        let f = Folder { dir };
        let batch = f.path("batch.zip");
        let create = ["identity", "create", "--expert-id", "X02", "--name", "张明", "--title", "教授"];
        f.ok(&[&create[..], &["--affiliation", "山东大学"]].concat());
        f.ok(&["batch", "import", &batch]);
        let mut store = f.store();
        review::declare_conflict(&mut store, "B-SV", "P-1", false, "").expect("no conflict");
        f
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    fn store(&self) -> data::Store {
        data::open(Some(&self.dir.path().join("data"))).expect("store")
    }

    fn cli(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_paneldesk-cli"))
            .arg("--data-dir")
            .arg(self.dir.path().join("data"))
            .args(args)
            .env("PANELDESK_PASSPHRASE", PASS)
            .env_remove("PANELDESK_LANG")
            .output()
            .expect("run paneldesk-cli")
    }

    fn ok(&self, args: &[&str]) {
        let out = self.cli(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Saves the visit as the window's 现场考察 tab does (a draft may be incomplete).
    fn save_visit(&self, date: &str, rated: usize) {
        let mut store = self.store();
        let view = site_visit::get(&store, "B-SV", "P-1").expect("site visit");
        let items = view
            .items
            .iter()
            .enumerate()
            .map(|(i, p)| SiteItemInput {
                id: p.id.clone(),
                verdict: (i < rated).then_some(SiteVerdict::Meets),
                note: String::new(),
            })
            .collect();
        let visit = SiteVisitInput {
            date: date.into(),
            items,
            photos: Vec::new(),
            recommendation: view.recommendation_options.first().cloned().unwrap_or_default(),
            opinion: "现场情况与申报材料一致。".into(),
        };
        site_visit::save(&mut store, "B-SV", "P-1", &visit).expect("save visit");
    }

    fn sign(&self) -> (Output, String) {
        let out = self.path("visit.pdf");
        (self.cli(&["review", "sign", "--package", "P-1", "--phase", "site_visit", "--out", &out]), out)
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn signing_a_visit_without_its_date_is_refused_as_in_the_window() {
    let f = Folder::new();
    f.save_visit("", usize::MAX);
    let (out, file) = f.sign();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("请填写考察日期"), "{}", stderr(&out));
    assert!(!Path::new(&file).exists(), "nothing is written when signing is refused");
}

#[test]
fn signing_a_visit_with_an_item_unrated_is_refused() {
    let f = Folder::new();
    f.save_visit("2026-06-02", 1);
    let (out, _) = f.sign();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("未评定"), "{}", stderr(&out));
}

#[test]
fn a_complete_visit_signs_and_verifies() {
    let f = Folder::new();
    f.save_visit("2026-06-02", usize::MAX);
    let (out, file) = f.sign();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let verify = f.cli(&["verify", &file, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&verify.stdout).expect("json");
    assert_eq!(v["valid"], true, "{v}");
    // What was done is in the data folder's log; the passphrase never is.
    let log = std::fs::read_to_string(f.dir.path().join("data/logs/paneldesk.log")).expect("the log");
    assert!(log.contains("review signed") && log.contains("P-1"), "{log}");
    assert!(!log.contains(PASS), "the passphrase must never be logged");
}

#[test]
fn review_score_will_not_record_an_undated_visit() {
    let f = Folder::new();
    let sheet = json!({"phase": "site_visit", "conflict_of_interest": {"declared": false, "statement": ""},
        "scores": [], "recommendation": "recommend", "opinion": "现场情况良好。",
        "site_visit": {"date": "", "items": [], "photos": []}});
    let file = f.path("visit.json");
    std::fs::write(&file, sheet.to_string()).expect("write sheet");
    let out = f.cli(&["review", "score", "--package", "P-1", "--input", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("考察日期"), "{}", stderr(&out));
    assert!(site_visit::get(&f.store(), "B-SV", "P-1").expect("view").revision.is_none(), "nothing saved");
}
