//! One cell to one typed value, or the message saying what is wrong with it
//! and what to enter instead.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use paneldesk_core::manifest::{is_valid_id, PACKAGE_FORMAT};
use paneldesk_core::time::Timestamp;
use paneldesk_core::Dec;

use super::cells::{excel_decimal, Value};
use super::layout::{Field, Ty};
use super::model::Val;
use super::FormError;

/// Where the cell is: sheet name and 0-based column and row.
pub struct At<'a> {
    pub sheet: &'a str,
    pub col: u16,
    pub row: u32,
}

/// What to enter, (zh, en).
fn hint(ty: Ty) -> (String, String) {
    let s = |zh: &str, en: &str| (zh.to_string(), en.to_string());
    match ty {
        Ty::Format => s(PACKAGE_FORMAT, PACKAGE_FORMAT),
        Ty::Id => s(
            "字母、数字、点、下划线或连字符组成的编号，最多 64 个字符",
            "an id of letters, digits, dots, underscores or hyphens, at most 64",
        ),
        Ty::Text => s("内容", "a value"),
        Ty::Code => s("18 位统一社会信用代码（文本格式）", "the 18-character credit code (as text)"),
        Ty::Time => s("时间，如 2026-05-10T09:30:00+08:00", "a time such as 2026-05-10T09:30:00+08:00"),
        Ty::Bool => s("“是”或“否”", "是 (yes) or 否 (no)"),
        Ty::Choice(c) => {
            let list = c.labels().join("、");
            (format!("下拉列表中的一项：{list}"), format!("one of the drop-down entries: {list}"))
        }
        Ty::Count => s("非负整数", "a whole number ≥ 0"),
        Ty::Year => s("四位年份，如 2025", "a four-digit year such as 2025"),
        Ty::Index => s("正整数序号", "a whole number ≥ 1"),
        Ty::Figure => s("最多两位小数的非负数", "a non-negative number with at most two decimals"),
        Ty::Percent => s("0–100 之间、最多两位小数的数", "a number from 0 to 100 with at most two decimals"),
    }
}

/// The value as the user sees it (a float to Excel's 15 digits).
pub(super) fn plain(v: &Value) -> String {
    match v {
        Value::Empty => String::new(),
        Value::Text(s) => s.trim().to_string(),
        Value::Number(x) => excel_decimal(*x),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
        Value::Date(d) => {
            let (y, m, day, h, mi, sec, _) = d.to_ymd_hms_milli();
            format!("{y}-{m:02}-{day:02} {h:02}:{mi:02}:{sec:02}")
        }
        Value::Error(e) => e.clone(),
    }
}

/// Cut short for messages.
fn shown(s: &str) -> String {
    let mut cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        cut.push('…');
    }
    cut
}

/// A text reading of cells that are text by nature (a number typed into a
/// name cell is taken as its digits); dates and errors are not text.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => Some(s.trim().to_string()),
        Value::Number(_) | Value::Int(_) | Value::Bool(_) => Some(plain(v)),
        _ => None,
    }
}

enum Bad {
    NotNumber,
    Negative,
    Decimals,
    TooLarge,
}

/// A non-negative decimal literal with at most two decimals.
fn figure(s: &str) -> Result<Dec, Bad> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (body.contains('.') && !digits(frac)) {
        return Err(Bad::NotNumber);
    }
    if s.starts_with('-') && body.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        return Err(Bad::Negative);
    }
    if frac.trim_end_matches('0').len() > 2 {
        return Err(Bad::Decimals);
    }
    Dec::parse(body).map_err(|_| Bad::TooLarge)
}

fn time(v: &Value) -> Option<Timestamp> {
    // Times without an offset are Beijing time, where the forms are filled in.
    let beijing = FixedOffset::east_opt(8 * 3600)?;
    let naive = match v {
        Value::Date(d) => {
            let (y, m, day, h, mi, s, _) = d.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), m.into(), day.into())?.and_hms_opt(h.into(), mi.into(), s.into())?
        }
        Value::Text(s) => {
            let s = s.trim();
            if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                return Some(t);
            }
            let with_time =
                ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M"];
            let date = ["%Y-%m-%d", "%Y/%m/%d"];
            with_time.iter().find_map(|f| NaiveDateTime::parse_from_str(s, f).ok()).or_else(|| {
                date.iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok()).and_then(|d| d.and_hms_opt(0, 0, 0))
            })?
        }
        _ => return None,
    };
    beijing.from_local_datetime(&naive).single()
}

