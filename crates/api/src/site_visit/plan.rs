//! What an expert checks on a site visit (现场考察): the rubric's checklist,
//! then the package's own claims (研发用房 m², 设备原值 万元, 专职研发人员 人,
//! 中试能力, each co-build agreement). The window's site-visit tab lists these
//! items, and the signed 现场考察意见表 names them the same way.

use paneldesk_core::batch::Batch;
use paneldesk_core::manifest::{DocKind, Manifest};
use paneldesk_core::rubric::ChecklistItem;
use paneldesk_core::sheet::{SiteItem, SiteVerdict, SiteVisit};
use paneldesk_core::Msg;
use serde::{Deserialize, Serialize};

/// The rubric's checklist, then the package's claims.
pub fn items(batch: &Batch, m: &Manifest) -> Vec<SiteItemPlan> {
    let mut out: Vec<SiteItemPlan> = batch
        .rubric
        .site_visit_checklist
        .iter()
        .map(|c| SiteItemPlan { id: c.id.clone(), title: Msg::new(c.title.clone(), c.title.clone()), claim: None })
        .collect();
    let f = &m.facilities;
    let claim = |id: &str, zh: &str, en: &str, czh: String, cen: String| SiteItemPlan {
        id: id.to_string(),
        title: Msg::new(zh, en),
        claim: Some(Msg::new(czh, cen)),
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

/// The batch as the 现场考察意见表 is rendered from it: the rubric's checklist
/// followed by the package's claims, titled with what was claimed
/// ("研发用房面积（申报 420 m²）"), so the form lists every item by name —
/// those not assessed as 未核查 — rather than by id.
pub fn batch_for_form(batch: &Batch, m: &Manifest) -> Batch {
    let mut out = batch.clone();
    let listed = &batch.rubric.site_visit_checklist;
    let extra = items(batch, m).into_iter().filter(|i| !listed.iter().any(|c| c.id == i.id)).map(|i| {
        let title = match i.claim {
            Some(c) => format!("{}（{}）", i.title.zh, c.zh),
            None => i.title.zh,
        };
        ChecklistItem { id: i.id, title }
    });
    out.rubric.site_visit_checklist.extend(extra);
    out
}

/// One thing to check on site, as the form lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SiteItemPlan {
    /// The checklist id, or `claim-…` for the package's own claims.
    pub id: String,
    /// What to check.
    pub title: Msg,
    /// What the package claims, to be seen on site (e.g. "1200 m²").
    pub claim: Option<Msg>,
}

/// An item as the expert fills it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SiteItemInput {
    /// The item's id.
    pub id: String,
    /// None until assessed.
    pub verdict: Option<SiteVerdict>,
    /// What was seen.
    pub note: String,
}

/// An item that was not found as claimed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct Discrepancy {
    /// The item's id.
    pub id: String,
    /// What was checked.
    pub title: Msg,
    /// What the package claims.
    pub claim: Option<Msg>,
    /// Partly or fails.
    pub verdict: SiteVerdict,
    /// What was seen.
    pub note: String,
}

/// The form's items to store: only assessed ones, only known ids.
pub(crate) fn to_items(plan: &[SiteItemPlan], input: &[SiteItemInput]) -> Vec<SiteItem> {
    plan.iter()
        .filter_map(|p| {
            let i = input.iter().find(|i| i.id == p.id)?;
            Some(SiteItem { id: p.id.clone(), verdict: i.verdict?, note: i.note.clone() })
        })
        .collect()
}

/// Stored items back into form fields, in plan order.
pub(crate) fn to_inputs(plan: &[SiteItemPlan], visit: Option<&SiteVisit>) -> Vec<SiteItemInput> {
    plan.iter()
        .map(|p| {
            let found = visit.and_then(|v| v.items.iter().find(|i| i.id == p.id));
            SiteItemInput {
                id: p.id.clone(),
                verdict: found.map(|i| i.verdict),
                note: found.map(|i| i.note.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// Items found partly or not as claimed, in plan order, and how many are
/// not assessed yet.
pub(crate) fn discrepancies(plan: &[SiteItemPlan], items: &[SiteItem]) -> (Vec<Discrepancy>, u32) {
    let mut out = Vec::new();
    let mut unassessed = 0u32;
    for p in plan {
        match items.iter().find(|i| i.id == p.id) {
            None => unassessed += 1,
            Some(i) if i.verdict != SiteVerdict::Meets => out.push(Discrepancy {
                id: p.id.clone(),
                title: p.title.clone(),
                claim: p.claim.clone(),
                verdict: i.verdict,
                note: i.note.clone(),
            }),
            Some(_) => {}
        }
    }
    (out, unassessed)
}
