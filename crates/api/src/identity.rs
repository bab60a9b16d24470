//! The expert's signing identity: make one for the profile (recorded first
//! or given with it), or import a CA-issued PKCS#12 file, say what is on
//! file (subject, fingerprint, validity), and keep the drawn signature.
//! Passphrases are checked here once, for the window and the CLI.

use std::path::Path;

use paneldesk_opinion::identity::{parse_certificate, subject::parse_name, CertificateInfo, Identity};
use paneldesk_store::identity::{Keys, Profile};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};
use crate::profile::ProfileDto;

/// Shortest passphrase accepted for a new key: it is all that protects the
/// key on a laptop that may be lost.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
const MAX_PASSPHRASE_CHARS: usize = 1024;
/// PKCS#12 files are a few kilobytes; anything huge is not one.
pub const MAX_P12_BYTES: usize = 256 * 1024;

/// What the profile page shows about the key on file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct IdentityStatus {
    /// A signing key is on file.
    pub has_key: bool,
    /// "CN=…, title=…, O=…, serialNumber=…" as the certificate states it.
    pub subject: Option<String>,
    /// Self-signed (made in this app) rather than issued by a CA.
    pub self_signed: bool,
    /// SHA-256 of the DER certificate, lowercase hex.
    pub certificate_sha256: Option<String>,
    /// The same, upper-case hex in colon-separated pairs, as certificate
    /// viewers print it, for the expert to compare with the chair's.
    pub fingerprint: Option<String>,
    /// RFC 3339, UTC.
    pub not_before: Option<String>,
    /// RFC 3339, UTC.
    pub not_after: Option<String>,
    /// A drawn signature is on file.
    pub has_signature_image: bool,
    /// The shortest passphrase `create` accepts.
    pub min_passphrase_chars: u32,
    /// The folder belongs to an organiser (the bureau), who issues batches.
    pub organizer: bool,
}

/// The drawn signature as kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SignatureSaved {
    /// SHA-256 of the PNG.
    pub sha256: String,
    /// Pixels.
    pub width: u32,
    /// Pixels.
    pub height: u32,
    /// When it was saved.
    pub saved_at: String,
}

