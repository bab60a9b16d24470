//! The acceptance batch (筹建期满综合绩效评价): centres approved in 2022
//! and evaluated under the new measures (第二十二条), with their annual
//! reports, task targets and 第十九条 incidents.

use paneldesk_core::manifest::{AnnualReport, Incidents, Kind, Manifest, TaskTarget, UnitKind};
use paneldesk_core::rules::Verdict;

use crate::case::*;
use crate::figures::d;

pub fn cases() -> Vec<Case> {
    vec![farm_machinery(), cables(), steel_pipes(), battery(), mushrooms()]
}

/// Where a filed annual report lives in the package.
pub fn report_path(year: i32) -> String {
    format!("docs/report-{year}.pdf")
}

fn acc(id: &str, submitted: &str, center: (&str, &str, &str), filed: [(i32, bool); 3]) -> Manifest {
    let mut m = base(id, Kind::Acceptance, submitted, center);
    let reports = filed.iter().map(|&(year, f)| AnnualReport { year, document: f.then(|| report_path(year)) });
    m.annual_reports = Some(reports.collect());
    m.incidents = Some(Incidents::default());
    m
}

fn targets(rows: &[(&str, &str, &str, &str)]) -> Option<Vec<TaskTarget>> {
    let t = |&(indicator, unit, target, achieved): &(&str, &str, &str, &str)| TaskTarget {
        indicator: indicator.to_string(),
        unit: unit.to_string(),
        target: d(target),
        achieved: d(achieved),
    };
    Some(rows.iter().map(t).collect())
}

/// Every report filed, every target met.
fn farm_machinery() -> Case {
    let mut m = acc(
        "LC2026-A01",
        "2026-06-02T09:40:00+08:00",
        ("聊城市智能农机装备技术创新中心", "智能农机装备", "聊城市东昌府区科学技术局"),
        [(2023, true), (2024, true), (2025, true)],
    );
    m.lead_unit = enterprise(
        "山东沃丰农业装备股份有限公司",
        "91371502MA3C9D4E2",
        [(2023, "402.3", "12860.5"), (2024, "455.8", "13905.2"), (2025, "498.6", "15120.8")],
    );
    m.co_builders = vec![institution("山东农业大学", "12370000495590185", UnitKind::University, false, 10)];
    m.lead_share_percent = d("75");
    m.facilities = facilities("1820", "1450.6", true);
    m.team = team("马德胜", "正高级工程师", true, 36);
    m.expert_committee = committee(&m, 5, &["董学军"], &["于洋"], 9, false);
    m.task_targets = targets(&[
        ("研发投入", "万元", "1200", "1356.7"),
        ("新增发明专利授权", "件", "8", "11"),
        ("制定或参与制定标准", "项", "2", "3"),
        ("开发新产品、新装备", "项", "6", "8"),
        ("引进培养高层次人才", "人", "5", "6"),
    ]);
    let profile = Profile {
        intro: "中心于2022年12月批准筹建，依托山东沃丰农业装备股份有限公司，联合山东农业大学建设，聚焦玉米、小麦全程机械化和智能农机装备。",
        directions: ["玉米籽粒直收关键部件", "农机导航与无人驾驶作业系统", "丘陵山区小型智能农机"],
        instruments: &["农机田间作业性能测试系统", "整机可靠性试验台", "北斗高精度定位基准站", "三坐标测量机", "土槽试验台"],
        budget_wan: d("1800"),
    };
    Case { manifest: m, verdict: Verdict::Eligible, profile }
}

/// One year (2024) without a report: not two in a row, so no revocation.
fn cables() -> Case {
    let mut m = acc(
        "LC2026-A02",
        "2026-06-03T14:15:00+08:00",
        ("聊城市特种电线电缆技术创新中心", "特种电线电缆", "阳谷县科学技术局"),
        [(2023, true), (2024, false), (2025, true)],
    );
    m.lead_unit = enterprise(
        "山东阳谷华通电缆股份有限公司",
        "91371521MA3D5F8G1",
        [(2023, "620.4", "18650.3"), (2024, "655.2", "19870.6"), (2025, "702.9", "21340.1")],
    );
    m.co_builders = vec![];
    m.lead_share_percent = d("100");
    m.facilities = facilities("1350", "1085.2", true);
    m.team = team("张庆华", "正高级工程师", true, 29);
    m.expert_committee = committee(&m, 9, &["崔凯"], &[], 7, false);
    m.task_targets = targets(&[
        ("研发投入", "万元", "1800", "1977.5"),
        ("新增发明专利授权", "件", "6", "7"),
        ("开发新产品", "项", "5", "5"),
        ("制定或参与制定标准", "项", "2", "1"),
        ("技术服务与成果转化收入", "万元", "600", "688.4"),
    ]);
    let profile = Profile {
        intro: "中心于2022年12月批准筹建，依托山东阳谷华通电缆股份有限公司独立建设，聚焦新能源、轨道交通用特种电缆。",
        directions: ["光伏及储能用耐候电缆", "轨道交通用低烟无卤阻燃电缆", "高压直流电缆绝缘材料"],
        instruments: &["局部放电测试系统", "燃烧性能试验装置", "热老化试验箱", "电缆结构尺寸测量仪", "高压试验变压器"],
        budget_wan: d("1500"),
    };
    Case { manifest: m, verdict: Verdict::Eligible, profile }
}

