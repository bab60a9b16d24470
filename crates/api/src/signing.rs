//! An expert's review: from the saved score sheet to the signed PDF, and the
//! unsigned preview of the same form. `paneldesk-cli review sign` and the
//! window's 预览 / 签署并导出 both call these, so the rules for what may be
//! signed live once.

use std::borrow::Cow;

use paneldesk_core::batch::Batch;
use paneldesk_core::package::sha256_hex;
use paneldesk_core::review_doc::{Expert, ReviewDoc};
use paneldesk_core::sheet::Phase;
use paneldesk_core::Msg;
use paneldesk_opinion::document::{signed_review_with_photos, REVIEW_JSON};
use paneldesk_opinion::render::{render_review_preview, ReviewContext};
use paneldesk_opinion::OpinionError;
use paneldesk_store::batches::StoredPackage;
use paneldesk_store::identity::{Keys, Profile};
use paneldesk_store::reviews::{ReviewKey, SavedReview};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::access::Reviewer;
use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};
use crate::review::phase_name;

/// Which review: the package (within `batch_id` when given, else the one
/// batch that has it) and the phase.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The package id.
    pub package_id: &'a str,
    /// The batch, when the caller knows it (the window always does).
    pub batch_id: Option<&'a str>,
    /// Desk review or site visit.
    pub phase: Phase,
    /// 复议: why a signed review is signed again (required then, refused
    /// otherwise).
    pub revision_reason: Option<&'a str>,
}

/// Longest 复议 reason.
pub const MAX_REASON_CHARS: usize = 2000;

/// What `sign` handed back.
#[derive(Clone, Debug)]
pub struct Signed {
    /// The signed PDF.
    pub bytes: Vec<u8>,
    /// It had been signed before: these are the stored bytes, unchanged.
    pub again: bool,
    /// The package id.
    pub package_id: String,
    /// The batch id.
    pub batch_id: String,
    /// The signer.
    pub expert_id: String,
    /// The phase signed.
    pub phase: Phase,
    /// The roster enrols another certificate for this expert: the chair
    /// will refuse this file (`access::roster_certificate_warning`).
    pub certificate_warning: Option<Msg>,
}

/// What exporting a signed review did (the window's 签署并导出).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ExportResult {
    /// Where the signed PDF was written; None when the save dialog was
    /// cancelled (the review is signed all the same: export it again).
    pub path: Option<String>,
    /// It had been signed before: the same stored file was exported again.
    pub again: bool,
    /// The file's size.
    pub bytes: u32,
    /// The chair will refuse it: the roster enrols another certificate.
    pub certificate_warning: Option<Msg>,
}

