//! `consensus.json` (tic-consensus/1, docs/formats.md §5): the panel's signed
//! opinion on one package, built from a consolidation result.

use serde::{Deserialize, Serialize};

use crate::aggregate::Flag;
use crate::batch::Batch;
use crate::consolidate::{Candidate, PackageResult};
use crate::decimal::Dec;
use crate::text::Msg;
use crate::time::Timestamp;

pub const CONSENSUS_FORMAT: &str = "tic-consensus/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionAggregate {
    pub criterion: String,
    pub aggregate: Dec,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewRef {
    pub expert_id: String,
    pub name: String,
    pub total: Dec,
    pub dropped: bool,
    pub review_sha256: String,
    /// Desk or site visit (formats.md §7: every accepted review is listed).
    #[serde(default)]
    pub phase: crate::sheet::Phase,
}

/// One site-visit checklist item over the visiting experts (formats.md §7);
/// the chair's screen shows it as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SiteItemSummary {
    pub id: String,
    pub title: String,
    pub meets: u32,
    pub partly: u32,
    pub fails: u32,
    /// Each note prefixed by the expert id.
    pub notes: Vec<String>,
}

/// `site_visit` of consensus.json (formats.md §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteVisitSummary {
    pub experts: Vec<String>,
    /// The latest visit date.
    pub date: String,
    pub items: Vec<SiteItemSummary>,
    pub discrepancies: Vec<String>,
}

/// A signed review replaced by a later revision of the same expert and
/// phase (复议, formats.md §7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupersededRef {
    pub expert_id: String,
    pub phase: crate::sheet::Phase,
    /// SHA-256 of the replaced review PDF.
    pub review_sha256: String,
    /// The reason the replacing revision gives (empty when the later file
    /// names none: two signatures without 复议, the later counts).
    pub revision_reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlagEntry {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expert_id: Option<String>,
    pub detail: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chair {
    pub expert_id: String,
    pub name: String,
    pub certificate_sha256: String,
    /// `deputy` when the deputy chair signs for a package on which the
    /// chair declared a conflict (formats.md §7); absent for the chair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsensusDoc {
    pub format: String,
    pub batch_id: String,
    pub package_id: String,
    pub package_sha256: String,
    pub rubric_id: String,
    pub method: String,
    pub aggregate: Dec,
    pub criteria: Vec<CriterionAggregate>,
    pub reviews: Vec<ReviewRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    pub rank: Option<u32>,
    pub flags: Vec<FlagEntry>,
    /// Recommendation option → counted desk reviews choosing it (§7).
    #[serde(default)]
    pub votes: std::collections::BTreeMap<String, u32>,
    /// Null when no accepted site-visit review exists (§7).
    #[serde(default)]
    pub site_visit: Option<SiteVisitSummary>,
    /// Reviews replaced by a 复议 (§7).
    #[serde(default)]
    pub superseded: Vec<SupersededRef>,
    pub opinion: String,
    pub chair: Chair,
    pub signed_at: Timestamp,
    pub app_version: String,
    /// The chair's audit log head at signing (`audit_head`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<crate::audit_head::AuditHead>,
}

/// What a flag says, in Chinese (the document's language).
pub fn flag_detail(batch: &Batch, flag: &Flag) -> Msg {
    match flag {
        Flag::CriterionSpread { criterion, min, max } => {
            let c = batch.rubric.criterion(criterion);
            let title = c.map(|c| c.title.as_str()).unwrap_or(criterion);
            let full = c.map(|c| c.max).unwrap_or_default();
            Msg::new(
                format!("“{title}” 得分从 {min} 到 {max}，极差 {} 超过满分 {full} 的 30%", *max - *min),
                format!("\"{criterion}\" ranges {min}–{max}: a spread of {} over 30% of its max {full}", *max - *min),
            )
        }
        Flag::TotalOutlier { expert_id, total, median } => Msg::new(
            format!("专家 {expert_id} 总分 {total}，与总分中位数 {median} 相差超过 15 分"),
            format!("expert {expert_id}'s total {total} is more than 15 points from the median {median}"),
        ),
    }
}

/// Why a package cannot be signed yet; empty when it can.
pub fn signing_blockers(result: &PackageResult, reasons: &[String]) -> Vec<Msg> {
    let mut out = Vec::new();
    if result.total.is_none() {
        out.push(Msg::new("没有可计入的专家评审意见", "there is no review that counts"));
    }
    for (i, _) in result.flags.iter().enumerate() {
        if reasons.get(i).is_none_or(|r| r.trim().is_empty()) {
            out.push(Msg::new(
                format!("第 {} 个分歧提示尚未说明理由", i + 1),
                format!("flag {} has no reason from the chair", i + 1),
            ));
        }
    }
    out
}

/// The draft panel opinion: each counted expert's opinion, by the roster's name.
pub fn draft_opinion(batch: &Batch, accepted: &[Candidate], package_id: &str) -> String {
    let mut parts: Vec<(&str, String)> = accepted
        .iter()
        .filter(|c| c.doc.package_id == package_id && !c.doc.opinion.trim().is_empty())
        .map(|c| {
            let id = c.doc.expert.expert_id.as_str();
            let name = batch.expert(id).map_or(c.doc.expert.name.as_str(), |m| m.name.as_str());
            (id, format!("{name}：{}", c.doc.opinion.trim()))
        })
        .collect();
    parts.sort();
    parts.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n")
}

impl ConsensusDoc {
    /// `None` when the package has no aggregate (nothing to sign).
    pub fn build(
        batch: &Batch,
        result: &PackageResult,
        opinion: &str,
        reasons: &[String],
        chair: Chair,
        signed_at: Timestamp,
        app_version: &str,
    ) -> Option<ConsensusDoc> {
        let total = result.total.as_ref()?;
        let package = batch.packages.iter().find(|p| p.id == result.package_id)?;
        let flags = result
            .flags
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let (kind, criterion, expert_id) = match f {
                    Flag::CriterionSpread { criterion, .. } => ("criterion_spread", Some(criterion.clone()), None),
                    Flag::TotalOutlier { expert_id, .. } => ("total_outlier", None, Some(expert_id.clone())),
                };
                FlagEntry {
                    kind: kind.to_string(),
                    criterion,
                    expert_id,
                    detail: flag_detail(batch, f).zh,
                    reason: reasons.get(i).cloned().unwrap_or_default(),
                }
            })
            .collect();
        Some(ConsensusDoc {
            format: CONSENSUS_FORMAT.to_string(),
            batch_id: batch.id.clone(),
            package_id: result.package_id.clone(),
            package_sha256: package.sha256.clone(),
            rubric_id: batch.rubric.id.clone(),
            method: total.method.as_str().to_string(),
            aggregate: total.value,
            criteria: result
                .criteria
                .iter()
                .map(|(id, c)| CriterionAggregate { criterion: id.clone(), aggregate: c.value })
                .collect(),
            reviews: result
                .reviews
                .iter()
                .map(|r| ReviewRef {
                    expert_id: r.expert_id.clone(),
                    name: r.name.clone(),
                    total: r.total,
                    dropped: r.dropped,
                    review_sha256: r.review_sha256.clone(),
                    phase: crate::sheet::Phase::Desk,
                })
                .collect(),
            recommendation: result.recommendation.clone(),
            grade: result.grade.clone(),
            rank: result.rank,
            flags,
            votes: std::collections::BTreeMap::new(),
            site_visit: None,
            superseded: Vec::new(),
            opinion: opinion.to_string(),
            chair,
            signed_at,
            app_version: app_version.to_string(),
            audit_head: None,
        })
    }
}
