//! An expert whose certificate comes from a CA as most Chinese CAs issue
//! them: an RSA key under an intermediate and a root, in a .p12 made with
//! openssl (issue 13, item 15). The key imports, keeps its chain through
//! the encrypted key file, signs a review that this crate, pdfsig and
//! pyHanko all verify, with the chain inside the CMS; an RSASSA-PSS
//! signature made by openssl verifies too; a 1024-bit key is refused.

mod common;

use std::path::Path;
use std::process::Command;

use common::{appearance, run, scratch, signing_time, small_pdf, tool, write, REVIEW_JSON};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::sign::{attach_file, sign_detached, sign_pdf, verify_detached, verify_pdf};
use paneldesk_opinion::ErrorCode;

const P12_PASS: &str = "ca-export-2026";

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl").current_dir(dir).args(args).output().expect("openssl runs");
    assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// root → intermediate → expert, RSA of `bits`, the expert's .p12 with both CAs.
fn rsa_ca_p12(dir: &Path, bits: &str) -> Vec<u8> {
    let key = |name: &str| {
        openssl(dir, &["genpkey", "-algorithm", "RSA", "-pkeyopt", &format!("rsa_keygen_bits:{bits}"), "-out", name])
    };
    key("root.key");
    key("int.key");
    key("e.key");
    std::fs::write(dir.join("ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n")
        .expect("ext");
    std::fs::write(
        dir.join("leaf.ext"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n",
    )
    .expect("ext");
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-x509",
            "-key",
            "root.key",
            "-out",
            "root.pem",
            "-days",
            "30",
            "-subj",
            "/CN=Test Root CA/O=Test",
        ],
    );
    openssl(dir, &["req", "-new", "-key", "int.key", "-out", "int.csr", "-subj", "/CN=Test Provincial CA/O=Test"]);
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "int.csr",
            "-CA",
            "root.pem",
            "-CAkey",
            "root.key",
            "-CAcreateserial",
            "-out",
            "int.pem",
            "-days",
            "30",
            "-sha256",
            "-extfile",
            "ca.ext",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-key",
            "e.key",
            "-out",
            "e.csr",
            "-subj",
            "/serialNumber=E-101/CN=Wang Fang/O=Liaocheng University",
        ],
    );
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "e.csr",
            "-CA",
            "int.pem",
            "-CAkey",
            "int.key",
            "-CAcreateserial",
            "-out",
            "e.pem",
            "-days",
            "30",
            "-sha256",
            "-extfile",
            "leaf.ext",
        ],
    );
    std::fs::write(
        dir.join("cas.pem"),
        [std::fs::read(dir.join("int.pem")).expect("int"), std::fs::read(dir.join("root.pem")).expect("root")].concat(),
    )
    .expect("cas");
    openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "e.key",
            "-in",
            "e.pem",
            "-certfile",
            "cas.pem",
            "-out",
            "e.p12",
            "-passout",
            &format!("pass:{P12_PASS}"),
        ],
    );
    std::fs::read(dir.join("e.p12")).expect("p12")
}

#[test]
fn an_rsa_expert_of_a_ca_signs_reviews_every_verifier_accepts() {
    let dir = scratch();
    let p12 = rsa_ca_p12(dir.path(), "2048");
    let imported = Identity::from_pkcs12(&p12, P12_PASS).expect("an RSA .p12 imports");
    assert_eq!(imported.expert_id(), Some("E-101"));
    assert_eq!(imported.chain_der().len(), 2, "intermediate and root kept");

    // Through the stored, encrypted form and back, the chain kept beside it.
    let key = imported.encrypted_key_der("stored passphrase").expect("encrypt");
    let id = Identity::unlock(&key, imported.certificate_der(), "stored passphrase")
        .expect("unlock")
        .with_chain(&imported.chain_der_concatenated())
        .expect("chain");
    assert_eq!(id.chain_der(), imported.chain_der());

    let attached =
        attach_file(&small_pdf(), "review.json", REVIEW_JSON, "application/json", "评审意见数据").expect("attach");
    let pdf = sign_pdf(&attached, &id, &appearance(), signing_time()).expect("sign with RSA");
    let v = verify_pdf(&pdf).expect("a PDF");
    assert!(v.problems.is_empty(), "{:?}", v.problems);

    // The CMS carries signer, intermediate and root; openssl agrees.
    let detached = sign_detached(&id, b"batch.json bytes", chrono::Utc::now()).expect("detached");
    verify_detached(&detached, b"batch.json bytes").expect("verifies here");
    let p7s = write(dir.path(), "batch.p7s", &detached);
    let content = write(dir.path(), "batch.json", b"batch.json bytes");
    let (ok, text) = run(Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-CAfile"])
        .arg(dir.path().join("root.pem"))
        .arg("-in")
        .arg(&p7s)
        .arg("-content")
        .arg(&content)
        .args(["-out", "/dev/null"]));
    assert!(ok, "openssl builds the path from the CMS's own certificates: {text}");

    let file = write(dir.path(), "signed.pdf", &pdf);
    if let Some(pdfsig) = tool("pdfsig", "apt-get install -y poppler-utils") {
        let (_, text) = run(Command::new(&pdfsig).arg(&file));
        assert!(text.contains("Signature Validation: Signature is Valid."), "{text}");
        assert!(text.contains("Signer full Distinguished Name: O=Liaocheng University,CN=Wang Fang,serialNumber=E-101"));
    }
    if let Some(pyhanko) = tool("pyhanko", "pip install pyhanko pyhanko-cli") {
        let (ok, text) = run(Command::new(&pyhanko)
            .args(["sign", "validate", "--pretty-print", "--trust-replace", "--trust"])
            .arg(dir.path().join("root.pem"))
            .arg(&file));
        assert!(ok, "{text}");
        assert!(text.contains("The signature is judged VALID."), "{text}");
    }
}

#[test]
fn an_rsa_pss_signature_made_by_openssl_verifies() {
    let dir = scratch();
    rsa_ca_p12(dir.path(), "2048");
    write(dir.path(), "batch.json", b"{\"format\":\"tic-batch/1\"}");
    openssl(
        dir.path(),
        &[
            "cms",
            "-sign",
            "-binary",
            "-cades",
            "-md",
            "sha256",
            "-in",
            "batch.json",
            "-signer",
            "e.pem",
            "-inkey",
            "e.key",
            "-certfile",
            "int.pem",
            "-keyopt",
            "rsa_padding_mode:pss",
            "-nosmimecap",
            "-outform",
            "DER",
            "-out",
            "batch.p7s",
        ],
    );
    let p7s = std::fs::read(dir.path().join("batch.p7s")).expect("p7s");
    let signer = verify_detached(&p7s, b"{\"format\":\"tic-batch/1\"}").expect("PSS verifies");
    assert_eq!(signer.subject.expert_id.as_deref(), Some("E-101"));
    assert!(verify_detached(&p7s, b"{\"format\":\"tic-batch/2\"}").is_err(), "and not over other bytes");
}

#[test]
fn a_1024_bit_rsa_key_is_refused_with_advice() {
    let dir = scratch();
    let p12 = rsa_ca_p12(dir.path(), "1024");
    let e = Identity::from_pkcs12(&p12, P12_PASS).expect_err("too weak");
    assert_eq!(e.code, ErrorCode::UnsupportedKey);
    assert!(e.message.en.contains("2048"), "{}", e.message.en);
}