/// Signs the latest sheet of the phase, unless it is signed already (then
/// the same stored file again). What may be signed is checked here for
/// every caller: the expert on the batch's panel, not recused, a valid desk
/// sheet, or a site visit with its date and every item assessed. The
/// passphrase is asked for only once everything else checks out, so nobody
/// types it for a sheet that cannot be signed anyway.
pub fn sign(store: &mut Store, req: Request, passphrase: impl FnOnce() -> Result<Zeroizing<String>>) -> Result<Signed> {
    let r = Reviewer::load(store, req.batch_id, req.package_id)?;
    let keys = store.keys()?.ok_or_else(no_key)?;
    if req.phase == Phase::SiteVisit {
        crate::site_visit::check_for_signing(store, &r, true)?;
    }
    let (me, package, batch) = (&r.me, &r.package, &r.batch);
    let key = r.key(req.phase);
    let saved = latest(store, key, req)?;
    let certificate_warning = crate::access::roster_certificate_warning(store, batch)?;
    let signed = |bytes, again| Signed {
        bytes,
        again,
        package_id: package.package_id.clone(),
        batch_id: batch.id.clone(),
        expert_id: me.expert_id.clone(),
        phase: req.phase,
        certificate_warning: certificate_warning.clone(),
    };
    if saved.signed {
        // Signed is final: hand out the same signed file again.
        return Ok(signed(stored_signed(store, key)?, true));
    }
    let supersedes = revision(store, key, req.revision_reason)?;
    // A declared conflict is signed as it stands: the signed 回避声明 is the
    // expert's statement; the chair's import sets it aside.
    let problems =
        if saved.sheet.conflict_of_interest.declared { Vec::new() } else { saved.sheet.problems(&batch.rubric) };
    if let Some(p) = problems.first() {
        return Err(ApiError::refused(
            ErrorCode::SheetInvalid,
            format!("评分表无效，不能签署：{}", p.zh),
            format!("the score sheet is invalid and cannot be signed: {}", p.en),
        ));
    }
    let passphrase = passphrase()?;
    if passphrase.is_empty() {
        return Err(ApiError::refused(ErrorCode::PassphraseEmpty, "请输入签名口令", "enter your signing passphrase"));
    }
    let identity = crate::identity::unlock(&keys, &passphrase)?;
    drop(passphrase);
    let mut doc = review_doc(me, &keys, package, batch, &saved);
    // The log's head goes into the signed file: verify-audit checks the
    // chain against it later (issue 13 item 7).
    doc.audit_head = store.audit_head()?;
    if let Some((replaced, reason)) = &supersedes {
        doc.supersedes = Some(replaced.clone());
        doc.revision_reason = Some(reason.clone());
    }
    let png = store.signature_png()?.map(|s| s.png);
    let form = form_batch(batch, package, req.phase);
    let ctx = ReviewContext { batch: &form, manifest: &package.manifest, signature_png: png.as_deref() };
    let photos = photos_for_pdf(store, &saved)?;
    let pdf = signed_review_with_photos(&doc, &ctx, &identity, &photos)?;
    tracing::info!(package = %package.package_id, phase = req.phase.as_str(), revised = supersedes.is_some(), "review signed");
    let out = signed(pdf.bytes, false);
    let replaces = supersedes.as_ref().map(|(sha, reason)| (sha.as_str(), reason.as_str()));
    store.mark_signed(saved.id, &out.bytes, &pdf.json_sha256, replaces)?;
    Ok(out)
}

/// A site visit's photos, each checked against its id and re-encoded for
/// the signed PDF (formats.md §7); none for a desk review.
fn photos_for_pdf(store: &Store, saved: &SavedReview) -> Result<Vec<(String, Vec<u8>)>> {
    let Some(visit) = &saved.sheet.site_visit else { return Ok(Vec::new()) };
    let dir = crate::site_visit::photos_dir(store);
    let mut out = Vec::with_capacity(visit.photos.len());
    for id in &visit.photos {
        let bytes = crate::site_visit::read_photo(&dir, id)?;
        out.push((id.clone(), paneldesk_opinion::photo::for_pdf(&bytes)?));
    }
    Ok(out)
}

/// The latest sheet as the signed form would show it, marked on every page
/// "预览 · 未签署 / PREVIEW · NOT SIGNED", with nothing attached and no
/// signature. Drafts can be previewed (the form shows what is missing);
/// a key is not needed. A signed review previews as its signed file.
pub fn preview(store: &Store, req: Request) -> Result<Vec<u8>> {
    let r = Reviewer::load(store, req.batch_id, req.package_id)?;
    if req.phase == Phase::SiteVisit {
        crate::site_visit::check_for_signing(store, &r, false)?;
    }
    let (me, package, batch) = (&r.me, &r.package, &r.batch);
    let keys = store.keys()?;
    let key = r.key(req.phase);
    let saved = latest(store, key, req)?;
    if saved.signed {
        return stored_signed(store, key);
    }
    let certificate = keys.unwrap_or_else(|| Keys {
        certificate: Vec::new(),
        certificate_sha256: String::new(),
        encrypted_key: Vec::new(),
        ca_chain: Vec::new(),
    });
    let doc = review_doc(me, &certificate, package, batch, &saved);
    let json = serde_json::to_vec_pretty(&doc).map_err(|e| OpinionError::internal(REVIEW_JSON, e))?;
    let png = store.signature_png()?.map(|s| s.png);
    let form = form_batch(batch, package, req.phase);
    let ctx = ReviewContext { batch: &form, manifest: &package.manifest, signature_png: png.as_deref() };
    Ok(render_review_preview(&doc, &sha256_hex(&json), &ctx)?)
}

/// The batch the form is rendered from: for a site visit, with the
/// package's claims among the checklist, so each is named on the form.
fn form_batch<'a>(batch: &'a Batch, package: &StoredPackage, phase: Phase) -> Cow<'a, Batch> {
    match phase {
        Phase::Desk => Cow::Borrowed(batch),
        Phase::SiteVisit => Cow::Owned(crate::site_visit::batch_for_form(batch, &package.manifest)),
    }
}

