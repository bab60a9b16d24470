//! Cancelling a long import (issue 13 item 11): the batch file is read
//! through a reader that fails once the flag is raised, so hashing and the
//! package checks stop at their next read — without a cancellation path
//! through every reader in core. Nothing has been recorded by then.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use paneldesk_core::batch::{read_batch, BatchContents, Progress};
use paneldesk_core::package::{open_regular, sha256_reader, ArchiveError};

use crate::error::{ApiError, ErrorCode, Result};

/// A reader that stops with an error once `cancel` is raised.
struct Cancellable<'a, R> {
    inner: R,
    cancel: &'a AtomicBool,
}

impl<R: Read> Read for Cancellable<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(io::Error::other("import cancelled"));
        }
        self.inner.read(buf)
    }
}

impl<R: Seek> Seek for Cancellable<'_, R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// `read_batch_file`, stopping when `cancel` is raised: the contents and the
/// SHA-256 of the whole file.
pub(crate) fn read_batch_file(
    path: &Path,
    cancel: &AtomicBool,
    progress: impl FnMut(Progress),
) -> Result<(BatchContents, String)> {
    let open = || -> Result<Cancellable<'_, File>> { Ok(Cancellable { inner: open_regular(path)?, cancel }) };
    let hashed = sha256_reader(open()?).map_err(|e| ApiError::from(ArchiveError::io(path, &e)));
    let (hash, _) = stopped(cancel, hashed)?;
    let contents = stopped(cancel, read_batch(BufReader::new(open()?), progress).map_err(ApiError::from))?;
    Ok((contents, hash))
}

/// The read's own error, unless it failed because the flag was raised.
fn stopped<T>(cancel: &AtomicBool, r: Result<T>) -> Result<T> {
    if r.is_err() && cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    r
}

pub(crate) fn cancelled() -> ApiError {
    ApiError::unusable(
        ErrorCode::ImportCancelled,
        "已取消导入，未导入该评审批次的任何内容。需要时请重新打开该文件",
        "the import was cancelled; nothing of the batch was imported. Open the file again when you need it",
    )
}
