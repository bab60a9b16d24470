//! Opening the data folder chosen by `--data-dir`, the environment or the OS.

use std::path::PathBuf;

use paneldesk_api::{data, Store};

use crate::failure::Failure;

/// Opens the store; events from here on go to the folder's log as well.
pub fn open(data_dir: Option<&str>) -> Result<Store, Failure> {
    let dir = data::data_dir(data_dir.map(PathBuf::from));
    if let Some(d) = &dir {
        paneldesk_api::log::init(d);
    }
    Ok(data::open(dir.as_deref())?)
}
