//! A detached CMS over a whole file: the organiser's `batch.json.p7s`
//! (docs/formats.md §6). Same CMS as a PDF signature, plus signing-time,
//! checked by the same code, so `openssl cms -verify` and this agree.

use chrono::{DateTime, Utc};
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::time::Time;

use super::cms::{signed_data, OID_SIGNING_TIME};
use super::cms_verify;
use super::problem::Problem;
use crate::error::Result;
use crate::identity::{sha256_hex, subject::parse_name, Identity, SubjectInfo};

/// Who signed a file, as the verified CMS says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetachedSigner {
    pub certificate_der: Vec<u8>,
    /// Lowercase hex SHA-256 of the certificate's DER: what gets pinned.
    pub certificate_sha256: String,
    pub subject: SubjectInfo,
    pub signing_time: Option<DateTime<Utc>>,
}

/// DER SignedData over `content`, detached, signed now by `identity`.
pub fn sign_detached(identity: &Identity, content: &[u8], at: DateTime<Utc>) -> Result<Vec<u8>> {
    signed_data(identity, &Sha256::digest(content), Some(at))
}

/// Checks `p7s` against `content`: structure, digest, certificate binding,
/// the signature, and that the signing time (when given) falls within the
/// certificate's validity. Every problem found is returned.
pub fn verify_detached(p7s: &[u8], content: &[u8]) -> std::result::Result<DetachedSigner, Vec<Problem>> {
    // Strict DER: nothing may follow the SignedData (no padding here).
    let info = ContentInfo::from_der(p7s).map_err(|e| vec![malformed(e)])?;
    let signing_time = signing_time(&info);
    let check = cms_verify::check(p7s, &Sha256::digest(content), signing_time.map(|t| t.fixed_offset()));
    match (check.certificate, check.problems.is_empty()) {
        (Some((cert, der)), true) => Ok(DetachedSigner {
            certificate_sha256: sha256_hex(&der),
            subject: parse_name(&cert.tbs_certificate.subject),
            certificate_der: der,
            signing_time,
        }),
        (_, true) => Err(vec![malformed("no signer certificate")]),
        (_, false) => Err(check.problems),
    }
}

fn malformed(e: impl std::fmt::Display) -> Problem {
    Problem::new(
        "cms-invalid",
        "签名文件不是有效的 CMS 签名".to_string(),
        format!("the signature file is not a valid CMS signature ({e})"),
    )
}

fn signing_time(info: &ContentInfo) -> Option<DateTime<Utc>> {
    let signed: SignedData = info.content.decode_as().ok()?;
    let signer = signed.signer_infos.0.iter().next()?;
    let attr = signer.signed_attrs.as_ref()?.iter().find(|a| a.oid == OID_SIGNING_TIME)?;
    let time = Time::from_der(&attr.values.iter().next()?.to_der().ok()?).ok()?;
    let secs = i64::try_from(time.to_unix_duration().as_secs()).ok()?;
    DateTime::from_timestamp(secs, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity() -> Identity {
        Identity::create("LCSTB", "聊城市科学技术局", "组织方", "聊城市科学技术局", Utc::now()).expect("identity")
    }

    #[test]
    fn signs_and_verifies_with_time_and_subject() {
        let id = identity();
        let p7s = sign_detached(&id, b"{\"id\":\"B1\"}", Utc::now()).expect("sign");
        let signer = verify_detached(&p7s, b"{\"id\":\"B1\"}").expect("valid");
        assert_eq!(signer.certificate_sha256, id.certificate_sha256());
        assert_eq!(signer.subject.expert_id.as_deref(), Some("LCSTB"));
        assert!(signer.signing_time.is_some());
    }

    #[test]
    fn changed_content_and_trailing_bytes_are_refused() {
        let id = identity();
        let p7s = sign_detached(&id, b"batch", Utc::now()).expect("sign");
        let problems = verify_detached(&p7s, b"batcH").expect_err("changed");
        assert!(problems.iter().any(|p| p.code == "digest-mismatch"));
        let mut padded = p7s.clone();
        padded.push(0);
        assert!(verify_detached(&padded, b"batch").is_err());
        assert!(verify_detached(b"not a cms", b"batch").is_err());
    }
}
