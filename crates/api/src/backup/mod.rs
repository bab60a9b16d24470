//! Backup and moving laptops (docs/cli.md): the whole data folder in one
//! encrypted file, restored only into an empty folder after its integrity
//! and its audit log check out; and a batch's signed reviews exported for
//! the chair.

pub mod archive;
mod export_signed;
pub mod format;
pub mod pending;
pub mod saved;

use std::path::{Path, PathBuf};

use paneldesk_opinion::identity::Identity;
use paneldesk_store::DB_FILE;
use zeroize::Zeroizing;

use crate::audit::AuditReport;
use crate::data::{refuse_existing, Store};
use crate::error::{ApiError, ErrorCode, Result};
pub use export_signed::{export_signed, ExportedSigned};

/// Largest backup file read (the inner ZIP's limit plus its overhead).
const MAX_FILE: u64 = archive::MAX_TOTAL + (64 << 20);
/// Staging files and folders made in the data folder or beside the target.
const STAGING_PREFIX: &str = ".paneldesk-";

/// What `backup` wrote.
#[derive(Clone, Debug)]
pub struct BackupDone {
    /// Files in the backup, the database snapshot included.
    pub files: usize,
    /// Their size before compression and encryption.
    pub bytes: u64,
    /// The backup file's size.
    pub file_bytes: u64,
}

/// Writes the whole data folder to `out`: the passphrase must open the
/// folder's signing key (or, without one, be at least 8 characters); the
/// database is copied while nobody else may write to it.
pub fn backup(
    store: &Store,
    out: &Path,
    force: bool,
    passphrase: impl FnOnce() -> Result<Zeroizing<String>>,
) -> Result<BackupDone> {
    refuse_existing(out, force)?;
    let passphrase = passphrase()?;
    match store.keys()? {
        Some(keys) => {
            Identity::unlock(&keys.encrypted_key, &keys.certificate, &passphrase).map_err(|e| {
                let e = ApiError::from(e);
                // A wrong passphrase is the rules saying no (exit 1).
                let refused = e.code == ErrorCode::WrongPassphrase;
                ApiError::with_msg(e.code, e.message, refused)
            })?;
        }
        None => crate::identity::check_passphrase(&passphrase, crate::identity::MIN_PASSPHRASE_CHARS)?,
    }
    let dir = store.dir();
    let snapshot = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .suffix(".sqlite3")
        .tempfile_in(dir)
        .map_err(|e| io_error(dir, &e))?;
    let lock = store.snapshot(snapshot.path())?;
    let mut files = vec![(DB_FILE.to_string(), snapshot.path().to_path_buf())];
    walk(dir, "", &mut files)?;
    let (inner, manifest) = archive::build(&files)?;
    drop(lock);
    let sealed = format::seal(inner, &passphrase, format::DEFAULT_KDF)?;
    drop(passphrase);
    crate::data::write_file(out, &sealed)?;
    tracing::info!(files = manifest.files.len(), bytes = sealed.len(), "backup written");
    Ok(BackupDone {
        files: manifest.files.len(),
        bytes: manifest.files.iter().map(|f| f.size).sum(),
        file_bytes: sealed.len() as u64,
    })
}

/// The folder's regular files, by relative path, sorted; symbolic links,
/// the live database (`*.sqlite*`, its WAL and SHM), backups, half-written
/// `.part` files and staging folders are left out.
fn walk(dir: &Path, rel: &str, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io_error(dir, &e))?
        .collect::<std::io::Result<_>>()
        .map_err(|e| io_error(dir, &e))?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        let Some(name) = name.to_str() else {
            return Err(unnamed(&e.path()));
        };
        let skip = name.contains(".sqlite")
            || name.ends_with(".pdbak")
            || name.ends_with(".part")
            || name.starts_with(STAGING_PREFIX);
        // file_type() does not follow links: a link is neither file nor dir.
        let kind = e.file_type().map_err(|err| io_error(&e.path(), &err))?;
        let path = if rel.is_empty() { name.to_string() } else { format!("{rel}/{name}") };
        if skip || kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            walk(&e.path(), &path, out)?;
        } else if kind.is_file() {
            if paneldesk_core::package::path::check_entry_name(path.as_bytes()).is_err() {
                return Err(unnamed(&e.path()));
            }
            out.push((path, e.path()));
        }
    }
    Ok(())
}

fn unnamed(path: &Path) -> ApiError {
    ApiError::unusable(
        ErrorCode::Io,
        format!("数据目录中的文件名无法写入备份：{}。请移走或改名该文件后重试", path.display()),
        format!(
            "a file name in the data folder cannot go into a backup: {}. Move or rename it and retry",
            path.display()
        ),
    )
}

fn io_error(path: &Path, e: &std::io::Error) -> ApiError {
    ApiError::unusable(
        ErrorCode::Io,
        format!("无法读写 {}：{}。请检查磁盘空间和权限", path.display(), paneldesk_core::reason::io_zh(e)),
        format!("cannot read or write {}: {e}. Check the disk space and permissions", path.display()),
    )
}

