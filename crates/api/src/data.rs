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

/// Refuses (exit 1), unless `replace`, an output path where something is
/// already: `backup` and `export-signed`, whose files are not re-made by a
/// normal workflow.
pub fn refuse_existing(out: &Path, replace: bool) -> Result<()> {
    if !replace && std::fs::symlink_metadata(out).is_ok() {
        return Err(ApiError::refused(
            ErrorCode::OutputExists,
            format!("{} 已存在，未覆盖。请换一个文件名，或加 --force 覆盖", out.display()),
            format!("{} exists and was not replaced. Choose another name, or add --force to replace it", out.display()),
        ));
    }
    Ok(())
}

/// Whether something is at `path` now (a file, a link): an output written
/// there replaces it, which the CLI then says (`replaced_note`) — never
/// silently, and never refused either, since rebuilding a corrected package
/// or re-signing after 复议 into the same file is the normal workflow.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// What is said after an output replaced what was at `path`.
pub fn replaced_note(path: &Path) -> paneldesk_core::Msg {
    paneldesk_core::Msg::new(
        format!("提示：已替换原有的 {}", path.display()),
        format!("note: replaced the existing {}", path.display()),
    )
}

/// Reads a file the user named: a regular file only (a device such as
/// `/dev/zero`, a FIFO or a folder is refused), at most `max` bytes,
/// checked before and while reading so nothing unbounded is ever read.
pub fn read_file(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let refuse = |zh: String, en: String| {
        ApiError::unusable(
            ErrorCode::NotAFile,
            format!("无法读取 {}（{what}）：{zh}。请检查路径", path.display()),
            format!("cannot read {} ({what}): {en}. Check the path", path.display()),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| refuse(paneldesk_core::reason::io_zh(&e).into(), e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse("不是普通文件".into(), "not a regular file".into()));
    }
    let too_large = || refuse(format!("超过 {max} 字节"), format!("larger than {max} bytes"));
    if meta.len() > max {
        return Err(too_large());
    }
    let file =
        std::fs::File::open(path).map_err(|e| refuse(paneldesk_core::reason::io_zh(&e).into(), e.to_string()))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| refuse(paneldesk_core::reason::io_zh(&e).into(), e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A JSON file a user wrote by hand, without the UTF-8 byte-order mark that
/// Windows Notepad puts at its start (serde_json would refuse the file).
/// Line ends need nothing: JSON treats CR LF as whitespace.
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}
