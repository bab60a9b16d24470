//! The two bundled rubrics, which an organiser may issue a batch with
//! (`batch build`, rubric "establishment" or "evaluation"). This file is
//! their source of truth: the JSON under assets/rubrics is written from it
//! by the demo generator.

use crate::rubric::{Aggregation, ChecklistItem, Criterion, Grade, Method, Rubric};
use crate::Dec;

/// A bundled rubric by name: "establishment" or "evaluation".
pub fn bundled(name: &str) -> Option<Rubric> {
    match name {
        "establishment" => Some(establishment()),
        "evaluation" => Some(evaluation()),
        _ => None,
    }
}

fn criterion(id: &str, title: &str, max: i64, comment_below: Option<i64>, guidance: &str) -> Criterion {
    Criterion {
        id: id.to_string(),
        title: title.to_string(),
        max: Dec::from_int(max),
        step: Dec::from_hundredths(50),
        guidance: guidance.to_string(),
        comment_required_below: comment_below.map(Dec::from_int),
    }
}

fn checklist(items: &[(&str, &str)]) -> Vec<ChecklistItem> {
    items.iter().map(|(id, title)| ChecklistItem { id: id.to_string(), title: title.to_string() }).collect()
}

/// Drop one highest and one lowest total from five reviews on.
fn trimmed() -> Aggregation {
    Aggregation { method: Method::TrimmedMean, trim_min_panel: Some(5) }
}

/// 组建评审: six criteria, 100 points, recommended from 70.
pub fn establishment() -> Rubric {
    Rubric {
        id: "lc-tic-establishment-2026".to_string(),
        title: "聊城市技术创新中心组建评审指标（2026年版）".to_string(),
        criteria: vec![
            criterion("foundation", "依托单位基础与创新能力", 20, Some(12),
                "依据第七条、第八条第（一）（二）项：牵头单位是否为我市高新技术企业、科技型企业，或具有较强科技成果转化能力的高校院所、新型研发机构；是否具备组织和承担重大科技创新项目的能力和成果转化、产业化经验。企业看近三年研发费用总额与占主营业务收入比例，高校院所看近三年同领域成果转化成功案例。产业链“链主”企业和科技领军企业牵头的优先支持。"),
            criterion("conditions", "研发条件与中试能力", 15, Some(9),
                "依据第八条第（三）项、第十四条：科研开发用房、仪器设备原值能否满足行业共性技术研究、开发和试验的需要，是否具备中试或产业化能力；研究开发、中间试验、分析检测等设施是否完善，科研仪器开放共享有无安排。从事软件研究开发等特殊行业的，场地面积和设备原值可适当低于标准，请结合行业特点评判。"),
            criterion("team", "中心主任与研发团队", 15, None,
                "依据第八条第（四）项：中心主任是否为技术水平高、工程化实践经验丰富、管理能力强的工程技术带头人（第十一条：一般应具有高级职称）；研究和成果推广应用团队结构是否合理，专职固定科研人员是否不少于15人（以全年实际工作超过183天计）。"),
            criterion("goals", "建设目标与攻关方向", 20, Some(12),
                "依据第二条、第十三条：建设目标是否面向我市重点产业领域，聚焦产业关键核心技术攻坚；攻关方向是否具有原创性、引领性，能否形成高价值知识产权和前沿技术成果；目标是否具体、可考核，成果是否在聊城市落地转化和示范应用。"),
            criterion("cooperation", "产学研协同与共建机制", 15, Some(9),
                "依据第八条第（五）项、第十五条：与产业链上下游企业、高校和科研院所的合作基础；共建协议是否明确共建单位的人财物支持、任务分工和各自权利义务，第一依托单位占比是否达到60%以上；是否建立开放合作机制，开展委托科研、联合科研、学术技术交流和产学研对接。"),
            criterion("mechanism", "运行机制与经费保障", 15, None,
                "依据第十六条、第十三条：组织模式和运行机制是否适合自身特点，是否落实科技成果转化奖励、股权分红激励等政策，建立市场化的绩效评价与收入分配激励机制；经费预算是否合理、来源是否落实；成果转移转化路径是否清晰。"),
        ],
        recommendation_options: vec!["recommend".to_string(), "not_recommend".to_string()],
        aggregation: trimmed(),
        pass_line: Some(Dec::from_int(70)),
        grades: vec![],
        site_visit_checklist: checklist(&[
            ("space", "科研开发用房（面积、权属与使用现状）"),
            ("equipment", "仪器设备（清单核对、原值与运行状态）"),
            ("pilot", "中试或产业化条件"),
            ("team", "研发团队（专职人员在岗情况、中心主任）"),
            ("agreement", "共建协议落实（人财物投入与任务分工）"),
            ("rules", "管理制度（科研项目、财务、安全、保密）"),
            ("committee", "专家委员会组建情况"),
        ]),
        tie_break: None,
    }
}

/// 综合绩效评价 (acceptance and periodic): five criteria, graded.
pub fn evaluation() -> Rubric {
    let grade = |label: &str, min| Grade { label: label.to_string(), min: Dec::from_int(min) };
    Rubric {
        id: "lc-tic-evaluation-2026".to_string(),
        title: "聊城市技术创新中心综合绩效评价指标（2026年版）".to_string(),
        criteria: vec![
            criterion("tasks", "建设任务完成情况", 30, Some(18),
                "依据第九条、第二十条：对照建设任务书逐项核验考核指标（研发投入、发明专利、标准、新产品、人才等）的完成情况，未完成的指标须说明原因；建设任务书是筹建期考核的重要依据。"),
            criterion("investment", "研发投入与条件建设", 20, Some(12),
                "依据第六条、第十四条：依托单位是否提供了必要的人员、经费、设施保障；研发投入是否持续稳定；研究开发、中间试验、分析检测等设施和条件是否不断完善。"),
            criterion("outcomes", "成果产出与转化", 25, Some(15),
                "依据第十三条：关键核心技术攻关进展，高价值知识产权和前沿技术成果的产出，成果在聊城市落地转化和示范应用的成效。"),
            criterion("openness", "开放共享与服务", 15, None,
                "依据第二条、第十四条、第十五条：科研仪器开放共享情况；委托科研、联合科研、学术技术交流和产学研对接活动；为科技型中小企业孵化、培育和发展提供创新服务的情况。"),
            criterion("management", "运行管理", 10, None,
                "依据第十条、第十一条、第十二条、第十六条、第十七条：规章制度是否健全并有效执行；是否实行中心主任负责制和专家委员会咨询制；成果转化激励与绩效分配机制是否落实；年度报告是否按时报送。"),
        ],
        recommendation_options: vec!["pass".to_string(), "fail".to_string()],
        aggregation: trimmed(),
        pass_line: None,
        grades: vec![grade("优秀", 90), grade("良好", 75), grade("合格", 60), grade("不合格", 0)],
        site_visit_checklist: checklist(&[
            ("targets", "建设任务书考核指标佐证材料"),
            ("facilities", "研发场地与仪器设备"),
            ("pilot", "中试线与产业化应用现场"),
            ("team", "研发团队在岗情况"),
            ("reports", "年度报告与运行档案"),
            ("sharing", "开放共享与服务记录"),
        ]),
        tie_break: None,
    }
}
