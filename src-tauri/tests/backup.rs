//! 备份数据 and 导出全部已签署意见 through the mock runtime: refused before
//! any dialog when there is nothing to export, a wrong passphrase writes no
//! backup, and what is written restores (backup) or verifies (the ZIP).

mod support;

use std::io::Read;

use serde_json::json;
use support::signing::*;
use support::{batch, pkg, with, Harness};

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
