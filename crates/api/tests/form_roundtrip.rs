//! Every demo package goes through the applicant's Excel form and back
//! (issue 11): export-form → build --form with the package's own documents
//! gives the same manifest facts and the same formal-review verdict.

use std::io::Read;
use std::path::Path;

use paneldesk_api::check;
use paneldesk_api::organizer::{form, package};
use paneldesk_core::batch::{copy_package, read_batch_file};

fn demo(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo").join(name)
}

#[test]
fn every_demo_package_round_trips_through_the_excel_form() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seen = 0;
    for batch_file in ["establishment-2026.zip", "acceptance-2026.zip"] {
        let path = demo(batch_file);
        let (contents, _) = read_batch_file(&path, |_| {}).expect("demo batch");
        for p in &contents.packages {
            let id = &p.entry.id;
            // The package as the bureau holds it, and its documents unpacked.
            let original = dir.path().join(format!("{id}.zip"));
            let reader = std::io::BufReader::new(std::fs::File::open(&path).expect("batch"));
            copy_package(reader, &p.entry.file, std::fs::File::create(&original).expect("create")).expect("copy");
            let docs = dir.path().join(format!("docs-{id}"));
            let mut zip = zip::ZipArchive::new(std::fs::File::open(&original).expect("pkg")).expect("zip");
            for d in &p.package.manifest.documents {
                let mut bytes = Vec::new();
                zip.by_name(&d.path).expect("document").read_to_end(&mut bytes).expect("read");
                let target = d.path.split('/').fold(docs.clone(), |t, part| t.join(part));
                std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
                std::fs::write(target, bytes).expect("write");
            }

            let xlsx = dir.path().join(format!("{id}.xlsx"));
            form::export(&original, &xlsx).expect("export-form");
            let manifest = form::manifest(&xlsx).expect("read the form");
            let rebuilt = dir.path().join(format!("{id}-rebuilt.zip"));
            let built = package::build(manifest, &docs, &rebuilt).expect("build --form");

            let before = check::package_file(&original).expect("check original");
            assert_eq!(built.checked.package.manifest, before.package.manifest, "{id}: the same facts");
            assert_eq!(built.checked.review.verdict, before.review.verdict, "{id}: the same verdict");
            assert_eq!(built.checked.review.rules.len(), before.review.rules.len(), "{id}");
            assert!(built.left_out.is_empty(), "{id}: {:?}", built.left_out);
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} demo packages");
}
