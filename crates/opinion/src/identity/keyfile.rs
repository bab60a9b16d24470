//! The key at rest: encrypted PKCS#8 (PBES2, scrypt + AES-256-CBC) under the
//! user's passphrase. Only the encrypted form is ever written anywhere.

use der::pem::LineEnding;
use pkcs8::pkcs5::pbes2::{self, Kdf};
use pkcs8::pkcs5::scrypt;
use pkcs8::{EncryptedPrivateKeyInfo, PrivateKeyInfo};
use rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

use super::{certificate_to_der, Identity, PrivateKey};
use crate::error::{ErrorCode, OpinionError, Result};

/// scrypt N = 2^18, r = 8, p = 1 (256 MiB): the cost age gives a file under
/// a passphrase, not the interactive 2^14–2^15 — the key file may be copied
/// off a lost laptop and guessed at offline. About 0.7 s on a 2-core
/// laptop-class machine, once per signature (docs/security.md). Keys written
/// under 2^15 before still open.
const SCRYPT_LOG_N: u8 = 18;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;

/// Upper bounds accepted when opening a key file: a hostile file must not
/// make us allocate gigabytes or spin for minutes (128 × r 8 × N 2^19 =
/// 512 MiB at most, twice what we write).
pub(super) const MAX_SCRYPT_COST: u64 = 1 << 19;
pub(super) const MAX_SCRYPT_R: u16 = 8;
pub(super) const MAX_SCRYPT_P: u16 = 4;
const MAX_PBKDF2_ITERATIONS: u32 = 4_000_000;

impl Identity {
    /// The private key as encrypted PKCS#8 DER under `passphrase`.
    pub fn encrypted_key_der(&self, passphrase: &str) -> Result<Vec<u8>> {
        check_passphrase(passphrase)?;
        let plain = self.key().to_pkcs8_der()?;
        let info = PrivateKeyInfo::try_from(plain.as_slice()).map_err(|e| OpinionError::internal("key encoding", e))?;
        let mut salt = [0u8; 16];
        let mut iv = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        OsRng.fill_bytes(&mut iv);
        let params = scrypt::Params::new(SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, 32)
            .map_err(|e| OpinionError::internal("scrypt parameters", e))?;
        let pbes2 = pbes2::Parameters::scrypt_aes256cbc(params, &salt, &iv)
            .map_err(|e| OpinionError::internal("scrypt parameters", e))?;
        let doc =
            info.encrypt_with_params(pbes2, passphrase).map_err(|e| OpinionError::internal("key encryption", e))?;
        Ok(doc.as_bytes().to_vec())
    }

    /// The same as PEM ("ENCRYPTED PRIVATE KEY"), for files a person may open.
    pub fn encrypted_key_pem(&self, passphrase: &str) -> Result<String> {
        let der = self.encrypted_key_der(passphrase)?;
        der::pem::encode_string("ENCRYPTED PRIVATE KEY", LineEnding::LF, &der)
            .map_err(|e| OpinionError::internal("key PEM", e))
    }

    /// Opens a stored identity: the encrypted key (DER or PEM) and its
    /// certificate (DER or PEM). A wrong passphrase is `WrongPassphrase`.
    pub fn unlock(encrypted_key: &[u8], certificate: &[u8], passphrase: &str) -> Result<Identity> {
        let der = key_der(encrypted_key)?;
        let info = EncryptedPrivateKeyInfo::try_from(der.as_slice()).map_err(|_| bad_key_file())?;
        check_cost(&info)?;
        // A wrong passphrase shows as a padding error, or (1 in 256) as
        // garbage that does not parse: both mean the passphrase is wrong.
        let plain = info.decrypt(passphrase).map_err(|_| wrong_passphrase())?;
        let key = PrivateKey::from_pkcs8(PrivateKeyInfo::try_from(plain.as_bytes()).map_err(|_| wrong_passphrase())?)?;
        let cert_der = certificate_to_der(certificate)?;
        Identity::from_parts(key, &cert_der, Vec::new())
    }
}

fn key_der(bytes: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    if !bytes.starts_with(b"-----BEGIN") {
        return Ok(Zeroizing::new(bytes.to_vec()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| bad_key_file())?;
    let (label, der) = der::pem::decode_vec(text.as_bytes()).map_err(|_| bad_key_file())?;
    if label != "ENCRYPTED PRIVATE KEY" {
        return Err(bad_key_file());
    }
    Ok(Zeroizing::new(der))
}

fn check_cost(info: &EncryptedPrivateKeyInfo<'_>) -> Result<()> {
    let ok = match &info.encryption_algorithm {
        pkcs8::pkcs5::EncryptionScheme::Pbes2(p) => match &p.kdf {
            Kdf::Scrypt(s) => {
                s.cost_parameter <= MAX_SCRYPT_COST && s.block_size <= MAX_SCRYPT_R && s.parallelization <= MAX_SCRYPT_P
            }
            Kdf::Pbkdf2(p) => p.iteration_count <= MAX_PBKDF2_ITERATIONS,
            _ => false,
        },
        // PBES1 (DES/RC2 with MD5/SHA-1) is too weak for a key at rest.
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(bad_key_file())
    }
}

fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.is_empty() {
        return Err(OpinionError::new(
            ErrorCode::InvalidInput,
            "口令不能为空：私钥必须用口令加密保存",
            "the passphrase must not be empty: the private key is stored encrypted with it",
        ));
    }
    Ok(())
}

pub(crate) fn wrong_passphrase() -> OpinionError {
    OpinionError::new(
        ErrorCode::WrongPassphrase,
        "口令不正确，无法打开签名私钥。请重新输入口令（注意大小写和输入法）",
        "wrong passphrase: the signing key cannot be opened. Type the passphrase again \
         (check Caps Lock and the input method)",
    )
}

fn bad_key_file() -> OpinionError {
    OpinionError::new(
        ErrorCode::BadKeyFile,
        "私钥文件已损坏，或不是本程序支持的加密私钥（PKCS#8，scrypt/PBKDF2 + AES）。请从备份恢复或重新生成签名身份",
        "the key file is damaged or not a supported encrypted key (PKCS#8, scrypt/PBKDF2 + AES). \
         Restore it from a backup or create a new signing identity",
    )
}
