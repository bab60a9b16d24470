//! The documents of an acceptance package: the task book signed at
//! approval, the annual reports actually filed, and the self-evaluation.

use paneldesk_core::manifest::{DocKind, Manifest, TaskTarget};
use paneldesk_core::Dec;

use crate::acceptance::report_path;
use crate::case::Case;
use crate::documents::{equipment, finish, Written};
use crate::figures::{money, percent};
use paneldesk_opinion::render::engine::{Align, Doc, Fonts};
use paneldesk_opinion::render::table::Col;

pub fn acceptance(fonts: &Fonts, case: &Case) -> Result<Vec<Written>, String> {
    let m = &case.manifest;
    let mut out = vec![task_book(fonts, case)?];
    let years: Vec<i32> = m.annual_reports.iter().flatten().map(|r| r.year).collect();
    for (i, r) in m.annual_reports.iter().flatten().enumerate() {
        if r.document.is_some() {
            out.push(annual_report(fonts, case, i, years.len())?);
        }
    }
    out.push(self_evaluation(fonts, case)?);
    out.push(equipment(fonts, case)?);
    Ok(out)
}

fn targets(m: &Manifest) -> &[TaskTarget] {
    m.task_targets.as_deref().unwrap_or_default()
}

/// Counted indicators (件, 项, 人, 个) are whole numbers.
fn is_count(t: &TaskTarget) -> bool {
    matches!(t.unit.as_str(), "件" | "项" | "人" | "个")
}

fn figure(t: &TaskTarget, x: Dec) -> String {
    if is_count(t) {
        x.to_string()
    } else {
        money(x)
    }
}

/// The part of `t.achieved` reached by the end of year `i` of `n`.
fn cumulative(t: &TaskTarget, i: usize, n: usize) -> Dec {
    let (i, n) = ((i + 1) as i64, n.max(1) as i64);
    if is_count(t) {
        Dec::from_int(t.achieved.micros() / 1_000_000 * i / n)
    } else {
        Dec::from_hundredths(t.achieved.micros() / 10_000 * i / n)
    }
}

fn construction(m: &Manifest) -> String {
    let years: Vec<i32> = m.annual_reports.iter().flatten().map(|r| r.year).collect();
    let first = years.first().copied().unwrap_or(2023);
    format!("{first}年1月—{}年12月（两年）", first + 1)
}

fn basics(doc: &mut Doc, m: &Manifest) {
    let co: Vec<&str> = m.co_builders.iter().map(|u| u.name.as_str()).collect();
    doc.fields(&[
        ("中心名称", m.center.name.clone()),
        ("依托单位", m.lead_unit.name.clone()),
        ("共建单位", if co.is_empty() { "无".to_string() } else { co.join("、") }),
        ("主管部门", m.center.competent_department.clone()),
        ("中心主任", format!("{}（{}）", m.team.director.name, m.team.director.title)),
        ("筹建期", construction(m)),
    ]);
}

