//! The formal review (形式审查) of a package or batch file as it stands,
//! without importing anything: `paneldesk-cli check` and `batch check`.
//! Reading never extracts; every entry is vetted from the central directory
//! (docs/formats.md §1) before anything is hashed.

use std::path::Path;

use paneldesk_core::batch::{read_batch_file, BatchContents};
use paneldesk_core::package::{read_package_file, Package};
use paneldesk_core::rules::{review, FormalReview};

use crate::error::{ApiError, ErrorCode, Result};

/// A package file and its formal review.
pub struct CheckedPackageFile {
    /// The package as read.
    pub package: Package,
    /// SHA-256 of the whole file.
    pub sha256: String,
    /// The formal review of its manifest.
    pub review: FormalReview,
}

/// Reads and reviews one package file.
pub fn package_file(path: &Path) -> Result<CheckedPackageFile> {
    let (package, sha256) =
        read_package_file(path).map_err(|e| ApiError::with_msg(ErrorCode::PackageRefused, e.message, false))?;
    let review = review(&package.manifest);
    Ok(CheckedPackageFile { package, sha256, review })
}

/// Reads a batch file and reviews each package in it; returns the contents
/// and the SHA-256 of the whole file.
pub fn batch_file(path: &Path) -> Result<(BatchContents, String)> {
    Ok(read_batch_file(path, |_| {})?)
}
