//! File attachments (PDF 32000-1 §7.11.4, PDF/A-3 style /AF): review.json
//! and consensus.json travel inside the PDF. They are added before signing,
//! so the signature covers them.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use md5::{Digest, Md5};

use super::pdf::{self, decode_text_string, resolve, resolve_dict, text_string, MAX_DECODED};
use crate::error::{ErrorCode, OpinionError, Result};

/// Name trees deeper than this are refused (a loop or a hostile file).
const MAX_TREE_DEPTH: usize = 32;

/// One embedded file as read back from a PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbeddedFile {
    /// The file name (/UF, else /F, else the name tree key).
    pub name: String,
    pub bytes: Vec<u8>,
    /// The MIME type from /Subtype, when present.
    pub mime: Option<String>,
}

/// Returns `pdf` rewritten with `bytes` attached as `name`. An attachment of
/// the same name is replaced. The file is listed in the catalog's
/// /Names /EmbeddedFiles and /AF; its stream carries /Params /Size and /CheckSum.
pub fn attach_file(pdf: &[u8], name: &str, bytes: &[u8], mime: &str, description: &str) -> Result<Vec<u8>> {
    attach_files(pdf, &[Attachment { name, bytes, mime, description }])
}

/// One file for `attach_files`.
pub struct Attachment<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub mime: &'a str,
    pub description: &'a str,
}

/// `attach_file` for many files in one parse and one write (a consensus PDF
/// carries every expert's review: attaching them one by one re-parsed the
/// growing file each time).
pub fn attach_files(pdf: &[u8], files: &[Attachment]) -> Result<Vec<u8>> {
    let mut doc = pdf::load_for_update(pdf)?;
    let catalog_id = pdf::catalog_id(&doc)?;
    let mut extra = 1024;
    for f in files {
        add_file(&mut doc, catalog_id, f)?;
        extra += f.bytes.len();
    }
    let mut out = Vec::with_capacity(pdf.len() + extra);
    doc.save_to(&mut out).map_err(|e| OpinionError::internal("PDF write", e))?;
    Ok(out)
}

fn add_file(doc: &mut Document, catalog_id: ObjectId, file: &Attachment) -> Result<()> {
    let Attachment { name, bytes, mime, description } = *file;
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        return Err(OpinionError::new(
            ErrorCode::InvalidInput,
            "附件文件名为空或含控制字符",
            "the attachment name is empty or has control characters",
        ));
    }
    let mut params = Dictionary::new();
    params.set("Size", i64::try_from(bytes.len()).map_err(|e| OpinionError::internal("size", e))?);
    params.set("CheckSum", Object::String(Md5::digest(bytes).to_vec(), StringFormat::Hexadecimal));
    let mut stream_dict = Dictionary::new();
    stream_dict.set("Type", Object::Name(b"EmbeddedFile".to_vec()));
    stream_dict.set("Subtype", Object::Name(mime.as_bytes().to_vec()));
    stream_dict.set("Params", params);
    let mut stream = Stream::new(stream_dict, bytes.to_vec());
    // A PDF's own streams are compressed already: deflating it again costs
    // time for nothing. Others best effort (incompressible ones stay stored).
    if mime != "application/pdf" {
        let _ = stream.compress();
    }
    let stream_id = doc.add_object(stream);

    let mut ef = Dictionary::new();
    ef.set("F", stream_id);
    ef.set("UF", stream_id);
    let mut spec = Dictionary::new();
    spec.set("Type", Object::Name(b"Filespec".to_vec()));
    // /F must be a byte string; non-ASCII names keep their full form in /UF.
    spec.set("F", Object::String(ascii_fallback(name).into_bytes(), StringFormat::Literal));
    spec.set("UF", text_string(name));
    if !description.is_empty() {
        spec.set("Desc", text_string(description));
    }
    spec.set("AFRelationship", Object::Name(b"Data".to_vec()));
    spec.set("EF", ef);
    let spec_id = doc.add_object(spec);

    // Rebuild the tree as one sorted leaf: simple, and valid for any size we use.
    let (replaced, mut entries): (Vec<_>, Vec<_>) =
        tree_entries(doc)?.into_iter().partition(|(key, _)| decode_text_string(key) == name);
    let replaced: Vec<Object> = replaced.into_iter().map(|(_, spec)| spec).collect();
    let key = match text_string(name) {
        Object::String(b, _) => b,
        _ => name.as_bytes().to_vec(),
    };
    entries.push((key, Object::Reference(spec_id)));
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let names: Vec<Object> =
        entries.into_iter().flat_map(|(k, v)| [Object::String(k, StringFormat::Hexadecimal), v]).collect();
    let tree_id = doc.add_object(Dictionary::from_iter([("Names", Object::Array(names))]));

    set_in_names(doc, catalog_id, tree_id)?;
    add_to_af(doc, catalog_id, spec_id, &replaced)?;
    Ok(())
}

/// All embedded files listed in the catalog's name tree, in tree order.
pub fn embedded_files(pdf: &[u8]) -> Result<Vec<EmbeddedFile>> {
    embedded_in(&pdf::load(pdf)?)
}

