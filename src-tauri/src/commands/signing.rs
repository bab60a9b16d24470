//! 预览 and 签署并导出 for the package view: the review rendered unsigned
//! for pdf.js, and the signed PDF written where the expert chooses. What
//! may be signed is decided in paneldesk_api::signing.
//!
//! Where the file goes is decided on this side only: the native save dialog
//! (opened from Rust, so the webview cannot name a path and have the app
//! write it silently), or PANELDESK_EXPORT_DIR when whoever started the app
//! set it (the WebDriver tests, which cannot drive a GTK dialog).

use paneldesk_api::signing::{self, ExportResult, Request};
use paneldesk_api::{data, Result};
use paneldesk_core::sheet::Phase;
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, Runtime};
use zeroize::Zeroizing;

use crate::state::AppState;

/// A folder to write signed PDFs into without asking (tests, kiosks).
pub const ENV_EXPORT_DIR: &str = "PANELDESK_EXPORT_DIR";

/// The latest sheet of the phase (desk by default) as the form will look,
/// marked 预览 · 未签署 on every page.
#[tauri::command]
pub async fn preview_review<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    phase: Option<Phase>,
) -> Result<Response> {
    let bytes = super::blocking(move || {
        let req = Request {
            package_id: &package_id,
            batch_id: Some(&batch_id),
            phase: phase.unwrap_or_default(),
            revision_reason: None,
        };
        signing::preview(&*app.state::<AppState>().store()?, req)
    })
    .await?;
    Ok(Response::new(bytes))
}

/// Signs the latest sheet (unless it is signed already: then the same file
/// again, no passphrase needed) and saves it where the expert chooses.
#[tauri::command]
pub async fn sign_and_export<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    phase: Option<Phase>,
    passphrase: String,
    revision_reason: Option<String>,
) -> Result<ExportResult> {
    let passphrase = Zeroizing::new(passphrase);
    let handle = app.clone();
    let signed = super::blocking(move || {
        let req = Request {
            package_id: &package_id,
            batch_id: Some(&batch_id),
            phase: phase.unwrap_or_default(),
            revision_reason: revision_reason.as_deref(),
        };
        signing::sign(&mut *handle.state::<AppState>().store()?, req, || Ok(passphrase))
    })
    .await?;
    let name = signing::file_name(&signed.package_id, &signed.expert_id, signed.phase);
    let target = super::save_target(&app, &name, "PDF", &["pdf"]).await?;
    let bytes = u32::try_from(signed.bytes.len()).unwrap_or(u32::MAX);
    let (again, certificate_warning) = (signed.again, signed.certificate_warning.clone());
    let Some(path) = target else { return Ok(ExportResult { path: None, again, bytes, certificate_warning }) };
    let written = path.clone();
    super::blocking(move || data::write_file(&written, &signed.bytes)).await?;
    Ok(ExportResult { path: Some(path.to_string_lossy().into_owned()), again, bytes, certificate_warning })
}
