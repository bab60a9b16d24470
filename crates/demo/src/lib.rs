//! Generates the bundled rubrics and demo batches (with real PDF documents)
//! under an assets directory. The output is byte-for-byte reproducible:
//! fixed timestamps everywhere and no random identifiers.

pub mod acceptance;
pub mod application;
pub mod batches;
pub mod case;
pub mod documents;
pub mod establishment;
pub mod figures;
pub mod identities;
pub mod panel;
pub mod reports;

use std::collections::BTreeMap;
use std::path::Path;

use paneldesk_core::manifest::Kind;
use paneldesk_core::rubrics;

use crate::batches::{build, Spec};

pub const ESTABLISHMENT_BATCH: &str = "demo/establishment-2026.zip";
pub const ACCEPTANCE_BATCH: &str = "demo/acceptance-2026.zip";

/// Every generated file: path relative to the assets directory, and bytes.
pub fn generate() -> Result<Vec<(String, Vec<u8>)>, String> {
    for r in [rubrics::establishment(), rubrics::evaluation()] {
        r.validate().map_err(|e| e.en)?;
        if r.max_total() != 100 {
            return Err(format!("rubric {} totals {}, not 100", r.id, r.max_total()));
        }
    }
    let fonts = paneldesk_opinion::render::engine::Fonts::shared()?;
    let mut out = vec![
        ("rubrics/establishment.json".to_string(), pretty(&rubrics::establishment())?),
        ("rubrics/evaluation.json".to_string(), pretty(&rubrics::evaluation())?),
    ];
    let specs = [
        (
            ESTABLISHMENT_BATCH,
            Spec {
                id: "LC-TIC-2026-ZJ01",
                title: "2026年度聊城市技术创新中心组建评审",
                kind: Kind::Establishment,
                deadline: "2026-06-30T17:00:00+08:00",
                panel: panel::establishment(),
                rubric: rubrics::establishment(),
                cases: establishment::cases(),
            },
        ),
        (
            ACCEPTANCE_BATCH,
            Spec {
                id: "LC-TIC-2026-YS01",
                title: "2026年度聊城市技术创新中心筹建期满综合绩效评价",
                kind: Kind::Acceptance,
                deadline: "2026-07-15T17:00:00+08:00",
                panel: panel::acceptance(),
                rubric: rubrics::evaluation(),
                cases: acceptance::cases(),
            },
        ),
    ];
    let mut expected = BTreeMap::new();
    for (path, spec) in specs {
        let built = build(fonts, spec)?;
        let name = path.rsplit('/').next().unwrap_or(path).to_string();
        expected.insert(name, built.expected);
        out.push((path.to_string(), built.zip));
    }
    out.push(("demo/expected.json".to_string(), pretty(&expected)?));
    Ok(out)
}

/// Writes every generated file under `dir`; returns what was written.
pub fn generate_into(dir: &Path) -> Result<Vec<(String, u64)>, String> {
    let mut written = Vec::new();
    for (rel, bytes) in generate()? {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push((rel, bytes.len() as u64));
    }
    Ok(written)
}

/// Writes the demo panels' certificate files (`<expert_id>.p12`) and a
/// `README.txt` naming who each one is under `dir`; returns what was written.
pub fn write_identities(dir: &Path) -> Result<Vec<(String, u64)>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut readme = format!(
        "PanelDesk 演示专家的证书文件 / the demo panels' certificate files\n\
         口令 / passphrase: {}\n\
         仅供演示：密钥由公开的标签推导，任何人都能以这些身份签名。\n\
         Demo only: the keys derive from public labels; anyone can sign as these identities.\n\n",
        identities::P12_PASSPHRASE
    );
    let mut written = Vec::new();
    for (batch, panel) in [(ESTABLISHMENT_BATCH, panel::establishment()), (ACCEPTANCE_BATCH, panel::acceptance())] {
        for (file, bytes) in identities::p12_files(&panel)? {
            let path = dir.join(&file);
            std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            written.push((file, bytes.len() as u64));
        }
        for m in &panel {
            let role = if m.role == paneldesk_core::batch::Role::Chair { "组长 chair" } else { "成员 member" };
            readme.push_str(&format!("{}.p12  {}  {}  {}  ({batch})\n", m.expert_id, m.name, m.title, role));
        }
    }
    std::fs::write(dir.join("README.txt"), &readme).map_err(|e| format!("{}: {e}", dir.display()))?;
    written.push(("README.txt".to_string(), readme.len() as u64));
    Ok(written)
}

/// Pretty JSON with a final newline, for files people read and diff.
fn pretty<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let mut v = serde_json::to_vec_pretty(value).map_err(|e| e.to_string())?;
    v.push(b'\n');
    Ok(v)
}
