//! The passphrase: from PANELDESK_PASSPHRASE when set, else asked on the
//! terminal without echo. Never from the command line, where `ps` shows it.

use paneldesk_core::Msg;

use crate::failure::Failure;

pub const ENV: &str = "PANELDESK_PASSPHRASE";

pub fn read(prompt_zh: &str, prompt_en: &str) -> Result<String, Failure> {
    if let Ok(p) = std::env::var(ENV) {
        return Ok(p);
    }
    rpassword::prompt_password(format!("{prompt_zh} / {prompt_en}: ")).map_err(|e| {
        Failure::unusable(Msg::new(
            format!("无法读取口令（{e}）。请在终端中运行，或设置环境变量 {ENV}"),
            format!("cannot read the passphrase ({e}). Run in a terminal or set {ENV}"),
        ))
    })
}
