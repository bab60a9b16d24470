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
use paneldesk_opinion::document::{signed_review, REVIEW_JSON};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::{render_review_preview, ReviewContext};
use paneldesk_opinion::OpinionError;
use paneldesk_store::batches::StoredPackage;
use paneldesk_store::identity::{Keys, Profile};
use paneldesk_store::reviews::{ReviewKey, SavedReview};
use paneldesk_store::{Store, StoreError};
use zeroize::Zeroizing;

/// Which review: the package (within `batch_id` when given, else the one
/// batch that has it) and the phase.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub package_id: &'a str,
    pub batch_id: Option<&'a str>,
    pub phase: Phase,
}

/// Why a review cannot be previewed or signed. `refused` separates "the
/// rules say no" (an invalid sheet: the CLI's exit 1) from "cannot be used"
/// (missing key, package, sheet or file; a wrong passphrase: exit 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningError {
    pub code: &'static str,
    pub refused: bool,
    pub message: Msg,
}

impl SigningError {
    fn unusable(code: &'static str, message: Msg) -> SigningError {
        SigningError { code, refused: false, message }
    }
}

impl From<StoreError> for SigningError {
    fn from(e: StoreError) -> SigningError {
        SigningError::unusable(e.code, e.message)
    }
}

impl From<OpinionError> for SigningError {
    fn from(e: OpinionError) -> SigningError {
        SigningError::unusable(e.code.as_str(), e.message)
    }
}

/// What `sign` handed back.
#[derive(Clone, Debug)]
pub struct Signed {
    pub bytes: Vec<u8>,
    /// It had been signed before: these are the stored bytes, unchanged.
    pub again: bool,
    pub package_id: String,
    pub batch_id: String,
    pub expert_id: String,
    pub phase: Phase,
}

/// The passphrase is asked for only once everything else checks out, so
/// nobody types it for a sheet that cannot be signed anyway.
pub fn sign<E: From<SigningError>>(
    store: &mut Store,
    req: Request,
    passphrase: impl FnOnce() -> Result<Zeroizing<String>, E>,
) -> Result<Signed, E> {
    let me = profile(store)?;
    let keys = store.keys().map_err(SigningError::from)?.ok_or_else(no_key)?;
    let (package, batch) = package_and_batch(store, req)?;
    let key =
        ReviewKey { batch_id: &batch.id, package_id: &package.package_id, expert_id: &me.expert_id, phase: req.phase };
    let saved = latest(store, key, req)?;
    let signed = |bytes, again| Signed {
        bytes,
        again,
        package_id: package.package_id.clone(),
        batch_id: batch.id.clone(),
        expert_id: me.expert_id.clone(),
        phase: req.phase,
    };
    if saved.signed {
        // Signed is final: hand out the same signed file again.
        return Ok(signed(stored_signed(store, key)?, true));
    }
    require_not_recused(store, key)?;
    // A declared conflict is signed as it stands: the signed 回避声明 is the
    // expert's statement; the chair's import sets it aside.
    let problems =
        if saved.sheet.conflict_of_interest.declared { Vec::new() } else { saved.sheet.problems(&batch.rubric) };
    if let Some(p) = problems.first() {
        return Err(SigningError {
            code: "sheet-invalid",
            refused: true,
            message: Msg::new(
                format!("评分表无效，不能签署：{}", p.zh),
                format!("the score sheet is invalid and cannot be signed: {}", p.en),
            ),
        }
        .into());
    }
    let passphrase = passphrase()?;
    let identity = Identity::unlock(&keys.encrypted_key, &keys.certificate, &passphrase).map_err(SigningError::from)?;
    drop(passphrase);
    let doc = review_doc(&me, &keys, &package, &batch, &saved);
    let png = store.signature_png().map_err(SigningError::from)?.map(|s| s.png);
    let form = form_batch(&batch, &package, req.phase);
    let ctx = ReviewContext { batch: &form, manifest: &package.manifest, signature_png: png.as_deref() };
    let pdf = signed_review(&doc, &ctx, &identity).map_err(SigningError::from)?;
    store.mark_signed(saved.id, &pdf.bytes, &pdf.json_sha256).map_err(SigningError::from)?;
    Ok(signed(pdf.bytes, false))
}

