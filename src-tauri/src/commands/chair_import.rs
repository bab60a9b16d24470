//! The chair's import: review PDFs given as files or folders (drag-and-drop)
//! or chosen with the native dialog, verified in parallel with progress
//! events; the report lists every rejection with its reason.

use std::path::PathBuf;

use paneldesk_api::chair::{self, ChairImportReport, UnconfirmedCertificate};
use paneldesk_api::Result;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

pub const IMPORT_PROGRESS_EVENT: &str = "chair-import-progress";
/// A folder standing in for the dialog (the WebDriver tests): "choose a
/// folder" gives the folder, "choose files" gives each file in it, so a ZIP
/// there is read as the ZIP of reviews it is.
pub const ENV_IMPORT_DIR: &str = "PANELDESK_IMPORT_DIR";

/// Imports review PDFs: files, and the regular files of any folder given.
#[tauri::command]
pub async fn chair_import<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    paths: Vec<String>,
) -> Result<ChairImportReport> {
    super::blocking(move || import(&app, &batch_id, paths.into_iter().map(PathBuf::from).collect())).await
}

/// Pins the certificates the chair compared and confirmed; the reviews
/// they signed count once imported again.
#[tauri::command]
pub async fn chair_confirm_certificates<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    confirmed: Vec<UnconfirmedCertificate>,
) -> Result<Vec<String>> {
    super::blocking(move || chair::confirm_certificates(&mut *app.state::<AppState>().store()?, &batch_id, &confirmed))
        .await
}

/// Review files (PDFs, or the ZIP `export-signed` writes) or a folder chosen
/// with the native dialog (or PANELDESK_IMPORT_DIR), then imported; None
/// when the dialog was cancelled.
#[tauri::command]
pub async fn chair_import_dialog<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    folder: bool,
) -> Result<Option<ChairImportReport>> {
    chair::require_chair(&*app.state::<AppState>().store()?, &batch_id)?;
    let paths: Vec<PathBuf> = match super::env_dir(ENV_IMPORT_DIR) {
        Some(dir) if folder => vec![dir],
        Some(dir) => chair::files_in_folder(&dir)?,
        None => {
            let dialog = app.dialog().file();
            let picked = super::blocking(move || {
                Ok(if folder {
                    dialog.blocking_pick_folder().map(|f| vec![f])
                } else {
                    dialog.add_filter("PDF / ZIP", &["pdf", "zip"]).blocking_pick_files()
                })
            })
            .await?;
            picked.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok()).collect()
        }
    };
    if paths.is_empty() {
        return Ok(None);
    }
    super::blocking(move || import(&app, &batch_id, paths)).await.map(Some)
}

fn import<R: Runtime>(app: &AppHandle<R>, batch_id: &str, paths: Vec<PathBuf>) -> Result<ChairImportReport> {
    let state = app.state::<AppState>();
    let mut store = state.store()?;
    // A window that is gone cannot show progress; the import goes on.
    chair::import_paths(&mut store, batch_id, &paths, &|p| drop(app.emit(IMPORT_PROGRESS_EVENT, p)))
}
