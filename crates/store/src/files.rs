//! Writing files so that a crash never leaves a half-written one in place.

use std::io::Write;
use std::path::Path;

use crate::error::io_error;
use crate::Result;

/// Writes `bytes` to a temporary sibling, syncs it, then renames it over
/// `path`: readers see the old file or the new one, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("part");
    let io = |e: std::io::Error| io_error(path, &e);
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.sync_all().map_err(io)?;
    drop(f);
    std::fs::rename(&tmp, path).map_err(io)?;
    if let Some(dir) = path.parent() {
        // The rename itself is durable only once the directory is synced.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}
