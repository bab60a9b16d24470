//! The organiser (组织方, the bureau): builds application packages from an
//! applicant's documents and figures (JSON or the Excel form), enrols the
//! experts' certificates on the roster and issues signed batches
//! (formats.md §6, cli.md "The organiser").

pub mod batch;
pub mod form;
pub mod package;
pub mod roster;

use std::io::Read;
use std::path::Path;

use crate::error::{ApiError, ErrorCode, Result};

pub(crate) fn unusable(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
    ApiError::unusable(code, zh, en)
}

/// Reads a regular file (never a device, FIFO or folder) of at most `max`
/// bytes, the limit checked before and while reading.
pub(crate) fn read_bounded(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    let refuse = |zh: String, en: String| {
        unusable(
            ErrorCode::NotAFile,
            format!("无法读取 {}（{what}）：{zh}。请检查路径", path.display()),
            format!("cannot read {} ({what}): {en}. Check the path", path.display()),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| refuse(e.to_string(), e.to_string()))?;
    if !meta.is_file() {
        return Err(refuse("不是普通文件".into(), "not a regular file".into()));
    }
    if meta.len() > max {
        return Err(refuse(format!("超过 {max} 字节"), format!("larger than {max} bytes")));
    }
    let file = std::fs::File::open(path).map_err(|e| refuse(e.to_string(), e.to_string()))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| refuse(e.to_string(), e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(refuse(format!("超过 {max} 字节"), format!("larger than {max} bytes")));
    }
    Ok(bytes)
}
