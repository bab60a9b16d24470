//! Import of a CA-issued key and certificate from a PKCS#12 (.p12/.pfx)
//! file. p12-keystore reads both the modern form (PBES2, AES, HMAC-SHA-256,
//! OpenSSL 3's default) and the legacy one (3DES/RC2 with SHA-1); export
//! writes the modern form.

use p12_keystore::error::Error as P12Error;
use p12_keystore::{Certificate, KeyStore, KeyStoreEntry, PrivateKeyChain};
use pkcs8::PrivateKeyInfo;

use super::{Identity, PrivateKey};
use crate::error::{ErrorCode, OpinionError, Result};

/// A real certificate file is a few KB; refuse anything absurd before parsing.
const MAX_P12_BYTES: usize = 1 << 20;

impl Identity {
    /// Reads the first key with its certificate chain from a PKCS#12 file.
    /// The key must be ECDSA P-256 or RSA of 2048 to 4096 bits; others are
    /// refused with advice. The CA certificates that came with it are kept.
    pub fn from_pkcs12(p12: &[u8], passphrase: &str) -> Result<Identity> {
        if p12.len() > MAX_P12_BYTES {
            return Err(bad_p12("文件过大", "the file is too large"));
        }
        if super::pkcs12_limits::excessive(p12) {
            return Err(bad_p12(
                "其中要求的密钥派生计算量超出上限（迭代次数或 scrypt 参数过大），可能是恶意构造的文件",
                "it asks for more key-derivation work than allowed (iteration count or scrypt parameters \
                 too large); it may have been crafted to hang the import",
            ));
        }
        let store = KeyStore::from_pkcs12(p12, passphrase).map_err(map_error)?;
        let (_, chain) = store
            .private_key_chain()
            .ok_or_else(|| bad_p12("其中没有与证书配对的私钥", "it holds no private key paired with a certificate"))?;
        let info = PrivateKeyInfo::try_from(chain.key())
            .map_err(|_| bad_p12("其中的私钥无法解析", "its private key cannot be parsed"))?;
        let key = PrivateKey::from_pkcs8(info)?;
        let mut certs = chain.chain().iter().map(|c| c.as_der().to_vec());
        let leaf = certs.next().ok_or_else(|| bad_p12("其中没有证书", "it holds no certificate for the key"))?;
        Identity::from_parts(key, &leaf, certs.collect())
    }
}

impl Identity {
    /// The key and its certificate chain as a PKCS#12 file under
    /// `passphrase` (PBES2 with AES-256 and HMAC-SHA-256, salts random), the
    /// form `from_pkcs12` and `identity import` read back.
    pub fn to_pkcs12(&self, passphrase: &str) -> Result<Vec<u8>> {
        let key = self.key().to_pkcs8_der()?;
        let p12_error = |e: P12Error| OpinionError::internal("PKCS#12", e);
        let chain = std::iter::once(self.certificate_der())
            .chain(self.chain_der().iter().map(Vec::as_slice))
            .map(|der| Certificate::from_der(der).map_err(p12_error))
            .collect::<Result<Vec<_>>>()?;
        let alias = self.expert_id().unwrap_or("paneldesk").to_string();
        let mut store = KeyStore::new();
        store.add_entry(&alias, KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(key.as_slice(), b"k1", chain)));
        store.writer(passphrase).write().map_err(p12_error)
    }
}

fn map_error(e: P12Error) -> OpinionError {
    match e {
        // The MAC check fails first with a wrong passphrase; without a MAC
        // the decryption's padding does.
        P12Error::MacError(_) | P12Error::UnpadError | P12Error::Pkcs5Error(_) => OpinionError::new(
            ErrorCode::WrongPassphrase,
            "证书文件口令不正确。请输入证书机构提供的导出口令",
            "wrong passphrase for the certificate file. Enter the export passphrase the CA gave you",
        ),
        P12Error::UnsupportedEncryptionScheme | P12Error::UnsupportedMacAlgorithm => {
            bad_p12("使用了不支持的加密算法", "it uses an unsupported encryption algorithm")
        }
        other => bad_p12(&format!("格式无效（{other}）"), &format!("it is not valid ({other})")),
    }
}

fn bad_p12(zh: &str, en: &str) -> OpinionError {
    OpinionError::new(
        ErrorCode::BadPkcs12,
        format!("无法读取 PKCS#12 证书文件：{zh}。请确认选择的是证书机构签发的 .p12/.pfx 文件"),
        format!("cannot read the PKCS#12 file: {en}. Check that this is the .p12/.pfx file issued by the CA"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A .p12 of a fresh identity, its MAC computed with `mac_rounds`.
    fn p12(mac_rounds: u64) -> Vec<u8> {
        let now = chrono::Utc::now();
        let id = Identity::create("X09", "李华", "研究员", "聊城大学", now).expect("identity");
        let key = id.key().to_pkcs8_der().expect("pkcs8");
        let cert = Certificate::from_der(id.certificate_der()).expect("cert");
        let mut store = KeyStore::new();
        store.add_entry("x09", KeyStoreEntry::PrivateKeyChain(PrivateKeyChain::new(key.as_slice(), b"k1", [cert])));
        store.writer("p12-secret").mac_iterations(mac_rounds).encryption_iterations(2048).write().expect("write")
    }

    #[test]
    fn an_exported_file_reads_back_as_the_same_identity() {
        let id = Identity::create("X10", "王敏", "教授", "聊城大学", chrono::Utc::now()).expect("identity");
        let p12 = id.to_pkcs12("export-secret").expect("export");
        let back = Identity::from_pkcs12(&p12, "export-secret").expect("import");
        assert_eq!(back.certificate_der(), id.certificate_der());
        assert_eq!(back.key().public_key(), id.key().public_key());
        let e = Identity::from_pkcs12(&p12, "wrong").expect_err("wrong passphrase");
        assert_eq!(e.code, ErrorCode::WrongPassphrase);
    }

    #[test]
    fn a_file_asking_for_millions_of_mac_rounds_is_refused_at_once() {
        let honest = p12(65_536);
        assert!(Identity::from_pkcs12(&honest, "p12-secret").is_ok());
        // The MAC's iteration count is the file's last INTEGER: 65,536
        // (02 03 01 00 00) becomes 8,388,607 (02 03 7f ff ff), same length.
        let at = honest.windows(5).rposition(|w| w == [2, 3, 1, 0, 0]).expect("mac iterations");
        let mut hostile = honest.clone();
        hostile[at + 2..at + 5].copy_from_slice(&[0x7f, 0xff, 0xff]);
        // The refusal names the work asked for: it is decided from the
        // counts, before any derivation runs.
        let e = Identity::from_pkcs12(&hostile, "p12-secret").expect_err("refused");
        assert_eq!(e.code, ErrorCode::BadPkcs12);
        assert!(e.message.en.contains("key-derivation work"), "{}", e.message.en);
    }
}
