//! The chair after the import: the read phase, drafts, signing the
//! 专家组意见 (one, and many in parallel), the exports and the ranking.

mod common;

use paneldesk_core::consolidate::AcceptNew;
use std::collections::BTreeMap;

use common::*;
use paneldesk_api::chair::{self, Draft};
use paneldesk_api::ErrorCode;
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::Phase;
use paneldesk_opinion::document::check_document;
use paneldesk_store::reviews::ReviewKey;

#[test]
fn the_chair_signs_once_each_flag_has_a_reason_and_exports() {
    let mut w = world();
    w.panel_p1();
    // Read phase: the chair X01's own review is neither signed in this store
    // nor among the imported ones yet.
    let own_file = w.path("X01-P-1.pdf");
    std::fs::rename(w.path("inbox/X01-P-1.pdf"), &own_file).expect("move");
    let files = w.inbox();
    chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|_| {}).expect("import");
    let (batch, me) = chair::chair_batch(&w.chair, "B-API").expect("chair");
    let panel = chair::consolidate_batch(&w.chair, &batch).expect("consolidate");
    let hidden = chair::visible_packages(&w.chair, &batch, &me).expect("visible");
    let err = chair::matrix(&panel, "P-1", &hidden).expect_err("hidden");
    assert_eq!(err.code, ErrorCode::ReadPhase);
    // Once X01's own review is signed in this store, P-1 opens.
    let key = ReviewKey { batch_id: "B-API", package_id: "P-1", expert_id: "X01", phase: Phase::Desk };
    let own = sheet(30, "50", false, "X01 认为可行。");
    let saved = w.chair.save_review(key, &own).expect("save");
    let pdf = std::fs::read(&own_file).expect("own pdf");
    w.chair.mark_signed(saved.id, &pdf, "0", None).expect("mark signed");
    let visible = chair::visible_packages(&w.chair, &batch, &me).expect("visible");
    assert_eq!(visible.get("P-1"), Some(&true));
    // … and imported like everyone's, it counts.
    chair::import_files(&mut w.chair, &w.batch, &[own_file], &AcceptNew::All, &|_| {}).expect("import own");
    let panel = chair::consolidate_batch(&w.chair, &batch).expect("consolidate");
    assert_eq!(visible.get("P-1"), Some(&true));
    assert_eq!(visible.get("P-2"), Some(&true), "no one else's review of P-2: nothing to hide");
    let m = chair::matrix(&panel, "P-1", &visible).expect("matrix");
    assert_eq!(m.rows.len(), 5);
    assert_eq!(m.rows[0].scores, [dec("30"), dec("50")]);
    assert_eq!(m.flags[0].key, "criterion_spread:plan");

    let draft = Draft::load(&w.chair, &panel, "P-1").expect("draft");
    assert!(!draft.edited);
    // Named as the roster names them, not as the review claims.
    assert!(draft.opinion.contains("专家1：X01 认为可行。"), "{}", draft.opinion);

    let ident = chair::unlock_chair(&w.chair, PASS).expect("unlock");
    assert_eq!(chair::unlock_chair(&w.chair, "wrong").err().map(|e| e.code), Some(ErrorCode::WrongPassphrase));
    let who = chair::chair_of(&me, &ident);
    let now = chrono::Local::now().fixed_offset();
    let reasons = chair::reasons_in_order(panel.result("P-1").expect("P-1"), &draft.flag_reasons);
    let refused = chair::sign_package(&mut w.chair, &panel, "P-1", &draft.opinion, &reasons, &ident, &who, now);
    let refused = refused.err().expect("refused");
    assert!(refused.refused && refused.message.zh.contains("理由"), "{}", refused.message.zh);

    let mut given = BTreeMap::new();
    given.insert("criterion_spread:plan".to_string(), "  经讨论维持。 ".to_string());
    let draft = chair::save_draft(&mut w.chair, &panel, "P-1", Some("专家组同意推荐。".into()), given).expect("save");
    assert!(draft.edited);
    assert_eq!(draft.flag_reasons["criterion_spread:plan"], "经讨论维持。");
    let reasons = chair::reasons_in_order(panel.result("P-1").expect("P-1"), &draft.flag_reasons);
    let signed =
        chair::sign_package(&mut w.chair, &panel, "P-1", &draft.opinion, &reasons, &ident, &who, now).expect("sign");
    let checked = check_document(&signed.pdf).expect("pdf");
    assert!(checked.valid(), "{:?}", checked.problems);
    assert_eq!(checked.kind.as_deref(), Some("tic-consensus/1"));

    let out = w.path("out");
    let exported = chair::export(&w.chair, &panel, &out, now, Some(&ident)).expect("export");
    assert_eq!(exported.files, ["P-1.pdf", "ranking.pdf", "ranking.xlsx", "ranking.csv"]);
    // ranking.pdf is signed by the chair like a 专家组意见 (formats.md §7).
    let ranking = std::fs::read(out.join("ranking.pdf")).expect("ranking");
    let v = paneldesk_opinion::sign::verify_pdf(&ranking).expect("pdf");
    assert!(v.valid(), "{:?}", v.problems);
    assert_eq!(v.signer().map(|s| s.certificate_sha256.clone()), Some(ident.certificate_sha256()));
    let csv = std::fs::read_to_string(out.join("ranking.csv")).expect("csv");
    assert!(csv.contains("75.83"), "{csv}");
    assert_eq!(std::fs::read(out.join("P-1.pdf")).expect("P-1"), signed.pdf);
}

