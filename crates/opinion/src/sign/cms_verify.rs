//! Checks the CMS inside /Contents against the digest of the byte ranges:
//! structure, message digest, ESS certificate binding and the ECDSA
//! signature over the signed attributes, with the certificate it carries.
//! Every failure is a `Problem`; nothing here panics on hostile bytes.

use chrono::{DateTime, FixedOffset};
use cms::cert::CertificateChoices;
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Reader, SliceReader};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

use super::cms::{
    SigningCertificateV2, OID_CONTENT_TYPE, OID_DATA, OID_MESSAGE_DIGEST, OID_SHA256, OID_SIGNED_DATA,
    OID_SIGNING_CERTIFICATE_V2,
};
use super::problem::Problem;
use crate::identity::certificate_key;

/// What the CMS says: the signer's certificate when one was found, and
/// whatever is wrong.
#[derive(Default)]
pub(crate) struct CmsCheck {
    pub certificate: Option<(Certificate, Vec<u8>)>,
    pub problems: Vec<Problem>,
}

pub(crate) fn check(contents: &[u8], digest: &[u8], claimed_time: Option<DateTime<FixedOffset>>) -> CmsCheck {
    let mut out = CmsCheck::default();
    match check_inner(contents, digest, &mut out) {
        Ok(()) => {}
        Err(p) => out.problems.push(p),
    }
    if let (Some((cert, _)), Some(t)) = (&out.certificate, claimed_time) {
        let validity = &cert.tbs_certificate.validity;
        let secs = |d: std::time::Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
        let (from, to) = (secs(validity.not_before.to_unix_duration()), secs(validity.not_after.to_unix_duration()));
        if t.timestamp() < from || t.timestamp() > to {
            out.problems.push(Problem::new(
                "certificate-expired",
                format!("签名时间 {t} 不在证书有效期内"),
                format!("the signing time {t} is outside the certificate's validity period"),
            ));
        }
    }
    out
}

fn bad_cms(detail: impl std::fmt::Display) -> Problem {
    Problem::new(
        "cms-invalid",
        format!("签名数据（CMS）无效：{detail}"),
        format!("the signature data (CMS) is not valid: {detail}"),
    )
}

