//! The chair's screens: the batch overview, a package's matrix, "explain
//! this score", the tie-break, drafts, signing one package, the exports.
//! Only the batch's chair gets through, and the read phase is enforced here
//! for the window and the CLI alike, never in the UI.

use std::collections::BTreeMap;
use std::path::Path;

use paneldesk_core::aggregate::Flag;
use paneldesk_core::consensus_doc::signing_blockers;
use paneldesk_core::sheet::Phase;
use paneldesk_core::Dec;
use paneldesk_store::identity::Profile;

use super::types::*;
use super::{ApiError, Draft, ErrorCode, Panel, Result, Seat};
use crate::batches::count;
use crate::data::Store;

/// The batch's consolidation and what this chair (or deputy) may see of it.
struct View {
    panel: Panel,
    visible: BTreeMap<String, bool>,
    seat: Seat,
}

/// The deputy (formats.md §7) sees and signs only the packages the chair
/// declared a conflict on; the rest are the chair's, shown set apart.
fn view(store: &Store, batch_id: &str) -> Result<(View, Profile)> {
    let (batch, me, seat) = super::presiding(store, batch_id)?;
    let mut panel = super::consolidate_batch(store, &batch)?;
    let mut visible = super::visible_packages(store, &batch, &me)?;
    if seat == Seat::Deputy {
        let recused = super::recused(store, &batch)?;
        for r in panel.results.iter_mut().filter(|r| !recused.contains(&r.package_id)) {
            visible.insert(r.package_id.clone(), false);
            super::panel::hide(
                r,
                paneldesk_core::Msg::new(
                    "由组长汇总并签署；副组长只主持组长声明回避的材料包",
                    "the chair consolidates and signs this package; the deputy presides only where the chair declared a conflict",
                ),
            );
        }
    }
    Ok((View { panel, visible, seat }, me))
}

