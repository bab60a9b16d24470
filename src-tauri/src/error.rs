//! Errors as they cross IPC: a stable code for the UI to branch on and a
//! message in both languages saying what is wrong and what to do.

use paneldesk_core::Msg;
use paneldesk_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

use crate::dto::Text;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct AppError {
    pub code: String,
    pub message: Text,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: &str, zh: impl Into<String>, en: impl Into<String>) -> AppError {
        AppError { code: code.to_string(), message: Text { zh: zh.into(), en: en.into() } }
    }

    pub fn from_msg(code: &str, m: Msg) -> AppError {
        AppError { code: code.to_string(), message: Text::from(m) }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        AppError::from_msg(e.code, e.message)
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} / {}", self.code, self.message.zh, self.message.en)
    }
}

impl std::error::Error for AppError {}

/// The message every command gives when no expert profile is set yet.
pub fn no_profile() -> AppError {
    AppError::new(
        "no-profile",
        "尚未填写专家信息。请先在“专家信息”页面填写工号、姓名、职称和单位",
        "no expert profile yet. Fill in your expert id, name, title and affiliation first",
    )
}

pub fn unknown_package(batch_id: &str, package_id: &str) -> AppError {
    AppError::new(
        "unknown-package",
        format!("评审批次 {batch_id} 中没有材料包 {package_id}。请返回材料包列表重新选择"),
        format!("batch {batch_id} has no package {package_id}. Go back to the package list and choose again"),
    )
}

pub fn unknown_batch(batch_id: &str) -> AppError {
    AppError::new(
        "unknown-batch",
        format!("没有已导入的评审批次 {batch_id}。请先打开该评审批次文件"),
        format!("no imported batch {batch_id}. Open the batch file first"),
    )
}
