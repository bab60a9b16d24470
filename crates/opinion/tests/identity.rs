//! Signing identities: creation, the encrypted key at rest, PKCS#12 import.

mod common;

use std::path::Path;
use std::process::Command;

use common::{now, run, scratch, tool};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::sign::{sign_pdf, verify_pdf};
use paneldesk_opinion::ErrorCode;
use sha2::{Digest, Sha256};

const PASSPHRASE: &str = "correct horse 电池 staple";

#[test]
fn created_certificate_names_the_expert() {
    let id = Identity::create("E-001", "张三", "教授", "聊城大学", now()).expect("identity");
    assert_eq!(id.expert_id(), Some("E-001"));
    let s = id.subject();
    assert_eq!(
        (s.name.as_deref(), s.title.as_deref(), s.affiliation.as_deref()),
        (Some("张三"), Some("教授"), Some("聊城大学"))
    );
    let hash = id.certificate_sha256();
    assert_eq!(hash.len(), 64);
    assert!(hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    let expected: String = Sha256::digest(id.certificate_der()).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hash, expected);
    assert!(id.certificate_pem().expect("pem").starts_with("-----BEGIN CERTIFICATE-----"));
}

#[test]
fn certificate_reads_back_in_openssl() {
    let Some(openssl) = tool("openssl", "apt-get install -y openssl") else { return };
    let id = Identity::create("E-001", "张三", "教授", "聊城大学", now()).expect("identity");
    let dir = scratch();
    let cert = common::write(dir.path(), "cert.der", id.certificate_der());
    let (ok, text) = run(Command::new(openssl)
        .args(["x509", "-inform", "DER", "-noout", "-text", "-nameopt", "utf8", "-in"])
        .arg(&cert));
    assert!(ok, "{text}");
    for needle in [
        "ecdsa-with-SHA256",
        "prime256v1",
        "Digital Signature, Non Repudiation",
        "serialNumber=E-001",
        "CN=张三",
        "title=教授",
        "O=聊城大学",
        "Version: 3",
    ] {
        assert!(text.contains(needle), "{needle} missing in:\n{text}");
    }
}

