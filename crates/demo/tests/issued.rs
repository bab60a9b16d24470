//! The bundled demo batches are issued by the demo bureau: batch.json
//! signed (verified here by the opinion crate's CMS check and, when it is
//! installed, by openssl), every roster line enrolled with the certificate
//! its demo certificate file holds.

use std::path::{Path, PathBuf};
use std::process::Command;

use paneldesk_core::batch::read_batch_file;
use paneldesk_demo::identities;
use paneldesk_opinion::identity::{CertificateInfo, Identity};
use paneldesk_opinion::sign::verify_detached;

fn demo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo").join(name)
}

#[test]
fn each_demo_batch_is_signed_by_the_demo_bureau_with_its_panel_enrolled() {
    let bureau = identities::organizer().expect("bureau");
    for name in ["establishment-2026.zip", "acceptance-2026.zip"] {
        let (contents, _) = read_batch_file(&demo(name), |_| {}).expect("batch");
        let p7s = contents.signature.as_deref().expect("batch.json.p7s");
        let signer = verify_detached(p7s, &contents.batch_json).expect("signature verifies");
        assert_eq!(signer.certificate_sha256, bureau.certificate_sha256(), "{name}");
        assert_eq!(signer.signing_time, Some(identities::signed_at().expect("time")));
        let batch = &contents.batch;
        assert_eq!(batch.organizer_id.as_deref(), Some(identities::ORGANIZER_ID));
        assert_eq!(batch.organizer, identities::ORGANIZER_NAME);
        for m in &batch.panel {
            let id = identities::on_roster(batch, &m.expert_id).expect("the roster names the demo certificate");
            assert_eq!(m.certificate_sha256.as_deref(), Some(id.certificate_sha256().as_str()));
        }
        // A changed byte of batch.json no longer verifies.
        let mut changed = contents.batch_json.clone();
        changed[10] ^= 1;
        assert!(verify_detached(p7s, &changed).is_err());
    }
}

#[test]
fn the_certificate_files_hold_the_enrolled_identities() {
    let dir = tempfile::tempdir().expect("tempdir");
    let written = paneldesk_demo::write_identities(dir.path()).expect("written");
    assert_eq!(written.len(), 11, "ten experts and the README: {written:?}");
    let (contents, _) = read_batch_file(&demo("establishment-2026.zip"), |_| {}).expect("batch");
    for m in &contents.batch.panel {
        let p12 = std::fs::read(dir.path().join(format!("{}.p12", m.expert_id))).expect("p12");
        let id = Identity::from_pkcs12(&p12, identities::P12_PASSPHRASE).expect("reads back");
        assert_eq!(m.certificate_sha256.as_deref(), Some(id.certificate_sha256().as_str()), "{}", m.expert_id);
        assert_eq!(id.expert_id(), Some(m.expert_id.as_str()));
    }
}

#[test]
fn openssl_verifies_the_demo_signature() {
    let Ok(version) = Command::new("openssl").arg("version").output() else { return };
    assert!(version.status.success());
    let dir = tempfile::tempdir().expect("tempdir");
    let (contents, _) = read_batch_file(&demo("establishment-2026.zip"), |_| {}).expect("batch");
    let (json, p7s) = (dir.path().join("batch.json"), dir.path().join("batch.json.p7s"));
    std::fs::write(&json, &contents.batch_json).expect("json");
    std::fs::write(&p7s, contents.signature.as_deref().expect("signed")).expect("p7s");
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-noverify", "-out", "/dev/null", "-in"])
        .arg(&p7s)
        .arg("-content")
        .arg(&json)
        .output()
        .expect("openssl");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The certificate files are standard PKCS#12: openssl reads one, and
    // the certificate it holds is the roster's.
    paneldesk_demo::write_identities(dir.path()).expect("written");
    let chair = &contents.batch.panel[0];
    let out = Command::new("openssl")
        .args(["pkcs12", "-nokeys", "-clcerts", "-passin"])
        .arg(format!("pass:{}", identities::P12_PASSPHRASE))
        .arg("-in")
        .arg(dir.path().join(format!("{}.p12", chair.expert_id)))
        .output()
        .expect("openssl");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pem = String::from_utf8_lossy(&out.stdout);
    let from = pem.find("-----BEGIN CERTIFICATE-----").expect("a certificate");
    let sha = CertificateInfo::read(pem[from..].as_bytes()).expect("certificate").sha256;
    assert_eq!(chair.certificate_sha256.as_deref(), Some(sha.as_str()));
}
