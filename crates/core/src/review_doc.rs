//! `review.json` (tic-review/1, docs/formats.md §4): the data an expert's signed
//! opinion PDF carries, and its checks against the batch.

use serde::{Deserialize, Serialize};

use crate::batch::Batch;
use crate::decimal::Dec;
use crate::scoring::{sheet_problems, Score};
use crate::sheet::{Conflict, Phase, Sheet, SiteVisit};
use crate::text::Msg;
use crate::time::Timestamp;

pub const REVIEW_FORMAT: &str = "tic-review/1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expert {
    pub expert_id: String,
    pub name: String,
    pub title: String,
    pub affiliation: String,
    /// SHA-256 of the DER certificate that signs the PDF.
    pub certificate_sha256: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewDoc {
    pub format: String,
    pub batch_id: String,
    pub package_id: String,
    pub package_sha256: String,
    pub rubric_id: String,
    pub phase: Phase,
    pub expert: Expert,
    pub conflict_of_interest: Conflict,
    pub scores: Vec<Score>,
    pub total: Dec,
    pub recommendation: String,
    pub opinion: String,
    pub site_visit: Option<SiteVisit>,
    pub signed_at: Timestamp,
    pub app_version: String,
    /// 复议 (formats.md §7): the SHA-256 of the signed review PDF this one
    /// replaces, with the reason; both absent on a first signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_reason: Option<String>,
    /// The signer's audit log head at signing (`audit_head`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_head: Option<crate::audit_head::AuditHead>,
}

/// What the signature check found, as far as these rules need it.
pub struct Signer<'a> {
    pub certificate_sha256: &'a str,
}

impl ReviewDoc {
    /// Builds the document for a saved sheet.
    #[allow(clippy::too_many_arguments)]
    pub fn from_sheet(
        batch: &Batch,
        package_id: &str,
        package_sha256: &str,
        expert: Expert,
        sheet: &Sheet,
        signed_at: Timestamp,
        app_version: &str,
    ) -> ReviewDoc {
        ReviewDoc {
            format: REVIEW_FORMAT.to_string(),
            batch_id: batch.id.clone(),
            package_id: package_id.to_string(),
            package_sha256: package_sha256.to_string(),
            rubric_id: batch.rubric.id.clone(),
            phase: sheet.phase,
            expert,
            conflict_of_interest: sheet.conflict_of_interest.clone(),
            scores: sheet.scores.clone(),
            total: sheet.total(),
            recommendation: sheet.recommendation.clone(),
            opinion: sheet.opinion.clone(),
            site_visit: sheet.site_visit.clone(),
            signed_at,
            app_version: app_version.to_string(),
            supersedes: None,
            revision_reason: None,
            audit_head: None,
        }
    }

    /// Every reason the chair's import must reject this review (docs/formats.md
    /// §4), given who actually signed it and the certificate expected for
    /// this expert (the roster's, or the one pinned at first import).
    pub fn rejections(&self, batch: &Batch, signer: &Signer, expected_cert: Option<&str>) -> Vec<Msg> {
        let mut out = Vec::new();
        let mut no = |zh: String, en: String| out.push(Msg::new(zh, en));
        if self.format != REVIEW_FORMAT {
            no(
                format!("格式为 “{}”，不是 {REVIEW_FORMAT}", self.format),
                format!("format is \"{}\", not {REVIEW_FORMAT}", self.format),
            );
        }
        if self.batch_id != batch.id {
            no(
                format!("属于评审批次 {}，不是 {}", self.batch_id, batch.id),
                format!("belongs to batch {}, not {}", self.batch_id, batch.id),
            );
        }
        if batch.expert(&self.expert.expert_id).is_none() {
            no(
                format!("专家 {}（{}）不在专家组名单中", self.expert.name, self.expert.expert_id),
                format!("expert {} ({}) is not on the panel", self.expert.name, self.expert.expert_id),
            );
            return out;
        }
        if self.expert.certificate_sha256 != signer.certificate_sha256 {
            no(
                "签名证书与意见表中声明的专家证书不符".to_string(),
                "the signing certificate is not the one the review names".to_string(),
            );
        }
        if let Some(expected) = expected_cert {
            if signer.certificate_sha256 != expected {
                no(
                    format!(
                        "专家 {} 的签名证书与登记的证书不符（应为 {}…）",
                        self.expert.expert_id,
                        &expected[..expected.len().min(16)]
                    ),
                    format!(
                        "expert {}'s signing certificate is not the registered one ({}…)",
                        self.expert.expert_id,
                        &expected[..expected.len().min(16)]
                    ),
                );
            }
        }
        match batch.packages.iter().find(|p| p.id == self.package_id) {
            None => no(
                format!("材料包 {} 不在本批次中", self.package_id),
                format!("package {} is not in this batch", self.package_id),
            ),
            Some(p) if p.sha256 != self.package_sha256 => no(
                format!("材料包 {} 的哈希与本批次不符，评审的不是本批次的材料", self.package_id),
                format!("package {}'s hash is not the batch's: another version was reviewed", self.package_id),
            ),
            Some(_) => {}
        }
        if self.rubric_id != batch.rubric.id {
            no(
                format!("评审指标为 {}，不是本批次的 {}", self.rubric_id, batch.rubric.id),
                format!("rubric {} is not the batch's {}", self.rubric_id, batch.rubric.id),
            );
        }
        if self.supersedes.is_some() && self.revision_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            no(
                "复议后的评审意见没有说明复议理由".to_string(),
                "the revised review (复议) gives no revision reason".to_string(),
            );
        }
        if self.conflict_of_interest.declared {
            no(
                "专家声明了利益冲突（回避），该意见不计入".to_string(),
                "the expert declared a conflict of interest; the review cannot count".to_string(),
            );
        }
        // A declaration carries no scores to check: it is refused as such.
        if !self.conflict_of_interest.declared && (self.phase == Phase::Desk || !self.scores.is_empty()) {
            out.extend(sheet_problems(&batch.rubric, &self.scores, Some(self.total), &self.recommendation));
        }
        out
    }
}
