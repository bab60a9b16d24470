//! A document's bytes for the in-app viewer. Only a document the package's
//! manifest lists, read from the package's own ZIP in the data folder, and
//! only when its bytes still hash to the listed SHA-256: the path never
//! names a file on disk, so nothing outside the folder is read.

use std::fs::File;
use std::io::{BufReader, Read};

use sha2::{Digest, Sha256};

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
    let mut entry = zip.by_name(path).map_err(|e| damaged(&e))?;
    if entry.size() > MAX_DOCUMENT_BYTES {
        return Err(ApiError::refused(
            ErrorCode::DocumentTooLarge,
            format!("文件 {path} 超过 256 MiB，无法在应用内查看"),
            format!("{path} is larger than 256 MiB and cannot be viewed in the app"),
        ));
    }
    let size = usize::try_from(entry.size()).map_err(|e| damaged(&e))?;
    let (bytes, sha) = read_hashing(&mut entry, size).map_err(|e| damaged(&e))?;
    // Exactly the declared size: an entry that inflates past it is damaged
    // (and the end of the entry is where the ZIP's CRC-32 is checked).
    match entry.read(&mut [0u8; 1]) {
        Ok(0) => {}
        Ok(_) => return Err(damaged(&"比声明的长度长 / longer than its declared size")),
        Err(e) => return Err(damaged(&e)),
    }
    if sha != *listed_sha {
        return Err(damaged(&"SHA-256 与清单不符 / its SHA-256 differs from the manifest's"));
    }
    Ok(bytes)
}

/// `size` bytes of `from`, and their SHA-256 (hex), hashed by a second
/// thread as each part is read: for an 80 MiB scan the hash (~50 ms here)
/// no longer waits for the whole read (~50 ms) before it starts.
fn read_hashing(from: &mut impl Read, size: usize) -> std::io::Result<(Vec<u8>, String)> {
    const PART: usize = 1 << 20;
    // Zeroed pages come from the system untouched: nothing is written twice.
    let mut bytes = vec![0u8; size];
    let digest = std::thread::scope(|s| {
        let (parts, read) = std::sync::mpsc::channel::<&[u8]>();
        let hasher = s.spawn(move || {
            let mut h = Sha256::new();
            for part in read {
                h.update(part);
            }
            h.finalize()
        });
        for part in bytes.chunks_mut(PART) {
            from.read_exact(part)?;
            let done: &[u8] = part;
            // The hasher lives until `parts` is dropped: a send cannot fail.
            let _ = parts.send(done);
        }
        drop(parts);
        hasher.join().map_err(|_| std::io::Error::other("SHA-256 thread failed"))
    })?;
    Ok((bytes, format!("{digest:x}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_hashes_in_parts_of_any_size() {
        for size in [0usize, 1, (1 << 20) - 1, 1 << 20, (3 << 20) + 17] {
            let body: Vec<u8> = (0..size).map(|i| (i * 7 % 253) as u8).collect();
            let (bytes, sha) = read_hashing(&mut body.as_slice(), size).expect("read");
            assert!(bytes == body, "{size} bytes read back");
            assert_eq!(sha, paneldesk_core::package::sha256_hex(&body), "{size}");
        }
        // Fewer bytes than declared: an error, not a short document.
        assert!(read_hashing(&mut [1u8, 2, 3].as_slice(), 4).is_err());
    }
}
