//! Test batches: fixture packages (paneldesk_core::fixture) whose documents
//! are real, small PDFs, so the in-app viewer has pages to show, plus the
//! hostile cases the window must survive. Shared by the command tests and
//! the e2e setup (examples/e2e_batch.rs).

use paneldesk_core::fixture;
use paneldesk_core::manifest::{DocKind, Kind, Manifest};
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
    let objects: Vec<Vec<u8>> = objects.into_iter().map(String::into_bytes).collect();
    pdf_of(&objects)
}

/// A PDF 1.4 file of `objects` (object n is objects[n - 1], object 1 the
/// catalog), its cross-reference table and trailer.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
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

/// A 240×160 PNG, a gradient: an image the viewer can show and zoom.
pub fn photo() -> Vec<u8> {
    let (w, h) = (240u32, 160u32);
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            pixels.extend([(x * 255 / w) as u8, (y * 255 / h) as u8, 160]);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(&pixels);
    }
    out
}

/// A one-page scan as scanners write them: a greyscale JPEG (/DCTDecode)
/// filling an A4 page, no text; its left half dark (40), its right half
/// light (230), so a viewer that draws it can be checked pixel by pixel.
pub fn scan() -> Vec<u8> {
    let (w, h) = (400u16, 566u16);
    let pixels: Vec<u8> = (0..usize::from(w) * usize::from(h))
        .map(|i| if i % usize::from(w) < usize::from(w) / 2 { 40 } else { 230 })
        .collect();
    let mut jpeg = Vec::new();
    let _ = jpeg_encoder::Encoder::new(&mut jpeg, 90).encode(&pixels, w, h, jpeg_encoder::ColorType::Luma);
    let content = b"q 595 0 0 842 0 0 cm /Scan Do Q";
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Scan 5 0 R >> >> >>".to_vec(),
    ];
    objects.push([format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), content, b"\nendstream"].concat());
    let image = format!(
        "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    );
    objects.push([image.as_bytes(), &jpeg, b"\nendstream"].concat());
    pdf_of(&objects)
}

/// An equipment list as bureaus keep them: a merged title row, a header,
/// figures, and a second sheet.
pub fn equipment() -> Vec<u8> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    // A fixed creation time: the workbook otherwise carries "now" to the
    // second, and two builds of the batch a second apart would differ.
    if let Ok(t) = ExcelDateTime::from_ymd(2026, 4, 15) {
        book.set_properties(&DocProperties::new().set_creation_datetime(&t));
    }
    let built = (|| -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let s = book.add_worksheet().set_name("设备清单")?;
        s.merge_range(0, 0, 0, 2, "仪器设备清单（原值 ≥ 10 万元）", &Format::new())?;
        for (c, h) in ["名称", "原值（万元）", "数量"].iter().enumerate() {
            s.write(1, c as u16, *h)?;
        }
        for (r, (name, value, n)) in [("五轴数控加工中心", 694.3, 1), ("电子显微镜", 312.5, 2)].iter().enumerate()
        {
            s.write(2 + r as u32, 0, *name)?;
            s.write(2 + r as u32, 1, *value)?;
            s.write(2 + r as u32, 2, *n)?;
        }
        book.add_worksheet().set_name("说明")?.write(0, 0, "数据来源：固定资产台账")?;
        book.save_to_buffer()
    })();
    built.unwrap_or_default()
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
            // The viewer's other kinds: a site photo, an equipment list, a scan.
            if id == "LC-2026-003" {
                b.add_document("photos/site.png", "中试车间现场照片", DocKind::FacilityProof, photo());
                b.add_document("lists/equipment.xlsx", "仪器设备清单", DocKind::EquipmentList, equipment());
                b.add_document("scans/lease.pdf", "场地租赁合同（扫描件）", DocKind::FacilityProof, scan());
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
