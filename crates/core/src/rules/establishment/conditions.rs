//! Conditions of the centre: space, equipment, pilot capability, staff and
//! the director (第八条（三）（四）, 第十一条).

use super::super::shared::result;
use super::super::{Outcome, RuleResult};
use crate::decimal::Dec;
use crate::manifest::Manifest;

const ART8_3: &str = "第八条（组建条件）第（三）项";
const ART8_4: &str = "第八条（组建条件）第（四）项";
const ART11: &str = "第十一条";

/// Space and equipment: below 500 is a warning for software, else a fail.
pub(super) fn facility(
    m: &Manifest,
    id: &'static str,
    value: Dec,
    what: (&str, &str),
    unit: (&str, &str),
) -> RuleResult {
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

pub(super) fn space(m: &Manifest) -> Option<RuleResult> {
    Some(facility(m, "space", m.facilities.rd_space_m2, ("研发用房", "R&D space"), ("m²", "m²")))
}

pub(super) fn equipment(m: &Manifest) -> Option<RuleResult> {
    Some(facility(
        m,
        "equipment",
        m.facilities.equipment_value_wan,
        ("仪器设备原值", "equipment original value"),
        ("万元", "×10k CNY"),
    ))
}

pub(super) fn pilot(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn staff(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn director_title(m: &Manifest) -> Option<RuleResult> {
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
