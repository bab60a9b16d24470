//! Writing files so that a crash never leaves a half-written one in place,
//! and so that nobody else on the machine can read or redirect them: the
//! data folder is 0700, every file written is 0600 (Unix; on Windows the
//! user's full control alone, crates/windows), and temporary
//! files are created exclusively under random names.

use std::io::Write;
use std::path::Path;

use crate::error::io_error;
use crate::Result;

/// A new, empty file beside `path`: O_CREAT|O_EXCL under a random name and
/// mode 0600, so it is never an existing file nor a symlink someone planted
/// at a predictable name. Removed on drop unless persisted.
pub fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let stem = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    tempfile::Builder::new().prefix(&format!(".{stem}.")).suffix(".part").tempfile_in(dir)
}

/// Writes `bytes` to an exclusive temporary sibling, syncs it, then renames
/// it over `path`: readers see the old file or the new one, never a mix. A
/// symlink at `path` is replaced, not followed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| io_error(path, &e);
    let mut tmp = temp_beside(path).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    sync_dir(path);
    Ok(())
}

/// The rename itself is durable only once the directory is synced.
pub fn sync_dir(path: &Path) {
    if let Some(dir) = path.parent() {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

/// Creates `dir` (and missing parents) as 0700; an existing one is narrowed
/// to 0700 when others could read or enter it.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    narrow(dir, 0o700)
}

/// Narrows an existing file to 0600 (a database made by an earlier version,
/// or by SQLite under the user's umask).
pub fn private_file(file: &Path) -> std::io::Result<()> {
    narrow(file, 0o600)
}

#[cfg(unix)]
fn narrow(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        // Never change the mode of whatever a link points at.
        return Ok(());
    }
    if meta.permissions().mode() & 0o077 != 0 {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

/// Windows: the user's full control alone, passed on inside folders
/// (0700 is a folder here). A symlink is left alone, as on Unix.
#[cfg(windows)]
fn narrow(path: &Path, mode: u32) -> std::io::Result<()> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Ok(());
    }
    paneldesk_windows::acl::user_only(path, mode == 0o700)
}

#[cfg(not(any(unix, windows)))]
fn narrow(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::symlink_metadata(p).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn written_files_are_private_and_a_planted_link_is_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"keep me").expect("victim");
        let target = dir.path().join("out.pdf");
        // The names an older version used for its temporary files.
        for planted in ["out.part", ".out.pdf.part"] {
            std::os::unix::fs::symlink(&victim, dir.path().join(planted)).expect("symlink");
        }
        write_atomically(&target, b"new").expect("write");
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        assert_eq!(mode(&target), 0o600);
        assert_eq!(std::fs::read(&victim).expect("victim"), b"keep me");
        // A link at the target itself is replaced, its target left alone.
        let linked = dir.path().join("linked.pdf");
        std::os::unix::fs::symlink(&victim, &linked).expect("symlink");
        write_atomically(&linked, b"other").expect("write");
        assert!(!std::fs::symlink_metadata(&linked).expect("meta").file_type().is_symlink());
        assert_eq!(std::fs::read(&victim).expect("victim"), b"keep me");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part") && !e.path().is_symlink())
            .collect();
        assert!(left.is_empty(), "no temporary file left behind");
    }

    #[test]
    fn folders_are_made_and_narrowed_to_the_owner() {
        let dir = tempfile::tempdir().expect("tempdir");
        let made = dir.path().join("a/b");
        private_dir(&made).expect("made");
        assert_eq!(mode(&made), 0o700);
        let open = dir.path().join("open");
        std::fs::create_dir(&open).expect("dir");
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        private_dir(&open).expect("narrowed");
        assert_eq!(mode(&open), 0o700);
        let file = open.join("f");
        std::fs::write(&file, b"x").expect("file");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        private_file(&file).expect("narrowed");
        assert_eq!(mode(&file), 0o600);
    }
}

/// On a Windows machine (`cargo test` there). Not under wine: wine 8
/// accepts the new DACL without keeping it and reads back its own default
/// (tried: `make windows-test` runs the store's code paths through the CLI
/// instead, where every data folder is opened this way).
#[cfg(all(test, windows))]
mod windows_tests {
    use paneldesk_windows::acl::{entries, FULL_CONTROL as FILE_ALL_ACCESS};

    use super::*;

    #[test]
    fn the_data_folder_and_what_is_written_in_it_are_the_users_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("数据").join("E01");
        private_dir(&data).expect("made");
        let (protected, aces) = entries(&data).expect("read the folder's ACL");
        assert!(protected, "nothing inherited from the parent folder");
        assert_eq!(aces, [(true, FILE_ALL_ACCESS)]);
        // A file written inside inherits the user's entry and nothing else.
        let file = data.join("意见.pdf");
        write_atomically(&file, b"%PDF").expect("write");
        let (_, aces) = entries(&file).expect("read the file's ACL");
        assert!(!aces.is_empty() && aces.iter().all(|(user, _)| *user), "{aces:?}");
        private_file(&file).expect("narrowed");
        assert_eq!(entries(&file).expect("acl"), (true, vec![(true, FILE_ALL_ACCESS)]));
    }
}
