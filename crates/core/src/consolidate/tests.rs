//! A scripted panel of six, with the figures worked out by hand.

use super::*;
use crate::fixture;
use crate::manifest::Kind;
use crate::review_doc::{Expert, ReviewDoc, REVIEW_FORMAT};
use crate::scoring::Score;
use crate::sheet::Conflict;

fn d(s: &str) -> Dec {
    Dec::parse(s).expect("decimal")
}

fn batch() -> Batch {
    let (b, _) = fixture::batch_zip(
        "B-1",
        Kind::Establishment,
        vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
        6,
    );
    b
}

fn cert(expert: &str) -> String {
    crate::package::sha256_hex(format!("cert of {expert}").as_bytes())
}

fn review(b: &Batch, file: &str, expert: &str, package: &str, f: &str, p: &str, at: &str) -> Candidate {
    let pkg = b.packages.iter().find(|x| x.id == package).map(|x| x.sha256.clone()).unwrap_or_default();
    let doc = ReviewDoc {
        format: REVIEW_FORMAT.into(),
        batch_id: b.id.clone(),
        package_id: package.into(),
        package_sha256: pkg,
        rubric_id: b.rubric.id.clone(),
        phase: Phase::Desk,
        expert: Expert {
            expert_id: expert.into(),
            name: format!("专家{expert}"),
            title: "教授".into(),
            affiliation: "山东大学".into(),
            certificate_sha256: cert(expert),
        },
        conflict_of_interest: Conflict::default(),
        scores: vec![
            Score { criterion: "foundation".into(), score: d(f), comment: "评语".into() },
            Score { criterion: "plan".into(), score: d(p), comment: String::new() },
        ],
        total: d(f) + d(p),
        recommendation: "recommend".into(),
        opinion: "同意推荐".into(),
        site_visit: None,
        signed_at: format!("2026-06-{at}T10:00:00+08:00").parse().expect("time"),
        app_version: "0.1.0".into(),
        supersedes: None,
        revision_reason: None,
        audit_head: None,
    };
    let file_sha256 = crate::package::sha256_hex(serde_json::to_string(&doc).expect("json").as_bytes());
    Candidate { file: file.into(), file_sha256, signer_certificate_sha256: cert(expert), doc }
}

fn panel(b: &Batch) -> Vec<Candidate> {
    let mut conflict = review(b, "x06.pdf", "X06", "P-1", "30", "50", "10");
    conflict.doc.conflict_of_interest = Conflict { declared: true, statement: "曾合作".into() };
    let mut out_of_range = review(b, "x05-bad.pdf", "X05", "P-2", "41", "50", "10");
    out_of_range.doc.total = d("91");
    let earlier = review(b, "x02-old.pdf", "X02", "P-1", "20", "40", "09");
    vec![
        review(b, "x01.pdf", "X01", "P-1", "30", "50", "10"),
        review(b, "x02.pdf", "X02", "P-1", "30", "45", "10"),
        earlier,
        review(b, "x03.pdf", "X03", "P-1", "35", "55", "10"),
        review(b, "x04.pdf", "X04", "P-1", "25", "35", "10"),
        review(b, "x05.pdf", "X05", "P-1", "30", "42.5", "10"),
        conflict,
        out_of_range,
        Candidate { file: "copy-of-x01.pdf".into(), ..review(b, "x01.pdf", "X01", "P-1", "30", "50", "10") },
        review(b, "x99.pdf", "X99", "P-1", "30", "50", "10"),
    ]
}

