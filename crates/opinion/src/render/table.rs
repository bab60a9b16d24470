//! Bordered tables (header row repeated after a page break), label/value
//! grids, and the drawn marks of a form: check boxes and rules.

use printpdf::{Line, LinePoint, Op, PaintMode, Point, Pt, Rect};

use super::engine::{grey_color, Align, Doc, Weight, BODY};
use super::layout::break_lines;

const CELL_PAD: f32 = 4.0;
pub const CELL_SIZE: f32 = 9.5;
const CELL_LEADING: f32 = 1.5;

/// A table column: title, share of the text width, alignment of its cells.
pub struct Col<'a> {
    pub title: &'a str,
    pub share: f32,
    pub align: Align,
}

/// A body row of `Doc::rows`: bold rows are totals.
pub struct Row {
    pub cells: Vec<String>,
    pub bold: bool,
}

impl Row {
    pub fn new(cells: Vec<String>) -> Row {
        Row { cells, bold: false }
    }

    pub fn total(cells: Vec<String>) -> Row {
        Row { cells, bold: true }
    }
}

/// How a row is drawn: per-cell weight and shading, and whether single
/// lines are centred vertically in a taller row (forms) or set at the top.
struct Style<'a> {
    weights: &'a [Weight],
    shaded: &'a [bool],
    middle: bool,
}

