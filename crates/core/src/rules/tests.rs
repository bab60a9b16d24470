//! Boundary tests of every rule: exactly at the threshold, one hundredth
//! either side, and sums that binary floating point gets wrong.

use super::*;
use crate::decimal::Dec;
use crate::fixture::{self, finance};
use crate::manifest::*;

fn d(s: &str) -> Dec {
    Dec::parse(s).expect("decimal")
}

fn base() -> Manifest {
    fixture::establishment("LC-TEST-1")
}

fn outcome(m: &Manifest, id: &str) -> Option<Outcome> {
    review(m).rule(id).map(|r| r.result)
}

fn with_finance(rows: &[(&str, &str)]) -> Manifest {
    let mut m = base();
    m.lead_unit.finance =
        rows.iter().enumerate().map(|(i, (rd, rev))| finance(2023 + i as i32, d(rd), d(rev))).collect();
    m
}

#[test]
fn baseline_is_eligible_and_lists_every_applicable_rule_in_order() {
    let r = review(&base());
    assert_eq!(r.verdict, Verdict::Eligible, "{:#?}", r.rules);
    let ids: Vec<_> = r.rules.iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        [
            "lead-type",
            "registration",
            "rd-total",
            "rd-ratio",
            "space",
            "equipment",
            "pilot",
            "staff",
            "director-title",
            "cobuilder-count",
            "cobuild-agreement",
            "lead-share",
            "committee-share",
            "committee-chair",
            "credit-code",
            "documents"
        ]
    );
}

#[test]
fn articles_are_exact_strings() {
    let r = review(&base());
    let art = |id: &str| r.rule(id).map(|x| x.article);
    assert_eq!(art("lead-type"), Some("第七条"));
    assert_eq!(art("rd-total"), Some("第八条（组建条件）第（二）项"));
    assert_eq!(art("space"), Some("第八条（组建条件）第（三）项"));
    assert_eq!(art("staff"), Some("第八条（组建条件）第（四）项"));
    assert_eq!(art("lead-share"), Some("第八条（组建条件）第（五）项"));
    assert_eq!(art("director-title"), Some("第十一条"));
    assert_eq!(art("committee-share"), Some("第十二条"));
    assert_eq!(art("credit-code"), Some("GB 32100-2015"));
    assert_eq!(art("documents"), Some("第八条（组建条件）"));
}

#[test]
fn rd_total_is_exact_at_800() {
    let m = with_finance(&[("694.3", "10000"), ("12.9", "10000"), ("92.8", "6000")]);
    assert_eq!(outcome(&m, "rd-total"), Some(Outcome::Pass));
    let m = with_finance(&[("694.3", "10000"), ("12.9", "10000"), ("92.7", "6000")]);
    assert_eq!(outcome(&m, "rd-total"), Some(Outcome::Fail));
    let msg = review(&m).rule("rd-total").expect("rule").message.zh.clone();
    assert_eq!(msg, "近三年研发费用合计 799.9 万元，低于 800 万元");
}

#[test]
fn rd_ratio_is_exact_at_3_percent() {
    // 968.4 / 32280 is exactly 3 %; float division says 0.029999999999999995.
    let m = with_finance(&[("500", "10000"), ("300.1", "12000"), ("168.3", "10280")]);
    assert_eq!(outcome(&m, "rd-ratio"), Some(Outcome::Pass));
    assert!(review(&m).rule("rd-ratio").expect("rule").message.zh.contains("占主营业务收入 32280 万元的 3%"));
    let m = with_finance(&[("500", "10000"), ("300.1", "12000"), ("168.3", "10280.01")]);
    assert_eq!(outcome(&m, "rd-ratio"), Some(Outcome::Fail));
    assert!(review(&m).rule("rd-ratio").expect("rule").message.zh.contains("2.99%"));
}

#[test]
fn rd_ratio_with_no_revenue_fails_and_no_years_fail_both() {
    let m = with_finance(&[("900", "0")]);
    assert_eq!(outcome(&m, "rd-ratio"), Some(Outcome::Fail));
    let m = with_finance(&[]);
    assert_eq!(outcome(&m, "rd-total"), Some(Outcome::Fail));
    assert_eq!(outcome(&m, "rd-ratio"), Some(Outcome::Fail));
}

#[test]
fn finance_with_more_years_is_summed_as_given() {
    let m = with_finance(&[("200", "5000"), ("200", "5000"), ("200", "5000"), ("200", "5000")]);
    assert_eq!(outcome(&m, "rd-total"), Some(Outcome::Pass));
}

