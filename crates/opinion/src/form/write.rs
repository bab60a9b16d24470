//! Writing the workbook. Every text goes in with `write_string`, so a name
//! such as "=HYPERLINK(…)" stays text and never becomes a formula; figures
//! go in as numbers (the bureau can sum them) shown with two decimals.

use paneldesk_core::manifest::Kind;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::layout::*;
use super::model::{Form, Row, Val};
use crate::error::{ErrorCode, OpinionError, Result};

/// Printed on A4 landscape, as wide as one page, with gridlines: bureaus
/// print the filled form for the file.
fn page_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0).set_print_gridlines(true);
}

fn xlsx_error(e: XlsxError) -> OpinionError {
    OpinionError::internal("Excel", e)
}

struct Formats {
    header: Format,
    text: Format,
    figure: Format,
    whole: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(0xDDEBF7)
                .set_border(FormatBorder::Thin),
            text: Format::new().set_num_format("@"),
            figure: Format::new().set_num_format("0.00"),
            whole: Format::new().set_num_format("0"),
            note: Format::new().set_italic().set_font_color(0x595959),
        }
    }

    /// The cell format of a field's value: text cells stay text when typed
    /// into (credit codes keep their leading zeros and all 18 characters).
    fn of(&self, ty: Ty) -> &Format {
        match ty {
            Ty::Figure | Ty::Percent => &self.figure,
            Ty::Count | Ty::Year | Ty::Index => &self.whole,
            _ => &self.text,
        }
    }
}

/// Drop-down lists and number ranges; the reader checks again, since Excel
/// lets a paste bypass validation.
fn validation(f: &Field) -> std::result::Result<Option<DataValidation>, XlsxError> {
    let dv = DataValidation::new();
    let (dv, what) = match f.ty {
        Ty::Bool => (dv.allow_list_strings(&["是", "否"])?, "请从下拉列表中选择“是”或“否”"),
        Ty::Choice(c) => (dv.allow_list_strings(&c.labels())?, "请从下拉列表中选择"),
        Ty::Figure => {
            (dv.allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)), "请填写最多两位小数的非负数")
        }
        Ty::Percent => (dv.allow_decimal_number(DataValidationRule::Between(0.0, 100.0)), "请填写 0–100 之间的数"),
        Ty::Count => (dv.allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)), "请填写非负整数"),
        Ty::Year => (dv.allow_whole_number(DataValidationRule::Between(1900, 2100)), "请填写四位年份，如 2025"),
        Ty::Index => (dv.allow_whole_number(DataValidationRule::Between(1, 1000)), "请填写正整数序号"),
        Ty::Format | Ty::Id | Ty::Text | Ty::Code | Ty::Time => return Ok(None),
    };
    let mut dv = dv.set_error_title("填写有误")?.set_error_message(what)?;
    let tip = [f.article, f.note].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("：");
    if !tip.is_empty() {
        dv = dv.set_input_title(f.zh)?.set_input_message(tip)?;
    }
    Ok(Some(dv))
}

fn write_val(ws: &mut Worksheet, row: u32, col: u16, v: &Val, f: &Field, fm: &Formats) -> Result<()> {
    let fmt = fm.of(f.ty);
    let r = match v {
        Val::Empty => ws.write_blank(row, col, fmt),
        Val::Text(s) => ws.write_string_with_format(row, col, s, fmt),
        Val::Bool(b) => ws.write_string_with_format(row, col, if *b { "是" } else { "否" }, fmt),
        Val::Int(n) => ws.write_number_with_format(row, col, *n as f64, fmt),
        Val::Dec(d) => ws.write_number_with_format(row, col, d.to_f64(), fmt),
        Val::Time(t) => ws.write_string_with_format(row, col, t.to_rfc3339(), fmt),
        Val::Choice(i) => {
            let label = match f.ty {
                Ty::Choice(c) => c.labels().get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            };
            ws.write_string_with_format(row, col, label, fmt)
        }
    };
    r.map(|_| ()).map_err(xlsx_error)
}

