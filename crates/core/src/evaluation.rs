//! What an evaluation's documents show (formats.md §7, 第九条, 第十九条,
//! 第二十–二十二条): the task book's targets against what was achieved, the
//! annual reports year by year, and what each conclusion means.

use crate::decimal::Dec;
use crate::manifest::Manifest;
use crate::rules::{review, Outcome};
use crate::Msg;

/// One task-book indicator: target, achieved, the ratio in percent
/// (truncated to two decimals, so a shortfall never reads as 100%), and
/// whether it falls short.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetLine {
    pub indicator: String,
    pub unit: String,
    pub target: Dec,
    pub achieved: Dec,
    /// None when the target is 0.
    pub percent: Option<Dec>,
    pub below: bool,
}

/// The task book's lines, in the manifest's order (empty for establishment).
pub fn targets(m: &Manifest) -> Vec<TargetLine> {
    m.task_targets
        .iter()
        .flatten()
        .map(|t| TargetLine {
            indicator: t.indicator.clone(),
            unit: t.unit.clone(),
            target: t.target,
            achieved: t.achieved,
            percent: Dec::percent_truncated(t.achieved, t.target),
            below: t.achieved < t.target,
        })
        .collect()
}

/// Each year's annual report: (year, filed).
pub fn annual_reports(m: &Manifest) -> Vec<(i32, bool)> {
    let mut out: Vec<(i32, bool)> = m.annual_reports.iter().flatten().map(|r| (r.year, r.document.is_some())).collect();
    out.sort();
    out
}

/// The 第十九条 items the formal review found: why revocation is proposed.
pub fn revocation_items(m: &Manifest) -> Vec<Msg> {
    review(m)
        .rules
        .iter()
        .filter(|r| r.result == Outcome::Fail && r.article.contains("第十九条"))
        // The article stays as the measures write it; the window cites it in English.
        .map(|r| Msg::new(format!("{}：{}", r.article, r.message.zh), format!("{}: {}", r.article, r.message.en)))
        .collect()
}

/// What a grade means under 第二十条 and 第二十二条.
pub fn grade_consequence(grade: &str) -> Msg {
    if grade.contains("不合格") {
        Msg::new(
            "不合格：取消技术创新中心资格（第二十条、第二十二条）",
            "fail: the centre loses its status as a Technology Innovation Center (第二十条、第二十二条)",
        )
    } else if grade.contains("优秀") {
        Msg::new(
            "优秀：纳入技术创新中心体系管理，并按相关办法给予支持（第二十条、第二十二条）",
            "excellent: kept in the Technology Innovation Center system and supported under the relevant measures (第二十条、第二十二条)",
        )
    } else {
        Msg::new(
            "合格（含）以上：纳入技术创新中心体系管理（第二十条、第二十二条）",
            "pass or better: kept in the Technology Innovation Center system (第二十条、第二十二条)",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_carry_their_consequence() {
        assert!(grade_consequence("优秀").zh.contains("给予支持"));
        assert!(grade_consequence("良好").zh.contains("纳入技术创新中心体系管理"));
        assert!(grade_consequence("合格").zh.contains("纳入技术创新中心体系管理"));
        assert!(grade_consequence("不合格").zh.contains("取消技术创新中心资格"));
    }

    #[test]
    fn a_shortfall_is_marked_and_never_rounds_up_to_100() {
        let mut m = crate::fixture::establishment("P-A");
        let t = m.task_targets.get_or_insert_with(Vec::new);
        t.clear();
        t.push(crate::manifest::TaskTarget {
            indicator: "发明专利".into(),
            unit: "件".into(),
            target: Dec::from_int(3),
            achieved: Dec::parse("2.99").unwrap_or_default(),
        });
        let lines = targets(&m);
        assert!(lines[0].below);
        assert_eq!(lines[0].percent.map(|p| p.to_string()), Some("99.66".to_string()));
    }
}
