//! Errors of identities and signatures: a stable code for programs and a
//! message in Chinese and English for people, saying what is wrong and what
//! to do about it.

use std::fmt;

pub use paneldesk_core::Msg;

/// Stable error codes: scripts and the UI match on these, never on wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// An argument cannot be used (empty name, bad rectangle, ...).
    InvalidInput,
    /// The passphrase does not open the key (or the PKCS#12 file).
    WrongPassphrase,
    /// The encrypted key file is damaged or not an encrypted PKCS#8 key.
    BadKeyFile,
    /// The certificate cannot be parsed.
    BadCertificate,
    /// The key and the certificate do not belong together.
    KeyMismatch,
    /// A key other than ECDSA P-256.
    UnsupportedKey,
    /// The PKCS#12 file cannot be read.
    BadPkcs12,
    /// The bytes are not a PDF we can read at all (cli exit 2).
    NotPdf,
    /// The PDF can be read but not changed as asked (no such page, encrypted, ...).
    PdfStructure,
    /// The signature did not fit its reserved space.
    SignatureTooLarge,
    /// A failure inside a library that should not happen with valid input.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InvalidInput => "invalid-input",
            Self::WrongPassphrase => "wrong-passphrase",
            Self::BadKeyFile => "bad-key-file",
            Self::BadCertificate => "bad-certificate",
            Self::KeyMismatch => "key-mismatch",
            Self::UnsupportedKey => "unsupported-key",
            Self::BadPkcs12 => "bad-pkcs12",
            Self::NotPdf => "not-pdf",
            Self::PdfStructure => "pdf-structure",
            Self::SignatureTooLarge => "signature-too-large",
            Self::Internal => "internal",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct OpinionError {
    pub code: ErrorCode,
    pub message: Msg,
}

impl OpinionError {
    pub fn new(code: ErrorCode, zh: impl Into<String>, en: impl Into<String>) -> OpinionError {
        OpinionError { code, message: Msg::new(zh, en) }
    }

    /// A library failure: the detail is in English only, it is for a bug report.
    pub fn internal(what: &str, detail: impl fmt::Display) -> OpinionError {
        OpinionError::new(
            ErrorCode::Internal,
            format!("内部错误（{what}）：{detail}。请报告此问题"),
            format!("internal error ({what}): {detail}. Please report this problem"),
        )
    }

    pub fn not_pdf(zh_detail: &str, en_detail: &str) -> OpinionError {
        OpinionError::new(
            ErrorCode::NotPdf,
            format!("无法作为 PDF 读取：{zh_detail}。请确认选择的是评审意见 PDF 文件"),
            format!("cannot be read as a PDF: {en_detail}. Check that this is a review PDF"),
        )
    }

    pub(crate) fn pdf_catalog(e: &dyn fmt::Display) -> OpinionError {
        OpinionError::pdf("PDF 文档目录无法读取".to_string(), format!("the PDF catalog cannot be read ({e})"))
    }

    pub fn pdf(zh: impl Into<String>, en: impl Into<String>) -> OpinionError {
        OpinionError::new(ErrorCode::PdfStructure, zh, en)
    }
}

pub type Result<T> = std::result::Result<T, OpinionError>;
