//! The window's commands: each parses its arguments, calls one
//! paneldesk_api function and hands back its result or its `ApiError`.
//! They live in a module, not at the crate root, because
//! `#[tauri::command]` at the root clashes with its own generated macros.

pub mod batches;
pub mod chair;
pub mod chair_import;
pub mod chair_sign;
pub mod cosign;
pub mod documents;
pub mod identity;
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
