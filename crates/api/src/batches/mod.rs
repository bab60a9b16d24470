//! Opening a batch file and listing what is open: the batches, and each
//! batch's packages with this expert's progress on each. A signed batch
//! is admitted only from a trusted organiser (crate::issuer); a corrected
//! one (a higher revision) replaces the one on file (formats.md §6).

mod cancel;
mod revision;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use paneldesk_core::batch::read_batch_head;

use paneldesk_core::manifest::Kind;
use paneldesk_core::rules::Verdict;
use paneldesk_core::Msg;
use paneldesk_store::app::ReviewStatus;
use serde::Serialize;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};
use crate::issuer::{self, IssuerDto, PinState, Trust};
pub use revision::{ChangedPackageDto, FactChange};

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
    /// Which issue of the batch this is (1 for the first).
    pub revision: u32,
    /// The issuing body as batch.json names it.
    pub organizer: String,
    /// Signed by the organiser (its signature verified at import); false:
    /// 未签发, a version-1 batch.
    pub signed: bool,
    /// The roster enrols another certificate for this expert than this
    /// folder's key: what is signed here will be refused (none otherwise).
    pub certificate_warning: Option<Msg>,
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
    /// Who issued it, and whether their certificate was pinned before.
    pub issuer: IssuerDto,
    /// The organiser's certificate was pinned by this import.
    pub newly_pinned: bool,
    /// A corrected batch: the packages whose file changed (their work
    /// starts afresh, the earlier work kept as history).
    pub changed: Vec<ChangedPackageDto>,
    /// A corrected batch: packages no longer in it (kept, hidden).
    pub withdrawn: Vec<String>,
    /// This folder's expert is not on the batch's panel: said once, here,
    /// with the panel's ids (each package would refuse the same way). The
    /// import itself stands, as docs/cli.md has `review score` refuse.
    pub not_on_panel: Option<Msg>,
    /// The roster enrols another certificate for this expert than this
    /// folder's key (`access::roster_certificate_warning`).
    pub certificate_warning: Option<Msg>,
}

/// What the caller trusts and requires of the batch's issuer.
#[derive(Clone, Copy, Debug)]
pub struct ImportOptions<'a> {
    /// How a new organiser certificate may come to be trusted.
    pub trust: Trust<'a>,
    /// Refuse an unsigned batch.
    pub require_signed: bool,
    /// Raised to stop the import while it checks the packages (the
    /// window's 取消); nothing is recorded then.
    pub cancel: Option<&'a AtomicBool>,
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

/// Checks who issued the batch first (the signature over batch.json and
/// the organiser's pin, refused whole on any doubt), then every package as
/// `check` does; copies the packages into the data folder and records the
/// batch, or replaces an earlier revision. A package whose hash does not
/// match is refused, and then nothing of the batch is kept.
pub fn import(
    store: &mut Store,
    path: &Path,
    options: ImportOptions,
    mut progress: impl FnMut(BatchProgress),
) -> Result<OpenedBatch> {
    require_file(path)?;
    // Who signed is settled before the long check of the packages.
    let head = read_batch_head(path)?;
    let verified = issuer::verify(&head.batch, &head.batch_json, head.signature.as_deref())?;
    let pin = match &verified {
        Some(v) => issuer::admit(store, &v.issuer, options.trust)?,
        None if options.require_signed => {
            return Err(ApiError::refused(
                ErrorCode::BatchUnsigned,
                format!("评审批次 {} 未经签发（没有 batch.json.p7s），按要求不予导入。请向市科技局索取签发的批次", head.batch.id),
                format!("batch {} is not signed (no batch.json.p7s) and a signed batch is required. Ask the bureau for the issued batch", head.batch.id),
            ))
        }
        None => PinState::Unsigned,
    };
    let never = AtomicBool::new(false);
    let cancel = options.cancel.unwrap_or(&never);
    let (contents, file_sha) = cancel::read_batch_file(path, cancel, |p| {
        progress(BatchProgress { done: count(p.done), total: count(p.total), package_id: p.package_id.to_string() })
    })?;
    if contents.batch_json != head.batch_json || contents.signature != head.signature {
        return Err(ApiError::unusable(
            ErrorCode::BatchRefused,
            format!("评审批次文件 {} 在读取过程中被改动。请重新选择该文件", path.display()),
            format!("the batch file {} changed while it was read. Choose it again", path.display()),
        ));
    }
    // The last moment to stop: recording copies the packages in one go.
    if cancel.load(Ordering::Relaxed) {
        return Err(cancel::cancelled());
    }
    let imported = store.record_batch(path, &contents, &file_sha, verified.as_ref().map(|v| &v.issuer))?;
    tracing::info!(
        batch = %imported.id,
        revision = imported.revision,
        packages = imported.packages,
        new = imported.newly_imported,
        organizer = verified.as_ref().map(|v| v.issuer.organizer_id.as_str()).unwrap_or("-"),
        "batch opened"
    );
    let changed = imported.changed.iter().map(|c| revision::changed(c, &contents)).collect();
    Ok(OpenedBatch {
        issuer: issuer::dto(&contents.batch, verified.as_ref(), pin),
        newly_pinned: pin == PinState::New,
        id: imported.id,
        title: imported.title,
        packages: count(imported.packages),
        newly_imported: imported.newly_imported,
        changed,
        withdrawn: imported.withdrawn,
        not_on_panel: match store.profile()? {
            Some(me) => crate::access::require_on_panel(&contents.batch, &me).err().map(|e| e.message),
            None => None,
        },
        certificate_warning: crate::access::roster_certificate_warning(store, &contents.batch)?,
    })
}

pub(crate) fn require_file(path: &Path) -> Result<()> {
    if !path.is_file() {
        return Err(ApiError::unusable(
            ErrorCode::NotAFile,
            format!("{} 不是可读取的文件。请选择市科技局下发的评审批次 ZIP 文件", path.display()),
            format!("{} is not a readable file. Choose the batch ZIP file the bureau sent", path.display()),
        ));
    }
    Ok(())
}

/// Every imported batch, the latest imported first.
pub fn list(store: &Store) -> Result<Vec<BatchDto>> {
    let now = chrono::Local::now().fixed_offset();
    store
        .list_batches()?
        .into_iter()
        .map(|b| {
            let certificate_warning =
                crate::access::roster_certificate_warning(store, &crate::access::batch(store, &b.id)?)?;
            Ok(BatchDto {
                certificate_warning,
                deadline_passed: chrono::DateTime::parse_from_rfc3339(&b.deadline).is_ok_and(|d| d < now),
                kind: parse_kind(&b.kind)?,
                id: b.id,
                title: b.title,
                deadline: b.deadline,
                imported_at: b.imported_at,
                packages: u32::try_from(b.packages).unwrap_or(u32::MAX),
                revision: b.revision,
                signed: b.organizer_id.is_some(),
                organizer: b.organizer,
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
