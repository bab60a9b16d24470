//! The visible signature widget's appearance: a thin frame and a few lines
//! of text in Helvetica. Helvetica has no CJK glyphs, so characters outside
//! printable ASCII are shown as '?': the page itself (the render module)
//! prints the Chinese signature block under the widget.

use lopdf::{Dictionary, Object, Stream};

/// Where the visible signature goes and what its box says.
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureAppearance {
    /// Zero-based page index.
    pub page: usize,
    /// [x1, y1, x2, y2] in PDF points from the page's lower left corner.
    pub rect: [f32; 4],
    /// Text lines drawn in the box, top to bottom (ASCII shows; see above).
    pub lines: Vec<String>,
}

/// The normal appearance (/AP /N) as a Form XObject of the widget's size.
pub(crate) fn appearance_stream(width: f32, height: f32, lines: &[String]) -> Stream {
    let mut ops = String::new();
    // A frame half a point inside the box, so the whole stroke is visible.
    ops.push_str(&format!("q 0.15 0.25 0.55 RG 0.8 w 0.5 0.5 {} {} re S Q\n", fmt(width - 1.0), fmt(height - 1.0)));
    if !lines.is_empty() {
        let count = lines.len() as f32;
        let size = ((height - 4.0) / (count * 1.25)).clamp(4.0, 10.0);
        let leading = size * 1.25;
        ops.push_str(&format!(
            "BT /Helv {} Tf 0 0 0 rg {} TL 4 {} Td\n",
            fmt(size),
            fmt(leading),
            fmt(height - 2.0 - size)
        ));
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                ops.push_str("T* ");
            }
            ops.push_str(&format!("({}) Tj\n", escape(line)));
        }
        ops.push_str("ET\n");
    }

    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    let mut fonts = Dictionary::new();
    fonts.set("Helv", font);
    let mut resources = Dictionary::new();
    resources.set("Font", fonts);

    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", vec![0.into(), 0.into(), Object::Real(width), Object::Real(height)]);
    dict.set("Resources", resources);
    Stream::new(dict, ops.into_bytes())
}

/// Two decimals are plenty for points and keep the stream short.
fn fmt(v: f32) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A literal string body: printable ASCII, with ( ) \ escaped.
fn escape(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '(' | ')' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            ' '..='~' => s.push(c),
            _ => s.push('?'),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_ascii() {
        assert_eq!(escape("a(b)\\c 张"), "a\\(b\\)\\\\c ?");
        let s = appearance_stream(200.0, 50.0, &["Signed by E-001".into(), "2026-04-15".into()]);
        let text = String::from_utf8(s.content).expect("ascii");
        assert!(text.contains("(Signed by E-001) Tj") && text.contains("T* (2026-04-15) Tj"));
    }
}