/// 建设任务书 (第九条): the targets the acceptance is judged against.
fn task_book(fonts: &Fonts, case: &Case) -> Result<Written, String> {
    let m = &case.manifest;
    let p = &case.profile;
    let mut doc = Doc::new(fonts, &format!("{} · 建设任务书", m.center.name));
    doc.title("聊城市技术创新中心建设任务书");
    basics(&mut doc, m);
    doc.heading("一、建设目标");
    doc.para(&format!(
        "{}筹建期内，中心围绕{}领域重点开展以下方向的技术攻关：{}。",
        p.intro,
        m.center.field,
        p.directions.join("；")
    ));
    doc.heading("二、考核指标");
    let cols = [
        Col { title: "序号", share: 0.1, align: Align::Center },
        Col { title: "考核指标", share: 0.5, align: Align::Left },
        Col { title: "单位", share: 0.15, align: Align::Center },
        Col { title: "目标值", share: 0.25, align: Align::Right },
    ];
    let rows: Vec<Vec<String>> = targets(m)
        .iter()
        .enumerate()
        .map(|(i, t)| vec![(i + 1).to_string(), t.indicator.clone(), t.unit.clone(), figure(t, t.target)])
        .collect();
    doc.table(&cols, &rows);
    doc.heading("三、条件保障");
    doc.para(&format!("依托单位提供科研开发用房 {} 平方米、原值 {} 万元的仪器设备，配置专职固定科研人员 {} 人；建设期经费预算 {} 万元。", m.facilities.rd_space_m2, money(m.facilities.equipment_value_wan), m.team.full_time_rd_staff, money(p.budget_wan)));
    doc.heading("四、考核与管理");
    doc.para("本任务书是筹建期考核的重要依据。依托单位应按年度报送年度报告；筹建期满由市科技局组织综合绩效评价，评价结果为合格（含）以上的纳入技术创新中心体系管理。中心有《聊城市技术创新中心管理办法》第十九条所列情形之一的，予以撤销。");
    doc.gap(24.0);
    doc.line("聊城市科学技术局（盖章）");
    doc.line(&format!("主管部门（盖章）：{}", m.center.competent_department));
    doc.line(&format!("依托单位（盖章）：{}", m.lead_unit.name));
    doc.right("2022年12月28日");
    finish(doc, m, "docs/task-book.pdf", "建设任务书", DocKind::TaskBook, "2022-12-28T10:00:00+08:00")
}

/// 年度报告 (第十七条) for the `i`-th of `n` listed years.
fn annual_report(fonts: &Fonts, case: &Case, i: usize, n: usize) -> Result<Written, String> {
    let m = &case.manifest;
    let p = &case.profile;
    let year = m.annual_reports.iter().flatten().nth(i).map_or(2025, |r| r.year);
    let mut doc = Doc::new(fonts, &format!("{} · {year}年度报告", m.center.name));
    doc.title(&format!("{year}年度报告"));
    doc.center(&m.center.name, 12.0);
    doc.gap(8.0);
    basics(&mut doc, m);
    doc.heading("一、年度建设进展");
    let focus = p.directions[i % 3];
    let mut text =
        format!("{year}年，中心按照建设任务书要求推进各项建设任务，重点围绕“{focus}”开展攻关，完成阶段性技术验证。");
    if let Some(f) = m.lead_unit.finance.iter().find(|f| f.year == year) {
        text.push_str(&format!(
            "依托单位全年研发费用 {} 万元，主营业务收入 {} 万元，研发费用占比 {}%。",
            money(f.rd_expense_wan),
            money(f.revenue_wan),
            percent(f.rd_expense_wan, f.revenue_wan)
        ));
    }
    doc.para(&text);
    doc.heading("二、主要建设运行数据");
    let cols = [
        Col { title: "指标", share: 0.4, align: Align::Left },
        Col { title: "单位", share: 0.12, align: Align::Center },
        Col { title: "本年度", share: 0.16, align: Align::Right },
        Col { title: "累计完成", share: 0.16, align: Align::Right },
        Col { title: "任务目标", share: 0.16, align: Align::Right },
    ];
    let rows: Vec<Vec<String>> = targets(m)
        .iter()
        .map(|t| {
            let total = cumulative(t, i, n);
            let before = if i == 0 { Dec::ZERO } else { cumulative(t, i - 1, n) };
            vec![t.indicator.clone(), t.unit.clone(), figure(t, total - before), figure(t, total), figure(t, t.target)]
        })
        .collect();
    doc.table(&cols, &rows);
    doc.heading("三、存在问题");
    doc.para("高层次人才引进仍有难度，部分中试设备利用率有待提高，成果转化的市场化机制需进一步完善。");
    doc.heading("四、下一年度工作计划");
    doc.para(&format!(
        "继续围绕“{}”等方向开展攻关，加大科研仪器开放共享力度，推动成果在聊城市落地转化。",
        p.directions[(i + 1) % 3]
    ));
    doc.gap(20.0);
    doc.right(&format!("依托单位（盖章）：{}", m.lead_unit.name));
    doc.right(&format!("主管部门审核意见：同意上报。{}（盖章）", m.center.competent_department));
    doc.right(&format!("{}年1月20日", year + 1));
    let date = format!("{}-01-20T10:00:00+08:00", year + 1);
    finish(doc, m, &report_path(year), &format!("{year}年度报告"), DocKind::AnnualReport, &date)
}

