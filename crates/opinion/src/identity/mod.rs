//! An expert's signing identity: a key (ECDSA P-256, or a CA's RSA) and its
//! X.509 certificate, either self-made (`create`, P-256) or issued by a CA
//! (`from_pkcs12`). At rest the key is only ever kept encrypted (`keyfile`).

mod certificate;
mod create;
mod key;
mod keyfile;
mod pkcs12;
mod pkcs12_limits;
pub mod subject;

use std::fmt;

use der::{Decode, Encode, EncodePem};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use crate::error::{ErrorCode, OpinionError, Result};
pub use certificate::{CertificateInfo, MAX_CERTIFICATE_BYTES};
pub(crate) use key::PrivateKey;
pub use key::PublicKey;
pub use subject::SubjectInfo;

/// A key ready to sign, with its certificate. The key stays in memory only
/// as long as this value lives; p256 and rsa wipe it on drop.
pub struct Identity {
    key: PrivateKey,
    cert: Certificate,
    cert_der: Vec<u8>,
    /// CA certificates that came with a PKCS#12 file, leaf excluded; they go
    /// into the CMS so a verifier can build the path.
    chain_der: Vec<Vec<u8>>,
    subject: SubjectInfo,
}

/// Never prints the key: Debug output ends up in logs and bug reports.
impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("subject", &self.subject)
            .field("certificate_sha256", &self.certificate_sha256())
            .field("key", &"<hidden>")
            .finish()
    }
}

impl Identity {
    /// Joins a key and a certificate, checking that they belong together.
    /// Of `chain_der` only the certificates that link the leaf to its root
    /// are kept, in that order: a verifier refuses a CMS carrying others.
    pub(crate) fn from_parts(key: PrivateKey, cert_der: &[u8], chain_der: Vec<Vec<u8>>) -> Result<Identity> {
        let cert = parse_certificate(cert_der)?;
        let cert_key = certificate_key(&cert)?;
        if cert_key != key.public_key() {
            return Err(OpinionError::new(
                ErrorCode::KeyMismatch,
                "私钥与证书不匹配。请使用同一次生成或同一证书文件中的私钥和证书",
                "the private key does not belong to the certificate. Use the key and certificate \
                 made together (or from the same certificate file)",
            ));
        }
        let subject = subject::parse_name(&cert.tbs_certificate.subject);
        let chain_der = issuing_chain(&cert, chain_der);
        Ok(Identity { key, cert, cert_der: cert_der.to_vec(), chain_der, subject })
    }

    /// The same identity with the CA certificates kept beside the key
    /// (concatenated DER, as `chain_der_concatenated` gives them).
    pub fn with_chain(self, concatenated: &[u8]) -> Result<Identity> {
        let mut rest = concatenated;
        let mut chain = Vec::new();
        while !rest.is_empty() {
            let mut reader = der::SliceReader::new(rest).map_err(|e| OpinionError::internal("chain", e))?;
            let c = Certificate::decode(&mut reader).map_err(|e| OpinionError::internal("chain", e))?;
            let used = usize::try_from(u32::from(der::Reader::position(&reader))).unwrap_or(rest.len());
            chain.push(c.to_der().map_err(|e| OpinionError::internal("chain", e))?);
            rest = rest.get(used..).unwrap_or_default();
        }
        let Identity { key, cert, cert_der, subject, .. } = self;
        let chain_der = issuing_chain(&cert, chain);
        Ok(Identity { key, cert, cert_der, chain_der, subject })
    }

    /// The CA certificates as one byte string, for storage beside the key.
    pub fn chain_der_concatenated(&self) -> Vec<u8> {
        self.chain_der.concat()
    }

    pub(crate) fn key(&self) -> &PrivateKey {
        &self.key
    }

    pub fn certificate(&self) -> &Certificate {
        &self.cert
    }

    /// The certificate exactly as stored and embedded in signatures.
    pub fn certificate_der(&self) -> &[u8] {
        &self.cert_der
    }

    pub fn certificate_pem(&self) -> Result<String> {
        self.cert.to_pem(der::pem::LineEnding::LF).map_err(|e| OpinionError::internal("certificate PEM", e))
    }

    /// Issuer certificates (DER) imported with the key, leaf excluded.
    pub fn chain_der(&self) -> &[Vec<u8>] {
        &self.chain_der
    }

    /// Lowercase hex SHA-256 of the DER certificate: the `certificate_sha256`
    /// of docs/formats.md §4 and of the roster.
    pub fn certificate_sha256(&self) -> String {
        sha256_hex(&self.cert_der)
    }

    /// The expert id, read back from the certificate's serialNumber attribute.
    pub fn expert_id(&self) -> Option<&str> {
        self.subject.expert_id.as_deref()
    }

    /// Name, title, affiliation and expert id as the certificate states them.
    pub fn subject(&self) -> &SubjectInfo {
        &self.subject
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex_lower(&Sha256::digest(bytes))
}

pub(crate) fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// Parses a DER certificate, or a PEM one (files users pick may be either).
pub fn parse_certificate(bytes: &[u8]) -> Result<Certificate> {
    let parsed = if bytes.starts_with(b"-----BEGIN") {
        std::str::from_utf8(bytes)
            .map_err(|_| der::Error::from(der::ErrorKind::Failed))
            .and_then(der::DecodePem::from_pem)
    } else {
        Certificate::from_der(bytes)
    };
    parsed.map_err(|e| {
        OpinionError::new(
            ErrorCode::BadCertificate,
            "证书无法解析。请重新选择证书文件".to_string(),
            format!("the certificate cannot be parsed ({e}). Choose the certificate file again"),
        )
    })
}

/// The DER encoding of a certificate given in DER or PEM.
pub(crate) fn certificate_to_der(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.starts_with(b"-----BEGIN") {
        parse_certificate(bytes)?.to_der().map_err(|e| OpinionError::internal("certificate DER", e))
    } else {
        // Keep the stored bytes as they are: their hash is the pinned identity.
        parse_certificate(bytes)?;
        Ok(bytes.to_vec())
    }
}

/// The certificate's public key: P-256, or RSA of 2048 to 4096 bits.
pub fn certificate_key(cert: &Certificate) -> Result<PublicKey> {
    PublicKey::of(cert)
}

/// From the leaf up: each next certificate is the one whose subject is the
/// last one's issuer, until a self-issued root or a missing link.
fn issuing_chain(leaf: &Certificate, pool: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let parsed: Vec<(Certificate, Vec<u8>)> =
        pool.into_iter().filter_map(|d| Certificate::from_der(&d).ok().map(|c| (c, d))).collect();
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut last = leaf.clone();
    while last.tbs_certificate.subject != last.tbs_certificate.issuer {
        let next =
            parsed.iter().find(|(c, d)| c.tbs_certificate.subject == last.tbs_certificate.issuer && !out.contains(d));
        match next {
            Some((c, d)) => {
                out.push(d.clone());
                last = c.clone();
            }
            None => break,
        }
    }
    out
}
