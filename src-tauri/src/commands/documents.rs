//! One package (facts, formal review, documents) and a document's bytes for
//! the in-app viewer: only a document the manifest lists, checked against
//! its SHA-256 (paneldesk_api::documents).

use paneldesk_api::documents::{self, PackageDetail};
use paneldesk_api::Result;
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::state::AppState;

#[tauri::command]
pub fn package_detail(state: State<'_, AppState>, batch_id: String, package_id: String) -> Result<PackageDetail> {
    documents::detail(&*state.store()?, &batch_id, &package_id)
}

/// The store is held only to find the document; it is read and hashed after.
#[tauri::command]
pub async fn read_document<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    path: String,
) -> Result<Response> {
    let located = documents::locate(&*app.state::<AppState>().store()?, &batch_id, &package_id, &path)?;
    Ok(Response::new(super::blocking(move || located.load()).await?))
}

/// A listed `.xlsx` document as read-only tables (every sheet).
#[tauri::command]
pub async fn read_table<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    path: String,
) -> Result<Vec<documents::SheetTableDto>> {
    let located = documents::locate(&*app.state::<AppState>().store()?, &batch_id, &package_id, &path)?;
    super::blocking(move || documents::tables(&located)).await
}
