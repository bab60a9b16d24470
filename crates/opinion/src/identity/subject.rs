//! The certificate subject of an expert: CN = name, O = affiliation,
//! title (2.5.4.12), serialNumber (2.5.4.5) = expert id (docs/formats.md §4: the
//! reviewer is matched to the panel by this attribute alone).

use der::asn1::{Any, ObjectIdentifier, PrintableStringRef, SetOfVec};
use der::{Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use crate::error::{ErrorCode, OpinionError, Result};

pub const OID_CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
pub const OID_SERIAL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.5");
pub const OID_O: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.10");
pub const OID_TITLE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.12");

/// RFC 5280 upper bounds: longer values make certificates other tools refuse.
const MAX_NAME: usize = 64;
const MAX_ORG: usize = 64;
const MAX_TITLE: usize = 64;
const MAX_SERIAL: usize = 64;

/// What the subject of a certificate says about its holder. Every field is
/// optional because a CA-issued certificate may lack any of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubjectInfo {
    pub expert_id: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    pub affiliation: Option<String>,
}

/// Builds the subject, refusing empty or over-long values with a message.
pub fn build_name(expert_id: &str, name: &str, title: &str, affiliation: &str) -> Result<Name> {
    let fields = [
        (OID_O, affiliation, MAX_ORG, "单位", "affiliation"),
        (OID_TITLE, title, MAX_TITLE, "职称", "title"),
        (OID_CN, name, MAX_NAME, "姓名", "name"),
        (OID_SERIAL_NUMBER, expert_id, MAX_SERIAL, "专家编号", "expert id"),
    ];
    let mut rdns = Vec::new();
    for (oid, value, max, zh, en) in fields {
        let value = value.trim();
        if value.is_empty() {
            return Err(OpinionError::new(
                ErrorCode::InvalidInput,
                format!("{zh}不能为空，请填写后重试"),
                format!("the {en} must not be empty; fill it in and try again"),
            ));
        }
        if value.chars().count() > max || value.chars().any(char::is_control) {
            return Err(OpinionError::new(
                ErrorCode::InvalidInput,
                format!("{zh}过长（最多 {max} 个字符）或含控制字符，请修改后重试"),
                format!("the {en} is longer than {max} characters or has control characters; shorten it"),
            ));
        }
        rdns.push(rdn(oid, value)?);
    }
    Ok(RdnSequence(rdns))
}

fn rdn(oid: ObjectIdentifier, value: &str) -> Result<RelativeDistinguishedName> {
    // serialNumber is a PrintableString in RFC 5280; ids with other characters
    // (underscore, CJK) fall back to UTF8String, which DirectoryString allows.
    let tag = if oid == OID_SERIAL_NUMBER && PrintableStringRef::new(value).is_ok() {
        Tag::PrintableString
    } else {
        Tag::Utf8String
    };
    let value = Any::new(tag, value.as_bytes()).map_err(|e| OpinionError::internal("subject", e))?;
    let mut set = SetOfVec::new();
    set.insert(AttributeTypeAndValue { oid, value }).map_err(|e| OpinionError::internal("subject", e))?;
    Ok(RelativeDistinguishedName(set))
}

/// Reads the four attributes back; the first occurrence of each wins.
pub fn parse_name(name: &Name) -> SubjectInfo {
    let mut info = SubjectInfo::default();
    for atv in name.0.iter().flat_map(|rdn| rdn.0.iter()) {
        let slot = match atv.oid {
            OID_CN => &mut info.name,
            OID_SERIAL_NUMBER => &mut info.expert_id,
            OID_O => &mut info.affiliation,
            OID_TITLE => &mut info.title,
            _ => continue,
        };
        if slot.is_none() {
            *slot = directory_string(&atv.value);
        }
    }
    info
}

/// A DirectoryString value as text, whichever string type the issuer chose.
fn directory_string(value: &Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            String::from_utf8(bytes.to_vec()).ok()
        }
        // TeletexString is in practice Latin-1.
        Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString if bytes.len().is_multiple_of(2) => {
            let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_cjk_and_non_printable_id() {
        let name = build_name("expert_01", "张三", "教授", "聊城大学").expect("name");
        let info = parse_name(&name);
        assert_eq!(info.expert_id.as_deref(), Some("expert_01"));
        assert_eq!(info.name.as_deref(), Some("张三"));
        assert_eq!(info.title.as_deref(), Some("教授"));
        assert_eq!(info.affiliation.as_deref(), Some("聊城大学"));
    }

    #[test]
    fn empty_field_is_refused() {
        let e = build_name("E1", " ", "t", "a").expect_err("empty name");
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.message.zh.contains("姓名") && e.message.en.contains("name"));
    }
}
