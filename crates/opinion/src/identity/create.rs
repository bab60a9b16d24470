//! A new self-signed identity: the expert has no CA certificate, so the
//! certificate vouches only for the key; the chair pins its SHA-256
//! (roster or first accepted review, docs/formats.md §4).

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use der::Encode;
use p256::ecdsa::{DerSignature, SigningKey};
use rand_core::{OsRng, RngCore};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

use super::{subject, Identity, PrivateKey};
use crate::error::{ErrorCode, OpinionError, Result};

/// Five years: long enough for a panel term, short enough to be renewed.
const VALIDITY_DAYS: u64 = 5 * 365 + 1;

impl Identity {
    /// Makes a fresh P-256 key and a self-signed X.509 v3 certificate whose
    /// subject names the expert (CN, O, title, serialNumber = expert id),
    /// valid from `now` for five years, key usage digitalSignature and
    /// nonRepudiation, signed with ECDSA-with-SHA256.
    pub fn create(expert_id: &str, name: &str, title: &str, affiliation: &str, now: DateTime<Utc>) -> Result<Identity> {
        let subject_name = subject::build_name(expert_id, name, title, affiliation)?;
        let key = SigningKey::random(&mut OsRng);
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
            .map_err(|e| OpinionError::internal("public key", e))?;

        let profile = Profile::Leaf {
            // Self-signed: the issuer is the subject. A leaf (not Root)
            // profile so key usage is for signing documents, not certificates.
            issuer: subject_name.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        };
        let builder = CertificateBuilder::new(profile, random_serial()?, validity(now)?, subject_name, spki, &key)
            .map_err(|e| OpinionError::internal("certificate", e))?;
        let cert = builder.build::<DerSignature>().map_err(|e| OpinionError::internal("certificate", e))?;
        let cert_der = cert.to_der().map_err(|e| OpinionError::internal("certificate", e))?;
        Identity::from_parts(PrivateKey::P256(key), &cert_der, Vec::new())
    }
}

/// 16 random bytes, made positive and non-zero as RFC 5280 asks.
fn random_serial() -> Result<SerialNumber> {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f) | 0x01;
    SerialNumber::new(&bytes).map_err(|e| OpinionError::internal("serial number", e))
}

fn validity(now: DateTime<Utc>) -> Result<Validity> {
    let bad_time = || {
        OpinionError::new(
            ErrorCode::InvalidInput,
            format!("时间 {now} 无法写入证书，请检查系统时钟"),
            format!("the time {now} cannot be written into a certificate; check the system clock"),
        )
    };
    let start: SystemTime = now.into();
    let end = start.checked_add(Duration::from_secs(VALIDITY_DAYS * 86_400)).ok_or_else(bad_time)?;
    Ok(Validity {
        not_before: Time::try_from(start).map_err(|_| bad_time())?,
        not_after: Time::try_from(end).map_err(|_| bad_time())?,
    })
}
