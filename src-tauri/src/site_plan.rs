//! What to check on a site visit, and what was found different: the
//! rubric's checklist plus the package's own claims (研发用房 m², 设备原值
//! 万元, 专职研发人员 人, 中试能力, each co-build agreement).

use paneldesk_api::site_checklist;
use paneldesk_core::batch::Batch;
use paneldesk_core::manifest::Manifest;
use paneldesk_core::sheet::{SiteItem, SiteVerdict, SiteVisit};

use crate::dto::Text;
use crate::dto_site::{Discrepancy, SiteItemInput, SiteItemPlan};

/// The items from paneldesk-api, which also names them on the signed form.
pub fn items(batch: &Batch, m: &Manifest) -> Vec<SiteItemPlan> {
    site_checklist::items(batch, m)
        .into_iter()
        .map(|i| SiteItemPlan { id: i.id, title: Text::from(i.title), claim: i.claim.map(Text::from) })
        .collect()
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
