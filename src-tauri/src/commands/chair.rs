//! The chair's commands: import reviews (files, folders, drag-and-drop;
//! progress events), the batch overview, a package's matrix, "explain this
//! score", drafts, signing the 专家组意见 and exporting the ranking. Thin
//! adapters over paneldesk_api::chair; only the batch's chair gets through,
//! and the read phase is enforced here, not in the UI.

use std::collections::BTreeMap;
use std::path::PathBuf;

use paneldesk_api::chair::{self, ChairError, Draft, Panel};
use paneldesk_core::aggregate::Flag;
use paneldesk_core::consensus_doc::signing_blockers;
use paneldesk_core::Dec;
use paneldesk_store::identity::Profile;
use paneldesk_store::Store;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use super::chair_dto::*;
use crate::dto::Text;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const IMPORT_PROGRESS_EVENT: &str = "chair-import-progress";
/// The same override the expert's export honours (WebDriver cannot drive a GTK dialog).
pub const ENV_EXPORT_DIR: &str = "PANELDESK_EXPORT_DIR";
/// A folder of reviews to import instead of asking (the WebDriver tests).
pub const ENV_IMPORT_DIR: &str = "PANELDESK_IMPORT_DIR";

impl From<ChairError> for AppError {
    fn from(e: ChairError) -> AppError {
        AppError::from_msg(e.code, e.message)
    }
}

fn stopped(e: impl std::fmt::Display) -> AppError {
    AppError::new("internal", format!("任务中断：{e}。请重试"), format!("the task stopped: {e}. Retry"))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The batch's consolidation and what this chair may see of it.
struct View {
    panel: Panel,
    visible: BTreeMap<String, bool>,
}

fn view(store: &Store, batch_id: &str) -> AppResult<(View, Profile)> {
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

/// Imports review PDFs: files, and the regular files of any folder given.
#[tauri::command]
pub async fn chair_import<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    paths: Vec<String>,
) -> AppResult<ChairImportReport> {
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || import(&handle, &batch_id, &paths)).await.map_err(stopped)?
}

/// Review files or a folder chosen with the native dialog (or the folder in
/// PANELDESK_IMPORT_DIR, for tests that cannot drive a GTK dialog), then
/// imported; None when the dialog was cancelled.
#[tauri::command]
pub async fn chair_import_dialog<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    folder: bool,
) -> AppResult<Option<ChairImportReport>> {
    {
        let state = app.state::<AppState>();
        let store = state.store()?;
        chair::chair_batch(&store, &batch_id)?;
    }
    let paths: Vec<String> = match std::env::var_os(ENV_IMPORT_DIR).filter(|v| !v.is_empty()) {
        Some(dir) => vec![PathBuf::from(dir).to_string_lossy().into_owned()],
        None => {
            let dialog = app.dialog().file();
            let picked = tauri::async_runtime::spawn_blocking(move || {
                if folder {
                    dialog.blocking_pick_folder().map(|f| vec![f])
                } else {
                    dialog.add_filter("PDF", &["pdf"]).blocking_pick_files()
                }
            })
            .await
            .map_err(stopped)?;
            picked
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .map(|p| p.to_string_lossy().into_owned())
                .collect()
        }
    };
    if paths.is_empty() {
        return Ok(None);
    }
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || import(&handle, &batch_id, &paths)).await.map_err(stopped)?.map(Some)
}

