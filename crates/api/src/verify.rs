//! A signed review or panel opinion checked as the chair's import checks
//! it (docs/formats.md §4, §5): the signature covers the whole file, the
//! CMS verifies, the attached JSON and the footer hash agree.

use std::path::Path;

use paneldesk_core::Msg;
use paneldesk_opinion::document::check_document;

use crate::error::Result;

/// What `verify` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// `tic-review/1` or `tic-consensus/1`, from the attached JSON.
    pub kind: Option<String>,
    /// The signer's expert id (certificate serialNumber).
    pub signer_id: Option<String>,
    /// The signer's name (certificate CN).
    pub signer_name: Option<String>,
    /// SHA-256 of the signer's certificate.
    pub certificate_sha256: Option<String>,
    /// Why it does not verify; empty when it does.
    pub problems: Vec<Msg>,
}

impl Verified {
    /// Nothing was found wrong.
    pub fn valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks the PDF at `path`. A file that is not a PDF at all is an error;
/// a PDF that does not verify is a `Verified` with its problems.
pub fn file(path: &Path) -> Result<Verified> {
    // Signed opinions are a few megabytes; 256 MiB bounds what is read.
    let bytes = crate::data::read_file(path, 256 << 20, "PDF")?;
    let checked = check_document(&bytes)?;
    let signer = checked.verification.signer();
    Ok(Verified {
        kind: checked.kind.clone(),
        signer_id: signer.and_then(|s| s.expert_id().map(String::from)),
        signer_name: signer.and_then(|s| s.name().map(String::from)),
        certificate_sha256: signer.map(|s| s.certificate_sha256.clone()),
        problems: checked.problems,
    })
}
