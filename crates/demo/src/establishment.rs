//! The establishment batch (组建申报): nine applications that between them
//! reach every verdict, several at the exact thresholds of 第八条.

use paneldesk_core::manifest::{Kind, UnitKind};
use paneldesk_core::rules::Verdict;

use crate::case::*;
use crate::figures::d;

pub fn cases() -> Vec<Case> {
    vec![bearing(), auto_parts(), medicine(), textile(), software(), food(), hydrogen(), copper(), chemicals()]
}

fn est(id: &str, submitted: &str, center: (&str, &str, &str)) -> paneldesk_core::manifest::Manifest {
    base(id, Kind::Establishment, submitted, center)
}

/// Comfortably eligible: a chain-leading enterprise with a university.
fn bearing() -> Case {
    let mut m = est(
        "LC2026-E01",
        "2026-05-08T10:12:00+08:00",
        ("聊城市高端精密轴承技术创新中心", "高端装备制造（精密轴承）", "临清市科学技术局"),
    );
    m.lead_unit = enterprise(
        "山东华宇精密轴承股份有限公司",
        "91371581MA3D7K2R5",
        [(2023, "312.45", "9860.3"), (2024, "356.8", "11240.6"), (2025, "401.27", "12675.9")],
    );
    m.lead_unit.chain_leader = true;
    m.co_builders = vec![liaocheng_university(9)];
    m.lead_share_percent = d("72.5");
    m.facilities = facilities("1260", "936.4", true);
    m.team = team("刘振华", "正高级工程师", true, 32);
    m.expert_committee = committee(&m, 0, &["王海涛"], &["李春燕"], 9, false);
    let profile = Profile {
        intro: "公司始建于1998年，专业从事高速精密轴承、风电轴承和新能源汽车轮毂轴承单元的研发与制造，是聊城市轴承产业链“链主”企业，产品配套国内主要主机厂。",
        directions: ["高速精密轴承材料热处理与长寿命技术", "风电主轴轴承设计与台架试验验证", "轴承智能化检测与服役状态监测技术"],
        instruments: &["轴承寿命强化试验机", "三坐标测量机", "圆度圆柱度测量仪", "金相分析系统", "X射线残余应力测试仪", "振动噪声测试台"],
        budget_wan: d("1850"),
    };
    Case { manifest: m, verdict: Verdict::Eligible, profile }
}

/// Every threshold met exactly: R&D 240.7 + 276.9 + 282.4 = 800 (799.99…
/// in binary floating point), 500 m², 500 万元, 15 staff, 60 %, ⅓.
fn auto_parts() -> Case {
    let mut m = est(
        "LC2026-E02",
        "2026-05-09T15:40:00+08:00",
        ("聊城市新能源汽车关键零部件技术创新中心", "新能源汽车零部件", "聊城经济技术开发区科技局"),
    );
    m.lead_unit = enterprise(
        "山东瑞驰汽车零部件股份有限公司",
        "91371502MA3F2N8T4",
        [(2023, "240.7", "7862.5"), (2024, "276.9", "8640.3"), (2025, "282.4", "9317.6")],
    );
    m.co_builders = vec![institution("聊城职业技术学院", "12371500MB0C5714X", UnitKind::University, true, 5)];
    m.lead_share_percent = d("60");
    m.facilities = facilities("500", "500", true);
    m.team = team("陈建军", "正高级工程师", true, 15);
    m.expert_committee = committee(&m, 2, &["陈光辉", "赵丽"], &["孙国庆"], 9, false);
    let profile = Profile {
        intro:
            "公司成立于2009年，主要生产新能源汽车电驱动壳体、轻量化底盘结构件和电池包结构件，为多家整车企业一级供应商。",
        directions: ["800V高压电驱动系统关键结构件", "轻量化铝合金副车架与底盘结构件", "电池包热管理与结构集成技术"],
        instruments: &[
            "电机对拖测试台架",
            "高低温交变湿热试验箱",
            "电动振动试验系统",
            "X射线实时成像检测系统",
            "电子万能材料试验机",
        ],
        budget_wan: d("1200"),
    };
    Case { manifest: m, verdict: Verdict::Eligible, profile }
}

