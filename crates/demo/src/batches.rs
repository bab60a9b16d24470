//! Turns cases into packages and packages into a batch ZIP, checking on the
//! way that each package reads back and gets the verdict it was written for.

use std::collections::BTreeMap;
use std::io::Cursor;

use paneldesk_core::batch::{Batch, BatchPackage, PanelMember, BATCH_FORMAT, BATCH_JSON};
use paneldesk_core::manifest::Kind;
use paneldesk_core::package::builder::{write_entries, PackageBuilder};
use paneldesk_core::package::{read_package, sha256_hex};
use paneldesk_core::rubric::Rubric;
use paneldesk_core::rules::review;

use crate::case::Case;
use crate::documents::Written;
use paneldesk_opinion::render::engine::Fonts;

pub struct Spec {
    pub id: &'static str,
    pub title: &'static str,
    pub kind: Kind,
    pub deadline: &'static str,
    pub panel: Vec<PanelMember>,
    pub rubric: Rubric,
    pub cases: Vec<Case>,
}

pub struct Built {
    pub zip: Vec<u8>,
    /// Package id → intended verdict.
    pub expected: BTreeMap<String, String>,
}

fn package(fonts: &Fonts, kind: Kind, case: &Case, seq: usize) -> Result<Vec<u8>, String> {
    let id = &case.manifest.id;
    if case.manifest.kind != kind {
        return Err(format!("{id}: a {} package in a {} batch", case.manifest.kind.as_str(), kind.as_str()));
    }
    let docs: Vec<Written> = match kind {
        Kind::Establishment => crate::documents::establishment(fonts, case, seq)?,
        Kind::Acceptance | Kind::Periodic => crate::reports::acceptance(fonts, case)?,
    };
    let mut builder = PackageBuilder::new(case.manifest.clone());
    for w in docs {
        builder.add_document(&w.path, &w.title, w.kind, w.bytes);
    }
    builder.manifest.validate().map_err(|e| format!("{id}: {}", e.en))?;
    let formal = review(&builder.manifest);
    if formal.verdict != case.verdict {
        let rules: Vec<String> =
            formal.rules.iter().map(|r| format!("  {} {}: {}", r.id, r.result.as_str(), r.message.en)).collect();
        return Err(format!(
            "{id} was meant to be {} but the formal review says {}:\n{}",
            case.verdict.as_str(),
            formal.verdict.as_str(),
            rules.join("\n")
        ));
    }
    let bytes = builder.to_bytes();
    read_package(Cursor::new(&bytes)).map_err(|e| format!("{id} does not read back: {e}"))?;
    Ok(bytes)
}

pub fn build(fonts: &Fonts, spec: Spec) -> Result<Built, String> {
    let mut files = Vec::new();
    let mut listed = Vec::new();
    let mut expected = BTreeMap::new();
    for (seq, case) in spec.cases.iter().enumerate() {
        let bytes = package(fonts, spec.kind, case, seq)?;
        let id = case.manifest.id.clone();
        let file = format!("packages/{id}.zip");
        listed.push(BatchPackage { id: id.clone(), file: file.clone(), sha256: sha256_hex(&bytes) });
        expected.insert(id, case.verdict.as_str().to_string());
        files.push((file, bytes));
    }
    let batch = Batch {
        format: BATCH_FORMAT.to_string(),
        id: spec.id.to_string(),
        title: spec.title.to_string(),
        kind: spec.kind,
        organizer: "聊城市科学技术局".to_string(),
        deadline: spec.deadline.parse().map_err(|_| format!("not an RFC 3339 time: {}", spec.deadline))?,
        panel: spec.panel,
        packages: listed,
        rubric: spec.rubric,
        revision: None,
        organizer_id: None,
    };
    batch.validate().map_err(|e| format!("batch {}: {}", spec.id, e.en))?;
    let json = serde_json::to_vec_pretty(&batch).map_err(|e| e.to_string())?;
    let entries =
        std::iter::once((BATCH_JSON, json.as_slice())).chain(files.iter().map(|(f, b)| (f.as_str(), b.as_slice())));
    let zip = write_entries(Cursor::new(Vec::new()), entries).map_err(|e| format!("batch {}: {e}", spec.id))?;
    Ok(Built { zip: zip.into_inner(), expected })
}
