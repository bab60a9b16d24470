//! What the chair's screens receive. Figures are exact decimal strings from
//! paneldesk-core; percentages and box-plot quartiles are for the charts
//! only and are computed in `screens`, never in the UI.
#![allow(missing_docs)] // field names are those of docs/formats.md §5 and the matrix's columns

use paneldesk_core::manifest::Kind;
use paneldesk_core::rubric::Method;
use paneldesk_core::rules::Verdict;
use paneldesk_core::Msg;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChairImportProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct RejectionDto {
    pub file: String,
    pub reason: Msg,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChairImportReport {
    pub files: u32,
    pub accepted: Vec<String>,
    pub superseded: Vec<String>,
    pub duplicates: Vec<String>,
    pub already_imported: Vec<String>,
    pub rejected: Vec<RejectionDto>,
    /// Experts whose certificate this import pinned.
    pub pinned: Vec<String>,
    /// Certificates that the roster does not name and that nobody has
    /// confirmed: their reviews were rejected until the chair confirms.
    pub unconfirmed: Vec<UnconfirmedCertificate>,
    /// The files and folders this import read, to import them again once
    /// certificates are confirmed.
    pub sources: Vec<String>,
}

/// A certificate for the chair to compare with the expert and confirm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct UnconfirmedCertificate {
    /// The expert id the reviews claim.
    pub expert_id: String,
    /// Lowercase hex SHA-256 of the certificate.
    pub certificate_sha256: String,
    /// `AB:12:…`, as the expert's profile page shows it.
    pub fingerprint: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChairCriterion {
    pub id: String,
    pub title: String,
    pub max: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct OverviewRow {
    pub package_id: String,
    pub center_name: String,
    pub lead_unit: String,
    /// Formal review verdict and its label.
    pub verdict: Verdict,
    pub verdict_label: Msg,
    /// False while the read phase hides the panel's scores from this chair.
    pub visible: bool,
    pub experts: u32,
    /// Panel members expected to answer (the whole roster), and those whose
    /// desk review (or conflict declaration) has not arrived, roster names.
    pub expected: u32,
    pub missing: Vec<MemberRefDto>,
    pub method: Option<Method>,
    pub aggregate: Option<String>,
    pub recommendation: Option<String>,
    pub grade: Option<String>,
    pub rank: Option<u32>,
    /// Why the package has no rank.
    pub set_apart: Option<Msg>,
    pub flags: u32,
    pub flags_without_reason: u32,
    /// When the latest signed 专家组意见 was made, if any.
    pub signed_at: Option<String>,
}

/// A panel member, as the roster names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct MemberRefDto {
    pub expert_id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct LeniencyDto {
    pub expert_id: String,
    pub name: String,
    pub packages: u32,
    /// Mean of (expert's total − package aggregate), e.g. "+3.5" or "-2".
    pub mean_offset: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChairOverview {
    pub batch_id: String,
    pub title: String,
    pub kind: Kind,
    pub criteria: Vec<ChairCriterion>,
    /// Criterion ids in the order they break ties.
    pub tie_break: Vec<String>,
    pub packages: Vec<OverviewRow>,
    /// Desk answers arrived over the batch, of those expected.
    pub submitted: u32,
    pub expected: u32,
    /// Reviews kept: counting, and superseded by a later one.
    pub counting: u32,
    pub superseded: u32,
    pub leniency: Vec<LeniencyDto>,
    /// This profile is the deputy: it presides only where the chair declared
    /// a conflict, and exports no ranking.
    pub deputy: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct MatrixRowDto {
    pub expert_id: String,
    pub name: String,
    pub scores: Vec<String>,
    pub total: String,
    pub dropped: bool,
    pub recommendation: String,
    pub review_sha256: String,
    pub file: String,
    /// The expert's mean offset from the panel over the batch, shown, never applied.
    pub leniency: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct FlagDto {
    /// Stable key the reason is saved under.
    pub key: String,
    pub kind: FlagKind,
    pub criterion: Option<String>,
    pub expert_id: Option<String>,
    pub detail: Msg,
    pub reason: String,
}

/// Box-plot figures of one criterion, in % of its max.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct BoxDto {
    pub criterion: String,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChairPackage {
    pub package_id: String,
    pub center_name: String,
    pub criteria: Vec<ChairCriterion>,
    pub rows: Vec<MatrixRowDto>,
    /// Criterion aggregates in rubric order.
    pub criterion_aggregates: Vec<Option<String>>,
    pub method: Option<Method>,
    pub aggregate: Option<String>,
    pub recommendation: Option<String>,
    pub grade: Option<String>,
    pub rank: Option<u32>,
    pub set_apart: Option<Msg>,
    pub flags: Vec<FlagDto>,
    /// The panel opinion: saved, or drafted from the experts' opinions.
    pub opinion: String,
    pub opinion_edited: bool,
    pub draft_saved_at: Option<String>,
    /// Why it cannot be signed now; empty when it can.
    pub blockers: Vec<Msg>,
    /// Why the sign button is off (nothing to sign, no key, not the
    /// roster's key); `None` when it can be clicked.
    pub cannot_sign: Option<Msg>,
    pub signed_at: Option<String>,
    /// Criterion aggregates as % of the criterion's max (radar chart).
    pub radar: Vec<f64>,
    pub boxes: Vec<BoxDto>,
    /// Votes, site visits and, for evaluations, targets and reports (§7).
    pub process: PackageProcessDto,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct TermDto {
    pub expert_id: String,
    pub value: String,
    pub used: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ExplanationDto {
    pub target: String,
    pub method: Method,
    pub rubric_method: Method,
    pub trim_min_panel: Option<u32>,
    pub terms: Vec<TermDto>,
    pub sum: String,
    pub divisor: u32,
    pub quotient: String,
    pub quotient_exact: bool,
    pub value: String,
    pub steps: Msg,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChairSigned {
    pub package_id: String,
    pub pdf_sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChairExport {
    /// None when the folder dialog was cancelled.
    pub folder: Option<String>,
    pub files: Vec<String>,
    /// Files of the same name that were there and were replaced (the
    /// folder dialog asks nothing, so the page says it).
    pub replaced: Vec<String>,
}

/// What a disagreement flag is about (docs/formats.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The experts' scores of one criterion are far apart.
    CriterionSpread,
    /// One expert's total is far from the others'.
    TotalOutlier,
}

/// Votes over the counted desk reviews (formats.md §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct VoteDto {
    pub option: String,
    pub count: u32,
}

/// The site visits of a package, as consensus.json's `site_visit`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SiteVisitDto {
    pub experts: Vec<String>,
    pub date: String,
    pub items: Vec<paneldesk_core::consensus_doc::SiteItemSummary>,
    pub discrepancies: Vec<String>,
    /// The photos the visiting experts signed, for `chair_photo`.
    pub photos: Vec<SitePhotoDto>,
}

/// One site-visit photo: whose review carries it, and its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SitePhotoDto {
    pub expert_id: String,
    /// The roster's name.
    pub name: String,
    /// The original photo's SHA-256, as review.json lists it.
    pub sha256: String,
}

/// A task-book indicator against what was achieved (evaluations).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct TargetDto {
    pub indicator: String,
    pub unit: String,
    pub target: String,
    pub achieved: String,
    /// achieved ÷ target in %, truncated to two decimals; None for a 0 target.
    pub percent: Option<String>,
    pub below: bool,
}

/// One year's annual report: filed or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct AnnualReportDto {
    pub year: i32,
    pub filed: bool,
}

/// What the panel's process adds to a package's screen (formats.md §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct PackageProcessDto {
    pub votes: Vec<VoteDto>,
    pub site_visit: Option<SiteVisitDto>,
    /// Evaluations only; empty for establishment.
    pub targets: Vec<TargetDto>,
    pub annual_reports: Vec<AnnualReportDto>,
    /// A package to be revoked: the 第十九条 items found (no grade then).
    pub revocation: Vec<Msg>,
    /// What the grade means under 第二十条 and 第二十二条.
    pub consequence: Option<Msg>,
}