#[test]
fn space_and_equipment_at_500_and_software_relief() {
    let mut m = base();
    m.facilities.rd_space_m2 = d("500");
    m.facilities.equipment_value_wan = d("500");
    assert_eq!(outcome(&m, "space"), Some(Outcome::Pass));
    assert_eq!(outcome(&m, "equipment"), Some(Outcome::Pass));
    m.facilities.rd_space_m2 = d("499.99");
    m.facilities.equipment_value_wan = d("499.99");
    assert_eq!(outcome(&m, "space"), Some(Outcome::Fail));
    assert_eq!(outcome(&m, "equipment"), Some(Outcome::Fail));
    m.center.software_industry = true;
    m.facilities.rd_space_m2 = d("420");
    assert_eq!(outcome(&m, "space"), Some(Outcome::Warn));
    assert_eq!(outcome(&m, "equipment"), Some(Outcome::Warn));
    assert_eq!(
        review(&m).rule("space").expect("rule").message.zh,
        "研发用房 420 m²，低于 500 m²（软件行业可适当放宽）"
    );
    assert_eq!(review(&m).verdict, Verdict::EligibleWithWarnings);
}

#[test]
fn staff_at_15() {
    let mut m = base();
    m.team.full_time_rd_staff = 15;
    assert_eq!(outcome(&m, "staff"), Some(Outcome::Pass));
    m.team.full_time_rd_staff = 14;
    assert_eq!(outcome(&m, "staff"), Some(Outcome::Fail));
}

#[test]
fn lead_share_at_60() {
    let mut m = base();
    m.lead_share_percent = d("60");
    assert_eq!(outcome(&m, "lead-share"), Some(Outcome::Pass));
    m.lead_share_percent = d("59.99");
    assert_eq!(outcome(&m, "lead-share"), Some(Outcome::Fail));
    m.co_builders.clear();
    assert_eq!(outcome(&m, "lead-share"), None, "no co-builders: the rule does not apply");
    assert_eq!(outcome(&m, "cobuild-agreement"), None);
}

#[test]
fn committee_share_at_one_third() {
    let mut m = base();
    let inside = |n: usize, total: usize| {
        (0..total)
            .map(|i| {
                fixture::member(
                    "委员",
                    if i < n { MemberUnit::CoBuilder } else { MemberUnit::External },
                    i == total - 1,
                )
            })
            .collect::<Vec<_>>()
    };
    m.expert_committee = inside(3, 9);
    assert_eq!(outcome(&m, "committee-share"), Some(Outcome::Pass));
    m.expert_committee = inside(4, 9);
    assert_eq!(outcome(&m, "committee-share"), Some(Outcome::Fail));
    m.expert_committee = inside(1, 3);
    assert_eq!(outcome(&m, "committee-share"), Some(Outcome::Pass));
    m.expert_committee = inside(2, 5);
    assert_eq!(outcome(&m, "committee-share"), Some(Outcome::Fail));
    m.expert_committee.clear();
    assert_eq!(outcome(&m, "committee-share"), Some(Outcome::Warn));
    assert_eq!(outcome(&m, "committee-chair"), None);
}

#[test]
fn committee_chair_warnings() {
    let mut m = base();
    m.expert_committee.iter_mut().for_each(|c| c.chair = false);
    assert_eq!(outcome(&m, "committee-chair"), Some(Outcome::Warn));
    m.expert_committee[0].chair = true; // from the lead unit
    assert_eq!(outcome(&m, "committee-chair"), Some(Outcome::Warn));
    m.expert_committee[0].chair = false;
    m.expert_committee[1].chair = true; // a co-builder may chair
    assert_eq!(outcome(&m, "committee-chair"), Some(Outcome::Pass));
}

#[test]
fn cobuilders_count_and_agreements() {
    let mut m = base();
    let uni = m.co_builders[0].clone();
    m.co_builders = vec![uni.clone(), uni.clone(), uni.clone()];
    assert_eq!(outcome(&m, "cobuilder-count"), Some(Outcome::Pass));
    assert_eq!(outcome(&m, "cobuild-agreement"), Some(Outcome::Fail));
    m.documents.push(fixture::doc("docs/agreement-2.pdf", "共建协议2", DocKind::CobuildAgreement));
    m.documents.push(fixture::doc("docs/agreement-3.pdf", "共建协议3", DocKind::CobuildAgreement));
    assert_eq!(outcome(&m, "cobuild-agreement"), Some(Outcome::Pass));
    m.co_builders.push(uni);
    assert_eq!(outcome(&m, "cobuilder-count"), Some(Outcome::Fail));
}

