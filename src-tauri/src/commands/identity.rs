//! The expert's signing identity and drawn signature, from the profile
//! page. Passphrases arrive once per call, are wiped from this side's memory
//! when the call ends (Zeroizing) and are never logged or stored.

use paneldesk_api::identity::{self, Status, MAX_P12_BYTES, MIN_PASSPHRASE_CHARS};
use paneldesk_api::signing::SigningError;
use tauri::ipc::Response;
use tauri::State;
use zeroize::Zeroizing;

use crate::dto_signing::{IdentityStatus, SignatureSaved};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

impl From<SigningError> for AppError {
    fn from(e: SigningError) -> AppError {
        AppError::from_msg(e.code, e.message)
    }
}

fn dto(s: Status) -> IdentityStatus {
    IdentityStatus {
        has_key: s.has_key,
        subject: s.subject,
        self_signed: s.issuer_is_subject,
        fingerprint: s.certificate_sha256.as_deref().map(fingerprint),
        not_before: s.not_before,
        not_after: s.not_after,
        has_signature_image: s.has_signature_image,
        min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
    }
}

/// `ab12…` → `AB:12:…`, the way certificate viewers print it, so the
/// expert can compare it with what the chair reads out.
pub fn fingerprint(sha256_hex: &str) -> String {
    let upper = sha256_hex.to_ascii_uppercase();
    let pairs: Vec<&str> = (0..upper.len() / 2).filter_map(|i| upper.get(2 * i..2 * i + 2)).collect();
    pairs.join(":")
}

#[tauri::command]
pub fn identity_status(state: State<'_, AppState>) -> AppResult<IdentityStatus> {
    let store = state.store()?;
    Ok(dto(identity::status(&store)?))
}

/// A new key and self-signed certificate for the saved profile. The UI asks
/// for the passphrase twice; both come here so the rule is checked once.
#[tauri::command]
pub async fn create_identity(
    state: State<'_, AppState>,
    passphrase: String,
    confirm: String,
) -> AppResult<IdentityStatus> {
    let (passphrase, confirm) = (Zeroizing::new(passphrase), Zeroizing::new(confirm));
    if *passphrase != *confirm {
        return Err(AppError::new(
            "passphrase-mismatch",
            "两次输入的签名口令不一致。请重新输入",
            "the two passphrases differ. Enter them again",
        ));
    }
    let mut store = state.store()?;
    Ok(dto(identity::create(&mut store, &passphrase)?))
}

/// A CA-issued .p12/.pfx the expert picked with the open dialog.
#[tauri::command]
pub async fn import_identity(
    state: State<'_, AppState>,
    path: String,
    passphrase: String,
) -> AppResult<IdentityStatus> {
    let passphrase = Zeroizing::new(passphrase);
    let unreadable = |e: &dyn std::fmt::Display| {
        AppError::new(
            "p12-unreadable",
            format!("无法读取证书文件 {path}：{e}。请重新选择 .p12 或 .pfx 文件"),
            format!("cannot read the certificate file {path}: {e}. Choose a .p12 or .pfx file again"),
        )
    };
    let meta = std::fs::metadata(&path).map_err(|e| unreadable(&e))?;
    if !meta.is_file() || meta.len() > MAX_P12_BYTES as u64 {
        return Err(unreadable(&format!("not a file of at most {} KB", MAX_P12_BYTES / 1024)));
    }
    let bytes = Zeroizing::new(std::fs::read(&path).map_err(|e| unreadable(&e))?);
    let mut store = state.store()?;
    Ok(dto(identity::import(&mut store, &bytes, &passphrase)?))
}

/// Keeps the drawn signature (PNG from the pad's canvas), replacing any
/// earlier one; the store checks that it is a small, decodable PNG.
#[tauri::command]
pub fn set_signature(state: State<'_, AppState>, png: Vec<u8>) -> AppResult<SignatureSaved> {
    let mut store = state.store()?;
    let s = store.set_signature_png(&png)?;
    Ok(SignatureSaved { sha256: s.sha256, width: s.width, height: s.height, saved_at: s.saved_at })
}

/// The drawn signature's PNG bytes, for the page to show it back.
#[tauri::command]
pub fn get_signature(state: State<'_, AppState>) -> AppResult<Response> {
    let store = state.store()?;
    let s = store.signature_png()?.ok_or_else(|| {
        AppError::new(
            "no-signature",
            "尚未绘制手写签名。请在“专家信息”页面绘制并保存",
            "no handwritten signature yet. Draw and save one in the profile page",
        )
    })?;
    Ok(Response::new(s.png))
}