fn import<R: Runtime>(app: &AppHandle<R>, batch_id: &str, paths: &[String]) -> AppResult<ChairImportReport> {
    let mut files = Vec::new();
    for p in paths {
        let path = PathBuf::from(p);
        if path.is_dir() {
            files.extend(chair::files_in_folder(&path)?);
        } else {
            files.push(path);
        }
    }
    let state = app.state::<AppState>();
    let mut store = state.store()?;
    let (batch, _) = chair::chair_batch(&store, batch_id)?;
    let report = chair::import_files(&mut store, &batch, &files, &|p| {
        // A window that is gone cannot show progress; the import goes on.
        let _ = app.emit(IMPORT_PROGRESS_EVENT, ChairImportProgress { done: count(p.done), total: count(p.total) });
    })?;
    Ok(ChairImportReport {
        files: count(files.len()),
        accepted: report.accepted,
        superseded: report.superseded,
        duplicates: report.duplicates,
        already_imported: report.already_imported,
        rejected: report.rejected.into_iter().map(|r| RejectionDto { file: r.file, reason: r.reason.into() }).collect(),
        pinned: report.new_pins.into_keys().collect(),
    })
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

fn package(store: &Store, batch_id: &str, package_id: &str) -> AppResult<ChairPackage> {
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

/// Saves the panel opinion (None: keep the experts' draft) and the reasons.
#[tauri::command]
pub fn chair_save_draft(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    opinion: Option<String>,
    flag_reasons: BTreeMap<String, String>,
) -> AppResult<ChairPackage> {
    let mut store = state.store()?;
    let (v, _) = view(&store, &batch_id)?;
    chair::matrix(&v.panel, &package_id, &v.visible)?;
    chair::save_draft(&mut store, &v.panel, &package_id, opinion, flag_reasons)?;
    package(&store, &batch_id, &package_id)
}

/// Signs the package's 专家组意见 with the saved draft; refused with the
/// reason while a flag has none.
#[tauri::command]
pub async fn chair_sign<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    passphrase: String,
) -> AppResult<ChairSigned> {
    let passphrase = Zeroizing::new(passphrase);
    tauri::async_runtime::spawn_blocking(move || -> AppResult<ChairSigned> {
        let state = app.state::<AppState>();
        let mut store = state.store()?;
        let (v, me) = view(&store, &batch_id)?;
        chair::matrix(&v.panel, &package_id, &v.visible)?;
        let r = v.panel.result(&package_id)?;
        let draft = Draft::load(&store, &v.panel, &package_id)?;
        let reasons = chair::reasons_in_order(r, &draft.flag_reasons);
        let blockers = signing_blockers(r, &reasons);
        if !blockers.is_empty() {
            let zh: Vec<&str> = blockers.iter().map(|m| m.zh.as_str()).collect();
            let en: Vec<&str> = blockers.iter().map(|m| m.en.as_str()).collect();
            return Err(AppError::new(
                "cannot-sign",
                format!("还不能签署：{}。请先为每个分歧提示填写理由", zh.join("；")),
                format!("cannot sign yet: {}. Give a reason for each flag first", en.join("; ")),
            ));
        }
        if passphrase.is_empty() {
            return Err(AppError::new("passphrase-empty", "请输入签名口令", "enter your signing passphrase"));
        }
        let identity = chair::unlock_chair(&store, &passphrase)?;
        let who = chair::chair_of(&me, &identity);
        let now = chrono::Local::now().fixed_offset();
        let signed =
            chair::sign_package(&mut store, &v.panel, &package_id, &draft.opinion, &reasons, &identity, &who, now)?;
        Ok(ChairSigned { package_id: signed.package_id, pdf_sha256: signed.pdf_sha256 })
    })
    .await
    .map_err(stopped)?
}

/// Writes ranking.pdf / .xlsx / .csv and the signed 专家组意见 into a folder
/// chosen with the native dialog (or PANELDESK_EXPORT_DIR).
#[tauri::command]
pub async fn chair_export<R: Runtime>(app: AppHandle<R>, batch_id: String) -> AppResult<ChairExport> {
    {
        let state = app.state::<AppState>();
        let store = state.store()?;
        chair::chair_batch(&store, &batch_id)?;
    }
    let folder = match std::env::var_os(ENV_EXPORT_DIR).filter(|v| !v.is_empty()).map(PathBuf::from) {
        Some(dir) => Some(dir),
        None => {
            let dialog = app.dialog().file();
            let picked =
                tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder()).await.map_err(stopped)?;
            picked.and_then(|p| p.into_path().ok())
        }
    };
    let Some(folder) = folder else { return Ok(ChairExport { folder: None, files: Vec::new() }) };
    tauri::async_runtime::spawn_blocking(move || -> AppResult<ChairExport> {
        let state = app.state::<AppState>();
        let store = state.store()?;
        let (v, _) = view(&store, &batch_id)?;
        if let Some((id, _)) = v.visible.iter().find(|(_, seen)| !**seen) {
            return Err(AppError::new(
                "read-phase",
                format!("您本人对材料包 {id} 的评审意见尚未签署；签署全部本人评审意见后才能导出排名"),
                format!("your own review of package {id} is not signed yet; sign all your reviews before exporting the ranking"),
            ));
        }
        let now = chrono::Local::now().fixed_offset();
        let done = chair::export(&store, &v.panel, &folder, now)?;
        Ok(ChairExport { folder: Some(folder.to_string_lossy().into_owned()), files: done.files })
    })
    .await
    .map_err(stopped)?
}
