//! Formal review (形式审查, docs/formats.md §2): one small pure function per rule,
//! each returning `None` when it does not apply to the package.

mod establishment;
mod evaluation;
mod shared;

use serde::Serialize;

use crate::manifest::{Kind, Manifest};
use crate::text::{Lang, Msg};

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    Warn,
    /// A fail that 第八条(六) allows the panel to relax.
    Relaxed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Warn => "warn",
            Outcome::Relaxed => "relaxed",
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Outcome::Pass => Msg::new("通过", "pass"),
            Outcome::Fail => Msg::new("不通过", "fail"),
            Outcome::Warn => Msg::new("提示", "warning"),
            Outcome::Relaxed => Msg::new("可放宽", "relaxable"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleResult {
    pub id: &'static str,
    pub result: Outcome,
    pub article: &'static str,
    pub message: Msg,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Eligible,
    EligibleWithWarnings,
    NeedsJudgment,
    Ineligible,
    Revoke,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Eligible => "eligible",
            Verdict::EligibleWithWarnings => "eligible_with_warnings",
            Verdict::NeedsJudgment => "needs_judgment",
            Verdict::Ineligible => "ineligible",
            Verdict::Revoke => "revoke",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Eligible, Verdict::EligibleWithWarnings, Verdict::NeedsJudgment, Verdict::Ineligible, Verdict::Revoke]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    /// The display labels of docs/formats.md §2.
    pub fn label(self) -> Msg {
        match self {
            Verdict::Eligible => Msg::new("符合条件", "eligible"),
            Verdict::EligibleWithWarnings => Msg::new("符合条件（有提示）", "eligible, with warnings"),
            Verdict::NeedsJudgment => Msg::new("需专家判断", "needs the panel's judgment"),
            Verdict::Ineligible => Msg::new("不符合条件", "ineligible"),
            Verdict::Revoke => Msg::new("应予撤销", "to be revoked"),
        }
    }

    /// Set apart from ranking (docs/formats.md §5).
    pub fn is_set_apart(self) -> bool {
        matches!(self, Verdict::Ineligible | Verdict::Revoke)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FormalReview {
    pub package_id: String,
    pub kind: Kind,
    pub verdict: Verdict,
    pub rules: Vec<RuleResult>,
}

impl FormalReview {
    pub fn rule(&self, id: &str) -> Option<&RuleResult> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// The contract's JSON (docs/cli.md): messages in one language.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let rules: Vec<_> = self
            .rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "result": r.result.as_str(),
                    "article": r.article, "message": r.message.get(lang),
                })
            })
            .collect();
        serde_json::json!({
            "package_id": self.package_id, "kind": self.kind.as_str(),
            "verdict": self.verdict.as_str(), "rules": rules,
        })
    }
}

/// The formal review of a (validated) manifest.
/// 第十二条 (the expert committee) checked on a package of any kind. An
/// evaluation's formal review leaves it out — formats.md §2 fixes those
/// rules as credit-code, annual-reports and incidents — yet a built centre's
/// committee is held to the same article, so the package view shows these
/// findings beside an evaluation's facts, as advice that does not change
/// its verdict.
pub fn committee_advice(m: &Manifest) -> Vec<RuleResult> {
    establishment::committee(m)
}

pub fn review(m: &Manifest) -> FormalReview {
    let (rules, verdict) = match m.kind {
        Kind::Establishment => {
            let rules = establishment::rules(m);
            let verdict = establishment_verdict(&rules);
            (rules, verdict)
        }
        Kind::Acceptance | Kind::Periodic => {
            let rules = evaluation::rules(m);
            let verdict = evaluation_verdict(&rules);
            (rules, verdict)
        }
    };
    FormalReview { package_id: m.id.clone(), kind: m.kind, verdict, rules }
}

fn establishment_verdict(rules: &[RuleResult]) -> Verdict {
    let any = |o: Outcome| rules.iter().any(|r| r.result == o);
    if any(Outcome::Fail) {
        Verdict::Ineligible
    } else if any(Outcome::Relaxed) {
        Verdict::NeedsJudgment
    } else if any(Outcome::Warn) {
        Verdict::EligibleWithWarnings
    } else {
        Verdict::Eligible
    }
}

fn evaluation_verdict(rules: &[RuleResult]) -> Verdict {
    let failed = |id: &str| rules.iter().any(|r| r.id == id && r.result == Outcome::Fail);
    if failed("annual-reports") || failed("incidents") {
        Verdict::Revoke
    } else if failed("credit-code") {
        Verdict::Ineligible
    } else {
        Verdict::Eligible
    }
}

#[cfg(test)]
mod tests;
