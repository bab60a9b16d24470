//! Reading a filled form: fields are found by their machine key (the hidden
//! key column of 基本信息, the hidden key row of the tables), falling back to
//! the Chinese label, so neither reordering nor relabelling breaks it.

use std::collections::HashMap;

use paneldesk_core::manifest::{Kind, Manifest};

use super::cells::{self, Grid};
use super::layout::*;
use super::model::{Form, Row, Val};
use super::parse::{parse, At};
use super::FormError;

pub fn read(bytes: &[u8]) -> Result<Manifest, FormError> {
    let wanted: Vec<&str> = std::iter::once(BASIC).chain(TABLES.iter().map(|t| t.name)).collect();
    let sheets = cells::open(bytes, &wanted)?;
    let sheet = |name: &str| {
        sheets.get(name).ok_or_else(|| {
            FormError::form(
                format!("缺少 “{name}” 工作表。请使用本程序生成的模板，不要删除或重命名工作表"),
                format!(
                    "has no sheet \"{name}\". Use the template this program makes, without deleting or renaming sheets"
                ),
            )
        })
    };
    let mut form = Form::empty();
    let kind = read_basic(sheet(BASIC)?, &mut form)?;
    for (t, tb) in tables(kind) {
        read_table(sheet(tb.name)?, t, tb, &mut form)?;
    }
    form.into_manifest()
}

fn read_basic(g: &Grid, form: &mut Form) -> Result<Kind, FormError> {
    let mut by_key: HashMap<&str, u32> = HashMap::new();
    for r in 0..g.height() {
        by_key.entry(g.text(r, KEY_COL)).or_insert(r);
    }
    let find =
        |f: &Field| by_key.get(f.key).copied().or_else(|| (0..g.height()).find(|&r| g.text(r, LABEL_COL) == f.zh));
    let field = |f: &Field, kind: Option<Kind>| {
        let Some(row) = find(f) else {
            let (zh, en) = match kind {
                Some(k) => (format!("“{}”的", k.label().zh), format!("the {} ", k.label().en)),
                None => (String::new(), String::new()),
            };
            return Err(FormError::form(
                format!("的 “{BASIC}” 工作表缺少“{}”一行。请使用本程序生成的{zh}模板", f.zh),
                format!(
                    "has no row \"{}\" ({}) in the sheet \"{BASIC}\". Use {en}template this program makes",
                    f.zh, f.en
                ),
            ));
        };
        parse(g.get(row, VALUE_COL), f, &At { sheet: BASIC, col: VALUE_COL, row })
    };
    // The kind decides which rows and sheets the form has.
    let kind_field = BASIC_FIELDS.iter().find(|f| f.key == "kind");
    let kind = match kind_field.map(|f| field(f, None)).transpose()? {
        Some(Val::Choice(i)) => KINDS.get(i).copied().unwrap_or(Kind::Establishment),
        _ => Kind::Establishment,
    };
    for f in basic_fields(kind) {
        let v = field(f, Some(kind))?;
        form.basic.insert(f.key, v);
    }
    Ok(kind)
}

fn read_table(g: &Grid, t: T, tb: &Table, form: &mut Form) -> Result<(), FormError> {
    let name = tb.name;
    if let Some(r) = g.overflow {
        let rows = MAX_ROWS - FIRST_DATA_ROW;
        return Err(FormError::form(
            format!("的 “{name}” 工作表第 {} 行仍有内容，超过 {MAX_ROWS} 行的上限。每张表最多填写 {rows} 行数据", u64::from(r) + 1),
            format!("has content in row {} of the sheet \"{name}\", beyond the limit of {MAX_ROWS} rows. Each sheet holds at most {rows} data rows", u64::from(r) + 1),
        ));
    }
    let mut cols = Vec::with_capacity(tb.cols.len());
    for f in tb.cols {
        let by_key = (0..MAX_COLS).find(|&c| g.text(KEY_ROW, c) == f.key);
        let Some(c) = by_key.or_else(|| (0..MAX_COLS).find(|&c| g.text(HEADER_ROW, c) == f.header())) else {
            return Err(FormError::form(
                format!("的 “{name}” 工作表缺少“{}”列。请使用本程序生成的模板，不要删除列", f.header()),
                format!("has no column \"{}\" ({}) in the sheet \"{name}\". Use the template this program makes, without deleting columns", f.header(), f.en),
            ));
        };
        cols.push(c);
    }
    let mut rows = Vec::new();
    for r in FIRST_DATA_ROW..g.height() {
        // Rows with nothing but a pre-filled 序号 are blank too.
        let numbering = |f: &Field| f.ty == Ty::Index && f.optional;
        if tb.cols.iter().zip(&cols).all(|(f, &c)| numbering(f) || g.get(r, c).is_blank()) {
            continue;
        }
        let vals = (tb.cols.iter().zip(&cols))
            .map(|(f, &col)| parse(g.get(r, col), f, &At { sheet: name, col, row: r }))
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(Row { line: r, vals });
    }
    if let (Some(slot), Some(at)) = (form.rows.get_mut(t as usize), form.cols.get_mut(t as usize)) {
        *slot = rows;
        *at = cols;
    }
    Ok(())
}
