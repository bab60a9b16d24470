//! Wrong or hostile forms: each gives a FormError naming the cell, never a panic.

use paneldesk_core::fixture;
use paneldesk_core::manifest::*;
use rust_xlsxwriter::{Formula, Workbook};

use super::layout::T;
use super::model::{Form, Val};
use super::tests::{d, full};
use super::{read, write, FormError};

/// The form of `m`, changed by `edit` before writing and `tamper` after.
fn form_with(m: &Manifest, edit: impl FnOnce(&mut Form), tamper: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut form = Form::of(m);
    edit(&mut form);
    let mut wb = Workbook::new();
    write::sheets(&mut wb, &form, m.kind).expect("sheets");
    tamper(&mut wb);
    wb.save_to_buffer().expect("save")
}

fn basic(key: &'static str, v: Val) -> impl FnOnce(&mut Form) {
    move |f: &mut Form| {
        f.basic.insert(key, v);
    }
}

fn cell(t: T, row: usize, col: usize, v: Val) -> impl FnOnce(&mut Form) {
    move |f: &mut Form| f.rows[t as usize][row].vals[col] = v
}

fn error(m: &Manifest, edit: impl FnOnce(&mut Form)) -> FormError {
    read(&form_with(m, edit, |_| {})).expect_err("must be refused")
}

#[test]
fn bad_figures_name_their_cell() {
    let m = fixture::establishment("LC-1");
    let e = error(&m, cell(T::LeadFinance, 0, 1, Val::Text("abc".into())));
    assert_eq!(e.cell.as_deref(), Some("依托单位财务!B3"));
    assert_eq!(
        e.message.zh,
        "申报数据表 “依托单位财务” 工作表 B3（研发费用，万元）不是数字：“abc”。请填写最多两位小数的非负数"
    );
    assert_eq!(
        e.message.en,
        "Application form, sheet \"依托单位财务\" (lead unit finance), cell B3 (R&D expense, 10k CNY) is not a number: \"abc\". \
         Enter a non-negative number with at most two decimals"
    );
    let e = error(&m, basic("facilities.equipment_value_wan", Val::Dec(d("860.125"))));
    assert_eq!(e.cell.as_deref(), Some("基本信息!C22"));
    assert!(e.message.zh.contains("（仪器设备原值，万元）超过两位小数：“860.125”"), "{}", e.message.zh);
    let e = error(&m, basic("facilities.rd_space_m2", Val::Dec(d("-5"))));
    assert!(e.message.zh.contains("（科研开发用房面积，平方米）是负数：“-5”"), "{}", e.message.zh);
    let e = error(&m, basic("lead_share_percent", Val::Text("100.5".into())));
    assert!(e.message.zh.contains("超过 100"), "{}", e.message.zh);
    let e = error(&m, basic("team.full_time_rd_staff", Val::Dec(d("15.5"))));
    assert!(e.message.zh.contains("（专职固定科研人员，人）不是非负整数：“15.5”"), "{}", e.message.zh);
}

#[test]
fn required_and_listed_values() {
    let m = fixture::establishment("LC-1");
    let e = error(&m, basic("id", Val::Empty));
    assert_eq!(e.cell.as_deref(), Some("基本信息!C3"));
    assert!(e.message.zh.contains("C3（申报编号）未填写。请填写"), "{}", e.message.zh);
    let e = error(&m, basic("id", Val::Text("bad id/..".into())));
    assert_eq!(e.cell.as_deref(), Some("基本信息!C3"));
    let e = error(&m, basic("kind", Val::Text("组建".into())));
    assert_eq!(e.cell.as_deref(), Some("基本信息!C4"));
    assert!(e.message.zh.contains("“组建”不是可选项。请选择下拉列表中的一项：组建申报、"), "{}", e.message.zh);
    let e = error(&m, basic("lead.in_liaocheng", Val::Text("对".into())));
    assert!(e.message.zh.contains("应为“是”或“否”"), "{}", e.message.zh);
    let e = error(&m, basic("submitted_at", Val::Text("昨天".into())));
    assert!(e.message.zh.contains("不是有效的时间"), "{}", e.message.zh);
    let e = error(&m, basic("lead.credit_code", Val::Int(913715001234567890)));
    assert!(e.message.zh.contains("是数字格式"), "{}", e.message.zh);
    let e = error(&m, cell(T::Documents, 1, 2, Val::Empty));
    assert_eq!(e.cell.as_deref(), Some("材料清单!C4"));
}

