//! Opening the data folder chosen by `--data-dir`, the environment or the OS.

use std::path::{Path, PathBuf};

use paneldesk_api::{data, Store};
use paneldesk_core::Lang;

use crate::failure::Failure;
use crate::table::clean;

/// Opens the store; events from here on go to the folder's log as well.
pub fn open(data_dir: Option<&str>) -> Result<Store, Failure> {
    let dir = data::data_dir(data_dir.map(PathBuf::from));
    if let Some(d) = &dir {
        paneldesk_api::log::init(d);
    }
    Ok(data::open(dir.as_deref())?)
}

/// Runs `write`, which writes the output file `out`; when something was at
/// `out` before, says on stderr that it was replaced (never silently).
pub fn replacing<T, E>(out: &str, write: impl FnOnce() -> Result<T, E>, lang: Lang) -> Result<T, Failure>
where
    Failure: From<E>,
{
    let path = Path::new(out);
    let existed = data::exists(path);
    let done = write()?;
    if existed {
        note!("{}", clean(data::replaced_note(path).get(lang)));
    }
    Ok(done)
}
