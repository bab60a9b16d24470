//! Any `.xlsx` document of a package (an equipment list, a staff roster)
//! as read-only tables for the window: every sheet in the workbook's order,
//! each cell as Excel shows it (a float to 15 digits, so 694.3 stays 694.3),
//! merged ranges kept. Opened with the same guards as the applicant's form
//! (declared sizes vetted, cells streamed, a bounded grid).

use super::cells::{self, Limits};
use super::FormError;

/// Rows and columns kept per sheet; more is said (`truncated`), not shown.
pub const MAX_TABLE_ROWS: u32 = 5000;
pub const MAX_TABLE_COLS: u16 = 64;

/// One sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetTable {
    pub name: String,
    /// Row-major, every row as wide as the widest kept row; "" for empty cells.
    pub rows: Vec<Vec<String>>,
    /// Merged ranges inside the kept grid.
    pub merged: Vec<Merge>,
    /// Cells beyond the limits were left out.
    pub truncated: bool,
}

/// A merged range: its top-left cell and its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    pub row: u32,
    pub col: u32,
    pub rows: u32,
    pub cols: u32,
}

/// Every sheet of the workbook as a table.
pub fn read_tables(bytes: &[u8]) -> Result<Vec<SheetTable>, FormError> {
    let limits = Limits { rows: MAX_TABLE_ROWS, cols: MAX_TABLE_COLS, merged: true };
    let sheets = cells::open_with(bytes, &|_| true, limits)?;
    Ok(sheets.into_iter().map(|(name, grid)| table(name, &grid)).collect())
}

fn table(name: String, grid: &cells::Grid) -> SheetTable {
    let height = grid.height();
    let width = grid.width();
    let rows = (0..height).map(|r| (0..width).map(|c| super::parse::plain(grid.get(r, c))).collect()).collect();
    let merged = grid
        .merged
        .iter()
        .filter(|((r, c), _)| *r < height && *c < u32::from(width))
        .map(|((r0, c0), (r1, c1))| Merge {
            row: *r0,
            col: *c0,
            rows: r1.min(&height.saturating_sub(1)).saturating_sub(*r0) + 1,
            cols: c1.min(&u32::from(width.saturating_sub(1))).saturating_sub(*c0) + 1,
        })
        .filter(|m| m.rows * m.cols > 1)
        .collect();
    SheetTable { name, rows, merged, truncated: grid.overflow.is_some() }
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::{Format, Workbook};

    use super::*;

    #[test]
    fn every_sheet_in_order_numbers_as_written_merges_kept() {
        let mut book = Workbook::new();
        let s = book.add_worksheet().set_name("设备清单").expect("name");
        s.merge_range(0, 0, 0, 2, "仪器设备清单", &Format::new()).expect("merge");
        s.write(1, 0, "名称").expect("w");
        s.write(1, 1, "原值（万元）").expect("w");
        s.write(2, 0, "电子显微镜").expect("w");
        s.write(2, 1, 694.3).expect("w");
        s.write(2, 2, 12).expect("w");
        let t = book.add_worksheet().set_name("人员").expect("name");
        t.write(0, 0, "张三").expect("w");
        let bytes = book.save_to_buffer().expect("xlsx");

        let tables = read_tables(&bytes).expect("tables");
        assert_eq!(tables.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["设备清单", "人员"]);
        let first = &tables[0];
        assert_eq!(first.rows[0][0], "仪器设备清单");
        assert_eq!(first.rows[2], ["电子显微镜", "694.3", "12"]);
        assert_eq!(first.merged, [Merge { row: 0, col: 0, rows: 1, cols: 3 }]);
        assert!(!first.truncated);
        assert_eq!(tables[1].rows, [["张三"]]);
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused() {
        assert!(read_tables(b"PK\x03\x04 not really").is_err());
        assert!(read_tables(b"%PDF-1.7").is_err());
    }
}
