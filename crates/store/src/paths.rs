//! Where the data folder is: `--data-dir`, else `PANELDESK_DATA_DIR`, else
//! the OS app-data folder the desktop window uses too.

use std::path::PathBuf;

/// The Tauri bundle identifier; the window's app-data dir is named after it.
pub const APP_IDENTIFIER: &str = "cn.liaocheng.paneldesk";
pub const ENV_DATA_DIR: &str = "PANELDESK_DATA_DIR";
pub const PACKAGES_DIR: &str = "packages";
pub const SIGNED_DIR: &str = "signed";

pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| std::env::var_os(ENV_DATA_DIR).filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)))
}
