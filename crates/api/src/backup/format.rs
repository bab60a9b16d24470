//! The backup file (docs/formats.md §8): a fixed header, then the inner ZIP
//! encrypted with AES-256-GCM under a key derived from the passphrase by
//! scrypt. The whole header is the cipher's associated data, so changing
//! any byte of the file, or cutting it short, fails authentication.
//!
//! ```text
//! "PDBAK1"  version u8 = 1  kdf u8 = 1 (scrypt)  log_n u8  r u32be  p u32be
//! salt [16]  nonce [12]  key_check [32]  ciphertext  tag [16]
//! ```
//!
//! `key_check` is the second half of the 64 bytes scrypt derives (the
//! first half is the key): it tells a wrong passphrase from a damaged file
//! without revealing anything about the key.

use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce, Tag};
use rand_core::{OsRng, RngCore};
use zeroize::Zeroizing;

use crate::error::{ApiError, ErrorCode, Result};

/// The file's first bytes.
pub const MAGIC: &[u8; 6] = b"PDBAK1";
/// The layout version after the magic.
pub const VERSION: u8 = 1;
const KDF_SCRYPT: u8 = 1;
/// scrypt N = 2^17, r = 8, p = 1: 128 MiB and about half a second, once per
/// backup or restore; guessing costs the same.
pub const LOG_N: u8 = 17;
const R: u32 = 8;
const P: u32 = 1;
/// A hostile header must not make a restore allocate gigabytes (2^18 × r 8
/// × 128 = 256 MiB at most) or spin for minutes.
const MAX_LOG_N: u8 = 18;
const MAX_R: u32 = 8;
const MAX_P: u32 = 4;
const SALT: usize = 16;
const NONCE: usize = 12;
const CHECK: usize = 32;
const TAG: usize = 16;
/// Bytes before the ciphertext.
pub const HEADER_LEN: usize = 6 + 1 + 1 + 1 + 4 + 4 + SALT + NONCE + CHECK;

/// The scrypt parameters as written in a header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// log2 of the cost N.
    pub log_n: u8,
    /// Block size.
    pub r: u32,
    /// Parallelism.
    pub p: u32,
}

/// The parameters new backups are written with.
pub const DEFAULT_KDF: KdfParams = KdfParams { log_n: LOG_N, r: R, p: P };

fn derive(passphrase: &str, salt: &[u8], kdf: KdfParams) -> Result<Zeroizing<[u8; 64]>> {
    let params = scrypt::Params::new(kdf.log_n, kdf.r, kdf.p, 64).map_err(|_| damaged_header())?;
    let mut out = Zeroizing::new([0u8; 64]);
    scrypt::scrypt(passphrase.as_bytes(), salt, &params, out.as_mut()).map_err(|_| damaged_header())?;
    Ok(out)
}

fn cipher(key: &[u8]) -> Result<Aes256Gcm> {
    Aes256Gcm::new_from_slice(key).map_err(ApiError::stopped)
}

/// Encrypts `plain` (the inner ZIP) in place into a whole backup file.
pub fn seal(mut plain: Vec<u8>, passphrase: &str, kdf: KdfParams) -> Result<Vec<u8>> {
    let mut salt = [0u8; SALT];
    let mut nonce = [0u8; NONCE];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let keys = derive(passphrase, &salt, kdf)?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&[VERSION, KDF_SCRYPT, kdf.log_n]);
    header.extend_from_slice(&kdf.r.to_be_bytes());
    header.extend_from_slice(&kdf.p.to_be_bytes());
    header.extend_from_slice(&salt);
    header.extend_from_slice(&nonce);
    header.extend_from_slice(&keys[32..]);
    let tag = cipher(&keys[..32])?
        .encrypt_in_place_detached(Nonce::from_slice(&nonce), &header, &mut plain)
        .map_err(ApiError::stopped)?;
    // Header, then the ciphertext, then the tag, in one buffer.
    plain.extend_from_slice(&tag);
    header.extend_from_slice(&plain);
    Ok(header)
}

