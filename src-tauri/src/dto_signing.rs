//! Types of the signing commands that cross IPC (ts-rs writes their
//! TypeScript twins into ui/src/bindings/).

use serde::Serialize;
use ts_rs::TS;

/// The signing identity on file, for the profile page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct IdentityStatus {
    pub has_key: bool,
    /// "CN=…, title=…, O=…, serialNumber=…"
    pub subject: Option<String>,
    /// Self-signed (made in this app) rather than issued by a CA.
    pub self_signed: bool,
    /// SHA-256 of the certificate, upper-case hex in colon-separated pairs.
    pub fingerprint: Option<String>,
    /// RFC 3339, UTC.
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub has_signature_image: bool,
    /// The shortest passphrase `create_identity` accepts.
    pub min_passphrase_chars: u32,
}

/// The drawn signature as kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SignatureSaved {
    pub sha256: String,
    pub width: u32,
    pub height: u32,
    pub saved_at: String,
}

/// What `sign_and_export` did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ExportResult {
    /// Where the signed PDF was written; None when the save dialog was
    /// cancelled (the review is signed all the same: export it again).
    pub path: Option<String>,
    /// It had been signed before: the same stored file was exported again.
    pub again: bool,
    pub bytes: u32,
}
