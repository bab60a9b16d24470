//! Attach, sign, verify; and every way of altering a signed file is refused.

mod common;

use std::time::Instant;

use common::{identity, signed_review, small_pdf, REVIEW_JSON};
use lopdf::{dictionary, Document, IncrementalDocument};
use paneldesk_opinion::sign::{attach_file, embedded_files, sign_pdf, verify_pdf, Verification};
use paneldesk_opinion::ErrorCode;

fn verify_ok(bytes: &[u8]) -> Verification {
    verify_pdf(bytes).expect("readable as a PDF")
}

fn assert_refused(bytes: &[u8], code: &str) {
    match verify_pdf(bytes) {
        Ok(v) => {
            assert!(!v.valid(), "{code}: accepted");
            assert!(v.problems.iter().any(|p| p.code == code), "{code} expected, got {:?}", v.problems);
            assert!(v.problems.iter().all(|p| !p.message.zh.is_empty() && !p.message.en.is_empty()));
        }
        Err(e) => panic!("{code} expected as a refusal, got not-a-PDF: {e}"),
    }
}

#[test]
fn signed_review_verifies_with_signer_details() {
    let attached = attach_file(&small_pdf(), "review.json", REVIEW_JSON, "application/json", "").expect("attach");
    let id = identity();
    let started = Instant::now();
    let signed = sign_pdf(&attached, id, &common::appearance(), common::signing_time()).expect("sign");
    let sign_time = started.elapsed();
    let started = Instant::now();
    let v = verify_ok(&signed);
    let verify_time = started.elapsed();
    let range = v.last().and_then(|s| s.byte_range).expect("range");
    let gap = &signed[usize::try_from(range[1]).expect("a") + 1..usize::try_from(range[2]).expect("b") - 1];
    let cms_len = (gap.len() - gap.iter().rev().take_while(|&&c| c == b'0').count()).div_ceil(2);
    eprintln!("sign {sign_time:?}, verify {verify_time:?}, file {} bytes, CMS about {cms_len} bytes", signed.len());
    assert!(cms_len < 1536, "an ECDSA CMS with one certificate is about 1 KB");
    assert!(v.valid(), "{:?}", v.problems);
    assert_eq!(v.signatures.len(), 1);
    let signer = v.signer().expect("signer");
    assert_eq!(signer.expert_id(), Some("E-001"));
    assert_eq!(signer.name(), Some("张三"));
    assert_eq!(signer.subject.title.as_deref(), Some("教授"));
    assert_eq!(signer.certificate_der, identity().certificate_der());
    assert_eq!(signer.certificate_sha256, identity().certificate_sha256());
    let last = v.last().expect("signature");
    assert!(last.covers_whole_file);
    assert_eq!(last.sub_filter.as_deref(), Some("ETSI.CAdES.detached"));
    assert_eq!(last.field_name.as_deref(), Some("Signature1"));
    let t = v.signing_time().expect("time");
    assert!((t.timestamp() - common::signing_time().timestamp()).abs() < 60);
}

#[test]
fn original_bytes_are_a_prefix_and_attachment_is_exact() {
    let attached = attach_file(&small_pdf(), "review.json", REVIEW_JSON, "application/json", "").expect("attach");
    let signed = sign_pdf(&attached, identity(), &common::appearance(), common::signing_time()).expect("sign");
    assert!(signed.starts_with(&attached), "signing must be an incremental update");
    let files = embedded_files(&signed).expect("attachments");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "review.json");
    assert_eq!(files[0].bytes, REVIEW_JSON);
    assert_eq!(files[0].mime.as_deref(), Some("application/json"));
}

#[test]
fn attachments_replace_by_name_and_keep_others() {
    let pdf = small_pdf();
    let one = attach_file(&pdf, "consensus.json", b"{\"a\":1}", "application/json", "").expect("attach");
    let big: Vec<u8> = (0..200_000u32).flat_map(|i| i.to_le_bytes()).collect();
    let two = attach_file(&one, "reviews/E-001-desk.pdf", &big, "application/pdf", "").expect("attach");
    let three = attach_file(&two, "consensus.json", b"{\"a\":2}", "application/json", "").expect("attach");
    let four = attach_file(&three, "专家意见.txt", "中文".as_bytes(), "text/plain", "说明").expect("attach");
    let mut files = embedded_files(&four).expect("attachments");
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["consensus.json", "reviews/E-001-desk.pdf", "专家意见.txt"]);
    assert_eq!(files[0].bytes, b"{\"a\":2}");
    assert_eq!(files[1].bytes, big);
    assert_eq!(files[2].bytes, "中文".as_bytes());
    let doc = Document::load_mem(&four).expect("load");
    let af = doc.catalog().expect("catalog").get(b"AF").and_then(lopdf::Object::as_array).expect("AF");
    assert_eq!(af.len(), 3, "the replaced filespec leaves /AF");
}

#[test]
fn second_signature_keeps_first_valid_and_covers_all() {
    let signed = signed_review();
    let other = paneldesk_opinion::identity::Identity::create("E-002", "李四", "研究员", "某研究院", common::now())
        .expect("identity");
    let mut app = common::appearance();
    app.rect = [60.0, 60.0, 240.0, 110.0];
    let twice = sign_pdf(&signed, &other, &app, common::signing_time()).expect("sign again");
    let v = verify_ok(&twice);
    assert!(v.valid(), "{:?}", v.problems);
    assert_eq!(v.signatures.len(), 2);
    assert!(!v.signatures[0].covers_whole_file && v.signatures[1].covers_whole_file);
    assert_eq!(v.signatures[1].signer.as_ref().and_then(|s| s.expert_id()), Some("E-002"));
    assert_ne!(v.signer().and_then(|s| s.expert_id()), Some("E-002"), "signer() is the first, the author");
    assert_eq!(v.signatures[1].field_name.as_deref(), Some("Signature2"));
    // As a review, such a file is refused: one expert, one signature.
    let checked = paneldesk_opinion::document::check_document(&twice).expect("pdf");
    assert!(checked.problems.iter().any(|p| p.en.contains("exactly one signature")), "{:?}", checked.problems);
}

