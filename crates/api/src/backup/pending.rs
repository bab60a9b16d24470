//! 从备份恢复 in the window. The window holds its data folder open (the
//! database, the log), and Windows will not rename an open folder, so the
//! backup is restored — decrypted, checked file by file, its audit log
//! verified, exactly as `restore` does — into a folder beside it, and
//! swapped in at the next start, before the log or the database opens.
//! Only a fresh folder (no profile, key or batch) is replaced, and even it
//! is kept aside, never deleted.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::{restore, Restored};
use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// Where a restore for `data_dir` waits for the next start.
pub fn staged_path(data_dir: &Path) -> PathBuf {
    sibling(data_dir, "restored")
}

fn sibling(data_dir: &Path, suffix: &str) -> PathBuf {
    let name = data_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "data".into());
    data_dir.with_file_name(format!("{name}.{suffix}"))
}

/// Restores `file` beside this folder, to replace it at the next start.
/// Refused, before anything is read, unless this folder is still fresh.
pub fn stage(store: &Store, file: &Path, passphrase: impl FnOnce() -> Result<Zeroizing<String>>) -> Result<Restored> {
    let fresh = store.profile()?.is_none() && store.keys()?.is_none() && store.list_batches()?.is_empty();
    if !fresh {
        return Err(ApiError::unusable(
            ErrorCode::TargetNotEmpty,
            "本数据目录已有专家信息、签名证书或评审批次，不能用备份覆盖。请在新电脑首次启动时从备份恢复",
            "this data folder already holds a profile, a key or batches and cannot be replaced by a backup. \
             Restore on the new laptop's first start",
        ));
    }
    let staged = staged_path(store.dir());
    // An earlier restore that was never swapped in is replaced.
    if staged.join(paneldesk_store::DB_FILE).is_file() {
        std::fs::remove_dir_all(&staged).map_err(|e| super::io_error(&staged, &e))?;
    }
    restore(file, &staged, passphrase)
}

/// At start, before the log or the database opens: swaps a staged restore
/// in, keeping the folder it replaces beside it. None when nothing waited.
pub fn finish(data_dir: &Path) -> Result<Option<PathBuf>> {
    let staged = staged_path(data_dir);
    if !staged.join(paneldesk_store::DB_FILE).is_file() {
        return Ok(None);
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let aside = sibling(data_dir, &format!("before-restore-{stamp}"));
    if data_dir.exists() {
        std::fs::rename(data_dir, &aside).map_err(|e| super::io_error(data_dir, &e))?;
    }
    if let Err(e) = std::fs::rename(&staged, data_dir) {
        // Put the fresh folder back: the app starts as it was.
        let _ = std::fs::rename(&aside, data_dir);
        return Err(super::io_error(data_dir, &e));
    }
    Ok(Some(aside))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::tests::{backup_of, pass};

    #[test]
    fn a_backup_waits_beside_a_fresh_folder_and_takes_its_place_at_the_next_start() {
        let root = tempfile::tempdir().expect("tempdir");
        let file = backup_of(root.path(), "");
        // The new laptop's window has opened its fresh folder.
        let data = root.path().join("laptop");
        let store = Store::open(&data).expect("fresh store");
        let staged = stage(&store, &file, pass).expect("staged");
        assert!(staged.audit.ok());
        assert!(store.profile().expect("profile").is_none(), "the open folder is untouched");
        assert!(staged_path(&data).join(paneldesk_store::DB_FILE).is_file());
        drop(store);

        // The next start, before anything opens the folder.
        let aside = finish(&data).expect("swapped").expect("a restore was waiting");
        assert!(aside.join(paneldesk_store::DB_FILE).is_file(), "the fresh folder is kept aside");
        assert!(!staged_path(&data).exists());
        let restored = Store::open(&data).expect("restored store");
        assert_eq!(restored.profile().expect("profile").map(|p| p.expert_id), Some("X01".to_string()));
        assert_eq!(finish(&data).expect("nothing waiting"), None);
    }

    #[test]
    fn a_folder_with_work_in_it_is_not_replaced() {
        let root = tempfile::tempdir().expect("tempdir");
        let file = backup_of(root.path(), "");
        // backup_of's own folder has a profile.
        let store = Store::open(&root.path().join("data")).expect("store");
        let e = stage(&store, &file, pass).expect_err("refused");
        assert_eq!(e.code, ErrorCode::TargetNotEmpty);
        assert!(e.message.zh.contains("首次启动"), "{}", e.message.zh);
        assert!(!staged_path(store.dir()).exists(), "nothing was written");
    }
}
