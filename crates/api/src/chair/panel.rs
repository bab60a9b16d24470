//! The batch consolidated from the reviews that count in the store, ranked
//! with the chair's tie-break.

use std::collections::BTreeMap;

use paneldesk_core::batch::Batch;
use paneldesk_core::consolidate::{consolidate, Candidate, PackageResult};
use paneldesk_core::manifest::Manifest;
use paneldesk_core::ranking::{rank, Rankable};
use paneldesk_core::rules::Verdict;
use paneldesk_store::Store;

use super::{ApiError, ErrorCode, Result};

/// A batch consolidated from the reviews that count in the store.
pub struct Panel {
    /// The batch as imported.
    pub batch: Batch,
    /// The reviews that count, as candidates.
    pub accepted: Vec<Candidate>,
    /// One result per package, in the batch's order.
    pub results: Vec<PackageResult>,
    /// Each package's manifest, by package id.
    pub manifests: BTreeMap<String, Manifest>,
    /// Criterion ids in the order they break ties (rubric order by default).
    pub tie_break: Vec<String>,
}

impl Panel {
    /// The result of one package; an unknown id is an error.
    pub fn result(&self, package_id: &str) -> Result<&PackageResult> {
        self.results.iter().find(|r| r.package_id == package_id).ok_or_else(|| {
            ApiError::unusable(
                ErrorCode::UnknownPackage,
                format!("评审批次 {} 中没有材料包 {package_id}", self.batch.id),
                format!("batch {} has no package {package_id}", self.batch.id),
            )
        })
    }
}

/// Consolidates the batch from the store's counting reviews.
pub fn consolidate_batch(store: &Store, batch: &Batch) -> Result<Panel> {
    let mut accepted = Vec::new();
    for r in store.counting(&batch.id)? {
        let doc = serde_json::from_str(&r.review_json).map_err(|e| {
            ApiError::unusable(
                ErrorCode::CorruptRow,
                format!("已导入的评审意见 {} 无法读取：{e}", r.file_name),
                format!("the imported review {} cannot be read: {e}", r.file_name),
            )
        })?;
        accepted.push(Candidate {
            file: r.file_name,
            file_sha256: r.sha256,
            signer_certificate_sha256: r.signer_certificate_sha256,
            doc,
        });
    }
    // A corrected batch (formats.md §6) may have changed or withdrawn a
    // package: reviews of its earlier file are kept as history, not counted.
    accepted.retain(|c| batch.packages.iter().any(|p| p.id == c.doc.package_id && p.sha256 == c.doc.package_sha256));
    let mut verdicts = BTreeMap::new();
    let mut manifests = BTreeMap::new();
    for p in &batch.packages {
        let stored = store.find_package(&p.id, Some(&batch.id))?.ok_or_else(|| {
            ApiError::unusable(
                ErrorCode::UnknownPackage,
                format!("材料包 {} 记录缺失。请重新导入评审批次", p.id),
                format!("package {} is missing. Import the batch again", p.id),
            )
        })?;
        verdicts.insert(p.id.clone(), Verdict::parse(&stored.verdict).unwrap_or(Verdict::Eligible));
        manifests.insert(p.id.clone(), stored.manifest);
    }
    let mut results = consolidate(batch, &verdicts, &accepted);
    let tie_break = tie_break_order(batch, store.tie_break(&batch.id)?);
    rerank(batch, &mut results, &tie_break);
    Ok(Panel { batch: batch.clone(), accepted, results, manifests, tie_break })
}

/// The chair's order if it names every criterion exactly once, else the
/// rubric's (docs/formats.md §5).
pub(crate) fn tie_break_order(batch: &Batch, chosen: Option<Vec<String>>) -> Vec<String> {
    let rubric: Vec<String> = batch.rubric.criteria.iter().map(|c| c.id.clone()).collect();
    match chosen {
        Some(order) if is_permutation(&order, &rubric) => order,
        _ => rubric,
    }
}

pub(crate) fn is_permutation(order: &[String], rubric: &[String]) -> bool {
    let mut a = order.to_vec();
    let mut b = rubric.to_vec();
    a.sort();
    b.sort();
    a == b
}

/// Ranks again with the criteria compared in `order` (core's comparison:
/// aggregate, then those criteria, then package id).
fn rerank(batch: &Batch, results: &mut [PackageResult], order: &[String]) {
    let idx: Vec<usize> =
        order.iter().filter_map(|id| batch.rubric.criteria.iter().position(|c| &c.id == id)).collect();
    let ranks = {
        let rankables: Vec<Rankable> = results
            .iter()
            .map(|r| Rankable {
                package_id: &r.package_id,
                aggregate: r.total.as_ref().map(|t| t.value).unwrap_or_default(),
                criteria: idx.iter().filter_map(|&i| r.criteria.get(i).map(|(_, c)| c.value)).collect(),
                set_apart: r.set_apart.is_some(),
            })
            .collect();
        rank(&rankables)
    };
    for (r, k) in results.iter_mut().zip(ranks) {
        r.rank = k;
    }
}