#[test]
fn only_the_chair_ranks_and_ties_break_as_the_rubric_says() {
    let root = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = fixture::batch_zip("B-API", Kind::Establishment, vec![fixture::establishment("P-1")], 6);
    let zip = root.path().join("batch.zip");
    std::fs::write(&zip, bytes).expect("batch");
    let mut member = store_with_batch(&root.path().join("m"), &zip);
    member.set_identity(&profile("X02"), None).expect("profile");
    let err = chair::chair_batch(&member, "B-API").expect_err("refused");
    assert!(err.refused && err.code == ErrorCode::NotChair && err.message.zh.contains("组长"));

    let w = world();
    let panel = chair::consolidate_batch(&w.chair, &w.batch).expect("consolidate");
    let rubric: Vec<String> = w.batch.rubric.criteria.iter().map(|c| c.id.clone()).collect();
    assert_eq!(panel.tie_break, rubric, "without tie_break: every criterion in rubric order");
    let mut batch = w.batch.clone();
    batch.rubric.tie_break = Some(vec!["plan".to_string()]);
    let panel = chair::consolidate_batch(&w.chair, &batch).expect("consolidate");
    assert_eq!(panel.tie_break, ["plan"], "the rubric's order, as issued");
}

#[test]
fn many_packages_sign_in_parallel_and_a_failure_keeps_what_was_signed() {
    let mut w = world();
    for (id, p) in [("X01", "50"), ("X02", "51"), ("X03", "52")] {
        for package in ["P-1", "P-2"] {
            w.review(id, package, &sheet(30, p, false, "可行。"));
        }
    }
    let files = w.inbox();
    chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|_| {}).expect("import");
    let panel = chair::consolidate_batch(&w.chair, &w.batch).expect("consolidate");
    let ident = chair::unlock_chair(&w.chair, PASS).expect("unlock");
    let who = chair::chair_of(&profile("X01"), &ident);
    let now = chrono::Local::now().fixed_offset();
    let request =
        |id: &str| chair::Request { package_id: id.into(), opinion: format!("{id} 同意。"), reasons: vec![] };

    let mut seen = Vec::new();
    let requests = [request("P-1"), request("P-2")];
    chair::sign_packages(&mut w.chair, &panel, &requests, &ident, &who, now, 3, &mut |s| {
        seen.push(s);
        Ok(())
    })
    .expect("sign");
    seen.sort_by(|a, b| a.package_id.cmp(&b.package_id));
    assert_eq!(seen.iter().map(|s| s.package_id.as_str()).collect::<Vec<_>>(), ["P-1", "P-2"]);
    for s in &seen {
        let checked = check_document(&s.pdf).expect("pdf");
        assert!(checked.valid(), "{:?}", checked.problems);
        let json: serde_json::Value = serde_json::from_slice(checked.json.as_deref().expect("json")).expect("json");
        assert_eq!(json["package_id"], s.package_id.as_str());
        assert_eq!(json["opinion"], format!("{} 同意。", s.package_id), "each package its own opinion");
    }
    let recorded = w.chair.consensus_signatures("B-API").expect("recorded");
    assert_eq!(recorded.keys().collect::<Vec<_>>(), ["P-1", "P-2"]);
    assert_eq!(recorded["P-1"].pdf_sha256, seen[0].pdf_sha256);

    // An unknown package after a good one: the good one is still signed
    // and recorded, and the failure is returned.
    let mut count = 0;
    let requests = [request("P-2"), request("P-9")];
    let err = chair::sign_packages(&mut w.chair, &panel, &requests, &ident, &who, now, 1, &mut |_| {
        count += 1;
        Ok(())
    })
    .expect_err("P-9 is not in the batch");
    assert_eq!(err.code, ErrorCode::UnknownPackage);
    assert_eq!(count, 1);
}

