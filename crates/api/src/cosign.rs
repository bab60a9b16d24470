//! 专家组成员签字 (formats.md §7, cli.md `consensus cosign`): a panel member
//! adds an approval signature to the chair's signed 专家组意见. Everything
//! that decides whether they may is here, for the window and the CLI: the
//! file verifies with the chair's signature first, it is for a package of
//! an imported batch as that batch has it, the chair is the roster's, the
//! member is on the panel, reviewed the package with this very certificate,
//! declared no conflict, and has not signed it yet.

use paneldesk_core::batch::Role;
use paneldesk_core::consensus_doc::ConsensusDoc;
use paneldesk_core::sheet::Phase;
use paneldesk_opinion::document::{check_document, cosign_consensus};
use paneldesk_store::reviews::ReviewKey;
use zeroize::Zeroizing;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};
use crate::verify::{verified, Verified};

/// A 专家组意见 as a member sees it before co-signing.
#[derive(Clone, Debug)]
pub struct Inspected {
    /// The verification, with every signature and who is missing.
    pub verified: Verified,
    /// The batch it is for.
    pub batch_id: String,
    /// The package it is for.
    pub package_id: String,
    /// Why this data folder's expert may not co-sign it; empty when they may.
    pub blockers: Vec<paneldesk_core::Msg>,
}

/// The 专家组成员签字 screen: a 专家组意见 as verified, who signed, who
/// is missing, and whether this folder's expert may sign it now.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct CosignView {
    /// The file, as chosen.
    pub path: String,
    /// The batch it is for (empty when it is not a 专家组意见).
    pub batch_id: String,
    /// The package it is for.
    pub package_id: String,
    /// Every signature verifies and every later revision only signs.
    pub valid: bool,
    /// Why it does not verify.
    pub problems: Vec<paneldesk_core::Msg>,
    /// Every signature, the chair's (or deputy's) first.
    pub signers: Vec<crate::verify::SignerDto>,
    /// Reviewing members who have not signed.
    pub missing: Vec<String>,
    /// Why this folder's expert may not co-sign it; empty when they may.
    pub blockers: Vec<paneldesk_core::Msg>,
}

impl Inspected {
    /// The screen's view of it.
    pub fn view(self, path: &std::path::Path) -> CosignView {
        CosignView {
            path: path.to_string_lossy().into_owned(),
            batch_id: self.batch_id,
            package_id: self.package_id,
            valid: self.verified.valid(),
            problems: self.verified.problems,
            signers: self.verified.signers,
            missing: self.verified.missing,
            blockers: self.blockers,
        }
    }
}

/// What co-signing produced.
#[derive(Clone, Debug)]
pub struct Cosigned {
    /// The 专家组意见 with the member's signature appended.
    pub bytes: Vec<u8>,
    /// The batch it is for.
    pub batch_id: String,
    /// The package it is for.
    pub package_id: String,
    /// The member who signed.
    pub expert_id: String,
    /// Who has still to sign after this one.
    pub missing: Vec<String>,
}

/// Verifies `bytes` and says whether this folder's expert may co-sign.
pub fn inspect(store: &Store, bytes: &[u8]) -> Result<Inspected> {
    let (verified, doc) = verified(check_document(bytes)?);
    let mut blockers = Vec::new();
    let mut no = |zh: String, en: String| blockers.push(paneldesk_core::Msg::new(zh, en));
    if !verified.valid() {
        let zh: Vec<&str> = verified.problems.iter().map(|p| p.zh.as_str()).collect();
        let en: Vec<&str> = verified.problems.iter().map(|p| p.en.as_str()).collect();
        no(format!("文件未通过校验：{}", zh.join("；")), format!("the file does not verify: {}", en.join("; ")));
    }
    let Some(doc) = doc else {
        no("这不是专家组意见（tic-consensus/1）".into(), "this is not a panel opinion (tic-consensus/1)".into());
        return Ok(Inspected { verified, batch_id: String::new(), package_id: String::new(), blockers });
    };
    for (zh, en) in rules(store, &doc, &verified)? {
        no(zh, en);
    }
    Ok(Inspected { verified, batch_id: doc.batch_id.clone(), package_id: doc.package_id.clone(), blockers })
}

