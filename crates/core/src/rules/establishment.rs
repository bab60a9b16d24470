//! Rules for establishment applications (组建申报), in the order of
//! formats.md §2. Each returns `None` where it does not apply.

use super::shared::{credit_code, result, Sum};
use super::{Outcome, RuleResult};
use crate::decimal::Dec;
use crate::manifest::{DocKind, Manifest, MemberUnit, UnitKind};

const ART7: &str = "第七条";
const ART8_2: &str = "第八条（组建条件）第（二）项";
const ART8_3: &str = "第八条（组建条件）第（三）项";
const ART8_4: &str = "第八条（组建条件）第（四）项";
const ART8_5: &str = "第八条（组建条件）第（五）项";
const ART8: &str = "第八条（组建条件）";
const ART11: &str = "第十一条";
const ART12: &str = "第十二条";

/// Rules whose fail 第八条(六) lets the panel relax (the bureau's reading).
const RELAXABLE: [&str; 7] = ["rd-total", "rd-ratio", "conversion", "space", "equipment", "staff", "lead-share"];

type Rule = fn(&Manifest) -> Option<RuleResult>;

const RULES: [Rule; 18] = [
    lead_type,
    registration,
    rd_total,
    rd_ratio,
    conversion,
    space,
    equipment,
    pilot,
    staff,
    director_title,
    cobuilder_count,
    cobuild_agreement,
    local_enterprise,
    lead_share,
    committee_share,
    committee_chair,
    |m| Some(credit_code(m)),
    documents,
];

pub(super) fn rules(m: &Manifest) -> Vec<RuleResult> {
    let strategic = m.center.strategic_priority;
    RULES.iter().filter_map(|rule| rule(m)).map(|r| if strategic { relax(r) } else { r }).collect()
}

fn relax(mut r: RuleResult) -> RuleResult {
    if r.result == Outcome::Fail && RELAXABLE.contains(&r.id) {
        r.result = Outcome::Relaxed;
        r.message.zh.push_str("；该中心属重大战略部署布局，依第八条（六）可由专家组判断是否放宽");
        r.message.en.push_str("; the centre is a strategic priority, so under article 8(6) the panel may relax this");
    }
    r
}

fn enterprise_lead(m: &Manifest) -> bool {
    m.lead_unit.is_enterprise()
}

fn lead_type(m: &Manifest) -> Option<RuleResult> {
    let u = &m.lead_unit;
    let kind = u.kind.label();
    let r = if !u.is_enterprise() {
        result(
            "lead-type",
            ART7,
            Outcome::Pass,
            format!("牵头单位 {} 为{}，可牵头建设", u.name, kind.zh),
            format!("the lead unit {} is a {}, which may lead", u.name, kind.en),
        )
    } else if u.high_tech_enterprise || u.tech_based_enterprise {
        let (zh, en) = if u.high_tech_enterprise {
            ("高新技术企业", "high-tech enterprise")
        } else {
            ("科技型企业", "technology-based enterprise")
        };
        result(
            "lead-type",
            ART7,
            Outcome::Pass,
            format!("牵头单位 {} 为{zh}", u.name),
            format!("the lead unit {} is a {en}", u.name),
        )
    } else {
        result(
            "lead-type",
            ART7,
            Outcome::Fail,
            format!("牵头企业 {} 既不是高新技术企业，也不是科技型企业", u.name),
            format!("the lead enterprise {} is neither a high-tech nor a technology-based enterprise", u.name),
        )
    };
    Some(r)
}

fn registration(m: &Manifest) -> Option<RuleResult> {
    let u = enterprise_lead(m).then_some(&m.lead_unit)?;
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !u.in_liaocheng {
        zh.push("未在聊城市内注册");
        en.push("is not registered in Liaocheng");
    }
    if !u.independent_legal_person {
        zh.push("不具有独立法人资格");
        en.push("is not an independent legal person");
    }
    Some(if zh.is_empty() {
        result(
            "registration",
            ART8_2,
            Outcome::Pass,
            format!("牵头企业 {} 在聊城市内注册，具有独立法人资格", u.name),
            format!("the lead enterprise {} is registered in Liaocheng and an independent legal person", u.name),
        )
    } else {
        result(
            "registration",
            ART8_2,
            Outcome::Fail,
            format!("牵头企业 {} {}", u.name, zh.join("，")),
            format!("the lead enterprise {} {}", u.name, en.join(" and ")),
        )
    })
}

