//! PanelDesk's desktop window (Tauri v2). The commands are thin adapters
//! over paneldesk-api; the state is the store.

pub mod commands;
pub mod renderer;
pub mod state;

// Without custom-protocol the window loads the dev server's URL, with full
// IPC access, so a release build that forgot it must not exist (issue 13).
#[cfg(all(not(debug_assertions), not(feature = "custom-protocol")))]
compile_error!("a release build of the app needs --features custom-protocol (tauri build turns it on)");

use tauri::{Builder, Context, Runtime};

pub use state::{AppState, Startup};

/// The app's plugins, state and commands on any runtime: the real one in
/// main.rs, the mock one (`tauri::test::mock_builder`) in tests.
pub fn configure<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder.plugin(tauri_plugin_dialog::init()).manage(state).invoke_handler(tauri::generate_handler![
        commands::profile::get_profile,
        commands::profile::set_profile,
        commands::batches::open_batch,
        commands::batches::take_open_request,
        commands::batches::list_batches,
        commands::batches::list_packages,
        commands::batches::inspect_batch,
        commands::batches::cancel_import,
        commands::documents::package_detail,
        commands::documents::read_document,
        commands::documents::open_document,
        commands::documents::read_document_range,
        commands::documents::read_document_ranges,
        commands::documents::read_table,
        commands::review::get_sheet,
        commands::review::declare_conflict,
        commands::review::save_sheet,
        commands::review::reopen_review,
        commands::cosign::cosign_open,
        commands::cosign::cosign_pdf,
        commands::cosign::cosign_sign,
        commands::site_visit::get_site_visit,
        commands::site_visit::save_site_visit,
        commands::site_visit::add_photo,
        commands::site_visit::read_photo,
        commands::chair::chair_batches,
        commands::chair_import::chair_import,
        commands::chair_import::chair_import_dialog,
        commands::chair_import::chair_confirm_certificates,
        commands::chair::chair_overview,
        commands::chair::chair_package,
        commands::chair::chair_photo,
        commands::chair::chair_explain,
        commands::chair_sign::chair_save_draft,
        commands::chair_sign::chair_sign,
        commands::chair_sign::chair_export,
        commands::identity::identity_status,
        commands::identity::create_identity,
        commands::identity::import_identity,
        commands::identity::set_signature,
        commands::identity::get_signature,
        commands::identity::export_certificate,
        commands::organizer::organizer_create,
        commands::organizer::organizer_build_package,
        commands::organizer::organizer_add_package,
        commands::organizer::organizer_write_form,
        commands::organizer::organizer_enrol,
        commands::organizer::organizer_issue,
        commands::backup::backup_data,
        commands::backup::check_audit,
        commands::backup::pick_backup,
        commands::backup::restore_backup,
        commands::backup::restart_app,
        commands::backup::export_signed,
        commands::signing::preview_review,
        commands::signing::sign_and_export,
    ])
}

/// Builds and runs the app until its window closes.
pub fn run_app<R: Runtime>(builder: Builder<R>, context: Context<R>, state: AppState) -> tauri::Result<()> {
    configure(builder, state).run(context)
}