/// Whether `bytes` start like a backup file (the magic), whatever follows.
pub fn looks_like_backup(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Decrypts a whole backup file in place and returns the inner ZIP. A
/// wrong passphrase, and any change or truncation, is refused; nothing of
/// the plaintext is returned unless the tag verified.
pub fn open(mut file: Vec<u8>, passphrase: &str) -> Result<Vec<u8>> {
    if !looks_like_backup(&file) {
        return Err(not_backup());
    }
    if file.len() < HEADER_LEN + TAG {
        return Err(damaged("文件不完整（被截断）", "it is incomplete (truncated)"));
    }
    if file[6] != VERSION || file[7] != KDF_SCRYPT {
        return Err(ApiError::unusable(
            ErrorCode::NotBackup,
            format!("备份文件格式版本 {} 不受支持。请使用较新版本的 PanelDesk 恢复", file[6]),
            format!("backup format version {} is not supported. Restore it with a newer PanelDesk", file[6]),
        ));
    }
    let be = |at: usize| u32::from_be_bytes([file[at], file[at + 1], file[at + 2], file[at + 3]]);
    let kdf = KdfParams { log_n: file[8], r: be(9), p: be(13) };
    if kdf.log_n == 0 || kdf.log_n > MAX_LOG_N || kdf.r == 0 || kdf.r > MAX_R || kdf.p == 0 || kdf.p > MAX_P {
        return Err(damaged_header());
    }
    let salt_at = 17;
    let nonce_at = salt_at + SALT;
    let check_at = nonce_at + NONCE;
    let keys = derive(passphrase, &file[salt_at..nonce_at], kdf)?;
    if !same(&keys[32..], &file[check_at..HEADER_LEN]) {
        return Err(ApiError::refused(
            ErrorCode::BackupWrongPassphrase,
            "口令无法打开该备份（须为备份时数据目录的签名口令），或其文件头已被改动。请核对口令后重试，仍失败请改用另一份备份",
            "the passphrase does not open this backup (it is the data folder's signing passphrase when the backup was made), or its header was altered. Check the passphrase and retry; if it still fails, use another backup",
        ));
    }
    let tag_at = file.len() - TAG;
    let tag = Tag::clone_from_slice(&file[tag_at..]);
    let nonce = Nonce::clone_from_slice(&file[nonce_at..check_at]);
    let header = file[..HEADER_LEN].to_vec();
    file.truncate(tag_at);
    let mut body = file.split_off(HEADER_LEN);
    cipher(&keys[..32])?.decrypt_in_place_detached(&nonce, &header, &mut body, &tag).map_err(|_| {
        damaged("内容校验失败：文件被截断或改动", "its authentication failed: the file was truncated or altered")
    })?;
    Ok(body)
}

/// Not a backup file at all (exit 2).
pub fn not_backup() -> ApiError {
    ApiError::unusable(
        ErrorCode::NotBackup,
        "该文件不是 PanelDesk 备份文件（.pdbak）。请选择 backup 命令生成的文件",
        "the file is not a PanelDesk backup (.pdbak). Choose a file made by the backup command",
    )
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A backup that cannot be trusted: refused (exit 1), saying why.
pub fn damaged(zh: &str, en: &str) -> ApiError {
    ApiError::refused(
        ErrorCode::BackupDamaged,
        format!("备份文件已损坏，未恢复任何内容：{zh}。请改用另一份备份，或重新备份原数据目录"),
        format!("the backup is damaged and nothing was restored: {en}. Use another backup, or back up the original folder again"),
    )
}

fn damaged_header() -> ApiError {
    damaged("文件头中的密钥派生参数无效", "the key-derivation parameters in its header are invalid")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cheap parameters: the format, not the cost, is under test.
    const FAST: KdfParams = KdfParams { log_n: 4, r: 8, p: 1 };
    const PASS: &str = "correct horse battery staple";

    #[test]
    fn round_trips() {
        let file = seal(b"PK inner zip".to_vec(), PASS, FAST).expect("seal");
        assert!(file.starts_with(MAGIC));
        assert_eq!(file.len(), HEADER_LEN + 12 + TAG);
        assert_eq!(open(file, PASS).expect("open"), b"PK inner zip");
    }

    #[test]
    fn any_change_or_truncation_is_refused() {
        let file = seal(vec![7u8; 1000], PASS, FAST).expect("seal");
        // Every byte after the magic, flipped in turn: the header is
        // associated data, the body and tag authenticated.
        for at in (6..file.len()).step_by(37).chain([file.len() - 1, HEADER_LEN]) {
            let mut bad = file.clone();
            bad[at] ^= 0x01;
            let e = open(bad, PASS).expect_err("tampered byte accepted");
            assert!(e.refused || e.code == ErrorCode::NotBackup, "{at}: {e}");
        }
        for len in [0, 5, HEADER_LEN, file.len() - 1, file.len() - TAG] {
            let e = open(file[..len].to_vec(), PASS).expect_err("truncated accepted");
            let expected = if len < 6 { ErrorCode::NotBackup } else { ErrorCode::BackupDamaged };
            assert_eq!(e.code, expected, "{len}");
        }
        let e = open(file.clone(), "wrong horse battery staple").expect_err("wrong passphrase");
        assert_eq!((e.code, e.refused), (ErrorCode::BackupWrongPassphrase, true));
        let mut body_flip = file;
        let last = body_flip.len() - TAG - 1;
        body_flip[last] ^= 0x80;
        assert_eq!(open(body_flip, PASS).expect_err("flip").code, ErrorCode::BackupDamaged);
    }

    #[test]
    fn hostile_parameters_are_refused_before_any_work() {
        let mut file = seal(Vec::new(), PASS, FAST).expect("seal");
        file[8] = 40;
        assert_eq!(open(file, PASS).expect_err("log_n 40").code, ErrorCode::BackupDamaged);
        assert_eq!(open(b"PK\x03\x04".to_vec(), PASS).expect_err("zip").code, ErrorCode::NotBackup);
    }
}