fn check_inner(contents: &[u8], digest: &[u8], out: &mut CmsCheck) -> Result<(), Problem> {
    // /Contents is zero-padded to its reserved size: read one DER value,
    // then insist that only padding follows.
    let mut reader = SliceReader::new(contents).map_err(bad_cms)?;
    let info = ContentInfo::decode(&mut reader).map_err(bad_cms)?;
    let rest = reader.read_slice(reader.remaining_len()).map_err(bad_cms)?;
    if rest.iter().any(|&b| b != 0) {
        return Err(bad_cms("data after the signature / 签名后有多余数据"));
    }
    if info.content_type != OID_SIGNED_DATA {
        return Err(bad_cms("not SignedData"));
    }
    let signed: SignedData = info.content.decode_as().map_err(bad_cms)?;
    let encap = &signed.encap_content_info;
    if encap.econtent.is_some() || encap.econtent_type != OID_DATA {
        return Err(bad_cms("not a detached signature"));
    }
    let mut signers = signed.signer_infos.0.iter();
    let (Some(signer), None) = (signers.next(), signers.next()) else {
        return Err(bad_cms("expected exactly one signer"));
    };
    if signer.digest_alg.oid != OID_SHA256 {
        return Err(bad_cms("digest algorithm is not SHA-256"));
    }
    // The fields the signature does not cover must still hold the only
    // values RFC 5652 allows here, so they cannot be altered unnoticed.
    let version = match signer.sid {
        SignerIdentifier::IssuerAndSerialNumber(_) => CmsVersion::V1,
        SignerIdentifier::SubjectKeyIdentifier(_) => CmsVersion::V3,
    };
    if signer.version != version || signed.version != version {
        return Err(bad_cms("version numbers do not match RFC 5652"));
    }
    let mut algs = signed.digest_algorithms.iter();
    if !matches!((algs.next(), algs.next()), (Some(a), None) if a.oid == OID_SHA256) {
        return Err(bad_cms("the digest algorithms are not exactly SHA-256"));
    }
    let attrs = signer.signed_attrs.as_ref().ok_or_else(|| bad_cms("no signed attributes"))?;
    let attr = |oid: ObjectIdentifier| {
        let mut found = attrs.iter().filter(|a| a.oid == oid);
        match (found.next(), found.next()) {
            (Some(a), None) if a.values.len() == 1 => a.values.iter().next(),
            _ => None,
        }
    };
    let content_type = attr(OID_CONTENT_TYPE).and_then(|v| v.decode_as::<ObjectIdentifier>().ok());
    if content_type != Some(OID_DATA) {
        return Err(bad_cms("content-type attribute missing or wrong"));
    }
    let md = attr(OID_MESSAGE_DIGEST).and_then(|v| v.decode_as::<OctetStringRef<'_>>().ok());
    let md = md.ok_or_else(|| bad_cms("message-digest attribute missing"))?;
    if md.as_bytes() != digest {
        out.problems.push(Problem::new(
            "digest-mismatch",
            "签名后文件内容被修改（摘要不符）",
            "the file was changed after signing (the digest does not match)",
        ));
    }

    let signed_attrs_der = attrs.to_der().map_err(bad_cms)?;
    let (cert, cert_der) = find_signer(&signed, signer, &signed_attrs_der)?;
    canonical(&signed, signer, &cert)?;
    out.certificate = Some((cert, cert_der.clone()));

    let ess = attr(OID_SIGNING_CERTIFICATE_V2).and_then(|v| v.decode_as::<SigningCertificateV2>().ok());
    match ess.as_ref().and_then(|e| e.certs.first()) {
        None => out.problems.push(Problem::new(
            "signing-certificate-missing",
            "签名未绑定签名证书（缺少 ESS signing-certificate-v2），不符合 PAdES",
            "the signature does not bind its certificate (no ESS signing-certificate-v2), as PAdES requires",
        )),
        Some(id) => {
            let sha256 = id.hash_algorithm.as_ref().is_none_or(|a| a.oid == OID_SHA256);
            if !sha256 || id.cert_hash.as_bytes() != Sha256::digest(&cert_der).as_slice() {
                out.problems.push(Problem::new(
                    "signing-certificate-mismatch",
                    "签名绑定的证书与所附证书不一致",
                    "the certificate bound in the signature is not the one included",
                ));
            }
        }
    }
    Ok(())
}

/// id-aa-signatureTimeStampToken (RFC 3161 via CMS): the one unsigned
/// attribute a PAdES signature legitimately carries.
const OID_TIMESTAMP_TOKEN: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// What the signature does not cover must hold nothing an editor could add
/// to make a second, different file of the same signature: no CRLs, no
/// unsigned attribute but a timestamp, no certificate but the signer's and
/// the chain that issued it, each once.
fn canonical(signed: &SignedData, signer: &SignerInfo, signer_cert: &Certificate) -> Result<(), Problem> {
    let refuse = |detail: &str| {
        Err(Problem::new(
            "cms-not-canonical",
            format!("签名数据（CMS）含有签名未覆盖的多余内容：{detail}"),
            format!("the signature data (CMS) carries content its signature does not cover: {detail}"),
        ))
    };
    if signed.crls.is_some() {
        return refuse("CRLs");
    }
    if signer.unsigned_attrs.as_ref().is_some_and(|a| a.iter().any(|a| a.oid != OID_TIMESTAMP_TOKEN)) {
        return refuse("unsigned attributes");
    }
    let mut certs = Vec::new();
    for c in signed.certificates.iter().flat_map(|set| set.0.iter()) {
        match c {
            CertificateChoices::Certificate(c) => certs.push(c),
            _ => return refuse("a certificate in another format"),
        }
    }
    // Walk up from the signer: each next certificate issued the one before.
    let mut chain = vec![signer_cert];
    while let Some(last) = chain.last() {
        let issuer = &last.tbs_certificate.issuer;
        let next = certs.iter().find(|c| c.tbs_certificate.subject == *issuer && !chain.contains(c));
        match next {
            Some(c) if last.tbs_certificate.subject != *issuer => chain.push(c),
            _ => break,
        }
    }
    let ders: Vec<Vec<u8>> = certs.iter().filter_map(|c| c.to_der().ok()).collect();
    let unique: std::collections::BTreeSet<&Vec<u8>> = ders.iter().collect();
    if unique.len() != certs.len() || certs.iter().any(|c| !chain.contains(c)) {
        return refuse("certificates outside the signer's chain, or repeated");
    }
    Ok(())
}

/// The certificate named by the signer identifier whose key verifies the
/// signature over the signed attributes.
fn find_signer(
    signed: &SignedData,
    signer: &SignerInfo,
    signed_attrs_der: &[u8],
) -> Result<(Certificate, Vec<u8>), Problem> {
    let certs: Vec<&Certificate> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c),
            _ => None,
        })
        .filter(|c| match &signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(ias) => {
                c.tbs_certificate.issuer == ias.issuer && c.tbs_certificate.serial_number == ias.serial_number
            }
            // Rare for PDFs; the key check below picks the right one.
            SignerIdentifier::SubjectKeyIdentifier(_) => true,
        })
        .collect();
    if certs.is_empty() {
        return Err(Problem::new(
            "certificate-missing",
            "签名中没有签名者证书",
            "the signature does not include the signer's certificate",
        ));
    }
    // ECDSA P-256 or RSA (PKCS#1 v1.5 or PSS), SHA-256 throughout; an
    // algorithm that does not fit the certificate's key is an error.
    let signature = signer.signature.as_bytes();
    let mut key_error = None;
    for cert in &certs {
        let verified =
            certificate_key(cert).and_then(|key| key.verify(&signer.signature_algorithm, signed_attrs_der, signature));
        match verified {
            Ok(true) => {
                let der = cert.to_der().map_err(bad_cms)?;
                return Ok(((*cert).clone(), der));
            }
            Ok(false) => {}
            Err(e) => key_error = Some(e),
        }
    }
    match key_error {
        Some(e) if certs.len() == 1 => Err(Problem { code: "certificate-unsupported", message: e.message }),
        _ => Err(invalid_signature()),
    }
}

fn invalid_signature() -> Problem {
    Problem::new(
        "signature-invalid",
        "签名值无效：签名数据被篡改，或不是用所附证书的私钥签署",
        "the signature value does not verify: the signature data was altered or not made with the included certificate's key",
    )
}