fn rd_sum(m: &Manifest) -> Sum {
    Sum::of(m.lead_unit.finance.iter().map(|f| &f.rd_expense_wan))
}

fn rd_total(m: &Manifest) -> Option<RuleResult> {
    if !enterprise_lead(m) {
        return None;
    }
    let rd = rd_sum(m);
    Some(if rd.at_least(800) {
        result(
            "rd-total",
            ART8_2,
            Outcome::Pass,
            format!("近三年研发费用合计 {rd} 万元，不少于 800 万元"),
            format!("R&D expense over the last three years totals {rd} 10k CNY, at least 8,000k"),
        )
    } else {
        result(
            "rd-total",
            ART8_2,
            Outcome::Fail,
            format!("近三年研发费用合计 {rd} 万元，低于 800 万元"),
            format!("R&D expense over the last three years totals {rd} 10k CNY, below 8,000k"),
        )
    })
}

fn rd_ratio(m: &Manifest) -> Option<RuleResult> {
    if !enterprise_lead(m) {
        return None;
    }
    let rd = rd_sum(m);
    let revenue = Sum::of(m.lead_unit.finance.iter().map(|f| &f.revenue_wan));
    if revenue.0 <= 0 {
        return Some(result(
            "rd-ratio",
            ART8_2,
            Outcome::Fail,
            format!("近三年主营业务收入合计 {revenue} 万元，无法达到研发经费占比不低于 3% 的要求"),
            format!("revenue over the last three years totals {revenue} 10k CNY, so R&D cannot reach 3% of it"),
        ));
    }
    // Cross-multiplied, exact: 100·ΣR&D ≥ 3·Σrevenue.
    let ok = 100 * rd.0 >= 3 * revenue.0;
    let pct = percent_truncated(rd, revenue);
    Some(if ok {
        result(
            "rd-ratio",
            ART8_2,
            Outcome::Pass,
            format!("近三年研发费用 {rd} 万元，占主营业务收入 {revenue} 万元的 {pct}%，不低于 3%"),
            format!("R&D expense {rd} is {pct}% of revenue {revenue} (10k CNY), at least 3%"),
        )
    } else {
        result(
            "rd-ratio",
            ART8_2,
            Outcome::Fail,
            format!("近三年研发费用 {rd} 万元，占主营业务收入 {revenue} 万元的 {pct}%，低于 3%"),
            format!("R&D expense {rd} is {pct}% of revenue {revenue} (10k CNY), below 3%"),
        )
    })
}

/// `100·a/b` truncated to hundredths: never shows 3% for 2.999…%.
fn percent_truncated(a: Sum, b: Sum) -> Sum {
    let hundredths = a.0.saturating_mul(10_000) / b.0;
    Sum(hundredths * (Dec::from_int(1).micros() as i128 / 100))
}

fn conversion(m: &Manifest) -> Option<RuleResult> {
    if enterprise_lead(m) {
        return None;
    }
    let n = m.lead_unit.conversion_cases_3y;
    Some(if n >= 5 {
        result(
            "conversion",
            ART8_2,
            Outcome::Pass,
            format!("近三年同技术领域科技成果转化成功案例 {n} 例，不少于 5 例"),
            format!("{n} successful technology transfers in the field over three years, at least 5"),
        )
    } else {
        result(
            "conversion",
            ART8_2,
            Outcome::Fail,
            format!("近三年同技术领域科技成果转化成功案例 {n} 例，少于 5 例"),
            format!("{n} successful technology transfers in the field over three years, fewer than 5"),
        )
    })
}

/// Space and equipment: below 500 is a warning for software, else a fail.
fn facility(m: &Manifest, id: &'static str, value: Dec, what: (&str, &str), unit: (&str, &str)) -> RuleResult {
    let (wz, we) = what;
    let (uz, ue) = unit;
    if value >= 500 {
        return result(
            id,
            ART8_3,
            Outcome::Pass,
            format!("{wz} {value} {uz}，不少于 500 {uz}"),
            format!("{we} {value} {ue}, at least 500 {ue}"),
        );
    }
    if m.center.software_industry {
        result(
            id,
            ART8_3,
            Outcome::Warn,
            format!("{wz} {value} {uz}，低于 500 {uz}（软件行业可适当放宽）"),
            format!("{we} {value} {ue}, below 500 {ue} (may be relaxed for software)"),
        )
    } else {
        result(
            id,
            ART8_3,
            Outcome::Fail,
            format!("{wz} {value} {uz}，低于 500 {uz}"),
            format!("{we} {value} {ue}, below 500 {ue}"),
        )
    }
}