impl Doc<'_> {
    /// Label/value pairs as a two-column bordered table.
    pub fn fields(&mut self, rows: &[(&str, String)]) {
        let cols =
            [Col { title: "", share: 0.26, align: Align::Left }, Col { title: "", share: 0.74, align: Align::Left }];
        let weights = [Weight::Bold, Weight::Regular];
        let style = Style { weights: &weights, shaded: &[true, true], middle: false };
        for (label, value) in rows {
            let cells = [label.to_string(), value.clone()];
            let (lines, h) = self.layout_row(&cols, &cells, &weights);
            self.ensure(h);
            self.draw_row(&cols, &lines, &style, h);
        }
        self.gap(8.0);
    }

    /// A form's header grid: each row holds one or two label/value pairs;
    /// labels are shaded and bold, and the label columns line up.
    pub fn grid(&mut self, rows: &[Vec<(&str, String)>]) {
        const LABEL: f32 = 0.15;
        for pairs in rows {
            let value = (1.0 - LABEL * pairs.len() as f32) / pairs.len() as f32;
            let cols: Vec<Col> = pairs
                .iter()
                .flat_map(|_| {
                    [
                        Col { title: "", share: LABEL, align: Align::Left },
                        Col { title: "", share: value, align: Align::Left },
                    ]
                })
                .collect();
            let cells: Vec<String> = pairs.iter().flat_map(|(l, v)| [l.to_string(), v.clone()]).collect();
            let weights: Vec<Weight> = pairs.iter().flat_map(|_| [Weight::Bold, Weight::Regular]).collect();
            let shaded: Vec<bool> = pairs.iter().flat_map(|_| [true, false]).collect();
            let (lines, h) = self.layout_row(&cols, &cells, &weights);
            self.ensure(h);
            self.draw_row(&cols, &lines, &Style { weights: &weights, shaded: &shaded, middle: true }, h);
        }
        self.gap(6.0);
    }

    /// A bordered table with a shaded header row, repeated after page breaks.
    pub fn table(&mut self, cols: &[Col], rows: &[Vec<String>]) {
        let rows: Vec<Row> = rows.iter().map(|r| Row::new(r.clone())).collect();
        self.rows(cols, &rows, false);
    }

    /// A form table: like `table`, with bold total rows, and single lines
    /// centred vertically when `middle`.
    pub fn rows(&mut self, cols: &[Col], rows: &[Row], middle: bool) {
        let header: Vec<String> = cols.iter().map(|c| c.title.to_string()).collect();
        let bold = vec![Weight::Bold; cols.len()];
        let regular = vec![Weight::Regular; cols.len()];
        let (shaded, plain) = (vec![true; cols.len()], vec![false; cols.len()]);
        let (head_lines, head_h) = self.layout_row(cols, &header, &bold);
        let head_style = Style { weights: &bold, shaded: &shaded, middle };
        for (i, r) in rows.iter().enumerate() {
            let weights = if r.bold { &bold } else { &regular };
            let (lines, h) = self.layout_row(cols, &r.cells, weights);
            let before = self.pages.len();
            self.ensure(if i == 0 { head_h + h } else { h });
            if i == 0 || self.pages.len() != before {
                self.draw_row(cols, &head_lines, &head_style, head_h);
            }
            self.draw_row(cols, &lines, &Style { weights, shaded: &plain, middle }, h);
        }
        self.gap(8.0);
    }

    /// Each cell's lines, and the row's height.
    fn layout_row(&self, cols: &[Col], cells: &[String], weights: &[Weight]) -> (Vec<Vec<String>>, f32) {
        let width = self.frame.right - self.frame.left;
        let inner = |c: &Col| c.share * width - 2.0 * CELL_PAD;
        let wrapped: Vec<Vec<String>> = cols
            .iter()
            .zip(cells)
            .zip(weights)
            .map(|((c, t), &w)| break_lines(self.fonts.metrics(w), t, CELL_SIZE, inner(c), 0.0))
            .collect();
        let n = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (wrapped, n as f32 * CELL_SIZE * CELL_LEADING + 2.0 * CELL_PAD)
    }

    fn draw_row(&mut self, cols: &[Col], cells: &[Vec<String>], style: &Style, h: f32) {
        let lh = CELL_SIZE * CELL_LEADING;
        let width = self.frame.right - self.frame.left;
        let mut x = self.frame.left;
        for (((col, lines), &w), &shaded) in cols.iter().zip(cells).zip(style.weights).zip(style.shaded) {
            let cw = col.share * width;
            if shaded {
                self.rect(x, self.y - h, cw, h, Some(0.93));
            }
            self.rect(x, self.y - h, cw, h, None);
            // Centred vertically: the free height above and below is shared.
            let offset = if style.middle { (h - 2.0 * CELL_PAD - lines.len() as f32 * lh) / 2.0 } else { 0.0 };
            for (i, l) in lines.iter().enumerate() {
                let tw = self.width(l, CELL_SIZE, w);
                let tx = match col.align {
                    Align::Left => x + CELL_PAD,
                    Align::Center => x + (cw - tw) / 2.0,
                    Align::Right => x + cw - CELL_PAD - tw,
                };
                let top = self.y - CELL_PAD - offset - i as f32 * lh;
                self.text(tx, Doc::baseline(top, lh, CELL_SIZE), l, CELL_SIZE, w, 0.0);
            }
            x += cw;
        }
        self.y -= h;
    }

    /// A rectangle: filled with grey `fill`, or else stroked thinly.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>) {
        let mode = if fill.is_some() { PaintMode::Fill } else { PaintMode::Stroke };
        self.ops.push(match fill {
            Some(g) => Op::SetFillColor { col: grey_color(g) },
            None => Op::SetOutlineColor { col: grey_color(0.25) },
        });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
        let rectangle = Rect { x: Pt(x), y: Pt(y), width: Pt(w), height: Pt(h), mode: Some(mode), winding_order: None };
        self.ops.push(Op::DrawRectangle { rectangle });
    }

    /// A straight line (rules, check marks).
    pub fn stroke(&mut self, points: &[(f32, f32)], thickness: f32, grey: f32) {
        let points =
            points.iter().map(|&(x, y)| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }).collect();
        self.ops.push(Op::SetOutlineColor { col: grey_color(grey) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
    }

    /// A drawn check box of side `s` with its lower left corner at (x, y),
    /// ticked when `checked` (the font has no ☑, so it is drawn).
    pub fn checkbox(&mut self, x: f32, y: f32, s: f32, checked: bool) {
        self.rect(x, y, s, s, None);
        if checked {
            self.stroke(
                &[(x + 0.2 * s, y + 0.5 * s), (x + 0.42 * s, y + 0.2 * s), (x + 0.85 * s, y + 0.85 * s)],
                1.2,
                0.0,
            );
        }
    }

    /// A row of check boxes, each followed by its label; `checked` is
    /// whether each is ticked.
    pub fn choices(&mut self, options: &[(String, bool)]) {
        let lh = BODY * 2.0;
        self.ensure(lh);
        let s = BODY * 0.95;
        let baseline = Doc::baseline(self.y, lh, BODY);
        let mut x = self.frame.left + BODY;
        for (label, checked) in options {
            self.checkbox(x, baseline - 1.0, s, *checked);
            self.text(x + s + 5.0, baseline, label, BODY, Weight::Regular, 0.0);
            x += s + 5.0 + self.width(label, BODY, Weight::Regular) + 3.0 * BODY;
        }
        self.y -= lh;
    }
}
