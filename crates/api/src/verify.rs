//! A signed review or panel opinion checked as the chair's import checks
//! it (docs/formats.md §4, §5): the signature covers the whole file, the
//! CMS verifies, the attached JSON and the footer hash agree. For a
//! 专家组意见 also every co-signature (§7): who signed, in what role, and
//! which reviewing members have not signed yet.

use std::collections::BTreeSet;
use std::path::Path;

use paneldesk_core::consensus_doc::ConsensusDoc;
use paneldesk_core::consensus_doc::CONSENSUS_FORMAT;
use paneldesk_core::Msg;
use paneldesk_opinion::document::{check_document, cosign_field, Checked};
use serde::Serialize;

use crate::error::Result;

/// Signed opinions are a few megabytes; 256 MiB bounds what is read.
pub const MAX_PDF_BYTES: u64 = 256 << 20;

/// What `verify` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// `tic-review/1` or `tic-consensus/1`, from the attached JSON.
    pub kind: Option<String>,
    /// The signer's expert id (certificate serialNumber): the review's
    /// expert, or the chair who certified a 专家组意见.
    pub signer_id: Option<String>,
    /// The signer's name (certificate CN).
    pub signer_name: Option<String>,
    /// SHA-256 of the signer's certificate.
    pub certificate_sha256: Option<String>,
    /// Every signature of a 专家组意见, the chair's first (§7).
    pub signers: Vec<SignerDto>,
    /// Members who reviewed the package and have not co-signed (§7).
    pub missing: Vec<String>,
    /// Expert id → SHA-256 of the certificate that signed their review
    /// attached to the 专家组意见: the one their co-signature must use.
    pub review_certificates: std::collections::BTreeMap<String, String>,
    /// Why it does not verify; empty when it does.
    pub problems: Vec<Msg>,
}

/// One signature of a 专家组意见.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SignerDto {
    /// The certificate's serialNumber.
    pub expert_id: String,
    /// The certificate's CN.
    pub name: String,
    /// `chair`, `deputy` or `member`.
    pub role: String,
    /// SHA-256 of the signing certificate (DER).
    pub certificate_sha256: String,
    /// The signature's time (/M), RFC 3339 in the signer's offset.
    pub signed_at: String,
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
    let bytes = crate::data::read_file(path, MAX_PDF_BYTES, "PDF")?;
    bytes_of(&bytes)
}

/// `file` of bytes already read.
pub fn bytes_of(bytes: &[u8]) -> Result<Verified> {
    let checked = check_document(bytes)?;
    Ok(verified(checked).0)
}

/// The outcome, and the consensus.json of a 专家组意见 that carries one.
pub(crate) fn verified(checked: Checked) -> (Verified, Option<ConsensusDoc>) {
    let signer = checked.verification.signer();
    let mut v = Verified {
        kind: checked.kind.clone(),
        signer_id: signer.and_then(|s| s.expert_id().map(String::from)),
        signer_name: signer.and_then(|s| s.name().map(String::from)),
        certificate_sha256: signer.map(|s| s.certificate_sha256.clone()),
        signers: Vec::new(),
        missing: Vec::new(),
        review_certificates: Default::default(),
        problems: checked.problems.clone(),
    };
    if checked.kind.as_deref() != Some(CONSENSUS_FORMAT) {
        return (v, None);
    }
    let Some(doc) = checked.json.as_deref().and_then(|j| serde_json::from_slice::<ConsensusDoc>(j).ok()) else {
        v.problems.push(Msg::new("consensus.json 无法读取", "consensus.json cannot be read"));
        return (v, None);
    };
    consensus_signers(&checked, &doc, &mut v);
    (v, Some(doc))
}

/// Fills `signers` and `missing`, and adds a problem for any signature
/// that is not the chair's first or a reviewing member's in their field.
fn consensus_signers(checked: &Checked, doc: &ConsensusDoc, v: &mut Verified) {
    let reviewers: BTreeSet<&str> = doc.reviews.iter().map(|r| r.expert_id.as_str()).collect();
    for id in &reviewers {
        if let Some(c) = review_certificate(checked, id) {
            v.review_certificates.insert(id.to_string(), c);
        }
    }
    let mut signed = BTreeSet::new();
    for (i, sig) in checked.verification.signatures.iter().enumerate() {
        let Some(s) = &sig.signer else { continue }; // its own problem already
        let id = s.expert_id().unwrap_or_default().to_string();
        let role = if i == 0 { doc.chair.role.clone().unwrap_or_else(|| "chair".into()) } else { "member".into() };
        if i == 0 {
            if s.certificate_sha256 != doc.chair.certificate_sha256 || id != doc.chair.expert_id {
                v.problems.push(Msg::new(
                    format!("第一个签名不是 consensus.json 所列组长 {} 的证书签署的", doc.chair.expert_id),
                    format!(
                        "the first signature is not by the certificate of the chair {} named in consensus.json",
                        doc.chair.expert_id
                    ),
                ));
            }
        } else {
            let field_ok = sig.field_name.as_deref() == Some(cosign_field(&id).as_str());
            let reviewed = reviewers.contains(id.as_str()) && id != doc.chair.expert_id;
            let same_key = v.review_certificates.get(&id).is_some_and(|c| *c == s.certificate_sha256);
            if !field_ok || !reviewed || !same_key {
                v.problems.push(Msg::new(
                    format!("第 {} 个签名（{id}）不是参与评审的专家组成员用其评审证书在本人签名域内签署的", i + 1),
                    format!(
                        "signature {} ({id}) is not a reviewing member's, made with the certificate of their review in their own field",
                        i + 1
                    ),
                ));
            }
        }
        if !signed.insert(id.clone()) {
            v.problems.push(Msg::new(format!("{id} 签名了不止一次"), format!("{id} signed more than once")));
        }
        v.signers.push(SignerDto {
            expert_id: id,
            name: s.name().unwrap_or_default().to_string(),
            role,
            certificate_sha256: s.certificate_sha256.clone(),
            signed_at: sig.signing_time.map(|t| t.to_rfc3339()).unwrap_or_default(),
        });
    }
    v.missing = reviewers.iter().filter(|id| !signed.contains(**id)).map(|id| id.to_string()).collect();
}

/// The certificate that signed this expert's review attached to the
/// 专家组意见 (desk, else site visit).
fn review_certificate(checked: &Checked, expert_id: &str) -> Option<String> {
    ["desk", "site_visit"].iter().find_map(|phase| {
        let name = format!("reviews/{expert_id}-{phase}.pdf");
        let file = checked.attachments.iter().find(|f| f.name == name)?;
        let inner = check_document(&file.bytes).ok()?;
        let signer = inner.verification.signer()?;
        (signer.expert_id() == Some(expert_id)).then(|| signer.certificate_sha256.clone())
    })
}
