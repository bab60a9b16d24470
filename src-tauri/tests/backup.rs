//! 备份数据 and 导出全部已签署意见 through the mock runtime: refused before
//! any dialog when there is nothing to export, a wrong passphrase writes no
//! backup, and what is written restores (backup) or verifies (the ZIP).

mod support;

use std::io::Read;

use serde_json::json;
use support::signing::*;
use support::{batch, pkg, with, Harness};
use tauri::Manager;

#[test]
fn a_batch_s_signed_reviews_go_out_as_one_zip_and_the_folder_as_one_backup() {
    let out = export_dir();
    let h = Harness::start(None);
    scored(&h, "LC-2026-001");
    create_identity(&h);
    let batch_arg = json!({"batchId": batch::BATCH_ID});
    assert_eq!(h.err("export_signed", batch_arg.clone()), "nothing-signed", "nothing signed yet");
    assert_eq!(h.err("export_signed", json!({"batchId": "NO-SUCH"})), "unknown-batch");
    let signed = h.ok("sign_and_export", with(pkg("LC-2026-001"), json!({ "passphrase": PASSPHRASE })));

    let zip = h.ok("export_signed", batch_arg);
    let path = out.join(format!("{}-已签署评审意见.zip", batch::BATCH_ID));
    assert_eq!(zip["path"], path.to_string_lossy().as_ref());
    assert_eq!(zip["files"], json!(["LC-2026-001-X02-专家评审意见表.pdf"]));
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).expect("zip")).expect("a ZIP");
    let mut inside = Vec::new();
    archive.by_index(0).expect("entry").read_to_end(&mut inside).expect("read");
    let exported = std::fs::read(signed["path"].as_str().expect("signed path")).expect("signed");
    assert_eq!(inside, exported, "the signed bytes, unchanged");

    assert_eq!(h.err("backup_data", json!({"passphrase": "not the passphrase"})), "wrong-passphrase");
    let before: Vec<_> = std::fs::read_dir(out).expect("dir").filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert!(before.iter().all(|n| !n.to_string_lossy().ends_with(".pdbak")), "no backup from a wrong passphrase");
    let saved = h.ok("backup_data", json!({"passphrase": PASSPHRASE}));
    let file = std::path::PathBuf::from(saved["path"].as_str().expect("path"));
    assert!(file.file_name().is_some_and(|n| n.to_string_lossy().starts_with("PanelDesk-备份-")), "{saved}");
    assert!(saved["files"].as_u64().is_some_and(|n| n >= 2), "{saved}");

    // It restores into a fresh folder, which then holds the signed review.
    let target = h.dir.path().join("restored");
    let pass = PASSPHRASE.to_string();
    let restored =
        paneldesk_api::backup::restore(&file, &target, move || Ok(zeroize::Zeroizing::new(pass))).expect("restore");
    assert!(restored.files >= 2);
    let store = paneldesk_api::data::open(Some(&target)).expect("restored store");
    paneldesk_api::backup::saved::check_exportable(&store, batch::BATCH_ID).expect("its signed review is there");
    std::fs::remove_file(&file).ok();
    std::fs::remove_file(&path).ok();
}

/// 从备份恢复 on a new laptop's first start: refused on a folder with work in
/// it; on a fresh one the backup is checked and staged, and the next start
/// (a new AppState on the same folder) opens the restored folder.
#[test]
fn a_backup_restored_in_the_window_is_the_folder_at_the_next_start() {
    let old = Harness::start(None);
    scored(&old, "LC-2026-001");
    create_identity(&old);
    // Written beside this test's folder, not in the shared export folder the
    // other test's save dialog uses.
    let backup = old.dir.path().join("moving.pdbak");
    let pass = || Ok(zeroize::Zeroizing::new(PASSPHRASE.to_string()));
    let store = old.app.state::<paneldesk_app::AppState>();
    paneldesk_api::backup::backup(&store.store().expect("store"), &backup, false, pass).expect("backup");
    let file = backup.to_string_lossy().into_owned();
    let args = json!({"path": file, "passphrase": PASSPHRASE});
    assert_eq!(old.err("restore_backup", args.clone()), "target-not-empty", "the old laptop's folder has work");

    let laptop = Harness::start(None);
    assert_eq!(
        laptop.err("restore_backup", json!({"path": file, "passphrase": "wrong one"})),
        "backup-wrong-passphrase"
    );
    let staged = laptop.ok("restore_backup", args);
    assert!(staged["files"].as_u64().is_some_and(|n| n >= 2), "{staged}");
    assert!(
        laptop.ok("list_batches", json!({})).as_array().is_some_and(Vec::is_empty),
        "nothing changes until restart"
    );

    let Harness { dir, app, window } = laptop;
    drop((window, app));
    let again = Harness::start(Some(dir));
    assert_eq!(again.ok("get_profile", json!({}))["expert_id"], "X02");
    let batches = again.ok("list_batches", json!({}));
    assert_eq!(batches[0]["id"], batch::BATCH_ID, "{batches}");
    again.ok("check_audit", json!({}));
}
