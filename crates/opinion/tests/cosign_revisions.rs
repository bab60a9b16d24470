//! Co-signing (formats.md §7): the chair's certification (DocMDP /P 2)
//! creates an empty field per member; a co-signature fills one and adds
//! nothing else. Every revision that changes content after the chair's
//! signature, built here with lopdf, is found, even when a valid
//! co-signature follows it.

mod common;

use common::{appearance, identity, signing_time, small_pdf};
use lopdf::{dictionary, Document, IncrementalDocument, Object, StringFormat};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::sign::{later_revisions_only_sign, sign_as, verify_pdf, CosignField, SignatureRole};

const FIELD: &str = "cosign-E-002";

fn member() -> Identity {
    Identity::create("E-002", "李红", "研究员", "某研究院", common::now()).expect("identity")
}

fn certified() -> Vec<u8> {
    let fields = [CosignField { name: FIELD.into(), page: 0, rect: [300.0, 60.0, 450.0, 100.0] }];
    let role = SignatureRole::Certification { cosigners: &fields };
    sign_as(&small_pdf(), identity(), &appearance(), signing_time(), role).expect("certify")
}

fn cosign(pdf: &[u8]) -> Vec<u8> {
    let lines = vec!["专家组成员 李红（E-002）".to_string(), "数字签名 2026-04-15 10:00 +08:00".to_string()];
    let app = paneldesk_opinion::sign::SignatureAppearance { page: 0, rect: [0.0; 4], lines };
    sign_as(pdf, &member(), &app, signing_time(), SignatureRole::Fill { field: FIELD }).expect("cosign")
}

fn revision_problems(bytes: &[u8]) -> Vec<&'static str> {
    let v = verify_pdf(bytes).expect("pdf");
    let mut codes: Vec<&'static str> = v.problems.iter().map(|p| p.code).collect();
    codes.extend(later_revisions_only_sign(bytes, &v).iter().map(|p| p.code));
    codes
}

/// An update on top of `pdf` made by `edit`, as an attacker would append it.
fn update(pdf: &[u8], edit: impl FnOnce(&mut IncrementalDocument)) -> Vec<u8> {
    let prev = Document::load_mem(pdf).expect("load");
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
    edit(&mut inc);
    let mut out = Vec::new();
    inc.save_to(&mut out).expect("save");
    out
}

fn page_id(inc: &IncrementalDocument) -> lopdf::ObjectId {
    *inc.get_prev_documents().get_pages().get(&1).expect("page 1")
}

fn catalog_id(inc: &IncrementalDocument) -> lopdf::ObjectId {
    inc.get_prev_documents().trailer.get(b"Root").and_then(Object::as_reference).expect("root")
}

#[test]
fn the_certification_allows_exactly_the_members_signature() {
    let certified = certified();
    let doc = Document::load_mem(&certified).expect("load");
    let perms = doc.catalog().expect("catalog").get(b"Perms").and_then(Object::as_dict).expect("/Perms");
    let sig = doc.get_dictionary(perms.get(b"DocMDP").and_then(Object::as_reference).expect("DocMDP")).expect("sig");
    let reference = sig.get(b"Reference").and_then(Object::as_array).expect("Reference");
    let params = reference[0].as_dict().and_then(|d| d.get(b"TransformParams")).and_then(Object::as_dict).expect("p");
    assert_eq!(params.get(b"P").and_then(Object::as_i64).ok(), Some(2));

    let cosigned = cosign(&certified);
    let v = verify_pdf(&cosigned).expect("pdf");
    assert!(v.valid(), "{:?}", v.problems);
    assert_eq!(v.signatures.len(), 2);
    assert_eq!(v.signatures[1].field_name.as_deref(), Some(FIELD));
    assert!(later_revisions_only_sign(&cosigned, &v).is_empty());
    // The field is filled once: a second co-signature in it is refused.
    assert!(sign_as(&cosigned, &member(), &appearance(), signing_time(), SignatureRole::Fill { field: FIELD }).is_err());
}

