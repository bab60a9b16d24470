//! Writes the chair's end-to-end scene for a batch (the demo batch):
//! `cargo run --example chair_panel -- BATCH.zip DATA_DIR INBOX_DIR PASSPHRASE`.
//!
//! DATA_DIR becomes the chair's data folder (the roster's chair, the batch
//! imported, a signing key under PASSPHRASE); INBOX_DIR receives every
//! panel member's signed review of the first package (one of them far from
//! the others, so the panel has flags to explain), two reviews of the second,
//! a byte-identical copy and a stray non-PDF.

use std::path::{Path, PathBuf};

use paneldesk_api::batches::ImportOptions;
use paneldesk_api::issuer::Trust;
use paneldesk_core::batch::{read_batch_file, Role};
use paneldesk_core::review_doc::{Expert, ReviewDoc};
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::{Conflict, Phase, Sheet};
use paneldesk_core::Dec;
use paneldesk_opinion::document::signed_review;
use paneldesk_opinion::render::ReviewContext;
use paneldesk_store::identity::Profile;
use paneldesk_store::Store;

/// Each expert's share of every criterion's maximum, in roster order.
const SHARES: [(i64, i64); 5] = [(85, 100), (80, 100), (90, 100), (75, 100), (45, 100)];

fn fail(zh: &str, en: &str) -> ! {
    eprintln!("{zh} / {en}");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [batch_zip, data, inbox, pass] = args.as_slice() else {
        fail(
            "用法：chair_panel BATCH.zip DATA_DIR INBOX_DIR PASSPHRASE",
            "usage: chair_panel BATCH.zip DATA_DIR INBOX_DIR PASSPHRASE",
        )
    };
    if let Err(e) = run(Path::new(batch_zip), Path::new(data), &PathBuf::from(inbox), pass) {
        fail(&format!("失败：{e}"), &format!("failed: {e}"));
    }
}

fn run(batch_zip: &Path, data: &Path, inbox: &Path, pass: &str) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let (contents, _) = read_batch_file(batch_zip, |_| {}).map_err(|e| err(&e.message))?;
    let batch = contents.batch;
    std::fs::create_dir_all(inbox).map_err(|e| err(&e))?;
    let now = chrono::Utc::now();
    let mut store = Store::open(data).map_err(|e| err(&e))?;
    import(&mut store, batch_zip)?;
    for (i, member) in batch.panel.iter().enumerate() {
        // The demo batch's roster names its panel's certificates.
        let ident = paneldesk_demo::identities::for_scene(&batch, member, now).map_err(|e| e.en)?;
        if member.role == Role::Chair {
            let profile = Profile {
                expert_id: member.expert_id.clone(),
                name: member.name.clone(),
                title: member.title.clone(),
                affiliation: member.affiliation.clone(),
            };
            paneldesk_testkit::install(&mut store, &profile, &ident, pass).map_err(|e| err(&format!("{e:?}")))?;
        }
        let (num, den) = SHARES[i % SHARES.len()];
        let packages = if i < 2 { 2 } else { 1 };
        for p in contents.packages.iter().take(packages) {
            let scores = batch
                .rubric
                .criteria
                .iter()
                .map(|c| {
                    let steps = c.max.micros() / c.step.micros().max(1) * num / den;
                    let score = Dec::from_micros(steps * c.step.micros());
                    Score { criterion: c.id.clone(), score, comment: format!("{}：意见明确", c.title) }
                })
                .collect();
            let sheet = Sheet {
                phase: Phase::Desk,
                conflict_of_interest: Conflict { declared: false, statement: String::new() },
                scores,
                recommendation: batch.rubric.recommendation_options.first().cloned().unwrap_or_default(),
                opinion: format!("{}认为该中心建设方案基本可行。", member.name),
                site_visit: None,
            };
            let expert = Expert {
                expert_id: member.expert_id.clone(),
                name: member.name.clone(),
                title: member.title.clone(),
                affiliation: member.affiliation.clone(),
                certificate_sha256: ident.certificate_sha256(),
            };
            let at = chrono::Local::now().fixed_offset();
            let doc = ReviewDoc::from_sheet(&batch, &p.entry.id, &p.entry.sha256, expert, &sheet, at, "e2e");
            let ctx = ReviewContext { batch: &batch, manifest: &p.package.manifest, signature_png: None };
            let pdf = signed_review(&doc, &ctx, &ident).map_err(|e| err(&e))?;
            let name = format!("{}-{}.pdf", member.expert_id, p.entry.id);
            std::fs::write(inbox.join(&name), &pdf.bytes).map_err(|e| err(&e))?;
            if i == 1 && p.entry.id == contents.packages[0].entry.id {
                std::fs::write(inbox.join(format!("copy of {name}")), &pdf.bytes).map_err(|e| err(&e))?;
            }
        }
    }
    std::fs::write(inbox.join("会议安排.txt"), "评审会议：上午九点").map_err(|e| err(&e))?;
    Ok(())
}

/// The batch imported as `batch import` does, pinning its issuer (the demo
/// bureau) on first use.
fn import(store: &mut Store, batch_zip: &Path) -> Result<(), String> {
    let options = ImportOptions { trust: Trust::FirstUse, require_signed: false, cancel: None };
    paneldesk_api::batches::import(store, batch_zip, options, |_| {}).map(|_| ()).map_err(|e| e.message.en)
}
