//! Site-visit photos: copied into the data folder under their SHA-256
//! (`photos/<sha256>.img`), read back only by that id and only while the
//! bytes still hash to it.

use std::io::Read;
use std::path::{Path, PathBuf};

use paneldesk_core::package::sha256_hex;
use serde::Serialize;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// The folder under the data folder that holds the photos.
pub const PHOTOS_DIR: &str = "photos";
/// Largest photo accepted.
pub const MAX_PHOTO_BYTES: u64 = 50 << 20;

/// A photo kept in the data folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct PhotoDto {
    /// Its SHA-256, which is its id.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u32,
}

/// Where the photos of this data folder are kept.
pub fn photos_dir(store: &Store) -> PathBuf {
    store.dir().join(PHOTOS_DIR)
}

/// Copies a JPEG or PNG of at most 50 MiB into `dir` under its SHA-256.
/// Takes the folder, not the store, so a large copy holds no lock.
pub fn add_photo(dir: &Path, src: &Path) -> Result<PhotoDto> {
    let unreadable = |e: std::io::Error| {
        ApiError::unusable(
            ErrorCode::PhotoUnreadable,
            format!("无法读取照片 {}：{}。请选择 JPEG 或 PNG 照片", src.display(), paneldesk_core::reason::io_zh(&e)),
            format!("cannot read the photo {}: {e}. Choose a JPEG or PNG photo", src.display()),
        )
    };
    let file = std::fs::File::open(src).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_PHOTO_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    let is_image = bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    if bytes.len() as u64 > MAX_PHOTO_BYTES || !is_image {
        return Err(ApiError::refused(
            ErrorCode::PhotoInvalid,
            format!("{} 不是 50 MiB 以内的 JPEG 或 PNG 照片。请另选照片", src.display()),
            format!("{} is not a JPEG or PNG photo of at most 50 MiB. Choose another photo", src.display()),
        ));
    }
    let sha256 = sha256_hex(&bytes);
    let target = dir.join(format!("{sha256}.img"));
    if !target.exists() {
        let io = |e: std::io::Error| {
            ApiError::unusable(
                ErrorCode::Io,
                format!("无法把照片存入数据目录：{}。请检查磁盘空间和权限", paneldesk_core::reason::io_zh(&e)),
                format!("cannot store the photo in the data folder: {e}. Check disk space and permissions"),
            )
        };
        paneldesk_store::files::private_dir(dir).map_err(io)?;
        // Written aside then renamed: a crash never leaves half a photo under its hash.
        paneldesk_store::files::write_atomically(&target, &bytes).map_err(|e| {
            ApiError::unusable(
                ErrorCode::Io,
                format!("无法把照片存入数据目录：{}。请检查磁盘空间和权限", e.message.zh),
                format!(
                    "cannot store the photo in the data folder: {}. Check disk space and permissions",
                    e.message.en
                ),
            )
        })?;
    }
    Ok(PhotoDto { sha256, size: u32::try_from(bytes.len()).unwrap_or(u32::MAX) })
}

/// The photo's bytes, by id, checked against it.
pub fn read_photo(dir: &Path, sha256: &str) -> Result<Vec<u8>> {
    if !paneldesk_core::manifest::is_sha256_hex(sha256) {
        return Err(bad_id(sha256));
    }
    let bytes = std::fs::read(dir.join(format!("{sha256}.img"))).map_err(|e| {
        ApiError::unusable(
            ErrorCode::PhotoMissing,
            format!("数据目录中找不到该照片（{}）。请重新添加", paneldesk_core::reason::io_zh(&e)),
            format!("the photo is not in the data folder ({e}). Add it again"),
        )
    })?;
    if sha256_hex(&bytes) != sha256 {
        return Err(ApiError::unusable(
            ErrorCode::PhotoDamaged,
            "照片文件已被改动。请重新添加",
            "the photo file was changed. Add it again",
        ));
    }
    Ok(bytes)
}

pub(super) fn bad_id(id: &str) -> ApiError {
    let shown: String = id.chars().take(80).filter(|c| !c.is_control()).collect();
    ApiError::refused(
        ErrorCode::BadPhotoId,
        format!("照片编号 “{shown}” 无效（应为 64 位小写十六进制）。请重新添加照片"),
        format!("\"{shown}\" is not a photo id (64 lowercase hex digits). Add the photo again"),
    )
}
