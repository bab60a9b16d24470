//! Writes the deputy chair's end-to-end scene:
//! `cargo run --example deputy_panel -- BATCH.zip DATA_DIR INBOX_DIR PASSPHRASE`.
//!
//! BATCH.zip is the e2e batch with X02 made the roster's deputy (副组长).
//! DATA_DIR becomes X02's data folder (the batch imported, a key under
//! PASSPHRASE); INBOX_DIR receives everyone's signed review of every
//! package, except that the chair, X01, declared a conflict on the first
//! one: the deputy presides there, and the other packages stay the chair's.

// Only the batch with an edited roster is used here.
#[allow(dead_code)]
#[path = "../tests/support/batch.rs"]
mod batch;

use std::path::Path;

use paneldesk_api::batches::ImportOptions;
use paneldesk_api::issuer::Trust;
use paneldesk_core::batch::Role;
use paneldesk_store::Store;
use paneldesk_testkit::{desk_sheet, identity, install, profile, signed_review_as};

const PANEL: [&str; 5] = ["X01", "X02", "X03", "X04", "X05"];

fn fail(zh: &str, en: &str) -> ! {
    eprintln!("{zh} / {en}");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [batch_zip, data, inbox, pass] = args.as_slice() else {
        fail(
            "用法：deputy_panel BATCH.zip DATA_DIR INBOX_DIR PASSPHRASE",
            "usage: deputy_panel BATCH.zip DATA_DIR INBOX_DIR PASSPHRASE",
        )
    };
    if let Err(e) = run(Path::new(batch_zip), Path::new(data), Path::new(inbox), pass) {
        fail(&format!("失败：{e}"), &format!("failed: {e}"));
    }
}

fn run(batch_zip: &Path, data: &Path, inbox: &Path, pass: &str) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Debug| format!("{e:?}");
    let bytes = batch::batch_zip_with(|b| {
        if let Some(m) = b.panel.iter_mut().find(|m| m.expert_id == "X02") {
            m.role = Role::Deputy;
        }
    });
    if let Some(dir) = batch_zip.parent() {
        std::fs::create_dir_all(dir).map_err(|e| err(&e))?;
    }
    std::fs::write(batch_zip, bytes).map_err(|e| err(&e))?;
    std::fs::create_dir_all(inbox).map_err(|e| err(&e))?;
    let mut store = Store::open(data).map_err(|e| err(&e))?;
    let options = ImportOptions { trust: Trust::FirstUse, require_signed: false, cancel: None };
    let opened = paneldesk_api::batches::import(&mut store, batch_zip, options, |_| {}).map_err(|e| err(&e))?;
    let stored = store.batch(&opened.id).map_err(|e| err(&e))?.ok_or("the batch was not imported")?;
    let packages = stored
        .packages
        .iter()
        .map(|p| store.find_package(&p.id, Some(&opened.id)).map_err(|e| err(&e))?.ok_or(format!("no {}", p.id)))
        .collect::<Result<Vec<_>, String>>()?;
    for (i, id) in PANEL.iter().enumerate() {
        let who = profile(id);
        let key = identity(&who).map_err(|e| err(&e))?;
        if *id == "X02" {
            install(&mut store, &who, &key, pass).map_err(|e| err(&e))?;
        }
        for (n, p) in packages.iter().enumerate() {
            let recused = *id == "X01" && n == 0;
            // Spread enough for a flag on the deputy's package.
            let foundation = if i == 4 { 20 } else { 40 - i64::try_from(i).unwrap_or(0) * 2 };
            let sheet = desk_sheet(foundation, "45", recused, "基础较好，方案可行。");
            let pdf = signed_review_as(&stored, p, &key, id, &sheet, 0).map_err(|e| err(&e))?;
            std::fs::write(inbox.join(format!("{id}-{}.pdf", p.package_id)), pdf).map_err(|e| err(&e))?;
        }
    }
    Ok(())
}
