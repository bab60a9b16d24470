//! The chair's views: the batch overview, a package's matrix, "explain this
//! score" and the tie-break; and what every chair command shares (importing
//! is in chair_import.rs, drafts, signing and exports in chair_sign.rs).
//! Thin adapters over paneldesk_api::chair; only the batch's chair gets
//! through, and the read phase is enforced here, not in the UI.

use std::collections::BTreeMap;

use paneldesk_api::chair::{self, ChairError, Draft, Panel};
use paneldesk_core::aggregate::Flag;
use paneldesk_core::consensus_doc::signing_blockers;
use paneldesk_core::Dec;
use paneldesk_store::identity::Profile;
use paneldesk_store::Store;
use tauri::State;

use super::chair_dto::*;
use crate::dto::Text;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

impl From<ChairError> for AppError {
    fn from(e: ChairError) -> AppError {
        AppError::from_msg(e.code, e.message)
    }
}

pub(super) fn stopped(e: impl std::fmt::Display) -> AppError {
    AppError::new("internal", format!("任务中断：{e}。请重试"), format!("the task stopped: {e}. Retry"))
}

pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The batch's consolidation and what this chair may see of it.
pub(super) struct View {
    pub(super) panel: Panel,
    pub(super) visible: BTreeMap<String, bool>,
}

pub(super) fn view(store: &Store, batch_id: &str) -> AppResult<(View, Profile)> {
    let (batch, me) = chair::chair_batch(store, batch_id)?;
    let panel = chair::consolidate_batch(store, &batch)?;
    let visible = chair::visible_packages(store, &batch, &me)?;
    Ok((View { panel, visible }, me))
}

/// The batches this profile chairs (the window shows the chair's tab then).
#[tauri::command]
pub fn chair_batches(state: State<'_, AppState>) -> AppResult<Vec<String>> {
    let store = state.store()?;
    let Some(me) = store.profile()? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for b in store.list_batches()? {
        if let Some(batch) = store.batch(&b.id)? {
            if batch.chair().is_some_and(|c| c.expert_id == me.expert_id) {
                out.push(batch.id);
            }
        }
    }
    Ok(out)
}

fn criteria(panel: &Panel) -> Vec<ChairCriterion> {
    panel
        .batch
        .rubric
        .criteria
        .iter()
        .map(|c| ChairCriterion { id: c.id.clone(), title: c.title.clone(), max: c.max.to_string() })
        .collect()
}

fn signed_offset(d: Dec) -> String {
    if d > 0 {
        format!("+{d}")
    } else {
        d.to_string()
    }
}

#[tauri::command]
pub fn chair_overview(state: State<'_, AppState>, batch_id: String) -> AppResult<ChairOverview> {
    let store = state.store()?;
    overview(&store, &batch_id)
}

fn overview(store: &Store, batch_id: &str) -> AppResult<ChairOverview> {
    let (v, _) = view(store, batch_id)?;
    let signatures = store.consensus_signatures(batch_id)?;
    let received = store.received(batch_id)?;
    let counting = received.iter().filter(|r| r.counts).count();
    let mut packages = Vec::new();
    for r in &v.panel.results {
        let visible = v.visible.get(&r.package_id).copied().unwrap_or(false);
        let manifest = v.panel.manifests.get(&r.package_id);
        let draft = store.chair_draft(batch_id, &r.package_id)?;
        let reasons = chair::reasons_in_order(r, &draft.flag_reasons);
        let shown = |s: Option<String>| if visible { s } else { None };
        packages.push(OverviewRow {
            package_id: r.package_id.clone(),
            center_name: manifest.map(|m| m.center.name.clone()).unwrap_or_default(),
            lead_unit: manifest.map(|m| m.lead_unit.name.clone()).unwrap_or_default(),
            verdict: r.verdict.as_str().to_string(),
            verdict_label: r.verdict.label().into(),
            visible,
            experts: count(r.reviews.len()),
            method: shown(r.total.as_ref().map(|t| t.method.as_str().to_string())),
            aggregate: shown(r.total.as_ref().map(|t| t.value.to_string())),
            recommendation: shown(r.recommendation.clone()),
            grade: shown(r.grade.clone()),
            rank: if visible { r.rank } else { None },
            set_apart: r.set_apart.clone().map(Text::from),
            flags: if visible { count(r.flags.len()) } else { 0 },
            flags_without_reason: if visible {
                count(reasons.iter().filter(|s| s.trim().is_empty()).count())
            } else {
                0
            },
            signed_at: signatures.get(&r.package_id).map(|s| s.signed_at.clone()),
        });
    }
    let leniency = chair::leniency(&v.panel, &v.visible)
        .into_iter()
        .map(|l| LeniencyDto {
            expert_id: l.expert_id,
            name: l.name,
            packages: l.packages,
            mean_offset: signed_offset(l.mean_offset),
        })
        .collect();
    Ok(ChairOverview {
        batch_id: v.panel.batch.id.clone(),
        title: v.panel.batch.title.clone(),
        kind: v.panel.batch.kind.as_str().to_string(),
        criteria: criteria(&v.panel),
        tie_break: v.panel.tie_break.clone(),
        packages,
        counting: count(counting),
        superseded: count(received.len() - counting),
        leniency,
    })
}

/// The chair's choice of tie-break: every criterion once, in order.
#[tauri::command]
pub fn chair_set_tie_break(
    state: State<'_, AppState>,
    batch_id: String,
    order: Vec<String>,
) -> AppResult<ChairOverview> {
    let mut store = state.store()?;
    let (batch, _) = chair::chair_batch(&store, &batch_id)?;
    let mut ids: Vec<&str> = batch.rubric.criteria.iter().map(|c| c.id.as_str()).collect();
    let mut given: Vec<&str> = order.iter().map(String::as_str).collect();
    ids.sort_unstable();
    given.sort_unstable();
    if ids != given {
        return Err(AppError::new(
            "bad-tie-break",
            "并列时的比较顺序必须包含每个评分项且各一次",
            "the tie-break order must name every criterion exactly once",
        ));
    }
    store.set_tie_break(&batch_id, &order)?;
    overview(&store, &batch_id)
}

