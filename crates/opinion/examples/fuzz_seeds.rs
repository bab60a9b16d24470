//! Seed corpora for the fuzz targets (scripts/fuzz.sh): real signed review
//! PDFs as the app makes them, a few tampered ones, and real PKCS#12 files
//! and stored keys.
//!
//! `cargo run -p paneldesk-opinion --example fuzz_seeds -- FUZZ_CORPUS_DIR`
//! writes FUZZ_CORPUS_DIR/review_pdf/* and FUZZ_CORPUS_DIR/pkcs12_import/*.

use std::path::Path;

use p12_keystore::{Certificate, EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKeyChain};
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::review_doc::{Expert, ReviewDoc};
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::Sheet;
use paneldesk_core::Dec;
use paneldesk_opinion::document::signed_review;
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::ReviewContext;
use pkcs8::EncodePrivateKey;

/// The passphrase the pkcs12_import target tries.
const PASS: &str = "p12-secret";

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("用法：fuzz_seeds 输出目录 / usage: fuzz_seeds OUT_DIR");
        std::process::exit(2);
    };
    if let Err(e) = run(Path::new(&out)) {
        eprintln!("无法生成种子文件：{e} / cannot write the seeds: {e}");
        std::process::exit(1);
    }
}

fn run(out: &Path) -> Result<(), String> {
    let id = Identity::create("X02", "张明", "教授", "山东大学", chrono::Utc::now()).map_err(|e| e.to_string())?;
    let reviews = out.join("review_pdf");
    std::fs::create_dir_all(&reviews).map_err(|e| e.to_string())?;
    let signed = signed(&id)?;
    write(&reviews, "signed-review.pdf", &signed)?;
    for (name, bytes) in tampered(&signed) {
        write(&reviews, name, &bytes)?;
    }

    let keys = out.join("pkcs12_import");
    std::fs::create_dir_all(&keys).map_err(|e| e.to_string())?;
    for (name, alg, mac) in [
        ("modern.p12", EncryptionAlgorithm::PbeWithHmacSha256AndAes256, MacAlgorithm::HmacSha256),
        ("legacy.p12", EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc, MacAlgorithm::HmacSha1),
    ] {
        write(&keys, name, &p12(&id, alg, mac)?)?;
    }
    // The stored form: u16 key length, encrypted PKCS#8, certificate.
    let key = id.encrypted_key_der(PASS).map_err(|e| e.to_string())?;
    let len = u16::try_from(key.len()).map_err(|e| e.to_string())?;
    write(&keys, "stored-key.bin", &[&len.to_be_bytes()[..], &key, id.certificate_der()].concat())?;
    Ok(())
}

fn signed(id: &Identity) -> Result<Vec<u8>, String> {
    let (batch, _) = fixture::batch_zip("B-FUZZ", Kind::Establishment, vec![fixture::establishment("P-1")], 5);
    let manifest = fixture::establishment("P-1");
    let sheet = Sheet {
        scores: vec![
            Score { criterion: "foundation".into(), score: Dec::from_hundredths(3250), comment: "基础扎实".into() },
            Score { criterion: "plan".into(), score: Dec::from_int(50), comment: String::new() },
        ],
        recommendation: "recommend".into(),
        opinion: "同意推荐组建。".into(),
        ..Sheet::default()
    };
    let expert = Expert {
        expert_id: "X02".into(),
        name: "张明".into(),
        title: "教授".into(),
        affiliation: "山东大学".into(),
        certificate_sha256: id.certificate_sha256(),
    };
    let at = chrono::Local::now().fixed_offset();
    let doc = ReviewDoc::from_sheet(&batch, "P-1", &"0".repeat(64), expert, &sheet, at, "fuzz-seed");
    let ctx = ReviewContext { batch: &batch, manifest: &manifest, signature_png: None };
    signed_review(&doc, &ctx, id).map(|s| s.bytes).map_err(|e| e.to_string())
}

/// What arrives on a USB stick after someone edited the file.
fn tampered(signed: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let mut flipped = signed.to_vec();
    flipped[signed.len() / 3] ^= 0x01;
    let appended = [signed, b"\n% appended after signing\n"].concat();
    // An incremental update: a new object and a new trailer after the signature.
    let update = [
        signed,
        b"\n99 0 obj\n<< /Type /Annot /Subtype /Text /Contents (changed) >>\nendobj\n\
          trailer\n<< /Size 100 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n",
    ]
    .concat();
    let truncated = signed[..signed.len() * 2 / 3].to_vec();
    vec![
        ("tampered-byte.pdf", flipped),
        ("tampered-appended.pdf", appended),
        ("tampered-incremental.pdf", update),
        ("tampered-truncated.pdf", truncated),
    ]
}

fn p12(id: &Identity, alg: EncryptionAlgorithm, mac: MacAlgorithm) -> Result<Vec<u8>, String> {
    // The identity's own key never leaves it, so the file pairs its
    // certificate with a fresh key: the import then parses everything (MAC,
    // decryption, bags) and refuses only at the final key/certificate match.
    // scripts/fuzz.sh adds matching pairs made by openssl.
    let signing = p256::ecdsa::SigningKey::random(&mut rand_core::OsRng);
    let pkcs8 = signing.to_pkcs8_der().map_err(|e| e.to_string())?;
    let cert = Certificate::from_der(id.certificate_der()).map_err(|e| e.to_string())?;
    let mut store = KeyStore::new();
    let chain = PrivateKeyChain::new(pkcs8.as_bytes(), b"seed", [cert]);
    store.add_entry("seed", KeyStoreEntry::PrivateKeyChain(chain));
    store.writer(PASS).encryption_algorithm(alg).mac_algorithm(mac).write().map_err(|e| e.to_string())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(dir.join(name), bytes).map_err(|e| format!("{}: {e}", dir.join(name).display()))
}