#[test]
fn the_panel_of_six_consolidates_to_the_hand_figures() {
    let b = batch();
    let sel = select(&b, panel(&b), &BTreeMap::new(), &AcceptNew::All);
    let rejected: Vec<&str> = sel.rejected.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(rejected, ["x05-bad.pdf", "x06.pdf", "x99.pdf"]);
    assert!(sel.rejected[1].1.zh.contains("利益冲突"));
    assert_eq!(sel.duplicates, ["x01.pdf"], "the copy sorts first and counts; the other is the duplicate");
    assert_eq!(sel.superseded.iter().map(|c| c.file.as_str()).collect::<Vec<_>>(), ["x02-old.pdf"]);
    assert_eq!(sel.accepted.len(), 5);

    let verdicts = BTreeMap::from([("P-1".to_string(), Verdict::Eligible), ("P-2".to_string(), Verdict::Eligible)]);
    let results = consolidate(&b, &verdicts, &sel.accepted);
    let p1 = &results[0];
    let t = p1.total.as_ref().expect("aggregate");
    // Totals 80, 75, 90, 60, 72.5: drop 60 and 90; 227.5 / 3 = 75.833… → 75.83.
    assert_eq!((t.method, t.sum, t.divisor, t.value), (crate::rubric::Method::TrimmedMean, d("227.5"), 3, d("75.83")));
    let dropped: Vec<&str> = p1.reviews.iter().filter(|r| r.dropped).map(|r| r.expert_id.as_str()).collect();
    assert_eq!(dropped, ["X03", "X04"]);
    assert_eq!(p1.criteria[0].1.value, d("30"));
    assert_eq!(p1.criteria[1].1.value, d("45.83"));
    assert_eq!(p1.recommendation.as_deref(), Some("recommend"));
    // plan spreads 55 − 35 = 20 > 18; totals 60 and 90 are exactly 15 from 75.
    assert_eq!(p1.flags.len(), 1, "{:?}", p1.flags);
    assert!(matches!(&p1.flags[0], Flag::CriterionSpread { criterion, .. } if criterion == "plan"));
    assert_eq!(p1.rank, Some(1));
    let p2 = &results[1];
    assert!(p2.total.is_none() && p2.rank.is_none() && p2.set_apart.is_some());
}

#[test]
fn the_order_of_the_files_does_not_matter() {
    let b = batch();
    let mut files = panel(&b);
    let a = select(&b, files.clone(), &BTreeMap::new(), &AcceptNew::All);
    files.reverse();
    files.swap(1, 4);
    let z = select(&b, files, &BTreeMap::new(), &AcceptNew::All);
    let names = |s: &Selection| s.accepted.iter().map(|c| c.file.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&z));
    assert_eq!(a.duplicates, z.duplicates);
    assert_eq!(
        a.rejected.iter().map(|r| &r.0).collect::<Vec<_>>(),
        z.rejected.iter().map(|r| &r.0).collect::<Vec<_>>()
    );
}

#[test]
fn certificates_are_pinned_and_a_different_one_refused() {
    let b = batch();
    let first = review(&b, "a.pdf", "X02", "P-1", "30", "50", "10");
    let mut forged = review(&b, "b.pdf", "X02", "P-2", "30", "50", "10");
    forged.signer_certificate_sha256 = cert("someone else");
    forged.doc.expert.certificate_sha256 = cert("someone else");
    // Two new certificates for one expert: neither is taken, whatever the
    // order of the files.
    let sel = select(&b, vec![first.clone(), forged.clone()], &BTreeMap::new(), &AcceptNew::All);
    assert!(sel.new_pins.is_empty() && sel.accepted.is_empty());
    assert_eq!(sel.rejected.len(), 2);
    assert!(sel.rejected[0].1.en.contains("two or more unconfirmed"));
    // Without confirmation, a new certificate is not pinned.
    let sel = select(&b, vec![first.clone()], &BTreeMap::new(), &AcceptNew::Nothing);
    assert!(sel.accepted.is_empty() && sel.rejected[0].1.en.contains(&cert("X02")));
    // Confirmed one by one: pinned; once pinned, another one is refused.
    let only = AcceptNew::Only([("X02".to_string(), cert("X02"))].into());
    let sel = select(&b, vec![first], &BTreeMap::new(), &only);
    assert_eq!(sel.new_pins.get("X02"), Some(&cert("X02")));
    let pins = sel.new_pins.clone();
    let sel = select(&b, vec![forged], &pins, &AcceptNew::All);
    assert_eq!(sel.rejected.len(), 1);
    assert!(sel.rejected[0].1.en.contains("registered"));
    // With the roster's certificate, it is the roster that decides.
    let mut b2 = b.clone();
    b2.panel[1].certificate_sha256 = Some(cert("roster"));
    let sel =
        select(&b2, vec![review(&b2, "a.pdf", "X02", "P-1", "30", "50", "10")], &BTreeMap::new(), &AcceptNew::All);
    assert_eq!(sel.rejected.len(), 1);
}

