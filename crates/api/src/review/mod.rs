//! The expert's desk review (会议评审) of one package: the conflict-of-
//! interest question first, then the score sheet. Every save is a new
//! revision in the store (append-only); a declared conflict blocks scoring
//! for good. The window saves drafts as they are typed; the CLI records a
//! finished sheet from a JSON file (`record`).

mod form;

use paneldesk_core::scoring::valid_total;
use paneldesk_core::sheet::{Conflict, Phase, Sheet};
use paneldesk_core::Msg;
use paneldesk_store::reviews::SavedReview;
use serde::Serialize;

pub use form::{rubric_dto, CriterionDto, RubricDto, ScoreInput, SheetInput, MAX_TEXT_CHARS};

use crate::access::Reviewer;
use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// Longest conflict-of-interest statement.
pub const MAX_STATEMENT_CHARS: usize = 2000;

/// The conflict-of-interest answer recorded for this package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ConflictDto {
    /// A conflict was declared (the expert is recused).
    pub declared: bool,
    /// The expert's statement of it.
    pub statement: String,
}

/// The scoring form as the window shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SheetView {
    /// The batch's rubric.
    pub rubric: RubricDto,
    /// None until the conflict-of-interest question is answered.
    pub conflict: Option<ConflictDto>,
    /// The latest revision's fields.
    pub sheet: SheetInput,
    /// The latest revision's number.
    pub revision: Option<u32>,
    /// When it was saved.
    pub saved_at: Option<String>,
    /// It is signed, hence final.
    pub signed: bool,
    /// The total of the valid scores, exact.
    pub total: String,
    /// What that total would mean: the grade it reaches (evaluations) or
    /// whether it reaches the pass line (establishment).
    pub standing: Option<Msg>,
    /// Why it cannot be signed yet; empty when it can.
    pub problems: Vec<Msg>,
    /// Every signed revision, oldest first (the 复议 history).
    pub history: Vec<SignedRevisionDto>,
    /// The draft reopens a signed review: signing it needs a reason (复议).
    pub reexamination: bool,
}

/// One signed revision of the review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SignedRevisionDto {
    /// The revision's number.
    pub revision: u32,
    /// When it was signed.
    pub signed_at: String,
    /// SHA-256 of the signed PDF.
    pub pdf_sha256: String,
    /// The reason given when it replaced the one before (复议).
    pub revision_reason: Option<String>,
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SaveResult {
    /// The new revision's number.
    pub revision: u32,
    /// When it was saved.
    pub saved_at: String,
    /// The total of the valid scores, exact.
    pub total: String,
    /// What that total would mean (as `SheetView.standing`).
    pub standing: Option<Msg>,
    /// Why the sheet cannot yet be signed; empty when it is complete.
    pub problems: Vec<Msg>,
}

/// What `record` saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The package id.
    pub package_id: String,
    /// The phase scored.
    pub phase: Phase,
    /// The new revision's number.
    pub revision: i64,
    /// The sheet's total.
    pub total: String,
    /// A signed review of this phase exists: this draft is a 复议.
    pub reexamination: bool,
}

/// The form of this expert's desk review of the package.
pub fn get_sheet(store: &Store, batch_id: &str, package_id: &str) -> Result<SheetView> {
    let r = Reviewer::load(store, Some(batch_id), package_id)?;
    let latest = store.latest_review(r.key(Phase::Desk))?;
    view(store, &r, latest)
}

/// 复议: reopens the signed desk review as a new draft revision holding the
/// signed sheet, to be changed and signed again with a reason. The signed
/// file stays as it was; a signed conflict declaration cannot be reopened.
pub fn reopen(store: &mut Store, batch_id: &str, package_id: &str) -> Result<SheetView> {
    let r = Reviewer::load(store, Some(batch_id), package_id)?;
    let latest = store.latest_review(r.key(Phase::Desk))?;
    let Some(signed) = latest.filter(|l| l.signed) else {
        return Err(ApiError::refused(
            ErrorCode::NotSigned,
            format!("材料包 {package_id} 的评审意见尚未签署，可直接修改，无需复议"),
            format!("the review of package {package_id} is not signed: change it directly, no revision is needed"),
        ));
    };
    if signed.sheet.conflict_of_interest.declared {
        return Err(conflict_final(package_id));
    }
    let saved = store.save_review(r.key(Phase::Desk), &signed.sheet)?;
    tracing::info!(package = package_id, revision = saved.revision, "signed review reopened (复议)");
    view(store, &r, Some(saved))
}

