//! The window's commands: thin adapters over paneldesk-core and
//! paneldesk-store. They live in a module, not at the crate root, because
//! `#[tauri::command]` at the root clashes with its own generated macros.

pub mod batches;
pub mod chair;
pub mod chair_dto;
pub mod chair_import;
pub mod chair_sign;
pub mod documents;
pub mod identity;
pub mod packages;
pub mod profile;
pub mod review;
pub mod signing;
pub mod site_visit;

use paneldesk_core::batch::Batch;
use paneldesk_store::batches::StoredPackage;
use paneldesk_store::identity::Profile;
use paneldesk_store::Store;

use crate::error::{no_profile, unknown_batch, unknown_package, AppError, AppResult};

pub(crate) fn profile_of(store: &Store) -> AppResult<Profile> {
    store.profile()?.ok_or_else(no_profile)
}

pub(crate) fn batch_of(store: &Store, batch_id: &str) -> AppResult<Batch> {
    store.batch(batch_id)?.ok_or_else(|| unknown_batch(batch_id))
}

/// The package, only within the batch named (never another batch's copy).
pub(crate) fn package_of(store: &Store, batch_id: &str, package_id: &str) -> AppResult<StoredPackage> {
    store.find_package(package_id, Some(batch_id))?.ok_or_else(|| unknown_package(batch_id, package_id))
}

/// Scoring is for the batch's panel only (formats.md §4: matched by expert id).
pub(crate) fn require_on_panel(batch: &Batch, me: &Profile) -> AppResult<()> {
    if batch.expert(&me.expert_id).is_some() {
        return Ok(());
    }
    Err(AppError::new(
        "not-on-panel",
        format!(
            "专家 {}（工号 {}）不在评审批次“{}”的专家组名单中，不能评分。请核对“专家信息”中的工号是否与市科技局通知的一致",
            me.name, me.expert_id, batch.title
        ),
        format!(
            "expert {} (id {}) is not on the panel of batch \"{}\" and cannot score. Check that the expert id in your profile is the one the bureau gave you",
            me.name, me.expert_id, batch.title
        ),
    ))
}
