//! Site visit (现场考察): the checklist and findings, and its photos
//! (paneldesk_api::site_visit).

use std::path::PathBuf;

use paneldesk_api::site_visit::{self, PhotoDto, SiteVisitInput, SiteVisitView};
use paneldesk_api::Result;
use tauri::ipc::Response;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn get_site_visit(state: State<'_, AppState>, batch_id: String, package_id: String) -> Result<SiteVisitView> {
    site_visit::get(&*state.store()?, &batch_id, &package_id)
}

#[tauri::command]
pub fn save_site_visit(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    visit: SiteVisitInput,
) -> Result<SiteVisitView> {
    site_visit::save(&mut *state.store()?, &batch_id, &package_id, &visit)
}

/// Copies a photo into the data folder, without holding the store.
#[tauri::command]
pub async fn add_photo(state: State<'_, AppState>, path: String) -> Result<PhotoDto> {
    let dir = site_visit::photos_dir(&*state.store()?);
    super::blocking(move || site_visit::add_photo(&dir, &PathBuf::from(path))).await
}

#[tauri::command]
pub fn read_photo(state: State<'_, AppState>, sha256: String) -> Result<Response> {
    let dir = site_visit::photos_dir(&*state.store()?);
    Ok(Response::new(site_visit::read_photo(&dir, &sha256)?))
}
