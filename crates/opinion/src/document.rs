//! The signed documents end to end: render, attach the JSON (and for the
//! panel, the individual reviews), sign; and the reverse check that `verify`
//! and the chair's import rely on.

use chrono::{DateTime, FixedOffset};
use paneldesk_core::consensus_doc::{ConsensusDoc, CONSENSUS_FORMAT};
use paneldesk_core::consolidate::Candidate;
use paneldesk_core::package::sha256_hex;
use paneldesk_core::review_doc::{ReviewDoc, REVIEW_FORMAT};

use crate::error::{ErrorCode, Msg, OpinionError, Result};
use crate::identity::Identity;
use crate::render::{render_consensus_with_reviews, render_review, ConsensusContext, Rendered, ReviewContext};
use crate::sign::{
    attach_file, attach_files, sign_as, Attachment, CosignField, SignatureAppearance, SignatureRole, Verification,
};

pub const REVIEW_JSON: &str = "review.json";
pub const CONSENSUS_JSON: &str = "consensus.json";

pub struct SignedPdf {
    pub bytes: Vec<u8>,
    /// SHA-256 of the embedded JSON, as printed in the footer.
    pub json_sha256: String,
}

fn json_bytes<T: serde::Serialize>(doc: &T) -> Result<Vec<u8>> {
    serde_json::to_vec_pretty(doc).map_err(|e| OpinionError::internal("JSON", e))
}

/// The lines of a visible signature: who, in what role, and when in the
/// signer's own time zone.
pub fn signature_lines(role: &str, name: &str, expert_id: &str, at: DateTime<FixedOffset>) -> Vec<String> {
    vec![format!("{role} {name}（{expert_id}）"), format!("数字签名 {}", at.format("%Y-%m-%d %H:%M %:z"))]
}

fn sign_rendered(
    rendered: Rendered,
    identity: &Identity,
    role: &str,
    signed_at: DateTime<FixedOffset>,
    certify: bool,
) -> Result<Vec<u8>> {
    let who = identity.expert_id().unwrap_or("-").to_string();
    let name = identity.subject().name.clone().unwrap_or_default();
    let appearance = SignatureAppearance {
        page: rendered.signature_page,
        rect: rendered.signature_rect,
        lines: signature_lines(role, &name, &who, signed_at),
    };
    let fields: Vec<CosignField> = rendered
        .cosign
        .iter()
        .map(|(id, spot)| CosignField { name: cosign_field(id), page: spot.page, rect: spot.rect })
        .collect();
    let role = if certify { SignatureRole::Certification { cosigners: &fields } } else { SignatureRole::Approval };
    sign_as(&rendered.pdf, identity, &appearance, signed_at, role)
}

/// The name of the signature field a member co-signs.
pub fn cosign_field(expert_id: &str) -> String {
    format!("cosign-{expert_id}")
}

/// A member's co-signature on a signed 专家组意见: fills the member's field,
/// adding nothing else. Whether this member may co-sign is the caller's rule.
pub fn cosign_consensus(pdf: &[u8], identity: &Identity, signed_at: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    let who = identity.expert_id().unwrap_or("-").to_string();
    let name = identity.subject().name.clone().unwrap_or_default();
    let appearance =
        SignatureAppearance {
            page: 0, rect: [0.0; 4], lines: signature_lines("专家组成员", &name, &who, signed_at)
        };
    let field = cosign_field(&who);
    sign_as(pdf, identity, &appearance, signed_at, SignatureRole::Fill { field: &field })
}

/// An expert's 专家评审意见表 with review.json attached, signed.
pub fn signed_review(doc: &ReviewDoc, ctx: &ReviewContext, identity: &Identity) -> Result<SignedPdf> {
    signed_review_with_photos(doc, ctx, identity, &[])
}

