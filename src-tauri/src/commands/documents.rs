//! A document's bytes for the in-app viewer (pdf.js). Only a document the
//! package's manifest lists, read from the package's own ZIP in the data
//! folder, and only when its bytes still hash to the listed SHA-256: the
//! path never names a file on disk, so nothing outside the folder is read.

use std::fs::File;
use std::io::{BufReader, Read};

use sha2::{Digest, Sha256};
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The viewer holds a document in memory; larger ones are refused.
const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

#[tauri::command]
pub async fn read_document<R: Runtime>(
    app: AppHandle<R>,
    batch_id: String,
    package_id: String,
    path: String,
) -> AppResult<Response> {
    let handle = app.clone();
    let bytes = tauri::async_runtime::spawn_blocking(move || read(&handle, &batch_id, &package_id, &path))
        .await
        .map_err(|e| {
            AppError::new("internal", format!("读取任务中断：{e}。请重试"), format!("the read stopped: {e}. Retry"))
        })??;
    Ok(Response::new(bytes))
}

fn read<R: Runtime>(app: &AppHandle<R>, batch_id: &str, package_id: &str, path: &str) -> AppResult<Vec<u8>> {
    let state = app.state::<AppState>();
    let (zip_path, listed_sha) = {
        let store = state.store()?;
        let p = super::package_of(&store, batch_id, package_id)?;
        let doc = p.manifest.documents.iter().find(|d| d.path == path).ok_or_else(|| {
            AppError::new(
                "unlisted-document",
                format!("材料包 {package_id} 的清单中没有文件 {path}，不能打开。请从材料列表中选择"),
                format!(
                    "package {package_id} does not list {path}; it cannot be opened. Choose from the document list"
                ),
            )
        })?;
        (store.package_file(&p.sha256), doc.sha256.clone())
    };
    let damaged = |why: String, en: String| {
        AppError::new(
            "document-damaged",
            format!("数据目录中材料包 {package_id} 的文件 {path} 无法读取：{why}。请重新导入该评审批次"),
            format!("{path} of package {package_id} in the data folder cannot be read: {en}. Import the batch again"),
        )
    };
    let file = File::open(&zip_path).map_err(|e| damaged(e.to_string(), e.to_string()))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| damaged(e.to_string(), e.to_string()))?;
    let entry = zip.by_name(path).map_err(|e| damaged(e.to_string(), e.to_string()))?;
    if entry.size() > MAX_DOCUMENT_BYTES {
        return Err(AppError::new(
            "document-too-large",
            format!("文件 {path} 超过 256 MiB，无法在应用内查看"),
            format!("{path} is larger than 256 MiB and cannot be viewed in the app"),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
    // The declared size is a hard limit: an entry that inflates past it is damaged.
    entry.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes).map_err(|e| damaged(e.to_string(), e.to_string()))?;
    let got: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if got != listed_sha {
        return Err(damaged("内容与清单所列 SHA-256 不符".into(), "its SHA-256 differs from the manifest's".into()));
    }
    Ok(bytes)
}
