//! Application packages (申报材料包, tic-package/1): reading a ZIP safely,
//! and writing one (for the bureau's side: demo batches and test fixtures).

pub(crate) mod archive;
pub mod builder;
mod error;
pub mod path;
pub(crate) mod reader;
pub mod shown;
pub(crate) mod stream;

pub use error::{ArchiveError, ArchiveErrorCode, Container};
pub use reader::{open_regular, read_package, read_package_file, Package, PackageEntry};
pub use stream::{sha256_hex, sha256_reader};

pub const MANIFEST_NAME: &str = "manifest.json";
/// More entries than this and the package is refused (docs/formats.md §1).
pub const MAX_ENTRIES: usize = 10_000;
/// Total uncompressed size above this is refused (docs/formats.md §1).
pub const MAX_TOTAL_UNCOMPRESSED: u64 = 2 * 1024 * 1024 * 1024;
/// A manifest is a few kilobytes; this bounds the memory it can take.
pub const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;