/// R&D exactly 3 % of revenue: 968.4 ÷ 32280 (2.999…% in binary floats).
fn medicine() -> Case {
    let mut m = est(
        "LC2026-E03",
        "2026-05-11T09:05:00+08:00",
        ("聊城市中药现代化与生物医药技术创新中心", "生物医药（中药及生物制品）", "东阿县科学技术局"),
    );
    m.lead_unit = enterprise(
        "山东东阿福康药业股份有限公司",
        "91371524163051928",
        [(2023, "295.9", "10150.4"), (2024, "324.2", "10760.2"), (2025, "348.3", "11369.4")],
    );
    m.co_builders = vec![institution("山东省中医药研究院", "12370000495002637", UnitKind::ResearchInstitute, false, 6)];
    m.lead_share_percent = d("70");
    m.facilities = facilities("2150", "1680.5", true);
    m.team = team("赵慧敏", "主任药师", true, 46);
    m.expert_committee = committee(&m, 4, &["郭卫东"], &["田雨"], 7, false);
    let profile = Profile {
        intro: "公司是以胶类中药、经典名方制剂和生物制品为主的高新技术企业，拥有GMP认证生产线12条。",
        directions: ["胶类中药质量标志物与全过程质量控制", "经典名方复方制剂二次开发", "功能性多肽生物酶解制备技术"],
        instruments: &[
            "超高效液相色谱-质谱联用仪",
            "气相色谱仪",
            "原子吸收光谱仪",
            "冷冻干燥中试机",
            "全自动溶出度仪",
            "生物安全柜",
        ],
        budget_wan: d("2300"),
    };
    Case { manifest: m, verdict: Verdict::Eligible, profile }
}

/// Led by a university: no R&D figures, conversion cases and a local
/// enterprise co-builder instead.
fn textile() -> Case {
    let mut m = est(
        "LC2026-E04",
        "2026-05-12T14:20:00+08:00",
        ("聊城市功能性纺织新材料技术创新中心", "纺织新材料", "聊城市教育和体育局"),
    );
    m.lead_unit = liaocheng_university(7);
    m.co_builders = vec![
        partner("山东高唐华纺新材料有限公司", "91371526MA3M4W9L2"),
        partner("山东冠县宏业纺织科技有限公司", "91371525MA3P6C1Y8"),
    ];
    m.lead_share_percent = d("65");
    m.facilities = facilities("1480", "1265.8", true);
    m.team = team("王树林", "教授", true, 38);
    m.expert_committee = committee(&m, 6, &["李红"], &["张伟"], 9, false);
    let profile = Profile {
        intro: "聊城大学材料科学与工程学院长期从事纤维材料与功能纺织品研究，近三年在同领域实现科技成果转化7项，与高唐、冠县纺织企业合作紧密。",
        directions: ["生物基可降解纤维制备与纺丝工艺", "抗菌抗病毒功能整理技术", "废旧纺织品高值化循环利用"],
        instruments: &["熔融纺丝中试线", "纤维强伸度测试仪", "扫描电子显微镜", "差示扫描量热仪", "织物透湿透气测试仪", "抗菌性能检测系统"],
        budget_wan: d("1600"),
    };
    Case { manifest: m, verdict: Verdict::Eligible, profile }
}

