//! A small A4 document writer on printpdf 0.12: flowing text with page
//! breaks, a running header, a footer on every page (page numbers, and for
//! signed opinions the hashes), subset CJK fonts and reproducible bytes
//! (fixed dates, fixed resource names, a document id derived from the
//! document's identity rather than printpdf's counter-based "random" one).

use printpdf::{
    BuiltinFont, Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, TextItem, XObjectId, XObjectTransform,
};

pub use super::fonts::{Fonts, Weight};
use super::layout::break_lines;

/// Resource names double as the subset tag (its first six letters), so they
/// are six capitals, and fixed.
const REGULAR_ID: &str = "PDREGU";
const BOLD_ID: &str = "PDBOLD";

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const BODY: f32 = 10.5;
pub(crate) const LEADING: f32 = 1.65;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// The text area of every page, in points from the lower left corner.
#[derive(Clone, Copy)]
pub struct Frame {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Frame {
    /// Reports and application documents: 1-inch margins.
    pub const REPORT: Frame = Frame { left: 72.0, right: PAGE_W - 72.0, top: PAGE_H - 76.0, bottom: 72.0 };
    /// Opinion forms: wider tables, and room at the bottom for the hashes.
    pub const FORM: Frame = Frame { left: 56.0, right: PAGE_W - 56.0, top: PAGE_H - 62.0, bottom: 96.0 };

    pub fn width(&self) -> f32 {
        self.right - self.left
    }
}

/// What goes into the Info dictionary and the trailer id.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    /// Unique per document: seeds the trailer /ID.
    pub identifier: &'a str,
    pub date: chrono::DateTime<chrono::FixedOffset>,
    pub creator: &'a str,
}

/// The footer's hash lines: a Chinese label, then 64 hex digits in Courier
/// (plain ASCII in the content stream, so `footer_hashes` can read them).
pub struct HashLine {
    pub label: String,
    pub sha256: String,
}

/// An image placed on a page (the drawn signature), under a fixed name.
pub(crate) struct PlacedImage {
    pub(crate) id: &'static str,
    pub(crate) image: RawImage,
}

pub struct Doc<'f> {
    pub(crate) fonts: &'f Fonts,
    pub(crate) frame: Frame,
    header: String,
    hashes: Vec<HashLine>,
    pub(crate) pages: Vec<Vec<Op>>,
    pub(crate) ops: Vec<Op>,
    /// Top of the free space on the current page, in points from the bottom.
    pub(crate) y: f32,
    used_bold: bool,
    /// Per weight (regular, bold): some text is not in the cut face.
    uncommon: [bool; 2],
    pub(crate) images: Vec<PlacedImage>,
    error: Option<String>,
}