pub fn parse(v: &Value, f: &Field, at: &At) -> Result<Val, FormError> {
    let (hint_zh, hint_en) = hint(f.ty);
    let fail = |zh: String, en: String| Err(FormError::cell(at.sheet, at.col, at.row, f, &zh, &en));
    if v.is_blank() {
        if f.optional {
            return Ok(Val::Empty);
        }
        return fail(format!("未填写。请填写{hint_zh}"), format!("is empty. Enter {hint_en}"));
    }
    let plain = plain(v);
    let shown = shown(&plain);
    if let Value::Error(e) = v {
        return fail(
            format!("是公式错误 {e}。请直接填写{hint_zh}"),
            format!("holds the formula error {e}. Enter {hint_en}"),
        );
    }
    match f.ty {
        Ty::Bool => match (v, text_of(v).as_deref()) {
            (Value::Bool(b), _) => Ok(Val::Bool(*b)),
            (_, Some("是")) => Ok(Val::Bool(true)),
            (_, Some("否")) => Ok(Val::Bool(false)),
            _ => fail(format!("应为“是”或“否”，而不是“{shown}”。请从下拉列表中选择"), format!("must be 是 or 否, not \"{shown}\". Pick one from the drop-down list")),
        },
        Ty::Choice(c) => {
            let t = text_of(v).unwrap_or_default();
            match c.labels().iter().position(|l| *l == t).or_else(|| c.codes().iter().position(|l| *l == t)) {
                Some(i) => Ok(Val::Choice(i)),
                None => fail(format!("“{shown}”不是可选项。请选择{hint_zh}"), format!("\"{shown}\" is not an option. Pick {hint_en}")),
            }
        }
        Ty::Figure | Ty::Percent => {
            let d = match v {
                Value::Number(_) | Value::Int(_) | Value::Text(_) => figure(&plain),
                _ => Err(Bad::NotNumber),
            };
            let (zh, en) = match d {
                Ok(d) if f.ty == Ty::Percent && d > 100 => ("超过 100", "is over 100"),
                Ok(d) => return Ok(Val::Dec(d)),
                Err(Bad::NotNumber) => ("不是数字", "is not a number"),
                Err(Bad::Negative) => ("是负数", "is negative"),
                Err(Bad::Decimals) => ("超过两位小数", "has more than two decimals"),
                Err(Bad::TooLarge) => ("数值过大", "is too large"),
            };
            fail(format!("{zh}：“{shown}”。请填写{hint_zh}"), format!("{en}: \"{shown}\". Enter {hint_en}"))
        }
        Ty::Count | Ty::Year | Ty::Index => {
            let (min, max) = match f.ty {
                Ty::Year => (1900, 2100),
                Ty::Index => (1, 1000),
                _ => (0, i64::from(u32::MAX)),
            };
            let whole = match v {
                Value::Number(_) | Value::Int(_) | Value::Text(_) => plain.parse::<i64>().ok(),
                _ => None,
            };
            match whole {
                Some(n) if (min..=max).contains(&n) => Ok(Val::Int(n)),
                _ => fail(format!("不是{hint_zh}：“{shown}”。请填写{hint_zh}"), format!("is not {hint_en}: \"{shown}\". Enter {hint_en}")),
            }
        }
        Ty::Time => match time(v) {
            Some(t) => Ok(Val::Time(t)),
            None => fail(format!("不是有效的时间：“{shown}”。请以文本填写{hint_zh}"), format!("is not a valid time: \"{shown}\". Enter, as text, {hint_en}")),
        },
        Ty::Code => match v {
            Value::Text(s) => Ok(Val::Text(s.trim().to_string())),
            _ => fail(
                format!("是数字格式（{shown}），长代码会因此丢失位数。请将单元格设为文本格式后重新填写{hint_zh}"),
                format!("is a number ({shown}), which loses digits of a long code. Format the cell as text and enter {hint_en}"),
            ),
        },
        Ty::Format | Ty::Id | Ty::Text => {
            let Some(t) = text_of(v) else {
                return fail(format!("是日期或其他非文本内容（{shown}）。请以文本填写{hint_zh}"), format!("is a date or other non-text value ({shown}). Enter, as text, {hint_en}"));
            };
            match f.ty {
                Ty::Format if t != PACKAGE_FORMAT => fail(
                    format!("为“{shown}”，本程序只能读取 {PACKAGE_FORMAT} 的申报数据表。请使用本程序生成的模板"),
                    format!("is \"{shown}\"; this program reads {PACKAGE_FORMAT} forms only. Use the template this program makes"),
                ),
                Ty::Id if !is_valid_id(&t) => fail(format!("“{shown}”不符合要求。请填写{hint_zh}"), format!("\"{shown}\" is not allowed. Enter {hint_en}")),
                _ => Ok(Val::Text(t)),
            }
        }
    }
}