/// Records the answer to "do you have a conflict of interest with this
/// applicant?". Yes needs a statement, clears any scores and is final.
pub fn declare_conflict(
    store: &mut Store,
    batch_id: &str,
    package_id: &str,
    declared: bool,
    statement: &str,
) -> Result<SheetView> {
    let r = Reviewer::load(store, Some(batch_id), package_id)?;
    let latest = store.latest_review(r.key(Phase::Desk))?;
    if let Some(l) = &latest {
        if l.signed && !l.sheet.conflict_of_interest.declared {
            return Err(signed_final(package_id));
        }
        if l.sheet.conflict_of_interest.declared {
            return Err(conflict_final(package_id));
        }
        if !declared {
            return view(store, &r, latest); // "no conflict" is already on record
        }
    }
    let statement = check_statement(declared, statement)?;
    let sheet = Sheet { conflict_of_interest: Conflict { declared, statement }, ..Sheet::default() };
    tracing::info!(package = package_id, declared, "conflict question answered");
    let saved = store.save_review(r.key(Phase::Desk), &sheet)?;
    view(store, &r, Some(saved))
}

/// Saves the form as a new revision, valid or not (a draft may be
/// incomplete), and says what still keeps it from being a valid sheet.
pub fn save_sheet(store: &mut Store, batch_id: &str, package_id: &str, input: &SheetInput) -> Result<SaveResult> {
    let r = Reviewer::load(store, Some(batch_id), package_id)?;
    let conflict = match store.latest_review(r.key(Phase::Desk))? {
        None => return Err(unanswered()),
        Some(l) if l.sheet.conflict_of_interest.declared => return Err(conflict_final(package_id)),
        // The window reopens a signed review explicitly (复议) before editing.
        Some(l) if l.signed => return Err(signed_final(package_id)),
        Some(l) => l.sheet.conflict_of_interest,
    };
    let rubric = &r.batch.rubric;
    let (sheet, unreadable) = form::to_sheet(input, conflict, rubric)?;
    let saved = store.save_review(r.key(Phase::Desk), &sheet)?;
    tracing::info!(package = package_id, revision = saved.revision, "desk sheet saved");
    Ok(SaveResult {
        revision: u32::try_from(saved.revision).unwrap_or(u32::MAX),
        saved_at: saved.saved_at,
        total: valid_total(rubric, &sheet.scores).to_string(),
        standing: form::standing(rubric, valid_total(rubric, &sheet.scores)),
        problems: form::problems(&sheet, unreadable, rubric),
    })
}

/// Records a finished sheet (the CLI's `review score`, a JSON file in the
/// form of docs/formats.md §4's `sheet`). A declared conflict is recorded
/// and then refused; an invalid sheet is refused and not saved. A site
/// visit is checked as the window checks it (`site_visit::readiness`).
pub fn record(store: &mut Store, batch_id: Option<&str>, package_id: &str, json: &[u8]) -> Result<Recorded> {
    let r = Reviewer::load(store, batch_id, package_id)?;
    let mut sheet: Sheet = serde_json::from_slice(crate::data::without_bom(json)).map_err(|e| {
        ApiError::unusable(
            ErrorCode::BadInput,
            format!("评分文件不是有效的 JSON 评分表：{}", paneldesk_core::reason::json_zh(&e)),
            format!("the score file is not a valid JSON score sheet: {e}"),
        )
    })?;
    let key = r.key(sheet.phase);
    if sheet.conflict_of_interest.declared {
        check_statement(true, &sheet.conflict_of_interest.statement)?;
        // The declaration is recorded; the scores are not.
        sheet.scores.clear();
        store.save_review(key, &sheet)?;
        return Err(ApiError::refused(
            ErrorCode::ConflictDeclared,
            format!("已记录对材料包 {package_id} 的回避声明。存在利益冲突，不能评分"),
            format!("the conflict of interest for package {package_id} is recorded; scoring is blocked"),
        ));
    }
    let problems = match sheet.phase {
        Phase::Desk => sheet.problems(&r.batch.rubric),
        Phase::SiteVisit => {
            crate::site_visit::require_no_conflict(store, &r)?;
            crate::site_visit::readiness(&sheet, &r)
        }
    };
    if !problems.is_empty() {
        let zh: Vec<&str> = problems.iter().map(|p| p.zh.as_str()).collect();
        let en: Vec<&str> = problems.iter().map(|p| p.en.as_str()).collect();
        return Err(ApiError::refused(
            ErrorCode::SheetInvalid,
            format!("评分表无效，未保存：{}。请更正后重试", zh.join("；")),
            format!("the score sheet is invalid and was not saved: {}. Correct it and retry", en.join("; ")),
        ));
    }
    // After a signed review of this phase, a new sheet is a 复议 (cli.md §7).
    let reexamination = !store.signed_history(key)?.is_empty();
    let saved = store.save_review(key, &sheet)?;
    tracing::info!(package = package_id, phase = sheet.phase.as_str(), revision = saved.revision, "sheet recorded");
    Ok(Recorded {
        package_id: r.package.package_id.clone(),
        phase: sheet.phase,
        revision: saved.revision,
        total: sheet.total().to_string(),
        reexamination,
    })
}

