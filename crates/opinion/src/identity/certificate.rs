//! A certificate as a file: what enrolment (formats.md §6) reads from an
//! expert's exported PEM, and what `identity export-cert` writes.

use chrono::{DateTime, Utc};
use der::pem::LineEnding;
use der::Decode;
use x509_cert::Certificate;

use super::{sha256_hex, subject::parse_name, SubjectInfo};
use crate::error::{ErrorCode, OpinionError, Result};

/// A certificate file is a few kilobytes.
pub const MAX_CERTIFICATE_BYTES: usize = 64 * 1024;

/// The parts of a certificate the roster and the pins use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The DER exactly as read (a PEM's base64 decoded): its SHA-256 is the
    /// fingerprint, so it is never re-encoded.
    pub der: Vec<u8>,
    pub sha256: String,
    pub subject: SubjectInfo,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    pub self_signed: bool,
}

impl CertificateInfo {
    /// Reads a PEM (`-----BEGIN CERTIFICATE-----`) or DER certificate.
    pub fn read(bytes: &[u8]) -> Result<CertificateInfo> {
        if bytes.len() > MAX_CERTIFICATE_BYTES {
            return Err(bad(&format!("larger than {} KiB", MAX_CERTIFICATE_BYTES / 1024)));
        }
        let der = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
            let (label, der) = der::pem::decode_vec(bytes.trim_ascii()).map_err(|e| bad(&e))?;
            if label != "CERTIFICATE" {
                return Err(bad(&format!("PEM label {label}, not CERTIFICATE")));
            }
            der
        } else {
            bytes.to_vec()
        };
        let cert = Certificate::from_der(&der).map_err(|e| bad(&e))?;
        let tbs = &cert.tbs_certificate;
        let time = |t: std::time::Duration| {
            i64::try_from(t.as_secs()).ok().and_then(|s| DateTime::from_timestamp(s, 0)).unwrap_or_default()
        };
        Ok(CertificateInfo {
            sha256: sha256_hex(&der),
            subject: parse_name(&tbs.subject),
            not_before: time(tbs.validity.not_before.to_unix_duration()),
            not_after: time(tbs.validity.not_after.to_unix_duration()),
            self_signed: tbs.issuer == tbs.subject,
            der,
        })
    }

    pub fn valid_at(&self, t: DateTime<Utc>) -> bool {
        self.not_before <= t && t <= self.not_after
    }

    /// PEM with LF line ends, as `openssl x509` writes it.
    pub fn pem(&self) -> Result<String> {
        der::pem::encode_string("CERTIFICATE", LineEnding::LF, &self.der)
            .map_err(|e| OpinionError::internal("certificate PEM", e))
    }
}

fn bad(e: &dyn std::fmt::Display) -> OpinionError {
    OpinionError::new(
        ErrorCode::BadCertificate,
        "证书文件无法读取。请让专家在“修改专家信息”中重新导出证书（PEM）".to_string(),
        format!("the certificate file cannot be read ({e}). Ask the expert to export the certificate (PEM) again"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Identity;

    #[test]
    fn pem_and_der_read_back_with_the_same_fingerprint() {
        let id = Identity::create("E01", "王建国", "教授", "聊城大学", Utc::now()).expect("identity");
        let from_der = CertificateInfo::read(id.certificate_der()).expect("der");
        let pem = from_der.pem().expect("pem");
        let from_pem = CertificateInfo::read(pem.as_bytes()).expect("pem");
        assert_eq!(from_pem, from_der);
        assert_eq!(from_pem.sha256, id.certificate_sha256());
        assert_eq!(from_pem.subject.expert_id.as_deref(), Some("E01"));
        assert!(from_pem.valid_at(Utc::now()) && from_pem.self_signed);
        assert!(CertificateInfo::read(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").is_err());
        assert!(CertificateInfo::read(b"garbage").is_err());
    }
}
