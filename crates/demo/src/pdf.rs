//! A small A4 document writer on printpdf 0.12: headings, paragraphs,
//! bordered tables, running header and page numbers, subset CJK fonts and
//! reproducible bytes (fixed dates, fixed font resource names, a document id
//! derived from the document's identity rather than printpdf's
//! counter-based "random" one).

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::layout::{break_lines, Metrics};

pub const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC_400Regular.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC_700Bold.ttf");

/// Resource names double as the subset tag (its first six letters), so they
/// are six capitals, and fixed.
const REGULAR_ID: &str = "PDREGU";
const BOLD_ID: &str = "PDBOLD";

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 72.0;
const RIGHT: f32 = PAGE_W - 72.0;
const TOP: f32 = PAGE_H - 76.0;
const BOTTOM: f32 = 72.0;
pub const BODY: f32 = 10.5;
const LEADING: f32 = 1.65;
const CELL_PAD: f32 = 4.0;
const CELL_SIZE: f32 = 9.5;
const CELL_LEADING: f32 = 1.5;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Both faces, parsed once per run: printpdf's for embedding, ttf-parser's
/// for measuring.
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    regular_metrics: Metrics<'static>,
    bold_metrics: Metrics<'static>,
}

impl Fonts {
    pub fn load() -> Result<Fonts, String> {
        let parse =
            |bytes: &[u8]| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or("printpdf cannot parse the font");
        Ok(Fonts {
            regular: parse(REGULAR_TTF)?,
            bold: parse(BOLD_TTF)?,
            regular_metrics: Metrics::parse(REGULAR_TTF)?,
            bold_metrics: Metrics::parse(BOLD_TTF)?,
        })
    }

    fn metrics(&self, w: Weight) -> &Metrics<'static> {
        match w {
            Weight::Regular => &self.regular_metrics,
            Weight::Bold => &self.bold_metrics,
        }
    }
}

/// What goes into the Info dictionary and the trailer id.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    /// Unique per document (package id and path): seeds the trailer /ID.
    pub identifier: &'a str,
    pub date: chrono::DateTime<chrono::FixedOffset>,
}

/// A table column: title, share of the text width, alignment of its cells.
pub struct Col<'a> {
    pub title: &'a str,
    pub share: f32,
    pub align: Align,
}

pub struct Doc<'f> {
    fonts: &'f Fonts,
    header: String,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Top of the free space on the current page, in points from the bottom.
    y: f32,
    used_bold: bool,
    error: Option<String>,
}

impl<'f> Doc<'f> {
    /// `header` is printed small at the top of every page.
    pub fn new(fonts: &'f Fonts, header: &str) -> Doc<'f> {
        Doc {
            fonts,
            header: header.to_string(),
            pages: Vec::new(),
            ops: Vec::new(),
            y: TOP,
            used_bold: false,
            error: None,
        }
    }

    pub fn gap(&mut self, pt: f32) {
        self.y -= pt;
    }

    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = TOP;
    }

