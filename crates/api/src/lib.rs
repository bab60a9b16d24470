//! PanelDesk's one door. Everything the window (src-tauri) and
//! `paneldesk-cli` can do is a function here, one module per use case; the
//! two front ends only parse their input, call one function and show the
//! result. Every rule of "may this be done" is decided here or in
//! paneldesk-core, so both front ends apply the same rules. Files and the
//! database belong to paneldesk-store, PDFs and signatures to
//! paneldesk-opinion; neither front end reaches them but through this crate.
//!
//! Every function returns [`error::ApiError`]: a code from one list
//! ([`error::ErrorCode`]) and what is wrong and what to do in Chinese and
//! English. With the `ts` feature, the types that cross IPC get their
//! TypeScript twins in ui/src/bindings (ts-rs, written when the
//! `export_bindings_*` tests run).
//!
//! The use cases:
//! - [`data`]: open the data folder;
//! - [`profile`]: the expert this data folder belongs to;
//! - [`identity`]: the signing key and certificate, the drawn signature;
//! - [`batches`]: open a batch file (or its correction), list batches and their packages;
//! - [`issuer`]: who issued a batch, and whether their certificate is trusted;
//! - [`check`]: the formal review of a package or batch file, without importing it;
//! - [`documents`]: a package's facts, formal review and documents;
//! - [`review`]: the desk review — conflict of interest, the score sheet;
//! - [`site_visit`]: the site visit — checklist, photos, what signing it needs;
//! - [`signing`]: preview and sign an expert's review form;
//! - [`verify`]: check a signed review or panel opinion;
//! - [`chair`]: import the panel's reviews, consolidate, the chair's screens,
//!   sign the 专家组意见, export the ranking;
//! - [`organizer`]: build packages (JSON or the Excel form), enrol experts'
//!   certificates, issue signed batches;
//! - [`audit`]: check the data folder's audit log;
//! - [`backup`]: back up and restore the whole data folder (encrypted),
//!   export a batch's signed reviews for the chair.
//! - [`log`]: the rolling log file in the data folder.

#![deny(missing_docs)]

mod access;
pub mod audit;
pub mod backup;
pub mod batches;
pub mod chair;
pub mod check;
pub mod cosign;
pub mod data;
pub mod documents;
pub mod error;
pub mod identity;
pub mod issuer;
pub mod log;
pub mod organizer;
pub mod profile;
pub mod review;
pub mod signing;
pub mod site_visit;
pub mod verify;

pub use access::Reviewer;
pub use data::Store;
pub use error::{ApiError, ErrorCode, Result};
