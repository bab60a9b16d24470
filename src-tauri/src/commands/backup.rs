//! 备份数据 and 导出全部已签署意见: the whole data folder as one encrypted
//! file, and a batch's signed reviews as one ZIP for the chair; each saved
//! where the save dialog opened here says. And the audit check the window
//! runs at start.

use paneldesk_api::backup::saved::{self, BackupSaved, RestoreStaged, SignedExported};
use paneldesk_api::Result;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use crate::state::AppState;

/// The data folder, encrypted under the signing passphrase; None when the
/// save dialog was cancelled.
#[tauri::command]
pub async fn backup_data<R: Runtime>(app: AppHandle<R>, passphrase: String) -> Result<Option<BackupSaved>> {
    let passphrase = Zeroizing::new(passphrase);
    let name = saved::backup_file_name();
    let Some(out) = super::save_target(&app, &name, "PanelDesk", &["pdbak"]).await? else { return Ok(None) };
    super::blocking(move || saved::backup_to(&*app.state::<AppState>().store()?, &out, passphrase).map(Some)).await
}

/// The backup file 从备份恢复 reads, in place of the open dialog, when
/// whoever started the app set it (the WebDriver tests).
pub const ENV_RESTORE_FILE: &str = "PANELDESK_RESTORE_FILE";

/// A `.pdbak` chosen with the native open dialog (or PANELDESK_RESTORE_FILE);
/// None when the dialog was cancelled.
#[tauri::command]
pub async fn pick_backup<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>> {
    if let Some(file) = super::env_dir(ENV_RESTORE_FILE) {
        return Ok(Some(file.display().to_string()));
    }
    let dialog = app.dialog().file().add_filter("PanelDesk (.pdbak)", &["pdbak"]);
    let picked = super::blocking(move || Ok(dialog.blocking_pick_file())).await?;
    Ok(picked.and_then(|f| f.into_path().ok()).map(|p| p.display().to_string()))
}

/// 从备份恢复 on a fresh folder: the backup at `path` (pick_backup's)
/// restored beside the data folder; it takes the folder's place when the
/// app next starts (`restart_app`).
#[tauri::command]
pub async fn restore_backup<R: Runtime>(app: AppHandle<R>, path: String, passphrase: String) -> Result<RestoreStaged> {
    let passphrase = Zeroizing::new(passphrase);
    super::blocking(move || {
        saved::restore_from(&*app.state::<AppState>().store()?, std::path::Path::new(&path), passphrase)
    })
    .await
}

/// Starts the app again (after 从备份恢复, to swap the restored folder in).
#[tauri::command]
pub fn restart_app<R: Runtime>(app: AppHandle<R>) {
    app.restart();
}

/// The audit log, its reconciliation and the anchors in signed files,
/// checked off the main thread at start; the error says what was found.
#[tauri::command]
pub async fn check_audit<R: Runtime>(app: AppHandle<R>) -> Result<()> {
    super::blocking(move || paneldesk_api::audit::check(&*app.state::<AppState>().store()?)).await
}

/// Every signed review of the batch in one ZIP that the chair's import
/// takes as it is; refused before the dialog when none is signed.
#[tauri::command]
pub async fn export_signed<R: Runtime>(app: AppHandle<R>, batch_id: String) -> Result<Option<SignedExported>> {
    let handle = app.clone();
    let id = batch_id.clone();
    super::blocking(move || saved::check_exportable(&*handle.state::<AppState>().store()?, &id)).await?;
    let name = format!("{batch_id}-已签署评审意见.zip");
    let Some(out) = super::save_target(&app, &name, "ZIP", &["zip"]).await? else { return Ok(None) };
    super::blocking(move || saved::export_signed_to(&*app.state::<AppState>().store()?, &batch_id, &out).map(Some))
        .await
}
