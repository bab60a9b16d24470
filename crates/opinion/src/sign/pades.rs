//! PAdES-B-B signing as an incremental update: the original bytes stay as
//! they are and a signature dictionary, a visible widget, the page's new
//! /Annots and an indirect /AcroForm (/SigFlags 3) are appended. /ByteRange
//! is filled first, then the two ranges are hashed, then the hex CMS is
//! written into the zero placeholder of /Contents.
//!
//! Three roles (formats.md §7): an approval signature in a new field (a
//! review); the chair's certification (DocMDP /P 2), which also creates an
//! empty signature field per co-signing member; and filling one of those
//! fields, an update holding only the signature dictionary, its appearance
//! and the field itself.

use chrono::{DateTime, FixedOffset};
use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use super::appearance::{appearance_stream, SignatureAppearance};
use super::cms;
use super::pdf::{self, format_date, text_string};
use crate::error::{ErrorCode, OpinionError, Result};
use crate::identity::{hex_lower, Identity};

/// Reserved CMS size. An ECDSA CMS with one certificate is under 1 KB; 8 KB
/// leaves room for a CA chain of a few certificates.
pub(crate) const CONTENTS_BYTES: usize = 8192;
/// Ten digits: wide enough for any offset in a file below 10 GB.
const RANGE_PLACEHOLDER: i64 = 9_999_999_999;

/// An empty signature field the certification creates for a co-signer.
#[derive(Clone, Debug, PartialEq)]
pub struct CosignField {
    /// The field's name (/T), e.g. `cosign-E02`.
    pub name: String,
    /// Zero-based page index.
    pub page: usize,
    /// [x1, y1, x2, y2] in PDF points.
    pub rect: [f32; 4],
}

