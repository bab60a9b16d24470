//! The data of the form: every field of 基本信息 and every table, with the
//! article of 聊城市技术创新中心管理办法 each one is checked against.

use super::layout::{Choice, Field, Table, Ty};

const fn f(key: &'static str, zh: &'static str, en: &'static str, ty: Ty, article: &'static str) -> Field {
    Field { key, zh, en, unit: None, ty, article, note: "", optional: false, eval: false }
}

impl Field {
    const fn unit(mut self, zh: &'static str, en: &'static str) -> Field {
        self.unit = Some((zh, en));
        self
    }
    const fn note(mut self, note: &'static str) -> Field {
        self.note = note;
        self
    }
    const fn optional(mut self) -> Field {
        self.optional = true;
        self
    }
    const fn eval(mut self) -> Field {
        self.eval = true;
        self
    }
}

const A2: &str = "第八条（组建条件）第（二）项";
const A3: &str = "第八条（组建条件）第（三）项";
const A5: &str = "第八条（组建条件）第（五）项";
const A6: &str = "第八条（组建条件）第（六）项";
/// 第十九条: the grounds for revocation an evaluation asks about.
const I2: &str = "第十九条第（二）项";
const I3: &str = "第十九条第（三）项";
const I4: &str = "第十九条第（四）项";
const I5: &str = "第十九条第（五）项";
const I6: &str = "第十九条第（六）项";
const GB: &str = "GB 32100-2015";
const WAN: (&str, &str) = ("万元", "10k CNY");

/// 基本信息, one field per row, in this order.
pub static BASIC_FIELDS: &[Field] = &[
    f("format", "数据格式", "data format", Ty::Format, "").note("tic-package/1，请勿修改").optional(),
    f("id", "申报编号", "package id", Ty::Id, "").note("字母、数字、点、下划线或连字符，最多 64 个字符"),
    f("kind", "申报类型", "application kind", Ty::Choice(Choice::Kind), "第八条、第二十条")
        .note("评价类（筹建期满、两年一次）请使用对应类型的模板"),
    f("submitted_at", "提交时间", "submitted at", Ty::Time, "")
        .note("如 2026-05-10T09:30:00+08:00；未写时区的按北京时间"),
    f("center.name", "中心名称", "centre name", Ty::Text, ""),
    f("center.field", "技术领域", "technical field", Ty::Text, ""),
    f("center.software_industry", "是否从事软件研究开发等特殊行业", "software or similar industry", Ty::Bool, A3)
        .note("是：研发场地面积和设备原值可适当低于标准"),
    f("center.strategic_priority", "是否落实市委、市政府重大战略部署", "strategic priority", Ty::Bool, A6)
        .note("是：相关标准条件可适当放宽"),
    f("center.competent_department", "主管部门", "competent department", Ty::Text, "第五条"),
    f("lead.name", "依托单位名称", "lead unit name", Ty::Text, "第六条"),
    f("lead.credit_code", "依托单位统一社会信用代码", "lead unit credit code", Ty::Code, GB).note("18 位，按文本填写"),
    f("lead.kind", "依托单位类型", "lead unit kind", Ty::Choice(Choice::UnitKind), "第七条"),
    f("lead.in_liaocheng", "是否在聊城市内注册", "registered in Liaocheng", Ty::Bool, A2),
    f("lead.independent_legal_person", "是否具有独立法人资格", "independent legal person", Ty::Bool, A2),
    f("lead.high_tech_enterprise", "是否高新技术企业", "high-tech enterprise", Ty::Bool, "第七条"),
    f("lead.tech_based_enterprise", "是否科技型企业", "technology-based enterprise", Ty::Bool, "第七条"),
    f("lead.chain_leader", "是否产业链“链主”企业", "chain leader", Ty::Bool, "第七条"),
    f("lead.conversion_cases_3y", "近三年同技术领域成果转化成功案例", "technology transfers in 3 years", Ty::Count, A2)
        .unit("例", "cases")
        .note("高校、科研院所牵头的须 5 例以上"),
    f("lead_share_percent", "第一依托单位科研条件等占比", "lead unit's share", Ty::Percent, A5)
        .unit("%", "%")
        .note("科研条件、研发人员、科研项目、科技成果须占到 60% 以上"),
    f("facilities.rd_space_m2", "科研开发用房面积", "R&D floor space", Ty::Figure, A3)
        .unit("平方米", "m²")
        .note("不少于 500 平方米"),
    f("facilities.equipment_value_wan", "仪器设备原值", "equipment value", Ty::Figure, A3)
        .unit(WAN.0, WAN.1)
        .note("不少于 500 万元"),
    f("facilities.pilot_capability", "是否具备中试或产业化能力", "pilot-scale capability", Ty::Bool, A3),
    f("team.director.name", "中心主任姓名", "director's name", Ty::Text, "第十一条"),
    f("team.director.title", "中心主任职称", "director's title", Ty::Text, "第十一条"),
    f("team.director.senior_title", "中心主任是否具有高级职称", "director has a senior title", Ty::Bool, "第十一条"),
    f("team.full_time_rd_staff", "专职固定科研人员", "full-time R&D staff", Ty::Count, "第八条（组建条件）第（四）项")
        .unit("人", "persons")
        .note("不少于 15 人，以全年实际工作超过 183 天计"),
    f("incidents.skipped_evaluation", "是否无故不参加绩效评价", "skipped an evaluation", Ty::Bool, I2).eval(),
    f("incidents.falsification", "是否弄虚作假、违法或科研失信", "falsification or misconduct", Ty::Bool, I3).eval(),
    f("incidents.major_accident", "是否发生重大质量、安全、环境事故", "major accident", Ty::Bool, I4).eval(),
    f("incidents.lead_unit_unable", "依托单位是否不能保障中心正常运行", "lead unit unable to run it", Ty::Bool, I5)
        .eval(),
    f("incidents.voluntary_withdrawal", "依托单位是否自愿提出撤销", "voluntary withdrawal", Ty::Bool, I6).eval(),
];

