//! The scoring form as typed (scores as text) to and from core's `Sheet`.
//! Whether a sheet is valid is decided once, by `Sheet::problems`; this only
//! adds the one check core cannot make: text that is not a number at all.

use paneldesk_core::rubric::Rubric;
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::{Conflict, Phase, Sheet};
use paneldesk_core::{Dec, Msg};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorCode, Result};

/// Bounds what one save may carry: a comment or opinion is prose, not a file.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// A rubric criterion as the form shows it; figures as exact decimals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[allow(missing_docs)] // the rubric's fields (docs/formats.md §3)
pub struct CriterionDto {
    pub id: String,
    pub title: String,
    pub max: String,
    pub step: String,
    pub guidance: String,
    pub comment_required_below: Option<String>,
}

/// The batch's rubric as the form shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[allow(missing_docs)] // the rubric's fields (docs/formats.md §3)
pub struct RubricDto {
    pub id: String,
    pub title: String,
    pub criteria: Vec<CriterionDto>,
    pub recommendation_options: Vec<String>,
    pub max_total: String,
    pub pass_line: Option<String>,
}

/// A score as typed: kept as text so that Rust, not the UI, decides
/// whether it is a valid number, step and range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ScoreInput {
    /// The criterion id.
    pub criterion: String,
    /// As typed; blank is "not scored yet".
    pub score: String,
    /// The comment on it.
    pub comment: String,
}

/// The scoring form as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SheetInput {
    /// One per criterion, in rubric order.
    pub scores: Vec<ScoreInput>,
    /// One of the rubric's recommendation options.
    pub recommendation: String,
    /// The expert's opinion.
    pub opinion: String,
}

impl SheetInput {
    /// Sizes one save may carry (the form is prose, not a file).
    pub fn validate(&self, rubric: &Rubric) -> Result<()> {
        let too_long = self.opinion.chars().count() > MAX_TEXT_CHARS
            || self.scores.iter().any(|s| s.comment.chars().count() > MAX_TEXT_CHARS || s.score.len() > 64)
            || self.scores.len() > rubric.criteria.len() + 16
            || self.recommendation.chars().count() > 200;
        if too_long {
            return Err(ApiError::refused(
                ErrorCode::SheetTooLong,
                format!("评语或意见过长（每项最多 {MAX_TEXT_CHARS} 字）。请精简后再保存"),
                format!("a comment or the opinion is too long (at most {MAX_TEXT_CHARS} characters each). Shorten it and save again"),
            ));
        }
        Ok(())
    }
}

/// The rubric for the form.
pub fn rubric_dto(r: &Rubric) -> RubricDto {
    RubricDto {
        id: r.id.clone(),
        title: r.title.clone(),
        criteria: r
            .criteria
            .iter()
            .map(|c| CriterionDto {
                id: c.id.clone(),
                title: c.title.clone(),
                max: c.max.to_string(),
                step: c.step.to_string(),
                guidance: c.guidance.clone(),
                comment_required_below: c.comment_required_below.map(|d| d.to_string()),
            })
            .collect(),
        recommendation_options: r.recommendation_options.clone(),
        max_total: r.max_total().to_string(),
        pass_line: r.pass_line.map(|d| d.to_string()),
    }
}

/// The sheet to store, and the typed scores that are not numbers. Blank
/// scores are left out, so core reports them as missing.
pub(crate) fn to_sheet(input: &SheetInput, conflict: Conflict, rubric: &Rubric) -> Result<(Sheet, Vec<Msg>)> {
    input.validate(rubric)?;
    let mut scores = Vec::new();
    let mut unreadable = Vec::new();
    for s in &input.scores {
        let typed = s.score.trim();
        if typed.is_empty() {
            continue;
        }
        match Dec::parse(typed) {
            Ok(score) => scores.push(Score { criterion: s.criterion.clone(), score, comment: s.comment.clone() }),
            Err(_) => {
                let title = rubric.criterion(&s.criterion).map_or(s.criterion.as_str(), |c| c.title.as_str());
                unreadable.push(Msg::new(
                    format!("“{title}” 的得分 “{typed}” 不是有效数字。请输入如 18 或 18.5 的分数"),
                    format!("the score \"{typed}\" for \"{title}\" is not a number. Type a score such as 18 or 18.5"),
                ));
            }
        }
    }
    let sheet = Sheet {
        phase: Phase::Desk,
        conflict_of_interest: conflict,
        scores,
        recommendation: input.recommendation.trim().to_string(),
        opinion: input.opinion.clone(),
        site_visit: None,
    };
    Ok((sheet, unreadable))
}

/// Every problem, in the order the form shows its fields.
pub(crate) fn problems(sheet: &Sheet, unreadable: Vec<Msg>, rubric: &Rubric) -> Vec<Msg> {
    let mut out = unreadable;
    out.extend(sheet.problems(rubric));
    out
}

/// What `total` would mean for the package were it the panel's figure:
/// the grade it reaches (a rubric with grades), else whether it reaches the
/// pass line; nothing for a rubric with neither.
pub(crate) fn standing(rubric: &Rubric, total: Dec) -> Option<Msg> {
    if !rubric.grades.is_empty() {
        let grade = paneldesk_core::aggregate::grade(rubric, total).unwrap_or("—");
        return Some(Msg::new(
            format!("按此总分评定等次：{grade}"),
            format!("at this total the grade would be {grade}"),
        ));
    }
    let line = rubric.pass_line?;
    Some(if paneldesk_core::aggregate::passes(rubric, total) == Some(true) {
        Msg::new(format!("已达到推荐线（{line} 分）"), format!("reaches the pass line ({line})"))
    } else {
        Msg::new(format!("未达到推荐线（{line} 分）"), format!("below the pass line ({line})"))
    })
}

/// A stored sheet back into form fields, in rubric order.
pub(crate) fn to_input(sheet: &Sheet, rubric: &Rubric) -> SheetInput {
    let mut scores: Vec<ScoreInput> = rubric
        .criteria
        .iter()
        .map(|c| {
            let s = sheet.scores.iter().find(|s| s.criterion == c.id);
            ScoreInput {
                criterion: c.id.clone(),
                score: s.map(|s| s.score.to_string()).unwrap_or_default(),
                comment: s.map(|s| s.comment.clone()).unwrap_or_default(),
            }
        })
        .collect();
    // Scores for criteria the rubric does not have stay visible, not lost.
    scores.extend(sheet.scores.iter().filter(|s| rubric.criterion(&s.criterion).is_none()).map(|s| ScoreInput {
        criterion: s.criterion.clone(),
        score: s.score.to_string(),
        comment: s.comment.clone(),
    }));
    SheetInput { scores, recommendation: sheet.recommendation.clone(), opinion: sheet.opinion.clone() }
}

#[cfg(test)]
mod tests {
    use paneldesk_core::rubrics::{establishment, evaluation};
    use paneldesk_core::Dec;

    use super::standing;

    #[test]
    fn the_total_is_read_against_the_pass_line_or_the_grades() {
        let d = |s: &str| Dec::parse(s).expect("dec");
        let est = establishment();
        assert_eq!(standing(&est, d("70")).map(|m| m.zh), Some("已达到推荐线（70 分）".into()));
        assert_eq!(standing(&est, d("69.5")).map(|m| m.en), Some("below the pass line (70)".into()));
        let eval = evaluation();
        let top = &eval.grades[0];
        assert_eq!(standing(&eval, top.min).map(|m| m.zh), Some(format!("按此总分评定等次：{}", top.label)));
    }
}
