//! Independent verifiers agree: poppler's pdfsig, qpdf and pyHanko. Each
//! test skips with a message only when its tool is not installed (the
//! Makefile installs them: poppler-utils and qpdf via apt, pyhanko and
//! pyhanko-cli via pip).

mod common;

use std::process::Command;

use common::{identity, run, scratch, signed_review, tool, write};
use lopdf::{dictionary, Document, IncrementalDocument};
use paneldesk_opinion::sign::{attach_file, embedded_files, sign_pdf, verify_pdf};

#[test]
fn pdfsig_says_valid_and_whole_document() {
    let Some(pdfsig) = tool("pdfsig", "apt-get install -y poppler-utils") else { return };
    let dir = scratch();
    let file = write(dir.path(), "signed.pdf", &signed_review());
    let (_, text) = run(Command::new(&pdfsig).arg(&file));
    assert!(text.contains("Signature is Valid"), "{text}");
    assert!(text.contains("Total document signed"), "{text}");
    assert!(text.contains("ETSI.CAdES.detached"), "{text}");

    // pdfsig still calls a signature valid after an update appended to the
    // file; only its coverage line changes. That is why verify_pdf checks
    // coverage itself (see sign_verify.rs).
    let signed = signed_review();
    let prev = Document::load_mem(&signed).expect("load");
    let mut inc = IncrementalDocument::create_from(signed.clone(), prev);
    inc.new_document.add_object(dictionary! { "Note" => lopdf::Object::string_literal("later") });
    let mut updated = Vec::new();
    inc.save_to(&mut updated).expect("save");
    let file = write(dir.path(), "updated.pdf", &updated);
    let (_, text) = run(Command::new(&pdfsig).arg(&file));
    assert!(text.contains("Not total document signed"), "{text}");
}

/// Other inputs the signer meets: a printpdf CJK page and a PDF with a
/// cross-reference stream. Each is attached, signed, and checked by all.
fn other_inputs() -> Vec<(&'static str, Vec<u8>)> {
    [("printpdf", common::printpdf_cjk()), ("xref-stream", common::small_pdf_modern())]
        .into_iter()
        .map(|(label, pdf)| {
            let pdf = attach_file(&pdf, "review.json", common::REVIEW_JSON, "application/json", "").expect("attach");
            (label, sign_pdf(&pdf, identity(), &common::appearance(), common::signing_time()).expect("sign"))
        })
        .collect()
}

#[test]
fn other_inputs_verify_everywhere() {
    let dir = scratch();
    for (label, signed) in other_inputs() {
        let v = verify_pdf(&signed).expect("pdf");
        assert!(v.valid(), "{label}: {:?}", v.problems);
        assert_eq!(embedded_files(&signed).expect("files")[0].bytes, common::REVIEW_JSON, "{label}");
        let file = write(dir.path(), &format!("{label}.pdf"), &signed);
        if let Some(pdfsig) = tool("pdfsig", "apt-get install -y poppler-utils") {
            let (_, text) = run(Command::new(&pdfsig).arg(&file));
            assert!(text.contains("Signature is Valid") && text.contains("Total document signed"), "{label}: {text}");
        }
        if let Some(qpdf) = tool("qpdf", "apt-get install -y qpdf") {
            let (ok, text) = run(Command::new(&qpdf).arg("--check").arg(&file));
            assert!(ok, "{label}: {text}");
        }
    }
}

#[test]
fn qpdf_check_passes() {
    let Some(qpdf) = tool("qpdf", "apt-get install -y qpdf") else { return };
    let dir = scratch();
    let file = write(dir.path(), "signed.pdf", &signed_review());
    let (ok, text) = run(Command::new(&qpdf).arg("--check").arg(&file));
    assert!(ok, "{text}");
    assert!(text.contains("No syntax or stream encoding errors"), "{text}");
    // qpdf also lists the attachment inside the signed file.
    let (ok, text) = run(Command::new(&qpdf).arg("--list-attachments").arg(&file));
    assert!(ok && text.contains("review.json"), "{text}");
}

#[test]
fn pyhanko_finds_it_intact_and_valid_when_trusted() {
    let Some(pyhanko) = tool("pyhanko", "pip install pyhanko pyhanko-cli") else { return };
    let dir = scratch();
    let file = write(dir.path(), "signed.pdf", &signed_review());
    let cert = write(dir.path(), "cert.pem", identity().certificate_pem().expect("pem").as_bytes());

    // Untrusted self-signed certificate: intact and sound, but not trusted.
    let (_, text) = run(Command::new(&pyhanko).args(["sign", "validate", "--pretty-print"]).arg(&file));
    assert!(text.contains("The signature is cryptographically sound."), "{text}");
    assert!(text.contains("The signature covers the entire file."), "{text}");

    // With the expert's certificate as the only trust root: valid.
    let (ok, text) = run(Command::new(&pyhanko)
        .args(["sign", "validate", "--pretty-print", "--trust-replace", "--trust"])
        .arg(&cert)
        .arg(&file));
    assert!(ok, "{text}");
    assert!(text.contains("The signature is judged VALID."), "{text}");
    assert!(text.contains("The signer's certificate is trusted."), "{text}");
}
