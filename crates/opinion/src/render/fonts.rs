//! The bundled Noto Sans SC faces, parsed once per process: printpdf's
//! parse for embedding (it subsets on save) and ttf-parser's for measuring.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::layout::Metrics;

pub const REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC_400Regular.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC_700Bold.ttf");

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Both faces: printpdf's for embedding, ttf-parser's for measuring.
pub struct Fonts {
    pub(crate) regular: ParsedFont,
    pub(crate) bold: ParsedFont,
    regular_metrics: Metrics<'static>,
    bold_metrics: Metrics<'static>,
}

impl Fonts {
    /// The process-wide faces. Parsing costs 20–35 ms per face, so it is
    /// done on first use only; a failure (a broken build) is kept and
    /// returned on every call.
    pub fn shared() -> Result<&'static Fonts, String> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS.get_or_init(Fonts::load).as_ref().map_err(Clone::clone)
    }

    fn load() -> Result<Fonts, String> {
        let parse =
            |bytes: &[u8]| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or("printpdf cannot parse the font");
        Ok(Fonts {
            regular: parse(REGULAR_TTF)?,
            bold: parse(BOLD_TTF)?,
            regular_metrics: Metrics::parse(REGULAR_TTF)?,
            bold_metrics: Metrics::parse(BOLD_TTF)?,
        })
    }

    pub fn metrics(&self, w: Weight) -> &Metrics<'static> {
        match w {
            Weight::Regular => &self.regular_metrics,
            Weight::Bold => &self.bold_metrics,
        }
    }
}
