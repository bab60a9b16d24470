//! Where the chair's review files come from: a folder's regular files, or a
//! ZIP of them (`export-signed --out FILE.zip`). A ZIP's entries are written
//! to a staging folder inside the data folder under numbered names: an
//! entry's name is only ever shown and recorded, never used as a path.
//! Each entry is bounded as a review file is; links, encrypted entries and
//! unsupported compression are listed as rejected with their reason.

use std::io::Read;
use std::path::{Path, PathBuf};

use paneldesk_core::Msg;
use zip::{CompressionMethod, ZipArchive};

use super::{ApiError, ErrorCode, Rejection, Result};

/// A review is a few hundred kilobytes (the folder import's bound too).
const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most a ZIP of reviews may unpack to on disk.
const MAX_TOTAL_BYTES: u64 = 4 << 30;

/// The files to import, each with the name it is reported by; the staging
/// folders live as long as this does.
#[derive(Default)]
pub struct ReviewSources {
    /// (name, file on disk), in the order found.
    pub files: Vec<(String, PathBuf)>,
    /// ZIP entries refused before verification.
    pub rejected: Vec<Rejection>,
    staging: Vec<tempfile::TempDir>,
}

impl ReviewSources {
    /// Adds a folder's regular files, a ZIP's entries, or one file.
    pub fn add(&mut self, path: &Path, staging_in: &Path) -> Result<()> {
        if path.is_dir() {
            for f in super::files_in_folder(path)? {
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                self.files.push((name, f));
            }
        } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
            self.add_zip(path, staging_in)?;
        } else {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            self.files.push((name, path.to_path_buf()));
        }
        Ok(())
    }

    fn add_zip(&mut self, path: &Path, staging_in: &Path) -> Result<()> {
        let unusable = |zh: String, en: String| {
            ApiError::unusable(
                ErrorCode::UnreadableFolder,
                format!("无法读取评审意见 ZIP {}：{zh}", path.display()),
                format!("cannot read the ZIP of reviews {}: {en}", path.display()),
            )
        };
        let file = std::fs::File::open(path).map_err(|e| unusable(e.to_string(), e.to_string()))?;
        if !file.metadata().map(|m| m.is_file()).unwrap_or(false) {
            return Err(unusable("不是普通文件".into(), "not a regular file".into()));
        }
        let mut zip = ZipArchive::new(std::io::BufReader::new(file))
            .map_err(|e| unusable("不是有效的 ZIP".to_string(), format!("not a valid ZIP ({e})")))?;
        if zip.len() > paneldesk_core::package::MAX_ENTRIES {
            return Err(unusable("条目过多".into(), "too many entries".into()));
        }
        let staging = tempfile::Builder::new().prefix(".paneldesk-reviews-").tempdir_in(staging_in).map_err(|e| {
            ApiError::unusable(
                ErrorCode::Io,
                format!("无法在数据目录中建立临时文件夹：{}", paneldesk_core::reason::io_zh(&e)),
                format!("cannot make a staging folder in the data folder: {e}"),
            )
        })?;
        let mut total: u64 = 0;
        for i in 0..zip.len() {
            let (name, refusal) = {
                let e = zip.by_index_raw(i).map_err(|e| unusable(e.to_string(), e.to_string()))?;
                let name = String::from_utf8_lossy(e.name_raw()).into_owned();
                let link = e.is_symlink() || (e.external_attributes() >> 16) & 0o170000 == 0o120000;
                if e.is_dir() && !link {
                    continue;
                }
                let refusal = if link {
                    Some(Msg::new("ZIP 条目是符号链接", "the ZIP entry is a symbolic link"))
                } else if e.encrypted() {
                    Some(Msg::new("ZIP 条目已加密", "the ZIP entry is encrypted"))
                } else if !matches!(e.compression(), CompressionMethod::Stored | CompressionMethod::Deflated) {
                    Some(Msg::new("ZIP 条目的压缩方式不受支持", "the ZIP entry's compression is not supported"))
                } else if e.size() > MAX_ENTRY_BYTES {
                    Some(Msg::new("文件过大，不是评审意见 PDF", "too large to be a review PDF"))
                } else {
                    None
                };
                (name, refusal)
            };
            if let Some(reason) = refusal {
                self.rejected.push(Rejection { file: name, reason });
                continue;
            }
            let dest = staging.path().join(format!("{i:05}.pdf"));
            let mut entry = zip.by_index(i).map_err(|e| unusable(e.to_string(), e.to_string()))?;
            let mut out = std::fs::File::create(&dest).map_err(|e| unusable(e.to_string(), e.to_string()))?;
            let copied = std::io::copy(&mut entry.by_ref().take(MAX_ENTRY_BYTES + 1), &mut out);
            let n = match copied {
                Ok(n) => n,
                Err(e) => {
                    let reason = Msg::new(
                        format!("ZIP 条目无法读取（{}）", paneldesk_core::reason::io_zh(&e)),
                        format!("the ZIP entry cannot be read ({e})"),
                    );
                    self.rejected.push(Rejection { file: name, reason });
                    continue;
                }
            };
            total += n;
            if total > MAX_TOTAL_BYTES {
                return Err(unusable(
                    format!("解压后超过 {} GiB", MAX_TOTAL_BYTES >> 30),
                    format!("it unpacks to more than {} GiB", MAX_TOTAL_BYTES >> 30),
                ));
            }
            if n > MAX_ENTRY_BYTES {
                let _ = std::fs::remove_file(&dest);
                let reason = Msg::new("文件过大，不是评审意见 PDF", "too large to be a review PDF");
                self.rejected.push(Rejection { file: name, reason });
                continue;
            }
            self.files.push((name, dest));
        }
        self.staging.push(staging);
        Ok(())
    }
}
