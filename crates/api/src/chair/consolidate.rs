//! The chair's whole day in one call (`paneldesk-cli consolidate`): import
//! every review file in a folder, consolidate, sign the 专家组意见 of each
//! package that may be signed (in parallel), write them and the ranking
//! files out. A package with a flag but no reason is left unsigned and
//! named, so the caller can refuse (docs/cli.md).

use std::collections::BTreeMap;
use std::path::Path;

use paneldesk_core::consensus_doc::{draft_opinion, flag_detail, signing_blockers};
use paneldesk_core::Lang;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::{ApiError, ErrorCode, ImportReport, Panel, Result};
use crate::data::Store;

/// The chair's opinion and flag reasons for one package (the `--opinions` file).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PanelOpinion {
    /// The panel opinion; the experts' opinions drafted into one when absent.
    #[serde(default)]
    pub opinion: Option<String>,
    /// One reason per flag, in the flags' order.
    #[serde(default)]
    pub flag_reasons: Vec<String>,
}

/// Reads an `--opinions` file: package id → opinion and reasons.
pub fn read_opinions(path: &Path) -> Result<BTreeMap<String, PanelOpinion>> {
    let text = crate::data::read_file(path, 16 << 20, "--opinions")?;
    serde_json::from_slice(crate::data::without_bom(&text)).map_err(|e| {
        ApiError::unusable(
            ErrorCode::BadInput,
            format!("{} 不是有效的意见文件：{}", path.display(), paneldesk_core::reason::json_zh(&e)),
            format!("{} is not a valid opinions file: {e}", path.display()),
        )
    })
}

/// What a consolidation did.
pub struct Consolidated {
    /// The batch as consolidated.
    pub panel: Panel,
    /// Per package: its 专家组意见 was signed and written.
    pub signed: BTreeMap<String, bool>,
    /// What the import of the folder did.
    pub report: ImportReport,
    /// Packages left unsigned because a flag has no reason.
    pub unsigned_for_flags: Vec<String>,
    /// The file written for each package's 专家组意见 (`<id>.pdf` unless
    /// that collides, `super::opinion_file_names`).
    pub file_names: BTreeMap<String, String>,
    /// Files in the output folder that were replaced: re-running the
    /// consolidation into the same folder is the chair's normal loop, so it
    /// is said rather than refused.
    pub replaced: Vec<String>,
}

