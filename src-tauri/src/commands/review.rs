//! The expert's desk review of one package: the conflict-of-interest
//! question first, then the score sheet (paneldesk_api::review).

use paneldesk_api::review::{self, SaveResult, SheetInput, SheetView};
use paneldesk_api::Result;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn get_sheet(state: State<'_, AppState>, batch_id: String, package_id: String) -> Result<SheetView> {
    review::get_sheet(&*state.store()?, &batch_id, &package_id)
}

#[tauri::command]
pub fn declare_conflict(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    declared: bool,
    statement: String,
) -> Result<SheetView> {
    review::declare_conflict(&mut *state.store()?, &batch_id, &package_id, declared, &statement)
}

#[tauri::command]
pub fn save_sheet(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    sheet: SheetInput,
) -> Result<SaveResult> {
    review::save_sheet(&mut *state.store()?, &batch_id, &package_id, &sheet)
}

/// 复议: reopens the signed desk review as a new draft (paneldesk_api::review::reopen).
#[tauri::command]
pub fn reopen_review(state: State<'_, AppState>, batch_id: String, package_id: String) -> Result<SheetView> {
    review::reopen(&mut *state.store()?, &batch_id, &package_id)
}