/// The latest sheet as the signed form would show it, marked on every page
/// "预览 · 未签署 / PREVIEW · NOT SIGNED", with nothing attached and no
/// signature. Drafts can be previewed (the form shows what is missing);
/// a key is not needed. A signed review previews as its signed file.
pub fn preview(store: &Store, req: Request) -> Result<Vec<u8>, SigningError> {
    let me = profile(store)?;
    let keys = store.keys()?;
    let (package, batch) = package_and_batch(store, req)?;
    let key =
        ReviewKey { batch_id: &batch.id, package_id: &package.package_id, expert_id: &me.expert_id, phase: req.phase };
    let saved = latest(store, key, req)?;
    if saved.signed {
        return stored_signed(store, key);
    }
    require_not_recused(store, key)?;
    let certificate = keys.unwrap_or_else(|| Keys {
        certificate: Vec::new(),
        certificate_sha256: String::new(),
        encrypted_key: Vec::new(),
    });
    let doc = review_doc(&me, &certificate, &package, &batch, &saved);
    let json = serde_json::to_vec_pretty(&doc).map_err(|e| OpinionError::internal(REVIEW_JSON, e))?;
    let png = store.signature_png()?.map(|s| s.png);
    let form = form_batch(&batch, &package, req.phase);
    let ctx = ReviewContext { batch: &form, manifest: &package.manifest, signature_png: png.as_deref() };
    Ok(render_review_preview(&doc, &sha256_hex(&json), &ctx)?)
}

/// The batch the form is rendered from: for a site visit, with the
/// package's claims among the checklist, so each is named on the form.
fn form_batch<'a>(batch: &'a Batch, package: &StoredPackage, phase: Phase) -> Cow<'a, Batch> {
    match phase {
        Phase::Desk => Cow::Borrowed(batch),
        Phase::SiteVisit => Cow::Owned(crate::site_checklist::batch_for_form(batch, &package.manifest)),
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

fn profile(store: &Store) -> Result<Profile, SigningError> {
    store.profile()?.ok_or_else(|| {
        SigningError::unusable(
            "no-profile",
            Msg::new(
                "此数据目录还没有专家身份。请先填写专家信息（或运行 paneldesk-cli identity create）",
                "this data folder has no expert identity yet. Fill in the expert profile (or run paneldesk-cli identity create) first",
            ),
        )
    })
}

fn no_key() -> SigningError {
    SigningError::unusable(
        "no-key",
        Msg::new(
            "此数据目录还没有签名密钥。请先在“专家信息”页面创建或导入签名证书（命令行：identity create 或 identity import）",
            "this data folder has no signing key. Create or import a signing certificate in the profile page first (command line: identity create or identity import)",
        ),
    )
}

fn package_and_batch(store: &Store, req: Request) -> Result<(StoredPackage, Batch), SigningError> {
    let id = req.package_id;
    let package = store.find_package(id, req.batch_id)?.ok_or_else(|| {
        SigningError::unusable("unknown-package", Msg::new(format!("找不到材料包 {id}"), format!("no package {id}")))
    })?;
    let batch = store.batch(&package.batch_id)?.ok_or_else(|| {
        SigningError::unusable("unknown-batch", Msg::new("评审批次记录缺失", "the batch record is missing"))
    })?;
    Ok((package, batch))
}

fn latest(store: &Store, key: ReviewKey, req: Request) -> Result<SavedReview, SigningError> {
    let id = req.package_id;
    store.latest_review(key)?.ok_or_else(|| {
        SigningError::unusable(
            "no-sheet",
            Msg::new(
                format!("材料包 {id} 还没有{}评分记录。请先评分（命令行：review score）", phase_name(req.phase)),
                format!(
                    "no {} score sheet for package {id} yet. Score it first (command line: review score)",
                    req.phase.as_str()
                ),
            ),
        )
    })
}

/// A site visit by an expert who declared a conflict with the package (on
/// the desk review) is not signed, nor previewed: the site-visit record may
/// predate the declaration and would still say "no conflict".
fn require_not_recused(store: &Store, key: ReviewKey) -> Result<(), SigningError> {
    if key.phase != Phase::SiteVisit {
        return Ok(());
    }
    let desk = store.latest_review(ReviewKey { phase: Phase::Desk, ..key })?;
    if !desk.is_some_and(|d| d.sheet.conflict_of_interest.declared) {
        return Ok(());
    }
    let id = key.package_id;
    Err(SigningError {
        code: "conflict-declared",
        refused: true,
        message: Msg::new(
            format!("您已声明与材料包 {id} 存在利益冲突并回避，不能签署其现场考察意见"),
            format!("you declared a conflict of interest with package {id} and are recused: its site-visit opinion cannot be signed"),
        ),
    })
}

fn stored_signed(store: &Store, key: ReviewKey) -> Result<Vec<u8>, SigningError> {
    let missing = |why: String| {
        SigningError::unusable(
            "signed-file-missing",
            Msg::new(
                format!("已签署的文件缺失或无法读取{why}。请检查数据目录的 signed 文件夹"),
                format!("the signed file is missing or unreadable{why}. Check the data folder's signed folder"),
            ),
        )
    };
    let path = store.signed_pdf(key)?.ok_or_else(|| missing(String::new()))?;
    std::fs::read(&path).map_err(|e| missing(format!(" ({e})")))
}

pub fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Desk => "会议评审",
        Phase::SiteVisit => "现场考察",
    }
}
