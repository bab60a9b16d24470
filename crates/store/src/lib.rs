//! PanelDesk's local store: one SQLite file in the app's data folder, plus
//! the package files it refers to by hash. Reviews are append-only, signed
//! ones final, and every change is written with a row of a hash-chained
//! audit log in the same transaction.

pub mod app;
pub mod audit;
pub mod backup;
pub mod batches;
pub mod chair_drafts;
mod error;
pub mod files;
pub mod identity;
mod migrations;
pub mod paths;
mod pins;
pub mod received;
pub mod reviews;
mod revisions;
mod rows;
pub mod signature;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use error::{Result, StoreError};

pub const DB_FILE: &str = "paneldesk.sqlite3";

pub struct Store {
    conn: Connection,
    dir: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store in `dir` and brings its schema
    /// up to date in one transaction.
    pub fn open(dir: &Path) -> Result<Store> {
        files::private_dir(dir).map_err(|e| error::io_error(dir, &e))?;
        for sub in [paths::PACKAGES_DIR, paths::SIGNED_DIR] {
            files::private_dir(&dir.join(sub)).map_err(|e| error::io_error(dir, &e))?;
        }
        let db = dir.join(DB_FILE);
        private_database(&db)?;
        let mut conn = Connection::open(&db)?;
        // WAL keeps readers off the writer's back; FULL syncs every commit,
        // so an acknowledged score survives a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let before: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        migrations::migrations().to_latest(&mut conn)?;
        let after: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        tracing::info!(dir = %dir.display(), schema = after, migrated_from = before, "store opened");
        Ok(Store { conn, dir: dir.to_path_buf() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Read access for queries outside this crate (tests, diagnostics).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// `PRAGMA integrity_check` is "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        let r: String = self.conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        Ok(r == "ok")
    }
}

/// SQLite creates the database under the umask and gives its -wal and -shm
/// files the database's mode: an empty 0600 file made first (a valid empty
/// database) keeps all three private; older folders are narrowed.
fn private_database(db: &Path) -> Result<()> {
    let mut new = std::fs::OpenOptions::new();
    new.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut new, 0o600);
    match new.open(db) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(error::io_error(db, &e)),
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        let file = PathBuf::from(name);
        match files::private_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(error::io_error(&file, &e)),
        }
    }
    Ok(())
}

fn now() -> String {
    chrono::Local::now().fixed_offset().to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}