fn space(m: &Manifest) -> Option<RuleResult> {
    Some(facility(m, "space", m.facilities.rd_space_m2, ("研发用房", "R&D space"), ("m²", "m²")))
}

fn equipment(m: &Manifest) -> Option<RuleResult> {
    Some(facility(
        m,
        "equipment",
        m.facilities.equipment_value_wan,
        ("仪器设备原值", "equipment original value"),
        ("万元", "×10k CNY"),
    ))
}

fn pilot(m: &Manifest) -> Option<RuleResult> {
    Some(if m.facilities.pilot_capability {
        result(
            "pilot",
            ART8_3,
            Outcome::Pass,
            "具备中试或产业化能力".into(),
            "has pilot-scale or industrialisation capability".into(),
        )
    } else {
        result(
            "pilot",
            ART8_3,
            Outcome::Fail,
            "未具备中试或产业化能力".into(),
            "has no pilot-scale or industrialisation capability".into(),
        )
    })
}

fn staff(m: &Manifest) -> Option<RuleResult> {
    let n = m.team.full_time_rd_staff;
    Some(if n >= 15 {
        result(
            "staff",
            ART8_4,
            Outcome::Pass,
            format!("专职研发人员 {n} 人，不少于 15 人"),
            format!("{n} full-time R&D staff, at least 15"),
        )
    } else {
        result(
            "staff",
            ART8_4,
            Outcome::Fail,
            format!("专职研发人员 {n} 人，少于 15 人"),
            format!("{n} full-time R&D staff, fewer than 15"),
        )
    })
}

fn director_title(m: &Manifest) -> Option<RuleResult> {
    let d = &m.team.director;
    Some(if d.senior_title {
        result(
            "director-title",
            ART11,
            Outcome::Pass,
            format!("中心主任 {}（{}）具有高级职称", d.name, d.title),
            format!("the director {} ({}) holds a senior title", d.name, d.title),
        )
    } else {
        result(
            "director-title",
            ART11,
            Outcome::Warn,
            format!("中心主任 {}（{}）不具有高级职称（主任一般应具有高级职称）", d.name, d.title),
            format!("the director {} ({}) holds no senior title (normally required)", d.name, d.title),
        )
    })
}

fn cobuilder_count(m: &Manifest) -> Option<RuleResult> {
    let n = m.co_builders.len();
    Some(if n <= 3 {
        result(
            "cobuilder-count",
            ART8_5,
            Outcome::Pass,
            format!("共建单位 {n} 家，不超过 3 家"),
            format!("{n} co-builders, at most 3"),
        )
    } else {
        result(
            "cobuilder-count",
            ART8_5,
            Outcome::Fail,
            format!("共建单位 {n} 家，超过 3 家"),
            format!("{n} co-builders, more than 3"),
        )
    })
}

fn cobuild_agreement(m: &Manifest) -> Option<RuleResult> {
    let builders = m.co_builders.len();
    if builders == 0 {
        return None;
    }
    let agreements = m.documents.iter().filter(|d| d.kind == DocKind::CobuildAgreement).count();
    Some(if agreements >= builders {
        result(
            "cobuild-agreement",
            ART8_5,
            Outcome::Pass,
            format!("共建协议 {agreements} 份，共建单位 {builders} 家"),
            format!("{agreements} co-build agreements for {builders} co-builders"),
        )
    } else {
        result(
            "cobuild-agreement",
            ART8_5,
            Outcome::Fail,
            format!("共建协议 {agreements} 份，少于共建单位数 {builders} 家"),
            format!("{agreements} co-build agreements, fewer than the {builders} co-builders"),
        )
    })
}