/// As `signed_review`, with a site visit's photos attached inside the
/// signed bytes as `photos/<sha256>.jpg` (already re-encoded by
/// `photo::for_pdf`; the name keeps the original photo's id in review.json).
pub fn signed_review_with_photos(
    doc: &ReviewDoc,
    ctx: &ReviewContext,
    identity: &Identity,
    photos: &[(String, Vec<u8>)],
) -> Result<SignedPdf> {
    let json = json_bytes(doc)?;
    let json_sha256 = sha256_hex(&json);
    let rendered = render_review(doc, &json_sha256, ctx)?;
    let names: Vec<String> = photos.iter().map(|(id, _)| format!("photos/{id}.jpg")).collect();
    let mut files = vec![Attachment {
        name: REVIEW_JSON,
        bytes: &json,
        mime: "application/json",
        description: "评审意见数据 tic-review/1",
    }];
    files.extend(photos.iter().zip(&names).map(|((_, bytes), name)| Attachment {
        name,
        bytes,
        mime: "image/jpeg",
        description: "现场照片",
    }));
    let pdf = if photos.is_empty() {
        attach_file(&rendered.pdf, REVIEW_JSON, &json, "application/json", "评审意见数据 tic-review/1")?
    } else {
        attach_files(&rendered.pdf, &files)?
    };
    let role = if doc.phase == paneldesk_core::sheet::Phase::SiteVisit { "考察专家" } else { "评审专家" };
    let bytes = sign_rendered(Rendered { pdf, ..rendered }, identity, role, doc.signed_at, false)?;
    Ok(SignedPdf { bytes, json_sha256 })
}

/// The panel's 专家组意见 with consensus.json and every counted review PDF
/// (`reviews/<expert_id>-<phase>.pdf`) attached, signed by the chair;
/// `review_docs` fill its score matrix.
pub fn signed_consensus(
    doc: &ConsensusDoc,
    ctx: &ConsensusContext,
    review_docs: &[&ReviewDoc],
    reviews: &[(String, Vec<u8>)],
    identity: &Identity,
) -> Result<SignedPdf> {
    let json = json_bytes(doc)?;
    let json_sha256 = sha256_hex(&json);
    let rendered = render_consensus_with_reviews(doc, &json_sha256, ctx, review_docs)?;
    let mut files = vec![Attachment {
        name: CONSENSUS_JSON,
        bytes: &json,
        mime: "application/json",
        description: "专家组意见数据 tic-consensus/1",
    }];
    files.extend(reviews.iter().map(|(name, bytes)| Attachment {
        name,
        bytes,
        mime: "application/pdf",
        description: "专家个人评审意见表",
    }));
    let pdf = attach_files(&rendered.pdf, &files)?;
    let role = if doc.chair.role.as_deref() == Some("deputy") { "专家组副组长" } else { "专家组组长" };
    let bytes = sign_rendered(Rendered { pdf, ..rendered }, identity, role, doc.signed_at, true)?;
    Ok(SignedPdf { bytes, json_sha256 })
}

/// The batch's 择优排序表 signed by the chair (a certification signature:
/// nothing may be changed after it).
pub fn signed_ranking(rendered: Rendered, identity: &Identity, signed_at: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    sign_rendered(rendered, identity, "专家组组长", signed_at, true)
}

/// A signed review or consensus as `verify` sees it.
pub struct Checked {
    pub verification: Verification,
    /// `tic-review/1` or `tic-consensus/1`, from the embedded JSON.
    pub kind: Option<String>,
    pub json: Option<Vec<u8>>,
    /// Every embedded file (a 专家组意见 carries the counted review PDFs).
    pub attachments: Vec<crate::sign::EmbeddedFile>,
    /// The signature's problems and the document's, in one list.
    pub problems: Vec<Msg>,
}

