//! Signed opinions (docs/formats.md §4–§5): an expert's signing identity, file
//! attachments and PAdES signatures on PDFs, and their verification.

pub mod document;
pub mod error;
pub mod form;
pub mod identity;
pub mod photo;
pub mod render;
pub mod sign;
pub mod workbook;

pub use error::{ErrorCode, Msg, OpinionError};
