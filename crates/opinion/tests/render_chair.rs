//! The chair's forms: the 专家组意见 (matrix, computation, flags, opinion,
//! the reviews' hashes) and the batch ranking.

mod common;

use common::forms::*;
use paneldesk_core::consensus_doc::{Chair, ConsensusDoc};
use paneldesk_core::package::sha256_hex;
use paneldesk_core::review_doc::ReviewDoc;
use paneldesk_opinion::render::{
    footer_hashes, render_consensus, render_consensus_with_reviews, render_ranking, ConsensusContext,
};

#[test]
fn a_consensus_shows_the_matrix_the_computation_and_the_flags() {
    let s = setup();
    let (docs, results) = consolidated(&s);
    let result = &results[0];
    assert!(!result.flags.is_empty(), "the scripted panel has flags");
    let reasons: Vec<String> = result
        .flags
        .iter()
        .enumerate()
        .map(|(i, _)| format!("经合议，第{}项分歧属专家专业视角不同，维持原评分。", i + 1))
        .collect();
    let chair =
        Chair {
            expert_id: "X01".into(), name: "王志强".into(), certificate_sha256: sha256_hex(b"cert 1"), role: None
        };
    let doc =
        ConsensusDoc::build(&s.batch, result, OPINION, &reasons, chair, time("2026-06-25T10:00:00+08:00"), "0.1.0")
            .expect("consensus");
    let (_, hash) = json(&doc);
    let ctx = ConsensusContext { batch: &s.batch, manifest: &s.manifests["LC-2026-001"], result };
    let plain = render_consensus(&doc, &hash, &ctx).expect("render");
    let sheets: Vec<&ReviewDoc> = docs.iter().filter(|d| d.package_id == "LC-2026-001").collect();
    let started = std::time::Instant::now();
    let r = render_consensus_with_reviews(&doc, &hash, &ctx, &sheets).expect("render");
    eprintln!("consensus: {} bytes, {} page(s), {:?}", r.pdf.len(), page_count(&r.pdf), started.elapsed());
    assert!(plain.pdf != r.pdf);
    assert_eq!(footer_hashes(&r.pdf), vec![doc.package_sha256.clone(), hash.clone()]);
    check_and_text("consensus-plain.pdf", &plain.pdf);
    let Some(text) = check_and_text("consensus.pdf", &r.pdf) else { return };
    let t = result.total.as_ref().expect("aggregate");
    for needle in [
        "专家组意见".to_string(),
        "去掉一个最高总分和一个最低总分后取算术平均".into(),
        format!("{}÷{}", t.sum, t.divisor),
        format!("综合得分为{}", t.value),
        "维持原评分".into(),
        "第1名".into(),
        "12.5".into(),
        squeeze(OPINION),
        sha256_hex(b"X01LC-2026-001"),
    ] {
        assert!(text.contains(&needle), "missing {needle}");
    }
}

#[test]
fn the_ranking_lists_ranked_then_set_apart() {
    let s = setup();
    let (_, results) = consolidated(&s);
    let started = std::time::Instant::now();
    let pdf = render_ranking(&s.batch, &results, &s.manifests, time("2026-06-26T09:00:00+08:00")).expect("render");
    eprintln!("ranking: {} bytes, {:?}", pdf.len(), started.elapsed());
    assert!(footer_hashes(&pdf).is_empty());
    let Some(text) = check_and_text("ranking.pdf", &pdf) else { return };
    let first = text.find("聊城市高端轴承技术创新中心").expect("first");
    let second = text.find("聊城市新能源汽车零部件技术创新中心").expect("second");
    let apart = text.find("不参与排序的材料包").expect("set apart");
    assert!(first < second && second < apart, "order");
    assert!(text[apart..].contains("聊城市生物医药技术创新中心") && text[apart..].contains("不符合条件"));
}

/// An evaluation's 专家组意见 (formats.md §7): targets against achievements
/// with shortfalls marked, the annual reports, the grade's consequence; a
/// package to be revoked reads 建议撤销 with the 第十九条 items and no grade.
#[test]
fn an_evaluation_shows_targets_reports_and_what_its_conclusion_means() {
    use paneldesk_core::manifest::{AnnualReport, Kind, TaskTarget};
    let s = setup();
    let (_, results) = consolidated(&s);
    let mut m = s.manifests["LC-2026-001"].clone();
    m.kind = Kind::Acceptance;
    m.task_targets = Some(vec![
        TaskTarget { indicator: "发明专利授权".into(), unit: "件".into(), target: d("10"), achieved: d("12") },
        TaskTarget { indicator: "研发投入".into(), unit: "万元".into(), target: d("3000"), achieved: d("2400") },
    ]);
    m.annual_reports = Some(vec![
        AnnualReport { year: 2024, document: Some("reports/2024.pdf".into()) },
        AnnualReport { year: 2025, document: None },
    ]);
    let chair =
        Chair { expert_id: "X01".into(), name: "王志强".into(), certificate_sha256: sha256_hex(b"c"), role: None };
    let reasons: Vec<String> = results[0].flags.iter().map(|_| "维持。".to_string()).collect();
    let mut doc = ConsensusDoc::build(
        &s.batch,
        &results[0],
        OPINION,
        &reasons,
        chair,
        time("2026-06-25T10:00:00+08:00"),
        "0.1.0",
    )
    .expect("consensus");
    doc.recommendation = None;
    doc.grade = Some("合格".into());
    let (_, hash) = json(&doc);
    let ctx = ConsensusContext { batch: &s.batch, manifest: &m, result: &results[0] };
    let graded = render_consensus(&doc, &hash, &ctx).expect("render");
    if let Some(text) = check_and_text("evaluation.pdf", &graded.pdf) {
        for needle in [
            "建设任务完成情况",
            "发明专利授权",
            "120%",
            "80%",
            "未达标",
            "2025年",
            "未报送",
            "纳入技术创新中心体系管理",
        ] {
            assert!(text.contains(needle), "missing {needle}");
        }
    }
    let mut revoked_result = results[0].clone();
    revoked_result.verdict = paneldesk_core::rules::Verdict::Revoke;
    doc.grade = None;
    let ctx = ConsensusContext { batch: &s.batch, manifest: &m, result: &revoked_result };
    let revoked = render_consensus(&doc, &hash, &ctx).expect("render");
    if let Some(text) = check_and_text("revoked.pdf", &revoked.pdf) {
        assert!(text.contains("建议撤销"), "{text}");
        assert!(!text.contains("纳入技术创新中心体系管理"));
    }
}
