//! The inner ZIP of a backup: `backup.json` (the manifest: each file's
//! relative path, size and SHA-256) and every file under `data/`. Written
//! from the data folder; on restore read twice from the authenticated
//! plaintext: every entry hashed against the manifest, then written out.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

use paneldesk_core::package::{path::check_entry_name, sha256_hex};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::format::damaged;
use crate::error::{ApiError, ErrorCode, Result};

/// The manifest's name in the inner ZIP.
pub const MANIFEST: &str = "backup.json";
/// The manifest's `format`.
pub const FORMAT: &str = "paneldesk-backup/1";
/// Entries holding the data folder's files start with this.
const DATA: &str = "data/";
/// One backup holds at most this much (it is built and encrypted in memory).
pub const MAX_TOTAL: u64 = 2 << 30;
const MAX_FILES: usize = 100_000;

/// `backup.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// When the backup was made (RFC 3339).
    pub created_at: String,
    /// The app version that made it.
    pub app_version: String,
    /// Every file, the database snapshot first.
    pub files: Vec<FileEntry>,
}

/// One file of the data folder.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileEntry {
    /// Relative to the data folder, `/`-separated.
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

/// Writes the inner ZIP from `(relative path, file on disk)` pairs.
pub fn build(files: &[(String, PathBuf)]) -> Result<(Vec<u8>, Manifest)> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let mut entries = Vec::with_capacity(files.len());
    let mut total: u64 = 0;
    for (rel, disk) in files {
        let bytes = crate::data::read_file(disk, MAX_TOTAL, "数据目录中的文件 / a file of the data folder")?;
        total += bytes.len() as u64;
        if total > MAX_TOTAL {
            return Err(too_large());
        }
        // PDFs, ZIPs and photos are compressed already.
        let packed = [".pdf", ".zip", ".jpg", ".jpeg", ".png"].iter().any(|e| rel.to_ascii_lowercase().ends_with(e));
        let method = if packed { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o600)
            .large_file(bytes.len() as u64 >= u32::MAX as u64);
        zip.start_file(format!("{DATA}{rel}"), options).map_err(zip_error)?;
        zip.write_all(&bytes).map_err(|e| zip_error(e.into()))?;
        entries.push(FileEntry { path: rel.clone(), size: bytes.len() as u64, sha256: sha256_hex(&bytes) });
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        created_at: chrono::Local::now().fixed_offset().to_rfc3339(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        files: entries,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(ApiError::stopped)?;
    zip.start_file(MANIFEST, SimpleFileOptions::default().last_modified_time(zip::DateTime::default()))
        .map_err(zip_error)?;
    zip.write_all(&json).map_err(|e| zip_error(e.into()))?;
    Ok((zip.finish().map_err(zip_error)?.into_inner(), manifest))
}

pub(super) fn too_large() -> ApiError {
    ApiError::refused(
        ErrorCode::BackupTooLarge,
        format!("数据目录超过 {} GiB，无法写入一个备份文件。请直接复制整个数据目录", MAX_TOTAL >> 30),
        format!(
            "the data folder is larger than {} GiB, too large for one backup file. Copy the whole folder instead",
            MAX_TOTAL >> 30
        ),
    )
}

fn zip_error(e: zip::result::ZipError) -> ApiError {
    ApiError::unusable(
        ErrorCode::Io,
        "无法生成备份内容。请检查磁盘空间后重试".to_string(),
        format!("cannot build the backup's contents: {e}. Check the disk space and retry"),
    )
}

/// Reads and checks the manifest, then hashes every listed entry against
/// it: anything missing, unlisted, of another size or hash, or named as
/// anything but a plain relative path is refused. Nothing is written.
pub fn verify(inner: &[u8]) -> Result<Manifest> {
    let mut zip = ZipArchive::new(Cursor::new(inner))
        .map_err(|e| damaged("内容不是有效的 ZIP", &format!("its contents are not a valid ZIP ({e})")))?;
    if zip.len() > MAX_FILES + 1 {
        return Err(damaged("条目过多", "it has too many entries"));
    }
    let manifest = read_manifest(&mut zip)?;
    let mut listed = std::collections::BTreeSet::new();
    for f in &manifest.files {
        let plain = check_entry_name(f.path.as_bytes()).is_ok() && !f.path.ends_with('/');
        if !plain {
            return Err(bad_name(&f.path));
        }
        if !listed.insert(f.path.as_str()) {
            return Err(damaged(&format!("文件 {} 列出了两次", f.path), &format!("{} is listed twice", f.path)));
        }
    }
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e.to_string(), &e.to_string()))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let unix_link = (entry.external_attributes() >> 16) & 0o170000 == 0o120000;
        if entry.is_symlink() || unix_link || entry.encrypted() {
            return Err(bad_name(&name));
        }
        if name != MANIFEST && !name.strip_prefix(DATA).is_some_and(|p| listed.contains(p)) {
            return Err(damaged(
                &format!("含有清单未列出的条目 {name}"),
                &format!("it holds {name}, which the manifest does not list"),
            ));
        }
    }
    for f in &manifest.files {
        let (size, sha) = hash_entry(&mut zip, f)?;
        if size != f.size || sha != f.sha256 {
            return Err(mismatch(&f.path));
        }
    }
    Ok(manifest)
}

