//! Reads a batch ZIP (docs/formats.md §3) without extracting it: batch.json, then
//! every package hashed against the batch and checked as `check` does.

use std::collections::HashSet;
use std::io::{BufReader, Cursor, Read, Seek};
use std::path::Path;

use sha2::{Digest, Sha256};
use zip::{CompressionMethod, ZipArchive};

use super::{Batch, BatchPackage, BATCH_JSON, BATCH_SIGNATURE};
use crate::package::archive;
use crate::package::{read_package, sha256_reader, ArchiveError, ArchiveErrorCode as Code, Container, Package};
use crate::rules::{review, FormalReview};

const BATCH: Container = Container::Batch;
/// A batch holds many packages; 4 GiB declared in all bounds the disk an
/// import may fill (docs/formats.md).
const MAX_BATCH_TOTAL: u64 = 4 << 30;
const MAX_BATCH_JSON: u64 = 16 << 20;
/// A CMS with one certificate is a few kilobytes; a chain, tens.
const MAX_SIGNATURE: u64 = 256 << 10;
/// A package stored deflated inside the batch is inflated into memory to be
/// read; stored ones (the norm: ZIPs do not compress) are read in place.
const MAX_DEFLATED_PACKAGE: u64 = 512 << 20;

#[derive(Clone, Debug, PartialEq)]
pub struct CheckedPackage {
    pub entry: BatchPackage,
    pub package: Package,
    pub review: FormalReview,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BatchContents {
    pub batch: Batch,
    /// The exact bytes of batch.json, which the organiser's signature covers.
    pub batch_json: Vec<u8>,
    /// batch.json.p7s when the batch is signed (formats.md §6).
    pub signature: Option<Vec<u8>>,
    /// In the order of `batch.packages`.
    pub packages: Vec<CheckedPackage>,
}

/// batch.json and its signature, read without touching the packages: what
/// the user is asked to trust before the long check begins.
#[derive(Clone, Debug, PartialEq)]
pub struct BatchHead {
    pub batch: Batch,
    pub batch_json: Vec<u8>,
    pub signature: Option<Vec<u8>>,
}

/// Reads only batch.json and batch.json.p7s of a batch file.
pub fn read_batch_head(path: &Path) -> Result<BatchHead, ArchiveError> {
    let file = crate::package::reader::open_regular(path)?;
    let mut zip = archive::open(BATCH, BufReader::new(file))?;
    let files = archive::scan_entries(BATCH, &mut zip, MAX_BATCH_TOTAL)?;
    head(&mut zip, &files)
}

fn head<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    files: &std::collections::BTreeMap<String, usize>,
) -> Result<BatchHead, ArchiveError> {
    if !files.contains_key(BATCH_JSON) && files.contains_key(crate::package::MANIFEST_NAME) {
        return Err(ArchiveError::with_message(
            Code::MissingManifest,
            crate::text::Msg::new(
                "这是一个申报材料包（含 manifest.json），不是评审批次。评审批次由市科技局签发，内含专家组名单、评分细则和全部材料包，请打开市科技局发来的评审批次文件；单个材料包的形式审查可用 paneldesk-cli check 查看",
                "this is an application package (it holds manifest.json), not a batch. A batch is issued by the bureau with the panel, the rubric and every package: open the batch file the bureau sent. A single package's formal review: paneldesk-cli check",
            ),
        ));
    }
    let batch_index = *files.get(BATCH_JSON).ok_or_else(|| {
        ArchiveError::new_in(
            BATCH,
            Code::MissingManifest,
            None,
            "根目录下没有 batch.json",
            "has no batch.json at its root",
        )
    })?;
    let batch_json = read_small(zip, batch_index, BATCH_JSON, MAX_BATCH_JSON)?;
    let batch = Batch::from_json(&batch_json).map_err(|m| ArchiveError::with_message(Code::InvalidBatch, m))?;
    let signature = match files.get(BATCH_SIGNATURE) {
        Some(&i) => Some(read_small(zip, i, BATCH_SIGNATURE, MAX_SIGNATURE)?),
        None => None,
    };
    Ok(BatchHead { batch, batch_json, signature })
}

/// How far a batch check has come, for a progress bar.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    pub done: usize,
    pub total: usize,
    pub package_id: &'a str,
}

/// Reads a batch file; also returns the SHA-256 of the whole file.
pub fn read_batch_file(path: &Path, progress: impl FnMut(Progress)) -> Result<(BatchContents, String), ArchiveError> {
    let open = || crate::package::reader::open_regular(path);
    let (hash, _) = sha256_reader(open()?).map_err(|e| ArchiveError::io(path, &e))?;
    Ok((read_batch(BufReader::new(open()?), progress)?, hash))
}

pub fn read_batch<R: Read + Seek>(
    reader: R,
    mut progress: impl FnMut(Progress),
) -> Result<BatchContents, ArchiveError> {
    let mut zip = archive::open(BATCH, reader)?;
    let files = archive::scan_entries(BATCH, &mut zip, MAX_BATCH_TOTAL)?;
    let BatchHead { batch, batch_json, signature } = head(&mut zip, &files)?;

    let listed: HashSet<&str> = batch.packages.iter().map(|p| p.file.as_str()).collect();
    if let Some(stray) =
        files.keys().find(|n| *n != BATCH_JSON && *n != BATCH_SIGNATURE && !listed.contains(n.as_str()))
    {
        return Err(ArchiveError::new_in(
            BATCH,
            Code::Unlisted,
            Some(stray),
            "未在 batch.json 中列出",
            "is not listed in batch.json",
        ));
    }
    let total = batch.packages.len();
    let mut packages = Vec::with_capacity(total);
    for (done, entry) in batch.packages.iter().enumerate() {
        progress(Progress { done, total, package_id: &entry.id });
        let index = *files.get(&entry.file).ok_or_else(|| {
            ArchiveError::new_in(
                BATCH,
                Code::MissingDocument,
                Some(&entry.file),
                "在 batch.json 中列出，但批次中没有该文件",
                "is listed in batch.json but missing from the batch",
            )
        })?;
        packages.push(check_package(&mut zip, index, entry, &batch)?);
    }
    progress(Progress { done: total, total, package_id: "" });
    Ok(BatchContents { batch, batch_json, signature, packages })
}

