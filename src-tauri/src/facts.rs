//! A stored package turned into what the window shows: its manifest's facts
//! (figures as exact decimal strings), the formal review and the documents.

use paneldesk_core::manifest::{Manifest, MemberUnit, Unit};
use paneldesk_core::Dec;
use paneldesk_store::batches::StoredPackage;
use serde::Deserialize;

use crate::dto::{DocumentDto, FactsDto, FinanceDto, PackageDetail, RuleDto, Text, UnitDto};
use crate::error::{AppError, AppResult};

/// The formal review as the store keeps it (core's `FormalReview`, JSON).
#[derive(Deserialize)]
struct StoredReview {
    rules: Vec<StoredRule>,
}

#[derive(Deserialize)]
struct StoredRule {
    id: String,
    result: String,
    article: String,
    message: Text,
}

pub fn detail(p: &StoredPackage) -> AppResult<PackageDetail> {
    let review: StoredReview = serde_json::from_value(p.formal_review.clone()).map_err(|e| {
        AppError::new(
            "corrupt-row",
            format!("材料包 {} 的形式审查记录无法读取：{e}。请重新导入该评审批次", p.package_id),
            format!("the formal review of package {} cannot be read: {e}. Import its batch again", p.package_id),
        )
    })?;
    let m = &p.manifest;
    Ok(PackageDetail {
        batch_id: p.batch_id.clone(),
        package_id: p.package_id.clone(),
        sha256: p.sha256.clone(),
        verdict: p.verdict.clone(),
        facts: facts(m),
        rules: review
            .rules
            .into_iter()
            .map(|r| RuleDto { id: r.id, result: r.result, article: r.article, message: r.message })
            .collect(),
        documents: m
            .documents
            .iter()
            .map(|d| DocumentDto {
                path: d.path.clone(),
                title: d.title.clone(),
                kind: serde_json::to_value(d.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                kind_label: d.kind.label().into(),
                sha256: d.sha256.clone(),
            })
            .collect(),
    })
}

fn facts(m: &Manifest) -> FactsDto {
    let external = m.expert_committee.iter().filter(|c| c.unit == MemberUnit::External).count();
    FactsDto {
        center_name: m.center.name.clone(),
        field: m.center.field.clone(),
        kind: m.kind.as_str().to_string(),
        kind_label: m.kind.label().into(),
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
    let sum = |f: fn(&paneldesk_core::manifest::FinanceYear) -> Dec| {
        Dec::checked_sum(u.finance.iter().map(f)).map(|d| d.to_string()).unwrap_or_default()
    };
    UnitDto {
        name: u.name.clone(),
        credit_code: u.credit_code.clone(),
        kind_label: u.kind.label().into(),
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

/// Counts shown to people; a committee of four billion is not a real case.
fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