/// `embedded_files` of a document already parsed.
pub(crate) fn embedded_in(doc: &Document) -> Result<Vec<EmbeddedFile>> {
    let mut files = Vec::new();
    for (key, spec) in tree_entries(doc)? {
        let Some(spec) = resolve_dict(doc, &spec) else { continue };
        let name = ["UF", "F"]
            .iter()
            .find_map(|k| spec.get(k.as_bytes()).ok().and_then(|o| o.as_str().ok()))
            .map_or_else(|| decode_text_string(&key), decode_text_string);
        let Some(ef) = pdf::get_dict(doc, spec, b"EF") else { continue };
        let stream = ["UF", "F"]
            .iter()
            .find_map(|k| ef.get(k.as_bytes()).ok().and_then(|o| resolve(doc, o)).and_then(|o| o.as_stream().ok()));
        let Some(stream) = stream else { continue };
        let bytes = stream.get_plain_content_with_limit(MAX_DECODED).map_err(|e| {
            OpinionError::pdf(
                format!("附件 “{name}” 无法解压"),
                format!("the attachment \"{name}\" cannot be decoded ({e})"),
            )
        })?;
        let mime = stream.dict.get(b"Subtype").and_then(Object::as_name).ok();
        let mime = mime.map(|m| String::from_utf8_lossy(m).into_owned());
        files.push(EmbeddedFile { name, bytes, mime });
    }
    Ok(files)
}

/// The (key, filespec) pairs of /Names /EmbeddedFiles, leaves and kids alike.
fn tree_entries(doc: &Document) -> Result<Vec<(Vec<u8>, Object)>> {
    let mut out = Vec::new();
    let Ok(catalog) = doc.catalog() else { return Ok(out) };
    let Some(names) = pdf::get_dict(doc, catalog, b"Names") else { return Ok(out) };
    let Ok(root) = names.get(b"EmbeddedFiles") else { return Ok(out) };
    let mut seen = HashSet::new();
    walk(doc, root, 0, &mut seen, &mut out)?;
    Ok(out)
}

fn walk(
    doc: &Document,
    node: &Object,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    out: &mut Vec<(Vec<u8>, Object)>,
) -> Result<()> {
    if depth > MAX_TREE_DEPTH || node.as_reference().is_ok_and(|id| !seen.insert(id)) {
        return Err(OpinionError::pdf("附件目录循环或过深", "the attachment name tree loops or is too deep"));
    }
    let Some(dict) = resolve_dict(doc, node) else { return Ok(()) };
    if let Some(Ok(pairs)) = dict.get(b"Names").ok().and_then(|n| resolve(doc, n)).map(Object::as_array) {
        for pair in pairs.chunks_exact(2) {
            if let Ok(key) = pair[0].as_str() {
                out.push((key.to_vec(), pair[1].clone()));
            }
        }
    }
    if let Some(Ok(kids)) = dict.get(b"Kids").ok().and_then(|k| resolve(doc, k)).map(Object::as_array) {
        for kid in kids {
            walk(doc, kid, depth + 1, seen, out)?;
        }
    }
    Ok(())
}

/// Points /Names /EmbeddedFiles of the catalog at the new tree, keeping the
/// other name trees (/Dests, /JavaScript, ...) of an existing /Names.
fn set_in_names(doc: &mut Document, catalog_id: ObjectId, tree_id: ObjectId) -> Result<()> {
    let names_ref = doc.get_dictionary(catalog_id).ok().and_then(|c| c.get(b"Names").ok()?.as_reference().ok());
    if let Some(id) = names_ref {
        if let Ok(names) = doc.get_dictionary_mut(id) {
            names.set("EmbeddedFiles", tree_id);
            return Ok(());
        }
    }
    let catalog = doc.get_dictionary_mut(catalog_id).map_err(|e| OpinionError::pdf_catalog(&e))?;
    let mut names = catalog.get(b"Names").and_then(Object::as_dict).cloned().unwrap_or_default();
    names.set("EmbeddedFiles", tree_id);
    catalog.set("Names", names);
    Ok(())
}

/// Appends the filespec to the catalog's /AF (associated files), dropping
/// the filespecs it replaces.
fn add_to_af(doc: &mut Document, catalog_id: ObjectId, spec_id: ObjectId, replaced: &[Object]) -> Result<()> {
    let af_ref = doc.get_dictionary(catalog_id).ok().and_then(|c| c.get(b"AF").ok()?.as_reference().ok());
    let current = match af_ref {
        Some(id) => doc.get_object(id).ok().and_then(|o| o.as_array().ok()).cloned(),
        None => doc.get_dictionary(catalog_id).ok().and_then(|c| c.get(b"AF").ok()?.as_array().ok().cloned()),
    };
    let mut af: Vec<Object> = current.unwrap_or_default().into_iter().filter(|o| !replaced.contains(o)).collect();
    af.push(Object::Reference(spec_id));
    let catalog = doc.get_dictionary_mut(catalog_id).map_err(|e| OpinionError::pdf_catalog(&e))?;
    catalog.set("AF", Object::Array(af));
    Ok(())
}

/// /F of a filespec: the name with non-ASCII characters replaced.
fn ascii_fallback(name: &str) -> String {
    name.chars().map(|c| if (' '..='~').contains(&c) { c } else { '_' }).collect()
}
