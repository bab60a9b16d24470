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
