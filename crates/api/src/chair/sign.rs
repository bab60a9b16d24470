//! Signing the panel's 专家组意见 for a package (docs/formats.md §5): refused
//! while a flag has no reason; the PDF carries consensus.json and every
//! counted review PDF, and is kept in the store.

use paneldesk_core::consensus_doc::{signing_blockers, Chair, ConsensusDoc};
use paneldesk_core::consolidate::{Candidate, PackageResult};
use paneldesk_core::review_doc::ReviewDoc;
use paneldesk_core::time::Timestamp;
use paneldesk_core::Msg;
use paneldesk_opinion::document::{signed_consensus, SignedPdf};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::ConsensusContext;
use paneldesk_store::identity::Profile;
use paneldesk_store::Store;

use super::{ApiError, ErrorCode, Panel, Result};

/// A signed 专家组意见 as recorded.
pub struct Signed {
    /// The package it is for.
    pub package_id: String,
    /// The signed PDF.
    pub pdf: Vec<u8>,
    /// Its SHA-256.
    pub pdf_sha256: String,
}

/// The chair's key, unlocked with the passphrase.
pub fn unlock_chair(store: &Store, passphrase: &str) -> Result<Identity> {
    let keys = store.keys()?.ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::NoKey,
            "此数据目录还没有签名密钥。请先创建或导入签名密钥",
            "this data folder has no signing key. Create or import one first",
        )
    })?;
    crate::identity::unlock(&keys, passphrase)
}

/// The chair as consensus.json names them.
pub fn chair_of(me: &Profile, identity: &Identity) -> Chair {
    Chair {
        expert_id: me.expert_id.clone(),
        name: me.name.clone(),
        certificate_sha256: identity.certificate_sha256(),
        role: None,
    }
}

/// Refused, saying why, while a flag has no reason (checked before the
/// passphrase is asked for, and again when signing).
pub fn ready_to_sign(result: &PackageResult, reasons: &[String]) -> Result<()> {
    let blockers = signing_blockers(result, reasons);
    if blockers.is_empty() {
        return Ok(());
    }
    let id = &result.package_id;
    let zh: Vec<&str> = blockers.iter().map(|m| m.zh.as_str()).collect();
    let en: Vec<&str> = blockers.iter().map(|m| m.en.as_str()).collect();
    // The advice follows what is missing: with no review there is no flag.
    let (todo_zh, todo_en) = if result.total.is_none() {
        ("请先导入专家签署的评审意见", "Import the experts' signed reviews first")
    } else {
        ("请先为每个分歧提示填写理由", "Give a reason for each flag first")
    };
    Err(ApiError::refused(
        ErrorCode::CannotSign,
        format!("材料包 {id} 还不能签署：{}。{todo_zh}", zh.join("；")),
        format!("package {id} cannot be signed yet: {}. {todo_en}", en.join("; ")),
    ))
}

/// Why the window's 签署 button is off for this package, if it is: nothing
/// counts yet, no signing key, or not the roster's key for the chair. Flags
/// without reasons are not here: they are typed on the same screen, and the
/// click saves them before signing (`ready_to_sign` then decides).
pub fn cannot_sign(store: &Store, batch: &paneldesk_core::batch::Batch, result: &PackageResult) -> Result<Option<Msg>> {
    if result.total.is_none() {
        return Ok(Some(Msg::new(
            "还没有可计入的专家评审意见，暂无可签署的内容。请先导入专家签署的评审意见",
            "no review counts yet, so there is nothing to sign. Import the experts' signed reviews first",
        )));
    }
    if store.keys()?.is_none() {
        return Ok(Some(Msg::new(
            "此数据目录还没有签名密钥。请先在“签名身份与手写签名”中创建或导入",
            "this data folder has no signing key. Create or import one under “Signing identity and handwritten signature” first",
        )));
    }
    Ok(super::access::require_roster_key(store, batch).err().map(|e| e.message))
}

/// One package's 专家组意见, checked and with its review PDFs read from the
/// store: everything rendering and signing need, none of it the store.
pub struct Prepared<'p> {
    package_id: String,
    doc: ConsensusDoc,
    ctx: ConsensusContext<'p>,
    docs: Vec<&'p ReviewDoc>,
    attachments: Vec<(String, Vec<u8>)>,
    /// The counted reviews the attachments are the signed files of, in the
    /// same order: each is checked again by `sign`, off the store's thread.
    counted: Vec<&'p Candidate>,
}

