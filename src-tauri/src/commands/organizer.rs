//! The organiser's workbench (组织方工作台): building packages, the Excel
//! form, enrolling certificates and issuing a signed batch. Input paths
//! come from the window's open dialog; every output path from the save
//! dialog opened here (super::save_target). The rules are the api's, as
//! for `paneldesk-cli package build` and `batch build`.

use std::path::{Path, PathBuf};

use paneldesk_api::identity::{self, IdentityStatus};
use paneldesk_api::organizer::workbench::{self, BuiltPackageDto, FormWritten, IssueRequest, IssuedDto, RosterLineDto};
use paneldesk_api::Result;
use paneldesk_core::manifest::Kind;
use tauri::{AppHandle, Manager, Runtime, State};
use zeroize::Zeroizing;

use crate::state::AppState;

/// Makes this data folder the bureau's: its signing key and certificate
/// (CN = the bureau's name, serialNumber = its id).
#[tauri::command]
pub async fn organizer_create(
    state: State<'_, AppState>,
    organizer_id: String,
    name: String,
    passphrase: String,
    confirm: String,
) -> Result<IdentityStatus> {
    let (passphrase, confirm) = (Zeroizing::new(passphrase), Zeroizing::new(confirm));
    identity::confirm(&passphrase, &confirm)?;
    identity::create_organizer(&mut *state.store()?, organizer_id.trim(), name.trim(), &passphrase)
}

/// `package build` from an Excel form or manifest.json and a documents
/// folder, saved as `<id>.zip` where the officer chooses; None: cancelled.
#[tauri::command]
pub async fn organizer_build_package<R: Runtime>(
    app: AppHandle<R>,
    source: String,
    docs: String,
) -> Result<Option<BuiltPackageDto>> {
    let docs = PathBuf::from(docs);
    let read_docs = docs.clone();
    let (manifest, id) = super::blocking(move || workbench::read_source(Path::new(&source), &read_docs)).await?;
    let Some(out) = super::save_target(&app, &format!("{id}.zip"), "ZIP", &["zip"]).await? else {
        return Ok(None);
    };
    super::blocking(move || workbench::build_package(manifest, &docs, &out)).await.map(Some)
}

/// A package file added to the batch, checked first.
#[tauri::command]
pub async fn organizer_add_package(path: String) -> Result<BuiltPackageDto> {
    super::blocking(move || workbench::add_package(Path::new(&path))).await
}

/// `package template` (a kind) or `package export-form` (a package file);
/// None when the save dialog was cancelled.
#[tauri::command]
pub async fn organizer_write_form<R: Runtime>(
    app: AppHandle<R>,
    kind: Option<Kind>,
    package: Option<String>,
) -> Result<Option<FormWritten>> {
    let name = match (&package, kind) {
        (Some(p), _) => {
            let stem = Path::new(p).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            format!("{stem}-申报数据表.xlsx")
        }
        (None, Some(k)) => format!("申报数据表（{}）.xlsx", k.label().zh),
        (None, None) => "申报数据表.xlsx".to_string(),
    };
    let Some(out) = super::save_target(&app, &name, "Excel", &["xlsx"]).await? else { return Ok(None) };
    super::blocking(move || workbench::write_form(kind, package.as_deref().map(Path::new), &out)).await.map(Some)
}

/// One roster line from an expert's exported certificate.
#[tauri::command]
pub async fn organizer_enrol(
    certificate: String,
    role: String,
    title: String,
    affiliation: String,
) -> Result<RosterLineDto> {
    super::blocking(move || workbench::enrol(Path::new(&certificate), &role, &title, &affiliation)).await
}

/// 签发: signs the batch and saves it where the officer chooses; None:
/// the save dialog was cancelled (nothing signed).
#[tauri::command]
pub async fn organizer_issue<R: Runtime>(
    app: AppHandle<R>,
    request: IssueRequest,
    passphrase: String,
) -> Result<Option<IssuedDto>> {
    let passphrase = Zeroizing::new(passphrase);
    let id = workbench::file_stem(&request.id, "评审批次");
    let name = if request.revision > 1 { format!("{id}-第{}版.zip", request.revision) } else { format!("{id}.zip") };
    let Some(out) = super::save_target(&app, &name, "ZIP", &["zip"]).await? else { return Ok(None) };
    super::blocking(move || {
        let state = app.state::<AppState>();
        let store = state.store()?;
        workbench::issue(&store, &request, &out, passphrase).map(Some)
    })
    .await
}
