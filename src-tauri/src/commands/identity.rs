//! The expert's signing identity and drawn signature, from the profile
//! page. Passphrases arrive once per call, are wiped from this side's memory
//! when the call ends (Zeroizing) and are never logged or stored.

use paneldesk_api::identity::{self, IdentityStatus, SignatureSaved};
use paneldesk_api::Result;
use tauri::ipc::Response;
use tauri::State;
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

/// A CA-issued .p12/.pfx the expert picked with the open dialog.
#[tauri::command]
pub async fn import_identity(state: State<'_, AppState>, path: String, passphrase: String) -> Result<IdentityStatus> {
    let passphrase = Zeroizing::new(passphrase);
    let bytes = identity::read_p12(std::path::Path::new(&path))?;
    identity::import(&mut *state.store()?, &bytes, &passphrase)
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