/// Someone with the chair's database file raises an expert's score in the
/// imported copy (dropping the trigger that keeps it): the screens would
/// show the edit, but signing re-reads every counted review from its signed
/// file and refuses (issue 13, item 5).
#[test]
fn a_review_edited_in_the_database_changes_no_figure() {
    let mut w = world();
    w.panel_p1();
    let files = w.inbox();
    chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|_| {}).expect("import");
    let (batch, me) = chair::chair_batch(&w.chair, "B-API").expect("chair");
    let before = chair::consolidate_batch(&w.chair, &batch).expect("consolidate").result("P-1").expect("P-1").clone();
    let conn = w.chair.conn();
    conn.execute_batch("DROP TRIGGER received_reviews_only_supersede").expect("an attacker drops the trigger");
    let (row, json): (i64, String) = conn
        .query_row(
            "SELECT rowid, review_json FROM received_reviews WHERE package_id = 'P-1' AND expert_id = 'X02'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("X02's review of P-1");
    let mut doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    let score = &mut doc["scores"][0]["score"];
    *score = if score.is_string() { serde_json::json!("1") } else { serde_json::json!(1) };
    conn.execute("UPDATE received_reviews SET review_json = ?1 WHERE rowid = ?2", (doc.to_string(), row))
        .expect("edit");

    // Every figure comes from the signed files: the edited copy changes none.
    let panel = chair::consolidate_batch(&w.chair, &batch).expect("consolidate");
    let result = panel.result("P-1").expect("P-1");
    let figures = |r: &paneldesk_core::consolidate::PackageResult| {
        let totals: Vec<_> = r.reviews.iter().map(|l| (l.expert_id.clone(), l.total)).collect();
        (r.total.as_ref().map(|t| t.value), totals)
    };
    assert_eq!(figures(result), figures(&before));
    let ident = chair::unlock_chair(&w.chair, PASS).expect("unlock");
    let who = chair::chair_of(&me, &ident);
    let reasons: Vec<String> = result.flags.iter().map(|_| "经讨论维持。".to_string()).collect();
    let now = chrono::Local::now().fixed_offset();
    chair::sign_package(&mut w.chair, &panel, "P-1", "专家组同意。", &reasons, &ident, &who, now)
        .expect("signed from the signed files");
    // The edit itself is what verify-audit reports.
    let audit = paneldesk_api::audit::verify(&w.chair).expect("audit");
    assert!(audit.mismatched.iter().any(|m| m.contains("received")), "{:?}", audit.mismatched);
}

#[test]
fn a_changed_signed_file_stops_the_consolidation() {
    let mut w = world();
    w.panel_p1();
    let files = w.inbox();
    chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|_| {}).expect("import");
    let sha: String = w
        .chair
        .conn()
        .query_row("SELECT sha256 FROM received_reviews WHERE package_id = 'P-1' AND expert_id = 'X02'", [], |r| {
            r.get(0)
        })
        .expect("X02's review");
    let file = w.chair.received_pdf_file(&sha);
    let mut bytes = std::fs::read(&file).expect("stored");
    bytes.push(b'\n');
    std::fs::write(&file, bytes).expect("changed");
    let (batch, _) = chair::chair_batch(&w.chair, "B-API").expect("chair");
    let e = chair::consolidate_batch(&w.chair, &batch).err().expect("refused");
    assert_eq!(e.code, ErrorCode::FileChanged, "{}", e.message.en);
    assert!(e.message.zh.contains("verify-audit"), "{}", e.message.zh);
}

/// Signing re-verifies only bytes it has not verified in full before: a
/// stored file swapped after import for one with a broken signature (and
/// the database row pointed at it) hashes to something never verified, so
/// it is checked in full and refused, however many files were verified in
/// this process already.
#[test]
fn a_swapped_signed_file_is_verified_again_when_signing() {
    let mut w = world();
    w.panel_p1();
    let files = w.inbox();
    chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|_| {}).expect("import");
    let conn = w.chair.conn();
    let sha: String = conn
        .query_row("SELECT sha256 FROM received_reviews WHERE package_id = 'P-1' AND expert_id = 'X02'", [], |r| {
            r.get(0)
        })
        .expect("X02's review");
    let mut bytes = std::fs::read(w.chair.received_pdf_file(&sha)).expect("stored");
    // A byte of the binary comment after the header: signed, never parsed.
    assert!(bytes.starts_with(b"%PDF-") && bytes[9] == b'%' && bytes[10] >= 0x80, "{:?}", &bytes[..12]);
    bytes[10] ^= 0x01;
    let swapped = paneldesk_core::package::sha256_hex(&bytes);
    std::fs::write(w.chair.received_pdf_file(&swapped), &bytes).expect("swapped in");
    conn.execute_batch("DROP TRIGGER received_reviews_only_supersede").expect("an attacker drops the trigger");
    conn.execute("UPDATE received_reviews SET sha256 = ?1 WHERE sha256 = ?2", (&swapped, &sha)).expect("repoint");

    let (batch, me) = chair::chair_batch(&w.chair, "B-API").expect("chair");
    let panel = chair::consolidate_batch(&w.chair, &batch).expect("the review.json still reads");
    let ident = chair::unlock_chair(&w.chair, PASS).expect("unlock");
    let who = chair::chair_of(&me, &ident);
    let result = panel.result("P-1").expect("P-1");
    let reasons: Vec<String> = result.flags.iter().map(|_| "经讨论维持。".to_string()).collect();
    let now = chrono::Local::now().fixed_offset();
    let e = chair::sign_package(&mut w.chair, &panel, "P-1", "专家组同意。", &reasons, &ident, &who, now)
        .err()
        .expect("refused");
    assert_eq!(e.code, ErrorCode::FileChanged, "{}", e.message.en);
}
