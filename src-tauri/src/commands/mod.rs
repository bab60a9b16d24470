//! The window's commands: each parses its arguments, calls one
//! paneldesk_api function and hands back its result or its `ApiError`.
//! They live in a module, not at the crate root, because
//! `#[tauri::command]` at the root clashes with its own generated macros.

pub mod backup;
pub mod batches;
pub mod chair;
pub mod chair_import;
pub mod chair_sign;
pub mod cosign;
pub mod documents;
pub mod identity;
pub mod organizer;
pub mod profile;
pub mod review;
pub mod signing;
pub mod site_visit;

use paneldesk_api::{ApiError, Result};

/// Runs `f` off the main thread (hashing, signing, verifying take a while).
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tauri::async_runtime::spawn_blocking(f).await.map_err(ApiError::stopped)?
}

/// A folder to write into without asking, when whoever started the app set
/// it (the WebDriver tests, which cannot drive a GTK dialog).
pub(crate) fn env_dir(var: &str) -> Option<std::path::PathBuf> {
    std::env::var_os(var).filter(|v| !v.is_empty()).map(std::path::PathBuf::from)
}

/// Where to write an output: the save dialog's choice (its own overwrite
/// confirmation included), or `name` in PANELDESK_EXPORT_DIR when that is
/// set (tests); None when the dialog was cancelled. The path is chosen
/// here, never by the page, so the web view cannot name a file to write.
pub(crate) async fn save_target<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    name: &str,
    filter: &str,
    extensions: &'static [&'static str],
) -> Result<Option<std::path::PathBuf>> {
    use tauri_plugin_dialog::DialogExt;
    if let Some(dir) = env_dir(signing::ENV_EXPORT_DIR).filter(|d| d.is_dir()) {
        return Ok(Some(dir.join(name)));
    }
    let dialog = app.dialog().file().set_file_name(name).add_filter(filter, extensions);
    let picked = blocking(move || Ok(dialog.blocking_save_file())).await?;
    Ok(picked.and_then(|p| p.into_path().ok()))
}