const YEAR: Field = f("year", "年度", "year", Ty::Year, "");
const RD: Field = f("rd_expense_wan", "研发费用", "R&D expense", Ty::Figure, A2).unit(WAN.0, WAN.1);
const REVENUE: Field = f("revenue_wan", "主营业务收入", "main business revenue", Ty::Figure, A2).unit(WAN.0, WAN.1);

pub static TABLES: [Table; 7] = [
    Table {
        name: "依托单位财务",
        en: "lead unit finance",
        cols: &[YEAR, RD, REVENUE],
        note: "每年一行，近三年；高校、科研院所可不填。第八条（组建条件）第（二）项：近三年研发费用总额不少于 800 万元且占主营业务收入比例不低于 3%",
        eval: false,
    },
    Table {
        name: "共建单位",
        en: "co-builders",
        cols: &[
            f("index", "序号", "no.", Ty::Index, "").optional(),
            f("name", "单位名称", "name", Ty::Text, ""),
            f("credit_code", "统一社会信用代码", "credit code", Ty::Code, GB),
            f("kind", "单位类型", "unit kind", Ty::Choice(Choice::UnitKind), "第七条"),
            f("in_liaocheng", "是否在聊城市内注册", "registered in Liaocheng", Ty::Bool, A5),
            f("independent_legal_person", "是否具有独立法人资格", "independent legal person", Ty::Bool, A2),
            f("high_tech_enterprise", "是否高新技术企业", "high-tech enterprise", Ty::Bool, "第七条"),
            f("tech_based_enterprise", "是否科技型企业", "technology-based enterprise", Ty::Bool, "第七条"),
            f("chain_leader", "是否产业链“链主”企业", "chain leader", Ty::Bool, "第七条"),
            f("conversion_cases_3y", "近三年成果转化成功案例", "technology transfers in 3 years", Ty::Count, A2)
                .unit("例", "cases"),
        ],
        note: "每家共建单位一行，财务数据填在“共建单位财务”表。第八条（组建条件）第（五）项：共建单位不超过 3 家，须签订共建协议",
        eval: false,
    },
    Table {
        name: "共建单位财务",
        en: "co-builder finance",
        cols: &[
            f("unit", "共建单位序号", "co-builder no.", Ty::Index, ""),
            f("unit_name", "共建单位名称", "co-builder name", Ty::Text, "").optional(),
            YEAR,
            RD,
            REVENUE,
        ],
        note: "每家共建单位每年一行；序号与“共建单位”表一致，名称可不填（填写时须与序号对应）",
        eval: false,
    },
    Table {
        name: "专家委员会",
        en: "expert committee",
        cols: &[
            f("name", "姓名", "name", Ty::Text, "第十二条"),
            f("affiliation", "工作单位", "affiliation", Ty::Text, "第十二条"),
            f("unit", "人员来源", "from", Ty::Choice(Choice::Member), "第十二条"),
            f("chair", "是否专家委员会主任", "chair", Ty::Bool, "第十二条"),
        ],
        note: "第十二条：牵头单位和参与单位的人员总数不超过 1/3；主任一般由非牵头单位的人员担任",
        eval: false,
    },
    Table {
        name: "材料清单",
        en: "documents",
        cols: &[
            f("path", "文件路径", "file path", Ty::Text, "").note("材料包内的相对路径，如 docs/application.pdf"),
            f("title", "材料名称", "title", Ty::Text, ""),
            f("kind", "材料类型", "document kind", Ty::Choice(Choice::Doc), "第八条（组建条件）"),
        ],
        note: "材料包内每个文件一行，路径如 docs/application.pdf。须有申报书；依托单位为企业的还须有审计报告",
        eval: false,
    },
    Table {
        name: "年度报告",
        en: "annual reports",
        cols: &[
            YEAR,
            f("document", "年度报告文件路径", "report file path", Ty::Text, "第十九条第（一）项").optional(),
        ],
        note: "每年一行；未报送的年度文件路径留空。第十九条第（一）项：连续 2 年未报送年度报告的予以撤销",
        eval: true,
    },
    Table {
        name: "任务目标",
        en: "task targets",
        cols: &[
            f("indicator", "考核指标", "indicator", Ty::Text, "第九条"),
            f("unit", "计量单位", "unit", Ty::Text, "第九条"),
            f("target", "目标值", "target", Ty::Figure, "第九条"),
            f("achieved", "完成值", "achieved", Ty::Figure, "第九条"),
        ],
        note: "建设任务书中的考核指标，每项一行（第九条）",
        eval: true,
    },
];
