//! ZIP handling shared by packages and batches: open, vet every entry from
//! the central directory, and stream an entry with its declared size as a
//! hard limit, so a bomb costs one buffer of memory.

use std::collections::BTreeMap;
use std::io::{Read, Seek};

use zip::read::ZipFile;
use zip::{CompressionMethod, ZipArchive};

use super::error::{ArchiveError, ArchiveErrorCode as Code, Container};
use super::path;
use super::stream::CHUNK;
use super::MAX_ENTRIES;

pub(crate) fn open<R: Read + Seek>(c: Container, reader: R) -> Result<ZipArchive<R>, ArchiveError> {
    let zip = ZipArchive::new(reader).map_err(|e| {
        ArchiveError::new_in(
            c,
            Code::NotZip,
            None,
            "不是有效的 ZIP 文件（文件不完整、已损坏或不是 ZIP 格式）",
            &format!("is not a valid ZIP file ({e})"),
        )
    })?;
    if zip.has_duplicate_names() {
        return Err(ArchiveError::new_in(
            c,
            Code::DuplicateName,
            None,
            "含有重名条目",
            "has two entries with the same name",
        ));
    }
    if zip.len() > MAX_ENTRIES {
        return Err(ArchiveError::new_in(
            c,
            Code::TooManyEntries,
            None,
            &format!("有 {} 个条目，超过 {MAX_ENTRIES} 个的上限", zip.len()),
            &format!("has {} entries, more than the limit of {MAX_ENTRIES}", zip.len()),
        ));
    }
    Ok(zip)
}

/// Checks every entry's metadata; returns the regular files by name.
pub(crate) fn scan_entries<R: Read + Seek>(
    c: Container,
    zip: &mut ZipArchive<R>,
    max_total: u64,
) -> Result<BTreeMap<String, usize>, ArchiveError> {
    let mut files = BTreeMap::new();
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let entry = zip.by_index_raw(index).map_err(|e| corrupt(c, None, &e))?;
        let name = path::check_entry_name(entry.name_raw()).map_err(|why| {
            let shown = String::from_utf8_lossy(entry.name_raw()).into_owned();
            ArchiveError::new_in(
                c,
                Code::BadName,
                Some(&shown),
                &format!("文件名不可用（{}）", why.zh),
                &format!("unusable name ({})", why.en),
            )
        })?;
        let name = name.to_string();
        let refuse = |code, zh: &str, en: &str| Err(ArchiveError::new_in(c, code, Some(&name), zh, en));
        // Some writers mark links only in the Unix mode bits, whatever the
        // "made by" system says: look at both.
        let unix_link = (entry.external_attributes() >> 16) & 0o170000 == 0o120000;
        if entry.is_symlink() || unix_link {
            return refuse(Code::Symlink, "是符号链接", "is a symbolic link");
        }
        if entry.encrypted() {
            return refuse(Code::Encrypted, "已加密", "is encrypted");
        }
        if !matches!(entry.compression(), CompressionMethod::Stored | CompressionMethod::Deflated) {
            return refuse(
                Code::UnsupportedCompression,
                "使用了不支持的压缩方式（仅支持 store 与 deflate）",
                "uses an unsupported compression method (only store and deflate)",
            );
        }
        total = match total.checked_add(entry.size()) {
            Some(t) if t <= max_total => t,
            _ => {
                return Err(ArchiveError::new_in(
                    c,
                    Code::TooLarge,
                    None,
                    &format!("解压后总大小超过 {} GiB 的上限", max_total >> 30),
                    &format!("would be larger than the {} GiB limit once uncompressed", max_total >> 30),
                ))
            }
        };
        if name.ends_with('/') {
            if entry.size() != 0 {
                return refuse(Code::Corrupt, "目录条目带有数据", "is a directory entry carrying data");
            }
            continue;
        }
        files.insert(name, index);
    }
    Ok(files)
}

/// Feeds the entry's bytes to `sink`, refusing more bytes than declared.
pub(crate) fn stream_entry<R: Read>(
    c: Container,
    entry: &mut ZipFile<'_, R>,
    name: &str,
    mut sink: impl FnMut(&[u8]),
) -> Result<u64, ArchiveError> {
    let declared = entry.size();
    let mut buf = vec![0u8; CHUNK];
    let mut seen: u64 = 0;
    loop {
        let n = match entry.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(corrupt(c, Some(name), &e)),
        };
        seen += n as u64;
        if seen > declared {
            return Err(ArchiveError::new_in(
                c,
                Code::SizeMismatch,
                Some(name),
                &format!("实际大小超过声明的 {declared} 字节"),
                &format!("holds more than its declared {declared} bytes"),
            ));
        }
        sink(&buf[..n]);
    }
    if seen != declared {
        return Err(ArchiveError::new_in(
            c,
            Code::SizeMismatch,
            Some(name),
            &format!("实际大小 {seen} 字节与声明的 {declared} 字节不符"),
            &format!("holds {seen} bytes, not the declared {declared}"),
        ));
    }
    Ok(seen)
}

pub(crate) fn corrupt(c: Container, name: Option<&str>, e: &dyn std::fmt::Display) -> ArchiveError {
    ArchiveError::new_in(c, Code::Corrupt, name, "已损坏，无法读取", &format!("is corrupt and cannot be read ({e})"))
}
