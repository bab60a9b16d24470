//! A stored package turned into what the window shows: its manifest's facts
//! (figures as exact decimal strings), the formal review and the documents.

use paneldesk_core::manifest::{FinanceYear, Kind, Manifest, MemberUnit, Unit};
use paneldesk_core::rules::{Outcome, Verdict};
use paneldesk_core::{Dec, Msg};
use serde::{Deserialize, Serialize};

use crate::batches::{count, parse_verdict};
use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// One finding of the formal review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct RuleDto {
    /// The rule id (docs/formats.md §2).
    pub id: String,
    /// pass, fail, warn or relaxed.
    pub result: Outcome,
    /// The article it applies, e.g. "第八条（组建条件）第（三）项".
    pub article: String,
    /// The finding.
    pub message: Msg,
}

impl From<paneldesk_core::rules::RuleResult> for RuleDto {
    fn from(r: paneldesk_core::rules::RuleResult) -> RuleDto {
        RuleDto { id: r.id.to_string(), result: r.result, article: r.article.to_string(), message: r.message }
    }
}

/// A document the package lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct DocumentDto {
    /// Its path inside the package.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its kind (manifest's `kind`).
    pub kind: String,
    /// The kind, for people.
    pub kind_label: Msg,
    /// Its SHA-256 as listed.
    pub sha256: String,
    /// How the window shows it (PDF reader, image, or by name and hash).
    pub shown: paneldesk_core::package::shown::Shown,
}

/// One year's finance figures, 万元.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct FinanceDto {
    /// The year.
    pub year: i32,
    /// R&D expense.
    pub rd_expense_wan: String,
    /// Revenue.
    pub revenue_wan: String,
}

/// The lead unit or a co-builder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[allow(missing_docs)] // each field is the manifest's field of the same name
pub struct UnitDto {
    pub name: String,
    pub credit_code: String,
    pub kind_label: Msg,
    pub in_liaocheng: bool,
    pub independent_legal_person: bool,
    pub high_tech_enterprise: bool,
    pub tech_based_enterprise: bool,
    pub finance: Vec<FinanceDto>,
    /// Sum over the years listed.
    pub rd_total_wan: String,
    /// Sum over the years listed.
    pub revenue_total_wan: String,
    pub conversion_cases_3y: u32,
}

/// The package's facts, as the facts panel shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[allow(missing_docs)] // each field is the manifest's field of the same name
pub struct FactsDto {
    pub center_name: String,
    pub field: String,
    pub kind: Kind,
    pub kind_label: Msg,
    pub submitted_at: String,
    pub software_industry: bool,
    pub strategic_priority: bool,
    pub competent_department: String,
    pub lead_unit: UnitDto,
    pub co_builders: Vec<UnitDto>,
    pub lead_share_percent: String,
    pub rd_space_m2: String,
    pub equipment_value_wan: String,
    pub pilot_capability: bool,
    pub director_name: String,
    pub director_title: String,
    pub director_senior_title: bool,
    pub full_time_rd_staff: u32,
    /// Members of the expert committee.
    pub committee_size: u32,
    /// Of them, from outside the lead unit.
    pub committee_external: u32,
}

/// One package: its facts, formal review and documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct PackageDetail {
    /// The batch it came in.
    pub batch_id: String,
    /// The package id.
    pub package_id: String,
    /// The package file's SHA-256.
    pub sha256: String,
    /// The formal review's verdict.
    pub verdict: Verdict,
    /// The facts.
    pub facts: FactsDto,
    /// Every rule applied, in the order of docs/formats.md §2.
    pub rules: Vec<RuleDto>,
    /// The documents listed.
    pub documents: Vec<DocumentDto>,
    /// Evaluations: the task book's targets against what was achieved.
    pub targets: Vec<crate::chair::TargetDto>,
    /// Evaluations: each year's annual report, filed or not.
    pub annual_reports: Vec<crate::chair::AnnualReportDto>,
    /// Evaluations: 第十二条 on the expert committee, as advice beside the
    /// facts (not part of the formal review; `rules::committee_advice`).
    pub committee_advice: Vec<RuleDto>,
}

