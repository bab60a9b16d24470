//! The documents of an establishment package besides the application form:
//! audit report, co-build agreements and the equipment list, each drawn
//! from the package's own figures.

use paneldesk_core::manifest::{DocKind, Manifest, Unit, UnitKind};
use paneldesk_core::Dec;

use crate::case::Case;
use crate::figures::{date_zh, money, percent, share_of, split, sum};
use paneldesk_opinion::render::engine::{Align, Doc, Fonts, Meta};
use paneldesk_opinion::render::table::Col;

/// A finished document and where it goes in the package.
pub struct Written {
    pub path: String,
    pub title: String,
    pub kind: DocKind,
    pub bytes: Vec<u8>,
}

/// Renders `doc` with metadata that identifies it by package and path.
pub fn finish(doc: Doc, m: &Manifest, path: &str, title: &str, kind: DocKind, date: &str) -> Result<Written, String> {
    let date = date.parse().map_err(|_| format!("not an RFC 3339 time: {date}"))?;
    let identifier = format!("{}/{path}", m.id);
    let meta = Meta {
        title,
        author: &m.lead_unit.name,
        subject: &m.center.name,
        identifier: &identifier,
        date,
        creator: "PanelDesk demo generator",
    };
    let bytes = doc.finish(&meta).map_err(|e| format!("{identifier}: {e}"))?;
    Ok(Written { path: path.to_string(), title: title.to_string(), kind, bytes })
}

pub fn kind_label(u: &Unit) -> String {
    let mut tags = vec![u.kind.label().zh];
    if u.kind == UnitKind::Enterprise {
        if u.high_tech_enterprise {
            tags.push("高新技术企业".to_string());
        }
        if u.tech_based_enterprise {
            tags.push("科技型企业".to_string());
        }
        if u.chain_leader {
            tags.push("产业链“链主”企业".to_string());
        }
    }
    tags.join("，")
}

/// The documents of an establishment package, in manifest order.
pub fn establishment(fonts: &Fonts, case: &Case, seq: usize) -> Result<Vec<Written>, String> {
    let m = &case.manifest;
    let mut out = vec![crate::application::application(fonts, case)?];
    if m.lead_unit.is_enterprise() {
        out.push(audit(fonts, m, seq)?);
    }
    for i in 0..m.co_builders.len() {
        out.push(agreement(fonts, case, i)?);
    }
    out.push(equipment(fonts, case)?);
    Ok(out)
}

