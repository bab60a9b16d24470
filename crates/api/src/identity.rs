//! The expert's signing identity as the window manages it: make one for the
//! profile already recorded, or import a CA-issued PKCS#12 file for it, and
//! say what is on file (subject, fingerprint, validity).

use paneldesk_core::Msg;
use paneldesk_opinion::identity::{parse_certificate, subject::parse_name, Identity};
use paneldesk_store::identity::{Keys, Profile};
use paneldesk_store::Store;

use crate::signing::SigningError;

/// Shortest passphrase accepted for a new key: it is all that protects the
/// key on a laptop that may be lost.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
const MAX_PASSPHRASE_CHARS: usize = 1024;
/// PKCS#12 files are a few kilobytes; anything huge is not one.
pub const MAX_P12_BYTES: usize = 256 * 1024;

/// What the profile page shows about the key on file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub has_key: bool,
    /// "CN=…, title=…, O=…, serialNumber=…" as the certificate states it.
    pub subject: Option<String>,
    pub issuer_is_subject: bool,
    /// SHA-256 of the DER certificate, lowercase hex.
    pub certificate_sha256: Option<String>,
    /// RFC 3339, UTC.
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub has_signature_image: bool,
}

pub fn status(store: &Store) -> Result<Status, SigningError> {
    let has_signature_image = store.signature_png()?.is_some();
    let Some(keys) = store.keys()? else {
        return Ok(Status { has_signature_image, ..Status::default() });
    };
    let cert = parse_certificate(&keys.certificate)?;
    let tbs = &cert.tbs_certificate;
    let s = parse_name(&tbs.subject);
    let parts = [("CN", &s.name), ("title", &s.title), ("O", &s.affiliation), ("serialNumber", &s.expert_id)];
    let subject = parts.iter().filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={v}"))).collect::<Vec<_>>();
    let time = |t: std::time::Duration| {
        i64::try_from(t.as_secs())
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    Ok(Status {
        has_key: true,
        subject: Some(subject.join(", ")),
        issuer_is_subject: tbs.issuer == tbs.subject,
        certificate_sha256: Some(keys.certificate_sha256),
        not_before: time(tbs.validity.not_before.to_unix_duration()),
        not_after: time(tbs.validity.not_after.to_unix_duration()),
        has_signature_image,
    })
}

fn refused(code: &'static str, zh: String, en: String) -> SigningError {
    SigningError { code, refused: true, message: Msg::new(zh, en) }
}

fn check_passphrase(p: &str, min: usize) -> Result<(), SigningError> {
    let n = p.chars().count();
    if n < min {
        return Err(refused(
            "passphrase-short",
            format!("签名口令太短（至少 {min} 个字符）。请设置更长的口令"),
            format!("the signing passphrase is too short (at least {min} characters). Choose a longer one"),
        ));
    }
    if n > MAX_PASSPHRASE_CHARS {
        return Err(refused(
            "passphrase-long",
            format!("签名口令过长（最多 {MAX_PASSPHRASE_CHARS} 个字符）"),
            format!("the signing passphrase is too long (at most {MAX_PASSPHRASE_CHARS} characters)"),
        ));
    }
    Ok(())
}

fn profile(store: &Store) -> Result<Profile, SigningError> {
    store.profile()?.ok_or_else(|| {
        refused(
            "no-profile",
            "请先填写并保存专家信息，再建立签名身份".into(),
            "fill in and save the expert profile before making a signing identity".into(),
        )
    })
}

/// A new P-256 key and self-signed certificate for the recorded profile,
/// the key kept encrypted under `passphrase`.
pub fn create(store: &mut Store, passphrase: &str) -> Result<Status, SigningError> {
    check_passphrase(passphrase, MIN_PASSPHRASE_CHARS)?;
    let p = profile(store)?;
    let id = Identity::create(&p.expert_id, &p.name, &p.title, &p.affiliation, chrono::Utc::now())?;
    save(store, &p, &id, passphrase)
}

/// A CA-issued key and certificate (.p12/.pfx) for the recorded profile;
/// the file's passphrase also protects the stored key. A certificate that
/// names another expert id is refused.
pub fn import(store: &mut Store, p12: &[u8], passphrase: &str) -> Result<Status, SigningError> {
    check_passphrase(passphrase, 1)?;
    if p12.len() > MAX_P12_BYTES {
        return Err(refused(
            "p12-too-large",
            format!(
                "证书文件过大（上限 {} KB），不是 PKCS#12 证书文件。请选择 .p12 或 .pfx 文件",
                MAX_P12_BYTES / 1024
            ),
            format!(
                "the file is too large (at most {} KB) to be a PKCS#12 certificate. Choose a .p12 or .pfx file",
                MAX_P12_BYTES / 1024
            ),
        ));
    }
    let p = profile(store)?;
    let id = Identity::from_pkcs12(p12, passphrase)?;
    if let Some(other) = id.expert_id().filter(|e| *e != p.expert_id) {
        return Err(refused(
            "certificate-other-expert",
            format!("证书属于专家编号 {other}，与专家信息中的工号 {} 不符。请选择本人的证书文件", p.expert_id),
            format!(
                "the certificate is for expert id {other}, not {} as in the profile. Choose your own certificate file",
                p.expert_id
            ),
        ));
    }
    save(store, &p, &id, passphrase)
}

fn save(store: &mut Store, p: &Profile, id: &Identity, passphrase: &str) -> Result<Status, SigningError> {
    let keys = Keys {
        certificate: id.certificate_der().to_vec(),
        certificate_sha256: id.certificate_sha256(),
        encrypted_key: id.encrypted_key_der(passphrase)?,
    };
    store.set_identity(p, Some(&keys))?;
    status(store)
}
