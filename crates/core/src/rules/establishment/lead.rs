//! The lead unit: its type, registration, R&D figures, conversions
//! (第七条, 第八条（二）).

use super::super::shared::{result, Sum};
use super::super::{Outcome, RuleResult};
use crate::decimal::Dec;
use crate::manifest::Manifest;

const ART7: &str = "第七条";
const ART8_2: &str = "第八条（组建条件）第（二）项";

pub(super) fn enterprise_lead(m: &Manifest) -> bool {
    m.lead_unit.is_enterprise()
}

pub(super) fn lead_type(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn registration(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn rd_sum(m: &Manifest) -> Sum {
    Sum::of(m.lead_unit.finance.iter().map(|f| &f.rd_expense_wan))
}

pub(super) fn rd_total(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn rd_ratio(m: &Manifest) -> Option<RuleResult> {
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
pub(super) fn percent_truncated(a: Sum, b: Sum) -> Sum {
    let hundredths = a.0.saturating_mul(10_000) / b.0;
    Sum(hundredths * (Dec::from_int(1).micros() as i128 / 100))
}

pub(super) fn conversion(m: &Manifest) -> Option<RuleResult> {
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
