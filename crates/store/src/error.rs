//! Store errors: a stable code for the UI and a message in both languages.

use paneldesk_core::Msg;

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct StoreError {
    pub code: &'static str,
    pub message: Msg,
}

impl StoreError {
    pub fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> StoreError {
        StoreError { code, message: Msg::new(zh, en) }
    }

    /// A batch file that could not be read or checked.
    pub fn from_archive(e: paneldesk_core::package::ArchiveError) -> StoreError {
        StoreError { code: "batch-refused", message: e.message }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
        // Another process (a second window, paneldesk-cli) kept a write
        // transaction open past the busy timeout: nothing was written.
        if matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked)) {
            return StoreError::new(
                "database-busy",
                "数据文件正被另一个程序占用（例如另一个 PanelDesk 窗口或 paneldesk-cli），本次未保存。请关闭另一个程序后重试；已保存的数据不受影响",
                "the data file is in use by another program (another PanelDesk window or paneldesk-cli) and nothing was saved. Close the other program and retry; saved data is untouched",
            );
        }
        StoreError::new(
            "database",
            "数据库操作失败。已保存的数据不受影响；请重试，若仍失败请运行 verify-audit 检查数据文件".to_string(),
            format!("database operation failed: {e}. Saved data is untouched; retry, and if it fails again run verify-audit"),
        )
    }
}

impl From<rusqlite_migration::Error> for StoreError {
    fn from(e: rusqlite_migration::Error) -> StoreError {
        StoreError::new(
            "migration",
            "无法升级数据文件。数据未被改动；请使用与该数据文件匹配的新版本软件".to_string(),
            format!("cannot upgrade the data file: {e}. Nothing was changed; use a newer version of the app"),
        )
    }
}

pub fn io_error(what: &std::path::Path, e: &std::io::Error) -> StoreError {
    let p = what.display();
    StoreError::new(
        "io",
        format!("无法读写 {p}：{}。请检查磁盘空间和权限", paneldesk_core::reason::io_zh(e)),
        format!("cannot read or write {p}: {e}. Check disk space and permissions"),
    )
}

pub type Result<T> = std::result::Result<T, StoreError>;
