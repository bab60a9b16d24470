//! A package's `.xlsx` document as read-only tables for the window
//! (issue 15): read from the package in the data folder and re-hashed as
//! `read_document` does, then opened with the form reader's guards.

use serde::Serialize;

use super::read::Located;
use crate::error::{ApiError, ErrorCode, Result};

/// One sheet of a spreadsheet document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SheetTableDto {
    /// The sheet's name.
    pub name: String,
    /// Cells as Excel shows them, row by row ("" when empty).
    pub rows: Vec<Vec<String>>,
    /// Merged ranges: top-left cell (0-based) and size.
    pub merged: Vec<MergeDto>,
    /// Rows or columns beyond what is shown were left out.
    pub truncated: bool,
}

/// A merged range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct MergeDto {
    /// First row, 0-based.
    pub row: u32,
    /// First column, 0-based.
    pub col: u32,
    /// Rows spanned.
    pub rows: u32,
    /// Columns spanned.
    pub cols: u32,
}

/// Every sheet of the located document.
pub fn tables(doc: &Located) -> Result<Vec<SheetTableDto>> {
    let bytes = doc.load()?;
    let sheets = paneldesk_opinion::form::table::read_tables(&bytes).map_err(|e| {
        ApiError::unusable(
            ErrorCode::DocumentDamaged,
            format!("电子表格 {} 无法显示：不是有效的 .xlsx 工作簿，或内容过大。可向申报单位核对该文件", doc.path()),
            format!("the spreadsheet {} cannot be shown: {}", doc.path(), e.message.en),
        )
    })?;
    Ok(sheets
        .into_iter()
        .map(|s| SheetTableDto {
            name: s.name,
            rows: s.rows,
            merged: s.merged.iter().map(|m| MergeDto { row: m.row, col: m.col, rows: m.rows, cols: m.cols }).collect(),
            truncated: s.truncated,
        })
        .collect())
}
