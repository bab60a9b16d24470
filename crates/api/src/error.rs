//! The one error of every api function: a stable code that the window
//! branches on and tests assert, and what is wrong and what to do in both
//! languages. The window sends it over IPC as it is; the CLI prints the
//! message and maps `refused` to its exit status.

use paneldesk_core::package::ArchiveError;
use paneldesk_core::Msg;
use paneldesk_opinion::error::{ErrorCode as OpinionCode, OpinionError};
use paneldesk_store::StoreError;
use serde::Serialize;

/// Lists every code once: the enum, its wire name and `ALL` come from this.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// Why an api call did not do what was asked. On the wire (and in
        /// TypeScript) the kebab-case name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
        pub enum ErrorCode {
            $($(#[$doc])* #[serde(rename = $name)] $variant,)*
        }

        impl ErrorCode {
            /// Every code, in the order listed.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The wire name, e.g. `"not-on-panel"`.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $name,)* }
            }

            /// The code of a wire name, if it is one.
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                match name { $($name => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    // The data folder and the database.
    /// No data folder could be found or made.
    NoDataDir = "no-data-dir",
    /// The database could not be opened or written.
    Database = "database",
    /// Another PanelDesk holds the database.
    DatabaseBusy = "database-busy",
    /// A schema migration failed.
    Migration = "migration",
    /// A stored row cannot be read back.
    CorruptRow = "corrupt-row",
    /// A signed batch reached the store unverified (a programming error).
    BatchSignatureUnchecked = "batch-signature-unchecked",
    /// A file could not be read or written.
    Io = "io",
    /// A stored file no longer hashes to what was recorded.
    FileChanged = "file-changed",
    /// The audit log or the data file fails its check.
    AuditBroken = "audit-broken",
    /// A task on another thread stopped unexpectedly.
    Internal = "internal",
    /// The window could not reach the app (made by the UI, never by Rust).
    Ipc = "ipc",
    /// A path given is not a readable file.
    NotAFile = "not-a-file",
    /// A folder given cannot be listed.
    UnreadableFolder = "unreadable-folder",
    /// A JSON input file is not of the expected form.
    BadInput = "bad-input",
    // The expert and the batch.
    /// No expert profile in this data folder.
    NoProfile = "no-profile",
    /// A profile field is empty.
    ProfileFieldEmpty = "profile-field-empty",
    /// A profile field is too long or has control characters.
    ProfileFieldInvalid = "profile-field-invalid",
    /// The package file is refused (not a package, a bad manifest or entry).
    PackageRefused = "package-refused",
    /// The batch file is refused (not a batch, a bad package, a hash mismatch).
    BatchRefused = "batch-refused",
    /// The user cancelled a batch import while it was being checked.
    ImportCancelled = "import-cancelled",
    /// Another batch with the same id was imported before.
    BatchConflict = "batch-conflict",
    /// No imported batch of that id.
    UnknownBatch = "unknown-batch",
    /// The organiser's signature on batch.json does not verify.
    BatchSignatureInvalid = "batch-signature-invalid",
    /// A signed batch lacks organizer_id, a certificate per panel line, or
    /// its signer is not the organiser it names.
    BatchSignerInvalid = "batch-signer-invalid",
    /// The organiser's certificate is not the pinned or trusted one.
    OrganizerMismatch = "organizer-mismatch",
    /// A new organiser certificate awaits the user's confirmation.
    OrganizerUnconfirmed = "organizer-unconfirmed",
    /// The batch is unsigned and a signed one was required.
    BatchUnsigned = "batch-unsigned",
    /// This data folder has no organiser identity.
    NotOrganizer = "not-organizer",
    /// A certificate file is expired, listed twice, or not the roster's.
    CertificateRefused = "certificate-refused",
    /// An Excel form cannot be read.
    FormInvalid = "form-invalid",
    /// The batch spec or a manifest given to build from is unusable.
    SpecInvalid = "spec-invalid",
    /// No package of that id in the batch.
    UnknownPackage = "unknown-package",
    /// The expert is not on the batch's panel.
    NotOnPanel = "not-on-panel",
    /// The document is not listed in the package's manifest.
    UnlistedDocument = "unlisted-document",
    /// The stored document cannot be read or no longer matches its hash.
    DocumentDamaged = "document-damaged",
    /// The document is too large to show.
    DocumentTooLarge = "document-too-large",
    /// A part of a document outside it was asked for.
    DocumentRange = "document-range",
    // Scoring and site visits.
    /// The conflict-of-interest question is not answered yet.
    ConflictUnanswered = "conflict-unanswered",
    /// The expert declared a conflict and is recused.
    ConflictDeclared = "conflict-declared",
    /// The conflict statement is empty.
    ConflictStatementEmpty = "conflict-statement-empty",
    /// The conflict statement is too long.
    ConflictStatementLong = "conflict-statement-long",
    /// A comment or the opinion is too long.
    SheetTooLong = "sheet-too-long",
    /// The score sheet is not valid (missing, out of range, off-step scores…).
    SheetInvalid = "sheet-invalid",
    /// No score sheet of that phase saved yet.
    NoSheet = "no-sheet",
    /// A signed review cannot be changed.
    ReviewSigned = "review-signed",
    /// A stored review's phase differs from the one asked for.
    PhaseMismatch = "phase-mismatch",
    /// No site visit recorded yet.
    SiteVisitEmpty = "site-visit-empty",
    /// The site-visit record is too long.
    SiteVisitTooLong = "site-visit-too-long",
    /// The site visit lacks its date or a verdict on an item.
    SiteVisitIncomplete = "site-visit-incomplete",
    /// Not a photo id (64 lowercase hex digits).
    BadPhotoId = "bad-photo-id",
    /// The photo cannot be read.
    PhotoUnreadable = "photo-unreadable",
    /// Not a JPEG or PNG of at most 50 MiB.
    PhotoInvalid = "photo-invalid",
    /// The photo is not in the data folder.
    PhotoMissing = "photo-missing",
    /// The stored photo was changed.
    PhotoDamaged = "photo-damaged",
    // Keys and signatures.
    /// No signing key in this data folder.
    NoKey = "no-key",
    /// A signing key is already on file.
    IdentityExists = "identity-exists",
    /// No drawn signature saved.
    NoSignature = "no-signature",
    /// The drawn signature is not a small, decodable PNG.
    SignatureInvalid = "signature-invalid",
    /// No passphrase was given.
    PassphraseEmpty = "passphrase-empty",
    /// The passphrase is shorter than the minimum.
    PassphraseShort = "passphrase-short",
    /// The passphrase is longer than the maximum.
    PassphraseLong = "passphrase-long",
    /// The two passphrases typed differ.
    PassphraseMismatch = "passphrase-mismatch",
    /// A .p12's passphrase is too short to protect the stored key: give a new one.
    NewPassphraseRequired = "new-passphrase-required",
    /// The passphrase does not open the key.
    WrongPassphrase = "wrong-passphrase",
    /// The PKCS#12 file cannot be read.
    P12Unreadable = "p12-unreadable",
    /// The file is too large to be a PKCS#12 file.
    P12TooLarge = "p12-too-large",
    /// The PKCS#12 file is not valid or not supported.
    BadPkcs12 = "bad-pkcs12",
    /// The stored key file cannot be read.
    BadKeyFile = "bad-key-file",
    /// The certificate cannot be read.
    BadCertificate = "bad-certificate",
    /// The key does not match the certificate.
    KeyMismatch = "key-mismatch",
    /// The key type is not supported.
    UnsupportedKey = "unsupported-key",
    /// The certificate names another expert id.
    CertificateOtherExpert = "certificate-other-expert",
    /// The signed file of a signed review is missing.
    SignedFileMissing = "signed-file-missing",
    /// Signing a review again (复议) needs a reason.
    RevisionReasonRequired = "revision-reason-required",
    /// A revision reason for a review never signed before.
    RevisionReasonUnexpected = "revision-reason-unexpected",
    /// The review is not signed, so there is nothing to reopen.
    NotSigned = "not-signed",
    /// Not a PDF.
    NotPdf = "not-pdf",
    /// The PDF's structure is not what a signed PanelDesk form has.
    PdfStructure = "pdf-structure",
    /// The signature does not fit its placeholder.
    SignatureTooLarge = "signature-too-large",
    /// An input the PDF layer refused.
    InvalidInput = "invalid-input",
    /// A signed file does not verify.
    NotValid = "not-valid",
    // The chair.
    /// Only the batch's chair may do this.
    NotChair = "not-chair",
    /// The read phase hides the panel's scores from this chair.
    ReadPhase = "read-phase",
    /// An expert's certificate differs from the one pinned for the batch.
    PinChanged = "pin-changed",
    /// A file's bytes differ from the hash recorded for it.
    HashMismatch = "hash-mismatch",
    /// There is nothing of that name to explain.
    NothingToExplain = "nothing-to-explain",
    /// The 专家组意见 cannot be signed yet (no reviews, a flag without a reason…).
    CannotSign = "cannot-sign",
    /// This member may not co-sign this 专家组意见 (formats.md §7).
    CannotCosign = "cannot-cosign",
    /// This member has co-signed this 专家组意见 already.
    AlreadyCosigned = "already-cosigned",
    // Backups and moving laptops.
    /// The output file exists and `--force` was not given.
    OutputExists = "output-exists",
    /// This data folder holds no signed review of the batch.
    NothingSigned = "nothing-signed",
    /// The file is not a PanelDesk backup at all.
    NotBackup = "not-backup",
    /// The backup is truncated, altered or inconsistent.
    BackupDamaged = "backup-damaged",
    /// The passphrase does not open the backup.
    BackupWrongPassphrase = "backup-wrong-passphrase",
    /// The data folder is too large for one backup file.
    BackupTooLarge = "backup-too-large",
    /// A restore's target folder is not empty.
    TargetNotEmpty = "target-not-empty",
}

/// The error every api function returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ApiError {
    /// What kind of failure, for code to branch on.
    pub code: ErrorCode,
    /// What is wrong and what to do, for people.
    pub message: Msg,
    /// The rules say no (the CLI's exit 1), rather than input that cannot be
    /// used at all (exit 2). Not sent to the window.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub refused: bool,
}

/// What every api function returns.
pub type Result<T> = std::result::Result<T, ApiError>;

impl ApiError {
    /// Input that cannot be used (missing, damaged, unknown).
    pub fn unusable(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::with_msg(code, Msg::new(zh, en), false)
    }

    /// Read and understood, but the rules say no.
    pub fn refused(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::with_msg(code, Msg::new(zh, en), true)
    }

    /// With a message made elsewhere (core's rules, the PDF layer). Every
    /// error is logged with its code and English message (the messages name
    /// files, ids and fields, never a passphrase or key).
    pub fn with_msg(code: ErrorCode, message: Msg, refused: bool) -> ApiError {
        tracing::warn!(code = code.as_str(), refused, "{}", message.en);
        ApiError { code, message, refused }
    }

    /// A worker thread that ended without an answer.
    pub fn stopped(e: impl std::fmt::Display) -> ApiError {
        ApiError::unusable(ErrorCode::Internal, "任务中断。请重试".to_string(), format!("the task stopped: {e}. Retry"))
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        // Store codes are a subset of ours; one it adds later reads as a
        // database error until it is listed here (a test checks the ones in use).
        let code = ErrorCode::from_name(e.code).unwrap_or(ErrorCode::Database);
        // Read fine, but the rules say no (cli.md exit 1).
        let refused = matches!(code, ErrorCode::BatchConflict | ErrorCode::OrganizerMismatch);
        ApiError::with_msg(code, e.message, refused)
    }
}

impl From<OpinionError> for ApiError {
    fn from(e: OpinionError) -> ApiError {
        let code = match e.code {
            OpinionCode::InvalidInput => ErrorCode::InvalidInput,
            OpinionCode::WrongPassphrase => ErrorCode::WrongPassphrase,
            OpinionCode::BadKeyFile => ErrorCode::BadKeyFile,
            OpinionCode::BadCertificate => ErrorCode::BadCertificate,
            OpinionCode::KeyMismatch => ErrorCode::KeyMismatch,
            OpinionCode::UnsupportedKey => ErrorCode::UnsupportedKey,
            OpinionCode::BadPkcs12 => ErrorCode::BadPkcs12,
            OpinionCode::NotPdf => ErrorCode::NotPdf,
            OpinionCode::PdfStructure => ErrorCode::PdfStructure,
            OpinionCode::SignatureTooLarge => ErrorCode::SignatureTooLarge,
            OpinionCode::Internal => ErrorCode::Internal,
        };
        ApiError::with_msg(code, e.message, false)
    }
}

impl From<ArchiveError> for ApiError {
    fn from(e: ArchiveError) -> ApiError {
        ApiError::with_msg(ErrorCode::BatchRefused, e.message, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_are_the_serde_names_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ErrorCode::ALL {
            let wire = serde_json::to_value(c).ok().and_then(|v| v.as_str().map(String::from));
            assert_eq!(wire.as_deref(), Some(c.as_str()));
            assert_eq!(ErrorCode::from_name(c.as_str()), Some(*c));
            assert!(seen.insert(c.as_str()), "{} listed twice", c.as_str());
        }
    }

    #[test]
    fn every_store_code_in_use_is_listed() {
        for code in [
            "batch-conflict",
            "batch-refused",
            "batch-signature-unchecked",
            "corrupt-row",
            "database",
            "database-busy",
            "file-changed",
            "hash-mismatch",
            "identity-exists",
            "io",
            "migration",
            "organizer-mismatch",
            "phase-mismatch",
            "pin-changed",
            "review-signed",
            "signature-invalid",
        ] {
            assert!(ErrorCode::from_name(code).is_some(), "{code}");
        }
    }
}
