//! The chair's intake in the window: review PDFs dropped or chosen, the
//! report of what was accepted and why the rest was not, and the chair's
//! confirmation of certificates the roster does not name.

use std::collections::BTreeMap;

use super::types::*;
use super::{ApiError, ErrorCode, Result};
use crate::batches::count;
use crate::data::Store;

/// Pins certificates the chair compared with the experts and confirmed
/// (those an import listed as unconfirmed): only for panel members whose
/// roster line names no certificate and who have no pin yet.
pub fn confirm_certificates(
    store: &mut Store,
    batch_id: &str,
    confirmed: &[UnconfirmedCertificate],
) -> Result<Vec<String>> {
    let (batch, _, _) = super::presiding(store, batch_id)?;
    let pins = store.pins(batch_id)?;
    let mut new = BTreeMap::new();
    for c in confirmed {
        let member = batch.expert(&c.expert_id).ok_or_else(|| {
            ApiError::refused(
                ErrorCode::NotOnPanel,
                format!("专家 {} 不在评审批次 {} 的专家组名单中", c.expert_id, batch.id),
                format!("expert {} is not on the panel of batch {}", c.expert_id, batch.id),
            )
        })?;
        let settled = member.certificate_sha256.is_some() || pins.contains_key(&c.expert_id);
        if settled || new.insert(c.expert_id.clone(), c.certificate_sha256.clone()).is_some() {
            return Err(ApiError::refused(
                ErrorCode::PinChanged,
                format!("专家 {} 的证书已由名单或此前的确认确定，不能再确认另一张", c.expert_id),
                format!("expert {}'s certificate is already settled by the roster or an earlier confirmation; another cannot be confirmed", c.expert_id),
            ));
        }
    }
    store.add_pins(batch_id, &new)?;
    tracing::info!(batch = batch_id, experts = ?new.keys().collect::<Vec<_>>(), "certificates confirmed by the chair");
    Ok(new.into_keys().collect())
}

/// The import report as the window shows it.
fn import_report(files: usize, report: super::ImportReport) -> ChairImportReport {
    ChairImportReport {
        files: count(files),
        accepted: report.accepted,
        superseded: report.superseded,
        duplicates: report.duplicates,
        already_imported: report.already_imported,
        rejected: report.rejected.into_iter().map(|r| RejectionDto { file: r.file, reason: r.reason }).collect(),
        pinned: report.new_pins.into_keys().collect(),
        unconfirmed: report
            .unconfirmed
            .into_iter()
            .map(|(expert_id, sha)| UnconfirmedCertificate {
                expert_id,
                fingerprint: crate::identity::fingerprint(&sha),
                certificate_sha256: sha,
            })
            .collect(),
        sources: Vec::new(),
    }
}

/// Review PDFs given as files or folders (drag-and-drop, the dialog),
/// verified in parallel and kept when accepted; `progress` hears of each.
/// A certificate the roster does not name counts only once the chair has
/// confirmed it ([`confirm_certificates`]); until then the report lists it.
pub fn import_paths(
    store: &mut Store,
    batch_id: &str,
    paths: &[std::path::PathBuf],
    progress: &(dyn Fn(ChairImportProgress) + Sync),
) -> Result<ChairImportReport> {
    let accept = super::AcceptNew::Nothing;
    let (batch, _, _) = super::presiding(store, batch_id)?;
    // Folders, ZIPs of reviews (export-signed) and single files.
    let mut sources = super::ReviewSources::default();
    for path in paths {
        sources.add(path, store.dir())?;
    }
    let files = sources.files.len() + sources.rejected.len();
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut report = super::import_named(store, &batch, &sources.files, threads, &accept, &|p| {
        progress(ChairImportProgress { done: count(p.done), total: count(p.total) })
    })?;
    report.rejected.append(&mut sources.rejected);
    report.rejected.sort_by(|a, b| a.file.cmp(&b.file));
    tracing::info!(
        batch = batch_id,
        files,
        accepted = report.accepted.len(),
        rejected = report.rejected.len(),
        "reviews imported"
    );
    let mut dto = import_report(files, report);
    dto.sources = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    Ok(dto)
}