fn local_enterprise(m: &Manifest) -> Option<RuleResult> {
    if enterprise_lead(m) {
        return None;
    }
    let local = m.co_builders.iter().find(|u| u.kind == UnitKind::Enterprise && u.in_liaocheng);
    Some(match local {
        Some(u) => result(
            "local-enterprise",
            ART8_5,
            Outcome::Pass,
            format!("联合市内企业 {} 共同申报", u.name),
            format!("applies jointly with the Liaocheng enterprise {}", u.name),
        ),
        None => result(
            "local-enterprise",
            ART8_5,
            Outcome::Fail,
            "高校、科研院所牵头建设，但共建单位中没有聊城市内企业".into(),
            "led by a university or institute, but no co-builder is an enterprise in Liaocheng".into(),
        ),
    })
}

fn lead_share(m: &Manifest) -> Option<RuleResult> {
    if m.co_builders.is_empty() {
        return None;
    }
    let p = m.lead_share_percent;
    Some(if p >= 60 {
        result(
            "lead-share",
            ART8_5,
            Outcome::Pass,
            format!("第一依托单位占比 {p}%，不低于 60%"),
            format!("the lead unit's share is {p}%, at least 60%"),
        )
    } else {
        result(
            "lead-share",
            ART8_5,
            Outcome::Fail,
            format!("第一依托单位占比 {p}%，低于 60%"),
            format!("the lead unit's share is {p}%, below 60%"),
        )
    })
}

fn committee_share(m: &Manifest) -> Option<RuleResult> {
    let total = m.expert_committee.len();
    if total == 0 {
        return Some(result(
            "committee-share",
            ART12,
            Outcome::Warn,
            "未提出专家委员会名单".into(),
            "no expert committee is proposed".into(),
        ));
    }
    let inside = m.expert_committee.iter().filter(|c| c.unit != MemberUnit::External).count();
    Some(if 3 * inside <= total {
        result(
            "committee-share",
            ART12,
            Outcome::Pass,
            format!("专家委员会 {total} 人，其中牵头和参与单位人员 {inside} 人，不超过 1/3"),
            format!("{inside} of the {total} committee members come from the applying units, at most one third"),
        )
    } else {
        result(
            "committee-share",
            ART12,
            Outcome::Fail,
            format!("专家委员会 {total} 人，其中牵头和参与单位人员 {inside} 人，超过 1/3"),
            format!("{inside} of the {total} committee members come from the applying units, more than one third"),
        )
    })
}

fn committee_chair(m: &Manifest) -> Option<RuleResult> {
    if m.expert_committee.is_empty() {
        return None;
    }
    let chairs: Vec<_> = m.expert_committee.iter().filter(|c| c.chair).collect();
    if chairs.is_empty() {
        return Some(result(
            "committee-chair",
            ART12,
            Outcome::Warn,
            "专家委员会未指定主任".into(),
            "the expert committee names no chair".into(),
        ));
    }
    if let Some(c) = chairs.iter().find(|c| c.unit == MemberUnit::Lead) {
        return Some(result(
            "committee-chair",
            ART12,
            Outcome::Warn,
            format!("专家委员会主任 {}（{}）来自牵头单位（一般由非牵头单位的人员担任）", c.name, c.affiliation),
            format!(
                "the committee chair {} ({}) is from the lead unit (normally someone from elsewhere)",
                c.name, c.affiliation
            ),
        ));
    }
    let c = chairs[0];
    Some(result(
        "committee-chair",
        ART12,
        Outcome::Pass,
        format!("专家委员会主任 {}（{}）不来自牵头单位", c.name, c.affiliation),
        format!("the committee chair {} ({}) is not from the lead unit", c.name, c.affiliation),
    ))
}

fn documents(m: &Manifest) -> Option<RuleResult> {
    let has = |k: DocKind| m.documents.iter().any(|d| d.kind == k);
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if !has(DocKind::ApplicationForm) {
        zh.push("缺少申报书（application_form）");
        en.push("no application form");
    }
    if enterprise_lead(m) && !has(DocKind::AuditReport) {
        zh.push("企业牵头，缺少财务审计报告（audit_report）");
        en.push("an enterprise lead, but no audit report");
    }
    Some(if zh.is_empty() {
        let (z, e) = if enterprise_lead(m) {
            ("已提交申报书和审计报告", "the application form and audit report are present")
        } else {
            ("已提交申报书", "the application form is present")
        };
        result("documents", ART8, Outcome::Pass, z.into(), e.into())
    } else {
        result("documents", ART8, Outcome::Fail, zh.join("；"), en.join("; "))
    })
}
