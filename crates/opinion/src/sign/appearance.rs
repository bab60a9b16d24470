//! The visible signature widget's appearance: a thin frame and a few lines
//! of text, Chinese included (the signer's name and role, the date). The
//! glyphs are drawn as filled outlines taken from the bundled Noto Sans SC,
//! so the appearance needs no font resource: nothing for a viewer to
//! substitute, nothing for `pdffonts` to trip on, and a co-signature's
//! update adds no font objects (formats.md §7: it adds only the signature).

use lopdf::{Dictionary, Object, Stream};
use ttf_parser::{Face, OutlineBuilder};

use crate::render::fonts::REGULAR_TTF;

/// Where the visible signature goes and what its box says.
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureAppearance {
    /// Zero-based page index.
    pub page: usize,
    /// [x1, y1, x2, y2] in PDF points from the page's lower left corner.
    pub rect: [f32; 4],
    /// Text lines drawn in the box, top to bottom.
    pub lines: Vec<String>,
}

/// The normal appearance (/AP /N) as a Form XObject of the widget's size.
pub(crate) fn appearance_stream(width: f32, height: f32, lines: &[String]) -> Stream {
    let mut ops = String::new();
    // A frame half a point inside the box, so the whole stroke is visible.
    ops.push_str(&format!("q 0.15 0.25 0.55 RG 0.8 w 0.5 0.5 {} {} re S Q\n", fmt(width - 1.0), fmt(height - 1.0)));
    if !lines.is_empty() {
        if let Ok(face) = Face::parse(REGULAR_TTF, 0) {
            let count = lines.len() as f32;
            let mut size = ((height - 4.0) / (count * 1.25)).clamp(4.0, 10.0);
            // Shrink to the widest line, so nothing leaves the box.
            let widest = lines.iter().map(|l| text_width(&face, l, 1.0)).fold(0.0, f32::max);
            if widest > 0.0 {
                size = size.min((width - 8.0) / widest).max(3.0);
            }
            let leading = size * 1.25;
            ops.push_str("q 0 0 0 rg\n");
            for (i, line) in lines.iter().enumerate() {
                let baseline = height - 2.0 - size - leading * i as f32;
                draw_line(&face, line, 4.0, baseline, size, &mut ops);
            }
            ops.push_str("Q\n");
        }
    }
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", vec![0.into(), 0.into(), Object::Real(width), Object::Real(height)]);
    dict.set("Resources", Dictionary::new());
    Stream::new(dict, ops.into_bytes())
}

/// The width of `text` at `size` points.
fn text_width(face: &Face, text: &str, size: f32) -> f32 {
    let scale = size / f32::from(face.units_per_em());
    text.chars()
        .map(|c| {
            let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * scale
        })
        .sum()
}

/// Appends the fill operators of every glyph of `text`, its baseline
/// starting at (x, y). A glyph the face lacks draws as its .notdef box.
fn draw_line(face: &Face, text: &str, mut x: f32, y: f32, size: f32, ops: &mut String) {
    let scale = size / f32::from(face.units_per_em());
    for c in text.chars() {
        let gid = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let mut path = Path { ops, x, y, scale, last: (0.0, 0.0), any: false };
        if face.outline_glyph(gid, &mut path).is_some() && path.any {
            ops.push_str("f\n");
        }
        x += f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * scale;
    }
}

/// Turns glyph outline commands (font units, y up) into PDF path operators
/// in the box's space. TrueType quadratic curves become cubic ones.
struct Path<'a> {
    ops: &'a mut String,
    x: f32,
    y: f32,
    scale: f32,
    last: (f32, f32),
    any: bool,
}

impl Path<'_> {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y + y * self.scale)
    }
}

impl OutlineBuilder for Path<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (px, py) = self.point(x, y);
        self.ops.push_str(&format!("{} {} m ", fmt(px), fmt(py)));
        self.last = (px, py);
        self.any = true;
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (px, py) = self.point(x, y);
        self.ops.push_str(&format!("{} {} l ", fmt(px), fmt(py)));
        self.last = (px, py);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (qx, qy) = self.point(x1, y1);
        let (px, py) = self.point(x, y);
        let (sx, sy) = self.last;
        let c1 = (sx + 2.0 / 3.0 * (qx - sx), sy + 2.0 / 3.0 * (qy - sy));
        let c2 = (px + 2.0 / 3.0 * (qx - px), py + 2.0 / 3.0 * (qy - py));
        self.ops.push_str(&format!(
            "{} {} {} {} {} {} c ",
            fmt(c1.0),
            fmt(c1.1),
            fmt(c2.0),
            fmt(c2.1),
            fmt(px),
            fmt(py)
        ));
        self.last = (px, py);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (ax, ay) = self.point(x1, y1);
        let (bx, by) = self.point(x2, y2);
        let (px, py) = self.point(x, y);
        self.ops.push_str(&format!("{} {} {} {} {} {} c ", fmt(ax), fmt(ay), fmt(bx), fmt(by), fmt(px), fmt(py)));
        self.last = (px, py);
    }

    fn close(&mut self) {
        self.ops.push_str("h ");
    }
}

/// Two decimals are plenty for points and keep the stream short.
fn fmt(v: f32) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_is_drawn_as_outlines_without_a_font() {
        let s = appearance_stream(200.0, 50.0, &["专家组组长 张三".into(), "2026-04-15 10:00 +08:00".into()]);
        let text = String::from_utf8(s.content).expect("ascii operators");
        assert!(text.contains(" m ") && text.contains(" c ") && text.contains("f\n"), "{text}");
        assert!(!text.contains("Tf") && !text.contains("Tj"), "no text operators, so no font");
        let resources = s.dict.get(b"Resources").and_then(Object::as_dict).expect("resources");
        assert!(resources.get(b"Font").is_err(), "no font resource");
    }

    #[test]
    fn long_lines_shrink_to_fit() {
        let face = Face::parse(REGULAR_TTF, 0).expect("face");
        let line = "专家组成员 欧阳某某某某某某 数字签名 2026-04-15 10:00:00 +08:00";
        let s = appearance_stream(124.0, 40.0, &[line.into()]);
        let text = String::from_utf8(s.content).expect("ascii");
        let xs: Vec<f32> = text
            .split(['\n', ' '])
            .collect::<Vec<_>>()
            .windows(3)
            .filter(|w| w[2] == "m" || w[2] == "l")
            .filter_map(|w| w[0].parse().ok())
            .collect();
        assert!(xs.iter().all(|&x| x <= 124.0), "every point inside the box");
        assert!(text_width(&face, line, 1.0) > 0.0);
    }
}