/// Software: 420 m² and 386.5 万元 are below 500, which 第八条（三） lets
/// the panel accept for software (warnings, not fails).
fn software() -> Case {
    let mut m = est(
        "LC2026-E05",
        "2026-05-13T11:30:00+08:00",
        ("聊城市工业软件技术创新中心", "工业软件（软件和信息技术服务）", "聊城高新技术产业开发区科技局"),
    );
    m.center.software_industry = true;
    m.lead_unit = enterprise(
        "聊城智云工业软件股份有限公司",
        "91371502MA3R5U7N1",
        [(2023, "268.35", "3120.4"), (2024, "301.6", "3568.9"), (2025, "342.75", "4016.2")],
    );
    m.lead_unit.tech_based_enterprise = true;
    m.co_builders = vec![institution(
        "山东省计算中心（国家超级计算济南中心）",
        "12370000495571288",
        UnitKind::ResearchInstitute,
        false,
        11,
    )];
    m.lead_share_percent = d("80");
    m.facilities = facilities("420", "386.5", true);
    m.team = team("黄永强", "正高级工程师", true, 41);
    m.expert_committee = committee(&m, 8, &["吴永刚"], &[], 7, false);
    let profile = Profile {
        intro: "公司专注于制造执行系统（MES）、工业互联网平台和工业设计软件，服务聊城及周边制造企业300余家，是软件企业和高新技术企业。",
        directions: ["面向离散制造的MES与工业互联网平台", "工业设计CAD/CAE软件国产化适配", "设备预测性维护工业智能算法"],
        instruments: &["高性能计算服务器集群", "工业网络测试仪", "PLC与工控系统仿真平台", "边缘计算网关测试平台", "软件测评工具套件"],
        budget_wan: d("980"),
    };
    Case { manifest: m, verdict: Verdict::EligibleWithWarnings, profile }
}

/// Director without a senior title, committee chaired from the lead unit:
/// both 一般 clauses, so warnings.
fn food() -> Case {
    let mut m = est(
        "LC2026-E06",
        "2026-05-14T16:05:00+08:00",
        ("聊城市绿色果蔬精深加工技术创新中心", "农产品精深加工（食品）", "莘县科学技术局"),
    );
    m.lead_unit = enterprise(
        "山东莘县绿源食品股份有限公司",
        "91371522726218459",
        [(2023, "278.4", "8420.7"), (2024, "305.15", "9185.3"), (2025, "331.9", "9930.6")],
    );
    m.lead_unit.high_tech_enterprise = false;
    m.lead_unit.tech_based_enterprise = true;
    m.co_builders = vec![institution("山东省农业科学院", "12370000495560186", UnitKind::ResearchInstitute, false, 14)];
    m.lead_share_percent = d("75");
    m.facilities = facilities("860", "612.3", true);
    m.team = team("孙浩", "工程师", false, 24);
    m.expert_committee = committee(&m, 10, &["孙丽霞"], &[], 7, true);
    let profile = Profile {
        intro: "公司依托莘县蔬菜产业基地，从事脱水蔬菜、果蔬汁和预制菜肴的研发与生产，产品出口日韩及欧盟。",
        directions: ["果蔬非热杀菌与品质保持技术", "蔬菜功能成分提取与高值化利用", "预制菜肴标准化加工与冷链保鲜"],
        instruments: &["超高压杀菌中试设备", "真空冷冻干燥机", "高效液相色谱仪", "质构分析仪", "微生物快速检测系统"],
        budget_wan: d("1050"),
    };
    Case { manifest: m, verdict: Verdict::EligibleWithWarnings, profile }
}

/// A strategic priority (第八条（六）): R&D 742.6 and 13 staff fail, but
/// may be relaxed by the panel.
fn hydrogen() -> Case {
    let mut m = est(
        "LC2026-E07",
        "2026-05-15T10:45:00+08:00",
        ("聊城市氢能装备技术创新中心", "氢能与储能装备（未来产业）", "聊城市茌平区科学技术局"),
    );
    m.center.strategic_priority = true;
    m.lead_unit = enterprise(
        "山东茌平氢源能源装备有限公司",
        "91371503MA7B2X4K6",
        [(2023, "168.5", "4210.3"), (2024, "236.2", "6105.8"), (2025, "337.9", "9980.4")],
    );
    m.co_builders =
        vec![institution("山东省科学院能源研究所", "12370000495004317", UnitKind::ResearchInstitute, false, 9)];
    m.lead_share_percent = d("68");
    m.facilities = facilities("720", "1380.6", true);
    m.team = team("高志远", "研究员", true, 13);
    m.expert_committee = committee(&m, 12, &["刘海"], &["王燕"], 9, false);
    let profile = Profile {
        intro: "公司成立于2021年，依托茌平工业副产氢资源，从事电解水制氢装备、高压储氢部件和加氢站成套设备的研发制造，列入市级未来产业重点培育项目。",
        directions: ["碱性及PEM电解水制氢装备", "高压储氢容器与加注关键部件", "工业副产氢提纯与综合利用"],
        instruments: &["电解槽性能测试平台", "燃料电池测试系统", "氢气纯度分析仪", "高压氢循环试验台", "气体泄漏检测系统"],
        budget_wan: d("2600"),
    };
    Case { manifest: m, verdict: Verdict::NeedsJudgment, profile }
}

