//! Opening an untrusted workbook: the archive's declared sizes are vetted
//! first (the zip crate then enforces them while unpacking), cells are
//! streamed rather than loaded as a dense range (one cell at XFD1048576 would
//! otherwise allocate billions), and only `MAX_ROWS` × `MAX_COLS` are kept.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{DataRef, ExcelDateTime, Reader, Xlsx};

use super::layout::{MAX_COLS, MAX_ROWS};
use super::FormError;

/// A real form unpacks to well under a megabyte.
const MAX_UNPACKED: u64 = 64 << 20;
const MAX_PARTS: usize = 2000;
/// Cells looked at per sheet, empty ones included.
const MAX_SCANNED: u64 = 2_000_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Int(i64),
    Bool(bool),
    Date(ExcelDateTime),
    Error(String),
}

impl Value {
    fn of(d: &DataRef<'_>) -> Value {
        match d {
            DataRef::Int(n) => Value::Int(*n),
            DataRef::Float(x) => Value::Number(*x),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
            DataRef::SharedString(s) => Value::Text(s.to_string()),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(t) => Value::Date(*t),
            DataRef::Error(e) => Value::Error(e.to_string()),
            DataRef::Empty => Value::Empty,
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The kept cells of one sheet.
#[derive(Default)]
pub struct Grid {
    cells: HashMap<(u32, u16), Value>,
    /// First row at or beyond `MAX_ROWS` that holds something.
    pub overflow: Option<u32>,
    /// Merged ranges, (first row, first column) to (last row, last column).
    pub merged: Vec<((u32, u32), (u32, u32))>,
}

impl Grid {
    pub fn get(&self, row: u32, col: u16) -> &Value {
        self.cells.get(&(row, col)).unwrap_or(&Value::Empty)
    }

    /// One past the last column with a kept cell.
    pub fn width(&self) -> u16 {
        self.cells.keys().map(|(_, c)| c + 1).max().unwrap_or(0)
    }

    /// One past the last row with a kept cell.
    pub fn height(&self) -> u32 {
        self.cells.keys().map(|(r, _)| r + 1).max().unwrap_or(0)
    }

    /// The text of a cell, trimmed ("" unless a text cell).
    pub fn text(&self, row: u32, col: u16) -> &str {
        match self.get(row, col) {
            Value::Text(s) => s.trim(),
            _ => "",
        }
    }
}

/// "C7" for column 2, row 6 (both 0-based).
pub fn cell_name(col: u16, row: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// The decimal Excel shows for a binary float, to its 15 significant
/// digits: 694.3 typed comes back as 694.3, and a formula's
/// 799.9999999999999 (694.3 + 12.9 + 92.8) as 800.
pub fn excel_decimal(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let sci = format!("{:.14e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = exp.parse::<i32>().unwrap_or(0).clamp(-400, 400) + 1;
    let mut s = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    };
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if x < 0.0 && s != "0" {
        s.insert(0, '-');
    }
    s
}

fn not_xlsx(e: &dyn std::fmt::Display) -> FormError {
    FormError::form(
        "无法读取：不是有效的 Excel 工作簿（.xlsx）。请用本程序生成的模板填写，并保存为 .xlsx 格式".to_string(),
        format!("cannot be read: it is not a valid Excel workbook (.xlsx) ({e}). Fill in the template this program makes and save it as .xlsx"),
    )
}

fn too_large() -> FormError {
    FormError::form(
        format!("过大：解压后超过 {} MiB 或部件过多。请使用本程序生成的模板，不要在其中插入图片等内容", MAX_UNPACKED >> 20),
        format!("is too large: over {} MiB unpacked or too many parts. Use the template this program makes, without pictures", MAX_UNPACKED >> 20),
    )
}

fn vet_archive(bytes: &[u8]) -> Result<(), FormError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    if zip.len() > MAX_PARTS {
        return Err(too_large());
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| not_xlsx(&e))?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED {
        return Err(too_large());
    }
    Ok(())
}

/// The sheets named in `wanted` that the workbook has, by name.
pub fn open(bytes: &[u8], wanted: &[&str]) -> Result<BTreeMap<String, Grid>, FormError> {
    let limits = Limits { rows: MAX_ROWS, cols: MAX_COLS, merged: false };
    Ok(open_with(bytes, &|name| wanted.contains(&name), limits)?.into_iter().collect())
}

/// What of a sheet is kept.
#[derive(Clone, Copy)]
pub struct Limits {
    pub rows: u32,
    pub cols: u16,
    /// Read the merged ranges too.
    pub merged: bool,
}

/// The sheets `wanted` accepts, in the workbook's order.
pub fn open_with(
    bytes: &[u8],
    wanted: &dyn Fn(&str) -> bool,
    limits: Limits,
) -> Result<Vec<(String, Grid)>, FormError> {
    vet_archive(bytes)?;
    // calamine parses hostile XML; should it ever panic, the user gets an
    // error about the file rather than the app going down.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(bytes, wanted, limits)))
        .unwrap_or_else(|_| Err(not_xlsx(&"internal parser failure")))
}

fn load(bytes: &[u8], wanted: &dyn Fn(&str) -> bool, limits: Limits) -> Result<Vec<(String, Grid)>, FormError> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    let mut sheets: Vec<(String, Grid)> = Vec::new();
    for name in book.sheet_names() {
        if !wanted(&name) || sheets.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let unreadable = |e: &dyn std::fmt::Display| {
            FormError::form(
                format!("的 “{name}” 工作表无法读取。请使用本程序生成的模板"),
                format!("has a sheet \"{name}\" that cannot be read ({e}). Use the template this program makes"),
            )
        };
        let mut reader = book.worksheet_cells_reader(&name).map_err(|e| unreadable(&e))?;
        let mut grid = Grid::default();
        let mut scanned: u64 = 0;
        while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
            scanned += 1;
            if scanned > MAX_SCANNED {
                grid.overflow = Some(limits.rows);
                break;
            }
            let (row, col) = cell.get_position();
            let value = Value::of(cell.get_value());
            if value.is_blank() || col >= u32::from(limits.cols) {
                continue;
            }
            if row >= limits.rows {
                grid.overflow = Some(row);
                break;
            }
            grid.cells.insert((row, col as u16), value);
        }
        drop(reader);
        if limits.merged {
            grid.merged = book
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| unreadable(&e))?
                .into_iter()
                .map(|d| (d.start, d.end))
                .collect();
        }
        sheets.push((name, grid));
    }
    Ok(sheets)
}
