//! 预览 and 签署并导出 for the package view: the review rendered unsigned
//! for pdf.js, and the signed PDF written where the expert chooses.
//!
//! Where the file goes is decided on this side only: the native save dialog
//! (opened from Rust, so the webview cannot name a path and have the app
//! write it silently), or PANELDESK_EXPORT_DIR when whoever started the app
//! set it (the WebDriver tests, which cannot drive a GTK dialog).

use std::path::{Path, PathBuf};

use paneldesk_api::signing::{self, Request};
use paneldesk_core::sheet::Phase;
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use crate::dto_signing::ExportResult;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A folder to write signed PDFs into without asking (tests, kiosks).
pub const ENV_EXPORT_DIR: &str = "PANELDESK_EXPORT_DIR";

fn phase_of(phase: Option<&str>) -> AppResult<Phase> {
    match phase {
        None => Ok(Phase::Desk),
        Some(p) => Phase::parse(p).ok_or_else(|| {
            AppError::new("bad-phase", format!("评审阶段 “{p}” 无效"), format!("\"{p}\" is not a review phase"))
        }),
    }
}

/// Same checks as the other review commands: the package of this batch,
/// and an expert on its panel.
fn checked<R: Runtime>(app: &AppHandle<R>, batch_id: &str, package_id: &str) -> AppResult<()> {
    let state = app.state::<AppState>();
    let store = state.store()?;
    let me = super::profile_of(&store)?;
    let batch = super::batch_of(&store, batch_id)?;
    super::package_of(&store, batch_id, package_id)?;
    super::require_on_panel(&batch, &me)
}

fn stopped(e: impl std::fmt::Display) -> AppError {
    AppError::new("internal", format!("任务中断：{e}。请重试"), format!("the task stopped: {e}. Retry"))
}

/// The latest sheet as the form will look, marked 预览 · 未签署 on every page.
#[tauri::command]
pub async fn preview_review<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    phase: Option<String>,
) -> AppResult<Response> {
    let phase = phase_of(phase.as_deref())?;
    let bytes = tauri::async_runtime::spawn_blocking(move || -> AppResult<Vec<u8>> {
        checked(&app, &batch_id, &package_id)?;
        let state = app.state::<AppState>();
        let store = state.store()?;
        let req = Request { package_id: &package_id, batch_id: Some(&batch_id), phase };
        Ok(signing::preview(&store, req)?)
    })
    .await
    .map_err(stopped)??;
    Ok(Response::new(bytes))
}

/// Signs the latest sheet (unless it is signed already: then the same file
/// again, no passphrase needed) and saves it where the expert chooses.
#[tauri::command]
pub async fn sign_and_export<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    phase: Option<String>,
    passphrase: String,
) -> AppResult<ExportResult> {
    let passphrase = Zeroizing::new(passphrase);
    let phase = phase_of(phase.as_deref())?;
    let handle = app.clone();
    let signed = tauri::async_runtime::spawn_blocking(move || -> AppResult<signing::Signed> {
        checked(&handle, &batch_id, &package_id)?;
        let state = handle.state::<AppState>();
        let mut store = state.store()?;
        let req = Request { package_id: &package_id, batch_id: Some(&batch_id), phase };
        signing::sign(&mut store, req, || {
            if passphrase.is_empty() {
                return Err(AppError::new("passphrase-empty", "请输入签名口令", "enter your signing passphrase"));
            }
            Ok(passphrase)
        })
    })
    .await
    .map_err(stopped)??;
    let name = file_name(&signed.package_id, &signed.expert_id, phase);
    let target = match export_dir() {
        Some(dir) => Some(dir.join(&name)),
        None => {
            let dialog = app.dialog().file().set_file_name(&name).add_filter("PDF", &["pdf"]);
            let picked =
                tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await.map_err(stopped)?;
            picked.and_then(|p| p.into_path().ok())
        }
    };
    let bytes = u32::try_from(signed.bytes.len()).unwrap_or(u32::MAX);
    let Some(path) = target else {
        return Ok(ExportResult { path: None, again: signed.again, bytes });
    };
    let written = path.clone();
    tauri::async_runtime::spawn_blocking(move || paneldesk_store::files::write_atomically(&written, &signed.bytes))
        .await
        .map_err(stopped)??;
    Ok(ExportResult { path: Some(path.to_string_lossy().into_owned()), again: signed.again, bytes })
}

fn export_dir() -> Option<PathBuf> {
    std::env::var_os(ENV_EXPORT_DIR).filter(|v| !v.is_empty()).map(PathBuf::from).filter(|p| p.is_dir())
}

/// `<package_id>-<expert_id>-专家评审意见表.pdf`, with anything that could
/// act as a path separator or be refused by a file system replaced.
pub fn file_name(package_id: &str, expert_id: &str, phase: Phase) -> String {
    let form = match phase {
        Phase::Desk => "专家评审意见表",
        Phase::SiteVisit => "现场考察意见表",
    };
    let clean = |s: &str| -> String {
        s.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect()
    };
    let name = format!("{}-{}-{form}.pdf", clean(package_id), clean(expert_id));
    if Path::new(&name).file_name().is_some_and(|n| n == name.as_str()) {
        name
    } else {
        format!("{form}.pdf")
    }
}