/// The key on file, for the profile page and `identity show`.
pub fn status(store: &Store) -> Result<IdentityStatus> {
    let has_signature_image = store.signature_png()?.is_some();
    let organizer = store.is_organizer()?;
    let Some(keys) = store.keys()? else {
        return Ok(IdentityStatus {
            has_signature_image,
            organizer,
            min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
            ..IdentityStatus::default()
        });
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
    Ok(IdentityStatus {
        has_key: true,
        subject: Some(subject.join(", ")),
        self_signed: tbs.issuer == tbs.subject,
        fingerprint: Some(fingerprint(&keys.certificate_sha256)),
        certificate_sha256: Some(keys.certificate_sha256),
        min_passphrase_chars: MIN_PASSPHRASE_CHARS as u32,
        not_before: time(tbs.validity.not_before.to_unix_duration()),
        not_after: time(tbs.validity.not_after.to_unix_duration()),
        has_signature_image,
        organizer,
    })
}

/// `ab12…` → `AB:12:…`.
pub fn fingerprint(sha256_hex: &str) -> String {
    let upper = sha256_hex.to_ascii_uppercase();
    let pairs: Vec<&str> = (0..upper.len() / 2).filter_map(|i| upper.get(2 * i..2 * i + 2)).collect();
    pairs.join(":")
}

pub(crate) fn check_passphrase(p: &str, min: usize) -> Result<()> {
    if p.is_empty() {
        return Err(ApiError::refused(ErrorCode::PassphraseEmpty, "请输入签名口令", "enter your signing passphrase"));
    }
    let n = p.chars().count();
    if n < min {
        return Err(ApiError::refused(
            ErrorCode::PassphraseShort,
            format!("签名口令太短（至少 {min} 个字符）。请设置更长的口令"),
            format!("the signing passphrase is too short (at least {min} characters). Choose a longer one"),
        ));
    }
    if n > MAX_PASSPHRASE_CHARS {
        return Err(ApiError::refused(
            ErrorCode::PassphraseLong,
            format!("签名口令过长（最多 {MAX_PASSPHRASE_CHARS} 个字符）"),
            format!("the signing passphrase is too long (at most {MAX_PASSPHRASE_CHARS} characters)"),
        ));
    }
    Ok(())
}

/// The passphrase typed twice, as a new one is chosen.
pub fn confirm(passphrase: &str, again: &str) -> Result<()> {
    if passphrase != again {
        return Err(ApiError::refused(
            ErrorCode::PassphraseMismatch,
            "两次输入的签名口令不一致。请重新输入",
            "the two passphrases differ. Enter them again",
        ));
    }
    Ok(())
}

/// A new P-256 key and self-signed certificate for the recorded profile
/// (or for `profile`, recorded with it: the CLI's `identity create`), the
/// key kept encrypted under `passphrase`.
pub fn create(store: &mut Store, profile: Option<&ProfileDto>, passphrase: &str) -> Result<IdentityStatus> {
    check_passphrase(passphrase, MIN_PASSPHRASE_CHARS)?;
    let p = match profile {
        Some(p) => p.validate()?,
        None => crate::profile::require(store)?,
    };
    let id = Identity::create(&p.expert_id, &p.name, &p.title, &p.affiliation, chrono::Utc::now())?;
    save(store, &p, &id, passphrase)
}

/// The bureau's signing identity (formats.md §6): a P-256 key and a
/// certificate whose CN is the organiser's name and serialNumber its id.
/// The folder then belongs to the organiser; it issues batches.
pub fn create_organizer(store: &mut Store, organizer_id: &str, name: &str, passphrase: &str) -> Result<IdentityStatus> {
    check_passphrase(passphrase, MIN_PASSPHRASE_CHARS)?;
    if !paneldesk_core::manifest::is_valid_id(organizer_id) {
        return Err(ApiError::unusable(
            ErrorCode::ProfileFieldInvalid,
            format!("组织方编号 “{organizer_id}” 无效：须为 1–64 个字母、数字或 . _ -"),
            format!("the organiser id \"{organizer_id}\" is invalid: use 1–64 letters, digits or . _ -"),
        ));
    }
    // The title and O attributes say what the certificate is for.
    let p = ProfileDto {
        expert_id: organizer_id.to_string(),
        name: name.to_string(),
        title: ORGANIZER_TITLE.to_string(),
        affiliation: name.to_string(),
    }
    .validate()?;
    let id = Identity::create(&p.expert_id, &p.name, &p.title, &p.affiliation, chrono::Utc::now())?;
    let keys = keys_of(&id, passphrase)?;
    store.set_organizer_identity(&p, &keys)?;
    tracing::info!(organizer = %p.expert_id, certificate = %keys.certificate_sha256, "organiser identity saved");
    status(store)
}

/// The title attribute of an organiser's certificate.
pub const ORGANIZER_TITLE: &str = "评审组织单位";

/// This folder's certificate as PEM, for the roster (an expert's) or for
/// experts to compare (an organiser's).
pub fn export_cert(store: &Store) -> Result<String> {
    let keys = store.keys()?.ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::NoKey,
            "此数据目录还没有签名证书。请先运行 identity create（或在“专家信息”中生成）",
            "this data folder has no certificate yet. Run identity create first (or make one in the profile page)",
        )
    })?;
    Ok(CertificateInfo::read(&keys.certificate)?.pem()?)
}

/// What the CLI may give beside a PKCS#12 file when no profile is recorded.
#[derive(Clone, Debug, Default)]
pub struct ImportOverrides {
    /// The expert id, when the certificate carries none.
    pub expert_id: Option<String>,
    /// The title, when the certificate carries none.
    pub title: Option<String>,
}

