//! Round trips, the template, and the number conversions.

use std::io::{Cursor, Read};

use calamine::{Reader, Xlsx};
use paneldesk_core::fixture;
use paneldesk_core::manifest::*;
use paneldesk_core::Dec;

use super::cells::excel_decimal;
use super::{export, read, template};

pub(super) fn d(s: &str) -> Dec {
    Dec::parse(s).expect("decimal")
}

/// What `read` gives back for `m`: the same, documents without hashes.
fn unhashed(m: &Manifest) -> Manifest {
    let mut m = m.clone();
    m.documents.iter_mut().for_each(|doc| doc.sha256.clear());
    m
}

fn round_trip(m: &Manifest) {
    let bytes = export(m).expect("export");
    let back = read(&bytes).unwrap_or_else(|e| panic!("read: {}", e.message.zh));
    assert_eq!(back, unhashed(m));
    // Once the caller has hashed the files, the manifest is a valid one.
    let mut hashed = back;
    hashed.documents.iter_mut().for_each(|doc| doc.sha256 = "0".repeat(64));
    hashed.validate().unwrap_or_else(|e| panic!("validate: {}", e.zh));
}

/// An evaluation with everything the form has to carry: two co-builders
/// (an enterprise with finance, a university without), binary-float traps,
/// a missing annual report, an incident, and text a spreadsheet would take
/// for a formula.
pub(super) fn full(kind: Kind) -> Manifest {
    let mut m = fixture::evaluation("LC-2026.eval_01", kind);
    m.lead_unit.finance = vec![
        fixture::finance(2023, d("694.3"), d("12.9")),
        fixture::finance(2024, d("92.8"), d("1820.55")),
        fixture::finance(2025, d("0.1"), d("32280")),
    ];
    m.lead_unit.credit_code = "000371500MA3C4K2P".to_string();
    m.lead_unit.name = "=HYPERLINK(\"http://x\",\"点击\")".to_string();
    m.center.field = "+1+1".to_string();
    m.center.competent_department = "-2+3".to_string();
    m.team.director.title = "@SUM(A1)".to_string();
    m.lead_share_percent = d("62.5");
    m.facilities.rd_space_m2 = d("499.99");
    let mut ent = fixture::enterprise("聊城鲁西化工配套有限公司", "91371500MA3D0B1X2");
    ent.chain_leader = true;
    ent.conversion_cases_3y = 3;
    m.co_builders = vec![ent, fixture::university("聊城大学", "12371500495570060")];
    m.documents.push(fixture::doc("docs/agreement-2.pdf", "共建协议（企业）", DocKind::CobuildAgreement));
    m.annual_reports = Some(vec![
        AnnualReport { year: 2024, document: Some("docs/report-2024.pdf".to_string()) },
        AnnualReport { year: 2025, document: None },
    ]);
    if let Some(t) = m.task_targets.as_mut() {
        t.push(TaskTarget {
            indicator: "研发投入".into(),
            unit: "万元".into(),
            target: d("694.3"),
            achieved: d("0.05"),
        });
    }
    m.incidents = Some(Incidents { major_accident: true, ..Incidents::default() });
    m
}

#[test]
fn establishment_round_trips() {
    round_trip(&fixture::establishment("LC-2026-001"));
    let mut m = fixture::establishment("LC-2026-002");
    m.co_builders.clear();
    m.expert_committee.clear();
    m.lead_unit = fixture::university("山东聊城高等研究院", "12371500MB1234567");
    round_trip(&m);
}

#[test]
fn evaluations_round_trip() {
    for kind in [Kind::Acceptance, Kind::Periodic] {
        round_trip(&full(kind));
        round_trip(&fixture::evaluation("LC-2026-e2", kind));
    }
    // Empty blocks stay present but empty.
    let mut m = fixture::evaluation("LC-2026-e3", Kind::Periodic);
    m.annual_reports = Some(vec![]);
    m.task_targets = Some(vec![]);
    round_trip(&m);
}

#[test]
fn text_is_never_written_as_a_formula() {
    let bytes = export(&full(Kind::Acceptance)).expect("export");
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        if name.starts_with("xl/worksheets/") {
            let mut xml = String::new();
            entry.read_to_string(&mut xml).expect("xml");
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "{name} has a formula");
        }
    }
}

fn sheet_names(bytes: Vec<u8>) -> Vec<String> {
    let book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    book.sheet_names()
}

#[test]
fn templates_open_and_have_their_sheets() {
    let base = ["基本信息", "依托单位财务", "共建单位", "共建单位财务", "专家委员会", "材料清单"];
    assert_eq!(sheet_names(template(Kind::Establishment).expect("template")), base);
    for kind in [Kind::Acceptance, Kind::Periodic] {
        let names = sheet_names(template(kind).expect("template"));
        assert_eq!(names, [&base[..], &["年度报告", "任务目标"]].concat());
    }
    // The basic sheet: header, the kind pre-selected, eval rows only for evaluations.
    let bytes = template(Kind::Periodic).expect("template");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    let basic = book.worksheet_range("基本信息").expect("sheet");
    let row_of = |key: &str| basic.rows().position(|r| r.first().is_some_and(|c| c == key)).expect(key);
    assert_eq!(basic.get((0, 2)).map(|c| c.to_string()).as_deref(), Some("填写值"));
    assert_eq!(basic.get((row_of("kind"), 2)).map(|c| c.to_string()).as_deref(), Some("两年一次绩效评价"));
    assert_eq!(
        basic.get((row_of("facilities.rd_space_m2"), 4)).map(|c| c.to_string()).as_deref(),
        Some("第八条（组建条件）第（三）项")
    );
    row_of("incidents.falsification");
    let est = template(Kind::Establishment).expect("template");
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(est)).expect("opens");
    let basic = book.worksheet_range("基本信息").expect("sheet");
    assert!(!basic.rows().any(|r| r.first().is_some_and(|c| c.to_string().starts_with("incidents."))));
}

#[test]
fn an_untouched_template_asks_for_the_id() {
    for kind in [Kind::Establishment, Kind::Acceptance] {
        let err = read(&template(kind).expect("template")).expect_err("empty form");
        assert_eq!(err.cell.as_deref(), Some("基本信息!C3"));
        assert!(err.message.zh.contains("（申报编号）未填写"), "{}", err.message.zh);
    }
}

#[test]
fn excel_floats_read_as_the_decimals_shown() {
    for s in ["0.1", "694.3", "12.9", "92.8", "1820.55", "0.05", "32280", "9223372036854.77"] {
        let x: f64 = s.parse().expect("float");
        assert_eq!(excel_decimal(x), s);
        assert_eq!(Dec::from_f64(x).expect("dec"), d(s));
    }
    // A formula's binary sum shows, and is read, as the decimal Excel shows.
    assert_eq!(excel_decimal([694.3, 12.9, 92.8].iter().sum()), "800");
    assert_eq!(excel_decimal(0.1 + 0.2), "0.3");
    assert_eq!(excel_decimal(-5.5), "-5.5");
    assert_eq!(excel_decimal(-0.0), "0");
    assert_eq!(excel_decimal(1.234), "1.234");
    assert_eq!(excel_decimal(1e-7), "0.0000001");
    assert_eq!(excel_decimal(1e20), "100000000000000000000");
    assert_eq!(excel_decimal(f64::NAN), "NaN");
}
