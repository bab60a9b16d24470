//! The expert's signing identity and drawn signature, from the profile
//! page. Passphrases arrive once per call, are wiped from this side's memory
//! when the call ends (Zeroizing) and are never logged or stored.

use paneldesk_api::identity::{self, IdentityStatus, SignatureSaved};
use paneldesk_api::{data, Result};
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, Runtime, State};
use zeroize::Zeroizing;

use crate::state::AppState;

#[tauri::command]
pub fn identity_status(state: State<'_, AppState>) -> Result<IdentityStatus> {
    identity::status(&*state.store()?)
}

/// A new key and self-signed certificate for the saved profile. The UI asks
/// for the passphrase twice; both come here so the rule is checked once.
#[tauri::command]
pub async fn create_identity(
    state: State<'_, AppState>,
    passphrase: String,
    confirm: String,
) -> Result<IdentityStatus> {
    let (passphrase, confirm) = (Zeroizing::new(passphrase), Zeroizing::new(confirm));
    identity::confirm(&passphrase, &confirm)?;
    identity::create(&mut *state.store()?, None, &passphrase)
}

/// A CA-issued .p12/.pfx the expert picked with the open dialog; a new
/// passphrase (typed twice) when the file's own is too short to keep it.
#[tauri::command]
pub async fn import_identity(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
    new_passphrase: Option<String>,
    new_confirm: Option<String>,
) -> Result<IdentityStatus> {
    let passphrase = Zeroizing::new(passphrase);
    let (new, again) = (new_passphrase.map(Zeroizing::new), new_confirm.map(Zeroizing::new));
    if let Some(n) = &new {
        identity::confirm(n, again.as_deref().map_or("", |a| a.as_str()))?;
    }
    let bytes = identity::read_p12(std::path::Path::new(&path))?;
    identity::import(&mut *state.store()?, &bytes, &passphrase, new.as_deref().map(|n| n.as_str()))
}

/// Keeps the drawn signature (PNG from the pad's canvas).
#[tauri::command]
pub fn set_signature(state: State<'_, AppState>, png: Vec<u8>) -> Result<SignatureSaved> {
    identity::set_signature(&mut *state.store()?, &png)
}

/// The drawn signature's PNG bytes, for the page to show it back.
#[tauri::command]
pub fn get_signature(state: State<'_, AppState>) -> Result<Response> {
    Ok(Response::new(identity::signature(&*state.store()?)?))
}

/// Saves this folder's certificate (PEM) where the expert chooses, for the
/// bureau's roster (formats.md §6, enrolment); the path, or None when the
/// dialog was cancelled. PANELDESK_EXPORT_DIR skips the dialog (tests).
#[tauri::command]
pub async fn export_certificate<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>> {
    let handle = app.clone();
    let (pem, name) = super::blocking(move || {
        let state = handle.state::<AppState>();
        let store = state.store()?;
        let pem = identity::export_cert(&store)?;
        let id = paneldesk_api::profile::require(&store)?.expert_id;
        Ok((pem, format!("{id}.pem")))
    })
    .await?;
    let target = super::save_target(&app, &name, "PEM", &["pem"]).await?;
    let Some(path) = target else { return Ok(None) };
    let written = path.clone();
    super::blocking(move || data::write_file(&written, pem.as_bytes())).await?;
    Ok(Some(path.to_string_lossy().into_owned()))
}