impl<'f> Doc<'f> {
    /// `header` is printed small at the top of every page (none when empty).
    pub fn new(fonts: &'f Fonts, header: &str) -> Doc<'f> {
        Doc::with_frame(fonts, header, Frame::REPORT)
    }

    pub fn with_frame(fonts: &'f Fonts, header: &str, frame: Frame) -> Doc<'f> {
        Doc {
            fonts,
            frame,
            header: header.to_string(),
            hashes: Vec::new(),
            pages: Vec::new(),
            ops: Vec::new(),
            y: frame.top,
            used_bold: false,
            uncommon: [false; 2],
            images: Vec::new(),
            error: None,
        }
    }

    /// Hash lines printed in every page's footer, under the page number.
    pub fn footer_hashes(&mut self, lines: Vec<HashLine>) {
        self.hashes = lines;
    }

    pub fn gap(&mut self, pt: f32) {
        self.y -= pt;
    }

    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = self.frame.top;
    }

    /// 0-based index of the page being written.
    pub fn page_index(&self) -> usize {
        self.pages.len()
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub fn ensure(&mut self, h: f32) {
        if self.y - h < self.frame.bottom && self.y < self.frame.top {
            self.new_page();
        }
    }

    /// Draws one line of text with its baseline at `baseline`.
    pub fn text(&mut self, x: f32, baseline: f32, text: &str, size: f32, weight: Weight, grey: f32) {
        if let Some(c) = self.fonts.metrics(weight).missing_glyph(text) {
            self.error.get_or_insert(format!("no glyph for {c:?} in {text:?}"));
        }
        self.used_bold |= weight == Weight::Bold;
        let w = usize::from(weight == Weight::Bold);
        if !self.uncommon[w] && !self.fonts.common_covers(weight, text) {
            self.uncommon[w] = true;
        }
        let id = if weight == Weight::Bold { BOLD_ID } else { REGULAR_ID };
        self.ops.extend([
            Op::SetFillColor { col: grey_color(grey) },
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(FontId(id.to_string())), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    /// ASCII in the built-in Courier: a literal string in the content stream.
    fn courier(&mut self, x: f32, baseline: f32, text: &str, size: f32) {
        self.ops.extend([
            Op::SetFillColor { col: grey_color(0.2) },
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::Builtin(BuiltinFont::Courier), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    pub fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        self.fonts.metrics(weight).width(text, size)
    }

    /// The baseline of a line of `size` set in a box of height `lh` whose
    /// top is `top` (Noto's em box sits about 0.88/0.12 around it).
    pub fn baseline(top: f32, lh: f32, size: f32) -> f32 {
        top - (lh - size) / 2.0 - size * 0.88
    }

    /// Wrapped text across the full width; `indent` on the first line.
    pub fn flow(&mut self, text: &str, size: f32, weight: Weight, align: Align, indent: f32) {
        let lh = size * LEADING;
        let (left, right) = (self.frame.left, self.frame.right);
        let lines = break_lines(self.fonts.metrics(weight), text, size, right - left, indent);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            let w = self.width(line, size, weight);
            let x = match align {
                Align::Left => left + if i == 0 { indent } else { 0.0 },
                Align::Center => (left + right - w) / 2.0,
                Align::Right => right - w,
            };
            self.text(x, Self::baseline(self.y, lh, size), line, size, weight, 0.0);
            self.y -= lh;
        }
    }

    /// The document's title, large and centred.
    pub fn title(&mut self, text: &str) {
        self.gap(6.0);
        self.flow(text, 18.0, Weight::Bold, Align::Center, 0.0);
        self.gap(6.0);
    }

    /// A centred line (subtitle, dates).
    pub fn center(&mut self, text: &str, size: f32) {
        self.flow(text, size, Weight::Regular, Align::Center, 0.0);
    }

    /// A section heading; kept with at least three lines of what follows.
    pub fn heading(&mut self, text: &str) {
        self.gap(8.0);
        self.ensure(13.0 * LEADING + 3.0 * BODY * LEADING);
        self.flow(text, 13.0, Weight::Bold, Align::Left, 0.0);
        self.gap(2.0);
    }

    /// A body paragraph with the customary two-character indent.
    pub fn para(&mut self, text: &str) {
        self.flow(text, BODY, Weight::Regular, Align::Left, 2.0 * BODY);
    }

    /// Paragraphs, one per line of `text`, each indented (an expert's
    /// opinion as typed); blank lines are skipped.
    pub fn paragraphs(&mut self, text: &str) {
        for p in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            self.para(p);
        }
    }

    /// A line without indent (lists, clauses).
    pub fn line(&mut self, text: &str) {
        self.flow(text, BODY, Weight::Regular, Align::Left, 0.0);
    }

    /// Small print (notes under a form).
    pub fn small(&mut self, text: &str) {
        self.flow(text, 8.5, Weight::Regular, Align::Left, 0.0);
    }

    /// A bold line (clause titles, list captions).
    pub fn bold(&mut self, text: &str) {
        self.flow(text, BODY, Weight::Bold, Align::Left, 0.0);
    }

    /// Right-aligned lines (signatures, seals, dates).
    pub fn right(&mut self, text: &str) {
        self.flow(text, BODY, Weight::Regular, Align::Right, 0.0);
    }

    fn hline(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32) {
        let p = |x| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        ops.push(Op::SetOutlineColor { col: grey_color(0.5) });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        ops.push(Op::DrawLine { line: Line { points: vec![p(x1), p(x2)], is_closed: false } });
    }

    /// Header, "第 i 页 共 n 页" and the hash lines on every page, then the
    /// PDF bytes.
    pub fn finish(mut self, meta: &Meta) -> Result<Vec<u8>, String> {
        self.new_page();
        let n = self.pages.len();
        let (left, right) = (self.frame.left, self.frame.right);
        let mut out = Vec::with_capacity(n);
        for (i, body) in std::mem::take(&mut self.pages).into_iter().enumerate() {
            if !self.header.is_empty() {
                let header = self.header.clone();
                self.text(left, PAGE_H - 50.0, &header, 8.0, Weight::Regular, 0.45);
                Self::hline(&mut self.ops, left, right, PAGE_H - 56.0);
            }
            let footer = format!("第 {} 页 共 {n} 页", i + 1);
            let fw = self.width(&footer, 8.0, Weight::Regular);
            if self.hashes.is_empty() {
                self.text((PAGE_W - fw) / 2.0, 40.0, &footer, 8.0, Weight::Regular, 0.45);
            } else {
                self.hash_footer(&footer, fw);
            }
            let mut ops = std::mem::take(&mut self.ops);
            ops.extend(body);
            out.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.save(meta, out)
    }

    /// A rule, the page number, then one line per hash: label, then digits.
    fn hash_footer(&mut self, footer: &str, fw: f32) {
        let (left, right) = (self.frame.left, self.frame.right);
        Self::hline(&mut self.ops, left, right, 78.0);
        self.text((PAGE_W - fw) / 2.0, 64.0, footer, 8.0, Weight::Regular, 0.45);
        let labels: Vec<(String, String)> = self.hashes.iter().map(|h| (h.label.clone(), h.sha256.clone())).collect();
        let label_w = labels.iter().map(|(l, _)| self.width(l, 7.5, Weight::Regular)).fold(0.0, f32::max);
        for (k, (label, hash)) in labels.iter().enumerate() {
            let baseline = 50.0 - 11.0 * k as f32;
            self.text(left, baseline, label, 7.5, Weight::Regular, 0.35);
            self.courier(left + label_w + 4.0, baseline, hash, 7.5);
        }
    }

    fn save(&self, meta: &Meta, pages: Vec<PdfPage>) -> Result<Vec<u8>, String> {
        let mut doc = PdfDocument::new(meta.title);
        let fonts = &mut doc.resources.fonts.map;
        let face = |w: Weight| self.fonts.embedding(w, !self.uncommon[usize::from(w == Weight::Bold)]).cloned();
        fonts.insert(FontId(REGULAR_ID.into()), PdfFont::new(face(Weight::Regular)?));
        if self.used_bold {
            fonts.insert(FontId(BOLD_ID.into()), PdfFont::new(face(Weight::Bold)?));
        }
        for img in &self.images {
            let xobject = printpdf::XObject::Image(img.image.clone());
            doc.resources.xobjects.map.insert(XObjectId(img.id.to_string()), xobject);
        }
        let date = printpdf::OffsetDateTime::from_unix_timestamp(meta.date.timestamp())?;
        let info = &mut doc.metadata.info;
        (info.creation_date, info.modification_date, info.metadata_date) = (date, date, date);
        info.author = meta.author.to_string();
        info.subject = meta.subject.to_string();
        info.identifier = meta.identifier.to_string();
        info.creator = meta.creator.to_string();
        info.producer = "printpdf 0.12".to_string();
        doc.with_pages(pages);

        let mut warnings = Vec::new();
        let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
        if let Some(w) = warnings.iter().find(|w| w.severity == printpdf::PdfParseErrorSeverity::Error) {
            return Err(format!("printpdf: {}", w.msg));
        }
        // printpdf fills /ID from a process-wide counter: replace both
        // strings with a digest of the document's identity.
        let digest = paneldesk_core::package::sha256_hex(meta.identifier.as_bytes());
        if let Ok(ids) = lo.trailer.get_mut(b"ID").and_then(|o| o.as_array_mut()) {
            for (i, id) in ids.iter_mut().enumerate() {
                if let (Ok(bytes), Some(part)) = (id.as_str_mut(), digest.get(i * 32..(i + 1) * 32)) {
                    *bytes = part.as_bytes().to_vec();
                }
            }
        }
        lo.compress();
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes).map_err(|e| format!("cannot write the PDF: {e}"))?;
        Ok(bytes)
    }
}

pub(crate) fn grey_color(percent: f32) -> Color {
    Color::Greyscale(Greyscale { percent, icc_profile: None })
}

/// Where an image goes: lower left corner and size in points.
pub(crate) fn place(id: &str, x: f32, y: f32, w: f32, h: f32, px: (usize, usize)) -> Op {
    Op::UseXobject {
        id: XObjectId(id.to_string()),
        transform: XObjectTransform {
            translate_x: Some(Pt(x)),
            translate_y: Some(Pt(y)),
            // At 72 dpi one pixel is one point: the scale is then the size.
            dpi: Some(72.0),
            scale_x: Some(w / px.0.max(1) as f32),
            scale_y: Some(h / px.1.max(1) as f32),
            ..Default::default()
        },
    }
}
