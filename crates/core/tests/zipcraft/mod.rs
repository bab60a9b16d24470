//! Crafting ZIPs no honest writer makes: byte patches on real archives.
#![allow(dead_code)] // each test file uses only some of these

use std::io::Cursor;

use paneldesk_core::package::builder::write_entries;

pub fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    write_entries(Cursor::new(Vec::new()), entries.iter().copied()).expect("zip").into_inner()
}

/// Replaces every occurrence of `from` (same length as `to`): a name
/// appears once in its local header and once in the central directory.
pub fn replace_all(mut bytes: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let mut i = 0;
    let mut hits = 0;
    while i + from.len() <= bytes.len() {
        if &bytes[i..i + from.len()] == from {
            bytes[i..i + from.len()].copy_from_slice(to);
            hits += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    assert!(hits >= 2, "name found {hits} times");
    bytes
}

/// Sets the declared uncompressed size of entry `name` in both headers.
pub fn patch_declared_size(bytes: Vec<u8>, name: &[u8], size: u32) -> Vec<u8> {
    patch_field(bytes, name, (22, 24), &size.to_le_bytes())
}

/// Sets bit 0 of the general purpose flags (encrypted) in both headers.
pub fn mark_encrypted(bytes: Vec<u8>, name: &[u8]) -> Vec<u8> {
    patch_field(bytes, name, (6, 8), &1u16.to_le_bytes())
}

/// Writes `value` at a field's offset in the local and central headers of
/// entry `name` (offsets from APPNOTE 4.3.7 and 4.3.12).
fn patch_field(mut bytes: Vec<u8>, name: &[u8], (local, central): (usize, usize), value: &[u8]) -> Vec<u8> {
    let le16 = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        // (field offset, offset of the name length, header length)
        let (field, len_at, header) = match &bytes[at..at + 4] {
            [0x50, 0x4b, 0x03, 0x04] => (local, 26, 30),
            [0x50, 0x4b, 0x01, 0x02] => (central, 28, 46),
            _ => continue,
        };
        let len = le16(&bytes, at + len_at);
        if bytes.get(at + header..at + header + len) == Some(name) {
            bytes[at + field..at + field + value.len()].copy_from_slice(value);
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "local and central headers");
    bytes
}