#[test]
fn cross_references_are_checked() {
    let m = full(Kind::Acceptance);
    let e = error(&m, cell(T::CoFinance, 0, 0, Val::Int(9)));
    assert_eq!(e.cell.as_deref(), Some("共建单位财务!A3"));
    let e = error(&m, cell(T::CoFinance, 1, 1, Val::Text("聊城大学".into())));
    assert_eq!(e.cell.as_deref(), Some("共建单位财务!B4"));
    let e = error(&m, cell(T::CoBuilders, 1, 0, Val::Int(1)));
    assert_eq!(e.cell.as_deref(), Some("共建单位!A4"));
    let e = error(&m, cell(T::Documents, 1, 0, Val::Text("docs/task-book.pdf".into())));
    assert_eq!(e.cell.as_deref(), Some("材料清单!A4"));
    let e = error(&m, cell(T::Documents, 0, 0, Val::Text("../etc/passwd".into())));
    assert_eq!(e.cell.as_deref(), Some("材料清单!A3"));
    let e = error(&m, cell(T::Annual, 1, 1, Val::Text("docs/task-book.pdf".into())));
    assert_eq!(e.cell.as_deref(), Some("年度报告!B4"));
    // An evaluation kind on an establishment form: the rows it needs are missing.
    let est = fixture::establishment("LC-1");
    let e = error(&est, basic("kind", Val::Choice(1)));
    assert_eq!(e.cell, None);
    assert!(e.message.zh.contains("缺少“是否无故不参加绩效评价”一行"), "{}", e.message.zh);
}

#[test]
fn hostile_workbooks_are_refused_or_read_safely() {
    let m = full(Kind::Periodic);
    // A formula's cached binary result reads as the decimal Excel shows.
    let bytes = form_with(
        &m,
        |_| {},
        |wb| {
            let ws = wb.worksheet_from_name("基本信息").expect("sheet");
            ws.write_formula(20, 2, Formula::new("=694.3+12.9+92.8").set_result("799.9999999999999")).expect("formula");
        },
    );
    assert_eq!(read(&bytes).expect("read").facilities.rd_space_m2, 800);
    // Unknown sheets, merged cells and far-away cells outside the read area are ignored.
    let bytes = form_with(
        &m,
        |_| {},
        |wb| {
            wb.add_worksheet().set_name("备注").expect("name").write_string(0, 0, "=1+1").expect("write");
            let ws = wb.worksheet_from_name("基本信息").expect("sheet");
            ws.write_string(1_048_575, 16_383, "x").expect("far cell");
            wb.worksheet_from_name("共建单位").expect("sheet").write_number(9, 0, 7).expect("numbering");
            let ws = wb.worksheet_from_name("基本信息").expect("sheet");
            let name = "聊城市高端轴承技术创新中心";
            ws.merge_range(5, 2, 5, 3, name, &rust_xlsxwriter::Format::new()).expect("merge");
        },
    );
    assert_eq!(read(&bytes).expect("read"), {
        let mut back = m.clone();
        back.documents.iter_mut().for_each(|doc| doc.sha256.clear());
        back
    });
    // Rows beyond the limit in a table are refused, not silently dropped.
    let bytes = form_with(
        &m,
        |_| {},
        |wb| {
            wb.worksheet_from_name("材料清单").expect("sheet").write_string(1_048_575, 0, "x").expect("far");
        },
    );
    let e = read(&bytes).expect_err("too many rows");
    assert!(e.message.zh.contains("第 1048576 行仍有内容"), "{}", e.message.zh);
    // A missing sheet.
    let bytes = form_with(
        &m,
        |_| {},
        |wb| {
            wb.worksheet_from_name("任务目标").expect("sheet").set_name("任务").expect("rename");
        },
    );
    assert!(read(&bytes).expect_err("missing").message.zh.contains("缺少 “任务目标” 工作表"));
}

#[test]
fn garbage_never_panics() {
    for bytes in [&b""[..], b"not a workbook", b"PK\x03\x04garbage", &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]]
    {
        let e = read(bytes).expect_err("garbage");
        assert!(e.cell.is_none() && e.message.zh.starts_with("申报数据表无法读取"), "{}", e.message.zh);
    }
    // Truncated and corrupted copies of a real form: an answer each time.
    let good = super::export(&full(Kind::Acceptance)).expect("export");
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for i in 0..200 {
        let mut bytes = good.clone();
        if i % 2 == 0 {
            bytes.truncate(good.len() * i / 200);
        } else {
            for _ in 0..8 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let at = (seed >> 33) as usize % bytes.len();
                bytes[at] ^= (seed >> 24) as u8 | 1;
            }
        }
        let _ = read(&bytes);
    }
}
