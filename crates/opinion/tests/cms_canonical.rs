//! A signed file whose CMS is re-encoded with content the signature does
//! not cover (an extra certificate, an unsigned attribute, CRLs) is refused:
//! otherwise one signature could make many different files. Our own
//! signatures use the low `s`.

mod common;

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::revocation::RevocationInfoChoices;
use cms::signed_data::SignedData;
use der::{Any, Decode, Encode};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::sign::verify_pdf;
use x509_cert::attr::Attribute;
use x509_cert::Certificate;

/// The file with its CMS replaced by `edit(cms)`, padded into the same gap.
fn recoded(signed: &[u8], edit: impl FnOnce(&mut SignedData)) -> Vec<u8> {
    let v = verify_pdf(signed).expect("pdf");
    let r = v.last().and_then(|s| s.byte_range).expect("range");
    let (a, b) = (usize::try_from(r[1]).expect("a") + 1, usize::try_from(r[2]).expect("b") - 1);
    let hex = std::str::from_utf8(&signed[a..b]).expect("hex");
    let bytes: Vec<u8> =
        (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")).collect();
    let mut reader = der::SliceReader::new(&bytes).expect("reader");
    let info = ContentInfo::decode(&mut reader).expect("cms");
    let mut sd: SignedData = info.content.decode_as().expect("signed data");
    edit(&mut sd);
    let info = ContentInfo { content_type: info.content_type, content: Any::encode_from(&sd).expect("any") };
    let der = info.to_der().expect("der");
    let mut hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
    assert!(hex.len() <= b - a, "fits the placeholder");
    hex.extend(std::iter::repeat_n('0', b - a - hex.len()));
    let mut out = signed.to_vec();
    out[a..b].copy_from_slice(hex.as_bytes());
    out
}

fn codes(bytes: &[u8]) -> Vec<&'static str> {
    verify_pdf(bytes).expect("pdf").problems.iter().map(|p| p.code).collect()
}

#[test]
fn content_outside_the_signature_is_refused() {
    let signed = common::signed_review();
    assert!(codes(&signed).is_empty(), "the original verifies");
    let other = Identity::create("E-009", "王五", "教授", "某大学", common::now()).expect("identity");
    let stranger = Certificate::from_der(other.certificate_der()).expect("cert");
    let extra_cert = recoded(&signed, |sd| {
        let mut certs = sd.certificates.clone().expect("certs");
        certs.0.insert(CertificateChoices::Certificate(stranger)).expect("insert");
        sd.certificates = Some(certs);
    });
    assert!(codes(&extra_cert).contains(&"cms-not-canonical"), "{:?}", codes(&extra_cert));

    let unsigned_attr = recoded(&signed, |sd| {
        let mut infos = sd.signer_infos.0.clone().into_vec();
        let oid = der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
        let value =
            Any::encode_from(&der::asn1::UtcTime::from_unix_duration(std::time::Duration::from_secs(1)).expect("t"))
                .expect("any");
        let mut values = der::asn1::SetOfVec::new();
        values.insert(value).expect("value");
        let mut attrs = der::asn1::SetOfVec::new();
        attrs.insert(Attribute { oid, values }).expect("attr");
        infos[0].unsigned_attrs = Some(attrs);
        sd.signer_infos = cms::signed_data::SignerInfos(infos.try_into().expect("set"));
    });
    assert!(codes(&unsigned_attr).contains(&"cms-not-canonical"), "{:?}", codes(&unsigned_attr));

    let crls = recoded(&signed, |sd| sd.crls = Some(RevocationInfoChoices(Default::default())));
    assert!(codes(&crls).contains(&"cms-not-canonical"), "{:?}", codes(&crls));
}

#[test]
fn our_signatures_use_the_low_s() {
    for _ in 0..8 {
        let signed = common::signed_review();
        let mut low = true;
        recoded(&signed, |sd| {
            let sig = p256::ecdsa::Signature::from_der(sd.signer_infos.0.get(0).expect("signer").signature.as_bytes())
                .expect("ecdsa");
            low = sig.normalize_s().is_none();
        });
        assert!(low, "a high s was written");
    }
}
