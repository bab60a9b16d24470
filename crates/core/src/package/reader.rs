//! Reads a package without extracting anything: every entry is vetted from
//! the central directory first, then each listed one hashed as it streams.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use super::archive;
use super::error::{ArchiveError, ArchiveErrorCode as Code, Container};
use super::stream::{hex, sha256_reader};
use super::{MANIFEST_NAME, MAX_MANIFEST_BYTES, MAX_TOTAL_UNCOMPRESSED};

const PKG: Container = Container::Package;
use crate::manifest::Manifest;

/// A package that passed every check of docs/formats.md §1.
#[derive(Clone, Debug, PartialEq)]
pub struct Package {
    pub manifest: Manifest,
    /// The listed documents as found, in manifest order.
    pub entries: Vec<PackageEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageEntry {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// Reads a package file; also returns the SHA-256 of the whole file, which
/// batches and reviews refer to.
/// Opens a file the user named, refusing anything but a regular file (a
/// device such as /dev/zero, a FIFO, a folder), checked on the open handle.
pub fn open_regular(path: &Path) -> Result<File, ArchiveError> {
    let file = File::open(path).map_err(|e| ArchiveError::io(path, &e))?;
    match file.metadata() {
        Ok(m) if m.is_file() => Ok(file),
        Ok(_) => Err(ArchiveError::io(path, &std::io::Error::other("不是普通文件 / not a regular file"))),
        Err(e) => Err(ArchiveError::io(path, &e)),
    }
}

pub fn read_package_file(file: &Path) -> Result<(Package, String), ArchiveError> {
    let open = || open_regular(file);
    let (file_hash, _) = sha256_reader(open()?).map_err(|e| ArchiveError::io(file, &e))?;
    let package = read_package(BufReader::new(open()?))?;
    Ok((package, file_hash))
}

pub fn read_package<R: Read + Seek>(reader: R) -> Result<Package, ArchiveError> {
    let mut zip = archive::open(PKG, reader)?;
    let files = archive::scan_entries(PKG, &mut zip, MAX_TOTAL_UNCOMPRESSED)?;

    if !files.contains_key(MANIFEST_NAME) && files.contains_key(crate::batch::BATCH_JSON) {
        return Err(ArchiveError::with_message(
            Code::MissingManifest,
            crate::text::Msg::new(
                "这是一个评审批次（含 batch.json），不是单个申报材料包。请用 paneldesk-cli batch check 检查整个批次，或在窗口中用“打开评审批次文件”打开",
                "this is a batch (it holds batch.json), not a single package. Check it with paneldesk-cli batch check, or open it in the window with Open batch file",
            ),
        ));
    }
    let manifest_index = files.get(MANIFEST_NAME).ok_or_else(|| {
        ArchiveError::new(Code::MissingManifest, None, "根目录下没有 manifest.json", "has no manifest.json at its root")
    })?;
    let manifest = read_manifest(&mut zip, *manifest_index)?;

    let listed: HashSet<&str> = manifest.documents.iter().map(|d| d.path.as_str()).collect();
    if let Some(stray) = files.keys().find(|n| *n != MANIFEST_NAME && !listed.contains(n.as_str())) {
        return Err(ArchiveError::new(
            Code::Unlisted,
            Some(stray),
            "未在 manifest.json 中列出",
            "is not listed in manifest.json",
        ));
    }
    let mut entries = Vec::with_capacity(manifest.documents.len());
    for doc in &manifest.documents {
        let Some(&index) = files.get(&doc.path) else {
            return Err(ArchiveError::new(
                Code::MissingDocument,
                Some(&doc.path),
                "在 manifest.json 中列出，但材料包中没有该文件",
                "is listed in manifest.json but missing from the package",
            ));
        };
        let (size, sha256) = hash_entry(&mut zip, index, &doc.path)?;
        if sha256 != doc.sha256 {
            return Err(ArchiveError::new(
                Code::HashMismatch,
                Some(&doc.path),
                &format!("SHA-256 为 {sha256}，与 manifest.json 所列 {} 不符", doc.sha256),
                &format!("has SHA-256 {sha256}, not {} as manifest.json lists", doc.sha256),
            ));
        }
        entries.push(PackageEntry { path: doc.path.clone(), size, sha256 });
    }
    Ok(Package { manifest, entries })
}

fn read_manifest<R: Read + Seek>(zip: &mut ZipArchive<R>, index: usize) -> Result<Manifest, ArchiveError> {
    let mut entry = zip.by_index(index).map_err(|e| archive::corrupt(PKG, Some(MANIFEST_NAME), &e))?;
    if entry.size() > MAX_MANIFEST_BYTES {
        return Err(ArchiveError::new(
            Code::TooLarge,
            Some(MANIFEST_NAME),
            "超过 4 MiB，不是正常的清单文件",
            "is larger than 4 MiB, not a plausible manifest",
        ));
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    archive::stream_entry(PKG, &mut entry, MANIFEST_NAME, |chunk| bytes.extend_from_slice(chunk))?;
    Manifest::from_json(&bytes).map_err(|m| ArchiveError::with_message(Code::InvalidManifest, m))
}

fn hash_entry<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: usize,
    name: &str,
) -> Result<(u64, String), ArchiveError> {
    let mut entry = zip.by_index(index).map_err(|e| archive::corrupt(PKG, Some(name), &e))?;
    let mut hasher = Sha256::new();
    let size = archive::stream_entry(PKG, &mut entry, name, |chunk| hasher.update(chunk))?;
    Ok((size, hex(&hasher.finalize())))
}