#[test]
fn flipped_byte_in_signed_range_is_refused() {
    let mut bytes = signed_review();
    let at = bytes.windows(10).position(|w| w == b"test page)").expect("page text") + 1;
    bytes[at] ^= 0x01;
    assert_refused(&bytes, "digest-mismatch");
}

#[test]
fn flipped_byte_in_signature_value_is_refused() {
    let mut bytes = signed_review();
    let v = verify_ok(&bytes);
    let range = v.last().and_then(|s| s.byte_range).expect("range");
    // Inside the hex CMS, well before its zero padding: the ECDSA value
    // sits near the end of the DER, so flip a digit about 100 bytes in from
    // where the padding starts.
    let start = usize::try_from(range[1]).expect("offset") + 1;
    let gap = &bytes[start..usize::try_from(range[2]).expect("offset") - 1];
    let used = gap.len() - gap.iter().rev().take_while(|&&c| c == b'0').count();
    let at = start + used - 20;
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    let v = verify_ok(&bytes);
    assert!(!v.valid());
    assert!(v.problems.iter().any(|p| p.code == "signature-invalid" || p.code == "cms-invalid"), "{:?}", v.problems);
}

#[test]
fn bytes_after_eof_are_refused() {
    let mut bytes = signed_review();
    bytes.extend_from_slice(b"\n% appended\n");
    assert_refused(&bytes, "bytes-after-signature");
}

#[test]
fn incremental_update_after_signing_is_refused() {
    let signed = signed_review();
    let prev = Document::load_mem(&signed).expect("load");
    let mut inc = IncrementalDocument::create_from(signed.clone(), prev);
    inc.new_document.add_object(dictionary! { "Note" => lopdf::Object::string_literal("changed after signing") });
    let mut updated = Vec::new();
    inc.save_to(&mut updated).expect("save");
    assert!(updated.starts_with(&signed));
    assert_refused(&updated, "bytes-after-signature");
}

#[test]
fn truncated_file_is_refused_not_crashed() {
    let signed = signed_review();
    for keep in [signed.len() - 1, signed.len() - 40, signed.len() / 2, 2000] {
        match verify_pdf(&signed[..keep]) {
            Ok(v) => assert!(!v.valid(), "truncated to {keep} accepted"),
            Err(e) => assert_eq!(e.code, ErrorCode::NotPdf),
        }
    }
    assert_refused(&signed[..signed.len() - 1], "truncated");
}

#[test]
fn unsigned_pdf_and_garbage() {
    let v = verify_ok(&small_pdf());
    assert!(!v.valid());
    assert_eq!(v.problems[0].code, "not-signed");
    for junk in [&b""[..], b"not a pdf at all", b"%PDF-1.7\n\x00\x01\x02 trailer << /Root 1 0 R >>"] {
        assert_eq!(verify_pdf(junk).expect_err("junk").code, ErrorCode::NotPdf);
    }
}

#[test]
fn hostile_byte_ranges_never_panic() {
    let signed = signed_review();
    let at = signed.windows(10).position(|w| w == b"/ByteRange").expect("range") + 10;
    let end = at + signed[at..].iter().position(|&c| c == b']').expect("]") + 1;
    let width = end - at;
    for fake in ["[0 99999999999999 1 2]", "[0 -5 10 3]", "[5 1 2 3]", "[0 1 2]", "[/a /b /c /d]", "[0 0 0 0]"] {
        let mut bytes = signed.clone();
        let mut text = fake.as_bytes().to_vec();
        text.resize(width, b' ');
        bytes[at..end].copy_from_slice(&text);
        match verify_pdf(&bytes) {
            Ok(v) => assert!(!v.valid(), "{fake} accepted"),
            Err(e) => assert_eq!(e.code, ErrorCode::NotPdf),
        }
    }
}

#[test]
fn bad_requests_are_clear_errors() {
    let pdf = small_pdf();
    let mut app = common::appearance();
    app.page = 3;
    let e = sign_pdf(&pdf, identity(), &app, common::signing_time()).expect_err("no page 4");
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(e.message.zh.contains('4') && e.message.en.contains("page 4"));
    let mut app = common::appearance();
    app.rect = [10.0, 10.0, 5.0, f32::NAN];
    assert_eq!(
        sign_pdf(&pdf, identity(), &app, common::signing_time()).expect_err("rect").code,
        ErrorCode::InvalidInput
    );
    assert_eq!(attach_file(b"junk", "a", b"", "text/plain", "").expect_err("junk").code, ErrorCode::NotPdf);
    assert_eq!(attach_file(&pdf, " ", b"", "text/plain", "").expect_err("name").code, ErrorCode::InvalidInput);
}

#[test]
fn any_changed_byte_is_refused() {
    // A sweep over the whole file, signed ranges and /Contents alike: no
    // single changed byte may leave the file valid, and none may panic.
    let signed = signed_review();
    let mut accepted = Vec::new();
    for at in (0..signed.len()).step_by(13) {
        // A digit change, and a case change that keeps hex digits' values.
        for flip in [if signed[at] == b'7' { b'8' } else { b'7' }, signed[at] ^ 0x20] {
            let mut bytes = signed.clone();
            bytes[at] = flip;
            if verify_pdf(&bytes).is_ok_and(|v| v.valid()) {
                accepted.push(at);
            }
        }
    }
    assert!(accepted.is_empty(), "changed bytes accepted at {accepted:?}");
}
