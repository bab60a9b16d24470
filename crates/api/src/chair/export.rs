//! The batch's exports: ranking.pdf (signed by the chair), ranking.xlsx (a sheet for the ranking,
//! one per package's matrix), ranking.csv, and the signed 专家组意见.

use std::collections::{BTreeMap, BTreeSet};
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

/// The ranking files' names, which no package's file may take.
const RANKING_NAMES: [&str; 3] = ["ranking.pdf", "ranking.xlsx", "ranking.csv"];

/// Names Windows keeps for devices, whatever the extension.
const DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Each package's 专家组意见 file name in an export folder: `<id>.pdf`, or
/// `<id> (专家组意见).pdf` — which no id can spell, ids being
/// `[A-Za-z0-9._-]` — when `<id>.pdf` would take a ranking file's name or
/// another package's on a case-insensitive disk (Windows, macOS), or name a
/// Windows device (`CON.pdf`).
pub fn opinion_file_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = RANKING_NAMES.iter().map(|n| n.to_string()).collect();
    let mut names = BTreeMap::new();
    for id in ids {
        let plain = format!("{id}.pdf");
        let stem = id.split('.').next().unwrap_or(id).to_ascii_lowercase();
        let name = if DEVICES.contains(&stem.as_str()) || taken.contains(&plain.to_ascii_lowercase()) {
            format!("{id} (专家组意见).pdf")
        } else {
            plain
        };
        taken.insert(name.to_ascii_lowercase());
        names.insert(id.to_string(), name);
    }
    names
}

/// Whether writing `name` into `dir` replaces a file that is there.
pub(crate) fn replaces(dir: &Path, name: &str) -> bool {
    std::fs::symlink_metadata(dir.join(name)).is_ok()
}

/// What an export wrote, by file name.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Exported {
    /// The names of the files written, in the folder given.
    pub files: Vec<String>,
    /// Those of them that replaced a file of the same name (said, never silent).
    pub replaced: Vec<String>,
}

/// Writes the latest signed 专家组意见 of each package (`<package_id>.pdf`)
/// and, given the chair's key, the ranking files into `out_dir`, each
/// atomically.
pub fn export(
    store: &Store,
    panel: &Panel,
    out_dir: &Path,
    now: Timestamp,
    chair: Option<&Identity>,
) -> Result<Exported> {
    std::fs::create_dir_all(out_dir).map_err(|e| {
        super::ApiError::unusable(
            ErrorCode::Io,
            format!("无法创建输出目录 {}：{}", out_dir.display(), paneldesk_core::reason::io_zh(&e)),
            format!("cannot create the output folder {}: {e}", out_dir.display()),
        )
    })?;
    let mut done = Exported::default();
    let names = opinion_file_names(panel.batch.packages.iter().map(|p| p.id.as_str()));
    let mut write = |name: String, bytes: &[u8]| -> Result<()> {
        if replaces(out_dir, &name) {
            done.replaced.push(name.clone());
        }
        write_atomically(&out_dir.join(&name), bytes)?;
        done.files.push(name);
        Ok(())
    };
    for (id, sig) in store.consensus_signatures(&panel.batch.id)? {
        let path = store.signed_pdf_file(&sig.pdf_sha256);
        let bytes = std::fs::read(&path).map_err(|e| {
            super::ApiError::unusable(
                ErrorCode::Io,
                format!("无法读取已签署的专家组意见 {}：{}", path.display(), paneldesk_core::reason::io_zh(&e)),
                format!("cannot read the signed panel opinion {}: {e}", path.display()),
            )
        })?;
        let name = names.get(&id).cloned().unwrap_or_else(|| format!("{id} (专家组意见).pdf"));
        write(name, &bytes)?;
    }
    if let Some(chair) = chair {
        for (name, bytes) in ranking_files(panel, now, chair)? {
            write(name, &bytes)?;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::opinion_file_names;

    #[test]
    fn no_package_file_takes_a_ranking_file_another_package_or_a_device() {
        let names = opinion_file_names(["P-1", "ranking", "RANKING.xlsx", "con", "Com1.x", "p-1", "a"]);
        let got: Vec<&str> = names.values().map(String::as_str).collect();
        assert_eq!(
            got,
            [
                "Com1.x (专家组意见).pdf",
                "P-1.pdf",
                "RANKING.xlsx.pdf",
                "a.pdf",
                "con (专家组意见).pdf",
                "p-1 (专家组意见).pdf",
                "ranking (专家组意见).pdf",
            ]
        );
    }
}
