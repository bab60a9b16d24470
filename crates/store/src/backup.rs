//! What a backup and `export-signed` read from the store: a consistent
//! snapshot of the database, and the signed reviews of a batch.

use std::path::Path;

use rusqlite::{params, Connection};

use crate::{Result, Store, DB_FILE};

/// One signed review kept in this data folder (its PDF under `signed/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedReview {
    pub package_id: String,
    pub expert_id: String,
    /// `desk` or `site_visit`.
    pub phase: String,
    pub revision: i64,
    pub pdf_sha256: String,
}

/// Holds the database's write lock: nobody writes while a backup copies
/// the folder. Released (rolled back, nothing was written) when dropped.
pub struct WriteLock {
    conn: Connection,
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.conn.execute_batch("ROLLBACK");
    }
}

impl Store {
    /// Every signed review of `batch_id`, of every generation, in a stable
    /// order (package, expert, phase, revision).
    pub fn signed_reviews(&self, batch_id: &str) -> Result<Vec<SignedReview>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.package_id, r.expert_id, r.phase, r.revision, s.pdf_sha256
             FROM signatures s JOIN reviews r ON r.id = s.review_id
             WHERE r.batch_id = ?1
             ORDER BY r.package_id, r.expert_id, r.phase, r.revision",
        )?;
        let rows = stmt.query_map(params![batch_id], |r| {
            Ok(SignedReview {
                package_id: r.get(0)?,
                expert_id: r.get(1)?,
                phase: r.get(2)?,
                revision: r.get(3)?,
                pdf_sha256: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Whether a batch of that id was imported.
    pub fn has_batch(&self, batch_id: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM batches WHERE id = ?1)", params![batch_id], |r| r.get(0))?)
    }

    /// Takes the write lock (waiting up to the busy timeout for another
    /// writer), then copies the database to `into` with `VACUUM INTO`: one
    /// file, no WAL, as of that moment. The lock is kept until the returned
    /// guard is dropped, so the folder's other files can be copied while
    /// nothing changes the rows that refer to them.
    pub fn snapshot(&self, into: &Path) -> Result<WriteLock> {
        let lock = Connection::open(self.dir.join(DB_FILE))?;
        lock.busy_timeout(std::time::Duration::from_secs(5))?;
        lock.execute_batch("BEGIN IMMEDIATE")?;
        let lock = WriteLock { conn: lock };
        let target = into.to_string_lossy().into_owned();
        self.conn.execute("VACUUM INTO ?1", params![target])?;
        Ok(lock)
    }
}