fn review_doc(me: &Profile, keys: &Keys, package: &StoredPackage, batch: &Batch, saved: &SavedReview) -> ReviewDoc {
    let expert = Expert {
        expert_id: me.expert_id.clone(),
        name: me.name.clone(),
        title: me.title.clone(),
        affiliation: me.affiliation.clone(),
        certificate_sha256: keys.certificate_sha256.clone(),
    };
    let now = chrono::Local::now().fixed_offset();
    ReviewDoc::from_sheet(
        batch,
        &package.package_id,
        &package.sha256,
        expert,
        &saved.sheet,
        now,
        env!("CARGO_PKG_VERSION"),
    )
}

pub(crate) fn no_key() -> ApiError {
    ApiError::unusable(
        ErrorCode::NoKey,
        "此数据目录还没有签名密钥。请先在“专家信息”页面创建或导入签名证书（命令行：identity create 或 identity import）",
        "this data folder has no signing key. Create or import a signing certificate in the profile page first (command line: identity create or identity import)",
    )
}

/// For a 复议 (a signed review of this key exists): the signed file it
/// replaces and the reason, which is then required. Without one, a reason
/// is refused: there is nothing for it to explain.
fn revision(store: &Store, key: ReviewKey, reason: Option<&str>) -> Result<Option<(String, String)>> {
    let last = store.signed_history(key)?.pop();
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    match (last, reason) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(ApiError::refused(
            ErrorCode::RevisionReasonUnexpected,
            "这是该评审意见的首次签署，不需要复议理由。请去掉复议理由后再签署",
            "this review has not been signed before, so there is nothing to revise: sign it without a revision reason",
        )),
        (Some(_), None) => Err(ApiError::refused(
            ErrorCode::RevisionReasonRequired,
            "该评审意见此前已签署；再次签署即为复议，须说明复议理由（命令行：--revision-reason）",
            "this review was signed before; signing it again is a revision (复议) and needs a reason (command line: --revision-reason)",
        )),
        (Some(_), Some(r)) if r.chars().count() > MAX_REASON_CHARS => Err(ApiError::refused(
            ErrorCode::RevisionReasonRequired,
            format!("复议理由过长（最多 {MAX_REASON_CHARS} 字）。请精简"),
            format!("the revision reason is too long (at most {MAX_REASON_CHARS} characters). Shorten it"),
        )),
        (Some(last), Some(r)) => Ok(Some((last.pdf_sha256, r.to_string()))),
    }
}

fn latest(store: &Store, key: ReviewKey, req: Request) -> Result<SavedReview> {
    let id = req.package_id;
    store.latest_review(key)?.ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::NoSheet,
            format!("材料包 {id} 还没有{}评分记录。请先评分（命令行：review score）", phase_name(req.phase)),
            format!(
                "no {} score sheet for package {id} yet. Score it first (command line: review score)",
                req.phase.as_str()
            ),
        )
    })
}

fn stored_signed(store: &Store, key: ReviewKey) -> Result<Vec<u8>> {
    let missing = |why: String| {
        ApiError::unusable(
            ErrorCode::SignedFileMissing,
            format!("已签署的文件缺失或无法读取{why}。请检查数据目录的 signed 文件夹"),
            format!("the signed file is missing or unreadable{why}. Check the data folder's signed folder"),
        )
    };
    let path = store.signed_pdf(key)?.ok_or_else(|| missing(String::new()))?;
    std::fs::read(&path).map_err(|e| missing(format!(" ({e})")))
}

/// `<package_id>-<expert_id>-专家评审意见表.pdf` (or 现场考察意见表), with
/// anything that could act as a path separator or be refused by a file
/// system replaced.
pub fn file_name(package_id: &str, expert_id: &str, phase: Phase) -> String {
    let form = match phase {
        Phase::Desk => "专家评审意见表",
        Phase::SiteVisit => "现场考察意见表",
    };
    let clean = |s: &str| -> String {
        s.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect()
    };
    let name = format!("{}-{}-{form}.pdf", clean(package_id), clean(expert_id));
    if std::path::Path::new(&name).file_name().is_some_and(|n| n == name.as_str()) {
        name
    } else {
        format!("{form}.pdf")
    }
}
