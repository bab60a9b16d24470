//! Who issued a batch (docs/formats.md §6): the organiser's detached
//! signature over batch.json, checked against what batch.json claims, and
//! whether this data folder trusts that organiser's certificate (pinned,
//! confirmed by the user now, or first use).

use std::path::Path;

use paneldesk_core::batch::{read_batch_head, Batch, Role};
use paneldesk_opinion::sign::verify_detached;
use paneldesk_store::batches::{Issuer, OrganizerPin};
use serde::Serialize;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};
use crate::identity::fingerprint;

/// How a new organiser certificate may come to be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trust<'a> {
    /// Only an organiser pinned before: the window asks first.
    PinnedOnly,
    /// The user compared and confirmed this SHA-256 (the window's dialog,
    /// the CLI's `--trust-organizer`).
    Confirmed(&'a str),
    /// Pin a new organiser on first use (the CLI without the option, which
    /// then says so).
    FirstUse,
}

/// Where an organiser's certificate stands in this data folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[serde(rename_all = "snake_case")]
pub enum PinState {
    /// The batch is not signed (a version-1 batch): nothing to pin.
    Unsigned,
    /// This certificate was pinned for this organiser before.
    Pinned,
    /// No certificate is pinned for this organiser yet.
    New,
}

/// The issuer of a batch, as shown before and after import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct IssuerDto {
    /// The batch id.
    pub batch_id: String,
    /// The batch title.
    pub title: String,
    /// batch.json's `organizer` (for a signed batch, the certificate's CN).
    pub organizer: String,
    /// The organiser's id (serialNumber), when signed.
    pub organizer_id: Option<String>,
    /// Lowercase hex SHA-256 of the organiser's certificate, when signed.
    pub certificate_sha256: Option<String>,
    /// The same as `AB:12:…`, for comparing by eye.
    pub fingerprint: Option<String>,
    /// The batch's revision (1 when it does not say).
    pub revision: u32,
    /// The signing time the signature states, RFC 3339.
    pub signed_at: Option<String>,
    /// Pinned before, new, or unsigned.
    pub pin: PinState,
    /// The panel as batch.json lists it, so a newcomer can pick their own
    /// entry on the first-start page instead of guessing their id.
    pub panel: Vec<PanelMemberDto>,
}

/// One expert of a batch's panel, as its roster gives them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct PanelMemberDto {
    /// The expert's id (工号), as the profile must give it.
    pub expert_id: String,
    /// Name, title and affiliation as the roster has them.
    pub name: String,
    /// 职称.
    pub title: String,
    /// 工作单位.
    pub affiliation: String,
    /// "chair", "deputy" or "member".
    pub role: String,
}

/// A verified signature and what batch.json says, joined.
pub(crate) struct Verified {
    pub issuer: Issuer,
    pub signed_at: Option<String>,
}

/// Checks batch.json.p7s over the exact bytes of batch.json, and that the
/// signer is the organiser batch.json names, with a certificate for every
/// panel line. None for an unsigned batch.
pub(crate) fn verify(batch: &Batch, batch_json: &[u8], signature: Option<&[u8]>) -> Result<Option<Verified>> {
    let Some(p7s) = signature else { return Ok(None) };
    let signer = verify_detached(p7s, batch_json).map_err(|problems| {
        let zh: Vec<&str> = problems.iter().map(|p| p.message.zh.as_str()).collect();
        let en: Vec<&str> = problems.iter().map(|p| p.message.en.as_str()).collect();
        ApiError::refused(
            ErrorCode::BatchSignatureInvalid,
            format!("评审批次 {} 的签发签名无效：{}。批次未导入，请向市科技局索取原件", batch.id, zh.join("；")),
            format!(
                "the issuing signature of batch {} is not valid: {}. Nothing was imported; ask the bureau for the original",
                batch.id,
                en.join("; ")
            ),
        )
    })?;
    let bad = |zh: String, en: String| {
        Err(ApiError::refused(
            ErrorCode::BatchSignerInvalid,
            format!("评审批次 {} 未导入：{zh}。请向市科技局索取正确签发的批次", batch.id),
            format!("batch {} was not imported: {en}. Ask the bureau for a properly issued batch", batch.id),
        ))
    };
    let Some(organizer_id) = batch.organizer_id.clone() else {
        return bad(
            "已签名但 batch.json 缺少 organizer_id".into(),
            "it is signed but batch.json has no organizer_id".into(),
        );
    };
    if signer.subject.expert_id.as_deref() != Some(organizer_id.as_str()) {
        return bad(
            format!(
                "签名证书的编号（serialNumber）为 “{}”，不是 batch.json 所写的 “{organizer_id}”",
                signer.subject.expert_id.as_deref().unwrap_or("")
            ),
            format!(
                "the signing certificate's serialNumber is \"{}\", not \"{organizer_id}\" as batch.json says",
                signer.subject.expert_id.as_deref().unwrap_or("")
            ),
        );
    }
    if signer.subject.name.as_deref() != Some(batch.organizer.as_str()) {
        return bad(
            format!(
                "签名证书的名称（CN）为 “{}”，不是 batch.json 所写的签发单位 “{}”",
                signer.subject.name.as_deref().unwrap_or(""),
                batch.organizer
            ),
            format!(
                "the signing certificate's CN is \"{}\", not the organizer \"{}\" batch.json names",
                signer.subject.name.as_deref().unwrap_or(""),
                batch.organizer
            ),
        );
    }
    if let Some(p) = batch.panel.iter().find(|p| p.certificate_sha256.is_none()) {
        return bad(
            format!("专家组名单中 {}（{}）没有 certificate_sha256", p.name, p.expert_id),
            format!("panel line {} ({}) has no certificate_sha256", p.name, p.expert_id),
        );
    }
    Ok(Some(Verified {
        issuer: Issuer { organizer_id, name: batch.organizer.clone(), certificate_sha256: signer.certificate_sha256 },
        signed_at: signer.signing_time.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
    }))
}

