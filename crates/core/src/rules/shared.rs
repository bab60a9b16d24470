//! Pieces the rule sets share: building results, the credit-code rule, sums.

use super::{Outcome, RuleResult};
use crate::credit_code::{self, CodeProblem};
use crate::decimal::{format_micros, Dec};
use crate::manifest::Manifest;
use crate::text::Msg;

pub(super) fn result(id: &'static str, article: &'static str, result: Outcome, zh: String, en: String) -> RuleResult {
    RuleResult { id, result, article, message: Msg::new(zh, en) }
}

/// An exact sum in millionths, wide enough for any number of figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Sum(pub i128);

impl Sum {
    pub fn of<'a>(it: impl IntoIterator<Item = &'a Dec>) -> Sum {
        Sum(it.into_iter().map(|d| d.micros() as i128).sum())
    }

    /// Compared with a whole number of units.
    pub fn at_least(self, units: i64) -> bool {
        self.0 >= units as i128 * Dec::from_int(1).micros() as i128
    }
}

impl std::fmt::Display for Sum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&format_micros(self.0))
    }
}

pub(super) fn credit_code(m: &Manifest) -> RuleResult {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for unit in m.units() {
        let code = &unit.credit_code;
        let problem = match credit_code::validate(code) {
            Ok(()) => continue,
            Err(p) => p,
        };
        let (pz, pe) = match problem {
            CodeProblem::Length => (
                format!("长度为 {} 位，应为 18 位", code.chars().count()),
                format!("has {} characters, not 18", code.chars().count()),
            ),
            CodeProblem::Characters => (
                "含有不允许的字符（只能是数字和除 I、O、S、V、Z 外的大写字母）".to_string(),
                "has characters outside 0-9 and the capitals other than I, O, S, V, Z".to_string(),
            ),
            CodeProblem::CheckCharacter => {
                let want = credit_code::check_char(&code[..17]).unwrap_or('?');
                (format!("校验位错误（应为 {want}）"), format!("has a wrong check character (expected {want})"))
            }
        };
        zh.push(format!("{} 的统一社会信用代码 “{code}” {pz}", unit.name));
        en.push(format!("the credit code \"{code}\" of {} {pe}", unit.name));
    }
    let n = m.units().count();
    if zh.is_empty() {
        result(
            "credit-code",
            "GB 32100-2015",
            Outcome::Pass,
            format!("{n} 家单位的统一社会信用代码均有效"),
            format!("the credit codes of all {n} units are valid"),
        )
    } else {
        result("credit-code", "GB 32100-2015", Outcome::Fail, zh.join("；"), en.join("; "))
    }
}
