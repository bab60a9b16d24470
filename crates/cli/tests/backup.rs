//! Backup and moving laptops, end to end through the command line: an
//! expert signs, exports the signed reviews for the chair (a folder and a
//! ZIP the chair's consolidate reads), backs the folder up and restores it
//! on "another laptop", where the same identity goes on signing. Damaged
//! backups, a wrong passphrase and a non-empty target are refused with
//! nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use serde_json::{json, Value};

const PASS: &str = "correct horse battery staple";
const BATCH: &str = "B-MOVE";

struct World {
    root: tempfile::TempDir,
}

impl World {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    fn p(&self, rel: &str) -> String {
        self.path(rel).to_string_lossy().into_owned()
    }

    /// Runs the CLI in the data folder `data-<who>` with `passphrase`.
    fn run_with(&self, who: &str, passphrase: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_paneldesk-cli"))
            .arg("--data-dir")
            .arg(self.path(&format!("data-{who}")))
            .args(args)
            .env("PANELDESK_PASSPHRASE", passphrase)
            .env_remove("PANELDESK_LANG")
            .output()
            .expect("run paneldesk-cli")
    }

    fn ok(&self, who: &str, args: &[&str]) -> String {
        let out = self.run_with(who, PASS, args);
        assert_eq!(out.status.code(), Some(0), "{who} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn code(&self, who: &str, args: &[&str]) -> (Option<i32>, String) {
        let out = self.run_with(who, PASS, args);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn expert(&self, id: &str) {
        let name = format!("专家{id}");
        self.ok(
            id,
            &["identity", "create", "--expert-id", id, "--name", &name, "--title", "教授", "--affiliation", "山东大学"],
        );
        self.ok(id, &["batch", "import", &self.p("batch.zip")]);
    }

    /// Scores and signs; returns the signed PDF's path.
    fn review(&self, id: &str, package: &str) -> PathBuf {
        let sheet = json!({"conflict_of_interest": {"declared": false, "statement": ""},
            "scores": [{"criterion": "foundation", "score": 30, "comment": "依托单位条件扎实"},
                       {"criterion": "plan", "score": 50, "comment": ""}],
            "recommendation": "recommend", "opinion": "建设方案可行。"});
        let input = self.path(&format!("{id}-{package}.json"));
        std::fs::write(&input, sheet.to_string()).expect("sheet");
        self.ok(id, &["review", "score", "--package", package, "--input", &input.to_string_lossy()]);
        let pdf = self.path(&format!("{id}-{package}.pdf"));
        self.ok(id, &["review", "sign", "--package", package, "--out", &pdf.to_string_lossy()]);
        pdf
    }

    fn json(&self, who: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(who, args)).expect("json")
    }
}

/// X01 chairs, X02 has signed P-1.
fn setup() -> World {
    let root = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = fixture::batch_zip(
        BATCH,
        Kind::Establishment,
        vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
        2,
    );
    std::fs::write(root.path().join("batch.zip"), bytes).expect("batch");
    let w = World { root };
    w.expert("X01");
    w.expert("X02");
    w.review("X02", "P-1");
    w
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").map(|e| e.expect("entry")) {
            if e.file_type().expect("type").is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).expect("rel").to_string_lossy().into_owned();
                out.push((rel, std::fs::read(e.path()).expect("read")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn export_signed_to_a_folder_and_a_zip_the_chair_consolidates() {
    let w = setup();
    let signed = std::fs::read(w.path("X02-P-1.pdf")).expect("signed");
    let out = w.ok("X02", &["export-signed", "--batch", BATCH, "--out", &w.p("export")]);
    assert!(out.contains("P-1-X02-专家评审意见表.pdf"), "{out}");
    assert_eq!(tree(&w.path("export")), vec![("P-1-X02-专家评审意见表.pdf".to_string(), signed.clone())]);
    // Existing files are not replaced without --force (exit 1), nor is a ZIP.
    let (code, err) = w.code("X02", &["export-signed", "--batch", BATCH, "--out", &w.p("export")]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("--force"), "{err}");
    w.ok("X02", &["export-signed", "--batch", BATCH, "--out", &w.p("export"), "--force"]);
    w.ok("X02", &["export-signed", "--batch", BATCH, "--out", &w.p("reviews.zip")]);
    assert_eq!(w.code("X02", &["export-signed", "--batch", BATCH, "--out", &w.p("reviews.zip")]).0, Some(1));
    w.ok("X02", &["export-signed", "--batch", BATCH, "--out", &w.p("reviews.zip"), "--force"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(w.path("reviews.zip")).expect("zip")).expect("zip");
    assert_eq!(zip.len(), 1);
    let mut entry = zip.by_name("P-1-X02-专家评审意见表.pdf").expect("entry");
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read");
    assert_eq!(bytes, signed);
    // An unknown batch is unusable input (cli.md: exit 2), saying which.
    let (code, err) = w.code("X02", &["export-signed", "--batch", "NOPE", "--out", &w.p("x.zip")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("NOPE") && !w.path("x.zip").exists(), "{err}");
    // Nothing signed yet in the chair's folder: refused, nothing written.
    assert_eq!(w.code("X01", &["export-signed", "--batch", BATCH, "--out", &w.p("none.zip")]).0, Some(1));
    assert!(!w.path("none.zip").exists());

    // The chair reads the ZIP as it reads a folder.
    let args = ["consolidate", "--batch", BATCH, "--reviews", &w.p("reviews.zip"), "--out", &w.p("out"), "--json"];
    let out = w.run_with("X01", PASS, &[&args[..], &["--accept-new-certificates"]].concat());
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(v["rejected"], json!([]), "{v}");
    let p1 = v["packages"].as_array().and_then(|a| a.iter().find(|p| p["id"] == "P-1")).expect("P-1");
    assert_eq!(p1["experts"], 1, "{v}");
    // The same ZIP again: already imported, by its entry name.
    let out = w.run_with("X01", PASS, &[&args[..], &["--accept-new-certificates"]].concat());
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["already_imported"], json!([{"file": "P-1-X02-专家评审意见表.pdf"}]), "{v}");
}

#[test]
fn a_hostile_zip_of_reviews_never_writes_by_its_entry_names() {
    let w = setup();
    let signed = std::fs::read(w.path("X02-P-1.pdf")).expect("signed");
    let file = std::fs::File::create(w.path("hostile.zip")).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("../../escaped.pdf", opts).expect("start");
    std::io::Write::write_all(&mut zip, &signed).expect("write");
    zip.add_symlink("link.pdf", "/etc/passwd", opts).expect("link");
    zip.finish().expect("finish");
    let args = ["consolidate", "--batch", BATCH, "--reviews", &w.p("hostile.zip"), "--out", &w.p("out"), "--json"];
    let out = w.run_with("X01", PASS, &[&args[..], &["--accept-new-certificates"]].concat());
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    // The review counts under its (shown, never used) name; the link is refused.
    let p1 = v["packages"].as_array().and_then(|a| a.iter().find(|p| p["id"] == "P-1")).expect("P-1");
    assert_eq!(p1["experts"], 1, "{v}");
    assert_eq!(v["rejected"][0]["file"], "link.pdf", "{v}");
    assert!(!w.root.path().parent().expect("parent").join("escaped.pdf").exists());
    assert!(!w.path("escaped.pdf").exists());
    // The staging folder is gone from the chair's data folder.
    let staged = std::fs::read_dir(w.path("data-X01")).expect("dir").filter_map(|e| e.ok());
    assert!(staged.into_iter().all(|e| !e.file_name().to_string_lossy().starts_with(".paneldesk-")));
}

#[test]
fn backup_and_restore_move_the_folder_to_another_laptop() {
    let w = setup();
    let (code, err) = w.code("X02", &["backup", "--out", &w.p("x02.pdbak")]);
    assert_eq!(code, Some(0), "{err}");
    let backup = std::fs::read(w.path("x02.pdbak")).expect("backup");
    assert!(backup.starts_with(b"PDBAK1"));
    // Existing output: refused unless --force.
    assert_eq!(w.code("X02", &["backup", "--out", &w.p("x02.pdbak")]).0, Some(1));
    // A wrong passphrase does not open the key: refused, nothing written.
    let out = w.run_with("X02", "not the passphrase", &["backup", "--out", &w.p("wrong.pdbak")]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!w.path("wrong.pdbak").exists());

    let out = w.ok("NEW", &["restore", &w.p("x02.pdbak")]);
    assert!(out.contains("审计日志完整"), "{out}");
    for args in [&["identity", "show", "--json"][..], &["verify-audit", "--json"][..]] {
        assert_eq!(w.json("X02", args), w.json("NEW", args), "{args:?}");
    }
    let batches = |who: &str| {
        let store = paneldesk_store::Store::open(&w.path(&format!("data-{who}"))).expect("store");
        store.list_batches().expect("batches")
    };
    assert_eq!(batches("X02"), batches("NEW"));
    // The signed review is there: signing it again hands out the same file.
    let again = w.path("again.pdf");
    w.ok("NEW", &["review", "sign", "--package", "P-1", "--out", &again.to_string_lossy()]);
    assert_eq!(std::fs::read(&again).expect("again"), std::fs::read(w.path("X02-P-1.pdf")).expect("signed"));
    // And the same identity signs a new review there.
    let pdf = w.review("NEW", "P-2");
    let v: Value = serde_json::from_slice(
        &Command::new(env!("CARGO_BIN_EXE_paneldesk-cli"))
            .args(["verify", &pdf.to_string_lossy(), "--json"])
            .output()
            .expect("verify")
            .stdout,
    )
    .expect("json");
    assert_eq!(v["valid"], true, "{v}");
    let cert = w.json("X02", &["identity", "show", "--json"])["certificate_sha256"].clone();
    assert_eq!(v["signer"]["certificate_sha256"], cert);
    w.ok("NEW", &["verify-audit"]);
}

#[test]
fn damaged_backups_wrong_passphrases_and_full_folders_are_refused() {
    let w = setup();
    w.ok("X02", &["backup", "--out", &w.p("x02.pdbak")]);
    let good = std::fs::read(w.path("x02.pdbak")).expect("backup");

    // Into a folder that is not empty: exit 2, the folder as it was.
    std::fs::create_dir_all(w.path("data-FULL")).expect("mkdir");
    std::fs::write(w.path("data-FULL/keep.txt"), "mine").expect("write");
    let (code, err) = w.code("FULL", &["restore", &w.p("x02.pdbak")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not an empty folder"), "{err}");
    assert_eq!(tree(&w.path("data-FULL")), vec![("keep.txt".to_string(), b"mine".to_vec())]);
    let before = tree(&w.path("data-X02"));
    assert_eq!(w.code("X02", &["restore", &w.p("x02.pdbak")]).0, Some(2));
    assert_eq!(tree(&w.path("data-X02")), before);

    let mut truncated = good.clone();
    truncated.truncate(good.len() - 100);
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 0x01;
    std::fs::write(w.path("truncated.pdbak"), truncated).expect("write");
    std::fs::write(w.path("flipped.pdbak"), flipped).expect("write");
    for (file, passphrase, expect) in [
        ("truncated.pdbak", PASS, "truncated or altered"),
        ("flipped.pdbak", PASS, "truncated or altered"),
        ("x02.pdbak", "not the passphrase", "the passphrase does not open this backup"),
    ] {
        let out = w.run_with("T", passphrase, &["restore", &w.p(file)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{file}: {err}");
        assert!(err.contains(expect) && err.contains("错误："), "{file}: {err}");
        assert!(!w.path("data-T").exists(), "{file}");
        let leftovers = std::fs::read_dir(w.root.path()).expect("dir").filter_map(|e| e.ok());
        assert!(leftovers.into_iter().all(|e| !e.file_name().to_string_lossy().starts_with(".paneldesk-")));
    }
    // Not a backup at all: unusable input.
    let (code, err) = w.code("T", &["restore", &w.p("batch.zip")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(!w.path("data-T").exists());
}
