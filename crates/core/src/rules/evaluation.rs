//! Rules for centres already built (acceptance and periodic evaluations):
//! 第十九条's revocation grounds, in the order of docs/formats.md §2.

use std::collections::BTreeSet;

use super::shared::{credit_code, result};
use super::{Outcome, RuleResult};
use crate::manifest::{Incidents, Manifest};

pub(super) fn rules(m: &Manifest) -> Vec<RuleResult> {
    vec![credit_code(m), annual_reports(m), incidents(m.incidents.as_ref())]
}

fn annual_reports(m: &Manifest) -> RuleResult {
    const ART: &str = "第十九条第（一）项";
    let missing: BTreeSet<i32> =
        m.annual_reports.iter().flatten().filter(|r| r.document.is_none()).map(|r| r.year).collect();
    let runs: Vec<i32> = missing.iter().copied().filter(|y| missing.contains(&(y + 1))).collect();
    if !runs.is_empty() {
        let pairs: Vec<String> = runs.iter().map(|y| format!("{y}、{}", y + 1)).collect();
        let pairs_en: Vec<String> = runs.iter().map(|y| format!("{y} and {}", y + 1)).collect();
        return result(
            "annual-reports",
            ART,
            Outcome::Fail,
            format!("{} 年连续 2 年未报送年度报告", pairs.join("；")),
            format!("no annual report was filed for two years in a row: {}", pairs_en.join("; ")),
        );
    }
    let (zh, en) = if missing.is_empty() {
        ("所列年度均已报送年度报告".to_string(), "every listed year has an annual report".to_string())
    } else {
        let years: Vec<String> = missing.iter().map(i32::to_string).collect();
        (
            format!("{} 年未报送年度报告，但未连续 2 年未报送", years.join("、")),
            format!("no annual report for {}, but never two years in a row", years.join(", ")),
        )
    };
    result("annual-reports", ART, Outcome::Pass, zh, en)
}

fn incidents(inc: Option<&Incidents>) -> RuleResult {
    const ART: &str = "第十九条";
    let inc = inc.cloned().unwrap_or_default();
    let grounds = [
        (
            inc.skipped_evaluation,
            "第十九条第（二）项：无故不参加绩效评价",
            "article 19(2): skipped an evaluation without cause",
        ),
        (
            inc.falsification,
            "第十九条第（三）项：弄虚作假，出现违法或科研失信问题",
            "article 19(3): falsification, illegality or research misconduct",
        ),
        (
            inc.major_accident,
            "第十九条第（四）项：发生重大质量、安全、环境事故",
            "article 19(4): a major quality, safety or environmental accident",
        ),
        (
            inc.lead_unit_unable,
            "第十九条第（五）项：依托单位不能保障中心正常运行",
            "article 19(5): the lead unit can no longer keep the centre running",
        ),
        (
            inc.voluntary_withdrawal,
            "第十九条第（六）项：依托单位自愿提出撤销",
            "article 19(6): the lead unit asked for revocation",
        ),
    ];
    let (zh, en): (Vec<&str>, Vec<&str>) = grounds.iter().filter(|g| g.0).map(|g| (g.1, g.2)).unzip();
    if zh.is_empty() {
        result(
            "incidents",
            ART,
            Outcome::Pass,
            "未报告第十九条第（二）至（六）项所列情形".into(),
            "none of the grounds of article 19(2)–(6) is reported".into(),
        )
    } else {
        result(
            "incidents",
            ART,
            Outcome::Fail,
            format!("存在应予撤销的情形：{}", zh.join("；")),
            format!("grounds for revocation: {}", en.join("; ")),
        )
    }
}
