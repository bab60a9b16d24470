//! The log a chair or expert can send when they report a problem:
//! `<data folder>/logs/paneldesk.log`, plain text, one event a line, kept to
//! `MAX_BYTES` and `KEEP` older files (`paneldesk.log.1`, `.2`). What is
//! logged is what the api did (ids, counts, codes), never a passphrase, a
//! key or a document's text: the functions that take those log only that
//! they ran (a test greps the log for a passphrase).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::MakeWriter;

/// The folder, under the data folder, that holds the log.
pub const LOG_DIR: &str = "logs";
/// The current log file's name.
pub const LOG_FILE: &str = "paneldesk.log";
/// A log file is rolled over past this size.
pub const MAX_BYTES: u64 = 4 << 20;
/// Rolled-over files kept.
pub const KEEP: u32 = 2;

/// Sends this process's events to the data folder's log. The first call in
/// a process wins; later calls (and a folder that cannot be written) leave
/// things as they are: a missing log must never stop the app.
pub fn init(data_dir: &Path) {
    let Ok(writer) = Rolling::open(data_dir.join(LOG_DIR)) else { return };
    let subscriber = tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true)
        .with_max_level(tracing::Level::INFO)
        .finish();
    if tracing::subscriber::set_global_default(subscriber).is_ok() {
        tracing::info!(version = env!("CARGO_PKG_VERSION"), "log started");
    }
}

/// A size-rolled file, shared by every thread of the process.
#[derive(Clone)]
struct Rolling {
    inner: Arc<Mutex<State>>,
}

struct State {
    dir: PathBuf,
    file: File,
    written: u64,
}

impl Rolling {
    fn open(dir: PathBuf) -> io::Result<Rolling> {
        paneldesk_store::files::private_dir(&dir)?;
        let file = private_log(&dir.join(LOG_FILE))?;
        let written = file.metadata()?.len();
        Ok(Rolling { inner: Arc::new(Mutex::new(State { dir, file, written })) })
    }
}

/// The log names what was signed and imported: for the user's eyes only.
fn private_log(path: &std::path::Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let file = o.open(path)?;
    paneldesk_store::files::private_file(path)?;
    Ok(file)
}

impl State {
    fn roll(&mut self) -> io::Result<()> {
        let name = |n: u32| self.dir.join(if n == 0 { LOG_FILE.to_string() } else { format!("{LOG_FILE}.{n}") });
        for n in (0..KEEP).rev() {
            let from = name(n);
            if from.exists() {
                std::fs::rename(&from, name(n + 1))?;
            }
        }
        self.file = private_log(&name(0))?;
        self.written = 0;
        Ok(())
    }
}

impl Write for Rolling {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut s = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if s.written + buf.len() as u64 > MAX_BYTES {
            s.roll()?;
        }
        let n = s.file.write(buf)?;
        s.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).file.flush()
    }
}

impl<'a> MakeWriter<'a> for Rolling {
    type Writer = Rolling;

    fn make_writer(&'a self) -> Rolling {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_rolls_over_and_keeps_two_older_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut w = Rolling::open(dir.path().to_path_buf()).expect("open");
        let line = vec![b'x'; 1 << 20];
        for _ in 0..12 {
            w.write_all(&line).expect("write");
        }
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        for f in &names {
            let len = std::fs::metadata(dir.path().join(f)).expect("meta").len();
            assert!(len <= MAX_BYTES, "{f}: {len}");
        }
    }
}
