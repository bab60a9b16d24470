//! How the app can show a package document: PDFs in its reader, JPEG and
//! PNG scans as images, `.xlsx` workbooks as tables, anything else only by
//! name and hash. The organiser
//! is warned of the last kind when building a package (issue 15).

use serde::{Deserialize, Serialize};

/// What the window's document pane does with a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub enum Shown {
    /// Read with pdf.js.
    Pdf,
    /// A JPEG or PNG scan.
    Image,
    /// An Excel workbook (`.xlsx`), shown read-only as tables.
    Table,
    /// Listed with its hash: "cannot be shown here".
    NotShown,
}

impl Shown {
    /// From the listed path's extension; the bytes are checked again by
    /// whatever draws them.
    pub fn of(path: &str) -> Shown {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        match ext.as_str() {
            "pdf" => Shown::Pdf,
            "jpg" | "jpeg" | "png" => Shown::Image,
            "xlsx" => Shown::Table,
            _ => Shown::NotShown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Shown;

    #[test]
    fn pdfs_and_scans_are_shown_anything_else_is_named() {
        assert_eq!(Shown::of("docs/application.PDF"), Shown::Pdf);
        assert_eq!(Shown::of("scans/site.JPeG"), Shown::Image);
        assert_eq!(Shown::of("scans/plan.png"), Shown::Image);
        assert_eq!(Shown::of("lists/equipment.XLSX"), Shown::Table);
        assert_eq!(Shown::of("lists/equipment.xls"), Shown::NotShown);
        assert_eq!(Shown::of("README"), Shown::NotShown);
        assert_eq!(Shown::of("dir.pdf/notes"), Shown::NotShown);
    }
}
