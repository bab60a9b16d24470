//! The batch consolidated from the reviews that count in the store, ranked
//! with the rubric's tie-break (formats.md §7).

use std::collections::BTreeMap;

use paneldesk_core::batch::Batch;
use paneldesk_core::consolidate::{consolidate, Candidate, PackageResult};
use paneldesk_core::manifest::Manifest;
use paneldesk_core::review_doc::ReviewDoc;
use paneldesk_core::rules::Verdict;
use paneldesk_store::Store;

use super::revisions::ReceivedDoc;
use super::{ApiError, ErrorCode, Result};

/// A batch consolidated from the reviews that count in the store.
pub struct Panel {
    /// The batch as imported.
    pub batch: Batch,
    /// The reviews that count, as candidates.
    pub accepted: Vec<Candidate>,
    /// Every review received for the batch, counting or not.
    pub received: Vec<ReceivedDoc>,
    /// One result per package, in the batch's order.
    pub results: Vec<PackageResult>,
    /// Each package's manifest, by package id.
    pub manifests: BTreeMap<String, Manifest>,
    /// Criterion ids in the order they break ties (the rubric's).
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
    // Every received file read once (a 复议's earlier files too, for the
    // superseded list): per package it would be read once per package.
    let mut accepted = Vec::new();
    let mut received = Vec::new();
    for r in store.received(&batch.id)? {
        let doc = signed_doc(store, &r.file_name, &r.sha256)?;
        if r.counts {
            accepted.push(Candidate {
                file: r.file_name,
                file_sha256: r.sha256.clone(),
                signer_certificate_sha256: r.signer_certificate_sha256,
                doc: doc.clone(),
            });
        }
        received.push(ReceivedDoc { sha256: r.sha256, counts: r.counts, doc });
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
    // Ranked with the rubric's tie-break, fixed when the batch was issued.
    let mut results = consolidate(batch, &verdicts, &accepted);
    // The chair sees none of the figures of a package they declared a
    // conflict on: the deputy presides over it (formats.md §7).
    let chair = batch.chair().map(|c| c.expert_id.as_str());
    if store.profile()?.is_some_and(|me| Some(me.expert_id.as_str()) == chair) {
        let recused = super::recused(store, batch)?;
        accepted.retain(|c| !recused.contains(&c.doc.package_id));
        for r in results.iter_mut().filter(|r| recused.contains(&r.package_id)) {
            hide(
                r,
                paneldesk_core::Msg::new(
                    "组长已声明回避，由副组长汇总并签署专家组意见",
                    "the chair declared a conflict: the deputy chair consolidates and signs this package",
                ),
            );
        }
    }
    let tie_break = batch.rubric.tie_break_order();
    Ok(Panel { batch: batch.clone(), accepted, received, results, manifests, tie_break })
}

/// The review.json inside the stored signed file, which every figure comes
/// from — never the database's copy, which whoever holds the data file can
/// edit (issue 13 item 5). The file must still hash to what was recorded
/// when its signature was verified at import; signing a 专家组意见 verifies
/// the signature again (`sign::check_copy`). What was read from the same
/// bytes before, in this process, is not read again (`seen`).
pub(crate) fn signed_doc(store: &Store, file: &str, sha256: &str) -> Result<ReviewDoc> {
    let changed = || {
        ApiError::refused(
            ErrorCode::FileChanged,
            format!("已导入的评审意见 {file} 的签名文件缺失或被改动，无法据其汇总。请运行 paneldesk-cli verify-audit，并重新导入该专家的签名文件"),
            format!("the signed file of the imported review {file} is missing or was changed, so nothing can be consolidated from it. Run paneldesk-cli verify-audit and import that expert's signed file again"),
        )
    };
    let pdf = store.received_pdf(sha256).map_err(|_| changed())?;
    if paneldesk_core::package::sha256_hex(&pdf) != sha256 {
        return Err(changed());
    }
    if let Some(doc) = super::seen::doc(sha256) {
        return Ok(doc);
    }
    let files = paneldesk_opinion::sign::embedded_files(&pdf).map_err(|_| changed())?;
    let json = files.iter().find(|f| f.name == paneldesk_opinion::document::REVIEW_JSON).ok_or_else(changed)?;
    let doc: ReviewDoc = serde_json::from_slice(&json.bytes).map_err(|_| changed())?;
    super::seen::read(sha256, &doc);
    Ok(doc)
}

/// A package someone else presides over, as this seat's screens show it.
pub(crate) fn hide(r: &mut PackageResult, why: paneldesk_core::Msg) {
    r.total = None;
    r.criteria.clear();
    r.reviews.clear();
    r.flags.clear();
    r.recommendation = None;
    r.grade = None;
    r.rank = None;
    r.set_apart = Some(why);
}
