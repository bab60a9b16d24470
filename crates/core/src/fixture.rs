//! A plain, fully eligible package that tests and the demo generator start
//! from and then change one figure at a time.

use crate::credit_code;
use crate::decimal::Dec;
use crate::manifest::*;

/// A valid credit code built from 17 characters (their check char added).
pub fn code(first17: &str) -> String {
    credit_code::complete(first17).unwrap_or_else(|| first17.to_string())
}

pub fn enterprise(name: &str, first17: &str) -> Unit {
    Unit {
        name: name.to_string(),
        credit_code: code(first17),
        kind: UnitKind::Enterprise,
        in_liaocheng: true,
        independent_legal_person: true,
        high_tech_enterprise: true,
        tech_based_enterprise: false,
        chain_leader: false,
        finance: vec![
            finance(2023, Dec::from_int(300), Dec::from_int(9000)),
            finance(2024, Dec::from_int(350), Dec::from_int(10000)),
            finance(2025, Dec::from_int(400), Dec::from_int(11000)),
        ],
        conversion_cases_3y: 0,
    }
}

pub fn university(name: &str, first17: &str) -> Unit {
    Unit {
        name: name.to_string(),
        credit_code: code(first17),
        kind: UnitKind::University,
        in_liaocheng: true,
        independent_legal_person: true,
        high_tech_enterprise: false,
        tech_based_enterprise: false,
        chain_leader: false,
        finance: vec![],
        conversion_cases_3y: 8,
    }
}

pub fn finance(year: i32, rd: Dec, revenue: Dec) -> FinanceYear {
    FinanceYear { year, rd_expense_wan: rd, revenue_wan: revenue }
}

pub fn member(name: &str, unit: MemberUnit, chair: bool) -> CommitteeMember {
    let affiliation = match unit {
        MemberUnit::Lead => "依托单位",
        MemberUnit::CoBuilder => "共建单位",
        MemberUnit::External => "山东大学",
    };
    CommitteeMember { name: name.to_string(), affiliation: affiliation.to_string(), unit, chair }
}

/// Nine members, two from the applicants, an external chair.
pub fn committee() -> Vec<CommitteeMember> {
    let mut c = vec![member("张立新", MemberUnit::Lead, false), member("李文华", MemberUnit::CoBuilder, false)];
    for (i, name) in ["王志强", "赵海燕", "刘建平", "陈晓东", "杨春梅", "周国栋"].iter().enumerate() {
        c.push(member(name, MemberUnit::External, i == 0));
    }
    c.push(member("吴振华", MemberUnit::External, false));
    c
}

/// An eligible establishment application (documents are listed with
/// placeholder hashes; `PackageBuilder` replaces them with real ones).
pub fn establishment(id: &str) -> Manifest {
    Manifest {
        format: PACKAGE_FORMAT.to_string(),
        id: id.to_string(),
        kind: Kind::Establishment,
        submitted_at: "2026-05-10T09:30:00+08:00".parse().unwrap_or_default(),
        center: Center {
            name: "聊城市高端轴承技术创新中心".to_string(),
            field: "高端装备制造".to_string(),
            software_industry: false,
            strategic_priority: false,
            competent_department: "聊城高新区科技局".to_string(),
        },
        lead_unit: enterprise("山东聊城精工轴承股份有限公司", "91371500MA3C4K2P1"),
        co_builders: vec![university("聊城大学", "12371500495570060")],
        lead_share_percent: Dec::from_int(75),
        facilities: Facilities {
            rd_space_m2: Dec::from_int(1200),
            equipment_value_wan: Dec::from_int(860),
            pilot_capability: true,
        },
        team: Team {
            director: Director {
                name: "王建国".to_string(), title: "正高级工程师".to_string(), senior_title: true
            },
            full_time_rd_staff: 28,
        },
        expert_committee: committee(),
        documents: vec![
            doc("docs/application.pdf", "技术创新中心建设申报书", DocKind::ApplicationForm),
            doc("docs/audit-2025.pdf", "2025年度财务审计报告", DocKind::AuditReport),
            doc("docs/agreement-1.pdf", "共建协议（聊城大学）", DocKind::CobuildAgreement),
        ],
        annual_reports: None,
        task_targets: None,
        incidents: None,
    }
}

/// An acceptance (or periodic) evaluation package with every report filed.
pub fn evaluation(id: &str, kind: Kind) -> Manifest {
    let mut m = establishment(id);
    m.kind = kind;
    m.documents = vec![
        doc("docs/task-book.pdf", "建设任务书", DocKind::TaskBook),
        doc("docs/report-2024.pdf", "2024年度报告", DocKind::AnnualReport),
        doc("docs/report-2025.pdf", "2025年度报告", DocKind::AnnualReport),
    ];
    m.annual_reports = Some(vec![
        AnnualReport { year: 2024, document: Some("docs/report-2024.pdf".to_string()) },
        AnnualReport { year: 2025, document: Some("docs/report-2025.pdf".to_string()) },
    ]);
    m.task_targets = Some(vec![TaskTarget {
        indicator: "新增发明专利授权".to_string(),
        unit: "件".to_string(),
        target: Dec::from_int(12),
        achieved: Dec::from_int(15),
    }]);
    m.incidents = Some(Incidents::default());
    m
}

pub fn doc(path: &str, title: &str, kind: DocKind) -> Document {
    Document { path: path.to_string(), title: title.to_string(), kind, sha256: "0".repeat(64) }
}