/// The formal review as the store keeps it (core's `FormalReview`, JSON).
#[derive(Deserialize)]
struct StoredReview {
    rules: Vec<RuleDto>,
}

/// The package of this batch with its facts, formal review and documents.
pub fn detail(store: &Store, batch_id: &str, package_id: &str) -> Result<PackageDetail> {
    let p = crate::access::package(store, Some(batch_id), package_id)?;
    let review: StoredReview = serde_json::from_value(p.formal_review.clone()).map_err(|e| {
        ApiError::unusable(
            ErrorCode::CorruptRow,
            format!("材料包 {} 的形式审查记录无法读取。请重新导入该评审批次", p.package_id),
            format!("the formal review of package {} cannot be read: {e}. Import its batch again", p.package_id),
        )
    })?;
    let m = &p.manifest;
    Ok(PackageDetail {
        batch_id: p.batch_id.clone(),
        package_id: p.package_id.clone(),
        sha256: p.sha256.clone(),
        verdict: parse_verdict(&p.verdict, &p.package_id)?,
        facts: facts(m),
        rules: review.rules,
        documents: m
            .documents
            .iter()
            .map(|d| DocumentDto {
                path: d.path.clone(),
                title: d.title.clone(),
                kind: serde_json::to_value(d.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                kind_label: d.kind.label(),
                sha256: d.sha256.clone(),
                shown: paneldesk_core::package::shown::Shown::of(&d.path),
            })
            .collect(),
        targets: if m.kind.is_evaluation() { crate::chair::process::targets_dto(m) } else { Vec::new() },
        annual_reports: if m.kind.is_evaluation() { crate::chair::process::reports_dto(m) } else { Vec::new() },
        committee_advice: if m.kind.is_evaluation() {
            paneldesk_core::rules::committee_advice(m).into_iter().map(RuleDto::from).collect()
        } else {
            Vec::new()
        },
    })
}

fn facts(m: &Manifest) -> FactsDto {
    let external = m.expert_committee.iter().filter(|c| c.unit == MemberUnit::External).count();
    FactsDto {
        center_name: m.center.name.clone(),
        field: m.center.field.clone(),
        kind: m.kind,
        kind_label: m.kind.label(),
        submitted_at: m.submitted_at.to_rfc3339(),
        software_industry: m.center.software_industry,
        strategic_priority: m.center.strategic_priority,
        competent_department: m.center.competent_department.clone(),
        lead_unit: unit(&m.lead_unit),
        co_builders: m.co_builders.iter().map(unit).collect(),
        lead_share_percent: m.lead_share_percent.to_string(),
        rd_space_m2: m.facilities.rd_space_m2.to_string(),
        equipment_value_wan: m.facilities.equipment_value_wan.to_string(),
        pilot_capability: m.facilities.pilot_capability,
        director_name: m.team.director.name.clone(),
        director_title: m.team.director.title.clone(),
        director_senior_title: m.team.director.senior_title,
        full_time_rd_staff: m.team.full_time_rd_staff,
        committee_size: count(m.expert_committee.len()),
        committee_external: count(external),
    }
}

fn unit(u: &Unit) -> UnitDto {
    let sum = |f: fn(&FinanceYear) -> Dec| {
        Dec::checked_sum(u.finance.iter().map(f)).map(|d| d.to_string()).unwrap_or_default()
    };
    UnitDto {
        name: u.name.clone(),
        credit_code: u.credit_code.clone(),
        kind_label: u.kind.label(),
        in_liaocheng: u.in_liaocheng,
        independent_legal_person: u.independent_legal_person,
        high_tech_enterprise: u.high_tech_enterprise,
        tech_based_enterprise: u.tech_based_enterprise,
        finance: u
            .finance
            .iter()
            .map(|f| FinanceDto {
                year: f.year,
                rd_expense_wan: f.rd_expense_wan.to_string(),
                revenue_wan: f.revenue_wan.to_string(),
            })
            .collect(),
        rd_total_wan: sum(|f| f.rd_expense_wan),
        revenue_total_wan: sum(|f| f.revenue_wan),
        conversion_cases_3y: u.conversion_cases_3y,
    }
}
