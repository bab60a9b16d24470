//! What a site visit needs before it can be signed (the window and the CLI
//! both ask `readiness`).

use chrono::NaiveDate;
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::sheet::{Phase, Sheet, SiteItem, SiteVerdict, SiteVisit};

use super::{items, readiness_on};

fn visit(date: &str, assessed: usize) -> (Sheet, Vec<super::SiteItemPlan>, paneldesk_core::rubric::Rubric) {
    let (batch, _) = fixture::batch_zip("B", Kind::Establishment, vec![fixture::establishment("P-1")], 3);
    let m = fixture::establishment("P-1");
    let plan = items(&batch, &m);
    let found = plan
        .iter()
        .take(assessed)
        .map(|p| SiteItem { id: p.id.clone(), verdict: SiteVerdict::Meets, note: String::new() })
        .collect();
    let sheet = Sheet {
        phase: Phase::SiteVisit,
        recommendation: batch.rubric.recommendation_options.first().cloned().unwrap_or_default(),
        opinion: "现场情况与申报一致。".into(),
        site_visit: Some(SiteVisit { date: date.into(), items: found, photos: Vec::new() }),
        ..Sheet::default()
    };
    (sheet, plan, batch.rubric)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 10).expect("date")
}

#[test]
fn a_dated_fully_assessed_visit_is_ready() {
    let (sheet, plan, rubric) = visit("2026-06-02", usize::MAX);
    assert_eq!(readiness_on(&sheet, &rubric, &plan, today()), Vec::new());
}

#[test]
fn date_missing_malformed_or_in_the_future_is_named() {
    for (date, word) in [("", "请填写考察日期"), ("2026-6-2", "无效"), ("2026-06-11", "晚于今天")] {
        let (sheet, plan, rubric) = visit(date, usize::MAX);
        let found = readiness_on(&sheet, &rubric, &plan, today());
        assert!(found.first().is_some_and(|m| m.zh.contains(word)), "{date}: {found:?}");
    }
}

#[test]
fn every_item_needs_a_verdict() {
    let (sheet, plan, rubric) = visit("2026-06-02", 1);
    let found = readiness_on(&sheet, &rubric, &plan, today());
    let missing = plan.len() - 1;
    assert!(found.iter().any(|m| m.zh.contains(&format!("尚有 {missing} 项未评定"))), "{found:?}");
}