/// The phase's name on forms and in messages.
pub fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Desk => "会议评审",
        Phase::SiteVisit => "现场考察",
    }
}

fn view(store: &Store, r: &Reviewer, latest: Option<SavedReview>) -> Result<SheetView> {
    let rubric = &r.batch.rubric;
    let history: Vec<SignedRevisionDto> = store
        .signed_history(r.key(Phase::Desk))?
        .into_iter()
        .map(|h| SignedRevisionDto {
            revision: u32::try_from(h.revision).unwrap_or(u32::MAX),
            signed_at: h.signed_at,
            pdf_sha256: h.pdf_sha256,
            revision_reason: h.revision_reason,
        })
        .collect();
    let Some(saved) = latest else {
        return Ok(SheetView {
            rubric: rubric_dto(rubric),
            conflict: None,
            sheet: form::to_input(&Sheet::default(), rubric),
            revision: None,
            saved_at: None,
            signed: false,
            total: "0".into(),
            standing: None,
            problems: Vec::new(),
            history,
            reexamination: false,
        });
    };
    let coi = &saved.sheet.conflict_of_interest;
    Ok(SheetView {
        rubric: rubric_dto(rubric),
        conflict: Some(ConflictDto { declared: coi.declared, statement: coi.statement.clone() }),
        sheet: form::to_input(&saved.sheet, rubric),
        revision: u32::try_from(saved.revision).ok(),
        saved_at: Some(saved.saved_at.clone()),
        signed: saved.signed,
        total: valid_total(rubric, &saved.sheet.scores).to_string(),
        standing: if coi.declared { None } else { form::standing(rubric, valid_total(rubric, &saved.sheet.scores)) },
        problems: if coi.declared { Vec::new() } else { form::problems(&saved.sheet, Vec::new(), rubric) },
        reexamination: !saved.signed && !history.is_empty(),
        history,
    })
}

fn check_statement(declared: bool, statement: &str) -> Result<String> {
    let statement = statement.trim().to_string();
    if declared && statement.is_empty() {
        return Err(ApiError::refused(
            ErrorCode::ConflictStatementEmpty,
            "请说明利益冲突的情况（例如：曾在申报单位任职、参与了申报材料的编写）",
            "describe the conflict of interest (e.g. you worked for the applicant or helped write the application)",
        ));
    }
    if statement.chars().count() > MAX_STATEMENT_CHARS {
        return Err(ApiError::refused(
            ErrorCode::ConflictStatementLong,
            format!("利益冲突说明过长（最多 {MAX_STATEMENT_CHARS} 字）。请精简"),
            format!("the statement is too long (at most {MAX_STATEMENT_CHARS} characters). Shorten it"),
        ));
    }
    Ok(statement)
}

pub(crate) fn unanswered() -> ApiError {
    ApiError::refused(
        ErrorCode::ConflictUnanswered,
        "评分前请先回答是否存在利益冲突",
        "answer the conflict-of-interest question before scoring",
    )
}

fn signed_final(package_id: &str) -> ApiError {
    ApiError::refused(
        ErrorCode::ReviewSigned,
        format!("材料包 {package_id} 的评审意见已签署，不能直接修改。如专家组讨论后需要更改，请点击“复议”，修改后说明理由并重新签署"),
        format!("the review of package {package_id} is signed and cannot be edited. If the panel's discussion calls for a change, choose “Revise (复议)”, change it and sign again with a reason"),
    )
}

fn conflict_final(package_id: &str) -> ApiError {
    ApiError::refused(
        ErrorCode::ConflictDeclared,
        format!("您已声明与材料包 {package_id} 存在利益冲突，已回避，不能评分。如声明有误，请联系专家组组长"),
        format!("you declared a conflict of interest with package {package_id} and are recused; scoring is blocked. If the declaration was a mistake, contact the panel chair"),
    )
}
