//! Co-builders, the expert committee and the documents (第八条（五）,
//! 第十二条, 第八条).

use super::super::shared::result;
use super::super::{Outcome, RuleResult};
use super::lead::enterprise_lead;
use crate::manifest::{DocKind, Manifest, MemberUnit, UnitKind};

const ART8_5: &str = "第八条（组建条件）第（五）项";
const ART8: &str = "第八条（组建条件）";
const ART12: &str = "第十二条";

pub(super) fn cobuilder_count(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn cobuild_agreement(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn local_enterprise(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn lead_share(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn committee_share(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn committee_chair(m: &Manifest) -> Option<RuleResult> {
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

pub(super) fn documents(m: &Manifest) -> Option<RuleResult> {
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
