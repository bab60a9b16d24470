//! The chair's drafts, the signed 专家组意见 and the exports (ranking.pdf,
//! .xlsx, .csv and the signed opinions into a chosen folder).

use std::collections::BTreeMap;
use std::path::PathBuf;

use paneldesk_api::chair::{self, Draft};
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use zeroize::Zeroizing;

use super::chair::{package, stopped, view};
use super::chair_dto::*;
// The same override the expert's export honours (WebDriver cannot drive a GTK dialog).
use super::signing::ENV_EXPORT_DIR;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Saves the panel opinion (None: keep the experts' draft) and the reasons.
#[tauri::command]
pub fn chair_save_draft(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    opinion: Option<String>,
    flag_reasons: BTreeMap<String, String>,
) -> AppResult<ChairPackage> {
    let mut store = state.store()?;
    let (v, _) = view(&store, &batch_id)?;
    chair::matrix(&v.panel, &package_id, &v.visible)?;
    chair::save_draft(&mut store, &v.panel, &package_id, opinion, flag_reasons)?;
    package(&store, &batch_id, &package_id)
}

/// Signs the package's 专家组意见 with the saved draft; refused with the
/// reason while a flag has none.
#[tauri::command]
pub async fn chair_sign<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    passphrase: String,
) -> AppResult<ChairSigned> {
    let passphrase = Zeroizing::new(passphrase);
    tauri::async_runtime::spawn_blocking(move || -> AppResult<ChairSigned> {
        let state = app.state::<AppState>();
        let mut store = state.store()?;
        let (v, me) = view(&store, &batch_id)?;
        chair::matrix(&v.panel, &package_id, &v.visible)?;
        let r = v.panel.result(&package_id)?;
        let draft = Draft::load(&store, &v.panel, &package_id)?;
        let reasons = chair::reasons_in_order(r, &draft.flag_reasons);
        chair::ready_to_sign(r, &reasons)?;
        if passphrase.is_empty() {
            return Err(AppError::new("passphrase-empty", "请输入签名口令", "enter your signing passphrase"));
        }
        let identity = chair::unlock_chair(&store, &passphrase)?;
        let who = chair::chair_of(&me, &identity);
        let now = chrono::Local::now().fixed_offset();
        let signed =
            chair::sign_package(&mut store, &v.panel, &package_id, &draft.opinion, &reasons, &identity, &who, now)?;
        Ok(ChairSigned { package_id: signed.package_id, pdf_sha256: signed.pdf_sha256 })
    })
    .await
    .map_err(stopped)?
}

/// Writes ranking.pdf / .xlsx / .csv and the signed 专家组意见 into a folder
/// chosen with the native dialog (or PANELDESK_EXPORT_DIR).
#[tauri::command]
pub async fn chair_export<R: Runtime>(app: AppHandle<R>, batch_id: String) -> AppResult<ChairExport> {
    {
        let state = app.state::<AppState>();
        let store = state.store()?;
        chair::chair_batch(&store, &batch_id)?;
    }
    let folder = match std::env::var_os(ENV_EXPORT_DIR).filter(|v| !v.is_empty()).map(PathBuf::from) {
        Some(dir) => Some(dir),
        None => {
            let dialog = app.dialog().file();
            let picked =
                tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder()).await.map_err(stopped)?;
            picked.and_then(|p| p.into_path().ok())
        }
    };
    let Some(folder) = folder else { return Ok(ChairExport { folder: None, files: Vec::new() }) };
    tauri::async_runtime::spawn_blocking(move || -> AppResult<ChairExport> {
        let state = app.state::<AppState>();
        let store = state.store()?;
        let (v, _) = view(&store, &batch_id)?;
        if let Some((id, _)) = v.visible.iter().find(|(_, seen)| !**seen) {
            return Err(AppError::new(
                "read-phase",
                format!("您本人对材料包 {id} 的评审意见尚未签署；签署全部本人评审意见后才能导出排名"),
                format!("your own review of package {id} is not signed yet; sign all your reviews before exporting the ranking"),
            ));
        }
        let now = chrono::Local::now().fixed_offset();
        let done = chair::export(&store, &v.panel, &folder, now)?;
        Ok(ChairExport { folder: Some(folder.to_string_lossy().into_owned()), files: done.files })
    })
    .await
    .map_err(stopped)?
}
