//! The site-visit photos on the chair's package screen (formats.md §7):
//! listed from the accepted site-visit reviews, and read back out of the
//! signed PDF they travel in — never from anything beside it — after that
//! PDF has verified again.

use paneldesk_core::consolidate::Candidate;
use paneldesk_core::sheet::Phase;
use paneldesk_opinion::document::check_document;

use super::types::SitePhotoDto;
use super::{ApiError, ErrorCode, Panel, Result};
use crate::data::Store;

fn visits<'a>(panel: &'a Panel, package_id: &'a str) -> impl Iterator<Item = (&'a Candidate, &'a [String])> {
    panel
        .accepted
        .iter()
        .filter(move |c| c.doc.package_id == package_id && c.doc.phase == Phase::SiteVisit)
        .filter_map(|c| c.doc.site_visit.as_ref().map(|v| (c, v.photos.as_slice())))
}

/// Each photo of the accepted site visits, by expert (roster name) in id order.
pub fn list(panel: &Panel, package_id: &str) -> Vec<SitePhotoDto> {
    let mut out: Vec<SitePhotoDto> = visits(panel, package_id)
        .flat_map(|(c, photos)| {
            let id = &c.doc.expert.expert_id;
            let name = panel.batch.expert(id).map_or(c.doc.expert.name.clone(), |m| m.name.clone());
            photos.iter().map(move |sha| SitePhotoDto {
                expert_id: id.clone(),
                name: name.clone(),
                sha256: sha.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.expert_id.cmp(&b.expert_id));
    out
}

/// The JPEG attached as `photos/<sha256>.jpg` to an accepted site-visit
/// review of the package that lists that photo.
pub fn read(store: &Store, panel: &Panel, package_id: &str, sha256: &str) -> Result<Vec<u8>> {
    let missing = || {
        ApiError::unusable(
            ErrorCode::PhotoMissing,
            format!("材料包 {package_id} 的现场考察意见中没有这张照片"),
            format!("no site-visit review of package {package_id} carries this photo"),
        )
    };
    let (candidate, _) =
        visits(panel, package_id).find(|(_, photos)| photos.iter().any(|p| p == sha256)).ok_or_else(missing)?;
    let pdf = store.received_pdf(&candidate.file_sha256)?;
    let checked = check_document(&pdf)?;
    let name = format!("photos/{sha256}.jpg");
    let valid = checked.valid();
    let file = checked.attachments.into_iter().find(|f| f.name == name).ok_or_else(missing)?;
    // The signature covers the attachment; a JPEG is all a photo may be.
    if !valid || !file.bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Err(ApiError::refused(
            ErrorCode::PhotoDamaged,
            format!("材料包 {package_id} 的现场照片未通过校验（签名或格式不符），未显示"),
            format!(
                "a site-visit photo of package {package_id} failed its check (signature or format) and is not shown"
            ),
        ));
    }
    Ok(file.bytes)
}
