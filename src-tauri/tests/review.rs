//! Conflict of interest and scoring through the mock runtime: every save a
//! new revision, validation from core, a declared conflict blocking scores,
//! and everything still there after a restart.

mod support;

use serde_json::{json, Value};
use support::{pkg, with, Harness};

fn sheet(foundation: &str, comment: &str, plan: &str, rec: &str, opinion: &str) -> Value {
    json!({"sheet": {
        "scores": [
            {"criterion": "foundation", "score": foundation, "comment": comment},
            {"criterion": "plan", "score": plan, "comment": ""}
        ],
        "recommendation": rec,
        "opinion": opinion,
    }})
}

fn problems(v: &Value) -> Vec<String> {
    v["problems"]
        .as_array()
        .map(|a| a.iter().map(|p| p["zh"].as_str().unwrap_or("").to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn scoring_needs_the_conflict_question_answered_first() {
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    let view = h.ok("get_sheet", pkg("LC-2026-001"));
    assert_eq!(view["conflict"], Value::Null);
    assert_eq!(view["rubric"]["criteria"][0]["max"], "40");
    let args = with(pkg("LC-2026-001"), sheet("30", "", "50", "recommend", "好"));
    assert_eq!(h.err("save_sheet", args), "conflict-unanswered");
}

#[test]
fn every_save_is_a_revision_and_problems_come_from_core() {
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    let v = h.ok("declare_conflict", with(pkg("LC-2026-001"), json!({"declared": false, "statement": ""})));
    assert_eq!(v["conflict"]["declared"], false);
    assert_eq!(v["revision"], 1);

    // Off-step, out of range, not a number: saved as a draft, each reported.
    let r = h.ok("save_sheet", with(pkg("LC-2026-001"), sheet("30.25", "", "61", "", "")));
    assert_eq!(r["revision"], 2);
    let p = problems(&r);
    assert!(p.iter().any(|m| m.contains("30.25")), "{p:?}");
    assert!(p.iter().any(|m| m.contains("61")), "{p:?}");
    let r = h.ok("save_sheet", with(pkg("LC-2026-001"), sheet("abc", "", "50", "recommend", "")));
    assert!(problems(&r).iter().any(|m| m.contains("abc") && m.contains("不是有效数字")));
    // Below comment_required_below (24) without a comment.
    let r = h.ok("save_sheet", with(pkg("LC-2026-001"), sheet("20", "", "50", "recommend", "")));
    assert!(problems(&r).iter().any(|m| m.contains("须填写评语")), "{:?}", problems(&r));
    // Valid: no problems, exact total.
    let r = h.ok(
        "save_sheet",
        with(pkg("LC-2026-001"), sheet("20", "〔申报书 第2页〕场地不足", "52.5", "recommend", "同意推荐")),
    );
    assert_eq!(problems(&r), Vec::<String>::new());
    assert_eq!(r["total"], "72.5");
    assert_eq!(r["revision"], 5);

    let rows = h.ok("list_packages", json!({"batchId": support::batch::BATCH_ID}));
    assert_eq!(rows[0]["status"], "draft");
    assert_eq!(rows[1]["status"], "not_started");
}

#[test]
fn a_declared_conflict_blocks_scoring_and_records_the_statement() {
    let h = Harness::start(None);
    h.set_profile("X03");
    h.open_test_batch();
    let empty = with(pkg("LC-2026-003"), json!({"declared": true, "statement": "  "}));
    assert_eq!(h.err("declare_conflict", empty), "conflict-statement-empty");
    let v = h.ok(
        "declare_conflict",
        with(pkg("LC-2026-003"), json!({"declared": true, "statement": "曾任依托单位技术顾问"})),
    );
    assert_eq!(v["conflict"]["declared"], true);
    assert_eq!(v["conflict"]["statement"], "曾任依托单位技术顾问");
    let args = with(pkg("LC-2026-003"), sheet("30", "", "50", "recommend", "x"));
    assert_eq!(h.err("save_sheet", args), "conflict-declared");
    // Nor can it be taken back from the window.
    let undo = with(pkg("LC-2026-003"), json!({"declared": false, "statement": ""}));
    assert_eq!(h.err("declare_conflict", undo), "conflict-declared");
    let rows = h.ok("list_packages", json!({"batchId": support::batch::BATCH_ID}));
    assert_eq!(rows[2]["conflict_declared"], true);
}

#[test]
fn an_expert_not_on_the_panel_cannot_score() {
    let h = Harness::start(None);
    h.set_profile("Z99");
    h.open_test_batch();
    assert_eq!(h.err("get_sheet", pkg("LC-2026-001")), "not-on-panel");
    assert_eq!(
        h.err("declare_conflict", with(pkg("LC-2026-001"), json!({"declared": false, "statement": ""}))),
        "not-on-panel"
    );
}

#[test]
fn scores_and_opinion_survive_a_restart() {
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    h.ok("declare_conflict", with(pkg("LC-2026-001"), json!({"declared": false, "statement": ""})));
    h.ok("save_sheet", with(pkg("LC-2026-001"), sheet("35.5", "基础扎实", "48", "recommend", "建议推荐组建")));
    let dir = h.into_dir();

    let h = Harness::start(Some(dir));
    assert_eq!(h.ok("get_profile", json!({}))["expert_id"], "X02");
    let v = h.ok("get_sheet", pkg("LC-2026-001"));
    assert_eq!(v["sheet"]["scores"][0]["score"], "35.5");
    assert_eq!(v["sheet"]["scores"][0]["comment"], "基础扎实");
    assert_eq!(v["sheet"]["scores"][1]["score"], "48");
    assert_eq!(v["sheet"]["opinion"], "建议推荐组建");
    assert_eq!(v["sheet"]["recommendation"], "recommend");
    assert_eq!(v["total"], "83.5");
    assert_eq!(v["revision"], 2);
}

#[test]
fn hostile_sheet_input_is_refused_without_panicking() {
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    h.ok("declare_conflict", with(pkg("LC-2026-001"), json!({"declared": false, "statement": ""})));
    let huge = "字".repeat(20_001);
    assert_eq!(h.err("save_sheet", with(pkg("LC-2026-001"), sheet("1", "", "1", "", &huge))), "sheet-too-long");
    for score in ["1e999", "-0", "99999999999999999999", "NaN", "1.0000001"] {
        let r = h.ok("save_sheet", with(pkg("LC-2026-001"), sheet(score, "", "1", "recommend", "")));
        assert!(!problems(&r).is_empty(), "{score}");
    }
    // A malformed request is an IPC error, not a crash.
    assert!(h.call("save_sheet", json!({"batchId": 1})).is_err());
}

#[test]
fn a_signed_sheet_is_listed_as_signed_and_cannot_be_changed() {
    use tauri::Manager;
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    h.ok("declare_conflict", with(pkg("LC-2026-001"), json!({"declared": false, "statement": ""})));
    h.ok("save_sheet", with(pkg("LC-2026-001"), sheet("35.5", "", "48", "recommend", "同意")));
    let review_id = {
        let state = h.app.state::<paneldesk_app::AppState>();
        let mut store = state.store().expect("store");
        let id: i64 = store.conn().query_row("SELECT MAX(id) FROM reviews", [], |r| r.get(0)).expect("review id");
        // What `review sign` records once the PDF is signed (the signing
        // itself is paneldesk-opinion's, tested there).
        store.mark_signed(id, b"%PDF-1.7 signed review", &"b".repeat(64), None).expect("mark signed");
        id
    };
    assert!(review_id > 0);
    let rows = h.ok("list_packages", json!({"batchId": support::batch::BATCH_ID}));
    assert_eq!(rows[0]["status"], "signed");
    assert_eq!(h.ok("get_sheet", pkg("LC-2026-001"))["signed"], true);
    let args = with(pkg("LC-2026-001"), sheet("20", "改", "48", "recommend", "改"));
    assert_eq!(h.err("save_sheet", args.clone()), "review-signed");
    // 复议: reopened as a draft, then it saves; signing it will need a reason.
    let reopened = h.ok("reopen_review", pkg("LC-2026-001"));
    assert_eq!((reopened["signed"].clone(), reopened["reexamination"].clone()), (json!(false), json!(true)));
    assert_eq!(reopened["history"].as_array().map(Vec::len), Some(1));
    h.ok("save_sheet", args);
}
