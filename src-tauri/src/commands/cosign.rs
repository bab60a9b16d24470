//! 专家组成员签字 in the window: open the chair's signed 专家组意见, see it
//! verified and read it, co-sign it. Whether the member may is decided in
//! paneldesk_api::cosign, as for `paneldesk-cli consensus cosign`.
//!
//! The file comes from the native dialog opened here (or PANELDESK_COSIGN_FILE
//! when whoever started the app set it: the WebDriver tests); the co-signed
//! copy goes where the member chooses (or into PANELDESK_EXPORT_DIR).

use std::path::{Path, PathBuf};

use paneldesk_api::cosign::{self, CosignView};
use paneldesk_api::{data, verify, ApiError, ErrorCode, Result};
use paneldesk_core::consensus_doc::CONSENSUS_FORMAT;
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use crate::state::AppState;

/// A 专家组意见 to open without asking (tests).
pub const ENV_COSIGN_FILE: &str = "PANELDESK_COSIGN_FILE";

/// Picks a 专家组意见 and verifies it; None when the dialog was cancelled.
#[tauri::command]
pub async fn cosign_open<R: Runtime>(app: AppHandle<R>) -> Result<Option<CosignView>> {
    let path = match super::env_dir(ENV_COSIGN_FILE) {
        Some(file) => Some(file),
        None => {
            let dialog = app.dialog().file().add_filter("PDF", &["pdf"]);
            let picked = super::blocking(move || Ok(dialog.blocking_pick_file())).await?;
            picked.and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = path else { return Ok(None) };
    super::blocking(move || inspect(&app, &path).map(Some)).await
}

/// The chosen file's bytes, for pdf.js: only a file that is a 专家组意见
/// (tic-consensus/1), so the web view cannot read other files through it.
#[tauri::command]
pub async fn cosign_pdf(path: String) -> Result<Response> {
    let bytes = super::blocking(move || {
        let bytes = data::read_file(Path::new(&path), verify::MAX_PDF_BYTES, "PDF")?;
        let is_consensus = verify::bytes_of(&bytes)?.kind.as_deref() == Some(CONSENSUS_FORMAT);
        if !is_consensus {
            return Err(ApiError::refused(
                ErrorCode::NotValid,
                "这不是专家组意见（tic-consensus/1）文件。请选择组长签署的专家组意见 PDF",
                "this is not a panel opinion (tic-consensus/1). Choose the chair's signed panel opinion PDF",
            ));
        }
        Ok(bytes)
    })
    .await?;
    Ok(Response::new(bytes))
}

/// Co-signs the file and saves the signed copy; the view of the copy, or
/// None when the save dialog was cancelled (nothing is kept then).
#[tauri::command]
pub async fn cosign_sign<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    passphrase: String,
) -> Result<Option<CosignView>> {
    let passphrase = Zeroizing::new(passphrase);
    let handle = app.clone();
    let source = PathBuf::from(&path);
    let done = super::blocking(move || {
        let bytes = data::read_file(&source, verify::MAX_PDF_BYTES, "PDF")?;
        cosign::cosign(&*handle.state::<AppState>().store()?, &bytes, || Ok(passphrase))
    })
    .await?;
    let name = format!("{}-专家组意见-{}会签.pdf", done.package_id, done.expert_id);
    let target = super::save_target(&app, &name, "PDF", &["pdf"]).await?;
    let Some(target) = target else { return Ok(None) };
    super::blocking(move || {
        data::write_file(&target, &done.bytes)?;
        inspect(&app, &target).map(Some)
    })
    .await
}

fn inspect<R: Runtime>(app: &AppHandle<R>, path: &Path) -> Result<CosignView> {
    let bytes = data::read_file(path, verify::MAX_PDF_BYTES, "PDF")?;
    let state = app.state::<AppState>();
    let store = state.store()?;
    let inspected = cosign::inspect(&store, &bytes)?;
    Ok(inspected.view(path))
}
