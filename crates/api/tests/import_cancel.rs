//! Cancelling a batch import (issue 13 item 11): raised before the import,
//! or while a package is being checked, the flag stops it with
//! `import-cancelled` and nothing of the batch is recorded; the same file
//! then imports whole.

use std::sync::atomic::{AtomicBool, Ordering};

use paneldesk_api::batches::{self, ImportOptions};
use paneldesk_api::issuer::Trust;
use paneldesk_api::ErrorCode;
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;

fn batch(dir: &std::path::Path) -> std::path::PathBuf {
    let manifests = vec![fixture::establishment("P-1"), fixture::establishment("P-2"), fixture::establishment("P-3")];
    let (_, bytes) = fixture::batch_zip("B-CANCEL", Kind::Establishment, manifests, 3);
    let path = dir.join("batch.zip");
    std::fs::write(&path, bytes).expect("batch");
    path
}

#[test]
fn a_cancelled_import_records_nothing_and_the_file_opens_afterwards() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = batch(dir.path());
    let mut store = paneldesk_api::data::open(Some(&dir.path().join("data"))).expect("store");
    let cancel = AtomicBool::new(false);
    let options = ImportOptions { trust: Trust::FirstUse, require_signed: false, cancel: Some(&cancel) };

    // 取消 pressed while the second package is being checked.
    let mut seen = Vec::new();
    let e = batches::import(&mut store, &path, options, |p| {
        seen.push(p.package_id.clone());
        if p.done == 1 {
            cancel.store(true, Ordering::Relaxed);
        }
    })
    .expect_err("cancelled");
    assert_eq!(e.code, ErrorCode::ImportCancelled);
    assert!(e.message.zh.contains("已取消导入") && e.message.en.contains("cancelled"), "{:?}", e.message);
    assert_eq!(seen, ["P-1", "P-2"], "it stopped at the package being checked");
    assert!(batches::list(&store).expect("list").is_empty(), "nothing was recorded");
    assert!(store.batch("B-CANCEL").expect("read").is_none());

    // Raised before it starts: not even the hashing runs to the end.
    let e = batches::import(&mut store, &path, options, |_| panic!("no package is checked")).expect_err("cancelled");
    assert_eq!(e.code, ErrorCode::ImportCancelled);

    // Lowered again (the window does so at each open): the same file imports whole.
    cancel.store(false, Ordering::Relaxed);
    let opened = batches::import(&mut store, &path, options, |_| {}).expect("imported");
    assert_eq!((opened.id.as_str(), opened.packages), ("B-CANCEL", 3));
}
