//! What the panel's site visits and votes add to the decision (formats.md
//! §7): per checklist item how many visiting experts found it 符合 / 基本符合
//! / 不符合, with their notes and the discrepancies, and the desk reviews'
//! recommendations counted.

use std::collections::BTreeMap;

use paneldesk_core::batch::Batch;
pub use paneldesk_core::consensus_doc::{SiteItemSummary, SiteVisitSummary};
use paneldesk_core::consolidate::Candidate;
use paneldesk_core::manifest::Manifest;
use paneldesk_core::sheet::{Phase, SiteVerdict};

use crate::site_visit::plan;

/// None when no accepted site-visit review of the package exists.
pub fn summary(
    batch: &Batch,
    manifest: &Manifest,
    accepted: &[Candidate],
    package_id: &str,
) -> Option<SiteVisitSummary> {
    let mut visits: Vec<(&str, &paneldesk_core::sheet::SiteVisit)> = accepted
        .iter()
        .filter(|c| c.doc.package_id == package_id && c.doc.phase == Phase::SiteVisit)
        .filter_map(|c| c.doc.site_visit.as_ref().map(|v| (c.doc.expert.expert_id.as_str(), v)))
        .collect();
    if visits.is_empty() {
        return None;
    }
    visits.sort_by_key(|(e, _)| *e);
    let plan = plan::items(batch, manifest);
    let mut discrepancies = Vec::new();
    let items = plan
        .iter()
        .map(|p| {
            let mut s = SiteItemSummary {
                id: p.id.clone(),
                title: p.title.zh.clone(),
                meets: 0,
                partly: 0,
                fails: 0,
                notes: Vec::new(),
            };
            for (expert, v) in &visits {
                let Some(found) = v.items.iter().find(|i| i.id == p.id) else { continue };
                match found.verdict {
                    SiteVerdict::Meets => s.meets += 1,
                    SiteVerdict::Partly => s.partly += 1,
                    SiteVerdict::Fails => s.fails += 1,
                }
                let note = found.note.trim();
                if !note.is_empty() {
                    s.notes.push(format!("{expert}：{note}"));
                }
            }
            s
        })
        .collect();
    for (expert, v) in &visits {
        let (found, _) = plan::discrepancies(&plan, &v.items);
        for d in found {
            let verdict = if d.verdict == SiteVerdict::Fails { "不符合" } else { "基本符合" };
            let claim = d.claim.as_ref().map(|c| format!("（{}）", c.zh)).unwrap_or_default();
            let note = if d.note.trim().is_empty() { String::new() } else { format!("：{}", d.note.trim()) };
            discrepancies.push(format!("{expert}：{}{claim}{verdict}{note}", d.title.zh));
        }
    }
    let date = visits.iter().map(|(_, v)| v.date.clone()).max().unwrap_or_default();
    Some(SiteVisitSummary { experts: visits.iter().map(|(e, _)| e.to_string()).collect(), date, items, discrepancies })
}

/// Each recommendation option of the rubric with how many counted desk
/// reviews chose it (options no one chose count 0).
pub fn votes(batch: &Batch, accepted: &[Candidate], package_id: &str) -> BTreeMap<String, u32> {
    let mut out: BTreeMap<String, u32> = batch.rubric.recommendation_options.iter().map(|o| (o.clone(), 0)).collect();
    for c in accepted.iter().filter(|c| c.doc.package_id == package_id && c.doc.phase == Phase::Desk) {
        *out.entry(c.doc.recommendation.clone()).or_insert(0) += 1;
    }
    out
}

/// Every accepted site-visit review of the package, for consensus.json's
/// `reviews` (desk ones come from the aggregation).
pub fn site_visit_refs(
    batch: &Batch,
    accepted: &[Candidate],
    package_id: &str,
) -> Vec<paneldesk_core::consensus_doc::ReviewRef> {
    let mut refs: Vec<_> = accepted
        .iter()
        .filter(|c| c.doc.package_id == package_id && c.doc.phase == Phase::SiteVisit)
        .map(|c| paneldesk_core::consensus_doc::ReviewRef {
            expert_id: c.doc.expert.expert_id.clone(),
            // The roster's name, not the review's claim.
            name: batch.expert(&c.doc.expert.expert_id).map_or(c.doc.expert.name.clone(), |m| m.name.clone()),
            total: c.doc.total,
            dropped: false,
            review_sha256: c.file_sha256.clone(),
            phase: Phase::SiteVisit,
        })
        .collect();
    refs.sort_by(|a, b| a.expert_id.cmp(&b.expert_id));
    refs
}
