//! The passphrase: from PANELDESK_PASSPHRASE when set, else asked on the
//! terminal without echo. Never from the command line, where `ps` shows it.

use paneldesk_api::{ApiError, ErrorCode};
use zeroize::Zeroizing;

pub const ENV: &str = "PANELDESK_PASSPHRASE";

/// Asked for only when the api calls for it (after every other check).
pub fn read(prompt_zh: &str, prompt_en: &str) -> Result<Zeroizing<String>, ApiError> {
    if let Ok(p) = std::env::var(ENV) {
        return Ok(Zeroizing::new(p));
    }
    rpassword::prompt_password(format!("{prompt_zh} / {prompt_en}: ")).map(Zeroizing::new).map_err(|e| {
        ApiError::unusable(
            ErrorCode::PassphraseEmpty,
            format!("无法读取口令（{e}）。请在终端中运行，或设置环境变量 {ENV}"),
            format!("cannot read the passphrase ({e}). Run in a terminal or set {ENV}"),
        )
    })
}