/// Whether this data folder may take the batch's issuer: a pinned
/// certificate must be the same; a new one needs the user's confirmation
/// unless `trust` is first use.
pub(crate) fn admit(store: &Store, issuer: &Issuer, trust: Trust) -> Result<PinState> {
    let pin = store.organizer_pin(&issuer.organizer_id)?;
    if let Some(pin) = &pin {
        if pin.certificate_sha256 != issuer.certificate_sha256 {
            return Err(mismatch(issuer, &pin.certificate_sha256, pin));
        }
    }
    if let Trust::Confirmed(sha) = trust {
        if !sha.trim().eq_ignore_ascii_case(&issuer.certificate_sha256) && !same_fingerprint(sha, issuer) {
            return Err(ApiError::refused(
                ErrorCode::OrganizerMismatch,
                format!(
                    "签发单位 {}（{}）的证书 SHA-256 为 {}，不是所信任的 {}。批次未导入，请向市科技局核实",
                    issuer.name,
                    issuer.organizer_id,
                    issuer.certificate_sha256,
                    sha.trim()
                ),
                format!(
                    "organiser {} ({})'s certificate SHA-256 is {}, not the trusted {}. Nothing was imported; check with the bureau",
                    issuer.name,
                    issuer.organizer_id,
                    issuer.certificate_sha256,
                    sha.trim()
                ),
            ));
        }
    }
    match (pin, trust) {
        (Some(_), _) => Ok(PinState::Pinned),
        (None, Trust::PinnedOnly) => Err(ApiError::refused(
            ErrorCode::OrganizerUnconfirmed,
            format!(
                "首次收到签发单位 {}（{}）的批次。请与市科技局核对证书指纹 {} 后确认",
                issuer.name,
                issuer.organizer_id,
                fingerprint(&issuer.certificate_sha256)
            ),
            format!(
                "the first batch from organiser {} ({}). Compare the certificate fingerprint {} with the bureau, then confirm",
                issuer.name,
                issuer.organizer_id,
                fingerprint(&issuer.certificate_sha256)
            ),
        )),
        (None, _) => Ok(PinState::New),
    }
}

fn same_fingerprint(given: &str, issuer: &Issuer) -> bool {
    given.trim().replace(':', "").eq_ignore_ascii_case(&issuer.certificate_sha256)
}

fn mismatch(issuer: &Issuer, expected: &str, pin: &OrganizerPin) -> ApiError {
    ApiError::refused(
        ErrorCode::OrganizerMismatch,
        format!(
            "签发单位 {} 的证书（SHA-256 {}）不是 {} 确认过的证书（{expected}）。该批次可能并非该单位签发，未导入。请向市科技局核实",
            issuer.organizer_id, issuer.certificate_sha256, pin.pinned_at
        ),
        format!(
            "organiser {}'s certificate (SHA-256 {}) is not the one confirmed on {} ({expected}). The batch may not come from them; nothing was imported. Check with the bureau",
            issuer.organizer_id, issuer.certificate_sha256, pin.pinned_at
        ),
    )
}

/// Reads only batch.json and its signature and says who issued the batch
/// and whether they are trusted yet: the window shows this (and asks to
/// confirm a new fingerprint) before the long check of the packages.
pub fn inspect(store: &Store, path: &Path) -> Result<IssuerDto> {
    crate::batches::require_file(path)?;
    let head = read_batch_head(path)?;
    let verified = verify(&head.batch, &head.batch_json, head.signature.as_deref())?;
    let pin = match &verified {
        None => PinState::Unsigned,
        Some(v) => match admit(store, &v.issuer, Trust::FirstUse)? {
            PinState::Pinned => PinState::Pinned,
            _ => PinState::New,
        },
    };
    Ok(dto(&head.batch, verified.as_ref(), pin))
}

pub(crate) fn dto(batch: &Batch, verified: Option<&Verified>, pin: PinState) -> IssuerDto {
    IssuerDto {
        batch_id: batch.id.clone(),
        title: batch.title.clone(),
        organizer: batch.organizer.clone(),
        organizer_id: verified.map(|v| v.issuer.organizer_id.clone()),
        certificate_sha256: verified.map(|v| v.issuer.certificate_sha256.clone()),
        fingerprint: verified.map(|v| fingerprint(&v.issuer.certificate_sha256)),
        revision: batch.revision(),
        signed_at: verified.and_then(|v| v.signed_at.clone()),
        pin,
        panel: batch
            .panel
            .iter()
            .map(|m| PanelMemberDto {
                expert_id: m.expert_id.clone(),
                name: m.name.clone(),
                title: m.title.clone(),
                affiliation: m.affiliation.clone(),
                role: match m.role {
                    Role::Chair => "chair",
                    Role::Deputy => "deputy",
                    Role::Member => "member",
                }
                .to_string(),
            })
            .collect(),
    }
}