/// Reads a PKCS#12 file picked by the user, bounded in size.
pub fn read_p12(path: &Path) -> Result<Zeroizing<Vec<u8>>> {
    let unreadable = |e: &dyn std::fmt::Display| {
        ApiError::unusable(
            ErrorCode::P12Unreadable,
            format!("无法读取证书文件 {}。请重新选择 .p12 或 .pfx 文件", path.display()),
            format!("cannot read the certificate file {}: {e}. Choose a .p12 or .pfx file again", path.display()),
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(&e))?;
    if !meta.is_file() || meta.len() > MAX_P12_BYTES as u64 {
        return Err(unreadable(&format!(
            "不是不超过 {} KB 的文件 / not a file of at most {} KB",
            MAX_P12_BYTES / 1024,
            MAX_P12_BYTES / 1024
        )));
    }
    Ok(Zeroizing::new(std::fs::read(path).map_err(|e| unreadable(&e))?))
}

/// A CA-issued key and certificate (.p12/.pfx) for the recorded profile. A
/// certificate that names another expert id is refused. The stored key is
/// encrypted under `new_passphrase` when given, else under the file's own
/// passphrase — which must then meet a new key's rule: CAs hand out files
/// with six-digit PINs, too weak for a key kept on a laptop.
pub fn import(store: &mut Store, p12: &[u8], passphrase: &str, new_passphrase: Option<&str>) -> Result<IdentityStatus> {
    check_passphrase(passphrase, 1)?;
    if p12.len() > MAX_P12_BYTES {
        return Err(ApiError::refused(
            ErrorCode::P12TooLarge,
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
    let p = crate::profile::require(store)?;
    let id = Identity::from_pkcs12(p12, passphrase)?;
    let stored = stored_passphrase(passphrase, new_passphrase)?;
    if let Some(other) = id.expert_id().filter(|e| *e != p.expert_id) {
        return Err(ApiError::refused(
            ErrorCode::CertificateOtherExpert,
            format!("证书属于专家编号 {other}，与专家信息中的工号 {} 不符。请选择本人的证书文件", p.expert_id),
            format!(
                "the certificate is for expert id {other}, not {} as in the profile. Choose your own certificate file",
                p.expert_id
            ),
        ));
    }
    save(store, &p, &id, stored)
}

/// The passphrase the imported key is kept under (after the file opened, so
/// a wrong file passphrase is told first).
fn stored_passphrase<'a>(file: &'a str, new: Option<&'a str>) -> Result<&'a str> {
    match new {
        Some(n) => check_passphrase(n, MIN_PASSPHRASE_CHARS).map(|()| n),
        None if file.chars().count() >= MIN_PASSPHRASE_CHARS => Ok(file),
        None => Err(ApiError::refused(
            ErrorCode::NewPassphraseRequired,
            format!(
                "证书文件口令少于 {MIN_PASSPHRASE_CHARS} 个字符，不足以保护本机保存的私钥。\
                 请另设一个至少 {MIN_PASSPHRASE_CHARS} 个字符的签名口令"
            ),
            format!(
                "the file's passphrase is shorter than {MIN_PASSPHRASE_CHARS} characters, too weak to protect \
                 the key kept here. Choose a signing passphrase of at least {MIN_PASSPHRASE_CHARS} characters"
            ),
        )),
    }
}

/// A PKCS#12 file for a data folder that may have no profile yet (the
/// CLI's `identity import`): the profile comes from the certificate's
/// subject, with `overrides` where it says nothing; a recorded profile must
/// match its expert id.
pub fn import_with_profile(
    store: &mut Store,
    p12: &[u8],
    passphrase: &str,
    new_passphrase: Option<&str>,
    overrides: ImportOverrides,
) -> Result<IdentityStatus> {
    if store.profile()?.is_some() {
        return import(store, p12, passphrase, new_passphrase);
    }
    check_passphrase(passphrase, 1)?;
    let id = Identity::from_pkcs12(p12, passphrase)?;
    let stored = stored_passphrase(passphrase, new_passphrase)?;
    let subject = id.subject().clone();
    let expert_id = overrides.expert_id.or(subject.expert_id).ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::BadCertificate,
            "证书中没有专家编号（serialNumber）。请用 --expert-id 指定",
            "the certificate carries no expert id (serialNumber). Give it with --expert-id",
        )
    })?;
    let p = ProfileDto {
        expert_id,
        name: subject.name.unwrap_or_default(),
        title: overrides.title.or(subject.title).unwrap_or_default(),
        affiliation: subject.affiliation.unwrap_or_default(),
    }
    .validate()?;
    save(store, &p, &id, stored)
}

/// Keeps the drawn signature (a PNG from the pad), replacing any earlier
/// one; the store checks that it is a small, decodable PNG.
pub fn set_signature(store: &mut Store, png: &[u8]) -> Result<SignatureSaved> {
    let s = store.set_signature_png(png)?;
    Ok(SignatureSaved { sha256: s.sha256, width: s.width, height: s.height, saved_at: s.saved_at })
}

/// The drawn signature's PNG bytes.
pub fn signature(store: &Store) -> Result<Vec<u8>> {
    let s = store.signature_png()?.ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::NoSignature,
            "尚未绘制手写签名。请在“专家信息”页面绘制并保存",
            "no handwritten signature yet. Draw and save one in the profile page",
        )
    })?;
    Ok(s.png)
}

fn keys_of(id: &Identity, passphrase: &str) -> Result<Keys> {
    Ok(Keys {
        certificate: id.certificate_der().to_vec(),
        certificate_sha256: id.certificate_sha256(),
        encrypted_key: id.encrypted_key_der(passphrase)?,
        ca_chain: id.chain_der_concatenated(),
    })
}

/// The stored identity opened with `passphrase`, with the CA certificates
/// kept beside it (they go into every signature's CMS).
pub(crate) fn unlock(keys: &Keys, passphrase: &str) -> Result<Identity> {
    Ok(Identity::unlock(&keys.encrypted_key, &keys.certificate, passphrase)?.with_chain(&keys.ca_chain)?)
}

fn save(store: &mut Store, p: &Profile, id: &Identity, passphrase: &str) -> Result<IdentityStatus> {
    let keys = keys_of(id, passphrase)?;
    tracing::info!(expert = %p.expert_id, certificate = %keys.certificate_sha256, "signing identity saved");
    store.set_identity(p, Some(&keys))?;
    status(store)
}
