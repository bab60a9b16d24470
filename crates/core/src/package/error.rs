//! Why a package or batch ZIP cannot be used, naming the entry, in both
//! languages, with what to do about it.

use crate::text::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArchiveErrorCode {
    Io,
    NotZip,
    TooManyEntries,
    TooLarge,
    BadName,
    Symlink,
    DuplicateName,
    Encrypted,
    UnsupportedCompression,
    SizeMismatch,
    Corrupt,
    MissingManifest,
    InvalidManifest,
    Unlisted,
    MissingDocument,
    HashMismatch,
    InvalidBatch,
    PackageRefused,
}

/// Which kind of archive an error is about: it decides the words and advice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    Package,
    Batch,
}

impl ArchiveErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Io => "io",
            Self::NotZip => "not-zip",
            Self::TooManyEntries => "too-many-entries",
            Self::TooLarge => "too-large",
            Self::BadName => "bad-name",
            Self::Symlink => "symlink",
            Self::DuplicateName => "duplicate-name",
            Self::Encrypted => "encrypted",
            Self::UnsupportedCompression => "unsupported-compression",
            Self::SizeMismatch => "size-mismatch",
            Self::Corrupt => "corrupt",
            Self::MissingManifest => "missing-manifest",
            Self::InvalidManifest => "invalid-manifest",
            Self::Unlisted => "unlisted-entry",
            Self::MissingDocument => "missing-document",
            Self::HashMismatch => "hash-mismatch",
            Self::InvalidBatch => "invalid-batch",
            Self::PackageRefused => "package-refused",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ArchiveError {
    pub code: ArchiveErrorCode,
    /// The entry at fault, when there is one.
    pub entry: Option<String>,
    pub message: Msg,
}

impl Container {
    fn noun(self) -> (&'static str, &'static str) {
        match self {
            Container::Package => ("材料包", "package"),
            Container::Batch => ("评审批次", "batch"),
        }
    }

    /// Closes every error: nothing was taken, and who can supply a good file.
    fn advice(self) -> (&'static str, &'static str) {
        match self {
            Container::Package => (
                "材料包未导入。请向申报单位或市科技局索取完好的材料包",
                "Nothing was imported. Ask the applicant or the bureau for an intact package",
            ),
            Container::Batch => (
                "评审批次未导入。请向市科技局索取完好的评审批次",
                "Nothing was imported. Ask the bureau for an intact batch",
            ),
        }
    }
}

impl ArchiveError {
    pub fn new(code: ArchiveErrorCode, entry: Option<&str>, zh: &str, en: &str) -> ArchiveError {
        ArchiveError::new_in(Container::Package, code, entry, zh, en)
    }

    pub fn new_in(c: Container, code: ArchiveErrorCode, entry: Option<&str>, zh: &str, en: &str) -> ArchiveError {
        let ((nz, ne), (az, ae)) = (c.noun(), c.advice());
        let (zh, en) = match entry {
            Some(e) => (format!("{nz}条目 “{e}”：{zh}。{az}"), format!("{ne} entry \"{e}\": {en}. {ae}")),
            None => (format!("{nz}{zh}。{az}"), format!("the {ne} {en}. {ae}")),
        };
        ArchiveError { code, entry: entry.map(str::to_string), message: Msg::new(zh, en) }
    }

    /// An error whose message was written in full elsewhere (the manifest's).
    pub fn with_message(code: ArchiveErrorCode, message: Msg) -> ArchiveError {
        ArchiveError { code, entry: None, message }
    }

    pub fn io(path: &std::path::Path, e: &std::io::Error) -> ArchiveError {
        let p = path.display();
        ArchiveError {
            code: ArchiveErrorCode::Io,
            entry: None,
            message: Msg::new(
                format!("无法读取文件 {p}：{}。请检查路径和读取权限", crate::reason::io_zh(e)),
                format!("cannot read {p}: {e}. Check the path and read permission"),
            ),
        }
    }
}
