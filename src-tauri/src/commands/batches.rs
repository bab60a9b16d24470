//! Opening a batch file (with progress events) and listing what is open.

use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::dto::{BatchDto, BatchProgress, OpenedBatch, PackageRowDto};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const PROGRESS_EVENT: &str = "batch-progress";

/// Checks the batch as `check` does, copies its packages into the data
/// folder, records it. A package whose hash does not match is refused by the
/// store, and then nothing of the batch is kept. Runs off the main thread:
/// hashing a large batch takes seconds.
#[tauri::command]
pub async fn open_batch<R: Runtime>(app: AppHandle<R>, path: String) -> AppResult<OpenedBatch> {
    let handle = app.clone();
    tauri::async_runtime::spawn_blocking(move || import(&handle, PathBuf::from(path))).await.map_err(|e| {
        AppError::new("internal", format!("导入任务中断：{e}。请重试"), format!("the import stopped: {e}. Retry"))
    })?
}

fn import<R: Runtime>(app: &AppHandle<R>, path: PathBuf) -> AppResult<OpenedBatch> {
    if !path.is_file() {
        return Err(AppError::new(
            "not-a-file",
            format!("{} 不是可读取的文件。请选择市科技局下发的评审批次 ZIP 文件", path.display()),
            format!("{} is not a readable file. Choose the batch ZIP file the bureau sent", path.display()),
        ));
    }
    let state = app.state::<AppState>();
    let mut store = state.store()?;
    let imported = store.import_batch(&path, |p| {
        let event = BatchProgress {
            done: u32::try_from(p.done).unwrap_or(u32::MAX),
            total: u32::try_from(p.total).unwrap_or(u32::MAX),
            package_id: p.package_id.to_string(),
        };
        // A window that is gone cannot show progress; the import goes on.
        let _ = app.emit(PROGRESS_EVENT, event);
    })?;
    Ok(OpenedBatch {
        id: imported.id,
        title: imported.title,
        packages: u32::try_from(imported.packages).unwrap_or(u32::MAX),
        newly_imported: imported.newly_imported,
    })
}

/// The batch named by `--open` / `PANELDESK_OPEN`, once; the window opens it
/// (with its progress bar) after the profile is set.
#[tauri::command]
pub fn take_open_request(state: State<'_, AppState>) -> Option<String> {
    state.take_open_request().map(|p| p.to_string_lossy().into_owned())
}

#[tauri::command]
pub fn list_batches(state: State<'_, AppState>) -> AppResult<Vec<BatchDto>> {
    let store = state.store()?;
    let now = chrono::Local::now().fixed_offset();
    Ok(store
        .list_batches()?
        .into_iter()
        .map(|b| BatchDto {
            deadline_passed: chrono::DateTime::parse_from_rfc3339(&b.deadline).is_ok_and(|d| d < now),
            id: b.id,
            title: b.title,
            kind: b.kind,
            deadline: b.deadline,
            imported_at: b.imported_at,
            packages: u32::try_from(b.packages).unwrap_or(u32::MAX),
        })
        .collect())
}

/// The batch's packages with this expert's progress on each.
#[tauri::command]
pub fn list_packages(state: State<'_, AppState>, batch_id: String) -> AppResult<Vec<PackageRowDto>> {
    let store = state.store()?;
    super::batch_of(&store, &batch_id)?;
    let me = store.profile()?;
    let rows = store.list_packages(&batch_id, me.as_ref().map(|p| p.expert_id.as_str()))?;
    Ok(rows
        .into_iter()
        .map(|r| PackageRowDto {
            status: serde_json::to_value(r.status).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            package_id: r.package_id,
            center_name: r.center_name,
            lead_unit: r.lead_unit,
            verdict: r.verdict,
            conflict_declared: r.conflict_declared,
            saved_at: r.saved_at,
        })
        .collect())
}
