//! Shared by the signing tests: the export folder, a scored sheet, a key,
//! a drawn signature, and reading the PDFs back.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::{json, Value};
use tauri::ipc::InvokeResponseBody;

use super::{pkg, with, Harness};

pub const PASSPHRASE: &str = "长城 correct horse 2026";

/// Every export of this test binary goes to one folder (the variable is
/// process-wide); the file name tells the packages apart.
pub fn export_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("paneldesk-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("export dir");
        std::env::set_var(paneldesk_app::commands::signing::ENV_EXPORT_DIR, &dir);
        dir
    })
}

pub fn scored(h: &Harness, package: &str) {
    h.set_profile("X02");
    h.open_test_batch();
    h.ok("declare_conflict", with(pkg(package), json!({"declared": false, "statement": ""})));
    let sheet = json!({"sheet": {
        "scores": [
            {"criterion": "foundation", "score": "35.5", "comment": "研发基础扎实"},
            {"criterion": "plan", "score": "48", "comment": ""}
        ],
        "recommendation": "recommend",
        "opinion": "同意推荐组建。",
    }});
    let r = h.ok("save_sheet", with(pkg(package), sheet));
    assert_eq!(r["problems"], json!([]), "a valid sheet");
}

pub fn create_identity(h: &Harness) -> Value {
    h.ok("create_identity", json!({"passphrase": PASSPHRASE, "confirm": PASSPHRASE}))
}

pub fn bytes(h: &Harness, cmd: &str, args: Value) -> Vec<u8> {
    match h.raw(cmd, args) {
        Ok(InvokeResponseBody::Raw(b)) => b,
        Ok(other) => panic!("{cmd}: expected bytes, got {other:?}"),
        Err(e) => panic!("{cmd} failed: {e}"),
    }
}

/// A small signature-pad PNG: a dark diagonal stroke on transparency.
pub fn signature_png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().expect("png header");
    let mut pixels = vec![0u8; (w * h * 4) as usize];
    for x in 0..w {
        let y = x * h / w;
        for dy in 0..3.min(h - y) {
            let i = (((y + dy) * w + x) * 4) as usize;
            pixels[i..i + 4].copy_from_slice(&[11, 31, 75, 255]);
        }
    }
    writer.write_image_data(&pixels).expect("png data");
    writer.finish().expect("png end");
    out
}

pub fn has_image_xobject(pdf: &[u8]) -> bool {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    doc.objects.values().any(|o| {
        o.as_stream().is_ok_and(|s| s.dict.get(b"Subtype").and_then(|v| v.as_name()).is_ok_and(|n| n == b"Image"))
    })
}

pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("p.pdf");
    std::fs::write(&file, pdf).expect("write");
    let out = Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext (poppler-utils) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
