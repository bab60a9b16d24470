//! The applicant's Excel form (申报数据表): a tic-package/1 manifest
//! (docs/formats.md §1) as a workbook that bureaus fill in, and back.
//!
//! Sheets: 基本信息 (one field per row, a hidden key column so that reading
//! never depends on the Chinese labels), then one sheet per repeated block
//! (依托单位财务, 共建单位, 共建单位财务, 专家委员会, 材料清单, and for
//! evaluations 年度报告 and 任务目标) with a hidden key row above the header.
//! Every field's key, label, unit and article is defined once, in `fields`.

mod assemble;
mod cells;
mod fields;
mod layout;
mod model;
mod parse;
mod read;
pub mod table;
mod write;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_errors;

use paneldesk_core::manifest::{Kind, Manifest};
use paneldesk_core::Msg;

use crate::error::Result;

/// An empty fill-in workbook for that kind.
pub fn template(kind: Kind) -> Result<Vec<u8>> {
    write::workbook(&model::Form::template(kind), kind)
}

/// The form of an existing manifest (every field filled in).
pub fn export(manifest: &Manifest) -> Result<Vec<u8>> {
    write::workbook(&model::Form::of(manifest), manifest.kind)
}

/// Reads a filled form back. Documents come back with path, title and kind
/// in sheet order and `sha256` empty: the caller hashes the files.
pub fn read(bytes: &[u8]) -> std::result::Result<Manifest, FormError> {
    read::read(bytes)
}

/// What is wrong with a form, in both languages, naming the cell.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct FormError {
    /// The cell, as "基本信息!C7", when the error is about one.
    pub cell: Option<String>,
    pub message: Msg,
}

impl FormError {
    /// About the whole form (not a workbook, a sheet missing, ...).
    pub(crate) fn form(zh: impl std::fmt::Display, en: impl std::fmt::Display) -> FormError {
        FormError {
            cell: None, message: Msg::new(format!("申报数据表{zh}"), format!("The application form {en}"))
        }
    }

    /// About one cell of `field`; `zh`/`en` say what is wrong and what to do.
    pub(crate) fn cell(sheet: &str, col: u16, row: u32, field: &layout::Field, zh: &str, en: &str) -> FormError {
        let at = cells::cell_name(col, row);
        let (unit_zh, unit_en) = match field.unit {
            Some((z, e)) => (format!("，{z}"), format!(", {e}")),
            None => (String::new(), String::new()),
        };
        FormError {
            cell: Some(format!("{sheet}!{at}")),
            message: Msg::new(
                format!("申报数据表 “{sheet}” 工作表 {at}（{}{unit_zh}）{zh}", field.zh),
                format!(
                    "Application form, sheet \"{sheet}\" ({}), cell {at} ({}{unit_en}) {en}",
                    layout::sheet_en(sheet),
                    field.en
                ),
            ),
        }
    }
}
