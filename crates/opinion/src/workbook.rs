//! The ranking as an Excel workbook (one sheet for the ranking, one per
//! package's score matrix) and as CSV, for the bureau's own tools.

use std::collections::BTreeMap;

use paneldesk_core::batch::Batch;
use paneldesk_core::consolidate::{Candidate, PackageResult};
use paneldesk_core::manifest::Manifest;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::error::{OpinionError, Result};

fn xlsx_error(e: XlsxError) -> OpinionError {
    OpinionError::internal("Excel", e)
}

/// Header labels, then one row per package: ranked first, then set apart.
pub fn ranking_rows(
    batch: &Batch,
    results: &[PackageResult],
    manifests: &BTreeMap<String, Manifest>,
) -> Vec<Vec<String>> {
    let mut header = vec!["名次".to_string(), "材料包".into(), "技术创新中心".into(), "依托单位".into()];
    header.push("专家数".into());
    header.push("计分方法".into());
    header.push("综合得分".into());
    header.extend(batch.rubric.criteria.iter().map(|c| c.title.clone()));
    header.push(if batch.kind.is_evaluation() { "等次".into() } else { "推荐意见".into() });
    header.push("形式审查 / 说明".into());
    let mut ordered: Vec<&PackageResult> = results.iter().collect();
    ordered.sort_by_key(|r| (r.rank.is_none(), r.rank, r.package_id.clone()));
    let mut rows = vec![header];
    for r in ordered {
        let m = manifests.get(&r.package_id);
        let mut row = vec![
            r.rank.map(|k| k.to_string()).unwrap_or_default(),
            r.package_id.clone(),
            m.map(|m| m.center.name.clone()).unwrap_or_default(),
            m.map(|m| m.lead_unit.name.clone()).unwrap_or_default(),
            r.reviews.len().to_string(),
            r.total.as_ref().map(|t| t.method.as_str().to_string()).unwrap_or_default(),
            r.total.as_ref().map(|t| t.value.to_string()).unwrap_or_default(),
        ];
        row.extend(r.criteria.iter().map(|(_, c)| c.value.to_string()));
        row.resize(7 + batch.rubric.criteria.len(), String::new());
        row.push(
            if batch.kind.is_evaluation() { r.grade.clone() } else { r.recommendation.clone().map(|s| label(&s)) }
                .unwrap_or_default(),
        );
        row.push(r.set_apart.as_ref().map(|m| m.zh.clone()).unwrap_or_else(|| r.verdict.label().zh));
        rows.push(row);
    }
    rows
}

fn label(recommendation: &str) -> String {
    match recommendation {
        "recommend" => "推荐".to_string(),
        "not_recommend" => "不推荐".to_string(),
        other => other.to_string(),
    }
}

/// RFC 4180 CSV with a UTF-8 byte order mark, so spreadsheet programs on
/// Chinese Windows read it as UTF-8. A cell that a spreadsheet would take
/// for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return: a centre named "=HYPERLINK(…)") gets a leading apostrophe, so it
/// is shown as the text it is (OWASP's CSV-injection advice). The figures
/// in the ranking are never negative, so no number is touched.
pub fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let c = if c.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{c}") } else { c.clone() };
                if c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn write_rows(sheet: &mut Worksheet, rows: &[Vec<String>], bold: &Format) -> Result<()> {
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r16, c16) = (r as u32, c as u16);
            // Figures go in as numbers so that the bureau can sort and sum;
            // only plain decimals ("NaN" or "inf" in a name stay text).
            // Everything else is a string cell, never a formula.
            let plain = !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit() || b == b'.');
            match cell.parse::<f64>() {
                Ok(n) if r > 0 && plain => sheet.write_number(r16, c16, n).map_err(xlsx_error)?,
                _ if r == 0 => sheet.write_string_with_format(r16, c16, cell, bold).map_err(xlsx_error)?,
                _ => sheet.write_string(r16, c16, cell).map_err(xlsx_error)?,
            };
        }
    }
    Ok(())
}

/// The workbook: 排名 first, then a 评分矩阵 sheet per package.
pub fn ranking_xlsx(
    batch: &Batch,
    results: &[PackageResult],
    manifests: &BTreeMap<String, Manifest>,
    accepted: &[Candidate],
) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ranking = wb.add_worksheet().set_name("排名").map_err(xlsx_error)?;
    write_rows(ranking, &ranking_rows(batch, results, manifests), &bold)?;
    for r in results {
        let mut rows = vec![{
            let mut h = vec!["专家编号".to_string(), "姓名".into()];
            h.extend(batch.rubric.criteria.iter().map(|c| format!("{}（{}）", c.title, c.max)));
            h.push("总分".into());
            h.push("去极值剔除".into());
            h
        }];
        for line in &r.reviews {
            let doc = accepted.iter().find(|c| c.file_sha256 == line.review_sha256).map(|c| &c.doc);
            let mut row = vec![line.expert_id.clone(), line.name.clone()];
            row.extend(batch.rubric.criteria.iter().map(|cr| {
                doc.and_then(|d| d.scores.iter().find(|s| s.criterion == cr.id))
                    .map(|s| s.score.to_string())
                    .unwrap_or_default()
            }));
            row.push(line.total.to_string());
            row.push(if line.dropped { "是".into() } else { String::new() });
            rows.push(row);
        }
        // Sheet names: at most 31 characters, no []:*?/\ (ids never have them).
        let name: String = r.package_id.chars().take(31).collect();
        let sheet = wb.add_worksheet().set_name(&name).map_err(xlsx_error)?;
        write_rows(sheet, &rows, &bold)?;
    }
    wb.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::csv;

    /// Read back by Python's csv module, as a spreadsheet import would.
    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("ranking.csv");
        std::fs::write(&file, bytes).expect("write");
        let script = "import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))";
        let out = std::process::Command::new("python3").args(["-c", script]).arg(&file).output().expect("python3");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).expect("json")
    }

    #[test]
    fn cells_that_would_be_formulas_are_neutralised() {
        let hostile =
            ["=HYPERLINK(\"http://x\",\"点击\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "聊城,中心", "72.5"];
        let rows = vec![hostile.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
        let back = read_back(&csv(&rows));
        assert_eq!(
            back[0],
            [
                "'=HYPERLINK(\"http://x\",\"点击\")",
                "'+1+1",
                "'-2+3",
                "'@SUM(A1)",
                "'\tTAB",
                "'\rCR",
                "聊城,中心",
                "72.5"
            ]
        );
    }
}
