//! Measuring and breaking lines of Chinese (and mixed Latin) text.
//!
//! printpdf 0.12 neither shapes nor wraps text, so advances come from the
//! font's `hmtx` (ttf-parser) and lines are broken here. Nothing in this
//! module knows about PDF: it takes a font and returns lines.

use ttf_parser::Face;

/// Characters that must not start a line (行首禁则): closing punctuation.
pub const NO_START: &str = "，。、；：？！）》」』】〕〉”’…—·％%,.;:?!)]}";
/// Characters that must not end a line (行尾禁则): opening punctuation.
pub const NO_END: &str = "（《「『【〔〈“‘([{";

/// Advances of one font face, in points for a given size.
pub struct Metrics<'a> {
    face: Face<'a>,
    units_per_em: f32,
}

impl<'a> Metrics<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Metrics<'a>, String> {
        let face = Face::parse(bytes, 0).map_err(|e| format!("font does not parse: {e}"))?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Metrics { face, units_per_em })
    }

    /// The first character of `text` the font has no glyph for, if any.
    pub fn missing_glyph(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !c.is_control() && self.face.glyph_index(c).is_none())
    }

    /// Advance of `c` at `size` points (.notdef's when the glyph is missing,
    /// which is what a viewer would draw).
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let gid = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let units = self.face.glyph_hor_advance(gid).unwrap_or(0);
        f32::from(units) * size / self.units_per_em
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// "Wide" characters (CJK, full-width and typographic punctuation) may be
/// broken between; runs of narrow ones form words that stay together.
fn is_wide(c: char) -> bool {
    c >= '\u{2000}'
}

/// One unbreakable piece of a line: a wide character or a narrow word, with
/// any kinsoku punctuation glued on; or a breakable space.
struct Atom {
    text: String,
    space: bool,
}

fn atoms(text: &str) -> Vec<Atom> {
    let mut raw: Vec<Atom> = Vec::new();
    for c in text.chars() {
        let space = c.is_whitespace() && c != '\u{3000}';
        match raw.last_mut() {
            Some(a) if !space && !a.space && !is_wide(c) && a.text.chars().all(|p| !is_wide(p)) => a.text.push(c),
            _ => raw.push(Atom { text: c.to_string(), space }),
        }
    }
    // Glue: closing punctuation to what precedes it, opening punctuation to
    // what follows it, so neither ends up on the wrong side of a break.
    let mut out: Vec<Atom> = Vec::new();
    let mut opening = String::new();
    for a in raw {
        if a.space {
            if !opening.is_empty() {
                out.push(Atom { text: std::mem::take(&mut opening), space: false });
            }
            out.push(a);
            continue;
        }
        let text = format!("{}{}", std::mem::take(&mut opening), a.text);
        let starts_closing = text.chars().next().is_some_and(|c| NO_START.contains(c));
        let ends_opening = text.chars().last().is_some_and(|c| NO_END.contains(c));
        match out.last_mut() {
            Some(prev) if starts_closing && !prev.space => prev.text.push_str(&text),
            _ if ends_opening => opening = text,
            _ => out.push(Atom { text, space: false }),
        }
    }
    if !opening.is_empty() {
        out.push(Atom { text: opening, space: false });
    }
    out
}

/// Breaks `text` into lines no wider than `width` points at `size`; the first
/// line is `first_indent` points narrower (paragraph indent). Newlines in
/// `text` force breaks. Returns at least one line (possibly empty).
pub fn break_lines(m: &Metrics, text: &str, size: f32, width: f32, first_indent: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, para) in text.split('\n').enumerate() {
        let indent = if i == 0 { first_indent } else { 0.0 };
        break_paragraph(m, para, size, width, indent, &mut lines);
    }
    lines
}

fn break_paragraph(m: &Metrics, text: &str, size: f32, width: f32, indent: f32, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0.0_f32;
    let mut avail = width - indent;
    let mut pending_space: Option<String> = None;
    let flush = |line: &mut String, used: &mut f32, avail: &mut f32, lines: &mut Vec<String>| {
        lines.push(std::mem::take(line));
        *used = 0.0;
        *avail = width;
    };
    for atom in atoms(text) {
        if atom.space {
            if !line.is_empty() {
                pending_space = Some(atom.text);
            }
            continue;
        }
        let space_w = pending_space.as_deref().map_or(0.0, |s| m.width(s, size));
        let w = m.width(&atom.text, size);
        if !line.is_empty() && used + space_w + w > avail {
            flush(&mut line, &mut used, &mut avail, lines);
            pending_space = None;
        }
        if let Some(s) = pending_space.take() {
            line.push_str(&s);
            used += space_w;
        }
        if w <= avail - used {
            line.push_str(&atom.text);
            used += w;
            continue;
        }
        // Longer than a whole line: break it wherever it must.
        for c in atom.text.chars() {
            let cw = m.advance(c, size);
            if !line.is_empty() && used + cw > avail {
                flush(&mut line, &mut used, &mut avail, lines);
            }
            line.push(c);
            used += cw;
        }
    }
    lines.push(line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics<'static> {
        Metrics::parse(crate::render::fonts::REGULAR_TTF).expect("font parses")
    }

    #[test]
    fn no_line_starts_with_closing_punctuation() {
        let m = metrics();
        let text = "依托单位应具备组织和承担重大科技创新项目的能力，具有科技成果转化和产业化的经验，与产业链上下游企业、高校和科研院所有紧密的产学研合作基础（见第八条），有较强的资源整合和技术转移扩散能力。";
        for width in [60.0, 75.0, 90.0, 100.0, 130.0, 200.0] {
            let lines = break_lines(&m, text, 10.0, width, 20.0);
            assert_eq!(lines.concat(), text);
            for l in &lines[1..] {
                let first = l.chars().next().expect("non-empty line");
                assert!(!NO_START.contains(first), "{width}: line starts with {first}: {lines:?}");
            }
            for l in &lines {
                let last = l.chars().last().expect("non-empty line");
                assert!(!NO_END.contains(last), "{width}: line ends with {last}");
                assert!(m.width(l, 10.0) <= width + 0.01, "{l} too wide for {width}");
            }
        }
    }

    #[test]
    fn latin_words_stay_whole() {
        let m = metrics();
        let lines = break_lines(&m, "研发费用合计 1070.52 万元，占比 3.17%，GB 32100-2015", 10.0, 80.0, 0.0);
        assert!(lines.iter().any(|l| l.contains("1070.52")), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("32100-2015")), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
    }
}