/// What a signature is in the document's life (see the module comment).
#[derive(Clone, Copy, Debug)]
pub enum SignatureRole<'a> {
    Approval,
    Certification { cosigners: &'a [CosignField] },
    Fill { field: &'a str },
}

/// Signs `pdf` with `identity` (an approval signature in a new field) and
/// returns the original bytes followed by the signing update.
/// `signing_time` becomes the dictionary's /M.
pub fn sign_pdf(
    pdf: &[u8],
    identity: &Identity,
    appearance: &SignatureAppearance,
    signing_time: DateTime<FixedOffset>,
) -> Result<Vec<u8>> {
    sign_as(pdf, identity, appearance, signing_time, SignatureRole::Approval)
}

/// Signs in the given role. For `Fill`, the box is the field's own and
/// `appearance` gives only the lines.
pub fn sign_as(
    pdf: &[u8],
    identity: &Identity,
    appearance: &SignatureAppearance,
    signing_time: DateTime<FixedOffset>,
    role: SignatureRole,
) -> Result<Vec<u8>> {
    if let SignatureRole::Fill { field } = role {
        return fill_field(pdf, identity, &appearance.lines, signing_time, field);
    }
    let [x1, y1, x2, y2] = appearance.rect;
    if ![x1, y1, x2, y2].iter().all(|v| v.is_finite()) || x2 - x1 < 1.0 || y2 - y1 < 1.0 {
        return Err(OpinionError::new(
            ErrorCode::InvalidInput,
            "签名框位置无效（需要 x1<x2、y1<y2）",
            "the signature box is invalid (x1 < x2 and y1 < y2 are required)",
        ));
    }
    let prev = pdf::load_for_update(pdf)?;
    let pages = prev.get_pages();
    let page_id = *pages.get(&u32::try_from(appearance.page + 1).unwrap_or(u32::MAX)).ok_or_else(|| {
        OpinionError::new(
            ErrorCode::InvalidInput,
            format!("签名页 {} 不存在（文件共 {} 页）", appearance.page + 1, pages.len()),
            format!("page {} does not exist (the file has {} pages)", appearance.page + 1, pages.len()),
        )
    })?;
    let catalog_id = pdf::catalog_id(&prev)?;
    let field_name = unique_field_name(&prev);

    let certify = matches!(role, SignatureRole::Certification { .. });
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
    let new = &mut inc.new_document;
    let sig_id = new.add_object(signature_dictionary(identity, &signing_time, certify));
    let ap_id = new.add_object(appearance_stream(x2 - x1, y2 - y1, &appearance.lines));
    let mut signed_widget = widget(&field_name, page_id, appearance.rect);
    signed_widget.set("V", sig_id);
    signed_widget.set("AP", Dictionary::from_iter([("N", Object::Reference(ap_id))]));
    let widget_id = new.add_object(signed_widget);

    add_annotation(&mut inc, page_id, widget_id)?;
    let mut fields = vec![widget_id];
    if let SignatureRole::Certification { cosigners } = role {
        for f in cosigners {
            let page = *pages.get(&u32::try_from(f.page + 1).unwrap_or(u32::MAX)).ok_or_else(|| {
                OpinionError::new(
                    ErrorCode::InvalidInput,
                    format!("会签框所在页 {} 不存在", f.page + 1),
                    format!("the co-signing box's page {} does not exist", f.page + 1),
                )
            })?;
            let id = inc.new_document.add_object(widget(&f.name, page, f.rect));
            add_annotation(&mut inc, page, id)?;
            fields.push(id);
        }
    }
    // All at once: the form is read from the previous revision, so one
    // call per field would keep only the last.
    add_field(&mut inc, catalog_id, &fields)?;
    if let SignatureRole::Certification { .. } = role {
        // /Perms /DocMDP names the certification signature (ISO 32000-1 §12.8.4).
        inc.opt_clone_object_to_new_document(catalog_id).map_err(|e| OpinionError::pdf_catalog(&e))?;
        let catalog = inc.new_document.get_dictionary_mut(catalog_id).map_err(|e| OpinionError::pdf_catalog(&e))?;
        catalog.set("Perms", Dictionary::from_iter([("DocMDP", Object::Reference(sig_id))]));
    }

    let mut out = Vec::with_capacity(pdf.len() + 2 * CONTENTS_BYTES + 4096);
    inc.save_to(&mut out).map_err(|e| OpinionError::internal("PDF write", e))?;
    fill_signature(&mut out, pdf.len(), identity)?;
    Ok(out)
}

/// A signature field merged with its widget annotation, unsigned.
fn widget(name: &str, page_id: ObjectId, [x1, y1, x2, y2]: [f32; 4]) -> Dictionary {
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set("T", text_string(name));
    widget.set("Rect", vec![Object::Real(x1), Object::Real(y1), Object::Real(x2), Object::Real(y2)]);
    widget.set("F", 4); // Print: the signature shows on paper too.
    widget.set("P", page_id);
    widget
}

/// Signs the empty signature field `name`: the update holds the signature
/// dictionary, its appearance and the field with /V and /AP set.
fn fill_field(
    pdf: &[u8],
    identity: &Identity,
    lines: &[String],
    signing_time: DateTime<FixedOffset>,
    name: &str,
) -> Result<Vec<u8>> {
    let prev = pdf::load_for_update(pdf)?;
    let field = prev.objects.iter().find_map(|(id, o)| {
        let d = o.as_dict().ok()?;
        let is_sig = d.get(b"FT").and_then(Object::as_name).is_ok_and(|n| n == b"Sig");
        let named = d.get(b"T").and_then(Object::as_str).is_ok_and(|t| pdf::decode_text_string(t) == name);
        (is_sig && named).then(|| (*id, d.clone()))
    });
    let Some((field_id, mut field)) = field else {
        return Err(OpinionError::new(
            ErrorCode::InvalidInput,
            format!("文件中没有供 {name} 签名的签名域"),
            format!("the file has no signature field {name} to sign"),
        ));
    };
    if field.has(b"V") {
        return Err(OpinionError::new(
            ErrorCode::InvalidInput,
            format!("签名域 {name} 已经签过名"),
            format!("the signature field {name} is signed already"),
        ));
    }
    let rect: Vec<f32> = field
        .get(b"Rect")
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(|v| v.as_float().ok()).collect())
        .unwrap_or_default();
    let (w, h) = match rect.as_slice() {
        [x1, y1, x2, y2] if (x2 - x1).abs() >= 1.0 && (y2 - y1).abs() >= 1.0 => ((x2 - x1).abs(), (y2 - y1).abs()),
        _ => return Err(OpinionError::pdf("签名域的位置无效", "the signature field's box is invalid")),
    };
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
    let sig_id = inc.new_document.add_object(signature_dictionary(identity, &signing_time, false));
    let ap_id = inc.new_document.add_object(appearance_stream(w, h, lines));
    field.set("V", sig_id);
    field.set("AP", Dictionary::from_iter([("N", Object::Reference(ap_id))]));
    inc.new_document.set_object(field_id, field);
    let mut out = Vec::with_capacity(pdf.len() + 2 * CONTENTS_BYTES + 4096);
    inc.save_to(&mut out).map_err(|e| OpinionError::internal("PDF write", e))?;
    fill_signature(&mut out, pdf.len(), identity)?;
    Ok(out)
}

