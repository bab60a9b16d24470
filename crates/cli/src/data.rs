//! Opening the data folder chosen by `--data-dir`, the environment or the OS.

use std::path::PathBuf;

use paneldesk_core::Msg;
use paneldesk_store::identity::Profile;
use paneldesk_store::{paths, Store, StoreError};

use crate::failure::Failure;

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        Failure::unusable(e.message)
    }
}

pub fn open(data_dir: Option<&str>) -> Result<Store, Failure> {
    let dir = paths::data_dir(data_dir.map(PathBuf::from)).ok_or_else(|| {
        Failure::unusable(Msg::new(
            "找不到应用数据目录。请用 --data-dir 指定一个目录",
            "no app-data folder could be found. Give one with --data-dir",
        ))
    })?;
    Ok(Store::open(&dir)?)
}

/// The expert this folder belongs to; exit 2 without one.
pub fn profile(store: &Store) -> Result<Profile, Failure> {
    store.profile()?.ok_or_else(|| {
        Failure::unusable(Msg::new(
            "此数据目录还没有专家身份。请先运行 paneldesk-cli identity create",
            "this data folder has no expert identity yet. Run paneldesk-cli identity create first",
        ))
    })
}