/// R&D 255.6 + 262.1 + 282.2 = 799.9: a tenth short of 800, ineligible.
fn copper() -> Case {
    let mut m = est(
        "LC2026-E08",
        "2026-05-18T09:20:00+08:00",
        ("聊城市高性能铜基材料技术创新中心", "有色金属（铜基新材料）", "阳谷县科学技术局"),
    );
    m.lead_unit = enterprise(
        "山东阳谷鑫泰铜业股份有限公司",
        "91371521168542703",
        [(2023, "255.6", "7820.5"), (2024, "262.1", "8406.2"), (2025, "282.2", "9240.7")],
    );
    m.lead_unit.chain_leader = true;
    m.co_builders = vec![institution("北京科技大学", "12100000400007045", UnitKind::University, false, 12)];
    m.lead_share_percent = d("78");
    m.facilities = facilities("1650", "1120.4", true);
    m.team = team("李国栋", "正高级工程师", true, 35);
    m.expert_committee = committee(&m, 1, &["杜强"], &["梁晨"], 9, false);
    let profile = Profile {
        intro: "公司地处阳谷铜产业集聚区，主要产品为高强高导铜合金带材、异型铜排和低氧光亮铜杆。",
        directions: ["高强高导铜合金熔铸与形变热处理", "新能源汽车用异型铜排精密加工", "铜杆连铸连轧节能降耗技术"],
        instruments: &["真空感应熔炼炉", "涡流导电率测试仪", "直读光谱仪", "电子拉伸试验机", "金相显微镜"],
        budget_wan: d("1500"),
    };
    Case { manifest: m, verdict: Verdict::Ineligible, profile }
}

/// A co-builder's credit code has a mistyped check character.
fn chemicals() -> Case {
    let mut m = est(
        "LC2026-E09",
        "2026-05-20T15:10:00+08:00",
        ("聊城市化工新材料技术创新中心", "化工新材料（高分子材料）", "聊城市东昌府区科学技术局"),
    );
    m.lead_unit = enterprise(
        "山东鲁聊新材料科技股份有限公司",
        "91371502MA3H8K6D9",
        [(2023, "512.6", "15840.2"), (2024, "548.3", "16920.5"), (2025, "601.75", "18210.9")],
    );
    let mut supplier = partner("山东聊城恒润化工有限公司", "91371502MA3T1Q5W3");
    supplier.credit_code = mistyped_code("91371502MA3T1Q5W3");
    m.co_builders = vec![supplier, institution("青岛科技大学", "12370000495809352", UnitKind::University, false, 15)];
    m.lead_share_percent = d("70");
    m.facilities = facilities("2400", "2680.3", true);
    m.team = team("邢建华", "正高级工程师", true, 58);
    m.expert_committee = committee(&m, 3, &["石磊"], &["魏娜"], 9, false);
    let profile = Profile {
        intro: "公司是聊城化工产业园骨干企业，主要从事聚碳酸酯改性材料、可降解聚酯和精细化学品的研发生产。",
        directions: ["聚碳酸酯改性与高端牌号开发", "生物基可降解聚酯合成技术", "化工过程安全与绿色催化"],
        instruments: &[
            "凝胶渗透色谱仪",
            "差示扫描量热仪",
            "熔体流动速率仪",
            "双螺杆挤出中试线",
            "傅里叶变换红外光谱仪",
            "热重分析仪",
        ],
        budget_wan: d("2800"),
    };
    Case { manifest: m, verdict: Verdict::Ineligible, profile }
}
