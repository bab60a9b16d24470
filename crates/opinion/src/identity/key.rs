//! The key behind an identity: ECDSA P-256 (made here, or a CA's) or RSA of
//! 2048 to 4096 bits — CFCA and the provincial CAs issue experts mostly
//! RSA-2048. Signatures are ECDSA-with-SHA-256 or RSA PKCS#1 v1.5 with
//! SHA-256 (the form every PDF reader checks); RSASSA-PSS with SHA-256 is
//! verified too.

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use p256::ecdsa::signature::Verifier;
use pkcs8::{DecodePublicKey, EncodePrivateKey, PrivateKeyInfo};
use rsa::pkcs1::RsaPssParams;
use rsa::traits::PublicKeyParts;
use sha2::Sha256;
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use zeroize::Zeroizing;

use crate::error::{ErrorCode, OpinionError, Result};

pub(crate) const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
pub(crate) const OID_SECP256R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const OID_ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
pub(crate) const OID_RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
pub(crate) const OID_SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
pub(crate) const OID_RSASSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_MGF1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");
const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// RSA moduli accepted: below 2048 bits is too weak (GM/T and NIST alike),
/// above 4096 no CA issues and verifying would only cost time.
pub(crate) const MIN_RSA_BITS: usize = 2048;
pub(crate) const MAX_RSA_BITS: usize = 4096;

/// A private key; both kinds wipe themselves on drop.
pub(crate) enum PrivateKey {
    P256(p256::ecdsa::SigningKey),
    Rsa(Box<rsa::RsaPrivateKey>),
}

/// A certificate's public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    P256(p256::ecdsa::VerifyingKey),
    Rsa(rsa::RsaPublicKey),
}

impl PrivateKey {
    /// From PKCS#8, by the key's algorithm: P-256, or RSA within bounds.
    pub(crate) fn from_pkcs8(info: PrivateKeyInfo<'_>) -> Result<PrivateKey> {
        if info.algorithm.oid == OID_EC_PUBLIC_KEY {
            let curve = info.algorithm.parameters.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            if curve != Some(OID_SECP256R1) {
                return Err(unsupported_key());
            }
            return p256::ecdsa::SigningKey::try_from(info).map(PrivateKey::P256).map_err(|_| unsupported_key());
        }
        if info.algorithm.oid == OID_RSA_ENCRYPTION {
            let key = rsa::RsaPrivateKey::try_from(info).map_err(|_| unsupported_key())?;
            rsa_bits(&key.to_public_key())?;
            key.validate().map_err(|_| unsupported_key())?;
            return Ok(PrivateKey::Rsa(Box::new(key)));
        }
        Err(unsupported_key())
    }

    /// Unencrypted PKCS#8 DER, only ever to be encrypted at once.
    pub(crate) fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>> {
        let doc = match self {
            PrivateKey::P256(k) => k.to_pkcs8_der(),
            PrivateKey::Rsa(k) => k.to_pkcs8_der(),
        }
        .map_err(|e| OpinionError::internal("key encoding", e))?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

    pub(crate) fn public_key(&self) -> PublicKey {
        match self {
            PrivateKey::P256(k) => PublicKey::P256(*k.verifying_key()),
            PrivateKey::Rsa(k) => PublicKey::Rsa(k.to_public_key()),
        }
    }
}

impl PublicKey {
    /// The certificate's subject public key: P-256 or RSA within bounds.
    pub fn of(cert: &Certificate) -> Result<PublicKey> {
        let spki = &cert.tbs_certificate.subject_public_key_info;
        let der = spki.to_der().map_err(|e| OpinionError::internal("public key", e))?;
        if spki.algorithm.oid == OID_EC_PUBLIC_KEY {
            let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            if curve != Some(OID_SECP256R1) {
                return Err(unsupported_key());
            }
            return p256::ecdsa::VerifyingKey::from_public_key_der(&der)
                .map(PublicKey::P256)
                .map_err(|_| unsupported_key());
        }
        if spki.algorithm.oid == OID_RSA_ENCRYPTION {
            let key = rsa::RsaPublicKey::from_public_key_der(&der).map_err(|_| unsupported_key())?;
            rsa_bits(&key)?;
            return Ok(PublicKey::Rsa(key));
        }
        Err(unsupported_key())
    }

    /// Whether `signature` over `message` verifies under `alg`, SHA-256
    /// throughout. `Err` when the algorithm does not fit this key or is not
    /// one of those listed at the top of this file.
    pub fn verify(&self, alg: &AlgorithmIdentifierOwned, message: &[u8], signature: &[u8]) -> Result<bool> {
        match self {
            PublicKey::P256(key) => {
                if alg.oid != OID_ECDSA_SHA256 && alg.oid != OID_EC_PUBLIC_KEY {
                    return Err(unsupported_algorithm());
                }
                let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else { return Ok(false) };
                Ok(key.verify(message, &sig).is_ok())
            }
            PublicKey::Rsa(key) => {
                let Ok(sig) = rsa::pkcs1v15::Signature::try_from(signature) else { return Ok(false) };
                if alg.oid == OID_SHA256_WITH_RSA || alg.oid == OID_RSA_ENCRYPTION {
                    let v = rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key.clone());
                    return Ok(v.verify(message, &sig).is_ok());
                }
                if alg.oid == OID_RSASSA_PSS {
                    let salt = pss_salt_len(alg)?;
                    let Ok(sig) = rsa::pss::Signature::try_from(signature) else { return Ok(false) };
                    let v = rsa::pss::VerifyingKey::<Sha256>::new_with_salt_len(key.clone(), salt);
                    return Ok(v.verify(message, &sig).is_ok());
                }
                Err(unsupported_algorithm())
            }
        }
    }
}

/// RSASSA-PSS parameters must say SHA-256 and MGF1 with SHA-256 (RFC 4055);
/// the salt length is whatever they give.
fn pss_salt_len(alg: &AlgorithmIdentifierOwned) -> Result<usize> {
    let der = alg.parameters.as_ref().and_then(|p| p.to_der().ok()).ok_or_else(unsupported_algorithm)?;
    let params = RsaPssParams::from_der(&der).map_err(|_| unsupported_algorithm())?;
    let mgf_hash = params.mask_gen.parameters.map(|h| h.oid);
    if params.hash.oid != OID_SHA256 || params.mask_gen.oid != OID_MGF1 || mgf_hash != Some(OID_SHA256) {
        return Err(unsupported_algorithm());
    }
    Ok(usize::from(params.salt_len))
}

fn rsa_bits(key: &rsa::RsaPublicKey) -> Result<()> {
    let bits = key.n().bits();
    if (MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) {
        Ok(())
    } else {
        Err(unsupported_key())
    }
}

pub(crate) fn unsupported_key() -> OpinionError {
    OpinionError::new(
        ErrorCode::UnsupportedKey,
        "只支持 ECDSA P-256（prime256v1）或 2048 至 4096 位的 RSA 密钥。请向证书机构申请这样的证书，或在本程序中生成签名身份",
        "only ECDSA P-256 (prime256v1) keys and RSA keys of 2048 to 4096 bits are supported. Ask the CA \
         for such a certificate, or create a signing identity in this application",
    )
}

fn unsupported_algorithm() -> OpinionError {
    OpinionError::new(
        ErrorCode::UnsupportedKey,
        "签名算法不受支持：只接受 SHA-256 的 ECDSA、RSA PKCS#1 v1.5 或 RSASSA-PSS 签名",
        "the signature algorithm is not supported: only ECDSA, RSA PKCS#1 v1.5 or RSASSA-PSS with SHA-256",
    )
}
