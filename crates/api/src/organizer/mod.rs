//! The organiser (组织方, the bureau): builds application packages from an
//! applicant's documents and figures (JSON or the Excel form), enrols the
//! experts' certificates on the roster and issues signed batches
//! (formats.md §6, cli.md "The organiser").

pub mod batch;
pub mod form;
pub mod package;
pub mod roster;
pub mod workbench;

use std::path::Path;

use crate::error::{ApiError, ErrorCode, Result};

pub(crate) fn unusable(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
    ApiError::unusable(code, zh, en)
}

/// Reads a regular file of at most `max` bytes (crate::data::read_file).
pub(crate) fn read_bounded(path: &Path, max: u64, what: &str) -> Result<Vec<u8>> {
    crate::data::read_file(path, max, what)
}
