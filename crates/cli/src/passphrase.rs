//! The passphrase: from PANELDESK_PASSPHRASE when set, else asked on the
//! terminal without echo. Never from the command line, where `ps` shows it.
//! A second, new passphrase (for a .p12 under a short PIN) comes from
//! PANELDESK_NEW_PASSPHRASE, else is typed twice.

use paneldesk_api::{ApiError, ErrorCode};
use zeroize::Zeroizing;

pub const ENV: &str = "PANELDESK_PASSPHRASE";
pub const ENV_NEW: &str = "PANELDESK_NEW_PASSPHRASE";

/// Asked for only when the api calls for it (after every other check).
pub fn read(prompt_zh: &str, prompt_en: &str) -> Result<Zeroizing<String>, ApiError> {
    if let Ok(p) = std::env::var(ENV) {
        return Ok(Zeroizing::new(p));
    }
    rpassword::prompt_password(format!("{prompt_zh} / {prompt_en}: ")).map(Zeroizing::new).map_err(|e| {
        ApiError::unusable(
            ErrorCode::PassphraseEmpty,
            format!("无法读取口令（{}）。请在终端中运行，或设置环境变量 {ENV}", paneldesk_core::reason::io_zh(&e)),
            format!("cannot read the passphrase ({e}). Run in a terminal or set {ENV}"),
        )
    })
}

/// A passphrase being chosen: typed twice on the terminal (the api checks
/// its length and that the two agree).
pub fn new(prompt_zh: &str, prompt_en: &str) -> Result<Zeroizing<String>, ApiError> {
    if let Ok(p) = std::env::var(ENV_NEW) {
        return Ok(Zeroizing::new(p));
    }
    let first = prompt(&format!("{prompt_zh} / {prompt_en}"))?;
    let again = prompt("再次输入 / type it again")?;
    paneldesk_api::identity::confirm(&first, &again)?;
    Ok(first)
}

fn prompt(text: &str) -> Result<Zeroizing<String>, ApiError> {
    rpassword::prompt_password(format!("{text}: ")).map(Zeroizing::new).map_err(|e| {
        ApiError::unusable(
            ErrorCode::PassphraseEmpty,
            format!("无法读取口令（{}）。请在终端中运行，或设置环境变量 {ENV_NEW}", paneldesk_core::reason::io_zh(&e)),
            format!("cannot read the passphrase ({e}). Run in a terminal or set {ENV_NEW}"),
        )
    })
}
