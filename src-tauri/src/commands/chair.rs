//! The chair's views: the batch overview, a package's matrix, "explain this
//! score" and the tie-break (importing is in chair_import.rs; drafts,
//! signing and exports in chair_sign.rs). Only the batch's chair gets
//! through, and the read phase is enforced in paneldesk_api::chair.

use paneldesk_api::chair::{self, ChairOverview, ChairPackage, ExplanationDto};
use paneldesk_api::Result;
use tauri::ipc::Response;
use tauri::State;

use crate::state::AppState;

/// The batches this profile chairs (the window shows the chair's tab then).
#[tauri::command]
pub fn chair_batches(state: State<'_, AppState>) -> Result<Vec<String>> {
    chair::chaired_batches(&*state.store()?)
}

#[tauri::command]
pub fn chair_overview(state: State<'_, AppState>, batch_id: String) -> Result<ChairOverview> {
    chair::overview(&*state.store()?, &batch_id)
}

#[tauri::command]
pub fn chair_package(state: State<'_, AppState>, batch_id: String, package_id: String) -> Result<ChairPackage> {
    chair::package(&*state.store()?, &batch_id, &package_id)
}

/// A site-visit photo's JPEG bytes, out of the signed review carrying it.
#[tauri::command]
pub fn chair_photo(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    sha256: String,
) -> Result<Response> {
    Ok(Response::new(chair::photo(&*state.store()?, &batch_id, &package_id, &sha256)?))
}

#[tauri::command]
pub fn chair_explain(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    target: String,
) -> Result<ExplanationDto> {
    chair::explanation(&*state.store()?, &batch_id, &package_id, &target)
}
