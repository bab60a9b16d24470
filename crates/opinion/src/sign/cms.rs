//! The CMS of a PAdES-B-B signature (ETSI EN 319 142-1): detached
//! SignedData over the PDF's byte ranges, SHA-256, signed attributes
//! content-type, message-digest and ESS signing-certificate-v2 (RFC 5035,
//! required by PAdES so the certificate cannot be swapped). No signing-time
//! attribute in PDFs: PAdES takes the claimed time from the dictionary's /M.
//! A batch's detached signature (formats.md §6) carries signing-time.

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use der::asn1::{Any, ObjectIdentifier, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use p256::ecdsa::signature::{Keypair, Signer};
use p256::ecdsa::{DerSignature, SigningKey};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::error::{OpinionError, Result};
use crate::identity::{Identity, PrivateKey};
use spki::SignatureBitStringEncoding;

pub(crate) const OID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub(crate) const OID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");
pub(crate) const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub(crate) const OID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub(crate) const OID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
pub(crate) const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2,
/// policies SEQUENCE OF PolicyInformation OPTIONAL } (RFC 5035).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    pub policies: Option<Vec<Any>>,
}

/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash,
/// issuerSerial OPTIONAL }. SHA-256 is the default, so DER leaves it out.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct EssCertIdV2 {
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber }.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub(crate) struct IssuerSerial {
    pub issuer: Vec<GeneralName>,
    pub serial_number: SerialNumber,
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    // RFC 5754: SHA-2 identifiers are written without parameters.
    AlgorithmIdentifierOwned { oid: OID_SHA256, parameters: None }
}

fn signing_certificate_v2(cert: &Certificate, cert_der: &[u8]) -> Result<Attribute> {
    let tbs = &cert.tbs_certificate;
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(Sha256::digest(cert_der).to_vec()).map_err(cms_error)?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(tbs.issuer.clone())],
                serial_number: tbs.serial_number.clone(),
            }),
        }],
        policies: None,
    };
    let any = Any::from_der(&value.to_der().map_err(cms_error)?).map_err(cms_error)?;
    let mut values = SetOfVec::new();
    values.insert(any).map_err(cms_error)?;
    Ok(Attribute { oid: OID_SIGNING_CERTIFICATE_V2, values })
}

fn signing_time(at: chrono::DateTime<chrono::Utc>) -> Result<Attribute> {
    // RFC 5652 §11.3: UTCTime through 2049, GeneralizedTime after; x509-cert's
    // Time picks the same way.
    let time = x509_cert::time::Time::try_from(std::time::SystemTime::from(at)).map_err(cms_error)?;
    let any = Any::from_der(&time.to_der().map_err(cms_error)?).map_err(cms_error)?;
    let mut values = SetOfVec::new();
    values.insert(any).map_err(cms_error)?;
    Ok(Attribute { oid: OID_SIGNING_TIME, values })
}

/// DER ContentInfo(SignedData) over a precomputed SHA-256 `digest` of the
/// signed bytes, signed with the identity's key; `at` adds signing-time.
pub(crate) fn signed_data(
    identity: &Identity,
    digest: &[u8],
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<u8>> {
    let cert = identity.certificate();
    let content = EncapsulatedContentInfo { econtent_type: OID_DATA, econtent: None };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    match identity.key() {
        PrivateKey::P256(k) => build(&LowS(k), identity, sid, &content, digest, at),
        // PKCS#1 v1.5: deterministic, and what every PDF reader checks.
        PrivateKey::Rsa(k) => {
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(k.as_ref().clone());
            build(&signer, identity, sid, &content, digest, at)
        }
    }
}

/// The SignedData for one signer, whatever its key.
fn build<S, Sig>(
    key: &S,
    identity: &Identity,
    sid: SignerIdentifier,
    content: &EncapsulatedContentInfo,
    digest: &[u8],
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<u8>>
where
    S: Keypair + spki::DynSignatureAlgorithmIdentifier + Signer<Sig>,
    Sig: SignatureBitStringEncoding,
{
    let cert = identity.certificate();
    let mut signer = SignerInfoBuilder::new(key, sid, sha256_alg(), content, Some(digest)).map_err(cms_error)?;
    // content-type and message-digest are added by the builder. (Adding
    // content-type here trips a check in cms 0.2.3 that compares the
    // attribute's OID, not its value, with eContentType.)
    signer.add_signed_attribute(signing_certificate_v2(cert, identity.certificate_der())?).map_err(cms_error)?;
    if let Some(at) = at {
        signer.add_signed_attribute(signing_time(at)?).map_err(cms_error)?;
    }

    let mut builder = SignedDataBuilder::new(content);
    builder.add_digest_algorithm(sha256_alg()).map_err(cms_error)?;
    builder.add_certificate(CertificateChoices::Certificate(cert.clone())).map_err(cms_error)?;
    for der in identity.chain_der() {
        let ca = Certificate::from_der(der).map_err(cms_error)?;
        builder.add_certificate(CertificateChoices::Certificate(ca)).map_err(cms_error)?;
    }
    builder.add_signer_info::<S, Sig>(signer).map_err(cms_error)?;
    builder.build().map_err(cms_error)?.to_der().map_err(cms_error)
}

/// The key, signing with the low of the two valid `s` values: the high one
/// would be a second encoding of the same signature (ECDSA malleability).
struct LowS<'a>(&'a SigningKey);

impl p256::ecdsa::signature::Keypair for LowS<'_> {
    type VerifyingKey = p256::ecdsa::VerifyingKey;

    fn verifying_key(&self) -> Self::VerifyingKey {
        *self.0.verifying_key()
    }
}

impl spki::DynSignatureAlgorithmIdentifier for LowS<'_> {
    fn signature_algorithm_identifier(&self) -> spki::Result<spki::AlgorithmIdentifierOwned> {
        self.0.signature_algorithm_identifier()
    }
}

impl p256::ecdsa::signature::Signer<DerSignature> for LowS<'_> {
    fn try_sign(&self, msg: &[u8]) -> std::result::Result<DerSignature, p256::ecdsa::signature::Error> {
        let sig: p256::ecdsa::Signature = p256::ecdsa::signature::Signer::try_sign(self.0, msg)?;
        Ok(sig.normalize_s().unwrap_or(sig).to_der())
    }
}

fn cms_error(e: impl std::fmt::Display) -> OpinionError {
    OpinionError::internal("CMS", e)
}