/// 研发费用专项审计报告: the lead's finance table, as an auditor signs it.
fn audit(fonts: &Fonts, m: &Manifest, seq: usize) -> Result<Written, String> {
    let u = &m.lead_unit;
    let mut doc = Doc::new(fonts, &format!("{} · 审计报告", m.center.name));
    doc.title("研发费用专项审计报告");
    doc.center(&format!("鲁聊正衡专审字〔2026〕第{:03}号", 40 + seq * 7), 10.5);
    doc.gap(10.0);
    doc.line(&format!("{}全体股东：", u.name));
    let (first, last) = (u.finance.first().map_or(0, |f| f.year), u.finance.last().map_or(0, |f| f.year));
    doc.para(&format!("我们接受委托，审计了{}（以下简称“贵公司”）{first}年度至{last}年度的研发费用及主营业务收入情况，包括研发费用明细表和主营业务收入明细表。按照《企业会计准则》和财政部、国家税务总局关于研发费用归集范围的规定编制上述明细表是贵公司管理层的责任；我们的责任是在执行审计工作的基础上发表审计意见。", u.name));
    doc.heading("一、研发费用与主营业务收入");
    let cols = [
        Col { title: "年度", share: 0.16, align: Align::Center },
        Col { title: "主营业务收入（万元）", share: 0.3, align: Align::Right },
        Col { title: "研发费用（万元）", share: 0.27, align: Align::Right },
        Col { title: "研发费用占比（%）", share: 0.27, align: Align::Right },
    ];
    let mut rows: Vec<Vec<String>> = u
        .finance
        .iter()
        .map(|f| {
            vec![
                format!("{}年", f.year),
                money(f.revenue_wan),
                money(f.rd_expense_wan),
                percent(f.rd_expense_wan, f.revenue_wan),
            ]
        })
        .collect();
    let rd = sum(u.finance.iter().map(|f| &f.rd_expense_wan));
    let revenue = sum(u.finance.iter().map(|f| &f.revenue_wan));
    rows.push(vec!["合计".into(), money(revenue), money(rd), percent(rd, revenue)]);
    doc.table(&cols, &rows);
    doc.para("注：研发费用占比为研发费用除以主营业务收入，按百分比截取至小数点后两位。");
    doc.heading("二、审计意见");
    doc.para(&format!("我们认为，贵公司上述期间研发费用的归集和核算符合相关规定，在所有重大方面公允反映了{first}年度至{last}年度的研发投入情况：三年研发费用合计 {} 万元，主营业务收入合计 {} 万元。", money(rd), money(revenue)));
    doc.gap(24.0);
    doc.right("山东聊城正衡会计师事务所有限公司（盖章）");
    doc.right("中国注册会计师：郑春华　袁立平");
    doc.right("2026年3月20日");
    finish(
        doc,
        m,
        "docs/audit-2025.pdf",
        "研发费用专项审计报告（2023—2025年度）",
        DocKind::AuditReport,
        "2026-03-20T16:00:00+08:00",
    )
}

/// 共建协议 between the lead unit and co-builder `i`.
fn agreement(fonts: &Fonts, case: &Case, i: usize) -> Result<Written, String> {
    let m = &case.manifest;
    let co = &m.co_builders[i];
    // The co-builders' part of the budget and staff, divided evenly.
    let n = m.co_builders.len() as i64;
    let others = Dec::from_int(100) - m.lead_share_percent;
    let funds = share_of(case.profile.budget_wan, others, n);
    let staff = share_of(Dec::from_int(m.team.full_time_rd_staff.into()), others, n).micros() / 1_000_000;
    let staff = staff.max(2);
    let mut doc = Doc::new(fonts, &format!("{} · 共建协议", m.center.name));
    doc.title("聊城市技术创新中心共建协议");
    doc.center(&m.center.name, 11.0);
    doc.gap(8.0);
    doc.fields(&[
        ("甲方（第一依托单位）", m.lead_unit.name.clone()),
        ("统一社会信用代码", m.lead_unit.credit_code.clone()),
        ("乙方（共建单位）", co.name.clone()),
        ("统一社会信用代码", co.credit_code.clone()),
    ]);
    doc.para(&format!("为落实《聊城市技术创新中心管理办法》第八条第（五）项的要求，甲乙双方本着“优势互补、资源共享、风险共担、互利共赢”的原则，经友好协商，就共同建设{}达成如下协议。", m.center.name));
    let p = &case.profile;
    let clauses = [
        ("第一条　共建目标", format!("双方围绕{}领域关键核心技术开展联合攻关，推动科技成果在聊城市转移转化和产业化。", m.center.field)),
        ("第二条　人财物支持", format!("乙方向中心派驻研发人员 {staff} 人，建设期内投入研发经费 {} 万元，并向中心开放共享相关仪器设备和实验平台。甲方提供科研开发用房 {} 平方米和原值 {} 万元的仪器设备，负责中心日常运行经费。", money(funds), m.facilities.rd_space_m2, money(m.facilities.equipment_value_wan))),
        ("第三条　任务分工", format!("甲方负责中心的建设运行和日常管理，牵头“{}”方向；乙方主要承担“{}”方向的研究开发与人才培养。", p.directions[0], p.directions[(i + 1) % 3])),
        ("第四条　权利和义务", "合作中产生的知识产权按双方实际贡献约定归属，任何一方不得擅自向第三方转让；双方有权使用中心的共享平台，并有义务按要求报送年度报告、配合绩效评价。合作成果优先在聊城市落地转化。".to_string()),
        ("第五条　依托比例", format!("甲方自身的科研条件、研发人员、科研项目和科技成果占中心总量的 {}%，不低于60%。", m.lead_share_percent)),
        ("第六条　协议期限", "本协议自双方签字盖章之日起生效，有效期五年。未尽事宜由双方协商签订补充协议。本协议一式四份，双方各执两份。".to_string()),
    ];
    for (title, text) in clauses {
        doc.bold(title);
        doc.para(&text);
    }
    doc.gap(24.0);
    doc.line(&format!("甲方（盖章）：{}", m.lead_unit.name));
    doc.line("法定代表人或授权代表（签字）：");
    doc.gap(12.0);
    doc.line(&format!("乙方（盖章）：{}", co.name));
    doc.line("法定代表人或授权代表（签字）：");
    doc.gap(12.0);
    doc.right("2026年4月15日");
    let title = format!("共建协议（{}）", co.name);
    finish(
        doc,
        m,
        &format!("docs/agreement-{}.pdf", i + 1),
        &title,
        DocKind::CobuildAgreement,
        "2026-04-15T10:00:00+08:00",
    )
}

