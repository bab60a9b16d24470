//! Opening a batch file and listing what is open: the batches, and each
//! batch's packages with this expert's progress on each.

use std::path::Path;

use paneldesk_core::manifest::Kind;
use paneldesk_core::rules::Verdict;
use paneldesk_store::app::ReviewStatus;
use serde::Serialize;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// An imported batch, for the batch list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct BatchDto {
    /// The batch id the bureau gave it.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Establishment, acceptance or periodic evaluation.
    pub kind: Kind,
    /// RFC 3339.
    pub deadline: String,
    /// The deadline is before now.
    pub deadline_passed: bool,
    /// When it was imported here, RFC 3339.
    pub imported_at: String,
    /// How many packages it holds.
    pub packages: u32,
}

/// What opening a batch file did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct OpenedBatch {
    /// The batch id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// How many packages it holds.
    pub packages: u32,
    /// False when this very batch file had been opened before.
    pub newly_imported: bool,
}

/// Sent while a batch is hashed and checked, one package at a time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct BatchProgress {
    /// Packages checked so far.
    pub done: u32,
    /// Packages in the batch.
    pub total: u32,
    /// The package just checked.
    pub package_id: String,
}

/// Where this expert stands on a package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[serde(rename_all = "snake_case")]
pub enum PackageStatus {
    /// Nothing saved yet.
    NotStarted,
    /// Saved, not signed.
    Draft,
    /// Signed.
    Signed,
    /// A conflict of interest was declared: recused.
    Conflict,
}

/// One package in the batch's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct PackageRowDto {
    /// The package id.
    pub package_id: String,
    /// The centre's name.
    pub center_name: String,
    /// The lead unit's name.
    pub lead_unit: String,
    /// The formal review's verdict.
    pub verdict: Verdict,
    /// This expert's progress (desk phase).
    pub status: PackageStatus,
    /// A conflict of interest is on record.
    pub conflict_declared: bool,
    /// When the latest revision was saved.
    pub saved_at: Option<String>,
}

/// Checks the batch as `check` does, copies its packages into the data
/// folder and records it; a package whose hash does not match is refused,
/// and then nothing of the batch is kept. `progress` hears of each package.
pub fn import(store: &mut Store, path: &Path, mut progress: impl FnMut(BatchProgress)) -> Result<OpenedBatch> {
    if !path.is_file() {
        return Err(ApiError::unusable(
            ErrorCode::NotAFile,
            format!("{} 不是可读取的文件。请选择市科技局下发的评审批次 ZIP 文件", path.display()),
            format!("{} is not a readable file. Choose the batch ZIP file the bureau sent", path.display()),
        ));
    }
    let imported = store.import_batch(path, |p| {
        progress(BatchProgress { done: count(p.done), total: count(p.total), package_id: p.package_id.to_string() })
    })?;
    tracing::info!(batch = %imported.id, packages = imported.packages, new = imported.newly_imported, "batch opened");
    Ok(OpenedBatch {
        id: imported.id,
        title: imported.title,
        packages: count(imported.packages),
        newly_imported: imported.newly_imported,
    })
}

/// Every imported batch, the latest imported first.
pub fn list(store: &Store) -> Result<Vec<BatchDto>> {
    let now = chrono::Local::now().fixed_offset();
    store
        .list_batches()?
        .into_iter()
        .map(|b| {
            Ok(BatchDto {
                deadline_passed: chrono::DateTime::parse_from_rfc3339(&b.deadline).is_ok_and(|d| d < now),
                kind: parse_kind(&b.kind)?,
                id: b.id,
                title: b.title,
                deadline: b.deadline,
                imported_at: b.imported_at,
                packages: u32::try_from(b.packages).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

/// The batch's packages in its order, with this expert's progress on each.
pub fn packages(store: &Store, batch_id: &str) -> Result<Vec<PackageRowDto>> {
    crate::access::batch(store, batch_id)?;
    let me = store.profile()?;
    let rows = store.list_packages(batch_id, me.as_ref().map(|p| p.expert_id.as_str()))?;
    rows.into_iter()
        .map(|r| {
            let status = match r.status {
                _ if r.conflict_declared => PackageStatus::Conflict,
                ReviewStatus::NotStarted => PackageStatus::NotStarted,
                ReviewStatus::Draft => PackageStatus::Draft,
                ReviewStatus::Signed => PackageStatus::Signed,
            };
            Ok(PackageRowDto {
                verdict: parse_verdict(&r.verdict, &r.package_id)?,
                status,
                package_id: r.package_id,
                center_name: r.center_name,
                lead_unit: r.lead_unit,
                conflict_declared: r.conflict_declared,
                saved_at: r.saved_at,
            })
        })
        .collect()
}

pub(crate) fn parse_verdict(s: &str, package_id: &str) -> Result<Verdict> {
    Verdict::parse(s).ok_or_else(|| corrupt(&format!("材料包 {package_id} 的形式审查结论"), "verdict"))
}

fn parse_kind(s: &str) -> Result<Kind> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| corrupt("评审批次类型", "batch kind"))
}

fn corrupt(zh: &str, en: &str) -> ApiError {
    ApiError::unusable(
        ErrorCode::CorruptRow,
        format!("数据文件中{zh}无法读取。请重新导入该评审批次"),
        format!("the stored {en} cannot be read. Import the batch again"),
    )
}

/// Counts shown to people; four billion packages is not a real case.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