fn percent(v: Dec, max: Dec) -> f64 {
    if max.to_f64() > 0.0 {
        (v.to_f64() / max.to_f64() * 1000.0).round() / 10.0
    } else {
        0.0
    }
}

/// Quartiles by linear interpolation between closest ranks.
fn boxed(criterion: &str, mut xs: Vec<f64>) -> Option<BoxDto> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let at = p * (xs.len() - 1) as f64;
        let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
        let v = xs[lo] + (xs[hi] - xs[lo]) * (at - lo as f64);
        (v * 10.0).round() / 10.0
    };
    Some(BoxDto {
        criterion: criterion.to_string(),
        min: q(0.0),
        q1: q(0.25),
        median: q(0.5),
        q3: q(0.75),
        max: q(1.0),
    })
}

fn flag_parts(f: &Flag) -> (&'static str, Option<String>, Option<String>) {
    match f {
        Flag::CriterionSpread { criterion, .. } => ("criterion_spread", Some(criterion.clone()), None),
        Flag::TotalOutlier { expert_id, .. } => ("total_outlier", None, Some(expert_id.clone())),
    }
}

/// A package's matrix, flags, drafts and charts; refused in the read phase.
#[tauri::command]
pub fn chair_package(state: State<'_, AppState>, batch_id: String, package_id: String) -> AppResult<ChairPackage> {
    let store = state.store()?;
    package(&store, &batch_id, &package_id)
}

pub(super) fn package(store: &Store, batch_id: &str, package_id: &str) -> AppResult<ChairPackage> {
    let (v, _) = view(store, batch_id)?;
    let m = chair::matrix(&v.panel, package_id, &v.visible)?;
    let r = v.panel.result(package_id)?;
    let draft = Draft::load(store, &v.panel, package_id)?;
    let reasons = chair::reasons_in_order(r, &draft.flag_reasons);
    let rubric = &v.panel.batch.rubric;
    let flags = m
        .flags
        .iter()
        .zip(&reasons)
        .map(|(f, reason)| {
            let (kind, criterion, expert_id) = flag_parts(&f.flag);
            FlagDto {
                key: f.key.clone(),
                kind: kind.to_string(),
                criterion,
                expert_id,
                detail: f.detail.clone().into(),
                reason: reason.clone(),
            }
        })
        .collect();
    let radar =
        rubric.criteria.iter().zip(&m.criteria).map(|(c, a)| a.map(|a| percent(a, c.max)).unwrap_or(0.0)).collect();
    let boxes = rubric
        .criteria
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            boxed(&c.id, m.rows.iter().filter_map(|row| row.scores.get(i)).map(|s| percent(*s, c.max)).collect())
        })
        .collect();
    let signatures = store.consensus_signatures(batch_id)?;
    Ok(ChairPackage {
        package_id: package_id.to_string(),
        center_name: v.panel.manifests.get(package_id).map(|m| m.center.name.clone()).unwrap_or_default(),
        criteria: criteria(&v.panel),
        rows: m
            .rows
            .iter()
            .map(|row| MatrixRowDto {
                expert_id: row.expert_id.clone(),
                name: row.name.clone(),
                scores: row.scores.iter().map(Dec::to_string).collect(),
                total: row.total.to_string(),
                dropped: row.dropped,
                recommendation: row.recommendation.clone(),
                review_sha256: row.review_sha256.clone(),
                file: row.file.clone(),
                leniency: row.leniency.map(signed_offset),
            })
            .collect(),
        criterion_aggregates: m.criteria.iter().map(|a| a.map(|a| a.to_string())).collect(),
        method: m.total.as_ref().map(|t| t.method.as_str().to_string()),
        aggregate: m.total.as_ref().map(|t| t.value.to_string()),
        recommendation: r.recommendation.clone(),
        grade: r.grade.clone(),
        rank: r.rank,
        set_apart: r.set_apart.clone().map(Text::from),
        flags,
        opinion: draft.opinion,
        opinion_edited: draft.edited,
        draft_saved_at: draft.saved_at,
        blockers: signing_blockers(r, &reasons).into_iter().map(Text::from).collect(),
        signed_at: signatures.get(package_id).map(|s| s.signed_at.clone()),
        radar,
        boxes,
    })
}

/// The exact computation of a package's total (`target` "total") or of a
/// criterion's aggregate, from core's record of it.
#[tauri::command]
pub fn chair_explain(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    target: String,
) -> AppResult<ExplanationDto> {
    let store = state.store()?;
    let (v, _) = view(&store, &batch_id)?;
    let e = chair::explain(&v.panel, &package_id, &target, &v.visible)?;
    Ok(ExplanationDto {
        target: e.target,
        method: e.method.as_str().to_string(),
        rubric_method: e.rubric_method.as_str().to_string(),
        trim_min_panel: e.trim_min_panel,
        terms: e
            .terms
            .into_iter()
            .map(|t| TermDto { expert_id: t.expert_id, value: t.value.to_string(), used: t.used })
            .collect(),
        sum: e.sum.to_string(),
        divisor: u32::try_from(e.divisor).unwrap_or(u32::MAX),
        quotient: e.quotient,
        quotient_exact: e.quotient_exact,
        value: e.value.to_string(),
        steps: e.steps.into(),
    })
}