fn signature_dictionary(identity: &Identity, signing_time: &DateTime<FixedOffset>, certify: bool) -> Dictionary {
    let placeholder = Object::Integer(RANGE_PLACEHOLDER);
    let mut sig = Dictionary::new();
    sig.set("Type", Object::Name(b"Sig".to_vec()));
    sig.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    sig.set("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec()));
    sig.set("ByteRange", vec![0.into(), placeholder.clone(), placeholder.clone(), placeholder]);
    sig.set("Contents", Object::String(vec![0; CONTENTS_BYTES], StringFormat::Hexadecimal));
    sig.set("M", Object::String(format_date(signing_time).into_bytes(), StringFormat::Literal));
    if let Some(name) = &identity.subject().name {
        sig.set("Name", text_string(name));
    }
    if certify {
        // Only form filling and further signatures may follow (/P 2).
        let params = Dictionary::from_iter([
            ("Type", Object::Name(b"TransformParams".to_vec())),
            ("P", Object::Integer(2)),
            ("V", Object::Name(b"1.2".to_vec())),
        ]);
        let reference = Dictionary::from_iter([
            ("Type", Object::Name(b"SigRef".to_vec())),
            ("TransformMethod", Object::Name(b"DocMDP".to_vec())),
            ("TransformParams", Object::Dictionary(params)),
        ]);
        sig.set("Reference", vec![Object::Dictionary(reference)]);
    }
    sig
}

/// "Signature1", "Signature2", ...: the first name no field uses yet.
fn unique_field_name(doc: &Document) -> String {
    let taken: Vec<&[u8]> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"T").and_then(Object::as_str).ok())
        .collect();
    (1..).map(|n| format!("Signature{n}")).find(|n| !taken.contains(&n.as_bytes())).unwrap_or_default()
}

fn add_annotation(inc: &mut IncrementalDocument, page_id: ObjectId, widget_id: ObjectId) -> Result<()> {
    inc.opt_clone_object_to_new_document(page_id).map_err(|e| OpinionError::internal("page", e))?;
    let annots = inc.new_document.get_dictionary(page_id).ok().and_then(|p| p.get(b"Annots").ok()).cloned();
    let target = match annots {
        // Annots held in their own object: that object is updated instead.
        Some(Object::Reference(id)) if inc.get_prev_documents().get_object(id).is_ok_and(|o| o.as_array().is_ok()) => {
            inc.opt_clone_object_to_new_document(id).map_err(|e| OpinionError::internal("annotations", e))?;
            inc.new_document.get_object_mut(id).ok().and_then(|o| o.as_array_mut().ok())
        }
        _ => None,
    };
    if let Some(array) = target {
        array.push(Object::Reference(widget_id));
        return Ok(());
    }
    let page = inc.new_document.get_dictionary_mut(page_id).map_err(|e| OpinionError::internal("page", e))?;
    let mut list = page.get(b"Annots").and_then(Object::as_array).cloned().unwrap_or_default();
    list.push(Object::Reference(widget_id));
    page.set("Annots", list);
    Ok(())
}