/// 综合绩效自评报告: targets against results, and the reports filed.
fn self_evaluation(fonts: &Fonts, case: &Case) -> Result<Written, String> {
    let m = &case.manifest;
    let mut doc = Doc::new(fonts, &format!("{} · 综合绩效自评报告", m.center.name));
    doc.title("筹建期满综合绩效自评报告");
    basics(&mut doc, m);
    doc.heading("一、建设任务完成情况");
    let cols = [
        Col { title: "考核指标", share: 0.36, align: Align::Left },
        Col { title: "单位", share: 0.12, align: Align::Center },
        Col { title: "目标值", share: 0.17, align: Align::Right },
        Col { title: "完成值", share: 0.17, align: Align::Right },
        Col { title: "完成率（%）", share: 0.18, align: Align::Right },
    ];
    let rows: Vec<Vec<String>> = targets(m)
        .iter()
        .map(|t| {
            vec![
                t.indicator.clone(),
                t.unit.clone(),
                figure(t, t.target),
                figure(t, t.achieved),
                percent(t.achieved, t.target),
            ]
        })
        .collect();
    doc.table(&cols, &rows);
    let missed: Vec<&str> = targets(m).iter().filter(|t| t.achieved < t.target).map(|t| t.indicator.as_str()).collect();
    doc.para(&if missed.is_empty() {
        "建设任务书确定的考核指标均已完成。".to_string()
    } else {
        format!("未完成的指标：{}。主要原因是市场需求变化和项目进度调整，后续将继续推进。", missed.join("、"))
    });
    doc.heading("二、年度报告报送情况");
    let cols = [
        Col { title: "年度", share: 0.3, align: Align::Center },
        Col { title: "报送情况", share: 0.7, align: Align::Left },
    ];
    let rows: Vec<Vec<String>> = m
        .annual_reports
        .iter()
        .flatten()
        .map(|r| vec![format!("{}年", r.year), if r.document.is_some() { "已报送".into() } else { "未报送".into() }])
        .collect();
    doc.table(&cols, &rows);
    let unfiled: Vec<String> =
        m.annual_reports.iter().flatten().filter(|r| r.document.is_none()).map(|r| format!("{}年", r.year)).collect();
    if !unfiled.is_empty() {
        doc.para(&format!(
            "{}年度报告未按时报送，原因是相关人员变动、材料准备不及时，今后将严格落实年度报告制度。",
            unfiled.join("、")
        ));
    }
    doc.heading("三、运行管理与存在问题");
    doc.para("中心实行主任负责制和专家委员会咨询制，制定了科研项目、财务、安全、保密和仪器开放共享等管理制度。");
    if m.incidents.as_ref().is_some_and(|i| i.major_accident) {
        doc.para("2025年9月，依托单位中试车间发生一起火灾事故，造成人员受伤和较大财产损失，经应急管理部门调查认定为较大安全生产事故，相关整改工作正在推进。");
    }
    doc.gap(20.0);
    doc.right(&format!("依托单位（盖章）：{}", m.lead_unit.name));
    doc.right(&crate::figures::date_zh(&m.submitted_at));
    let date = m.submitted_at.to_rfc3339();
    finish(doc, m, "docs/self-evaluation.pdf", "筹建期满综合绩效自评报告", DocKind::Other, &date)
}