/// 仪器设备清单: the instruments' values add up to `equipment_value_wan`.
pub fn equipment(fonts: &Fonts, case: &Case) -> Result<Written, String> {
    let m = &case.manifest;
    let names = case.profile.instruments;
    let mut weights: Vec<i64> = [30, 20, 14, 11, 9, 7].iter().copied().take(names.len()).collect();
    weights.push(9); // the remaining smaller instruments, as one line
    let values = split(m.facilities.equipment_value_wan, &weights);
    let mut doc = Doc::new(fonts, &format!("{} · 仪器设备清单", m.center.name));
    doc.title("仪器设备清单");
    doc.center(&format!("{}　依托单位：{}", m.center.name, m.lead_unit.name), 10.0);
    doc.gap(8.0);
    let cols = [
        Col { title: "序号", share: 0.07, align: Align::Center },
        Col { title: "设备名称", share: 0.31, align: Align::Left },
        Col { title: "数量（台/套）", share: 0.15, align: Align::Center },
        Col { title: "原值（万元）", share: 0.15, align: Align::Right },
        Col { title: "购置年份", share: 0.12, align: Align::Center },
        Col { title: "存放地点", share: 0.20, align: Align::Center },
    ];
    let mut rows: Vec<Vec<String>> = names
        .iter()
        .chain(std::iter::once(&"其他配套仪器设备"))
        .zip(&values)
        .enumerate()
        .map(|(i, (name, v))| {
            let count = if i == names.len() { 12 + i * 3 } else { 1 + i % 3 / 2 };
            let place = if i % 2 == 0 { "研发中心大楼" } else { "中试车间" };
            vec![
                (i + 1).to_string(),
                name.to_string(),
                count.to_string(),
                money(*v),
                (2025 - (i * 2) % 6).to_string(),
                place.to_string(),
            ]
        })
        .collect();
    rows.push(vec![String::new(), "合计".into(), String::new(), money(sum(&values)), String::new(), String::new()]);
    doc.table(&cols, &rows);
    doc.para(&format!("以上仪器设备均为依托单位自有资产，原值合计 {} 万元，已列入固定资产账簿，集中存放于中心科研开发用房（{} 平方米）及中试车间，面向共建单位和社会开放共享。", money(m.facilities.equipment_value_wan), m.facilities.rd_space_m2));
    doc.gap(24.0);
    doc.right(&format!("{}（盖章）", m.lead_unit.name));
    doc.right(&date_zh(&m.submitted_at));
    let date = m.submitted_at.to_rfc3339();
    finish(doc, m, "docs/equipment.pdf", "仪器设备清单", DocKind::EquipmentList, &date)
}