/// Co-signs `bytes` as this folder's expert, once `inspect` finds nothing
/// against it; the passphrase is asked for only then.
pub fn cosign(store: &Store, bytes: &[u8], passphrase: impl FnOnce() -> Result<Zeroizing<String>>) -> Result<Cosigned> {
    let inspected = inspect(store, bytes)?;
    if let Some(first) = inspected.blockers.first() {
        let code =
            if first.en.contains("already co-signed") { ErrorCode::AlreadyCosigned } else { ErrorCode::CannotCosign };
        let zh: Vec<&str> = inspected.blockers.iter().map(|m| m.zh.as_str()).collect();
        let en: Vec<&str> = inspected.blockers.iter().map(|m| m.en.as_str()).collect();
        return Err(ApiError::refused(
            code,
            format!("不能会签此专家组意见：{}", zh.join("；")),
            format!("this panel opinion cannot be co-signed: {}", en.join("; ")),
        ));
    }
    let keys = store.keys()?.ok_or_else(crate::signing::no_key)?;
    let passphrase = passphrase()?;
    if passphrase.is_empty() {
        return Err(ApiError::refused(ErrorCode::PassphraseEmpty, "请输入签名口令", "enter your signing passphrase"));
    }
    let identity = crate::identity::unlock(&keys, &passphrase)?;
    drop(passphrase);
    let out = cosign_consensus(bytes, &identity, chrono::Local::now().fixed_offset())?;
    // What was written must verify as what was meant, before anyone sees it.
    let after = crate::verify::bytes_of(&out)?;
    let me = identity.expert_id().unwrap_or_default().to_string();
    if !after.valid() || !after.signers.iter().any(|s| s.expert_id == me) {
        return Err(ApiError::unusable(
            ErrorCode::NotValid,
            "会签后的文件未通过校验，未保存。请联系技术支持",
            "the co-signed file does not verify and was not saved. Contact support",
        ));
    }
    tracing::info!(batch = %inspected.batch_id, package = %inspected.package_id, "panel opinion co-signed");
    Ok(Cosigned {
        bytes: out,
        batch_id: inspected.batch_id,
        package_id: inspected.package_id,
        expert_id: me,
        missing: after.missing,
    })
}

/// The rules of §7 for this folder's expert and this 专家组意见.
fn rules(store: &Store, doc: &ConsensusDoc, v: &Verified) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let Some(batch) = store.batch(&doc.batch_id)? else {
        out.push((
            format!("未导入评审批次 {}。请先导入该评审批次", doc.batch_id),
            format!("batch {} is not imported here. Import it first", doc.batch_id),
        ));
        return Ok(out);
    };
    match batch.packages.iter().find(|p| p.id == doc.package_id) {
        Some(p) if p.sha256 == doc.package_sha256 => {}
        _ => out.push((
            format!("评审批次 {} 中没有这一版本的材料包 {}", batch.id, doc.package_id),
            format!("batch {} has no package {} in this version", batch.id, doc.package_id),
        )),
    }
    // The first signature must be the roster's chair (or deputy), with the
    // roster's certificate when it names one.
    let role = if doc.chair.role.as_deref() == Some("deputy") { Role::Deputy } else { Role::Chair };
    let chair_line = batch.panel.iter().find(|e| e.expert_id == doc.chair.expert_id && e.role == role);
    let cert_ok = chair_line
        .and_then(|e| e.certificate_sha256.as_deref())
        .is_none_or(|c| v.certificate_sha256.as_deref() == Some(c));
    if chair_line.is_none() || !cert_ok || v.signer_id.as_deref() != Some(doc.chair.expert_id.as_str()) {
        out.push((
            format!("签署人 {} 不是该评审批次名单上的专家组组长（或其证书不符）", doc.chair.expert_id),
            format!(
                "the signer {} is not the batch's chair on the roster (or their certificate differs)",
                doc.chair.expert_id
            ),
        ));
    }
    let Some(me) = store.profile()? else {
        out.push(("此数据目录还没有专家身份".into(), "this data folder has no expert identity".into()));
        return Ok(out);
    };
    let keys = store.keys()?;
    if batch.expert(&me.expert_id).is_none() {
        out.push((
            format!("您（{}）不在评审批次 {} 的专家组名单中", me.expert_id, batch.id),
            format!("you ({}) are not on the panel of batch {}", me.expert_id, batch.id),
        ));
    }
    if me.expert_id == doc.chair.expert_id {
        out.push(("组长已在文件上签名，无需会签".into(), "the chair signed it first and does not co-sign".into()));
    } else if !doc.reviews.iter().any(|r| r.expert_id == me.expert_id) {
        out.push((
            format!("您（{}）的评审意见不在该专家组意见计入的意见之中，不能会签", me.expert_id),
            format!(
                "your review ({}) is not among those this panel opinion counts, so you cannot co-sign it",
                me.expert_id
            ),
        ));
    }
    let key =
        ReviewKey { batch_id: &batch.id, package_id: &doc.package_id, expert_id: &me.expert_id, phase: Phase::Desk };
    if store.latest_review(key)?.is_some_and(|r| r.sheet.conflict_of_interest.declared) {
        out.push((
            "您对该材料包声明了利益冲突（回避），不能会签".into(),
            "you declared a conflict of interest with this package and cannot co-sign".into(),
        ));
    }
    if v.signers.iter().skip(1).any(|s| s.expert_id == me.expert_id) {
        out.push(("您已经会签过此专家组意见".into(), "you have already co-signed this panel opinion".into()));
    }
    // The certificate that signs must be the one the member reviewed with,
    // which `verify` checks for every co-signature.
    if let (Some(k), Some(c)) = (keys, v.review_certificates.get(&me.expert_id)) {
        if *c != k.certificate_sha256 {
            out.push((
                "本数据目录的证书不是您签署评审意见时使用的证书".into(),
                "this data folder's certificate is not the one you signed your review with".into(),
            ));
        }
    }
    Ok(out)
}