/// The target of a restore: missing, or an empty folder (else exit 2,
/// nothing touched).
pub fn check_target(target: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_error(target, &e)),
        Ok(m) => m,
    };
    let empty = meta.is_dir() && std::fs::read_dir(target).map_err(|e| io_error(target, &e))?.next().is_none();
    if !empty {
        return Err(ApiError::unusable(
            ErrorCode::TargetNotEmpty,
            format!("{} 不是空目录，未作任何改动。请用 --data-dir 指定一个空的或尚不存在的目录", target.display()),
            format!(
                "{} is not an empty folder; nothing was changed. Give an empty or new folder with --data-dir",
                target.display()
            ),
        ));
    }
    Ok(())
}

/// What `restore` did.
#[derive(Clone, Debug)]
pub struct Restored {
    /// Files restored, the database included.
    pub files: usize,
    /// The restored folder's audit log, checked.
    pub audit: AuditReport,
}

/// Restores `file` into `target` (missing or empty): decrypts, checks every
/// file against the manifest, writes them into a staging folder beside the
/// target, opens the store there and checks its audit log, and only then
/// renames it into place. On any failure the staging folder is removed and
/// the target is as it was.
pub fn restore(file: &Path, target: &Path, passphrase: impl FnOnce() -> Result<Zeroizing<String>>) -> Result<Restored> {
    check_target(target)?;
    let bytes = crate::data::read_file(file, MAX_FILE, "备份文件 / backup file")?;
    if !format::looks_like_backup(&bytes) {
        return Err(format::not_backup());
    }
    let inner = format::open(bytes, &passphrase()?)?;
    let manifest = archive::verify(&inner)?;
    if !manifest.files.iter().any(|f| f.path == DB_FILE) {
        return Err(format::damaged("缺少数据库文件", "its database file is missing"));
    }
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, &e))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!("{STAGING_PREFIX}restore-"))
        .tempdir_in(&parent)
        .map_err(|e| io_error(&parent, &e))?;
    archive::extract(&inner, &manifest, staging.path())?;
    drop(inner);
    let audit = {
        let store = Store::open(staging.path())?;
        let report = crate::audit::verify(&store)?;
        if let Some(problem) = report.problem() {
            return Err(problem);
        }
        report
    };
    check_target(target)?;
    if target.exists() {
        std::fs::remove_dir(target).map_err(|e| io_error(target, &e))?;
    }
    let staged = staging.keep();
    if let Err(e) = std::fs::rename(&staged, target) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(io_error(target, &e));
    }
    tracing::info!(target = %target.display(), files = manifest.files.len(), "backup restored");
    Ok(Restored { files: manifest.files.len(), audit })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "correct horse battery staple";

    /// A backup of a folder with one profile row, sealed with cheap scrypt
    /// parameters; `tamper` runs on the store before the snapshot.
    pub(super) fn backup_of(root: &Path, tamper: &str) -> PathBuf {
        let mut store = Store::open(&root.join("data")).expect("store");
        let p = crate::profile::ProfileDto {
            expert_id: "X01".into(),
            name: "专家1".into(),
            title: "教授".into(),
            affiliation: "山东大学".into(),
        };
        crate::profile::set(&mut store, &p).expect("profile");
        store.conn().execute_batch(tamper).expect("tamper");
        let snap = root.join("snap.sqlite3");
        drop(store.snapshot(&snap).expect("snapshot"));
        let (inner, _) = archive::build(&[(DB_FILE.to_string(), snap)]).expect("build");
        let fast = format::KdfParams { log_n: 4, r: 8, p: 1 };
        let file = root.join("b.pdbak");
        std::fs::write(&file, format::seal(inner, PASS, fast).expect("seal")).expect("write");
        file
    }

    pub(super) fn pass() -> Result<Zeroizing<String>> {
        Ok(Zeroizing::new(PASS.into()))
    }

    #[test]
    fn a_backup_restores_only_when_its_audit_log_holds() {
        let ok = tempfile::tempdir().expect("tempdir");
        let file = backup_of(ok.path(), "");
        let restored = restore(&file, &ok.path().join("new"), pass).expect("restore");
        assert!(restored.audit.ok() && restored.audit.rows == 1);

        // A database edited behind the audit log's back, in a backup that
        // is otherwise intact: refused, the target never made, nothing left.
        let bad = tempfile::tempdir().expect("tempdir");
        let file =
            backup_of(bad.path(), "DROP TRIGGER audit_no_update; UPDATE audit_log SET detail = '{}' WHERE seq = 1;");
        let e = restore(&file, &bad.path().join("new"), pass).expect_err("tampered audit log restored");
        assert_eq!((e.code, e.refused), (ErrorCode::AuditBroken, true));
        assert!(!bad.path().join("new").exists());
        let names: Vec<String> = std::fs::read_dir(bad.path())
            .expect("dir")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect();
        assert!(names.iter().all(|n| !n.starts_with(STAGING_PREFIX)), "{names:?}");
    }
}
