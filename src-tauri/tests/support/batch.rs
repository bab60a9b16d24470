//! Test batches: fixture packages (paneldesk_core::fixture) whose documents
//! are real, small PDFs, so the in-app viewer has pages to show, plus the
//! hostile cases the window must survive. Shared by the command tests and
//! the e2e setup (examples/e2e_batch.rs).

use paneldesk_core::fixture;
use paneldesk_core::manifest::{Kind, Manifest};
use paneldesk_core::package::builder::{write_entries, PackageBuilder};

pub const BATCH_ID: &str = "E2E-2026";
pub const XSS_NAME: &str = "<img src=x onerror=alert(1)>";

/// A minimal PDF 1.4 with `pages` pages, each printing its number and
/// `label` (ASCII, Helvetica): enough for pdf.js to render and count.
pub fn pdf(label: &str, pages: usize) -> Vec<u8> {
    let safe: String = label.chars().filter(|c| c.is_ascii_alphanumeric() || " -_.".contains(*c)).collect();
    let mut objects: Vec<String> = Vec::new();
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    for i in 0..pages {
        let content = format!("BT /F1 28 Tf 72 720 Td ({safe} - page {}) Tj ET", i + 1);
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// Three establishment packages: a plain eligible one, one whose centre
/// name is an HTML injection attempt, and a third for the conflict case.
pub fn manifests() -> Vec<Manifest> {
    let plain = fixture::establishment("LC-2026-001");
    let mut hostile = fixture::establishment("LC-2026-002");
    hostile.center.name = XSS_NAME.to_string();
    let mut third = fixture::establishment("LC-2026-003");
    third.center.name = "聊城市新能源汽车零部件技术创新中心".to_string();
    third.facilities.rd_space_m2 = paneldesk_core::Dec::from_int(420);
    vec![plain, hostile, third]
}

/// The batch ZIP's bytes (fixture panel: X01 chair, X02…X05 members).
pub fn batch_zip() -> Vec<u8> {
    batch_zip_with(|_| {})
}

/// The same batch with `edit` applied to batch.json first (a roster role,
/// say): unsigned, so any edit stands.
pub fn batch_zip_with(edit: impl FnOnce(&mut paneldesk_core::batch::Batch)) -> Vec<u8> {
    let (mut batch, _) = fixture::batch_zip(BATCH_ID, Kind::Establishment, vec![], 5);
    edit(&mut batch);
    let packages: Vec<(String, Vec<u8>)> = manifests()
        .into_iter()
        .map(|m| {
            let id = m.id.clone();
            let docs = m.documents.clone();
            let mut b = PackageBuilder::new(m);
            for (i, d) in docs.iter().enumerate() {
                b.add_document(&d.path, &d.title, d.kind, pdf(&format!("{id} {}", d.path), 3 + i));
            }
            (id, b.to_bytes())
        })
        .collect();
    batch.packages = packages
        .iter()
        .map(|(id, bytes)| paneldesk_core::batch::BatchPackage {
            id: id.clone(),
            file: format!("packages/{id}.zip"),
            sha256: paneldesk_core::package::sha256_hex(bytes),
        })
        .collect();
    let json = serde_json::to_vec_pretty(&batch).unwrap_or_default();
    let names: Vec<String> = batch.packages.iter().map(|p| p.file.clone()).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![(paneldesk_core::batch::BATCH_JSON, &json)];
    entries.extend(names.iter().map(String::as_str).zip(packages.iter().map(|(_, b)| b.as_slice())));
    write_entries(std::io::Cursor::new(Vec::new()), entries).map(|c| c.into_inner()).unwrap_or_default()
}
