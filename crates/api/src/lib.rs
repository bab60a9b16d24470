//! The operations the desktop window and `paneldesk-cli` share, so that each
//! of them is a thin adapter (GitButler's commands-over-an-API-crate shape):
//! an expert signing a review, the chair importing, consolidating and
//! exporting. Rules stay in paneldesk-core; files and the database in
//! paneldesk-store; PDFs in paneldesk-opinion.

pub mod chair;
pub mod identity;
pub mod signing;
pub mod site_checklist;
