//! `export-signed`: every signed review of a batch that this data folder
//! holds (desk and site visit, every signed revision), as files the chair's
//! `consolidate --reviews` reads: into a folder, or one ZIP.

use std::collections::BTreeMap;
use std::path::Path;

use paneldesk_core::package::sha256_hex;
use paneldesk_core::sheet::Phase;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// A signed review is a few hundred kilobytes (as the chair's import bounds it).
const MAX_PDF_BYTES: u64 = 64 * 1024 * 1024;

/// What was exported.
#[derive(Clone, Debug)]
pub struct ExportedSigned {
    /// The file names written (in the folder or the ZIP), in order.
    pub files: Vec<String>,
    /// Written as one ZIP rather than a folder.
    pub zip: bool,
}

/// The batch's signed reviews; refused when the batch is unknown or none
/// is signed yet (checked by the window before it asks where to save).
pub fn signed_rows(store: &Store, batch_id: &str) -> Result<Vec<paneldesk_store::backup::SignedReview>> {
    if !store.has_batch(batch_id)? {
        return Err(ApiError::unusable(
            ErrorCode::UnknownBatch,
            format!("此数据目录中没有评审批次 {batch_id}。请核对批次编号（batch import 导入的批次）"),
            format!("this data folder has no batch {batch_id}. Check the batch id (one imported with batch import)"),
        ));
    }
    let rows = store.signed_reviews(batch_id)?;
    if rows.is_empty() {
        return Err(ApiError::refused(
            ErrorCode::NothingSigned,
            format!("此数据目录中没有评审批次 {batch_id} 的已签署评审意见。请先签署（review sign）"),
            format!("this data folder holds no signed review of batch {batch_id}. Sign one first (review sign)"),
        ));
    }
    Ok(rows)
}

/// Writes the batch's signed reviews to `out`: a ZIP when the name ends in
/// `.zip`, else a folder (made when missing). Names are
/// [`crate::signing::file_name`], with `-r<revision>` only where one review
/// has several signed revisions. An existing file is not replaced unless
/// `force`; then nothing at all is written.
pub fn export_signed(store: &Store, batch_id: &str, out: &Path, force: bool) -> Result<ExportedSigned> {
    let rows = signed_rows(store, batch_id)?;
    let mut per_key: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
    for r in &rows {
        *per_key.entry((&r.package_id, &r.expert_id, &r.phase)).or_default() += 1;
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(rows.len());
    for r in &rows {
        let phase = Phase::parse(&r.phase).unwrap_or(Phase::Desk);
        let mut name = crate::signing::file_name(&r.package_id, &r.expert_id, phase);
        if per_key[&(r.package_id.as_str(), r.expert_id.as_str(), r.phase.as_str())] > 1 {
            name = format!("{}-r{}.pdf", name.trim_end_matches(".pdf"), r.revision);
        }
        let path = store.signed_pdf_file(&r.pdf_sha256);
        let bytes = crate::data::read_file(&path, MAX_PDF_BYTES, "已签署的评审意见 / signed review")?;
        if sha256_hex(&bytes) != r.pdf_sha256 {
            return Err(ApiError::refused(
                ErrorCode::FileChanged,
                format!("已签署的文件 {} 与签署时记录的 SHA-256 不符，未导出任何内容。请运行 verify-audit 并联系技术支持", path.display()),
                format!("the signed file {} no longer matches the SHA-256 recorded when it was signed; nothing was exported. Run verify-audit and contact support", path.display()),
            ));
        }
        files.push((name, bytes));
    }
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let is_zip = out.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if is_zip {
        crate::data::refuse_existing(out, force)?;
        let entries = files.iter().map(|(n, b)| (n.as_str(), b.as_slice()));
        let zip = paneldesk_core::package::builder::write_entries(std::io::Cursor::new(Vec::new()), entries)
            .map_err(ApiError::stopped)?;
        crate::data::write_file(out, &zip.into_inner())?;
    } else {
        for (name, _) in &files {
            crate::data::refuse_existing(&out.join(name), force)?;
        }
        std::fs::create_dir_all(out).map_err(|e| {
            ApiError::unusable(
                ErrorCode::Io,
                format!("无法创建输出目录 {}：{}", out.display(), paneldesk_core::reason::io_zh(&e)),
                format!("cannot create the output folder {}: {e}", out.display()),
            )
        })?;
        for (name, bytes) in &files {
            crate::data::write_file(&out.join(name), bytes)?;
        }
    }
    tracing::info!(batch = batch_id, files = names.len(), zip = is_zip, "signed reviews exported");
    Ok(ExportedSigned { files: names, zip: is_zip })
}
