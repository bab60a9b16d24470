//! Writes what a bureau officer has at hand before issuing a batch, made
//! from an existing batch (the e2e batch):
//! `cargo run --example organizer_kit -- BATCH.zip OUT_DIR PASSPHRASE`.
//!
//! OUT_DIR receives `form.xlsx` (the applicant form of the batch's first
//! package, through the same api as `package export-form`) and `docs/`
//! (that package's documents plus one file the form does not list),
//! `first_id.txt`, `packages/<id>.zip` (the other packages),
//! `certs/E0n.pem` (three experts' exported certificates) and
//! `experts/E01/` (E01's data folder, key under PASSPHRASE), so the window
//! can build, enrol and issue, and E01 can then open the issued batch.

use std::io::Read;
use std::path::Path;

use paneldesk_core::batch::read_batch_file;
use paneldesk_store::Store;

fn fail(zh: &str, en: &str) -> ! {
    eprintln!("{zh} / {en}");
    std::process::exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [batch_zip, out, pass] = args.as_slice() else {
        fail("用法：organizer_kit BATCH.zip OUT_DIR PASSPHRASE", "usage: organizer_kit BATCH.zip OUT_DIR PASSPHRASE")
    };
    if let Err(e) = run(Path::new(batch_zip), Path::new(out), pass) {
        fail(&format!("失败：{e}"), &format!("failed: {e}"));
    }
}

fn run(batch_zip: &Path, out: &Path, pass: &str) -> Result<(), String> {
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let (contents, _) = read_batch_file(batch_zip, |_| {}).map_err(|e| err(&e.message))?;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(batch_zip).map_err(|e| err(&e))?).map_err(|e| err(&e))?;
    let entry = |zip: &mut zip::ZipArchive<std::fs::File>, name: &str| -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        zip.by_name(name).map_err(|e| err(&e))?.read_to_end(&mut bytes).map_err(|e| err(&e))?;
        Ok(bytes)
    };
    for dir in ["docs", "packages", "certs", "source"] {
        std::fs::create_dir_all(out.join(dir)).map_err(|e| err(&e))?;
    }
    let (first, others) = contents.packages.split_first().ok_or("the batch has no package")?;
    let first_zip = out.join("source").join(format!("{}.zip", first.entry.id));
    std::fs::write(&first_zip, entry(&mut zip, &first.entry.file)?).map_err(|e| err(&e))?;
    paneldesk_api::organizer::form::export(&first_zip, &out.join("form.xlsx")).map_err(|e| err(&e.message.en))?;
    std::fs::write(out.join("first_id.txt"), &first.entry.id).map_err(|e| err(&e))?;
    // The first package's documents, as the applicant sent them.
    let mut package =
        zip::ZipArchive::new(std::fs::File::open(&first_zip).map_err(|e| err(&e))?).map_err(|e| err(&e))?;
    for doc in &first.package.manifest.documents {
        let file = out.join("docs").join(&doc.path);
        std::fs::create_dir_all(file.parent().ok_or("no parent")?).map_err(|e| err(&e))?;
        std::fs::write(&file, entry(&mut package, &doc.path)?).map_err(|e| err(&e))?;
    }
    std::fs::write(out.join("docs").join("未列出的说明.txt"), "申报单位附上的说明，清单未列出。\n")
        .map_err(|e| err(&e))?;
    for p in others {
        std::fs::write(out.join("packages").join(format!("{}.zip", p.entry.id)), entry(&mut zip, &p.entry.file)?)
            .map_err(|e| err(&e))?;
    }
    // Three experts, each in a data folder of their own; E01's is kept.
    for (id, name) in [("E01", "王建国"), ("E02", "李红"), ("E03", "赵强")] {
        let dir = out.join("experts").join(id);
        let mut store = Store::open(&dir).map_err(|e| err(&e))?;
        let mut profile = paneldesk_testkit::profile(id);
        profile.name = name.to_string();
        let identity = paneldesk_testkit::identity(&profile).map_err(|e| err(&e))?;
        paneldesk_testkit::install(&mut store, &profile, &identity, pass).map_err(|e| format!("{e:?}"))?;
        let pem = paneldesk_api::identity::export_cert(&store).map_err(|e| err(&e.message.en))?;
        std::fs::write(out.join("certs").join(format!("{id}.pem")), pem).map_err(|e| err(&e))?;
    }
    println!("{}", out.display());
    Ok(())
}