    /// Starts a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    /// Draws one line of text with its baseline at `baseline`.
    fn text(&mut self, x: f32, baseline: f32, text: &str, size: f32, weight: Weight, grey: f32) {
        if let Some(c) = self.fonts.metrics(weight).missing_glyph(text) {
            self.error.get_or_insert(format!("no glyph for {c:?} in {text:?}"));
        }
        self.used_bold |= weight == Weight::Bold;
        let id = if weight == Weight::Bold { BOLD_ID } else { REGULAR_ID };
        self.ops.extend([
            Op::SetFillColor { col: Color::Greyscale(Greyscale { percent: grey, icc_profile: None }) },
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(FontId(id.to_string())), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }

    fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        self.fonts.metrics(weight).width(text, size)
    }

    /// The baseline of a line of `size` set in a box of height `lh` whose
    /// top is `top` (Noto's em box sits about 0.88/0.12 around it).
    fn baseline(top: f32, lh: f32, size: f32) -> f32 {
        top - (lh - size) / 2.0 - size * 0.88
    }

    /// Wrapped text across the full width; `indent` on the first line.
    fn flow(&mut self, text: &str, size: f32, weight: Weight, align: Align, indent: f32) {
        let lh = size * LEADING;
        let lines = break_lines(self.fonts.metrics(weight), text, size, RIGHT - LEFT, indent);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            let w = self.width(line, size, weight);
            let x = match align {
                Align::Left => LEFT + if i == 0 { indent } else { 0.0 },
                Align::Center => (LEFT + RIGHT - w) / 2.0,
                Align::Right => RIGHT - w,
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

    /// A line without indent (lists, clauses).
    pub fn line(&mut self, text: &str) {
        self.flow(text, BODY, Weight::Regular, Align::Left, 0.0);
    }

    /// A bold line (clause titles, list captions).
    pub fn bold(&mut self, text: &str) {
        self.flow(text, BODY, Weight::Bold, Align::Left, 0.0);
    }

    /// Right-aligned lines (signatures, seals, dates).
    pub fn right(&mut self, text: &str) {
        self.flow(text, BODY, Weight::Regular, Align::Right, 0.0);
    }

    /// Label/value pairs as a two-column bordered table.
    pub fn fields(&mut self, rows: &[(&str, String)]) {
        let cols =
            [Col { title: "", share: 0.26, align: Align::Left }, Col { title: "", share: 0.74, align: Align::Left }];
        let weights = [Weight::Bold, Weight::Regular];
        for (label, value) in rows {
            let cells = [label.to_string(), value.clone()];
            let (lines, h) = self.layout_row(&cols, &cells, &weights);
            self.ensure(h);
            self.draw_row(&cols, &lines, &weights, h, true);
        }
        self.gap(8.0);
    }

    /// A bordered table with a shaded header row, repeated after page breaks.
    pub fn table(&mut self, cols: &[Col], rows: &[Vec<String>]) {
        let header: Vec<String> = cols.iter().map(|c| c.title.to_string()).collect();
        let bold = vec![Weight::Bold; cols.len()];
        let regular = vec![Weight::Regular; cols.len()];
        let (head_lines, head_h) = self.layout_row(cols, &header, &bold);
        for (i, r) in rows.iter().enumerate() {
            let (lines, h) = self.layout_row(cols, r, &regular);
            let before = self.pages.len();
            self.ensure(if i == 0 { head_h + h } else { h });
            if i == 0 || self.pages.len() != before {
                self.draw_row(cols, &head_lines, &bold, head_h, true);
            }
            self.draw_row(cols, &lines, &regular, h, false);
        }
        self.gap(8.0);
    }

    /// Each cell's lines, and the row's height.
    fn layout_row(&self, cols: &[Col], cells: &[String], weights: &[Weight]) -> (Vec<Vec<String>>, f32) {
        let inner = |c: &Col| c.share * (RIGHT - LEFT) - 2.0 * CELL_PAD;
        let wrapped: Vec<Vec<String>> = cols
            .iter()
            .zip(cells)
            .zip(weights)
            .map(|((c, t), &w)| break_lines(self.fonts.metrics(w), t, CELL_SIZE, inner(c), 0.0))
            .collect();
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (wrapped, n as f32 * CELL_SIZE * CELL_LEADING + 2.0 * CELL_PAD)
    }

    fn draw_row(&mut self, cols: &[Col], cells: &[Vec<String>], weights: &[Weight], h: f32, shaded: bool) {
        let lh = CELL_SIZE * CELL_LEADING;
        let mut x = LEFT;
        for ((col, lines), &w) in cols.iter().zip(cells).zip(weights) {
            let cw = col.share * (RIGHT - LEFT);
            if shaded {
                self.rect(x, self.y - h, cw, h, Some(0.93));
            }
            self.rect(x, self.y - h, cw, h, None);
            for (i, l) in lines.iter().enumerate() {
                let tw = self.width(l, CELL_SIZE, w);
                let tx = match col.align {
                    Align::Left => x + CELL_PAD,
                    Align::Center => x + (cw - tw) / 2.0,
                    Align::Right => x + cw - CELL_PAD - tw,
                };
                let top = self.y - CELL_PAD - i as f32 * lh;
                self.text(tx, Self::baseline(top, lh, CELL_SIZE), l, CELL_SIZE, w, 0.0);
            }
            x += cw;
        }
        self.y -= h;
    }

    /// A rectangle: filled with grey `fill`, or else stroked thinly.
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>) {
        let mode = if fill.is_some() { PaintMode::Fill } else { PaintMode::Stroke };
        let grey = |percent| Color::Greyscale(Greyscale { percent, icc_profile: None });
        self.ops.push(match fill {
            Some(g) => Op::SetFillColor { col: grey(g) },
            None => Op::SetOutlineColor { col: grey(0.25) },
        });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
        let rectangle = Rect { x: Pt(x), y: Pt(y), width: Pt(w), height: Pt(h), mode: Some(mode), winding_order: None };
        self.ops.push(Op::DrawRectangle { rectangle });
    }

    fn hline(ops: &mut Vec<Op>, y: f32) {
        let p = |x| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale { percent: 0.5, icc_profile: None }) });
        ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
        ops.push(Op::DrawLine { line: Line { points: vec![p(LEFT), p(RIGHT)], is_closed: false } });
    }

    /// Header and "第 i 页 共 n 页" on every page, then the PDF bytes.
    pub fn finish(mut self, meta: &Meta) -> Result<Vec<u8>, String> {
        self.new_page();
        let n = self.pages.len();
        let mut out = Vec::with_capacity(n);
        for (i, body) in std::mem::take(&mut self.pages).into_iter().enumerate() {
            let header = self.header.clone();
            self.text(LEFT, PAGE_H - 50.0, &header, 8.0, Weight::Regular, 0.45);
            Self::hline(&mut self.ops, PAGE_H - 56.0);
            let footer = format!("第 {} 页 共 {n} 页", i + 1);
            let fw = self.width(&footer, 8.0, Weight::Regular);
            self.text((PAGE_W - fw) / 2.0, 40.0, &footer, 8.0, Weight::Regular, 0.45);
            let mut ops = std::mem::take(&mut self.ops);
            ops.extend(body);
            out.push(PdfPage::new(Mm(210.0), Mm(297.0), ops));
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.save(meta, out)
    }

    fn save(&self, meta: &Meta, pages: Vec<PdfPage>) -> Result<Vec<u8>, String> {
        let mut doc = PdfDocument::new(meta.title);
        let fonts = &mut doc.resources.fonts.map;
        fonts.insert(FontId(REGULAR_ID.into()), PdfFont::new(self.fonts.regular.clone()));
        if self.used_bold {
            fonts.insert(FontId(BOLD_ID.into()), PdfFont::new(self.fonts.bold.clone()));
        }
        let date = printpdf::OffsetDateTime::from_unix_timestamp(meta.date.timestamp())?;
        let info = &mut doc.metadata.info;
        (info.creation_date, info.modification_date, info.metadata_date) = (date, date, date);
        info.author = meta.author.to_string();
        info.subject = meta.subject.to_string();
        info.identifier = meta.identifier.to_string();
        info.creator = "PanelDesk demo generator".to_string();
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
