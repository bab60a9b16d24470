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

/// Opens a listed document for `read_document_range`: read and checked
/// once, held in memory (paneldesk_api::documents::HeldDocuments).
#[tauri::command]
pub async fn open_document<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    path: String,
) -> Result<documents::OpenedDocument> {
    let located = documents::locate(&*app.state::<AppState>().store()?, &batch_id, &package_id, &path)?;
    super::blocking(move || app.state::<AppState>().documents.open(&located)).await
}

/// Bytes `begin..end` of a document opened with `open_document` (pdf.js
/// asks for the parts the pages it draws need).
#[tauri::command]
pub async fn read_document_range<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    path: String,
    begin: u32,
    end: u32,
) -> Result<Response> {
    let located = documents::locate(&*app.state::<AppState>().store()?, &batch_id, &package_id, &path)?;
    let bytes = super::blocking(move || app.state::<AppState>().documents.range(&located, begin, end)).await?;
    Ok(Response::new(bytes))
}

/// The bytes of each span of a document opened with `open_document`, one
/// after another: the parts `OpenedDocument::ahead` names, in one call.
#[tauri::command]
pub async fn read_document_ranges<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    path: String,
    spans: Vec<documents::ByteSpan>,
) -> Result<Response> {
    let located = documents::locate(&*app.state::<AppState>().store()?, &batch_id, &package_id, &path)?;
    let bytes = super::blocking(move || app.state::<AppState>().documents.ranges(&located, &spans)).await?;
    Ok(Response::new(bytes))
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