fn basic_sheet(ws: &mut Worksheet, form: &Form, kind: Kind, fm: &Formats) -> Result<()> {
    ws.set_name(BASIC).map_err(xlsx_error)?;
    page_setup(ws);
    let header = ["key", "字段", "填写值", "单位", "依据条款", "说明"];
    for (c, (h, width)) in header.iter().zip([8.0, 34.0, 40.0, 9.0, 30.0, 60.0]).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &fm.header).map_err(xlsx_error)?;
        ws.set_column_width(c as u16, width).map_err(xlsx_error)?;
    }
    ws.set_column_hidden(KEY_COL).map_err(xlsx_error)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    for (i, f) in basic_fields(kind).enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, KEY_COL, f.key).map_err(xlsx_error)?;
        ws.write_string(row, LABEL_COL, f.zh).map_err(xlsx_error)?;
        write_val(ws, row, VALUE_COL, form.basic.get(f.key).unwrap_or(&Val::Empty), f, fm)?;
        ws.write_string(row, 3, f.unit.map_or("", |u| u.0)).map_err(xlsx_error)?;
        ws.write_string(row, 4, f.article).map_err(xlsx_error)?;
        ws.write_string_with_format(row, 5, f.note, &fm.note).map_err(xlsx_error)?;
        if let Some(dv) = validation(f).map_err(xlsx_error)? {
            ws.add_data_validation(row, VALUE_COL, row, VALUE_COL, &dv).map_err(xlsx_error)?;
        }
    }
    Ok(())
}

fn width(f: &Field) -> f64 {
    match f.ty {
        Ty::Text => 30.0,
        Ty::Code => 22.0,
        _ => (2 * f.header().chars().count() + 2).clamp(10, 26) as f64,
    }
}

fn table_sheet(ws: &mut Worksheet, tb: &Table, rows: &[Row], fm: &Formats) -> Result<()> {
    ws.set_name(tb.name).map_err(xlsx_error)?;
    page_setup(ws);
    let room = (MAX_ROWS - FIRST_DATA_ROW) as usize;
    if rows.len() > room {
        return Err(OpinionError::new(
            ErrorCode::InvalidInput,
            format!("“{}”有 {} 行，超过申报数据表每张表 {room} 行的上限", tb.name, rows.len()),
            format!("\"{}\" has {} rows, more than the form's {room} rows per sheet", tb.name, rows.len()),
        ));
    }
    for (c, f) in tb.cols.iter().enumerate() {
        let c = c as u16;
        ws.set_column_format(c, fm.of(f.ty)).map_err(xlsx_error)?;
        ws.set_column_width(c, width(f)).map_err(xlsx_error)?;
        ws.write_string(KEY_ROW, c, f.key).map_err(xlsx_error)?;
        ws.write_string_with_format(HEADER_ROW, c, f.header(), &fm.header).map_err(xlsx_error)?;
        if let Some(dv) = validation(f).map_err(xlsx_error)? {
            ws.add_data_validation(FIRST_DATA_ROW, c, MAX_ROWS - 1, c, &dv).map_err(xlsx_error)?;
        }
    }
    // The note beside the header, one column apart so it is never data.
    let note_col = tb.cols.len() as u16 + 1;
    ws.write_string_with_format(HEADER_ROW, note_col, tb.note, &fm.note).map_err(xlsx_error)?;
    // The note is for filling in; the printout is the table.
    let last_row = HEADER_ROW + rows.len().max(1) as u32;
    ws.set_print_area(HEADER_ROW, 0, last_row, note_col - 2).map_err(xlsx_error)?;
    ws.set_row_hidden(KEY_ROW).map_err(xlsx_error)?;
    ws.set_freeze_panes(FIRST_DATA_ROW, 0).map_err(xlsx_error)?;
    for (i, row) in rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        for (c, (f, v)) in tb.cols.iter().zip(&row.vals).enumerate() {
            write_val(ws, r, c as u16, v, f, fm)?;
        }
    }
    Ok(())
}

/// Every sheet of the form into `wb` (tests then tamper with them).
pub fn sheets(wb: &mut Workbook, form: &Form, kind: Kind) -> Result<()> {
    let fm = Formats::new();
    basic_sheet(wb.add_worksheet(), form, kind, &fm)?;
    for (t, tb) in tables(kind) {
        let rows = form.rows.get(t as usize).map_or(&[][..], Vec::as_slice);
        table_sheet(wb.add_worksheet(), tb, rows, &fm)?;
    }
    Ok(())
}

pub fn workbook(form: &Form, kind: Kind) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    sheets(&mut wb, form, kind)?;
    wb.save_to_buffer().map_err(xlsx_error)
}
