//! Shared fixtures: a small PDF made with lopdf, an identity, a signed file,
//! and a helper to find external tools.

#![allow(dead_code)] // each test file uses a different subset

pub mod forms;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, Utc};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::sign::{attach_file, sign_pdf, SignatureAppearance};

pub const REVIEW_JSON: &[u8] =
    r#"{"format":"tic-review/1","package_id":"LC-2026-007","expert":{"expert_id":"E-001","name":"张三"},"total":86.5}"#
        .as_bytes();

/// A one-page A4 PDF with a line of text, saved by lopdf (classic xref table).
pub fn small_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 14.into()]),
            Operation::new("Td", vec![72.into(), 760.into()]),
            Operation::new("Tj", vec![Object::string_literal("Expert review - test page")]),
            Operation::new("ET", vec![]),
        ],
    };
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().expect("content")));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// The same page saved with object streams and a cross-reference stream,
/// as other producers write PDF 1.5+.
pub fn small_pdf_modern() -> Vec<u8> {
    let mut doc = Document::load_mem(&small_pdf()).expect("load");
    let mut out = Vec::new();
    doc.save_modern(&mut out).expect("save");
    out
}

/// A page with Chinese text, made with printpdf 0.12 and the bundled font,
/// the way the render module makes review forms.
pub fn printpdf_cjk() -> Vec<u8> {
    use printpdf::{
        FontId, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
    };
    let font_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts/NotoSansSC_400Regular.ttf");
    let font_bytes = std::fs::read(font_path).expect("font");
    let font = ParsedFont::from_bytes(&font_bytes, 0, &mut Vec::new()).expect("parse font");
    let mut doc = PdfDocument::new("专家评审意见表");
    doc.resources.fonts.map.insert(FontId("R".into()), PdfFont::new(font));
    let ops = vec![
        Op::StartTextSection,
        Op::SetFont { font: PdfFontHandle::External(FontId("R".into())), size: Pt(16.0) },
        Op::SetTextCursor { pos: Point { x: Pt(72.0), y: Pt(760.0) } },
        Op::ShowText { items: vec![TextItem::Text("专家评审意见表 – 总分 86.5".into())] },
        Op::EndTextSection,
    ];
    doc.with_pages(vec![PdfPage::new(Mm(210.0), Mm(297.0), ops)]);
    let mut warnings = Vec::new();
    doc.save(&PdfSaveOptions::default(), &mut warnings)
}

pub fn now() -> DateTime<Utc> {
    std::time::SystemTime::now().into()
}

pub fn signing_time() -> DateTime<FixedOffset> {
    now().with_timezone(&FixedOffset::east_opt(8 * 3600).expect("offset"))
}

/// One identity for the whole test binary: key generation is cheap, but
/// sharing it keeps the files comparable.
pub fn identity() -> &'static Identity {
    static ID: OnceLock<Identity> = OnceLock::new();
    ID.get_or_init(|| Identity::create("E-001", "张三", "教授", "聊城大学", now()).expect("identity"))
}

pub fn appearance() -> SignatureAppearance {
    SignatureAppearance {
        page: 0,
        rect: [360.0, 60.0, 540.0, 110.0],
        lines: vec!["Digitally signed: E-001".into(), "PanelDesk".into()],
    }
}

/// The small PDF with review.json attached, signed by `identity()`.
pub fn signed_review() -> Vec<u8> {
    let attached =
        attach_file(&small_pdf(), "review.json", REVIEW_JSON, "application/json", "评审意见数据 review data")
            .expect("attach");
    sign_pdf(&attached, identity(), &appearance(), signing_time()).expect("sign")
}

/// A scratch directory that lives as long as the value.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The tool's path when it is installed; otherwise prints why the test is
/// skipped (the Makefile installs them, so on CI they are present).
pub fn tool(name: &str, install: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()));
    if found.is_none() {
        eprintln!("SKIPPED: `{name}` is not installed ({install})");
    }
    found
}

/// Runs a command, returning (success, stdout + stderr).
pub fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().expect("run tool");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}
