//! What the window's commands share: the store (behind a mutex: SQLite
//! writes are serialised anyway, and each command holds it briefly), and the
//! batch file the app was asked to open at start.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use paneldesk_api::documents::HeldDocuments;
use paneldesk_api::{data, ApiError, Result, Store};

pub struct AppState {
    /// An error here (no data folder, unreadable database) is shown by every
    /// command instead of the app failing to start without a word.
    store: std::result::Result<Mutex<Store>, ApiError>,
    data_dir: Option<PathBuf>,
    open_request: Mutex<Option<PathBuf>>,
    /// Raised by 取消 while a batch is being imported; outside the store's
    /// lock, which the import holds.
    pub import_cancel: AtomicBool,
    /// The documents open in the viewer, checked, for its range reads.
    pub documents: HeldDocuments,
}

/// What the command line and the environment ask for at start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Startup {
    pub data_dir: Option<PathBuf>,
    pub open: Option<PathBuf>,
}

pub const ENV_OPEN: &str = "PANELDESK_OPEN";

impl Startup {
    /// `--data-dir DIR` and `--open FILE` (also `--data-dir=DIR`), else
    /// `PANELDESK_DATA_DIR` / `PANELDESK_OPEN`. Unknown arguments are
    /// ignored: the desktop launcher may add its own.
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Startup {
        let mut s = Startup::default();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            let (flag, inline) = match a.split_once('=') {
                Some((f, v)) => (f.to_string(), Some(v.to_string())),
                None => (a.clone(), None),
            };
            let slot = match flag.as_str() {
                "--data-dir" => &mut s.data_dir,
                "--open" => &mut s.open,
                _ => continue,
            };
            if let Some(v) = inline.or_else(|| it.next()).filter(|v| !v.is_empty()) {
                *slot = Some(PathBuf::from(v));
            }
        }
        if s.open.is_none() {
            s.open = std::env::var_os(ENV_OPEN).filter(|v| !v.is_empty()).map(PathBuf::from);
        }
        s
    }
}

impl AppState {
    pub fn new(startup: Startup) -> AppState {
        let data_dir = data::data_dir(startup.data_dir);
        // A restore staged by 从备份恢复 takes the folder's place now, before
        // the log or the database holds anything in it open.
        let restored = data_dir.as_deref().map(paneldesk_api::backup::pending::finish);
        if let Some(dir) = &data_dir {
            paneldesk_api::log::init(dir);
        }
        match restored {
            Some(Ok(Some(aside))) => tracing::info!(replaced = %aside.display(), "restored backup swapped in"),
            Some(Err(e)) => tracing::warn!(error = %e.message.en, "restored backup not swapped in"),
            _ => {}
        }
        let store = data::open(data_dir.as_deref()).map(Mutex::new);
        AppState {
            store,
            data_dir,
            open_request: Mutex::new(startup.open),
            import_cancel: AtomicBool::new(false),
            documents: HeldDocuments::new(),
        }
    }

    pub fn store(&self) -> Result<MutexGuard<'_, Store>> {
        let m = self.store.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock cannot leave SQLite half-written
        // (every write is one transaction), so a poisoned lock is usable.
        Ok(m.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// The batch to open at start, handed out once.
    pub fn take_open_request(&self) -> Option<PathBuf> {
        self.open_request.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_data_dir_and_open() {
        let s = Startup::from_args(args(&["paneldesk", "--data-dir", "/tmp/x", "--open=/b.zip"]));
        assert_eq!(s.data_dir, Some(PathBuf::from("/tmp/x")));
        assert_eq!(s.open, Some(PathBuf::from("/b.zip")));
        let s = Startup::from_args(args(&["paneldesk", "--data-dir"]));
        assert_eq!(s.data_dir, None);
    }
}
