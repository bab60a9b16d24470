//! Turns cases into packages and packages into a batch ZIP, checking on the
//! way that each package reads back and gets the verdict it was written for.

use std::collections::BTreeMap;
use std::io::Cursor;

use paneldesk_api::organizer::batch::assemble;
use paneldesk_core::batch::{Batch, BatchPackage, PanelMember, BATCH_FORMAT};
use paneldesk_core::manifest::Kind;
use paneldesk_core::package::builder::PackageBuilder;
use paneldesk_core::package::{read_package, sha256_hex};
use paneldesk_core::rubric::Rubric;
use paneldesk_core::rules::review;

use crate::case::Case;
use crate::documents::Written;
use crate::identities;
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

/// The batch as the demo bureau issues it (`paneldesk_api`'s `assemble`,
/// the code behind `batch build`): every roster line enrolled with its demo
/// certificate, batch.json signed at a fixed time.
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
    let mut panel = spec.panel;
    for member in &mut panel {
        member.certificate_sha256 = Some(identities::expert(member)?.certificate_sha256());
    }
    let batch = Batch {
        format: BATCH_FORMAT.to_string(),
        id: spec.id.to_string(),
        title: spec.title.to_string(),
        kind: spec.kind,
        organizer: identities::ORGANIZER_NAME.to_string(),
        deadline: spec.deadline.parse().map_err(|_| format!("not an RFC 3339 time: {}", spec.deadline))?,
        panel,
        packages: listed,
        rubric: spec.rubric,
        revision: Some(1),
        organizer_id: Some(identities::ORGANIZER_ID.to_string()),
    };
    let bureau = identities::organizer()?;
    let zip = assemble(&batch, &files, Some((&bureau, identities::signed_at()?)))
        .map_err(|e| format!("batch {}: {}", spec.id, e.message.en))?;
    Ok(Built { zip, expected })
}