#[test]
fn key_round_trips_encrypted_and_wrong_passphrase_is_clear() {
    let id = Identity::create("E-001", "张三", "教授", "聊城大学", now()).expect("identity");
    // scrypt's time (security.md: about 0.7 s) is not asserted: on a loaded
    // machine such a test fails at random.
    let key = id.encrypted_key_der(PASSPHRASE).expect("encrypt");
    let back = Identity::unlock(&key, id.certificate_der(), PASSPHRASE).expect("unlock");
    assert_eq!(back.certificate_sha256(), id.certificate_sha256());
    // The unlocked key signs, and the signature verifies against the certificate.
    let signed = sign_pdf(&common::small_pdf(), &back, &common::appearance(), common::signing_time()).expect("sign");
    assert!(verify_pdf(&signed).expect("pdf").valid());

    let e = Identity::unlock(&key, id.certificate_der(), "wrong").expect_err("wrong passphrase");
    assert_eq!(e.code, ErrorCode::WrongPassphrase);
    assert!(e.message.zh.contains("口令不正确") && e.message.en.contains("wrong passphrase"), "{e}");

    let pem = id.encrypted_key_pem(PASSPHRASE).expect("pem");
    assert!(pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    let cert_pem = id.certificate_pem().expect("cert pem");
    let back = Identity::unlock(pem.as_bytes(), cert_pem.as_bytes(), PASSPHRASE).expect("unlock pem");
    assert_eq!(back.certificate_der(), id.certificate_der());
    assert_eq!(id.encrypted_key_der("").expect_err("empty").code, ErrorCode::InvalidInput);
}

#[test]
fn damaged_or_mismatched_files_are_refused() {
    let a = Identity::create("E-001", "张三", "教授", "聊城大学", now()).expect("identity");
    let b = Identity::create("E-002", "李四", "研究员", "某研究院", now()).expect("identity");
    let key = a.encrypted_key_der(PASSPHRASE).expect("encrypt");
    let e = Identity::unlock(&key, b.certificate_der(), PASSPHRASE).expect_err("other certificate");
    assert_eq!(e.code, ErrorCode::KeyMismatch);
    assert_eq!(
        Identity::unlock(&key[..key.len() / 2], a.certificate_der(), PASSPHRASE).expect_err("cut").code,
        ErrorCode::BadKeyFile
    );
    assert_eq!(
        Identity::unlock(b"junk", a.certificate_der(), PASSPHRASE).expect_err("junk").code,
        ErrorCode::BadKeyFile
    );
    assert_eq!(Identity::unlock(&key, b"junk", PASSPHRASE).expect_err("cert").code, ErrorCode::BadCertificate);
}

#[test]
fn debug_never_shows_the_key() {
    let id = Identity::create("E-001", "张三", "教授", "聊城大学", now()).expect("identity");
    let debug = format!("{id:?}");
    assert!(debug.contains("<hidden>") && debug.contains("E-001"), "{debug}");
    // The key's PKCS#8 encoding never appears, in any case of hex.
    let key = id.encrypted_key_der(PASSPHRASE).expect("encrypt");
    let plain = Identity::unlock(&key, id.certificate_der(), PASSPHRASE).expect("unlock");
    assert_eq!(format!("{plain:?}"), debug);
}

/// Runs openssl in `dir`; panics with its output when it fails.
fn openssl(openssl: &Path, dir: &Path, args: &[&str]) -> bool {
    let (ok, text) = run(Command::new(openssl).current_dir(dir).args(args));
    if !ok {
        eprintln!("openssl {args:?} failed: {text}");
    }
    ok
}

#[test]
fn pkcs12_from_openssl_imports_and_signs() {
    let Some(ossl) = tool("openssl", "apt-get install -y openssl") else { return };
    let dir = scratch();
    let d = dir.path();
    let ok = |args: &[&str]| assert!(openssl(&ossl, d, args), "openssl {args:?}");
    // A small CA and an expert certificate it issued, the way a CA delivers them.
    ok(&["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key"]);
    ok(&["req", "-new", "-x509", "-key", "ca.key", "-out", "ca.pem", "-days", "30", "-subj", "/CN=Test CA/O=Test"]);
    ok(&["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "e.key"]);
    ok(&["req", "-new", "-key", "e.key", "-out", "e.csr", "-subj", "/serialNumber=E-009/CN=Wang Wu/O=Test Org"]);
    ok(&[
        "x509",
        "-req",
        "-in",
        "e.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "e.pem",
        "-days",
        "30",
        "-sha256",
    ]);
    ok(&[
        "pkcs12",
        "-export",
        "-inkey",
        "e.key",
        "-in",
        "e.pem",
        "-certfile",
        "ca.pem",
        "-out",
        "modern.p12",
        "-passout",
        "pass:p12-secret",
    ]);

    let p12 = std::fs::read(d.join("modern.p12")).expect("p12");
    let id = Identity::from_pkcs12(&p12, "p12-secret").expect("import");
    assert_eq!(id.expert_id(), Some("E-009"));
    assert_eq!(id.subject().name.as_deref(), Some("Wang Wu"));
    assert_eq!(id.chain_der().len(), 1, "the CA certificate comes along");
    let signed = sign_pdf(&common::small_pdf(), &id, &common::appearance(), common::signing_time()).expect("sign");
    let v = verify_pdf(&signed).expect("pdf");
    assert!(v.valid(), "{:?}", v.problems);
    assert_eq!(v.signer().and_then(|s| s.expert_id()), Some("E-009"));
    // The imported key can be stored encrypted like a created one.
    let key = id.encrypted_key_der(PASSPHRASE).expect("encrypt");
    assert_eq!(Identity::unlock(&key, id.certificate_der(), PASSPHRASE).expect("unlock").expert_id(), Some("E-009"));

    let e = Identity::from_pkcs12(&p12, "wrong").expect_err("wrong passphrase");
    assert_eq!(e.code, ErrorCode::WrongPassphrase);
    assert!(!e.message.zh.is_empty() && !e.message.en.is_empty());
    assert_eq!(Identity::from_pkcs12(b"junk", "x").expect_err("junk").code, ErrorCode::BadPkcs12);

    // Legacy 3DES/RC2 files, as older CA tools and Windows export them.
    if openssl(
        &ossl,
        d,
        &[
            "pkcs12",
            "-export",
            "-legacy",
            "-inkey",
            "e.key",
            "-in",
            "e.pem",
            "-out",
            "legacy.p12",
            "-passout",
            "pass:p12-secret",
        ],
    ) {
        let legacy = std::fs::read(d.join("legacy.p12")).expect("p12");
        let id = Identity::from_pkcs12(&legacy, "p12-secret").expect("legacy import");
        assert_eq!(id.expert_id(), Some("E-009"));
    } else {
        eprintln!("SKIPPED legacy PKCS#12: this openssl has no legacy provider");
    }

    // Keys other than P-256 and RSA 2048–4096 (here P-384) are refused
    // with advice; RSA itself: rsa_identity.rs.
    ok(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:secp384r1",
        "-nodes",
        "-keyout",
        "p384.key",
        "-out",
        "p384.pem",
        "-days",
        "1",
        "-subj",
        "/CN=P384",
    ]);
    ok(&[
        "pkcs12",
        "-export",
        "-inkey",
        "p384.key",
        "-in",
        "p384.pem",
        "-out",
        "p384.p12",
        "-passout",
        "pass:p12-secret",
    ]);
    let p384 = std::fs::read(d.join("p384.p12")).expect("p12");
    let e = Identity::from_pkcs12(&p384, "p12-secret").expect_err("p384");
    assert_eq!(e.code, ErrorCode::UnsupportedKey);
    assert!(e.message.zh.contains("P-256") && e.message.en.contains("P-256"));
}
