//! A document's bytes for the in-app viewer. Only a document the package's
//! manifest lists, read from the package's own ZIP in the data folder, and
//! only when its bytes still hash to the listed SHA-256: the path never
//! names a file on disk, so nothing outside the folder is read.

use std::fs::File;
use std::io::{BufReader, Read};

use paneldesk_core::package::sha256_hex;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// The viewer holds a document in memory; larger ones are refused.
pub const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

/// A listed document found in the data folder, to be read without holding
/// the store (a large document takes a while to inflate and hash). Equal
/// when it is the same entry of the same package file listed with the same hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    zip_path: std::path::PathBuf,
    listed_sha: String,
    package_id: String,
    path: String,
}

/// Where the listed document is; refused when the manifest does not list it.
pub fn locate(store: &Store, batch_id: &str, package_id: &str, path: &str) -> Result<Located> {
    let (zip_path, listed_sha) = {
        let p = crate::access::package(store, Some(batch_id), package_id)?;
        let doc = p.manifest.documents.iter().find(|d| d.path == path).ok_or_else(|| {
            ApiError::refused(
                ErrorCode::UnlistedDocument,
                format!("材料包 {package_id} 的清单中没有文件 {path}，不能打开。请从材料列表中选择"),
                format!(
                    "package {package_id} does not list {path}; it cannot be opened. Choose from the document list"
                ),
            )
        })?;
        (store.package_file(&p.sha256), doc.sha256.clone())
    };
    Ok(Located { zip_path, listed_sha, package_id: package_id.to_string(), path: path.to_string() })
}

impl Located {
    /// A document at `path` in the package file `zip_path`, listed with
    /// `listed_sha` (tests: without a store).
    #[cfg(test)]
    pub(crate) fn at(zip_path: &std::path::Path, listed_sha: &str, path: &str) -> Located {
        Located {
            zip_path: zip_path.to_path_buf(),
            listed_sha: listed_sha.to_string(),
            package_id: "P".into(),
            path: path.into(),
        }
    }

    /// The document's path inside the package.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The package file it is read from.
    pub fn zip_path(&self) -> &std::path::Path {
        &self.zip_path
    }

    /// The SHA-256 the manifest lists for it.
    pub fn listed_sha(&self) -> &str {
        &self.listed_sha
    }

    /// The bytes, checked against the listed SHA-256.
    pub fn load(&self) -> Result<Vec<u8>> {
        let Located { zip_path, listed_sha, package_id, path } = self;
        load(zip_path, listed_sha, package_id, path)
    }
}

fn load(zip_path: &std::path::Path, listed_sha: &str, package_id: &str, path: &str) -> Result<Vec<u8>> {
    let damaged = |why: &dyn std::fmt::Display| {
        ApiError::unusable(
            ErrorCode::DocumentDamaged,
            format!("数据目录中材料包 {package_id} 的文件 {path} 无法读取（{why}）。请重新导入该评审批次"),
            format!("{path} of package {package_id} in the data folder cannot be read ({why}). Import the batch again"),
        )
    };
    let file = File::open(zip_path).map_err(|e| damaged(&e))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| damaged(&e))?;
    let entry = zip.by_name(path).map_err(|e| damaged(&e))?;
    if entry.size() > MAX_DOCUMENT_BYTES {
        return Err(ApiError::refused(
            ErrorCode::DocumentTooLarge,
            format!("文件 {path} 超过 256 MiB，无法在应用内查看"),
            format!("{path} is larger than 256 MiB and cannot be viewed in the app"),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    // The declared size is a hard limit: an entry that inflates past it is damaged.
    entry.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| damaged(&e))?;
    if sha256_hex(&bytes) != *listed_sha {
        return Err(damaged(&"SHA-256 与清单不符 / its SHA-256 differs from the manifest's"));
    }
    Ok(bytes)
}