/// Imports, consolidates, signs and writes; `passphrase` is asked for once
/// the import has run and the key is known to be there.
pub fn consolidate(
    store: &mut Store,
    batch_id: &str,
    reviews_dir: &Path,
    out_dir: &Path,
    opinions: &BTreeMap<String, PanelOpinion>,
    accept: &super::AcceptNew,
    passphrase: impl FnOnce() -> Result<Zeroizing<String>>,
) -> Result<Consolidated> {
    let (batch, me, seat) = super::presiding(store, batch_id)?;
    if store.keys()?.is_none() {
        return Err(crate::signing::no_key());
    }
    super::require_roster_key(store, &batch)?;
    // Every regular file in the folder (or entry of the ZIP), verified in
    // parallel, kept in the store when accepted; the batch is consolidated
    // from what counts there.
    let mut sources = super::ReviewSources::default();
    sources.add(reviews_dir, store.dir())?;
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut report = super::import_named(store, &batch, &sources.files, threads, accept, &|_| {})?;
    report.rejected.append(&mut sources.rejected);
    report.rejected.sort_by(|a, b| a.file.cmp(&b.file));
    let panel = super::consolidate_batch(store, &batch)?;
    std::fs::create_dir_all(out_dir).map_err(|e| {
        ApiError::unusable(
            ErrorCode::Io,
            format!("无法创建输出目录 {}：{}", out_dir.display(), paneldesk_core::reason::io_zh(&e)),
            format!("cannot create the output folder {}: {e}", out_dir.display()),
        )
    })?;
    let recused = super::recused(store, &batch)?;
    let identity = super::unlock_chair(store, &passphrase()?)?;
    let mut chair_name = super::chair_of(&me, &identity);
    if seat == super::Seat::Deputy {
        chair_name.role = Some("deputy".to_string());
    }
    let now = chrono::Local::now().fixed_offset();

    let mut signed = BTreeMap::new();
    let mut unsigned_for_flags = Vec::new();
    let mut requests = Vec::new();
    for r in &panel.results {
        let given = opinions.get(&r.package_id);
        let reasons = given.map(|o| o.flag_reasons.clone()).unwrap_or_default();
        signed.insert(r.package_id.clone(), false);
        if !seat.presides(&recused, &r.package_id) {
            continue;
        }
        if !signing_blockers(r, &reasons).is_empty() {
            if !r.flags.is_empty() && r.total.is_some() {
                unsigned_for_flags.push(r.package_id.clone());
            }
            continue;
        }
        let opinion = given
            .and_then(|o| o.opinion.clone())
            .unwrap_or_else(|| draft_opinion(&panel.batch, &panel.accepted, &r.package_id));
        requests.push(super::Request { package_id: r.package_id.clone(), opinion, reasons });
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let file_names = super::opinion_file_names(panel.batch.packages.iter().map(|p| p.id.as_str()));
    let mut replaced = Vec::new();
    // Each PDF is written out as soon as it is signed and recorded.
    let mut write_failure = None;
    let outcome = super::sign_packages(store, &panel, &requests, &identity, &chair_name, now, threads, &mut |pdf| {
        let name = file_names.get(&pdf.package_id).cloned().unwrap_or_else(|| format!("{}.pdf", pdf.package_id));
        if super::export::replaces(out_dir, &name) {
            replaced.push(name.clone());
        }
        match crate::data::write_file(&out_dir.join(&name), &pdf.pdf) {
            Ok(()) => {
                signed.insert(pdf.package_id, true);
                Ok(())
            }
            Err(e) => {
                let stop = ApiError::unusable(ErrorCode::Io, "写入输出目录失败", "writing to the output folder failed");
                write_failure = Some(e);
                Err(stop)
            }
        }
    });
    if let Some(e) = write_failure {
        return Err(e);
    }
    outcome?;
    // The ranking is the chair's; the deputy signs only their packages.
    if seat == super::Seat::Chair {
        for (name, bytes) in super::ranking_files(&panel, now, &identity)? {
            if super::export::replaces(out_dir, &name) {
                replaced.push(name.clone());
            }
            crate::data::write_file(&out_dir.join(name), &bytes)?;
        }
    }
    tracing::info!(
        batch = batch_id,
        signed = signed.values().filter(|s| **s).count(),
        unsigned = unsigned_for_flags.len(),
        "batch consolidated"
    );
    Ok(Consolidated { panel, signed, report, unsigned_for_flags, file_names, replaced })
}

impl Consolidated {
    /// The `--json` summary of docs/cli.md.
    pub fn summary_json(&self, lang: Lang) -> serde_json::Value {
        let packages: Vec<_> = self
            .panel
            .results
            .iter()
            .map(|r| {
                let flags: Vec<_> = r
                    .flags
                    .iter()
                    .map(|f| {
                        let mut v = serde_json::to_value(f).unwrap_or_default();
                        v["detail"] = flag_detail(&self.panel.batch, f).get(lang).into();
                        v
                    })
                    .collect();
                serde_json::json!({
                    "id": r.package_id,
                    "experts": r.reviews.len(),
                    "method": r.total.as_ref().map(|t| t.method.as_str()),
                    "aggregate": r.total.as_ref().map(|t| t.value),
                    "recommendation": r.recommendation,
                    "grade": r.grade,
                    "rank": r.rank,
                    "signed": self.signed.get(&r.package_id).copied().unwrap_or(false),
                    "flags": flags,
                    "votes": super::site_visits::votes(&self.panel.batch, &self.panel.accepted, &r.package_id),
                    "site_visit": self.panel.manifests.get(&r.package_id).and_then(|m| {
                        super::site_visits::summary(&self.panel.batch, m, &self.panel.accepted, &r.package_id)
                    }),
                })
            })
            .collect();
        let report = &self.report;
        let rejected: Vec<_> =
            report.rejected.iter().map(|r| serde_json::json!({"file": r.file, "reason": r.reason.get(lang)})).collect();
        let files = |list: &[String]| list.iter().map(|f| serde_json::json!({"file": f})).collect::<Vec<_>>();
        serde_json::json!({"packages": packages, "rejected": rejected,
            "duplicates": files(&report.duplicates), "already_imported": files(&report.already_imported),
            "superseded": files(&report.superseded)})
    }
}
