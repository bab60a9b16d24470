//! Opening a batch file (with progress events) and listing what is open.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use paneldesk_api::batches::{self, BatchDto, ImportOptions, OpenedBatch, PackageRowDto};
use paneldesk_api::issuer::{self, IssuerDto, Trust};
use paneldesk_api::Result;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::state::AppState;

pub const PROGRESS_EVENT: &str = "batch-progress";

/// Checks and imports the batch off the main thread (hashing a large batch
/// takes seconds), reporting each package as a `batch-progress` event. A
/// new organiser is trusted only with the fingerprint the user confirmed.
#[tauri::command]
pub async fn open_batch<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    trust_organizer: Option<String>,
) -> Result<OpenedBatch> {
    super::blocking(move || {
        let state = app.state::<AppState>();
        // A 取消 meant for an earlier import does not stop this one.
        state.import_cancel.store(false, Ordering::Relaxed);
        let mut store = state.store()?;
        let trust = trust_organizer.as_deref().map_or(Trust::PinnedOnly, Trust::Confirmed);
        let options = ImportOptions { trust, require_signed: false, cancel: Some(&state.import_cancel) };
        // A window that is gone cannot show progress; the import goes on.
        batches::import(&mut store, &PathBuf::from(path), options, |p| drop(app.emit(PROGRESS_EVENT, p)))
    })
    .await
}

/// 取消 on the import's progress bar: the running import stops at its next
/// read, with `import-cancelled`, and records nothing.
#[tauri::command]
pub fn cancel_import(state: State<'_, AppState>) {
    state.import_cancel.store(true, Ordering::Relaxed);
}

/// Who issued a batch file and whether they are trusted yet, read before
/// the import so a new organiser's fingerprint can be confirmed.
#[tauri::command]
pub async fn inspect_batch<R: Runtime>(app: AppHandle<R>, path: String) -> Result<IssuerDto> {
    super::blocking(move || issuer::inspect(&*app.state::<AppState>().store()?, &PathBuf::from(path))).await
}

/// The batch named by `--open` / `PANELDESK_OPEN`, once; the window opens it
/// (with its progress bar) after the profile is set.
#[tauri::command]
pub fn take_open_request(state: State<'_, AppState>) -> Option<String> {
    state.take_open_request().map(|p| p.to_string_lossy().into_owned())
}

#[tauri::command]
pub fn list_batches(state: State<'_, AppState>) -> Result<Vec<BatchDto>> {
    batches::list(&*state.store()?)
}

#[tauri::command]
pub fn list_packages(state: State<'_, AppState>, batch_id: String) -> Result<Vec<PackageRowDto>> {
    batches::packages(&*state.store()?, &batch_id)
}