/// Checks that the package may be signed (every flag has a reason, a
/// review counts) and reads what its PDF carries.
pub fn prepare<'p>(
    store: &Store,
    panel: &'p Panel,
    package_id: &str,
    opinion: &str,
    reasons: &[String],
    chair: &Chair,
    now: Timestamp,
) -> Result<Prepared<'p>> {
    let result = panel.result(package_id)?;
    ready_to_sign(result, reasons)?;
    let mut doc =
        ConsensusDoc::build(&panel.batch, result, opinion, reasons, chair.clone(), now, env!("CARGO_PKG_VERSION"))
            .ok_or_else(|| {
                ApiError::refused(
                    ErrorCode::CannotSign,
                    format!("材料包 {package_id} 没有可计入的评审意见，不能签署"),
                    format!("package {package_id} has no review that counts and cannot be signed"),
                )
            })?;
    // The log's head, for verify-audit to check the chain against later.
    doc.audit_head = store.audit_head()?;
    // Votes, the site visits and their reviews (formats.md §7).
    doc.votes = super::site_visits::votes(&panel.batch, &panel.accepted, package_id);
    doc.site_visit = panel
        .manifests
        .get(package_id)
        .and_then(|m| super::site_visits::summary(&panel.batch, m, &panel.accepted, package_id));
    doc.reviews.extend(super::site_visits::site_visit_refs(&panel.batch, &panel.accepted, package_id));
    doc.superseded = super::revisions::superseded(&panel.received, &panel.accepted, package_id);
    let counted: Vec<_> = panel.accepted.iter().filter(|c| c.doc.package_id == package_id).collect();
    let mut attachments = Vec::new();
    for c in &counted {
        let name = format!("reviews/{}-{}.pdf", c.doc.expert.expert_id, c.doc.phase.as_str());
        attachments.push((name, stored_copy(store, c)?));
    }
    let manifest = panel.manifests.get(package_id).ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::UnknownPackage,
            format!("材料包 {package_id} 记录缺失。请重新导入评审批次"),
            format!("package {package_id} is missing. Import the batch again"),
        )
    })?;
    Ok(Prepared {
        package_id: package_id.to_string(),
        doc,
        ctx: ConsensusContext { batch: &panel.batch, manifest, result },
        docs: counted.iter().map(|c| &c.doc).collect(),
        attachments,
        counted,
    })
}

fn changed(c: &Candidate) -> ApiError {
    ApiError::refused(
        ErrorCode::FileChanged,
        format!(
            "已导入的评审意见 {} 与其签名文件不符（数据库或文件被改动），未签署。请运行 paneldesk-cli verify-audit，并重新导入该专家的签名文件",
            c.file
        ),
        format!(
            "the imported review {} no longer matches its signed file (the database or the file was changed); nothing was signed. Run paneldesk-cli verify-audit and import that expert's signed file again",
            c.file
        ),
    )
}

/// The stored PDF of a counted review, its bytes hashing to the recorded
/// SHA-256.
fn stored_copy(store: &Store, c: &Candidate) -> Result<Vec<u8>> {
    let pdf = store.received_pdf(&c.file_sha256).map_err(|_| changed(c))?;
    if paneldesk_core::package::sha256_hex(&pdf) != c.file_sha256 {
        return Err(changed(c));
    }
    Ok(pdf)
}

/// That copy verified again: its signature holds, its signer is the
/// recorded certificate, and the review.json inside is the one the figures
/// came from. The database's copy could have been edited; the signed file
/// not. Bytes this process verified in full at import (`seen`: same SHA-256,
/// same signer, same review.json) are not verified twice. Run by
/// `Prepared::sign`, so packages are checked in parallel.
fn check_copy(pdf: &[u8], c: &Candidate) -> Result<()> {
    let sha256 = paneldesk_core::package::sha256_hex(pdf);
    if super::seen::was_verified(&sha256, &c.signer_certificate_sha256, &c.doc) {
        return Ok(());
    }
    let checked = paneldesk_opinion::document::check_document(pdf).map_err(|_| changed(c))?;
    let signer = checked.verification.signer().map(|s| s.certificate_sha256.clone());
    let doc: Option<ReviewDoc> = checked.json.as_deref().and_then(|j| serde_json::from_slice(j).ok());
    if !checked.valid()
        || signer.as_deref() != Some(c.signer_certificate_sha256.as_str())
        || doc.as_ref() != Some(&c.doc)
    {
        return Err(changed(c));
    }
    Ok(())
}

impl Prepared<'_> {
    /// The package this is for.
    pub fn package_id(&self) -> &str {
        &self.package_id
    }

    /// Renders and signs: no store, so packages can be signed in parallel.
    pub fn sign(&self, identity: &Identity) -> Result<SignedPdf> {
        for ((_, pdf), c) in self.attachments.iter().zip(&self.counted) {
            check_copy(pdf, c)?;
        }
        Ok(signed_consensus(&self.doc, &self.ctx, &self.docs, &self.attachments, identity)?)
    }
}

/// Keeps a signed 专家组意见 in the store.
pub fn record(store: &mut Store, panel: &Panel, package_id: &str, pdf: SignedPdf) -> Result<Signed> {
    let sig = store.record_consensus(&panel.batch.id, package_id, &pdf.bytes, &pdf.json_sha256)?;
    Ok(Signed { package_id: package_id.to_string(), pdf: pdf.bytes, pdf_sha256: sig.pdf_sha256 })
}

/// Signs one package's 专家组意见 and keeps it in the store.
#[allow(clippy::too_many_arguments)]
pub fn sign_package(
    store: &mut Store,
    panel: &Panel,
    package_id: &str,
    opinion: &str,
    reasons: &[String],
    identity: &Identity,
    chair: &Chair,
    now: Timestamp,
) -> Result<Signed> {
    let pdf = prepare(store, panel, package_id, opinion, reasons, chair, now)?.sign(identity)?;
    record(store, panel, package_id, pdf)
}
