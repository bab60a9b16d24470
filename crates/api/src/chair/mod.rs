//! The chair's day: import signed reviews, consolidate, sign, export. Shared
//! by the window and `paneldesk-cli consolidate`; the rules are
//! paneldesk-core's, the files and rows paneldesk-store's.

mod access;
mod consolidate;
mod drafts;
mod export;
mod import;
mod intake;
mod panel;
mod photos;
pub(crate) mod process;
pub mod revisions;
mod screens;
mod seen;
mod sign;
mod sign_batch;
pub mod site_visits;
mod sources;
mod types;
mod views;

pub(crate) use crate::error::{ApiError, ErrorCode, Result};
pub use access::{chair_batch, presiding, recused, require_roster_key, visible_packages, Seat};
pub use consolidate::{consolidate, read_opinions, Consolidated, PanelOpinion};
pub use drafts::{flag_key, reasons_in_order, save_draft, Draft};
pub use export::{export, opinion_file_names, ranking_files, Exported};
pub use import::{
    files_in_folder, import_files, import_files_with, import_named, ImportProgress, ImportReport, Rejection,
};
pub use intake::{confirm_certificates, import_paths};
pub use panel::{consolidate_batch, Panel};
pub use paneldesk_core::consolidate::AcceptNew;
pub use screens::{
    chaired_batches, explanation, export_to, overview, package, photo, require_chair, save_draft as save_package_draft,
    sign as sign_one,
};
pub use sign::{chair_of, prepare, ready_to_sign, record, sign_package, unlock_chair, Prepared, Signed};
pub use sign_batch::{sign_packages, Request};
pub use sources::ReviewSources;
pub use types::*;
pub use views::{explain, leniency, matrix, Explanation, Leniency, Matrix, MatrixFlag, MatrixRow, Term};
