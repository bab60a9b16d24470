//! One error type for the chair's operations: a stable code and a message
//! in Chinese and English saying what is wrong and what to do.

use paneldesk_core::Msg;
use paneldesk_opinion::error::OpinionError;
use paneldesk_store::StoreError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChairError {
    pub code: &'static str,
    pub message: Msg,
    /// Refused by the rules (the CLI's exit 1), not unusable input (exit 2).
    pub refused: bool,
}

pub type Result<T> = std::result::Result<T, ChairError>;

impl ChairError {
    pub fn unusable(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> ChairError {
        ChairError { code, message: Msg::new(zh, en), refused: false }
    }

    pub fn refused(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> ChairError {
        ChairError { code, message: Msg::new(zh, en), refused: true }
    }
}

impl std::fmt::Display for ChairError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ChairError {}

impl From<StoreError> for ChairError {
    fn from(e: StoreError) -> ChairError {
        ChairError { code: e.code, message: e.message, refused: false }
    }
}

impl From<OpinionError> for ChairError {
    fn from(e: OpinionError) -> ChairError {
        ChairError { code: e.code.as_str(), message: e.message, refused: false }
    }
}