/// The batches this profile chairs or deputises for (the window shows the
/// chair's tab then).
pub fn chaired_batches(store: &Store) -> Result<Vec<String>> {
    let Some(me) = store.profile()? else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for b in store.list_batches()? {
        if let Some(batch) = store.batch(&b.id)? {
            let seat = |m: Option<&paneldesk_core::batch::PanelMember>| m.is_some_and(|m| m.expert_id == me.expert_id);
            if seat(batch.chair()) || seat(batch.deputy()) {
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

/// Every package of the batch with what this chair may see of it.
pub fn overview(store: &Store, batch_id: &str) -> Result<ChairOverview> {
    let (v, _) = view(store, batch_id)?;
    let signatures = store.consensus_signatures(batch_id)?;
    let received = store.received(batch_id)?;
    let counting = received.iter().filter(|r| r.counts).count();
    let roster = &v.panel.batch.panel;
    let mut packages = Vec::new();
    for r in &v.panel.results {
        // Who has answered for this package at the desk: a review or a
        // declared conflict, both arrive as a counted signed file.
        let answered = |id: &str| {
            v.panel
                .accepted
                .iter()
                .any(|c| c.doc.package_id == r.package_id && c.doc.phase == Phase::Desk && c.doc.expert.expert_id == id)
        };
        let missing: Vec<MemberRefDto> = roster
            .iter()
            .filter(|m| !answered(&m.expert_id))
            .map(|m| MemberRefDto { expert_id: m.expert_id.clone(), name: m.name.clone() })
            .collect();
        let visible = v.visible.get(&r.package_id).copied().unwrap_or(false);
        let manifest = v.panel.manifests.get(&r.package_id);
        let draft = store.chair_draft(batch_id, &r.package_id)?;
        let reasons = super::reasons_in_order(r, &draft.flag_reasons);
        let shown = |s: Option<String>| if visible { s } else { None };
        packages.push(OverviewRow {
            package_id: r.package_id.clone(),
            center_name: manifest.map(|m| m.center.name.clone()).unwrap_or_default(),
            lead_unit: manifest.map(|m| m.lead_unit.name.clone()).unwrap_or_default(),
            verdict: r.verdict,
            verdict_label: r.verdict.label(),
            visible,
            experts: count(r.reviews.len()),
            expected: count(roster.len()),
            missing,
            method: if visible { r.total.as_ref().map(|t| t.method) } else { None },
            aggregate: shown(r.total.as_ref().map(|t| t.value.to_string())),
            recommendation: shown(r.recommendation.clone()),
            grade: shown(r.grade.clone()),
            rank: if visible { r.rank } else { None },
            set_apart: r.set_apart.clone(),
            flags: if visible { count(r.flags.len()) } else { 0 },
            flags_without_reason: if visible {
                count(reasons.iter().filter(|s| s.trim().is_empty()).count())
            } else {
                0
            },
            signed_at: signatures.get(&r.package_id).map(|s| s.signed_at.clone()),
        });
    }
    let leniency = super::leniency(&v.panel, &v.visible)
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
        kind: v.panel.batch.kind,
        criteria: criteria(&v.panel),
        tie_break: v.panel.tie_break.clone(),
        submitted: count(packages.iter().map(|p| roster.len() - p.missing.len()).sum::<usize>()),
        expected: count(packages.len() * roster.len()),
        packages,
        counting: count(counting),
        superseded: count(received.len() - counting),
        leniency,
        deputy: v.seat == Seat::Deputy,
    })
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

fn flag_parts(f: &Flag) -> (FlagKind, Option<String>, Option<String>) {
    match f {
        Flag::CriterionSpread { criterion, .. } => (FlagKind::CriterionSpread, Some(criterion.clone()), None),
        Flag::TotalOutlier { expert_id, .. } => (FlagKind::TotalOutlier, None, Some(expert_id.clone())),
    }
}

/// A package's matrix, flags, drafts and charts; refused in the read phase.
pub fn package(store: &Store, batch_id: &str, package_id: &str) -> Result<ChairPackage> {
    let (v, _) = view(store, batch_id)?;
    let m = super::matrix(&v.panel, package_id, &v.visible)?;
    let r = v.panel.result(package_id)?;
    let draft = Draft::load(store, &v.panel, package_id)?;
    let reasons = super::reasons_in_order(r, &draft.flag_reasons);
    let rubric = &v.panel.batch.rubric;
    let flags = m
        .flags
        .iter()
        .zip(&reasons)
        .map(|(f, reason)| {
            let (kind, criterion, expert_id) = flag_parts(&f.flag);
            FlagDto { key: f.key.clone(), kind, criterion, expert_id, detail: f.detail.clone(), reason: reason.clone() }
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
        method: m.total.as_ref().map(|t| t.method),
        aggregate: m.total.as_ref().map(|t| t.value.to_string()),
        recommendation: r.recommendation.clone(),
        grade: r.grade.clone(),
        rank: r.rank,
        set_apart: r.set_apart.clone(),
        flags,
        opinion: draft.opinion,
        opinion_edited: draft.edited,
        draft_saved_at: draft.saved_at,
        blockers: signing_blockers(r, &reasons),
        cannot_sign: super::sign::cannot_sign(store, &v.panel.batch, r)?,
        signed_at: signatures.get(package_id).map(|s| s.signed_at.clone()),
        radar,
        boxes,
        process: super::process::of(&v.panel, package_id),
    })
}

/// A site-visit photo of the package, out of the signed review that carries
/// it; hidden in the read phase like the rest of others' work.
pub fn photo(store: &Store, batch_id: &str, package_id: &str, sha256: &str) -> Result<Vec<u8>> {
    let (v, _) = view(store, batch_id)?;
    super::access::require_visible(&v.visible, package_id)?;
    super::photos::read(store, &v.panel, package_id, sha256)
}

/// The exact computation of a package's total (`target` "total") or of a
/// criterion's aggregate, from core's record of it.
pub fn explanation(store: &Store, batch_id: &str, package_id: &str, target: &str) -> Result<ExplanationDto> {
    let (v, _) = view(store, batch_id)?;
    let e = super::explain(&v.panel, package_id, target, &v.visible)?;
    Ok(ExplanationDto {
        target: e.target,
        method: e.method,
        rubric_method: e.rubric_method,
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
        steps: e.steps,
    })
}

/// Saves the panel opinion (None: keep the experts' draft) and the flags'
/// reasons; refused in the read phase.
pub fn save_draft(
    store: &mut Store,
    batch_id: &str,
    package_id: &str,
    opinion: Option<String>,
    flag_reasons: BTreeMap<String, String>,
) -> Result<ChairPackage> {
    let (v, _) = view(store, batch_id)?;
    super::matrix(&v.panel, package_id, &v.visible)?;
    super::save_draft(store, &v.panel, package_id, opinion, flag_reasons)?;
    package(store, batch_id, package_id)
}

/// Signs the package's 专家组意见 with the saved draft; refused with the
/// reason while a flag has none.
pub fn sign(store: &mut Store, batch_id: &str, package_id: &str, passphrase: &str) -> Result<ChairSigned> {
    let (v, me) = view(store, batch_id)?;
    super::matrix(&v.panel, package_id, &v.visible)?;
    let r = v.panel.result(package_id)?;
    let draft = Draft::load(store, &v.panel, package_id)?;
    let reasons = super::reasons_in_order(r, &draft.flag_reasons);
    super::ready_to_sign(r, &reasons)?;
    if passphrase.is_empty() {
        return Err(ApiError::refused(ErrorCode::PassphraseEmpty, "请输入签名口令", "enter your signing passphrase"));
    }
    super::require_roster_key(store, &v.panel.batch)?;
    let identity = super::unlock_chair(store, passphrase)?;
    let mut who = super::chair_of(&me, &identity);
    if v.seat == Seat::Deputy {
        who.role = Some("deputy".to_string());
    }
    let now = chrono::Local::now().fixed_offset();
    let signed = super::sign_package(store, &v.panel, package_id, &draft.opinion, &reasons, &identity, &who, now)?;
    tracing::info!(package = %signed.package_id, sha256 = %signed.pdf_sha256, "专家组意见 signed");
    Ok(ChairSigned { package_id: signed.package_id, pdf_sha256: signed.pdf_sha256 })
}

/// Refused unless `batch_id` is a batch this profile chairs or deputises
/// for (before a dialog is opened for it).
pub fn require_chair(store: &Store, batch_id: &str) -> Result<()> {
    super::presiding(store, batch_id).map(|_| ())
}

/// Writes ranking.pdf (signed with the chair's key) / .xlsx / .csv and the
/// signed 专家组意见 into `folder`; refused while the read phase hides any
/// package from the chair.
pub fn export_to(store: &Store, batch_id: &str, folder: &Path, passphrase: &str) -> Result<ChairExport> {
    let (v, _) = view(store, batch_id)?;
    if v.seat == Seat::Deputy {
        // The ranking is the chair's: the deputy hands over the signed
        // 专家组意见 of the packages they presided over, nothing else.
        let done = super::export(store, &v.panel, folder, chrono::Local::now().fixed_offset(), None)?;
        return Ok(ChairExport {
            folder: Some(folder.to_string_lossy().into_owned()),
            files: done.files,
            replaced: done.replaced,
        });
    }
    if let Some((id, _)) = v.visible.iter().find(|(_, seen)| !**seen) {
        return Err(ApiError::refused(
            ErrorCode::ReadPhase,
            format!("您本人对材料包 {id} 的评审意见尚未签署；签署全部本人评审意见后才能导出排名"),
            format!(
                "your own review of package {id} is not signed yet; sign all your reviews before exporting the ranking"
            ),
        ));
    }
    if passphrase.is_empty() {
        return Err(ApiError::refused(ErrorCode::PassphraseEmpty, "请输入签名口令", "enter your signing passphrase"));
    }
    super::require_roster_key(store, &v.panel.batch)?;
    let identity = super::unlock_chair(store, passphrase)?;
    let now = chrono::Local::now().fixed_offset();
    let done = super::export(store, &v.panel, folder, now, Some(&identity))?;
    Ok(ChairExport { folder: Some(folder.to_string_lossy().into_owned()), files: done.files, replaced: done.replaced })
}
