//! The data folder: `--data-dir`, else `PANELDESK_DATA_DIR`, else the OS
//! app-data folder; the store in it is what every other call works on.

use std::path::{Path, PathBuf};

use paneldesk_store::paths;
pub use paneldesk_store::Store;

use crate::error::{ApiError, ErrorCode, Result};

/// The folder to use, if one can be named at all.
pub fn data_dir(explicit: Option<PathBuf>) -> Option<PathBuf> {
    paths::data_dir(explicit)
}

/// Opens (and migrates) the store in `dir`; `None` when no folder could be named.
pub fn open(dir: Option<&Path>) -> Result<Store> {
    let dir = dir.ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::NoDataDir,
            "找不到应用数据目录。请用 --data-dir 参数或 PANELDESK_DATA_DIR 环境变量指定一个可写目录",
            "no app-data folder could be found. Give a writable folder with --data-dir or PANELDESK_DATA_DIR",
        )
    })?;
    Ok(Store::open(dir)?)
}

/// Writes `bytes` to `path` whole or not at all (written aside, synced, renamed).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    Ok(paneldesk_store::files::write_atomically(path, bytes)?)
}