impl Checked {
    pub fn valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks signature, coverage, the embedded JSON and its footer hash.
/// `Err` only when the bytes are not a PDF at all.
pub fn check_document(bytes: &[u8]) -> Result<Checked> {
    // Parsed once for the signature, the attachments and the footer: the
    // parse is most of what verifying costs. A file that does not parse is
    // not a PDF here, as when its attachments were read on their own.
    let doc = crate::sign::load_signed(bytes)?;
    let verification = crate::sign::verify_loaded(bytes, &doc);
    let mut problems: Vec<Msg> = verification.problems.iter().map(|p| p.message.clone()).collect();
    if verification.signatures.is_empty() && problems.is_empty() {
        problems.push(Msg::new("文件没有数字签名", "the file carries no digital signature"));
    }
    let files = match crate::sign::embedded_in(&doc) {
        Ok(f) => f,
        Err(e) if e.code == ErrorCode::NotPdf => return Err(e),
        Err(e) => {
            problems.push(e.message);
            Vec::new()
        }
    };
    let found = files.iter().find(|f| f.name == REVIEW_JSON || f.name == CONSENSUS_JSON);
    let (kind, json) = match found {
        None => {
            problems.push(Msg::new(
                "文件中没有 review.json 或 consensus.json 附件，不是评审意见文件",
                "the file has no review.json or consensus.json attachment: not a review document",
            ));
            (None, None)
        }
        Some(f) => (json_kind(&f.name, &f.bytes, &mut problems), Some(f.bytes.clone())),
    };
    match kind.as_deref() {
        // One expert, one signature: a second one appended (with a new
        // review.json) must not read as the second signer's review.
        Some(REVIEW_FORMAT) if verification.signatures.len() > 1 => problems.push(Msg::new(
            format!(
                "评审意见表只能有一个数字签名，此文件有 {} 个：签署后又被追加过签名",
                verification.signatures.len()
            ),
            format!(
                "a review carries exactly one signature; this file has {}: a signature was appended after signing",
                verification.signatures.len()
            ),
        )),
        Some(CONSENSUS_FORMAT) => {
            problems.extend(crate::sign::later_revisions_only_sign(bytes, &verification).into_iter().map(|p| p.message))
        }
        _ => {}
    }
    if let Some(json) = &json {
        let hash = sha256_hex(json);
        if !crate::render::footer_hashes_in(&doc).contains(&hash) {
            problems.push(Msg::new(
                format!("附件数据的 SHA-256（{}…）与页脚所印不符", &hash[..16]),
                format!("the attached data's SHA-256 ({}…) is not the one printed in the footer", &hash[..16]),
            ));
        }
    }
    Ok(Checked { verification, kind, json, attachments: files, problems })
}

fn json_kind(name: &str, bytes: &[u8], problems: &mut Vec<Msg>) -> Option<String> {
    let expected = if name == REVIEW_JSON { REVIEW_FORMAT } else { CONSENSUS_FORMAT };
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            problems.push(Msg::new(
                format!("{name} 不是有效的 JSON：{}", paneldesk_core::reason::json_zh(&e)),
                format!("{name} is not valid JSON: {e}"),
            ));
            return None;
        }
    };
    let format = value.get("format").and_then(|f| f.as_str()).map(str::to_string);
    if format.as_deref() != Some(expected) {
        problems.push(Msg::new(
            format!("{name} 的格式不是 {expected}"),
            format!("{name} does not declare the format {expected}"),
        ));
    }
    format
}

/// Parses a checked review's JSON as tic-review/1.
pub fn review_doc(checked: &Checked) -> std::result::Result<ReviewDoc, Msg> {
    let json = checked.json.as_deref().ok_or_else(|| Msg::new("没有 review.json", "no review.json"))?;
    serde_json::from_slice(json).map_err(|e| {
        Msg::new(
            format!("review.json 不符合 tic-review/1：{}", paneldesk_core::reason::json_zh(&e)),
            format!("review.json is not a tic-review/1 document: {e}"),
        )
    })
}

pub fn not_pdf(e: &OpinionError) -> bool {
    e.code == ErrorCode::NotPdf
}

/// A file handed to the chair, as a candidate review or the reason it is
/// not one (a broken signature, no review.json, not a PDF at all…).
pub fn review_candidate(file: &str, bytes: &[u8]) -> std::result::Result<Candidate, Msg> {
    let checked = check_document(bytes).map_err(|e| {
        Msg::new(format!("不是可用的 PDF 文件：{}", e.message.zh), format!("not a usable PDF file: {}", e.message.en))
    })?;
    if !checked.valid() {
        let zh: Vec<&str> = checked.problems.iter().map(|p| p.zh.as_str()).collect();
        let en: Vec<&str> = checked.problems.iter().map(|p| p.en.as_str()).collect();
        return Err(Msg::new(
            format!("签名或内容校验未通过：{}", zh.join("；")),
            format!("signature or content check failed: {}", en.join("; ")),
        ));
    }
    if checked.kind.as_deref() != Some(REVIEW_FORMAT) {
        return Err(Msg::new(
            "这是专家组意见，不是专家个人评审意见",
            "this is a panel opinion, not an expert's review",
        ));
    }
    let doc = review_doc(&checked)?;
    let signer = checked.verification.signer();
    // The certificate names the expert (serialNumber, formats.md §4): a key
    // of one expert cannot sign a review in another's name.
    let certified = signer.and_then(|s| s.expert_id());
    if certified != Some(doc.expert.expert_id.as_str()) {
        return Err(Msg::new(
            format!(
                "签名证书的专家编号（{}）与意见表中的专家编号 {} 不符",
                certified.unwrap_or("无"),
                doc.expert.expert_id
            ),
            format!(
                "the signing certificate's expert id ({}) is not the review's expert id {}",
                certified.unwrap_or("none"),
                doc.expert.expert_id
            ),
        ));
    }
    let signer = signer.map(|s| s.certificate_sha256.clone()).unwrap_or_default();
    Ok(Candidate { file: file.to_string(), file_sha256: sha256_hex(bytes), signer_certificate_sha256: signer, doc })
}
