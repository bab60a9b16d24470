//! A score sheet against its rubric (docs/formats.md §3 "A valid score sheet").

use serde::{Deserialize, Serialize};

use crate::decimal::Dec;
use crate::rubric::Rubric;
use crate::text::Msg;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub criterion: String,
    pub score: Dec,
    #[serde(default)]
    pub comment: String,
}

/// Every problem of a sheet, each in both languages; empty when valid.
/// `total` is the total the sheet claims, when it claims one.
pub fn sheet_problems(rubric: &Rubric, scores: &[Score], total: Option<Dec>, recommendation: &str) -> Vec<Msg> {
    let mut out = Vec::new();
    for s in scores {
        if rubric.criterion(&s.criterion).is_none() {
            out.push(Msg::new(
                format!("评审指标中没有 “{}” 这一项", s.criterion),
                format!("the rubric has no criterion \"{}\"", s.criterion),
            ));
        }
    }
    for c in &rubric.criteria {
        let given: Vec<&Score> = scores.iter().filter(|s| s.criterion == c.id).collect();
        let s = match given.as_slice() {
            [one] => one,
            [] => {
                out.push(Msg::new(format!("缺少 “{}” 的评分", c.title), format!("no score for \"{}\"", c.title)));
                continue;
            }
            _ => {
                out.push(Msg::new(
                    format!("“{}” 评分了 {} 次，只能一次", c.title, given.len()),
                    format!("\"{}\" is scored {} times, once only", c.title, given.len()),
                ));
                continue;
            }
        };
        if s.score < 0 || s.score > c.max || !s.score.is_multiple_of(c.step) {
            out.push(Msg::new(
                format!("“{}” 的得分 {} 无效：须在 0 到 {} 之间，且为 {} 的整数倍", c.title, s.score, c.max, c.step),
                format!("\"{}\" has score {}: it must lie within 0–{} in steps of {}", c.title, s.score, c.max, c.step),
            ));
        }
        if c.comment_required_below.is_some_and(|below| s.score < below) && s.comment.trim().is_empty() {
            let below = c.comment_required_below.unwrap_or_default();
            out.push(Msg::new(
                format!("“{}” 得分 {} 低于 {}，须填写评语", c.title, s.score, below),
                format!("\"{}\" scores {}, below {}: a comment is required", c.title, s.score, below),
            ));
        }
    }
    let sum = sum_scores(scores);
    if let Some(t) = total {
        if t != sum {
            out.push(Msg::new(
                format!("总分 {t} 与各项得分之和 {sum} 不符"),
                format!("the total {t} is not the sum of the scores, {sum}"),
            ));
        }
    }
    out.extend(recommendation_problem(rubric, recommendation));
    out
}

/// The recommendation must be one of the rubric's options.
pub fn recommendation_problem(rubric: &Rubric, recommendation: &str) -> Option<Msg> {
    if rubric.recommendation_options.iter().any(|o| o == recommendation) {
        return None;
    }
    let options = &rubric.recommendation_options;
    Some(Msg::new(
        format!("推荐意见 “{recommendation}” 不在可选项 {} 之中", options.join("、")),
        format!("the recommendation \"{recommendation}\" is not one of {}", options.join(", ")),
    ))
}

/// The total an unfinished sheet shows: the sum of the scores that are
/// valid for their criterion (known, given once, in range, on the step),
/// so a mistyped 10.3 is marked at its field and not added in. A valid
/// sheet's counted total is the same as [`sum_scores`].
pub fn valid_total(rubric: &Rubric, scores: &[Score]) -> Dec {
    rubric
        .criteria
        .iter()
        .filter_map(|c| match scores.iter().filter(|s| s.criterion == c.id).collect::<Vec<_>>().as_slice() {
            [s] if s.score >= 0 && s.score <= c.max && s.score.is_multiple_of(c.step) => Some(s.score),
            _ => None,
        })
        .fold(Dec::ZERO, |acc, s| acc + s)
}

/// The sum of the scores, exact.
pub fn sum_scores(scores: &[Score]) -> Dec {
    scores.iter().fold(Dec::ZERO, |acc, s| acc + s.score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{Aggregation, Criterion, Method};

    fn d(s: &str) -> Dec {
        Dec::parse(s).expect("decimal")
    }

    fn rubric() -> Rubric {
        let c = |id: &str, max: &str, below: Option<&str>| Criterion {
            id: id.into(),
            title: id.into(),
            max: d(max),
            step: d("0.5"),
            guidance: String::new(),
            comment_required_below: below.map(d),
        };
        Rubric {
            id: "r".into(),
            title: "r".into(),
            criteria: vec![c("a", "20", Some("12")), c("b", "80", None)],
            recommendation_options: vec!["recommend".into(), "not_recommend".into()],
            aggregation: Aggregation { method: Method::Mean, trim_min_panel: None },
            pass_line: Some(d("70")),
            grades: vec![],
            site_visit_checklist: vec![],
            tie_break: None,
        }
    }

    fn s(c: &str, v: &str, comment: &str) -> Score {
        Score { criterion: c.into(), score: d(v), comment: comment.into() }
    }

    #[test]
    fn the_shown_total_leaves_out_what_is_not_valid() {
        let r = rubric();
        assert_eq!(valid_total(&r, &[s("a", "10.5", ""), s("b", "70", "")]), d("80.5"));
        // Off the step, above the maximum, or given twice: left out.
        assert_eq!(valid_total(&r, &[s("a", "10.3", ""), s("b", "70", "")]), d("70"));
        assert_eq!(valid_total(&r, &[s("a", "10", ""), s("b", "80.5", "")]), d("10"));
        assert_eq!(valid_total(&r, &[s("a", "10", ""), s("a", "10", ""), s("b", "1", "")]), d("1"));
    }

    #[test]
    fn a_valid_sheet() {
        let sheet = [s("a", "12", ""), s("b", "80", "")];
        assert!(sheet_problems(&rubric(), &sheet, Some(d("92")), "recommend").is_empty());
        let sheet = [s("a", "0", "很弱"), s("b", "0.5", "")];
        assert!(sheet_problems(&rubric(), &sheet, Some(d("0.5")), "not_recommend").is_empty());
    }

    #[test]
    fn every_problem_is_reported() {
        let r = rubric();
        let p = |sheet: &[Score], total: &str, rec: &str| sheet_problems(&r, sheet, Some(d(total)), rec).len();
        assert_eq!(p(&[s("a", "12.25", ""), s("b", "80", "")], "92.25", "recommend"), 1, "off step");
        assert_eq!(p(&[s("a", "20.5", ""), s("b", "80", "")], "100.5", "recommend"), 1, "over max");
        assert_eq!(p(&[s("a", "-0.5", "x"), s("b", "80", "")], "79.5", "recommend"), 1, "negative");
        assert_eq!(p(&[s("a", "11.5", "  "), s("b", "80", "")], "91.5", "recommend"), 1, "comment below 12");
        assert_eq!(p(&[s("a", "12", "")], "12", "recommend"), 1, "missing criterion");
        assert_eq!(p(&[s("a", "12", ""), s("a", "12", ""), s("b", "1", "")], "25", "recommend"), 1, "twice");
        assert_eq!(p(&[s("a", "12", ""), s("b", "80", ""), s("z", "1", "")], "93", "recommend"), 1, "unknown");
        assert_eq!(p(&[s("a", "12", ""), s("b", "80", "")], "92.5", "recommend"), 1, "total");
        assert_eq!(p(&[s("a", "12", ""), s("b", "80", "")], "92", "maybe"), 1, "recommendation");
    }
}
