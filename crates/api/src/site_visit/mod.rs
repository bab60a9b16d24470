//! Site visit (现场考察): the checklist from the rubric and the package's
//! claims, verdicts and notes, photos kept in the data folder under their
//! SHA-256, and the discrepancies found. Saved like the desk sheet: every
//! save a new revision (phase site_visit); the desk conflict answer applies,
//! and a declared conflict blocks it too. What keeps a visit from being
//! signed is decided here (`readiness`), for the window and the CLI alike.

mod photos;
pub(crate) mod plan;

use chrono::NaiveDate;
use paneldesk_core::sheet::{Phase, Sheet, SiteVisit};
use paneldesk_core::Msg;
use serde::{Deserialize, Serialize};

pub use photos::{add_photo, photos_dir, read_photo, PhotoDto, MAX_PHOTO_BYTES, PHOTOS_DIR};
pub use plan::{batch_for_form, items, Discrepancy, SiteItemInput, SiteItemPlan};

use crate::access::Reviewer;
use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// The site-visit form as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SiteVisitInput {
    /// YYYY-MM-DD.
    pub date: String,
    /// One per plan item.
    pub items: Vec<SiteItemInput>,
    /// SHA-256 of each photo added through `add_photo`.
    pub photos: Vec<String>,
    /// One of the rubric's recommendation options.
    pub recommendation: String,
    /// The expert's opinion.
    pub opinion: String,
}

impl SiteVisitInput {
    /// Sizes one save may carry.
    pub fn validate(&self) -> Result<()> {
        let too_long = self.opinion.chars().count() > 20_000
            || self.items.len() > 1_000
            || self.items.iter().any(|i| i.note.chars().count() > 5_000 || i.id.len() > 200)
            || self.date.len() > 32
            || self.recommendation.chars().count() > 200
            || self.photos.len() > 500;
        if too_long {
            return Err(ApiError::refused(
                ErrorCode::SiteVisitTooLong,
                "考察记录过长（意见最多 20000 字，每项说明最多 5000 字，照片最多 500 张）。请精简后再保存",
                "the site-visit record is too long (opinion 20,000 characters, notes 5,000 each, 500 photos). Shorten it",
            ));
        }
        if let Some(bad) = self.photos.iter().find(|p| !paneldesk_core::manifest::is_sha256_hex(p)) {
            return Err(photos::bad_id(bad));
        }
        Ok(())
    }
}

/// The site-visit form as the window shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct SiteVisitView {
    /// What to check.
    pub items: Vec<SiteItemPlan>,
    /// The latest revision's fields.
    pub visit: SiteVisitInput,
    /// The rubric's recommendation options.
    pub recommendation_options: Vec<String>,
    /// Items found partly or not as claimed.
    pub discrepancies: Vec<Discrepancy>,
    /// Items without a verdict yet.
    pub unassessed: u32,
    /// The latest revision's number.
    pub revision: Option<u32>,
    /// When it was saved.
    pub saved_at: Option<String>,
    /// It is signed, hence final.
    pub signed: bool,
    /// Why it cannot be signed yet; empty when it can.
    pub problems: Vec<Msg>,
}

/// This expert's site visit of the package.
pub fn get(store: &Store, batch_id: &str, package_id: &str) -> Result<SiteVisitView> {
    let r = Reviewer::load(store, Some(batch_id), package_id)?;
    require_no_conflict(store, &r)?;
    view(store, &r)
}

/// Saves the form as a new revision (complete or not).
pub fn save(store: &mut Store, batch_id: &str, package_id: &str, visit: &SiteVisitInput) -> Result<SiteVisitView> {
    visit.validate()?;
    let r = Reviewer::load(store, Some(batch_id), package_id)?;
    let conflict = require_no_conflict(store, &r)?;
    // A signed visit is final in the window; a 复议 of it goes through the
    // command line's `review score` (cli.md §7).
    if store.latest_review(r.key(Phase::SiteVisit))?.is_some_and(|l| l.signed) {
        return Err(ApiError::refused(
            ErrorCode::ReviewSigned,
            format!("材料包 {package_id} 的现场考察意见已签署，不能再修改"),
            format!("the site-visit record of package {package_id} is signed and cannot be changed"),
        ));
    }
    let plan = items(&r.batch, &r.package.manifest);
    let sheet = Sheet {
        phase: Phase::SiteVisit,
        conflict_of_interest: conflict,
        scores: Vec::new(),
        recommendation: visit.recommendation.trim().to_string(),
        opinion: visit.opinion.clone(),
        site_visit: Some(SiteVisit {
            date: visit.date.trim().to_string(),
            items: plan::to_items(&plan, &visit.items),
            photos: visit.photos.clone(),
        }),
    };
    tracing::info!(package = package_id, items = visit.items.len(), "site visit saved");
    store.save_review(r.key(Phase::SiteVisit), &sheet)?;
    view(store, &r)
}

