//! A scripted panel of six, end to end through the command line: six
//! experts sign their reviews, the chair consolidates. Among the inputs: a
//! tampered review, a declared conflict, an out-of-range score, a duplicate
//! file and a stray non-PDF. The figures are the rubric's, worked by hand.

mod exe;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use serde_json::{json, Value};

const PASS: &str = "correct horse battery staple";

struct Panel {
    root: tempfile::TempDir,
}

impl Panel {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    fn cli(&self, expert: &str, args: &[&str]) -> Output {
        exe::cli()
            .arg("--data-dir")
            .arg(self.path(&format!("data-{expert}")))
            .args(args)
            .env("PANELDESK_PASSPHRASE", PASS)
            .env_remove("PANELDESK_LANG")
            .output()
    }

    fn ok(&self, expert: &str, args: &[&str]) -> Output {
        let out = self.cli(expert, args);
        assert_eq!(out.status.code(), Some(0), "{expert} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    fn expert(&self, id: &str) {
        let name = format!("专家{id}");
        self.ok(
            id,
            &["identity", "create", "--expert-id", id, "--name", &name, "--title", "教授", "--affiliation", "山东大学"],
        );
        self.ok(id, &["batch", "import", self.path("batch.zip").to_str().expect("path")]);
    }

    /// Scores and signs; returns the signed PDF's path.
    fn review(&self, id: &str, package: &str, scores: Option<(f64, f64)>) -> PathBuf {
        let sheet = match scores {
            Some((f, p)) => json!({"conflict_of_interest": {"declared": false, "statement": ""},
                "scores": [{"criterion": "foundation", "score": f, "comment": "依托单位条件扎实"},
                           {"criterion": "plan", "score": p, "comment": ""}],
                "recommendation": "recommend", "opinion": format!("{id} 认为建设方案可行。")}),
            None => {
                json!({"conflict_of_interest": {"declared": true, "statement": "本人近三年与牵头单位有项目合作。"}})
            }
        };
        let input = self.path(&format!("{id}-{package}.json"));
        std::fs::write(&input, sheet.to_string()).expect("sheet");
        let out = self.cli(id, &["review", "score", "--package", package, "--input", input.to_str().expect("path")]);
        assert_eq!(out.status.code(), Some(if scores.is_some() { 0 } else { 1 }));
        let pdf = self.path(&format!("inbox/{id}-{package}.pdf"));
        self.ok(id, &["review", "sign", "--package", package, "--out", pdf.to_str().expect("path")]);
        pdf
    }
}

fn setup() -> Panel {
    let root = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = fixture::batch_zip(
        "B-PANEL",
        Kind::Establishment,
        vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
        6,
    );
    std::fs::write(root.path().join("batch.zip"), bytes).expect("batch");
    std::fs::create_dir_all(root.path().join("inbox")).expect("inbox");
    let panel = Panel { root };
    for id in ["X01", "X02", "X03", "X04", "X05", "X06"] {
        panel.expert(id);
    }
    // P-1: totals 80, 75, 90, 60, 72.5; X06 declares a conflict.
    let x01 = panel.review("X01", "P-1", Some((30.0, 50.0)));
    panel.review("X02", "P-1", Some((30.0, 45.0)));
    panel.review("X03", "P-1", Some((35.0, 55.0)));
    panel.review("X04", "P-1", Some((25.0, 35.0)));
    panel.review("X05", "P-1", Some((30.0, 42.5)));
    panel.review("X06", "P-1", None);
    // P-2: 82, 80, 76 count; X02's is tampered with after signing.
    panel.review("X01", "P-2", Some((32.0, 50.0)));
    panel.review("X03", "P-2", Some((30.0, 50.0)));
    panel.review("X04", "P-2", Some((28.0, 48.0)));
    let x02 = panel.review("X02", "P-2", Some((39.0, 59.0)));
    let mut bytes = std::fs::read(&x02).expect("read");
    let at = bytes.len() / 3;
    bytes[at] ^= 0x01;
    std::fs::write(&x02, bytes).expect("tamper");
    forge_out_of_range(&panel);
    // A copy of a counted file, and a stray note.
    std::fs::copy(&x01, panel.path("inbox/X01-P-1 (copy).pdf")).expect("copy");
    std::fs::write(panel.path("inbox/notes.txt"), "会议安排").expect("stray");
    panel
}

/// X05 signs a sheet that `review score` would refuse (41 of 40 points),
/// through the library, as a modified app could.
fn forge_out_of_range(panel: &Panel) {
    use paneldesk_core::review_doc::{Expert, ReviewDoc};
    use paneldesk_core::scoring::Score;
    use paneldesk_core::sheet::Sheet;
    use paneldesk_core::Dec;
    use paneldesk_opinion::document::signed_review;
    use paneldesk_opinion::identity::Identity;
    use paneldesk_opinion::render::ReviewContext;

    let store = paneldesk_store::Store::open(&panel.path("data-X05")).expect("store");
    let keys = store.keys().expect("keys").expect("identity");
    let identity = Identity::unlock(&keys.encrypted_key, &keys.certificate, PASS).expect("unlock");
    let package = store.find_package("P-2", None).expect("query").expect("P-2");
    let batch = store.batch(&package.batch_id).expect("query").expect("batch");
    let sheet = Sheet {
        scores: vec![
            Score { criterion: "foundation".into(), score: Dec::from_int(41), comment: String::new() },
            Score { criterion: "plan".into(), score: Dec::from_int(50), comment: String::new() },
        ],
        recommendation: "recommend".into(),
        ..Sheet::default()
    };
    let expert = Expert {
        expert_id: "X05".into(),
        name: "专家X05".into(),
        title: "教授".into(),
        affiliation: "山东大学".into(),
        certificate_sha256: keys.certificate_sha256.clone(),
    };
    // Within the certificate's validity, which starts today.
    let at = chrono::Local::now().fixed_offset();
    let doc = ReviewDoc::from_sheet(&batch, "P-2", &package.sha256, expert, &sheet, at, "test");
    let ctx = ReviewContext { batch: &batch, manifest: &package.manifest, signature_png: None };
    let pdf = signed_review(&doc, &ctx, &identity).expect("sign");
    std::fs::write(panel.path("inbox/X05-P-2.pdf"), pdf.bytes).expect("write");
}

fn consolidate(panel: &Panel, out: &str, opinions: Option<&Path>) -> (Option<i32>, Value) {
    let mut args = vec![
        "consolidate".to_string(),
        "--batch".into(),
        "B-PANEL".into(),
        "--reviews".into(),
        panel.path("inbox").to_string_lossy().into_owned(),
        "--out".into(),
        panel.path(out).to_string_lossy().into_owned(),
        "--json".into(),
        // The fixture's roster names no certificates (a version-1 batch).
        "--accept-new-certificates".into(),
    ];
    if let Some(o) = opinions {
        args.push("--opinions".into());
        args.push(o.to_string_lossy().into_owned());
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = panel.cli("X01", &refs);
    let v = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code(), v)
}

#[test]
fn the_panel_consolidates_to_the_hand_figures() {
    let panel = setup();
    // Without a reason for P-1's flag, P-1 is not signed: exit 1.
    let (code, v) = consolidate(&panel, "out-1", None);
    assert_eq!(code, Some(1));
    let pkg = |v: &Value, id: &str| {
        v["packages"].as_array().and_then(|a| a.iter().find(|p| p["id"] == id)).cloned().expect("package")
    };
    let p1 = pkg(&v, "P-1");
    assert_eq!(p1["experts"], 5);
    assert_eq!(p1["method"], "trimmed_mean");
    assert_eq!(p1["aggregate"], json!(75.83));
    assert_eq!(p1["recommendation"], "recommend");
    assert_eq!(p1["grade"], Value::Null);
    assert_eq!(p1["rank"], 2);
    assert_eq!(p1["signed"], false);
    assert_eq!(p1["flags"].as_array().map(|f| f.len()), Some(1));
    let p2 = pkg(&v, "P-2");
    assert_eq!(
        (p2["experts"].clone(), p2["method"].clone(), p2["aggregate"].clone()),
        (json!(3), json!("mean"), json!(79.33))
    );
    assert_eq!((p2["rank"].clone(), p2["signed"].clone()), (json!(1), json!(true)));

    let rejected: Vec<String> = v["rejected"]
        .as_array()
        .expect("rejected")
        .iter()
        .map(|r| r["file"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(rejected, ["X02-P-2.pdf", "X05-P-2.pdf", "X06-P-1.pdf", "notes.txt"]);
    let reason = |f: &str| {
        v["rejected"]
            .as_array()
            .and_then(|a| a.iter().find(|r| r["file"] == f))
            .map(|r| r["reason"].to_string())
            .unwrap_or_default()
    };
    assert!(reason("X02-P-2.pdf").contains("签名"), "{}", reason("X02-P-2.pdf"));
    assert!(reason("X05-P-2.pdf").contains("得分 41 无效"), "{}", reason("X05-P-2.pdf"));
    assert!(reason("X06-P-1.pdf").contains("利益冲突"));
    assert!(reason("notes.txt").contains("PDF"));
    assert_eq!(v["duplicates"], json!([{"file": "X01-P-1.pdf"}]));

    // With a reason, everything is signed.
    let opinions = panel.path("opinions.json");
    std::fs::write(
        &opinions,
        json!({"P-1": {"opinion": "专家组同意推荐。", "flag_reasons": ["建设方案评分分歧经讨论后维持。"]}}).to_string(),
    )
    .expect("write");
    let (code, v) = consolidate(&panel, "out-2", Some(&opinions));
    assert_eq!(code, Some(0));
    assert_eq!(pkg(&v, "P-1")["signed"], true);
    for f in ["P-1.pdf", "P-2.pdf", "ranking.pdf", "ranking.xlsx", "ranking.csv"] {
        assert!(panel.path(&format!("out-2/{f}")).exists(), "{f}");
    }
    let verify = panel.cli("X01", &["verify", panel.path("out-2/P-1.pdf").to_str().expect("path"), "--json"]);
    assert_eq!(verify.status.code(), Some(0), "{}", String::from_utf8_lossy(&verify.stdout));
    let vv: Value = serde_json::from_slice(&verify.stdout).expect("json");
    assert_eq!(vv["kind"], "tic-consensus/1");
    assert_eq!(vv["signer"]["expert_id"], "X01");
    if let Ok(out) = Command::new("pdfsig").arg(panel.path("out-2/P-1.pdf")).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Signature is Valid") && text.contains("Total document signed"), "{text}");
    }
}

#[test]
fn only_the_chair_consolidates_and_the_order_does_not_matter() {
    let panel = setup();
    let out = panel.cli(
        "X02",
        &[
            "consolidate",
            "--batch",
            "B-PANEL",
            "--reviews",
            panel.path("inbox").to_str().expect("p"),
            "--out",
            panel.path("o").to_str().expect("p"),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("组长"), "{err}");
    // The tampered review is refused by `verify` too.
    let v = panel.cli("X01", &["verify", panel.path("inbox/X02-P-2.pdf").to_str().expect("p"), "--json"]);
    assert_eq!(v.status.code(), Some(1));
    let bad = panel.cli("X01", &["verify", panel.path("inbox/notes.txt").to_str().expect("p"), "--json"]);
    assert_eq!(bad.status.code(), Some(2));
}

/// Every table of the chair's folder that holds a decision is covered by
/// `verify-audit` (issue 13, item 6): on a copy of the folder, each edit
/// made with an SQLite tool behind the app's back is named.
#[test]
fn an_edit_to_any_decision_table_fails_verify_audit() {
    let panel = setup();
    let opinions = panel.path("opinions.json");
    std::fs::write(
        &opinions,
        json!({"P-1": {"opinion": "专家组同意推荐。", "flag_reasons": ["建设方案评分分歧经讨论后维持。"]}}).to_string(),
    )
    .expect("write");
    assert_eq!(consolidate(&panel, "out", Some(&opinions)).0, Some(0));
    let audit = |who: &str| {
        let out = panel.cli(who, &["verify-audit", "--json"]);
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        (out.status.code(), v["mismatched"].to_string())
    };
    assert_eq!(audit("X01"), (Some(0), "[]".to_string()), "untouched");
    let cases = [
        ("UPDATE packages SET verdict = 'ineligible' WHERE package_id = 'P-2'", "batch B-PANEL: changed"),
        ("UPDATE batches SET title = '另一个批次'", "batch B-PANEL: changed"),
        ("UPDATE pinned_certificates SET certificate_sha256 = 'ab' WHERE expert_id = 'X03'", "certificate pin B-PANEL/X03: changed"),
        (
            "DROP TRIGGER received_reviews_only_supersede;
             UPDATE received_reviews SET review_json = replace(review_json, '可行', '很好') WHERE expert_id = 'X03' AND package_id = 'P-1'",
            "received review",
        ),
        (
            "DROP TRIGGER consensus_signatures_no_delete; DELETE FROM consensus_signatures WHERE package_id = 'P-2'",
            "panel opinion signature",
        ),
        (
            "INSERT INTO chair_drafts (batch_id, package_id, opinion, flag_reasons, saved_at)
             VALUES ('B-PANEL', 'P-2', '改写的意见', '{}', '2026-12-01')",
            "chair draft B-PANEL/P-2: not logged",
        ),
    ];
    for (i, (sql, named)) in cases.iter().enumerate() {
        let who = format!("T{i}");
        copy_dir(&panel.path("data-X01"), &panel.path(&format!("data-{who}")));
        let db = rusqlite::Connection::open(panel.path(&format!("data-{who}/paneldesk.sqlite3"))).expect("db");
        db.execute_batch(sql).expect(sql);
        drop(db);
        let (code, mismatched) = audit(&who);
        assert_eq!(code, Some(1), "{sql}: {mismatched}");
        assert!(mismatched.contains(named), "{sql}: {mismatched}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("list").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}
