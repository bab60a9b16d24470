//! Writes the co-signing end-to-end scene for a batch (the demo batch):
//! `cargo run --example cosign_panel -- BATCH.zip MEMBER_DIR OPINION.pdf PASSPHRASE`.
//!
//! Every panel member signs a review of the first package; the chair (in a
//! scratch folder) consolidates them and signs the 专家组意见 to OPINION.pdf.
//! MEMBER_DIR becomes the roster's second expert's data folder: the batch
//! imported and the key that signed their review, under PASSPHRASE, so the
//! window can co-sign OPINION.pdf as that member.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paneldesk_api::batches::ImportOptions;
use paneldesk_api::chair::{self, AcceptNew};
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

/// Close shares of every criterion's maximum: no flags to explain.
const SHARES: [i64; 5] = [85, 80, 90, 80, 85];

fn fail(zh: &str, en: &str) -> ! {
    eprintln!("{zh} / {en}");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [batch_zip, member, opinion, pass] = args.as_slice() else {
        fail(
            "用法：cosign_panel BATCH.zip MEMBER_DIR OPINION.pdf PASSPHRASE",
            "usage: cosign_panel BATCH.zip MEMBER_DIR OPINION.pdf PASSPHRASE",
        )
    };
    if let Err(e) = run(Path::new(batch_zip), Path::new(member), &PathBuf::from(opinion), pass) {
        fail(&format!("失败：{e}"), &format!("failed: {e}"));
    }
}

fn profile(m: &paneldesk_core::batch::PanelMember) -> Profile {
    Profile {
        expert_id: m.expert_id.clone(),
        name: m.name.clone(),
        title: m.title.clone(),
        affiliation: m.affiliation.clone(),
    }
}

fn run(batch_zip: &Path, member_dir: &Path, opinion: &Path, pass: &str) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let (contents, _) = read_batch_file(batch_zip, |_| {}).map_err(|e| err(&e.message))?;
    let batch = contents.batch;
    let scratch = tempfile::tempdir().map_err(|e| err(&e))?;
    let inbox = scratch.path().join("inbox");
    std::fs::create_dir_all(&inbox).map_err(|e| err(&e))?;
    let mut chair_store = Store::open(&scratch.path().join("chair")).map_err(|e| err(&e))?;
    import(&mut chair_store, batch_zip)?;
    let package = contents.packages.first().ok_or("the batch has no package")?;
    let now = chrono::Utc::now();
    let members = batch.panel.iter().filter(|m| m.role != Role::Chair).map(|m| m.expert_id.clone()).collect::<Vec<_>>();
    for (i, m) in batch.panel.iter().enumerate() {
        // The demo batch's roster names its panel's certificates.
        let ident = paneldesk_demo::identities::for_scene(&batch, m, now).map_err(|e| e.en)?;
        if m.role == Role::Chair {
            paneldesk_testkit::install(&mut chair_store, &profile(m), &ident, pass).map_err(|e| format!("{e:?}"))?;
        } else if members.first() == Some(&m.expert_id) {
            let mut store = Store::open(member_dir).map_err(|e| err(&e))?;
            import(&mut store, batch_zip)?;
            paneldesk_testkit::install(&mut store, &profile(m), &ident, pass).map_err(|e| format!("{e:?}"))?;
        }
        let share = SHARES[i % SHARES.len()];
        let scores = batch
            .rubric
            .criteria
            .iter()
            .map(|c| {
                let steps = c.max.micros() / c.step.micros().max(1) * share / 100;
                Score {
                    criterion: c.id.clone(),
                    score: Dec::from_micros(steps * c.step.micros()),
                    comment: format!("{}：意见明确", c.title),
                }
            })
            .collect();
        let sheet = Sheet {
            phase: Phase::Desk,
            conflict_of_interest: Conflict { declared: false, statement: String::new() },
            scores,
            recommendation: batch.rubric.recommendation_options.first().cloned().unwrap_or_default(),
            opinion: format!("{}认为该中心建设方案基本可行。", m.name),
            site_visit: None,
        };
        let expert = Expert {
            expert_id: m.expert_id.clone(),
            name: m.name.clone(),
            title: m.title.clone(),
            affiliation: m.affiliation.clone(),
            certificate_sha256: ident.certificate_sha256(),
        };
        let at = chrono::Local::now().fixed_offset();
        let doc = ReviewDoc::from_sheet(&batch, &package.entry.id, &package.entry.sha256, expert, &sheet, at, "e2e");
        let ctx = ReviewContext { batch: &batch, manifest: &package.package.manifest, signature_png: None };
        let pdf = signed_review(&doc, &ctx, &ident).map_err(|e| err(&e))?;
        std::fs::write(inbox.join(format!("{}.pdf", m.expert_id)), &pdf.bytes).map_err(|e| err(&e))?;
    }
    let out = scratch.path().join("out");
    let secret = || Ok(zeroize::Zeroizing::new(pass.to_string()));
    chair::consolidate(&mut chair_store, &batch.id, &inbox, &out, &BTreeMap::new(), &AcceptNew::All, secret)
        .map_err(|e| e.message.to_string())?;
    let signed = std::fs::read(out.join(format!("{}.pdf", package.entry.id))).map_err(|e| err(&e))?;
    std::fs::write(opinion, signed).map_err(|e| err(&e))?;
    Ok(())
}

/// The batch imported as `batch import` does, pinning its issuer (the demo
/// bureau) on first use.
fn import(store: &mut Store, batch_zip: &Path) -> Result<(), String> {
    let options = ImportOptions { trust: Trust::FirstUse, require_signed: false, cancel: None };
    paneldesk_api::batches::import(store, batch_zip, options, |_| {}).map(|_| ()).map_err(|e| e.message.en)
}
