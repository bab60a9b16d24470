//! The scoring form as typed (scores as text) to and from core's `Sheet`.
//! Whether a sheet is valid is decided once, by `Sheet::problems`; this only
//! adds the one check core cannot make: text that is not a number at all.

use paneldesk_core::rubric::Rubric;
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::{Conflict, Phase, Sheet};
use paneldesk_core::{Dec, Msg};

use crate::dto::{CriterionDto, RubricDto, ScoreInput, SheetInput, Text};
use crate::error::{AppError, AppResult};

/// Bounds what one save may carry: a comment or opinion is prose, not a file.
const MAX_TEXT_CHARS: usize = 20_000;

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
pub fn to_sheet(input: &SheetInput, conflict: Conflict, rubric: &Rubric) -> AppResult<(Sheet, Vec<Msg>)> {
    let too_long = input.opinion.chars().count() > MAX_TEXT_CHARS
        || input.scores.iter().any(|s| s.comment.chars().count() > MAX_TEXT_CHARS || s.score.len() > 64)
        || input.scores.len() > rubric.criteria.len() + 16;
    if too_long {
        return Err(AppError::new(
            "sheet-too-long",
            format!("评语或意见过长（每项最多 {MAX_TEXT_CHARS} 字）。请精简后再保存"),
            format!("a comment or the opinion is too long (at most {MAX_TEXT_CHARS} characters each). Shorten it and save again"),
        ));
    }
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
                    format!(
                        "the score \"{typed}\" for \"{}\" is not a number. Type a score such as 18 or 18.5",
                        s.criterion
                    ),
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
pub fn problems(sheet: &Sheet, unreadable: Vec<Msg>, rubric: &Rubric) -> Vec<Text> {
    let mut out: Vec<Text> = unreadable.into_iter().map(Text::from).collect();
    out.extend(sheet.problems(rubric).into_iter().map(Text::from));
    out
}

/// A stored sheet back into form fields, in rubric order.
pub fn to_input(sheet: &Sheet, rubric: &Rubric) -> SheetInput {
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

pub fn empty_input(rubric: &Rubric) -> SheetInput {
    to_input(&Sheet::default(), rubric)
}
