//! The bundled Noto Sans SC faces, parsed once per process: printpdf's
//! parse for embedding (it subsets on save) and ttf-parser's for measuring.
//!
//! printpdf subsets a face on every save in time proportional to its glyph
//! count, so each weight also comes cut down to the characters nearly every
//! document uses (GB 2312's hanzi, Latin, punctuation, the forms' symbols;
//! scripts/fonts/make_common.py): a document whose text is all in it embeds
//! from the cut face, any other from the full face, parsed when first
//! needed. Outlines and metrics are the same in both.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::layout::Metrics;

pub const REGULAR_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC_400Regular.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC_700Bold.ttf");
const REGULAR_COMMON_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC_400Regular_common.ttf");
const BOLD_COMMON_TTF: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansSC_700Bold_common.ttf");

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// One weight for embedding: the cut face, and the full one on demand.
struct Face {
    common: ParsedFont,
    /// ttf-parser's cmap lookup is a binary search; the parsed face's is a
    /// scan, slow on the cut face's scattered ranges.
    common_cmap: Metrics<'static>,
    full_ttf: &'static [u8],
    full: OnceLock<Result<ParsedFont, String>>,
}

impl Face {
    fn new(common_ttf: &'static [u8], full_ttf: &'static [u8]) -> Result<Face, String> {
        Ok(Face {
            common: parse(common_ttf)?,
            common_cmap: Metrics::parse(common_ttf)?,
            full_ttf,
            full: OnceLock::new(),
        })
    }

    fn covers(&self, text: &str) -> bool {
        self.common_cmap.missing_glyph(text).is_none()
    }

    fn embedding(&self, common: bool) -> Result<&ParsedFont, String> {
        if common {
            return Ok(&self.common);
        }
        self.full.get_or_init(|| parse(self.full_ttf)).as_ref().map_err(Clone::clone)
    }
}

fn parse(bytes: &[u8]) -> Result<ParsedFont, String> {
    ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| "printpdf cannot parse the font".to_string())
}

/// Both weights: printpdf's faces for embedding, ttf-parser's for measuring.
pub struct Fonts {
    regular: Face,
    bold: Face,
    regular_metrics: Metrics<'static>,
    bold_metrics: Metrics<'static>,
}

impl Fonts {
    /// The process-wide faces. Parsing costs milliseconds per face, so it
    /// is done on first use only; a failure (a broken build) is kept and
    /// returned on every call.
    pub fn shared() -> Result<&'static Fonts, String> {
        static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
        FONTS.get_or_init(Fonts::load).as_ref().map_err(Clone::clone)
    }

    fn load() -> Result<Fonts, String> {
        Ok(Fonts {
            regular: Face::new(REGULAR_COMMON_TTF, REGULAR_TTF)?,
            bold: Face::new(BOLD_COMMON_TTF, BOLD_TTF)?,
            regular_metrics: Metrics::parse(REGULAR_TTF)?,
            bold_metrics: Metrics::parse(BOLD_TTF)?,
        })
    }

    fn face(&self, w: Weight) -> &Face {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Whether the cut face of `w` has every character of `text`.
    pub fn common_covers(&self, w: Weight, text: &str) -> bool {
        self.face(w).covers(text)
    }

    /// The face to embed for `w`: the cut one when it covers the document.
    pub fn embedding(&self, w: Weight, common: bool) -> Result<&ParsedFont, String> {
        self.face(w).embedding(common)
    }

    pub fn metrics(&self, w: Weight) -> &Metrics<'static> {
        match w {
            Weight::Regular => &self.regular_metrics,
            Weight::Bold => &self.bold_metrics,
        }
    }
}
