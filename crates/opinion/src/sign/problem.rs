//! One reason a signed PDF is not accepted, with a stable code for programs
//! and a bilingual message for people.

use std::fmt;

use crate::error::Msg;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Stable, kebab-case: `digest-mismatch`, `bytes-after-signature`, ...
    pub code: &'static str,
    pub message: Msg,
}

impl Problem {
    pub(crate) fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem { code, message: Msg::new(zh, en) }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.message, f)
    }
}
