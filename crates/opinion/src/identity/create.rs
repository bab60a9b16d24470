//! A new self-signed identity: the expert has no CA certificate, so the
//! certificate vouches only for the key; the chair pins its SHA-256
//! (roster or first accepted review, docs/formats.md §4).

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use der::Encode;
use p256::ecdsa::{DerSignature, SigningKey};
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};
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
        let key = SigningKey::random(&mut OsRng);
        certify(key, random_serial()?, expert_id, name, title, affiliation, now)
    }

    /// The same kind of identity, its key and serial derived from `seed`
    /// (SHA-256, counted on until the value is a valid P-256 scalar) and
    /// valid from `not_before`: the same seed gives the same certificate,
    /// byte for byte (ECDSA here is RFC 6979, deterministic). Anyone who
    /// knows the seed holds the key, so this is for the bundled demo's
    /// bureau and panel only, whose batches say they are demonstrations.
    pub fn from_seed(
        seed: &[u8],
        expert_id: &str,
        name: &str,
        title: &str,
        affiliation: &str,
        not_before: DateTime<Utc>,
    ) -> Result<Identity> {
        let key = (0u32..)
            .map(|n| Sha256::new().chain_update(b"paneldesk seed key").chain_update(n.to_be_bytes()).chain_update(seed))
            .find_map(|h| SigningKey::from_bytes(&h.finalize()).ok())
            .ok_or_else(|| OpinionError::internal("seed", "no key"))?;
        let mut serial: [u8; 16] = [0; 16];
        serial
            .copy_from_slice(&Sha256::new().chain_update(b"paneldesk seed serial").chain_update(seed).finalize()[..16]);
        certify(key, positive_serial(serial)?, expert_id, name, title, affiliation, not_before)
    }
}

/// A self-signed certificate for `key` (see `create`).
fn certify(
    key: SigningKey,
    serial: SerialNumber,
    expert_id: &str,
    name: &str,
    title: &str,
    affiliation: &str,
    now: DateTime<Utc>,
) -> Result<Identity> {
    let subject_name = subject::build_name(expert_id, name, title, affiliation)?;
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
        .map_err(|e| OpinionError::internal("public key", e))?;

    let profile = Profile::Leaf {
        // Self-signed: the issuer is the subject. A leaf (not Root)
        // profile so key usage is for signing documents, not certificates.
        issuer: subject_name.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let builder = CertificateBuilder::new(profile, serial, validity(now)?, subject_name, spki, &key)
        .map_err(|e| OpinionError::internal("certificate", e))?;
    let cert = builder.build::<DerSignature>().map_err(|e| OpinionError::internal("certificate", e))?;
    let cert_der = cert.to_der().map_err(|e| OpinionError::internal("certificate", e))?;
    Identity::from_parts(PrivateKey::P256(key), &cert_der, Vec::new())
}

/// 16 random bytes, made positive and non-zero as RFC 5280 asks.
fn random_serial() -> Result<SerialNumber> {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    positive_serial(bytes)
}

fn positive_serial(mut bytes: [u8; 16]) -> Result<SerialNumber> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(seed: &[u8]) -> Identity {
        let at = "2026-01-01T00:00:00Z".parse().expect("time");
        Identity::from_seed(seed, "D01", "演示专家", "教授", "聊城大学", at).expect("identity")
    }

    #[test]
    fn the_same_seed_gives_the_same_certificate_and_signatures() {
        let (a, b) = (seeded(b"demo D01"), seeded(b"demo D01"));
        assert_eq!(a.certificate_der(), b.certificate_der());
        let at = "2026-05-20T01:00:00Z".parse().expect("time");
        let sign = |id: &Identity| crate::sign::sign_detached(id, b"batch.json", at).expect("sign");
        assert_eq!(sign(&a), sign(&b));
        assert_ne!(a.certificate_der(), seeded(b"demo D02").certificate_der());
        assert_eq!(a.expert_id(), Some("D01"));
    }
}