#[test]
fn a_change_after_the_chairs_signature_is_refused_even_under_a_cosignature() {
    let certified = certified();
    type Edit = Box<dyn FnOnce(&mut IncrementalDocument)>;
    let variants: Vec<(&str, Edit)> = vec![
        (
            "page content",
            Box::new(|inc| {
                let page = page_id(inc);
                let content = inc.new_document.add_object(lopdf::Stream::new(
                    dictionary! {},
                    b"BT /F1 24 Tf 72 700 Td (APPROVED) Tj ET".to_vec(),
                ));
                inc.opt_clone_object_to_new_document(page).expect("clone");
                let p = inc.new_document.get_dictionary_mut(page).expect("page");
                p.set("Contents", content);
            }),
        ),
        (
            "page box",
            Box::new(|inc| {
                let page = page_id(inc);
                inc.opt_clone_object_to_new_document(page).expect("clone");
                let p = inc.new_document.get_dictionary_mut(page).expect("page");
                p.set("MediaBox", vec![0.into(), 0.into(), 300.into(), 300.into()]);
            }),
        ),
        (
            "attachment",
            Box::new(|inc| {
                let catalog = catalog_id(inc);
                let file = inc.new_document.add_object(lopdf::Stream::new(
                    dictionary! { "Type" => "EmbeddedFile" },
                    br#"{"format":"tic-consensus/1","aggregate":99}"#.to_vec(),
                ));
                let spec = inc.new_document.add_object(dictionary! {
                    "Type" => "Filespec",
                    "F" => Object::String(b"consensus.json".to_vec(), StringFormat::Literal),
                    "EF" => dictionary! { "F" => file },
                });
                inc.opt_clone_object_to_new_document(catalog).expect("clone");
                let c = inc.new_document.get_dictionary_mut(catalog).expect("catalog");
                c.set("AF", vec![Object::Reference(spec)]);
            }),
        ),
        (
            "document information",
            Box::new(|inc| {
                let info = inc.new_document.add_object(dictionary! {
                    "Title" => Object::String(b"Changed".to_vec(), StringFormat::Literal),
                });
                inc.new_document.trailer.set("Info", info);
            }),
        ),
        (
            "an extra annotation",
            Box::new(|inc| {
                let page = page_id(inc);
                let note = inc.new_document.add_object(dictionary! {
                    "Type" => "Annot", "Subtype" => "Text",
                    "Rect" => vec![10.into(), 10.into(), 30.into(), 30.into()],
                    "Contents" => Object::String(b"changed".to_vec(), StringFormat::Literal),
                });
                inc.opt_clone_object_to_new_document(page).expect("clone");
                let p = inc.new_document.get_dictionary_mut(page).expect("page");
                let mut annots = p.get(b"Annots").and_then(Object::as_array).cloned().unwrap_or_default();
                annots.push(Object::Reference(note));
                p.set("Annots", annots);
            }),
        ),
    ];
    for (label, edit) in variants {
        let tampered = update(&certified, edit);
        // Alone, the change is after the last signature.
        assert!(!revision_problems(&tampered).is_empty(), "{label}: accepted without a co-signature");
        // Under a valid co-signature, it is the revision that is refused.
        let cosigned = cosign(&tampered);
        let codes = revision_problems(&cosigned);
        assert!(codes.contains(&"revision-changes-content"), "{label}: {codes:?}");
    }
}

#[test]
fn an_approval_signature_in_a_new_field_is_not_a_cosignature() {
    let certified = certified();
    let mut app = appearance();
    app.rect = [60.0, 60.0, 240.0, 110.0];
    let added = sign_as(&certified, &member(), &app, signing_time(), SignatureRole::Approval).expect("sign");
    let codes = revision_problems(&added);
    assert!(codes.contains(&"revision-changes-content"), "{codes:?}");
}