fn read_small<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: usize,
    name: &str,
    max: u64,
) -> Result<Vec<u8>, ArchiveError> {
    let mut entry = zip.by_index(index).map_err(|e| archive::corrupt(BATCH, Some(name), &e))?;
    if entry.size() > max {
        let mib = max >> 10;
        return Err(ArchiveError::new_in(
            BATCH,
            Code::TooLarge,
            Some(name),
            &format!("超过 {mib} KiB，不是正常的批次文件"),
            &format!("is larger than {mib} KiB, not a plausible batch file"),
        ));
    }
    let mut bytes = Vec::new();
    archive::stream_entry(BATCH, &mut entry, name, |c| bytes.extend_from_slice(c))?;
    Ok(bytes)
}

fn check_package<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: usize,
    entry: &BatchPackage,
    batch: &Batch,
) -> Result<CheckedPackage, ArchiveError> {
    let name = entry.file.as_str();
    let refuse = |code, zh: String, en: String| Err(ArchiveError::new_in(BATCH, code, Some(name), &zh, &en));

    let mut hasher = Sha256::new();
    {
        let mut file = zip.by_index(index).map_err(|e| archive::corrupt(BATCH, Some(name), &e))?;
        archive::stream_entry(BATCH, &mut file, name, |c| hasher.update(c))?;
    }
    let hash = crate::package::stream::hex(&hasher.finalize());
    if hash != entry.sha256 {
        return refuse(
            Code::HashMismatch,
            format!("SHA-256 为 {hash}，与 batch.json 所列 {} 不符", entry.sha256),
            format!("has SHA-256 {hash}, not {} as batch.json lists", entry.sha256),
        );
    }

    let package = read_inner_package(zip, index, name).map_err(|e| {
        ArchiveError::with_message(
            Code::PackageRefused,
            crate::Msg::new(
                format!("评审批次中的材料包 {}：{}", entry.id, e.message.zh),
                format!("package {} of the batch: {}", entry.id, e.message.en),
            ),
        )
    })?;
    let m = &package.manifest;
    if m.id != entry.id {
        return refuse(
            Code::InvalidBatch,
            format!("材料包的 id 为 “{}”，与 batch.json 所列 “{}” 不符", m.id, entry.id),
            format!("the package's id is \"{}\", not \"{}\" as batch.json lists", m.id, entry.id),
        );
    }
    if m.kind != batch.kind {
        return refuse(
            Code::InvalidBatch,
            format!("材料包类型为 {}，与批次类型 {} 不符", m.kind.as_str(), batch.kind.as_str()),
            format!("the package's kind is {}, the batch's is {}", m.kind.as_str(), batch.kind.as_str()),
        );
    }
    let review = review(m);
    Ok(CheckedPackage { entry: entry.clone(), package, review })
}

fn read_inner_package<R: Read + Seek>(
    zip: &mut ZipArchive<R>,
    index: usize,
    name: &str,
) -> Result<Package, ArchiveError> {
    let (method, size) = {
        let f = zip.by_index_raw(index).map_err(|e| archive::corrupt(BATCH, Some(name), &e))?;
        (f.compression(), f.size())
    };
    if method == CompressionMethod::Stored {
        let inner = zip.by_index_seek(index).map_err(|e| archive::corrupt(BATCH, Some(name), &e))?;
        return read_package(inner);
    }
    if size > MAX_DEFLATED_PACKAGE {
        return Err(ArchiveError::new_in(
            BATCH,
            Code::TooLarge,
            Some(name),
            "是超过 512 MiB 的压缩条目；请以不压缩（store）方式放入批次",
            "is a compressed entry over 512 MiB; store packages uncompressed in the batch",
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    let mut file = zip.by_index(index).map_err(|e| archive::corrupt(BATCH, Some(name), &e))?;
    archive::stream_entry(BATCH, &mut file, name, |c| bytes.extend_from_slice(c))?;
    read_package(Cursor::new(bytes))
}

/// Streams the package stored as `file` in a batch into `out` (bounded by
/// its declared size) and returns its SHA-256, for copying into the store.
pub fn copy_package<R: Read + Seek, W: std::io::Write>(
    reader: R,
    file: &str,
    mut out: W,
) -> Result<String, ArchiveError> {
    let mut zip = archive::open(BATCH, reader)?;
    let index = zip.index_for_name(file).ok_or_else(|| {
        ArchiveError::new_in(BATCH, Code::MissingDocument, Some(file), "不在批次中", "is not in the batch")
    })?;
    let mut entry = zip.by_index(index).map_err(|e| archive::corrupt(BATCH, Some(file), &e))?;
    let mut hasher = Sha256::new();
    let mut failed: Option<std::io::Error> = None;
    archive::stream_entry(BATCH, &mut entry, file, |c| {
        hasher.update(c);
        if failed.is_none() {
            failed = out.write_all(c).err();
        }
    })?;
    if let Some(e) = failed {
        return Err(ArchiveError::new_in(
            BATCH,
            Code::Io,
            Some(file),
            &format!("无法写出（{}）", crate::reason::io_zh(&e)),
            &format!("cannot be written out ({e})"),
        ));
    }
    Ok(crate::package::stream::hex(&hasher.finalize()))
}
