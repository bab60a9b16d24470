//! One package: its facts, formal review and documents.

use tauri::State;

use crate::dto::PackageDetail;
use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
pub fn package_detail(state: State<'_, AppState>, batch_id: String, package_id: String) -> AppResult<PackageDetail> {
    let store = state.store()?;
    let p = super::package_of(&store, &batch_id, &package_id)?;
    crate::facts::detail(&p)
}