#[test]
fn university_lead_uses_conversion_and_local_enterprise() {
    let mut m = base();
    let firm = m.lead_unit.clone();
    m.lead_unit = fixture::university("聊城大学", "12371500495570060");
    m.lead_unit.conversion_cases_3y = 5;
    m.co_builders = vec![firm];
    let r = review(&m);
    assert_eq!(r.verdict, Verdict::Eligible, "{:#?}", r.rules);
    for id in ["registration", "rd-total", "rd-ratio"] {
        assert_eq!(r.rule(id), None, "{id} applies to enterprise leads only");
    }
    assert_eq!(outcome(&m, "conversion"), Some(Outcome::Pass));
    assert_eq!(outcome(&m, "local-enterprise"), Some(Outcome::Pass));
    assert_eq!(outcome(&m, "documents"), Some(Outcome::Pass), "no audit report needed");
    m.lead_unit.conversion_cases_3y = 4;
    assert_eq!(outcome(&m, "conversion"), Some(Outcome::Fail));
    m.co_builders[0].in_liaocheng = false;
    assert_eq!(outcome(&m, "local-enterprise"), Some(Outcome::Fail));
    m.co_builders.clear();
    assert_eq!(outcome(&m, "local-enterprise"), Some(Outcome::Fail));
    m.lead_unit.kind = UnitKind::NewRdInstitution;
    assert_eq!(outcome(&m, "lead-type"), Some(Outcome::Pass));
}

#[test]
fn enterprise_lead_type_and_registration() {
    let mut m = base();
    m.lead_unit.high_tech_enterprise = false;
    m.lead_unit.tech_based_enterprise = true;
    assert_eq!(outcome(&m, "lead-type"), Some(Outcome::Pass));
    m.lead_unit.tech_based_enterprise = false;
    assert_eq!(outcome(&m, "lead-type"), Some(Outcome::Fail));
    let mut m = base();
    m.lead_unit.independent_legal_person = false;
    assert_eq!(outcome(&m, "registration"), Some(Outcome::Fail));
}

#[test]
fn director_pilot_and_documents() {
    let mut m = base();
    m.team.director.senior_title = false;
    assert_eq!(outcome(&m, "director-title"), Some(Outcome::Warn));
    m.facilities.pilot_capability = false;
    assert_eq!(outcome(&m, "pilot"), Some(Outcome::Fail));
    let mut m = base();
    m.documents.retain(|d| d.kind != DocKind::AuditReport);
    assert_eq!(outcome(&m, "documents"), Some(Outcome::Fail));
    m.documents.retain(|d| d.kind != DocKind::ApplicationForm);
    assert!(review(&m).rule("documents").expect("rule").message.zh.contains("申报书"));
}

#[test]
fn credit_codes_of_every_unit() {
    let mut m = base();
    m.co_builders[0].credit_code = "12371500495570061".to_string(); // 17 characters
    assert_eq!(outcome(&m, "credit-code"), Some(Outcome::Fail));
    let mut m = base();
    let good = m.lead_unit.credit_code.clone();
    let last = good.chars().last().expect("18 chars");
    let wrong = if last == '0' { '1' } else { '0' };
    m.lead_unit.credit_code = format!("{}{wrong}", &good[..17]);
    assert_eq!(outcome(&m, "credit-code"), Some(Outcome::Fail));
    assert_eq!(review(&m).verdict, Verdict::Ineligible);
}

#[test]
fn strategic_priority_relaxes_only_the_listed_rules() {
    let mut m = base();
    m.center.strategic_priority = true;
    m.team.full_time_rd_staff = 10;
    m.lead_share_percent = d("55");
    let r = review(&m);
    assert_eq!(r.rule("staff").map(|x| x.result), Some(Outcome::Relaxed));
    assert_eq!(r.rule("lead-share").map(|x| x.result), Some(Outcome::Relaxed));
    assert_eq!(r.verdict, Verdict::NeedsJudgment);
    m.facilities.pilot_capability = false; // not relaxable
    let r = review(&m);
    assert_eq!(r.rule("pilot").map(|x| x.result), Some(Outcome::Fail));
    assert_eq!(r.verdict, Verdict::Ineligible);
    // A warning stays a warning under strategic priority.
    let mut m = base();
    m.center.strategic_priority = true;
    m.center.software_industry = true;
    m.facilities.rd_space_m2 = d("300");
    assert_eq!(outcome(&m, "space"), Some(Outcome::Warn));
}

#[test]
fn verdict_precedence() {
    let mut m = base();
    m.team.director.senior_title = false; // warn
    assert_eq!(review(&m).verdict, Verdict::EligibleWithWarnings);
    m.center.strategic_priority = true;
    m.team.full_time_rd_staff = 3; // relaxed
    assert_eq!(review(&m).verdict, Verdict::NeedsJudgment);
    m.facilities.pilot_capability = false; // fail
    assert_eq!(review(&m).verdict, Verdict::Ineligible);
}

