//! The evaluation sections of the expert's form and the 专家组意见
//! (formats.md §7): the task book's targets against what was achieved, and
//! the annual reports year by year.

use paneldesk_core::evaluation::{annual_reports, targets};
use paneldesk_core::manifest::Manifest;

use super::engine::{Align, Doc};
use super::form::dec;
use super::table::{Col, Row};

/// 建设任务书考核指标完成情况: one row per indicator, a shortfall marked.
pub fn targets_table(d: &mut Doc, m: &Manifest) {
    let lines = targets(m);
    if lines.is_empty() {
        d.para("（申报材料未列建设任务书考核指标）");
        return;
    }
    let cols = [
        Col { title: "考核指标", share: 0.32, align: Align::Left },
        Col { title: "单位", share: 0.1, align: Align::Center },
        Col { title: "目标值", share: 0.14, align: Align::Center },
        Col { title: "完成值", share: 0.14, align: Align::Center },
        Col { title: "完成率", share: 0.14, align: Align::Center },
        Col { title: "情况", share: 0.16, align: Align::Center },
    ];
    let rows: Vec<Row> = lines
        .iter()
        .map(|l| {
            let pct = l.percent.map_or("—".to_string(), |p| format!("{}%", dec(p)));
            let state = if l.below { "未达标" } else { "达标" };
            Row::new(vec![l.indicator.clone(), l.unit.clone(), dec(l.target), dec(l.achieved), pct, state.into()])
        })
        .collect();
    d.rows(&cols, &rows, true);
    let short = lines.iter().filter(|l| l.below).count();
    if short > 0 {
        d.small(&format!("共 {} 项指标，{short} 项未达到任务书目标值（标为“未达标”）。", lines.len()));
    }
}

/// 年度报告报送情况: each year, filed or not.
pub fn reports_table(d: &mut Doc, m: &Manifest) {
    let years = annual_reports(m);
    if years.is_empty() {
        d.para("（申报材料未列年度报告）");
        return;
    }
    let cols = [
        Col { title: "年度", share: 0.3, align: Align::Center },
        Col { title: "年度报告", share: 0.7, align: Align::Left },
    ];
    let rows: Vec<Row> = years
        .iter()
        .map(|(y, filed)| Row::new(vec![format!("{y} 年"), if *filed { "已报送" } else { "未报送" }.into()]))
        .collect();
    d.rows(&cols, &rows, true);
}
