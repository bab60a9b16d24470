//! What to check on a site visit, and what was found different: the
//! rubric's checklist plus the package's own claims (研发用房 m², 设备原值
//! 万元, 专职研发人员 人, 中试能力, each co-build agreement).

use paneldesk_core::manifest::{DocKind, Manifest};
use paneldesk_core::rubric::Rubric;
use paneldesk_core::sheet::{SiteItem, SiteVerdict, SiteVisit};

use crate::dto::Text;
use crate::dto_site::{Discrepancy, SiteItemInput, SiteItemPlan};

fn text(zh: String, en: String) -> Text {
    Text { zh, en }
}

pub fn items(rubric: &Rubric, m: &Manifest) -> Vec<SiteItemPlan> {
    let mut out: Vec<SiteItemPlan> = rubric
        .site_visit_checklist
        .iter()
        .map(|c| SiteItemPlan { id: c.id.clone(), title: text(c.title.clone(), c.title.clone()), claim: None })
        .collect();
    let f = &m.facilities;
    let claim = |id: &str, zh: &str, en: &str, czh: String, cen: String| SiteItemPlan {
        id: id.to_string(),
        title: text(zh.into(), en.into()),
        claim: Some(text(czh, cen)),
    };
    out.push(claim(
        "claim-rd-space",
        "研发用房面积",
        "R&D floor space",
        format!("申报 {} m²", f.rd_space_m2),
        format!("claimed {} m²", f.rd_space_m2),
    ));
    out.push(claim(
        "claim-equipment",
        "仪器设备原值",
        "Equipment original value",
        format!("申报 {} 万元", f.equipment_value_wan),
        format!("claimed {} × 10,000 CNY", f.equipment_value_wan),
    ));
    out.push(claim(
        "claim-staff",
        "专职研发人员",
        "Full-time R&D staff",
        format!("申报 {} 人", m.team.full_time_rd_staff),
        format!("claimed {} people", m.team.full_time_rd_staff),
    ));
    let (pzh, pen) = if f.pilot_capability { ("申报具备", "claimed") } else { ("申报不具备", "not claimed") };
    out.push(claim("claim-pilot", "中试或产业化能力", "Pilot capability", pzh.into(), pen.into()));
    let agreements = m.documents.iter().filter(|d| d.kind == DocKind::CobuildAgreement);
    for (i, d) in agreements.enumerate() {
        out.push(claim(
            &format!("claim-agreement-{}", i + 1),
            "共建协议落实情况",
            "Co-build agreement in practice",
            d.title.clone(),
            d.title.clone(),
        ));
    }
    out
}

pub fn verdict_str(v: SiteVerdict) -> &'static str {
    match v {
        SiteVerdict::Meets => "meets",
        SiteVerdict::Partly => "partly",
        SiteVerdict::Fails => "fails",
    }
}

fn parse_verdict(s: &str) -> Option<SiteVerdict> {
    match s {
        "meets" => Some(SiteVerdict::Meets),
        "partly" => Some(SiteVerdict::Partly),
        "fails" => Some(SiteVerdict::Fails),
        _ => None,
    }
}

/// The form's items to store: only assessed ones, only known ids.
pub fn to_items(plan: &[SiteItemPlan], input: &[SiteItemInput]) -> Vec<SiteItem> {
    plan.iter()
        .filter_map(|p| {
            let i = input.iter().find(|i| i.id == p.id)?;
            Some(SiteItem { id: p.id.clone(), verdict: parse_verdict(&i.verdict)?, note: i.note.clone() })
        })
        .collect()
}

pub fn to_inputs(plan: &[SiteItemPlan], visit: Option<&SiteVisit>) -> Vec<SiteItemInput> {
    plan.iter()
        .map(|p| {
            let found = visit.and_then(|v| v.items.iter().find(|i| i.id == p.id));
            SiteItemInput {
                id: p.id.clone(),
                verdict: found.map(|i| verdict_str(i.verdict).to_string()).unwrap_or_default(),
                note: found.map(|i| i.note.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// Items found partly or not as claimed, in checklist order, and how many
/// are not assessed yet.
pub fn discrepancies(plan: &[SiteItemPlan], items: &[SiteItem]) -> (Vec<Discrepancy>, u32) {
    let mut out = Vec::new();
    let mut unassessed = 0u32;
    for p in plan {
        match items.iter().find(|i| i.id == p.id) {
            None => unassessed += 1,
            Some(i) if i.verdict != SiteVerdict::Meets => out.push(Discrepancy {
                id: p.id.clone(),
                title: p.title.clone(),
                claim: p.claim.clone(),
                verdict: verdict_str(i.verdict).to_string(),
                note: i.note.clone(),
            }),
            Some(_) => {}
        }
    }
    (out, unassessed)
}
