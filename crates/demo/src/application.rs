//! 申报书: the application form of an establishment package — a cover page
//! and eight sections, every figure taken from the manifest.

use paneldesk_core::manifest::{DocKind, MemberUnit};

use crate::case::Case;
use crate::documents::{finish, kind_label, Written};
use crate::figures::{d, date_zh, money, percent, split, sum};
use paneldesk_opinion::render::engine::{Align, Doc, Fonts};
use paneldesk_opinion::render::table::Col;

const NUMERALS: [&str; 8] = ["一", "二", "三", "四", "五", "六", "七", "八"];

pub fn application(fonts: &Fonts, case: &Case) -> Result<Written, String> {
    let m = &case.manifest;
    let p = &case.profile;
    let lead = &m.lead_unit;
    let co_names: Vec<&str> = m.co_builders.iter().map(|u| u.name.as_str()).collect();
    let co_list = if co_names.is_empty() { "无".to_string() } else { co_names.join("、") };
    let mut doc = Doc::new(fonts, &format!("{} · 申报书 · {}", m.center.name, m.id));

    // Cover.
    doc.gap(110.0);
    doc.title("聊城市技术创新中心建设申报书");
    doc.gap(70.0);
    doc.fields(&[
        ("中心名称", m.center.name.clone()),
        ("依托单位（盖章）", lead.name.clone()),
        ("共建单位", co_list.clone()),
        ("主管部门", m.center.competent_department.clone()),
        ("申报日期", date_zh(&m.submitted_at)),
    ]);
    doc.gap(150.0);
    doc.center("聊城市科学技术局　制", 12.0);
    doc.center("二〇二六年", 12.0);
    doc.new_page();

    let mut section = 0;
    let mut heading = |doc: &mut Doc, title: &str| {
        doc.heading(&format!("{}、{title}", NUMERALS[section]));
        section += 1;
    };

    heading(&mut doc, "基本情况");
    let strategic = if m.center.strategic_priority {
        "是（落实市委、市政府重大战略部署，第八条第（六）项）"
    } else {
        "否"
    };
    let registration = if lead.in_liaocheng { "聊城市内注册" } else { "聊城市外注册" };
    let legal = if lead.independent_legal_person { "具有独立法人资格" } else { "不具有独立法人资格" };
    doc.fields(&[
        ("中心名称", m.center.name.clone()),
        ("技术领域", m.center.field.clone()),
        ("依托单位", lead.name.clone()),
        ("单位类型", kind_label(lead)),
        ("统一社会信用代码", lead.credit_code.clone()),
        ("注册与法人资格", format!("{registration}，{legal}")),
        ("共建单位", co_list),
        ("中心主任", format!("{}（{}）", m.team.director.name, m.team.director.title)),
        ("专职研发人员", format!("{} 人", m.team.full_time_rd_staff)),
        ("重大战略布局", strategic.to_string()),
    ]);

    heading(&mut doc, "依托单位基础");
    doc.para(p.intro);
    if lead.is_enterprise() {
        let rd = sum(lead.finance.iter().map(|f| &f.rd_expense_wan));
        let revenue = sum(lead.finance.iter().map(|f| &f.revenue_wan));
        doc.para(&format!(
            "近三年依托单位研发费用合计 {} 万元，主营业务收入合计 {} 万元，研发费用占主营业务收入的比例为 {}%（见下表及专项审计报告）。",
            money(rd),
            money(revenue),
            percent(rd, revenue)
        ));
        let cols = [
            Col { title: "年度", share: 0.2, align: Align::Center },
            Col { title: "研发费用（万元）", share: 0.4, align: Align::Right },
            Col { title: "主营业务收入（万元）", share: 0.4, align: Align::Right },
        ];
        let mut rows: Vec<Vec<String>> = lead
            .finance
            .iter()
            .map(|f| vec![format!("{}年", f.year), money(f.rd_expense_wan), money(f.revenue_wan)])
            .collect();
        rows.push(vec!["合计".into(), money(rd), money(revenue)]);
        doc.table(&cols, &rows);
    } else {
        doc.para(&format!(
            "依托单位为{}，研发投入总额不作要求。近三年在{}领域实现科技成果转化成功案例 {} 例，具备较强的科技成果转化能力。",
            lead.kind.label().zh,
            m.center.field,
            lead.conversion_cases_3y
        ));
    }

    heading(&mut doc, "建设目标与主要任务");
    let staff = m.team.full_time_rd_staff;
    doc.para(&format!("中心面向聊城市{}产业发展需求，聚焦产业关键核心技术攻坚，集聚创新资源开展原创性、引领性科研攻关，推动科技成果转移转化和示范应用。筹建期（两年）内重点开展以下方向的研究：", m.center.field));
    for (i, dir) in p.directions.iter().enumerate() {
        let end = if i + 1 == p.directions.len() { "。" } else { "；" };
        doc.line(&format!("（{}）{dir}{end}", NUMERALS[i]));
    }
    doc.para(&format!(
        "预期目标：申请发明专利不少于 {} 件，制定或参与制定标准 {} 项，开发新产品、新工艺 {} 项，推动不少于 {} 项成果在聊城市落地转化。",
        staff / 2,
        1 + staff / 20,
        3 + staff / 10,
        2 + staff / 15
    ));

    heading(&mut doc, "研发条件");
    let f = &m.facilities;
    let pilot = if f.pilot_capability {
        "具备中试和产业化能力，能满足行业共性技术研究、开发和试验任务的需要"
    } else {
        "暂不具备中试条件"
    };
    doc.para(&format!(
        "中心科研开发用房面积 {} 平方米，仪器设备原值 {} 万元（主要设备见《仪器设备清单》），{pilot}。",
        f.rd_space_m2,
        money(f.equipment_value_wan)
    ));
    if m.center.software_industry {
        doc.para("中心从事软件研究开发，依《聊城市技术创新中心管理办法》第八条第（三）项，研发场地面积和研发设备原值可适当低于一般标准；研发主要依托服务器集群和测试验证平台开展。");
    }

    heading(&mut doc, "研发团队与专家委员会");
    let t = &m.team;
    let title_note = if t.director.senior_title { "具有高级职称" } else { "尚未取得高级职称" };
    doc.para(&format!("中心实行主任负责制。中心主任{}，{}，{title_note}，长期从事{}领域技术研发和工程化工作。中心现有专职固定科研人员 {} 人（全年实际工作超过183天）。", t.director.name, t.director.title, m.center.field, t.full_time_rd_staff));
    doc.para(&format!("中心拟设专家委员会，共 {} 人，名单如下：", m.expert_committee.len()));
    let cols = [
        Col { title: "序号", share: 0.1, align: Align::Center },
        Col { title: "姓名", share: 0.16, align: Align::Center },
        Col { title: "工作单位", share: 0.44, align: Align::Left },
        Col { title: "类别", share: 0.15, align: Align::Center },
        Col { title: "职务", share: 0.15, align: Align::Center },
    ];
    let rows: Vec<Vec<String>> = m
        .expert_committee
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let unit = match c.unit {
                MemberUnit::Lead => "依托单位",
                MemberUnit::CoBuilder => "共建单位",
                MemberUnit::External => "外部专家",
            };
            let role = if c.chair { "主任" } else { "委员" };
            vec![(i + 1).to_string(), c.name.clone(), c.affiliation.clone(), unit.into(), role.into()]
        })
        .collect();
    doc.table(&cols, &rows);

    heading(&mut doc, "共建情况");
    if m.co_builders.is_empty() {
        doc.para("本中心由依托单位独立建设，暂无共建单位。");
    }
    for (i, u) in m.co_builders.iter().enumerate() {
        let place = if u.in_liaocheng { "聊城市内" } else { "聊城市外" };
        doc.para(&format!("{}（{}，{place}）：已与依托单位签订共建协议，明确人财物支持、任务分工及双方权利义务，主要承担“{}”方向的研究。", u.name, kind_label(u), p.directions[(i + 1) % 3]));
    }
    if !m.co_builders.is_empty() {
        doc.para(&format!(
            "第一依托单位自身的科研条件、研发人员、科研项目、科技成果占中心总量的 {}%。",
            m.lead_share_percent
        ));
    }

    heading(&mut doc, "经费预算");
    let items = ["仪器设备购置与改造", "研究开发与试验", "人才引进与培养", "开放交流与合作", "其他运行费用"];
    let parts = split(p.budget_wan, &[40, 35, 15, 6, 4]);
    doc.para(&format!("建设期经费预算 {} 万元，由依托单位和共建单位自筹解决，分项如下：", money(p.budget_wan)));
    let cols = [
        Col { title: "支出科目", share: 0.5, align: Align::Left },
        Col { title: "金额（万元）", share: 0.25, align: Align::Right },
        Col { title: "占比（%）", share: 0.25, align: Align::Right },
    ];
    let mut rows: Vec<Vec<String>> = items
        .iter()
        .zip(&parts)
        .map(|(item, v)| vec![item.to_string(), money(*v), percent(*v, p.budget_wan)])
        .collect();
    rows.push(vec!["合计".into(), money(sum(&parts)), money(d("100"))]);
    doc.table(&cols, &rows);

    heading(&mut doc, "申报单位承诺");
    doc.para("本单位承诺：所提交的申报材料真实、准确、有效，不存在弄虚作假行为；中心获批筹建后，将按建设任务书要求提供人员、经费、设施等条件保障，按要求报送年度报告并配合绩效评价。");
    doc.gap(20.0);
    doc.right(&format!("依托单位（盖章）：{}", lead.name));
    doc.right("法定代表人（签字）：　　　　　　");
    doc.right(&date_zh(&m.submitted_at));
    let date = m.submitted_at.to_rfc3339();
    finish(doc, m, "docs/application.pdf", "技术创新中心建设申报书", DocKind::ApplicationForm, &date)
}