#[test]
fn a_review_of_another_package_version_is_refused() {
    let b = batch();
    let mut r = review(&b, "a.pdf", "X02", "P-1", "30", "50", "10");
    r.doc.package_sha256 = "f".repeat(64);
    let sel = select(&b, vec![r], &BTreeMap::new(), &AcceptNew::All);
    assert!(sel.rejected[0].1.zh.contains("哈希"));
}

#[test]
fn ineligible_packages_are_set_apart_without_rank() {
    let b = batch();
    let sel = select(
        &b,
        vec![review(&b, "a.pdf", "X02", "P-1", "30", "50", "10"), review(&b, "b.pdf", "X02", "P-2", "35", "55", "10")],
        &BTreeMap::new(),
        &AcceptNew::All,
    );
    let verdicts = BTreeMap::from([("P-1".to_string(), Verdict::Eligible), ("P-2".to_string(), Verdict::Ineligible)]);
    let r = consolidate(&b, &verdicts, &sel.accepted);
    assert_eq!(r[0].rank, Some(1));
    assert_eq!(r[1].rank, None);
    assert_eq!(r[1].recommendation.as_deref(), Some("not_recommend"));
    assert!(r[1].set_apart.as_ref().is_some_and(|m| m.zh.contains("不符合条件")));
}

#[test]
fn consensus_needs_a_reason_for_every_flag() {
    use crate::consensus_doc::{draft_opinion, signing_blockers, Chair, ConsensusDoc};
    let b = batch();
    let sel = select(&b, panel(&b), &BTreeMap::new(), &AcceptNew::All);
    let verdicts = BTreeMap::new();
    let results = consolidate(&b, &verdicts, &sel.accepted);
    let p1 = &results[0];
    assert_eq!(signing_blockers(p1, &[]).len(), 1);
    assert_eq!(signing_blockers(p1, &["  ".into()]).len(), 1);
    let reasons = vec!["专家对建设方案可行性的判断不同，经讨论维持原分。".to_string()];
    assert!(signing_blockers(p1, &reasons).is_empty());
    let draft = draft_opinion(&b, &sel.accepted, "P-1");
    assert!(draft.starts_with("专家1：同意推荐"), "the roster's name: {draft}");
    let chair = Chair { expert_id: "X01".into(), name: "专家1".into(), certificate_sha256: cert("X01"), role: None };
    let at = "2026-06-20T09:00:00+08:00".parse().expect("time");
    let doc = ConsensusDoc::build(&b, p1, &draft, &reasons, chair, at, "0.1.0").expect("signable");
    let v = serde_json::to_value(&doc).expect("json");
    assert_eq!(v["format"], "tic-consensus/1");
    assert_eq!(v["method"], "trimmed_mean");
    assert_eq!(v["aggregate"], serde_json::json!(75.83));
    assert_eq!(v["recommendation"], "recommend");
    assert!(v.get("grade").is_none());
    assert_eq!(v["flags"][0]["kind"], "criterion_spread");
    assert_eq!(v["flags"][0]["criterion"], "plan");
    assert_eq!(v["reviews"].as_array().map(|a| a.len()), Some(5));
    assert!(ConsensusDoc::build(&b, &results[1], "", &[], doc.chair.clone(), at, "0.1.0").is_none());
}

#[test]
fn names_come_from_the_roster_not_the_reviews_claim() {
    let b = batch();
    let mut reviews = panel(&b);
    for c in &mut reviews {
        c.doc.expert.name = "冒名者".into();
    }
    let sel = select(&b, reviews, &BTreeMap::new(), &AcceptNew::All);
    let results = consolidate(&b, &BTreeMap::new(), &sel.accepted);
    assert!(!results[0].reviews.is_empty());
    for r in &results[0].reviews {
        assert_eq!(Some(r.name.as_str()), b.expert(&r.expert_id).map(|m| m.name.as_str()));
    }
    assert!(!crate::consensus_doc::draft_opinion(&b, &sel.accepted, "P-1").contains("冒名者"));
}
