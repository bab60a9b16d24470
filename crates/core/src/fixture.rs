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

/// A small establishment rubric: two criteria, 100 points, pass line 70.
pub fn rubric() -> crate::rubric::Rubric {
    use crate::rubric::*;
    let c = |id: &str, title: &str, max: i64, below: Option<i64>| Criterion {
        id: id.to_string(),
        title: title.to_string(),
        max: Dec::from_int(max),
        step: Dec::from_hundredths(50),
        guidance: String::new(),
        comment_required_below: below.map(Dec::from_int),
    };
    Rubric {
        id: "tic-test-2026".to_string(),
        title: "测试评审指标".to_string(),
        criteria: vec![c("foundation", "依托单位基础条件", 40, Some(24)), c("plan", "建设方案", 60, None)],
        recommendation_options: vec!["recommend".to_string(), "not_recommend".to_string()],
        aggregation: Aggregation { method: Method::TrimmedMean, trim_min_panel: Some(5) },
        pass_line: Some(Dec::from_int(70)),
        grades: vec![],
        site_visit_checklist: vec![ChecklistItem { id: "space".to_string(), title: "科研开发用房".to_string() }],
        tie_break: None,
    }
}

/// Writes each manifest as a package (documents get small real bytes) and
/// all of them as a batch ZIP with a panel of `experts` (X01 the chair).
pub fn batch_zip(id: &str, kind: Kind, manifests: Vec<Manifest>, experts: usize) -> (crate::batch::Batch, Vec<u8>) {
    use crate::batch::*;
    use crate::package::builder::{write_entries, PackageBuilder};
    let packages: Vec<(String, Vec<u8>)> = manifests
        .into_iter()
        .map(|m| {
            let docs = m.documents.clone();
            let id = m.id.clone();
            let mut b = PackageBuilder::new(m);
            for d in docs {
                b.add_document(&d.path, &d.title, d.kind, format!("%PDF-1.7 {} {}", id, d.path).into_bytes());
            }
            (id, b.to_bytes())
        })
        .collect();
    let batch = Batch {
        format: BATCH_FORMAT.to_string(),
        id: id.to_string(),
        title: "2026年度聊城市技术创新中心评审".to_string(),
        kind,
        organizer: "聊城市科学技术局".to_string(),
        deadline: "2026-06-30T17:00:00+08:00".parse().unwrap_or_default(),
        panel: (1..=experts)
            .map(|i| PanelMember {
                expert_id: format!("X{i:02}"),
                name: format!("专家{i}"),
                title: "教授".to_string(),
                affiliation: "山东大学".to_string(),
                role: if i == 1 { Role::Chair } else { Role::Member },
                certificate_sha256: None,
            })
            .collect(),
        packages: packages
            .iter()
            .map(|(id, bytes)| BatchPackage {
                id: id.clone(),
                file: format!("packages/{id}.zip"),
                sha256: crate::package::sha256_hex(bytes),
            })
            .collect(),
        rubric: rubric(),
        revision: None,
        organizer_id: None,
    };
    let json = serde_json::to_vec_pretty(&batch).unwrap_or_default();
    let names: Vec<String> = batch.packages.iter().map(|p| p.file.clone()).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![(BATCH_JSON, &json)];
    entries.extend(names.iter().map(String::as_str).zip(packages.iter().map(|(_, b)| b.as_slice())));
    let bytes = write_entries(std::io::Cursor::new(Vec::new()), entries).map(|c| c.into_inner()).unwrap_or_default();
    (batch, bytes)
}