fn eval() -> Manifest {
    let mut m = fixture::evaluation("LC-EVAL-1", Kind::Acceptance);
    m.documents.push(fixture::doc("docs/report-2023.pdf", "2023年度报告", DocKind::AnnualReport));
    m
}

fn reports(m: &mut Manifest, years: &[(i32, bool)]) {
    m.annual_reports = Some(
        years
            .iter()
            .map(|&(year, filed)| AnnualReport { year, document: filed.then(|| format!("docs/report-{year}.pdf")) })
            .collect(),
    );
}

#[test]
fn evaluation_rules_and_order() {
    let m = eval();
    let r = review(&m);
    let ids: Vec<_> = r.rules.iter().map(|x| x.id).collect();
    assert_eq!(ids, ["credit-code", "annual-reports", "incidents"]);
    assert_eq!(r.verdict, Verdict::Eligible);
    assert_eq!(r.rule("annual-reports").map(|x| x.article), Some("第十九条第（一）项"));
    assert_eq!(r.rule("incidents").map(|x| x.article), Some("第十九条"));
}

#[test]
fn two_consecutive_missing_reports_revoke() {
    let mut m = eval();
    reports(&mut m, &[(2023, true), (2024, false), (2025, true)]);
    assert_eq!(review(&m).verdict, Verdict::Eligible, "one missing year is not a revocation");
    reports(&mut m, &[(2023, false), (2025, false)]);
    assert_eq!(review(&m).verdict, Verdict::Eligible, "years not listed are ignored");
    reports(&mut m, &[(2025, false), (2023, true), (2024, false)]);
    assert_eq!(review(&m).verdict, Verdict::Revoke, "order of listing does not matter");
    assert!(review(&m).rule("annual-reports").expect("rule").message.zh.contains("2024、2025"));
}

#[test]
fn each_incident_revokes_and_is_named() {
    let names = ["（二）", "（三）", "（四）", "（五）", "（六）"];
    for (i, name) in names.iter().enumerate() {
        let mut m = eval();
        let inc = m.incidents.as_mut().expect("incidents");
        *[
            &mut inc.skipped_evaluation,
            &mut inc.falsification,
            &mut inc.major_accident,
            &mut inc.lead_unit_unable,
            &mut inc.voluntary_withdrawal,
        ][i] = true;
        let r = review(&m);
        assert_eq!(r.verdict, Verdict::Revoke);
        assert!(r.rule("incidents").expect("rule").message.zh.contains(name));
    }
}

#[test]
fn revoke_outranks_a_bad_credit_code() {
    let mut m = eval();
    m.lead_unit.credit_code = "BAD".into();
    assert_eq!(review(&m).verdict, Verdict::Ineligible);
    m.incidents.as_mut().expect("incidents").falsification = true;
    assert_eq!(review(&m).verdict, Verdict::Revoke);
    m.kind = Kind::Periodic;
    assert_eq!(review(&m).verdict, Verdict::Revoke);
}

#[test]
fn contract_json_shape() {
    let mut m = base();
    m.center.software_industry = true;
    m.facilities.rd_space_m2 = d("420");
    let v = review(&m).to_json(crate::text::Lang::Zh);
    assert_eq!(v["verdict"], "eligible_with_warnings");
    assert_eq!(v["kind"], "establishment");
    let space = v["rules"].as_array().and_then(|a| a.iter().find(|r| r["id"] == "space")).expect("space");
    assert_eq!(
        space,
        &serde_json::json!({"id": "space", "result": "warn", "article": "第八条（组建条件）第（三）项",
            "message": "研发用房 420 m²，低于 500 m²（软件行业可适当放宽）"})
    );
}

#[test]
fn an_evaluations_committee_is_advised_on_but_not_in_its_formal_review() {
    let mut m = fixture::evaluation("LC-E-1", Kind::Acceptance);
    m.expert_committee = (0..6)
        .map(|i| fixture::member("委员", if i < 3 { MemberUnit::Lead } else { MemberUnit::External }, i == 0))
        .collect();
    let advice: Vec<(&str, Outcome)> = committee_advice(&m).iter().map(|r| (r.id, r.result)).collect();
    assert_eq!(advice, [("committee-share", Outcome::Fail), ("committee-chair", Outcome::Warn)]);
    let formal = review(&m);
    let ids: Vec<&str> = formal.rules.iter().map(|r| r.id).collect();
    assert_eq!(ids, ["credit-code", "annual-reports", "incidents"], "formats.md §2 fixes the evaluation rules");
    assert_eq!(formal.verdict, Verdict::Eligible);
}
