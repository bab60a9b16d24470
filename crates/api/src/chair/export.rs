//! The batch's exports: ranking.pdf (signed by the chair), ranking.xlsx (a sheet for the ranking,
//! one per package's matrix), ranking.csv, and the signed 专家组意见.

use std::path::Path;

use paneldesk_core::time::Timestamp;
use paneldesk_opinion::document::signed_ranking;
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::render_ranking_for_signing;
use paneldesk_opinion::workbook;
use paneldesk_store::files::write_atomically;
use paneldesk_store::Store;

use super::{ErrorCode, Panel, Result};

/// The three ranking files, by name; ranking.pdf signed by the chair.
pub fn ranking_files(panel: &Panel, now: Timestamp, chair: &Identity) -> Result<Vec<(String, Vec<u8>)>> {
    let (b, r, m) = (&panel.batch, &panel.results, &panel.manifests);
    let pdf = signed_ranking(render_ranking_for_signing(b, r, m, now)?, chair, now)?;
    Ok(vec![
        ("ranking.pdf".to_string(), pdf),
        ("ranking.xlsx".to_string(), workbook::ranking_xlsx(b, r, m, &panel.accepted)?),
        ("ranking.csv".to_string(), workbook::csv(&workbook::ranking_rows(b, r, m))),
    ])
}

/// What an export wrote, by file name.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Exported {
    /// The names of the files written, in the folder given.
    pub files: Vec<String>,
}

/// Writes the ranking files and the latest signed 专家组意见 of each
/// package (`<package_id>.pdf`) into `out_dir`, each atomically.
pub fn export(store: &Store, panel: &Panel, out_dir: &Path, now: Timestamp, chair: &Identity) -> Result<Exported> {
    std::fs::create_dir_all(out_dir).map_err(|e| {
        super::ApiError::unusable(
            ErrorCode::Io,
            format!("无法创建输出目录 {}：{e}", out_dir.display()),
            format!("cannot create the output folder {}: {e}", out_dir.display()),
        )
    })?;
    let mut written = Vec::new();
    for (id, sig) in store.consensus_signatures(&panel.batch.id)? {
        let path = store.signed_pdf_file(&sig.pdf_sha256);
        let bytes = std::fs::read(&path).map_err(|e| {
            super::ApiError::unusable(
                ErrorCode::Io,
                format!("无法读取已签署的专家组意见 {}：{e}", path.display()),
                format!("cannot read the signed panel opinion {}: {e}", path.display()),
            )
        })?;
        let name = format!("{id}.pdf");
        write_atomically(&out_dir.join(&name), &bytes)?;
        written.push(name);
    }
    for (name, bytes) in ranking_files(panel, now, chair)? {
        write_atomically(&out_dir.join(&name), &bytes)?;
        written.push(name);
    }
    Ok(Exported { files: written })
}