/// No report for 2024 nor 2025: 第十九条第（一）项, to be revoked.
fn steel_pipes() -> Case {
    let mut m = acc(
        "LC2026-A03",
        "2026-06-04T10:30:00+08:00",
        ("聊城市精密钢管技术创新中心", "精密钢管及深加工", "聊城经济技术开发区科技局"),
        [(2023, true), (2024, false), (2025, false)],
    );
    m.lead_unit = enterprise(
        "山东聊城恒达精密钢管有限公司",
        "91371502MA3E1H6J3",
        [(2023, "286.5", "9480.2"), (2024, "241.3", "8120.6"), (2025, "198.7", "7305.4")],
    );
    m.co_builders = vec![institution("山东建筑大学", "12370000495574211", UnitKind::University, false, 6)];
    m.lead_share_percent = d("80");
    m.facilities = facilities("980", "760.5", true);
    m.team = team("杨立新", "高级工程师", true, 17);
    m.expert_committee = committee(&m, 11, &["罗斌"], &["邱爽"], 9, false);
    m.task_targets = targets(&[
        ("研发投入", "万元", "900", "726.5"),
        ("新增发明专利授权", "件", "6", "2"),
        ("开发新产品", "项", "4", "2"),
        ("引进培养高层次人才", "人", "3", "1"),
    ]);
    let profile = Profile {
        intro: "中心于2022年12月批准筹建，依托山东聊城恒达精密钢管有限公司，联合山东建筑大学建设，方向为汽车、液压用精密冷拔钢管。",
        directions: ["液压缸用高精度冷拔管", "汽车传动轴用焊接精密管", "钢管在线无损检测"],
        instruments: &["涡流探伤仪", "超声波探伤系统", "拉伸试验机", "粗糙度测量仪"],
        budget_wan: d("900"),
    };
    Case { manifest: m, verdict: Verdict::Revoke, profile }
}

/// Reports all filed, but a major safety accident: 第十九条第（四）项.
fn battery() -> Case {
    let mut m = acc(
        "LC2026-A04",
        "2026-06-05T16:00:00+08:00",
        ("聊城市锂电池正极材料技术创新中心", "新能源材料（锂电池正极材料）", "聊城市茌平区科学技术局"),
        [(2023, true), (2024, true), (2025, true)],
    );
    m.lead_unit = enterprise(
        "山东茌平锂能新材料有限公司",
        "91371503MA3G7K2L5",
        [(2023, "380.2", "11230.4"), (2024, "425.6", "12980.7"), (2025, "468.9", "14105.3")],
    );
    m.co_builders = vec![institution("齐鲁工业大学", "12370000495580254", UnitKind::University, false, 8)];
    m.lead_share_percent = d("72");
    m.facilities = facilities("1260", "1870.4", true);
    m.team = team("魏宏伟", "正高级工程师", true, 31);
    m.expert_committee = committee(&m, 7, &["蔡明"], &["潘婷"], 9, false);
    m.incidents = Some(Incidents { major_accident: true, ..Incidents::default() });
    m.task_targets = targets(&[
        ("研发投入", "万元", "1100", "1274.7"),
        ("新增发明专利授权", "件", "8", "9"),
        ("开发新产品", "项", "4", "5"),
        ("制定或参与制定标准", "项", "1", "1"),
    ]);
    let profile = Profile {
        intro: "中心于2022年12月批准筹建，依托山东茌平锂能新材料有限公司，联合齐鲁工业大学建设，方向为磷酸锰铁锂和高镍三元正极材料。",
        directions: ["磷酸锰铁锂正极材料制备", "高镍三元材料表面包覆改性", "退役电池正极材料再生利用"],
        instruments: &["激光粒度分析仪", "X射线衍射仪", "电池充放电测试系统", "比表面积分析仪", "电感耦合等离子体发射光谱仪"],
        budget_wan: d("1600"),
    };
    Case { manifest: m, verdict: Verdict::Revoke, profile }
}

/// The lead unit's credit code lost a character (17 long): ineligible.
fn mushrooms() -> Case {
    let mut m = acc(
        "LC2026-A05",
        "2026-06-08T11:20:00+08:00",
        ("聊城市食用菌工厂化栽培技术创新中心", "食用菌（现代农业）", "冠县科学技术局"),
        [(2023, true), (2024, true), (2025, true)],
    );
    m.lead_unit = enterprise(
        "山东冠县菌源生物科技有限公司",
        "91371525MA3K8M4N6",
        [(2023, "265.4", "8240.6"), (2024, "289.1", "8960.3"), (2025, "312.8", "9815.2")],
    );
    m.lead_unit.credit_code = "91371525MA3K8M4N6".to_string();
    m.co_builders = vec![institution("山东省农业科学院", "12370000495560186", UnitKind::ResearchInstitute, false, 14)];
    m.lead_share_percent = d("70");
    m.facilities = facilities("1100", "820.6", true);
    m.team = team("任晓燕", "研究员", true, 22);
    m.expert_committee = committee(&m, 13, &["葛亮"], &["陶然"], 9, false);
    m.task_targets = targets(&[
        ("研发投入", "万元", "800", "867.3"),
        ("新品种选育", "个", "2", "3"),
        ("新增发明专利授权", "件", "4", "5"),
        ("示范推广面积", "万平方米", "20", "26.5"),
    ]);
    let profile = Profile {
        intro: "中心于2022年12月批准筹建，依托山东冠县菌源生物科技有限公司，联合山东省农业科学院建设，方向为食用菌工厂化栽培。",
        directions: ["食用菌新品种选育", "工厂化栽培环境智能调控", "菌渣资源化利用"],
        instruments: &["智能环境控制系统", "液体菌种发酵罐", "高压灭菌设备", "菌种保藏冷库"],
        budget_wan: d("1000"),
    };
    Case { manifest: m, verdict: Verdict::Ineligible, profile }
}
