//! The human-readable side of the signed opinions (docs/formats.md §4–§5): the
//! 专家评审意见表 / 现场考察意见表, the 专家组意见 and the batch's 择优排序表,
//! as A4 PDFs with embedded, subset CJK fonts; and the small document engine
//! they (and the demo generator) are written with.
//!
//! Output is deterministic: the same inputs give the same bytes (dates come
//! from the documents, ids from their identity).

mod consensus;
pub mod engine;
mod evaluation;
pub mod fonts;
pub mod footer;
pub mod form;
pub mod layout;
mod ranking;
mod review;
pub mod table;

use std::collections::BTreeMap;

use paneldesk_core::batch::Batch;
use paneldesk_core::consensus_doc::ConsensusDoc;
use paneldesk_core::consolidate::PackageResult;
use paneldesk_core::manifest::Manifest;
use paneldesk_core::review_doc::ReviewDoc;

pub use footer::footer_hashes;
pub(crate) use footer::footer_hashes_in;
pub use review::PREVIEW_MARK;

use crate::error::OpinionError;

pub struct ReviewContext<'a> {
    pub batch: &'a Batch,
    pub manifest: &'a Manifest,
    /// The expert's drawn handwritten signature as PNG, if they drew one.
    pub signature_png: Option<&'a [u8]>,
}

pub struct Rendered {
    pub pdf: Vec<u8>,
    /// Where the visible signature field goes: 0-based page, [x1, y1, x2, y2] in PDF points.
    pub signature_page: usize,
    pub signature_rect: [f32; 4],
    /// The empty boxes for co-signatures (专家组意见 only), by expert id.
    pub cosign: Vec<(String, form::SignatureSpot)>,
}

/// 专家评审意见表 (desk) or 现场考察意见表 (site_visit, with the checklist,
/// verdicts 符合/基本符合/不符合, notes, photo hashes, discrepancy summary).
/// The footer of every page prints "第 N 页 共 M 页", the package SHA-256
/// and `review_json_sha256`.
pub fn render_review(doc: &ReviewDoc, review_json_sha256: &str, ctx: &ReviewContext) -> Result<Rendered, OpinionError> {
    review::render(doc, review_json_sha256, ctx, false)
}

/// The form as `render_review` draws it, for the expert to read before
/// signing: every page headed, and the title and signature block followed,
/// by `PREVIEW_MARK`. Never signed, nothing attached.
pub fn render_review_preview(
    doc: &ReviewDoc,
    review_json_sha256: &str,
    ctx: &ReviewContext,
) -> Result<Vec<u8>, OpinionError> {
    Ok(review::render(doc, review_json_sha256, ctx, true)?.pdf)
}

pub struct ConsensusContext<'a> {
    pub batch: &'a Batch,
    pub manifest: &'a Manifest,
    pub result: &'a PackageResult,
}

/// 专家组意见: every expert's totals, the aggregate and exactly how it was
/// computed, recommendation or grade, rank, the panel's opinion, the flags
/// with the chair's reasons, the individual reviews with their SHA-256;
/// footer as for reviews with `consensus_json_sha256`.
///
/// `PackageResult` carries each expert's total but not their per-criterion
/// scores: this prints "—" in those cells (the review PDFs are attached).
/// Use `render_consensus_with_reviews` to fill the matrix.
pub fn render_consensus(
    doc: &ConsensusDoc,
    consensus_json_sha256: &str,
    ctx: &ConsensusContext,
) -> Result<Rendered, OpinionError> {
    consensus::render(doc, consensus_json_sha256, ctx, &[])
}

/// `render_consensus` with the counted reviews (matched by expert id), so
/// the matrix shows every expert's score on every criterion.
pub fn render_consensus_with_reviews(
    doc: &ConsensusDoc,
    consensus_json_sha256: &str,
    ctx: &ConsensusContext,
    reviews: &[&ReviewDoc],
) -> Result<Rendered, OpinionError> {
    consensus::render(doc, consensus_json_sha256, ctx, reviews)
}

/// The batch ranking (择优): ranked packages by aggregate (ties already
/// broken in `PackageResult.rank`, docs/formats.md §5), then the packages set
/// apart with the reason, without rank.
pub fn render_ranking(
    batch: &Batch,
    results: &[PackageResult],
    manifests: &BTreeMap<String, Manifest>,
    generated_at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Vec<u8>, OpinionError> {
    Ok(ranking::render(batch, results, manifests, generated_at, "专家组组长")?.pdf)
}

/// The 择优排序表 with the place of its signature (formats.md §7: signed
/// by the chair like a 专家组意见).
pub fn render_ranking_for_signing(
    batch: &Batch,
    results: &[PackageResult],
    manifests: &BTreeMap<String, Manifest>,
    generated_at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Rendered, OpinionError> {
    ranking::render(batch, results, manifests, generated_at, "专家组组长")
}