fn mismatch(path: &str) -> ApiError {
    damaged(
        &format!("文件 {path} 与清单记录的大小或 SHA-256 不符"),
        &format!("{path} differs from the size or SHA-256 in its manifest"),
    )
}

fn bad_name(name: &str) -> ApiError {
    damaged(
        &format!("条目 {name} 不是普通的相对路径文件（绝对路径、..、链接或加密条目）"),
        &format!("the entry {name} is not a plain relative file (absolute, .., a link or encrypted)"),
    )
}

fn read_manifest(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Result<Manifest> {
    let missing = || damaged("缺少 backup.json 清单", "its backup.json manifest is missing");
    let mut entry = zip.by_name(MANIFEST).map_err(|_| missing())?;
    let mut json = Vec::new();
    entry.by_ref().take(64 << 20).read_to_end(&mut json).map_err(|e| damaged(&e.to_string(), &e.to_string()))?;
    let m: Manifest = serde_json::from_slice(&json).map_err(|e| {
        damaged(
            &format!("清单无法读取（{}）", paneldesk_core::reason::json_zh(&e)),
            &format!("its manifest cannot be read ({e})"),
        )
    })?;
    if m.format != FORMAT {
        return Err(damaged(
            &format!("清单格式 “{}” 不受支持", m.format),
            &format!("manifest format \"{}\" is not supported", m.format),
        ));
    }
    if m.files.len() > MAX_FILES
        || m.files.iter().map(|f| f.size).try_fold(0u64, u64::checked_add).is_none_or(|t| t > MAX_TOTAL)
    {
        return Err(damaged("清单列出的文件过多或过大", "its manifest lists too many or too large files"));
    }
    Ok(m)
}

/// Size and SHA-256 of a listed entry, reading at most one byte past its
/// listed size.
fn hash_entry(zip: &mut ZipArchive<Cursor<&[u8]>>, f: &FileEntry) -> Result<(u64, String)> {
    let missing = || damaged(&format!("缺少文件 {}", f.path), &format!("{} is missing", f.path));
    let entry = zip.by_name(&format!("{DATA}{}", f.path)).map_err(|_| missing())?;
    let (sha, size) = paneldesk_core::package::sha256_reader(entry.take(f.size + 1)).map_err(|e| {
        damaged(
            &format!("文件 {} 无法读取（{}）", f.path, paneldesk_core::reason::io_zh(&e)),
            &format!("{} cannot be read ({e})", f.path),
        )
    })?;
    Ok((size, sha))
}

/// Writes every listed file under `root` (a fresh folder), each hashed
/// again as it is written. Paths come from the checked manifest, never from
/// the entry names.
pub fn extract(inner: &[u8], manifest: &Manifest, root: &Path) -> Result<()> {
    let mut zip = ZipArchive::new(Cursor::new(inner)).map_err(|e| damaged(&e.to_string(), &e.to_string()))?;
    for f in &manifest.files {
        let dest = f.path.split('/').fold(root.to_path_buf(), |p, part| p.join(part));
        let io = |e: std::io::Error| {
            ApiError::unusable(
                ErrorCode::Io,
                format!("无法写入 {}：{}。请检查磁盘空间和权限", dest.display(), paneldesk_core::reason::io_zh(&e)),
                format!("cannot write {}: {e}. Check the disk space and permissions", dest.display()),
            )
        };
        if let Some(dir) = dest.parent() {
            paneldesk_store::files::private_dir(dir).map_err(io)?;
        }
        let mut entry =
            zip.by_name(&format!("{DATA}{}", f.path)).map_err(|e| damaged(&e.to_string(), &e.to_string()))?;
        let mut new = std::fs::OpenOptions::new();
        new.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut new, 0o600);
        let mut out = new.open(&dest).map_err(io)?;
        let mut hasher = Sha256::new();
        let mut buf = vec![0u8; 64 * 1024];
        let mut seen = 0u64;
        loop {
            let n = entry.read(&mut buf).map_err(io)?;
            if n == 0 {
                break;
            }
            seen += n as u64;
            if seen > f.size {
                return Err(mismatch(&f.path));
            }
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(io)?;
        }
        out.sync_all().map_err(io)?;
        let sha: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
        if seen != f.size || sha != f.sha256 {
            return Err(mismatch(&f.path));
        }
    }
    Ok(())
}
