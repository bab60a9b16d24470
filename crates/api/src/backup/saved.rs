//! What the window says after a backup or a bulk export of signed reviews
//! (the same functions as `paneldesk-cli backup` and `export-signed`).

use std::path::Path;

use serde::Serialize;
use zeroize::Zeroizing;

use crate::data::Store;
use crate::error::Result;

/// A backup written from the window.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct BackupSaved {
    /// Where.
    pub path: String,
    /// Files in it, the database snapshot included.
    pub files: u32,
    /// The backup file's size in bytes.
    pub file_bytes: f64,
}

/// The file name the save dialog proposes: the app and today's date.
pub fn backup_file_name() -> String {
    format!("PanelDesk-备份-{}.pdbak", chrono::Local::now().format("%Y%m%d"))
}

/// Backs the data folder up to `out`, which the save dialog chose (and
/// whose replacement it confirmed).
pub fn backup_to(store: &Store, out: &Path, passphrase: Zeroizing<String>) -> Result<BackupSaved> {
    let done = super::backup(store, out, true, move || Ok(passphrase))?;
    Ok(BackupSaved {
        path: out.to_string_lossy().into_owned(),
        files: u32::try_from(done.files).unwrap_or(u32::MAX),
        file_bytes: done.file_bytes as f64,
    })
}

/// A backup restored beside the data folder, to be swapped in at the next
/// start (`pending`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct RestoreStaged {
    /// Files restored, the database included.
    pub files: u32,
    /// Rows in the restored audit log, which verified.
    pub audit_rows: u32,
}

/// 从备份恢复: `file` (chosen in the open dialog) restored under `passphrase`.
pub fn restore_from(store: &Store, file: &Path, passphrase: Zeroizing<String>) -> Result<RestoreStaged> {
    let done = super::pending::stage(store, file, move || Ok(passphrase))?;
    Ok(RestoreStaged {
        files: u32::try_from(done.files).unwrap_or(u32::MAX),
        audit_rows: u32::try_from(done.audit.rows).unwrap_or(u32::MAX),
    })
}

/// Every signed review of a batch, written as one ZIP for the chair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SignedExported {
    /// Where.
    pub path: String,
    /// The file names inside, in order.
    pub files: Vec<String>,
}

/// Refused before anything is asked when the batch has no signed review.
pub fn check_exportable(store: &Store, batch_id: &str) -> Result<()> {
    super::export_signed::signed_rows(store, batch_id).map(drop)
}

/// Writes the ZIP to `out` (the save dialog's choice).
pub fn export_signed_to(store: &Store, batch_id: &str, out: &Path) -> Result<SignedExported> {
    let done = super::export_signed(store, batch_id, out, true)?;
    Ok(SignedExported { path: out.to_string_lossy().into_owned(), files: done.files })
}
