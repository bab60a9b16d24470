//! The chair's drafts, the signed 专家组意见 and the exports (ranking.pdf,
//! .xlsx, .csv and the signed opinions into a chosen folder).

use std::collections::BTreeMap;

use paneldesk_api::chair::{self, ChairExport, ChairPackage, ChairSigned};
use paneldesk_api::Result;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

// The same override the expert's export honours (WebDriver cannot drive a GTK dialog).
use super::signing::ENV_EXPORT_DIR;
use crate::state::AppState;

/// Saves the panel opinion (None: keep the experts' draft) and the reasons.
#[tauri::command]
pub fn chair_save_draft(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    opinion: Option<String>,
    flag_reasons: BTreeMap<String, String>,
) -> Result<ChairPackage> {
    chair::save_package_draft(&mut *state.store()?, &batch_id, &package_id, opinion, flag_reasons)
}

/// Signs the package's 专家组意见 with the saved draft.
#[tauri::command]
pub async fn chair_sign<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    passphrase: String,
) -> Result<ChairSigned> {
    let passphrase = Zeroizing::new(passphrase);
    super::blocking(move || {
        chair::sign_one(&mut *app.state::<AppState>().store()?, &batch_id, &package_id, &passphrase)
    })
    .await
}

/// Writes the ranking files and the signed 专家组意见 into a folder chosen
/// with the native dialog (or PANELDESK_EXPORT_DIR).
#[tauri::command]
pub async fn chair_export<R: Runtime>(app: AppHandle<R>, batch_id: String, passphrase: String) -> Result<ChairExport> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    chair::require_chair(&*app.state::<AppState>().store()?, &batch_id)?;
    let folder = match super::env_dir(ENV_EXPORT_DIR) {
        Some(dir) => Some(dir),
        None => {
            let dialog = app.dialog().file();
            let picked = super::blocking(move || Ok(dialog.blocking_pick_folder())).await?;
            picked.and_then(|p| p.into_path().ok())
        }
    };
    let Some(folder) = folder else { return Ok(ChairExport { folder: None, files: Vec::new(), replaced: Vec::new() }) };
    super::blocking(move || chair::export_to(&*app.state::<AppState>().store()?, &batch_id, &folder, &passphrase)).await
}