fn view(store: &Store, r: &Reviewer) -> Result<SiteVisitView> {
    let plan = items(&r.batch, &r.package.manifest);
    let saved = store.latest_review(r.key(Phase::SiteVisit))?;
    let visit = saved.as_ref().and_then(|s| s.sheet.site_visit.as_ref());
    let found = visit.map(|v| v.items.clone()).unwrap_or_default();
    let (discrepancies, unassessed) = plan::discrepancies(&plan, &found);
    Ok(SiteVisitView {
        visit: SiteVisitInput {
            date: visit.map(|v| v.date.clone()).unwrap_or_default(),
            items: plan::to_inputs(&plan, visit),
            photos: visit.map(|v| v.photos.clone()).unwrap_or_default(),
            recommendation: saved.as_ref().map(|s| s.sheet.recommendation.clone()).unwrap_or_default(),
            opinion: saved.as_ref().map(|s| s.sheet.opinion.clone()).unwrap_or_default(),
        },
        problems: saved
            .as_ref()
            .map(|s| readiness_on(&s.sheet, &r.batch.rubric, &plan, chrono::Local::now().date_naive()))
            .unwrap_or_default(),
        items: plan,
        recommendation_options: r.batch.rubric.recommendation_options.clone(),
        discrepancies,
        unassessed,
        revision: saved.as_ref().and_then(|s| u32::try_from(s.revision).ok()),
        saved_at: saved.as_ref().map(|s| s.saved_at.clone()),
        signed: saved.as_ref().is_some_and(|s| s.signed),
    })
}

/// Why a recorded site visit cannot be signed yet, in the order the form
/// shows its fields: what a signed record of a visit needs (the day it took
/// place, not after today; a verdict on every item of the plan, so the
/// signed form never reads 未核查), then the sheet's own problems (core: the
/// conclusion).
pub fn readiness(sheet: &Sheet, r: &Reviewer) -> Vec<Msg> {
    let plan = items(&r.batch, &r.package.manifest);
    readiness_on(sheet, &r.batch.rubric, &plan, chrono::Local::now().date_naive())
}

fn readiness_on(
    sheet: &Sheet,
    rubric: &paneldesk_core::rubric::Rubric,
    plan: &[SiteItemPlan],
    today: NaiveDate,
) -> Vec<Msg> {
    let mut out = Vec::new();
    let visit = sheet.site_visit.as_ref();
    let date = visit.map(|v| v.date.trim()).unwrap_or_default();
    let parsed = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().filter(|_| date.len() == 10);
    match parsed {
        _ if date.is_empty() => out.push(Msg::new("请填写考察日期", "enter the date of the visit")),
        None => out.push(Msg::new(
            format!("考察日期 “{date}” 无效，请按 年-月-日 填写（例如 2026-06-02）"),
            format!("the visit date \"{date}\" is not a date: write it as YYYY-MM-DD (e.g. 2026-06-02)"),
        )),
        Some(d) if d > today => out.push(Msg::new(
            format!("考察日期 {date} 晚于今天，请填写实际考察的日期"),
            format!("the visit date {date} is after today: enter the day the visit took place"),
        )),
        Some(_) => {}
    }
    let found = visit.map(|v| v.items.as_slice()).unwrap_or_default();
    let (_, unassessed) = plan::discrepancies(plan, found);
    if unassessed > 0 {
        out.push(Msg::new(
            format!("尚有 {unassessed} 项未评定：每项须选择 符合、基本符合 或 不符合"),
            format!("{unassessed} item(s) without a verdict: choose meets, partly or fails for each"),
        ));
    }
    out.extend(sheet.problems(rubric));
    out
}

/// The desk review's conflict answer, which the site visit takes over:
/// refused when unanswered or when a conflict was declared.
pub(crate) fn require_no_conflict(store: &Store, r: &Reviewer) -> Result<paneldesk_core::sheet::Conflict> {
    match store.latest_review(r.key(Phase::Desk))? {
        None => Err(ApiError::refused(
            ErrorCode::ConflictUnanswered,
            "现场考察前请先在“评分”中回答是否存在利益冲突",
            "answer the conflict-of-interest question (under Scoring) before the site visit",
        )),
        Some(d) if d.sheet.conflict_of_interest.declared => {
            let id = &r.package.package_id;
            Err(ApiError::refused(
                ErrorCode::ConflictDeclared,
                format!("您已声明与材料包 {id} 存在利益冲突并回避，不能参加其现场考察"),
                format!("you declared a conflict of interest with package {id} and are recused from its site visit"),
            ))
        }
        Some(d) => Ok(d.sheet.conflict_of_interest),
    }
}

/// What previewing (`to_sign` false) or signing the site-visit form needs:
/// the conflict question answered without a conflict (checked again here:
/// the visit may have been recorded before a conflict was declared and
/// would still say "no conflict"), a recorded visit and, to sign, nothing
/// left in `readiness`. An already signed visit passes: it
/// is handed out again as it is.
pub(crate) fn check_for_signing(store: &Store, r: &Reviewer, to_sign: bool) -> Result<()> {
    let saved = store.latest_review(r.key(Phase::SiteVisit))?;
    if saved.as_ref().is_some_and(|s| s.signed) {
        return Ok(());
    }
    require_no_conflict(store, r)?;
    let Some(saved) = saved else {
        return Err(ApiError::refused(
            ErrorCode::SiteVisitEmpty,
            "尚未记录现场考察。请先在“现场考察”中填写考察情况，保存后再预览或签署",
            "no site visit is recorded yet. Fill in the site-visit form first; it can be previewed and signed once saved",
        ));
    };
    if !to_sign {
        return Ok(());
    }
    let found = readiness(&saved.sheet, r);
    match found.first() {
        None => Ok(()),
        Some(p) => Err(ApiError::refused(
            ErrorCode::SiteVisitIncomplete,
            format!("现场考察记录尚有 {} 处问题，不能签署：{}。请补全后再签署", found.len(), p.zh),
            format!(
                "the site-visit record has {} problem(s) and cannot be signed: {}. Complete it first",
                found.len(),
                p.en
            ),
        )),
    }
}

#[cfg(test)]
mod tests;
