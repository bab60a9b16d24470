//! The chair's import: review PDFs given as files or folders (drag-and-drop)
//! or chosen with the native dialog, verified in parallel with progress
//! events; the report lists every rejection with its reason.

use std::path::PathBuf;

use paneldesk_api::chair;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use super::chair::{count, stopped};
use super::chair_dto::*;
use crate::error::AppResult;
use crate::state::AppState;

pub const IMPORT_PROGRESS_EVENT: &str = "chair-import-progress";
/// A folder of reviews to import instead of asking (the WebDriver tests).
pub const ENV_IMPORT_DIR: &str = "PANELDESK_IMPORT_DIR";

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
