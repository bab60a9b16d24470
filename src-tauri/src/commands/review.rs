//! The expert's desk review of one package: the conflict-of-interest
//! question first, then the score sheet. Every save is a new revision in
//! the store (append-only); a declared conflict blocks scoring for good.

use paneldesk_core::batch::Batch;
use paneldesk_core::sheet::{Conflict, Phase, Sheet};
use paneldesk_store::identity::Profile;
use paneldesk_store::reviews::{ReviewKey, SavedReview};
use paneldesk_store::Store;
use tauri::State;

use crate::dto::{ConflictDto, SaveResult, SheetInput, SheetView};
use crate::error::{AppError, AppResult};
use crate::sheet_form;
use crate::state::AppState;

struct Ctx {
    me: Profile,
    batch: Batch,
    package_id: String,
}

fn ctx(store: &Store, batch_id: &str, package_id: &str) -> AppResult<Ctx> {
    let me = super::profile_of(store)?;
    let batch = super::batch_of(store, batch_id)?;
    let p = super::package_of(store, batch_id, package_id)?;
    super::require_on_panel(&batch, &me)?;
    Ok(Ctx { me, batch, package_id: p.package_id })
}

impl Ctx {
    fn key(&self) -> ReviewKey<'_> {
        ReviewKey {
            batch_id: &self.batch.id,
            package_id: &self.package_id,
            expert_id: &self.me.expert_id,
            phase: Phase::Desk,
        }
    }
}

fn view(c: &Ctx, latest: Option<SavedReview>) -> SheetView {
    let rubric = &c.batch.rubric;
    let Some(saved) = latest else {
        return SheetView {
            rubric: sheet_form::rubric_dto(rubric),
            conflict: None,
            sheet: sheet_form::empty_input(rubric),
            revision: None,
            saved_at: None,
            signed: false,
            total: "0".into(),
            problems: Vec::new(),
        };
    };
    let coi = &saved.sheet.conflict_of_interest;
    SheetView {
        rubric: sheet_form::rubric_dto(rubric),
        conflict: Some(ConflictDto { declared: coi.declared, statement: coi.statement.clone() }),
        sheet: sheet_form::to_input(&saved.sheet, rubric),
        revision: u32::try_from(saved.revision).ok(),
        saved_at: Some(saved.saved_at.clone()),
        signed: saved.signed,
        total: saved.sheet.total().to_string(),
        problems: if coi.declared { Vec::new() } else { sheet_form::problems(&saved.sheet, Vec::new(), rubric) },
    }
}

#[tauri::command]
pub fn get_sheet(state: State<'_, AppState>, batch_id: String, package_id: String) -> AppResult<SheetView> {
    let store = state.store()?;
    let c = ctx(&store, &batch_id, &package_id)?;
    let latest = store.latest_review(c.key())?;
    Ok(view(&c, latest))
}

/// Records the answer to "do you have a conflict of interest with this
/// applicant?". Yes needs a statement, clears any scores and is final.
#[tauri::command]
pub fn declare_conflict(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    declared: bool,
    statement: String,
) -> AppResult<SheetView> {
    let mut store = state.store()?;
    let c = ctx(&store, &batch_id, &package_id)?;
    let latest = store.latest_review(c.key())?;
    if let Some(l) = &latest {
        if l.sheet.conflict_of_interest.declared {
            return Err(conflict_final(&c.package_id));
        }
        if !declared {
            return Ok(view(&c, latest)); // "no conflict" is already on record
        }
    }
    let statement = statement.trim().to_string();
    if declared && statement.is_empty() {
        return Err(AppError::new(
            "conflict-statement-empty",
            "请说明利益冲突的情况（例如：曾在申报单位任职、参与了申报材料的编写）",
            "describe the conflict of interest (e.g. you worked for the applicant or helped write the application)",
        ));
    }
    if statement.chars().count() > 2000 {
        return Err(AppError::new(
            "conflict-statement-long",
            "利益冲突说明过长（最多 2000 字）。请精简",
            "the statement is too long (at most 2000 characters). Shorten it",
        ));
    }
    let sheet = Sheet { conflict_of_interest: Conflict { declared, statement }, ..Sheet::default() };
    let saved = store.save_review(c.key(), &sheet)?;
    Ok(view(&c, Some(saved)))
}

/// Saves the form as a new revision, valid or not (a draft may be
/// incomplete), and says what still keeps it from being a valid sheet.
#[tauri::command]
pub fn save_sheet(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    sheet: SheetInput,
) -> AppResult<SaveResult> {
    let mut store = state.store()?;
    let c = ctx(&store, &batch_id, &package_id)?;
    let conflict = match store.latest_review(c.key())? {
        None => {
            return Err(AppError::new(
                "conflict-unanswered",
                "评分前请先回答是否存在利益冲突",
                "answer the conflict-of-interest question before scoring",
            ))
        }
        Some(l) if l.sheet.conflict_of_interest.declared => return Err(conflict_final(&c.package_id)),
        Some(l) => l.sheet.conflict_of_interest,
    };
    let rubric = &c.batch.rubric;
    let (new_sheet, unreadable) = sheet_form::to_sheet(&sheet, conflict, rubric)?;
    let saved = store.save_review(c.key(), &new_sheet)?;
    Ok(SaveResult {
        revision: u32::try_from(saved.revision).unwrap_or(u32::MAX),
        saved_at: saved.saved_at,
        total: new_sheet.total().to_string(),
        problems: sheet_form::problems(&new_sheet, unreadable, rubric),
    })
}

fn conflict_final(package_id: &str) -> AppError {
    AppError::new(
        "conflict-declared",
        format!("您已声明与材料包 {package_id} 存在利益冲突，已回避，不能评分。如声明有误，请联系专家组组长"),
        format!("you declared a conflict of interest with package {package_id} and are recused; scoring is blocked. If the declaration was a mistake, contact the panel chair"),
    )
}
