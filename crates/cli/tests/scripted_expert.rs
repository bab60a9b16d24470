//! The expert's flow without the window: import a batch, record score
//! sheets, and the exit codes of docs/cli.md for each refusal.

mod exe;

use std::path::Path;
use std::process::Output;

use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use serde_json::json;

struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        let dir = tempfile::tempdir().expect("tempdir");
        let (_, bytes) = fixture::batch_zip(
            "B-2026",
            Kind::Establishment,
            vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
            5,
        );
        std::fs::write(dir.path().join("batch.zip"), bytes).expect("write batch");
        Folder { dir }
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    fn cli(&self, args: &[&str]) -> Output {
        exe::cli().arg("--data-dir").arg(self.dir.path().join("data")).args(args).env_remove("PANELDESK_LANG").output()
    }

    fn score(&self, package: &str, sheet: serde_json::Value) -> Output {
        let file = self.path(&format!("sheet-{package}.json"));
        std::fs::write(&file, sheet.to_string()).expect("write sheet");
        self.cli(&["review", "score", "--package", package, "--input", &file])
    }

    /// The profile and the import; the import's output.
    fn setup(&self, expert: &str) -> Output {
        let out = self.cli(&[
            "identity",
            "profile",
            "--expert-id",
            expert,
            "--name",
            "张明",
            "--title",
            "教授",
            "--affiliation",
            "山东大学",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let out = self.cli(&["batch", "import", &self.path("batch.zip")]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        out
    }
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sheet(foundation: f64, comment: &str) -> serde_json::Value {
    json!({"phase": "desk", "conflict_of_interest": {"declared": false, "statement": ""},
        "scores": [{"criterion": "foundation", "score": foundation, "comment": comment},
                   {"criterion": "plan", "score": 50, "comment": ""}],
        "recommendation": "recommend", "opinion": "基础扎实，方案可行。", "site_visit": null})
}

#[test]
fn a_valid_sheet_is_saved_as_a_new_revision() {
    let f = Folder::new();
    f.setup("X02");
    let out = f.score("P-1", sheet(30.5, ""));
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("第 1 版"));
    let out = f.score("P-1", sheet(31.0, ""));
    assert!(String::from_utf8_lossy(&out.stdout).contains("（第 2 版），总分 81"));
    assert_eq!(code(&f.cli(&["verify-audit"])), Some(0));
}

#[test]
fn invalid_sheets_exit_1_and_save_nothing() {
    let f = Folder::new();
    f.setup("X02");
    for (bad, why) in [
        (sheet(30.25, ""), "第一项"),
        (sheet(40.5, ""), "超过满分"),
        (sheet(20.0, ""), "评语"),
        (
            json!({"phase": "desk", "conflict_of_interest": {"declared": false, "statement": ""},
                "scores": [{"criterion": "foundation", "score": 30, "comment": ""}],
                "recommendation": "recommend", "opinion": "", "site_visit": null}),
            "缺少",
        ),
        (
            json!({"phase": "desk", "conflict_of_interest": {"declared": false, "statement": ""},
                "scores": [{"criterion": "foundation", "score": 30, "comment": ""}, {"criterion": "plan", "score": 50, "comment": ""}],
                "recommendation": "maybe", "opinion": "", "site_visit": null}),
            "推荐意见",
        ),
    ] {
        let out = f.score("P-1", bad);
        assert_eq!(code(&out), Some(1), "{why}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1);
        assert!(err.contains("错误：") && err.contains("Error:"), "{err}");
    }
    let audit = f.cli(&["verify-audit", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&audit.stdout).expect("json");
    assert_eq!(v["rows"], 2, "identity and import only: no review was saved");
}

#[test]
fn a_declared_conflict_is_recorded_and_blocks_scoring() {
    let f = Folder::new();
    f.setup("X03");
    let mut s = sheet(30.0, "");
    s["conflict_of_interest"] = json!({"declared": true, "statement": "本人曾参与该申报单位的项目合作。"});
    let out = f.score("P-2", s);
    assert_eq!(code(&out), Some(1));
    assert!(stderr(&out).contains("回避"));
    let audit = f.cli(&["verify-audit", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&audit.stdout).expect("json");
    assert_eq!(v["rows"], 3, "the declaration is recorded");
}

#[test]
fn an_expert_not_on_the_panel_is_refused() {
    let f = Folder::new();
    // The import stands, and says once, with the panel's ids, that this
    // expert cannot score here.
    let out = f.setup("X99");
    let note = stderr(&out);
    assert!(note.contains("提示") && note.contains("X99") && note.contains("X01、X02、X03、X04、X05"), "{note}");
    assert_eq!(code(&f.score("P-1", sheet(30.0, ""))), Some(1));
}

#[test]
fn unusable_inputs_exit_2() {
    let f = Folder::new();
    // No identity yet.
    assert_eq!(code(&f.score("P-1", sheet(30.0, ""))), Some(2));
    f.setup("X02");
    assert_eq!(code(&f.score("P-404", sheet(30.0, ""))), Some(2), "unknown package");
    let file = f.path("broken.json");
    std::fs::write(&file, "{not json").expect("write");
    assert_eq!(code(&f.cli(&["review", "score", "--package", "P-1", "--input", &file])), Some(2));
    assert_eq!(code(&f.cli(&["review", "score", "--package", "P-1"])), Some(2), "missing --input");
    let bad_batch = f.path("bad.zip");
    std::fs::write(&bad_batch, b"PK\x03\x04 not really").expect("write");
    let out = f.cli(&["batch", "import", &bad_batch]);
    assert_eq!(code(&out), Some(2));
    // The Chinese half says it in Chinese: no library text, no code.
    let line = stderr(&out);
    let zh = line.split(" | Error:").next().unwrap_or("");
    assert!(zh.contains("不是有效的 ZIP 文件") && !zh.contains("Zip archive") && !zh.contains("not-zip"), "{line}");
    let sheet_file = f.path("sheet.json");
    std::fs::write(&sheet_file, "{\n  \"scores\": [],\n}").expect("write");
    let out = f.cli(&["review", "score", "--package", "P-1", "--input", &sheet_file]);
    let zh = stderr(&out);
    let zh = zh.split(" | Error:").next().unwrap_or("");
    assert!(zh.contains("第 3 行") && !zh.contains("trailing comma"), "{zh}");
    assert!(!Path::new(&f.path("data")).join("packages").join("bad.zip").exists());
}

#[test]
fn an_edited_database_fails_verify_audit() {
    let f = Folder::new();
    f.setup("X02");
    assert_eq!(code(&f.score("P-1", sheet(30.0, ""))), Some(0));
    let db = Path::new(&f.path("data")).join(paneldesk_store::DB_FILE);
    let raw = rusqlite::Connection::open(db).expect("open raw");
    raw.execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit_log WHERE seq = 2;").expect("tamper");
    drop(raw);
    let out = f.cli(&["verify-audit"]);
    assert_eq!(code(&out), Some(1));
    assert!(stderr(&out).contains("篡改"));
}
