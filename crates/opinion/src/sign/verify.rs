//! Verification of a signed review or consensus PDF. Stricter than pdfsig:
//! the last signature must cover the whole file except exactly its own
//! /Contents hex string, so any byte or incremental update added after
//! signing is refused (docs/formats.md §4: "bytes changed or appended").

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use lopdf::{Dictionary, Document, Object};

use super::cms_verify;
use super::pdf::{decode_text_string, parse_date};
use super::problem::Problem;
use super::ranges::{self, Ranges};
use crate::error::Result;
use crate::identity::{sha256_hex, subject, SubjectInfo};

/// Who signed, as the signature's certificate says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signer {
    pub certificate_der: Vec<u8>,
    /// Lowercase hex SHA-256 of `certificate_der`.
    pub certificate_sha256: String,
    /// serialNumber, CN, title and O of the certificate's subject.
    pub subject: SubjectInfo,
}

impl Signer {
    pub fn expert_id(&self) -> Option<&str> {
        self.subject.expert_id.as_deref()
    }

    pub fn name(&self) -> Option<&str> {
        self.subject.name.as_deref()
    }
}

/// One signature dictionary found in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureInfo {
    pub field_name: Option<String>,
    pub sub_filter: Option<String>,
    /// The /ByteRange as written, when it is four non-negative integers.
    pub byte_range: Option<[u64; 4]>,
    /// True when the signed ranges reach the end of the file.
    pub covers_whole_file: bool,
    pub signer: Option<Signer>,
    /// The claimed time (/M).
    pub signing_time: Option<DateTime<FixedOffset>>,
    pub problems: Vec<Problem>,
}

/// The outcome for a file that could be read as a PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// All signatures, in the order of the file (the last one signs last).
    pub signatures: Vec<SignatureInfo>,
    /// Every problem, the file's and each signature's.
    pub problems: Vec<Problem>,
}

impl Verification {
    /// Valid: at least one signature and no problem at all.
    pub fn valid(&self) -> bool {
        self.problems.is_empty() && !self.signatures.is_empty()
    }

    /// The last signature: the one that must cover the whole file.
    pub fn last(&self) -> Option<&SignatureInfo> {
        self.signatures.last()
    }

    /// The signer of the first signature: the review's expert, or the
    /// chair who certified a 专家组意见 (co-signers sign after).
    pub fn signer(&self) -> Option<&Signer> {
        self.signatures.first()?.signer.as_ref()
    }

    pub fn signing_time(&self) -> Option<DateTime<FixedOffset>> {
        self.signatures.first()?.signing_time
    }
}

/// Verifies every signature of `bytes`. `Err` (code `NotPdf`) only when the
/// bytes cannot be read as a PDF at all (cli exit 2); a damaged or altered
/// signed file is `Ok` with problems (exit 1).
pub fn verify_pdf(bytes: &[u8]) -> Result<Verification> {
    match super::gaps::load_signed(bytes) {
        Ok(doc) => Ok(verify_loaded(bytes, &doc)),
        // A signed file that was cut or damaged is still "a signed PDF
        // that does not verify", not "not a PDF": say what happened.
        Err(e) => ranges::damaged(bytes).ok_or(e),
    }
}

/// `verify_pdf` of `bytes` already parsed as `doc` (so `check_document`
/// parses a file once, not once per check).
pub(crate) fn verify_loaded(bytes: &[u8], doc: &Document) -> Verification {
    let mut signatures: Vec<SignatureInfo> =
        signature_dictionaries(doc).into_iter().map(|(field, sig)| check_one(bytes, field, sig)).collect();
    signatures.sort_by_key(|s| s.byte_range.map_or(0, |r| r[2].saturating_add(r[3])));

    let mut problems = Vec::new();
    match signatures.last() {
        None => problems.push(Problem::new("not-signed", "文件没有数字签名", "the file has no digital signature")),
        Some(last) if !last.covers_whole_file => {
            if let Some(p) = last.byte_range.and_then(|r| ranges::coverage_problem(&r, bytes.len())) {
                problems.push(p);
            }
        }
        Some(_) => {}
    }
    problems.extend(signatures.iter().flat_map(|s| s.problems.iter().cloned()));
    Verification { signatures, problems }
}

/// (field name, signature dictionary) for every dictionary that has
/// /ByteRange and /Contents, whether it is an object of its own or sits
/// directly in a field's /V.
fn signature_dictionaries(doc: &Document) -> Vec<(Option<String>, &Dictionary)> {
    let is_sig = |d: &Dictionary| d.has(b"ByteRange") && d.has(b"Contents");
    let field_of = |d: &Dictionary| d.get(b"T").and_then(Object::as_str).ok().map(decode_text_string);
    let mut names = HashMap::new();
    let mut found = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        match dict.get(b"V") {
            Ok(Object::Reference(id)) => {
                names.insert(*id, field_of(dict));
            }
            Ok(Object::Dictionary(sig)) if is_sig(sig) => found.push((field_of(dict), sig)),
            _ => {}
        }
    }
    for (id, object) in &doc.objects {
        if let Ok(dict) = object.as_dict() {
            if is_sig(dict) {
                found.push((names.get(id).cloned().flatten(), dict));
            }
        }
    }
    found
}

fn check_one(bytes: &[u8], field_name: Option<String>, sig: &Dictionary) -> SignatureInfo {
    let name_of =
        |key: &[u8]| sig.get(key).and_then(Object::as_name).ok().map(|n| String::from_utf8_lossy(n).into_owned());
    let sub_filter = name_of(b"SubFilter");
    let signing_time = sig.get(b"M").and_then(Object::as_str).ok().and_then(|m| parse_date(&decode_text_string(m)));
    let mut info = SignatureInfo {
        field_name,
        sub_filter: sub_filter.clone(),
        byte_range: None,
        covers_whole_file: false,
        signer: None,
        signing_time,
        problems: Vec::new(),
    };
    if !matches!(sub_filter.as_deref(), Some("ETSI.CAdES.detached" | "adbe.pkcs7.detached")) {
        info.problems.push(Problem::new(
            "unsupported-subfilter",
            format!("不支持的签名类型 {}", sub_filter.as_deref().unwrap_or("（无）")),
            format!("unsupported signature type {}", sub_filter.as_deref().unwrap_or("(none)")),
        ));
        return info;
    }
    let contents = sig.get(b"Contents").and_then(Object::as_str).unwrap_or_default();
    let ranges = match Ranges::check(bytes, sig.get(b"ByteRange").ok(), contents) {
        Ok(r) => r,
        Err((raw, p)) => {
            info.byte_range = raw;
            info.problems.push(p);
            return info;
        }
    };
    info.byte_range = Some(ranges.raw);
    info.covers_whole_file = ranges.covers_whole_file;
    let cms = cms_verify::check(contents, &ranges.digest, signing_time);
    info.problems.extend(cms.problems);
    info.signer = cms.certificate.map(|(cert, der)| Signer {
        certificate_sha256: sha256_hex(&der),
        certificate_der: der,
        subject: subject::parse_name(&cert.tbs_certificate.subject),
    });
    info
}
