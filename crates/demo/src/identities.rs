//! The demo bureau and the demo panels' signing identities. Each key is
//! derived from a public label (`Identity::from_seed`), so the bundled demo
//! batches are signed and byte-for-byte reproducible — and so anyone can
//! sign as these identities: they prove nothing and exist only to show the
//! signed workflow. The bureau's id and name say 演示 (demo), so pinning it
//! never stands in the way of the real bureau's id.

use chrono::{DateTime, FixedOffset, Utc};
use paneldesk_core::batch::{Batch, PanelMember};
use paneldesk_core::Msg;
use paneldesk_opinion::identity::Identity;

/// The demo bureau's organiser id (its certificate's serialNumber).
pub const ORGANIZER_ID: &str = "LCSTB-DEMO";
/// Its name (the certificate's CN and batch.json's `organizer`).
pub const ORGANIZER_NAME: &str = "聊城市科学技术局（演示）";
/// When the demo certificates start to be valid (five years from then).
pub const NOT_BEFORE: &str = "2026-01-01T00:00:00+08:00";
/// When the demo batches were signed.
pub const SIGNED_AT: &str = "2026-05-20T09:00:00+08:00";
/// The passphrase of the demo experts' certificate files.
pub const P12_PASSPHRASE: &str = "paneldesk-demo";

fn time(s: &str) -> Result<DateTime<Utc>, String> {
    s.parse::<DateTime<FixedOffset>>().map(|t| t.to_utc()).map_err(|e| format!("{s}: {e}"))
}

pub fn signed_at() -> Result<DateTime<Utc>, String> {
    time(SIGNED_AT)
}

/// The demo bureau: title and O as `identity create --organizer-id` makes them.
pub fn organizer() -> Result<Identity, String> {
    let label = format!("paneldesk demo organizer {ORGANIZER_ID}");
    Identity::from_seed(
        label.as_bytes(),
        ORGANIZER_ID,
        ORGANIZER_NAME,
        paneldesk_api::identity::ORGANIZER_TITLE,
        ORGANIZER_NAME,
        time(NOT_BEFORE)?,
    )
    .map_err(|e| e.message.en)
}

/// A demo panel member's identity, as their roster line names them.
pub fn expert(member: &PanelMember) -> Result<Identity, String> {
    let label = format!("paneldesk demo expert {}", member.expert_id);
    Identity::from_seed(
        label.as_bytes(),
        &member.expert_id,
        &member.name,
        &member.title,
        &member.affiliation,
        time(NOT_BEFORE)?,
    )
    .map_err(|e| e.message.en)
}

/// The demo identity of `expert_id` when `batch` is a demo batch whose
/// roster names exactly that certificate; None for any other batch.
pub fn on_roster(batch: &Batch, expert_id: &str) -> Option<Identity> {
    let member = batch.expert(expert_id)?;
    let id = expert(member).ok()?;
    (member.certificate_sha256.as_deref() == Some(id.certificate_sha256().as_str())).then_some(id)
}

/// The identity a test or a scripted scene signs as `member` of `batch`
/// with: a fresh one (valid from `now`) when the roster names no
/// certificate; the demo identity when it names the demo's; else an
/// error, since nobody else's key can be made up.
pub fn for_scene(batch: &Batch, member: &PanelMember, now: DateTime<Utc>) -> Result<Identity, Msg> {
    let Some(sha) = &member.certificate_sha256 else {
        return Identity::create(&member.expert_id, &member.name, &member.title, &member.affiliation, now)
            .map_err(|e| e.message);
    };
    on_roster(batch, &member.expert_id).ok_or_else(|| {
        Msg::new(
            format!(
                "名单为 {} 登记了证书 {sha}，其私钥不在此：只能为未登记证书的批次或演示批次生成评审意见",
                member.expert_id
            ),
            format!(
                "the roster names certificate {sha} for {} and its key is not here: reviews can be made only \
                 for batches without enrolled certificates, or for the demo batches",
                member.expert_id
            ),
        )
    })
}

/// Every member's certificate file (`<expert_id>.p12` under
/// [`P12_PASSPHRASE`]), for `identity import` or 导入证书文件. PKCS#12 salts
/// are random, so these are written on demand, never committed.
pub fn p12_files(panel: &[PanelMember]) -> Result<Vec<(String, Vec<u8>)>, String> {
    panel
        .iter()
        .map(|m| {
            let p12 = expert(m)?.to_pkcs12(P12_PASSPHRASE).map_err(|e| e.message.en)?;
            Ok((format!("{}.p12", m.expert_id), p12))
        })
        .collect()
}