/// Adds the fields to the form, making the AcroForm an indirect object
/// (some verifiers do not find signatures in a direct one).
fn add_field(inc: &mut IncrementalDocument, catalog_id: ObjectId, widget_ids: &[ObjectId]) -> Result<()> {
    let refs = widget_ids.iter().map(|&id| Object::Reference(id));
    let prev = inc.get_prev_documents();
    let current = prev.get_dictionary(catalog_id).ok().and_then(|c| c.get(b"AcroForm").ok()).cloned();
    let (form_id, mut form) = match current {
        Some(Object::Reference(id)) if prev.get_dictionary(id).is_ok() => {
            (Some(id), prev.get_dictionary(id).cloned().unwrap_or_default())
        }
        Some(Object::Dictionary(d)) => (None, d),
        _ => (None, Dictionary::new()),
    };
    let fields = form.get(b"Fields").ok().cloned();
    match fields {
        Some(Object::Reference(id)) if prev.get_object(id).is_ok_and(|o| o.as_array().is_ok()) => {
            inc.opt_clone_object_to_new_document(id).map_err(|e| OpinionError::internal("fields", e))?;
            if let Ok(array) = inc.new_document.get_object_mut(id).and_then(Object::as_array_mut) {
                array.extend(refs);
            }
        }
        Some(Object::Array(mut list)) => {
            list.extend(refs);
            form.set("Fields", list);
        }
        _ => form.set("Fields", refs.collect::<Vec<_>>()),
    }
    form.set("SigFlags", 3); // SignaturesExist | AppendOnly
    match form_id {
        Some(id) => inc.new_document.set_object(id, form),
        None => {
            let id = inc.new_document.add_object(form);
            inc.opt_clone_object_to_new_document(catalog_id).map_err(|e| OpinionError::pdf_catalog(&e))?;
            let catalog = inc.new_document.get_dictionary_mut(catalog_id).map_err(|e| OpinionError::pdf_catalog(&e))?;
            catalog.set("AcroForm", id);
        }
    }
    Ok(())
}

/// Finds the placeholders in the appended section, writes /ByteRange,
/// hashes the covered bytes and writes the CMS into /Contents.
fn fill_signature(out: &mut [u8], prev_len: usize, identity: &Identity) -> Result<()> {
    let placeholder_missing = || OpinionError::internal("signature placeholder", "not found exactly once");
    let mut contents = Vec::with_capacity(CONTENTS_BYTES * 2 + 2);
    contents.push(b'<');
    contents.resize(CONTENTS_BYTES * 2 + 1, b'0');
    contents.push(b'>');
    let start = prev_len.min(out.len());
    let a = single(&out[start..], &contents).ok_or_else(placeholder_missing)? + start;
    let b = a + contents.len();
    let key = single(&out[start..], b"/ByteRange").ok_or_else(placeholder_missing)? + start;
    let open = out[key..].iter().position(|&c| c == b'[').ok_or_else(placeholder_missing)? + key;
    let close = out[open..].iter().position(|&c| c == b']').ok_or_else(placeholder_missing)? + open;

    let mut range = format!("[0 {a} {b} {}", out.len() - b).into_bytes();
    if range.len() + 1 > close + 1 - open {
        return Err(OpinionError::internal("signature placeholder", "byte range does not fit"));
    }
    range.resize(close - open, b' ');
    range.push(b']');
    out[open..=close].copy_from_slice(&range);

    let mut hasher = Sha256::new();
    hasher.update(&out[..a]);
    hasher.update(&out[b..]);
    let cms = cms::signed_data(identity, &hasher.finalize(), None)?;
    let hex = hex_lower(&cms).to_ascii_uppercase();
    if hex.len() > CONTENTS_BYTES * 2 {
        return Err(OpinionError::new(
            ErrorCode::SignatureTooLarge,
            format!("签名数据过大（{} 字节，预留 {CONTENTS_BYTES} 字节），证书链可能过长", cms.len()),
            format!(
                "the signature is too large ({} bytes, {CONTENTS_BYTES} reserved); the chain may be too long",
                cms.len()
            ),
        ));
    }
    out[a + 1..a + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}

/// The offset of `needle` in `haystack` when it occurs exactly once.
pub(crate) fn single(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle.first()?;
    let mut found =
        haystack.iter().enumerate().filter(|&(i, c)| c == first && haystack[i..].starts_with(needle)).map(|(i, _)| i);
    match (found.next(), found.next()) {
        (Some(i), None) => Some(i),
        _ => None,
    }
}
