//! Site visit (现场考察): the checklist from the rubric and the package's
//! claims, verdicts and notes, photos copied into the data folder under
//! their SHA-256, and the discrepancies found. Saved like the desk sheet:
//! every save a new revision (phase site_visit); the desk conflict answer
//! applies, and a declared conflict blocks it too. What keeps it from being
//! signed (预览 / 签署并导出 in signing.rs) is decided here.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use paneldesk_core::batch::Batch;
use paneldesk_core::rubric::Rubric;
use paneldesk_core::sheet::{Phase, Sheet, SiteVisit};
use paneldesk_store::batches::StoredPackage;
use paneldesk_store::identity::Profile;
use paneldesk_store::reviews::{ReviewKey, SavedReview};
use paneldesk_store::Store;
use sha2::{Digest, Sha256};
use tauri::ipc::Response;
use tauri::State;

use crate::dto::Text;
use crate::dto_site::{PhotoDto, SiteItemPlan, SiteVisitInput, SiteVisitView};
use crate::error::{AppError, AppResult};
use crate::site_plan;
use crate::state::AppState;

pub const PHOTOS_DIR: &str = "photos";
const MAX_PHOTO_BYTES: u64 = 50 << 20;

#[tauri::command]
pub fn get_site_visit(state: State<'_, AppState>, batch_id: String, package_id: String) -> AppResult<SiteVisitView> {
    let store = state.store()?;
    let me = super::profile_of(&store)?;
    let batch = super::batch_of(&store, &batch_id)?;
    let p = super::package_of(&store, &batch_id, &package_id)?;
    super::require_on_panel(&batch, &me)?;
    let key = |phase| ReviewKey { batch_id: &batch.id, package_id: &p.package_id, expert_id: &me.expert_id, phase };
    require_no_conflict(store.latest_review(key(Phase::Desk))?.as_ref(), &p.package_id)?;
    let plan = site_plan::items(&batch, &p.manifest);
    let saved = store.latest_review(key(Phase::SiteVisit))?;
    let visit = saved.as_ref().and_then(|s| s.sheet.site_visit.as_ref());
    let items = visit.map(|v| v.items.clone()).unwrap_or_default();
    let (discrepancies, unassessed) = site_plan::discrepancies(&plan, &items);
    Ok(SiteVisitView {
        visit: SiteVisitInput {
            date: visit.map(|v| v.date.clone()).unwrap_or_default(),
            items: site_plan::to_inputs(&plan, visit),
            photos: visit.map(|v| v.photos.clone()).unwrap_or_default(),
            recommendation: saved.as_ref().map(|s| s.sheet.recommendation.clone()).unwrap_or_default(),
            opinion: saved.as_ref().map(|s| s.sheet.opinion.clone()).unwrap_or_default(),
        },
        problems: saved.as_ref().map(|s| problems(&s.sheet, &batch.rubric, &plan, today())).unwrap_or_default(),
        items: plan,
        recommendation_options: batch.rubric.recommendation_options.clone(),
        discrepancies,
        unassessed,
        revision: saved.as_ref().and_then(|s| u32::try_from(s.revision).ok()),
        saved_at: saved.as_ref().map(|s| s.saved_at.clone()),
        signed: saved.as_ref().is_some_and(|s| s.signed),
    })
}

/// Why a recorded site visit cannot be signed yet, in the order the form
/// shows its fields: what a signed record of a visit needs (the day it took
/// place, a verdict on every item of the plan, so the signed form never
/// reads 未核查), then the sheet's own problems (core: the conclusion).
pub(crate) fn problems(sheet: &Sheet, rubric: &Rubric, plan: &[SiteItemPlan], today: NaiveDate) -> Vec<Text> {
    let mut out: Vec<Text> = Vec::new();
    let visit = sheet.site_visit.as_ref();
    let date = visit.map(|v| v.date.trim()).unwrap_or_default();
    let parsed = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().filter(|_| date.len() == 10);
    match parsed {
        _ if date.is_empty() => {
            out.push(Text { zh: "请填写考察日期".into(), en: "enter the date of the visit".into() });
        }
        None => out.push(Text {
            zh: format!("考察日期 “{date}” 无效，请按 年-月-日 填写（例如 2026-06-02）"),
            en: format!("the visit date \"{date}\" is not a date: write it as YYYY-MM-DD (e.g. 2026-06-02)"),
        }),
        Some(d) if d > today => out.push(Text {
            zh: format!("考察日期 {date} 晚于今天，请填写实际考察的日期"),
            en: format!("the visit date {date} is after today: enter the day the visit took place"),
        }),
        Some(_) => {}
    }
    let items = visit.map(|v| v.items.as_slice()).unwrap_or_default();
    let (_, unassessed) = site_plan::discrepancies(plan, items);
    if unassessed > 0 {
        out.push(Text {
            zh: format!("尚有 {unassessed} 项未评定：每项须选择 符合、基本符合 或 不符合"),
            en: format!("{unassessed} item(s) without a verdict: choose meets, partly or fails for each"),
        });
    }
    out.extend(sheet.problems(rubric).into_iter().map(Text::from));
    out
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// What 预览 and 签署并导出 of the site-visit form need, checked under the
/// same store lock as the signing itself: the conflict question answered
/// without a conflict, a recorded visit and, to sign a new one, no problem
/// left. An already signed visit passes: it is exported again as it is.
pub(crate) fn check_for_signing(
    store: &Store,
    batch: &Batch,
    package: &StoredPackage,
    me: &Profile,
    to_sign: bool,
) -> AppResult<()> {
    let key =
        |phase| ReviewKey { batch_id: &batch.id, package_id: &package.package_id, expert_id: &me.expert_id, phase };
    let saved = store.latest_review(key(Phase::SiteVisit))?;
    if saved.as_ref().is_some_and(|s| s.signed) {
        return Ok(());
    }
    require_no_conflict(store.latest_review(key(Phase::Desk))?.as_ref(), &package.package_id)?;
    let Some(saved) = saved else {
        return Err(AppError::new(
            "site-visit-empty",
            "尚未记录现场考察。请先在“现场考察”中填写考察情况，保存后再预览或签署",
            "no site visit is recorded yet. Fill in the site-visit form first; it can be previewed and signed once saved",
        ));
    };
    if !to_sign {
        return Ok(());
    }
    let plan = site_plan::items(batch, &package.manifest);
    let found = problems(&saved.sheet, &batch.rubric, &plan, today());
    match found.first() {
        None => Ok(()),
        Some(p) => Err(AppError::new(
            "site-visit-incomplete",
            format!("现场考察记录尚有 {} 处问题，不能签署：{}。请补全后再签署", found.len(), p.zh),
            format!(
                "the site-visit record has {} problem(s) and cannot be signed: {}. Complete it first",
                found.len(),
                p.en
            ),
        )),
    }
}

#[tauri::command]
pub fn save_site_visit(
    state: State<'_, AppState>,
    batch_id: String,
    package_id: String,
    visit: SiteVisitInput,
) -> AppResult<SiteVisitView> {
    {
        let mut store = state.store()?;
        let me = super::profile_of(&store)?;
        let batch = super::batch_of(&store, &batch_id)?;
        let p = super::package_of(&store, &batch_id, &package_id)?;
        super::require_on_panel(&batch, &me)?;
        let key = |phase| ReviewKey { batch_id: &batch.id, package_id: &p.package_id, expert_id: &me.expert_id, phase };
        let desk = store.latest_review(key(Phase::Desk))?;
        require_no_conflict(desk.as_ref(), &p.package_id)?;
        let conflict = desk.map(|d| d.sheet.conflict_of_interest).unwrap_or_default();
        let too_long = visit.opinion.chars().count() > 20_000
            || visit.items.iter().any(|i| i.note.chars().count() > 5_000)
            || visit.date.len() > 32
            || visit.photos.len() > 500;
        if too_long {
            return Err(AppError::new(
                "site-visit-too-long",
                "考察记录过长（意见最多 20000 字，每项说明最多 5000 字，照片最多 500 张）。请精简后再保存",
                "the site-visit record is too long (opinion 20,000 characters, notes 5,000 each, 500 photos). Shorten it",
            ));
        }
        let plan = site_plan::items(&batch, &p.manifest);
        let sheet = Sheet {
            phase: Phase::SiteVisit,
            conflict_of_interest: conflict,
            scores: Vec::new(),
            recommendation: visit.recommendation.trim().to_string(),
            opinion: visit.opinion.clone(),
            site_visit: Some(SiteVisit {
                date: visit.date.trim().to_string(),
                items: site_plan::to_items(&plan, &visit.items),
                photos: visit.photos.clone(),
            }),
        };
        store.save_review(key(Phase::SiteVisit), &sheet)?;
    }
    get_site_visit(state, batch_id, package_id)
}

/// Copies a photo (JPEG or PNG) into the data folder under its SHA-256.
#[tauri::command]
pub async fn add_photo(state: State<'_, AppState>, path: String) -> AppResult<PhotoDto> {
    let dir = photos_dir(&state)?;
    tauri::async_runtime::spawn_blocking(move || copy_photo(&dir, Path::new(&path))).await.map_err(|e| {
        AppError::new(
            "internal",
            format!("照片复制中断：{e}。请重试"),
            format!("copying the photo stopped: {e}. Retry"),
        )
    })?
}

#[tauri::command]
pub fn read_photo(state: State<'_, AppState>, sha256: String) -> AppResult<Response> {
    if !paneldesk_core::manifest::is_sha256_hex(&sha256) {
        return Err(AppError::new("bad-photo-id", "照片编号无效", "not a photo id (64 lowercase hex digits)"));
    }
    let file = photos_dir(&state)?.join(format!("{sha256}.img"));
    let bytes = std::fs::read(&file).map_err(|e| {
        AppError::new(
            "photo-missing",
            format!("数据目录中找不到该照片（{e}）。请重新添加"),
            format!("the photo is not in the data folder ({e}). Add it again"),
        )
    })?;
    if hex(&Sha256::digest(&bytes)) != sha256 {
        return Err(AppError::new(
            "photo-damaged",
            "照片文件已被改动。请重新添加",
            "the photo file was changed. Add it again",
        ));
    }
    Ok(Response::new(bytes))
}

fn require_no_conflict(desk: Option<&SavedReview>, package_id: &str) -> AppResult<()> {
    match desk {
        None => Err(AppError::new(
            "conflict-unanswered",
            "现场考察前请先在“评分”中回答是否存在利益冲突",
            "answer the conflict-of-interest question (under Scoring) before the site visit",
        )),
        Some(d) if d.sheet.conflict_of_interest.declared => Err(AppError::new(
            "conflict-declared",
            format!("您已声明与材料包 {package_id} 存在利益冲突并回避，不能参加其现场考察"),
            format!(
                "you declared a conflict of interest with package {package_id} and are recused from its site visit"
            ),
        )),
        Some(_) => Ok(()),
    }
}

fn photos_dir(state: &AppState) -> AppResult<PathBuf> {
    state.data_dir().map(|d| d.join(PHOTOS_DIR)).ok_or_else(|| {
        AppError::new(
            "no-data-dir",
            "找不到应用数据目录。请用 --data-dir 指定",
            "no app-data folder. Give one with --data-dir",
        )
    })
}

fn copy_photo(dir: &Path, src: &Path) -> AppResult<PhotoDto> {
    let unreadable = |e: std::io::Error| {
        AppError::new(
            "photo-unreadable",
            format!("无法读取照片 {}：{e}。请选择 JPEG 或 PNG 照片", src.display()),
            format!("cannot read the photo {}: {e}. Choose a JPEG or PNG photo", src.display()),
        )
    };
    let file = std::fs::File::open(src).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_PHOTO_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    let is_image = bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"\x89PNG\r\n\x1a\n");
    if bytes.len() as u64 > MAX_PHOTO_BYTES || !is_image {
        return Err(AppError::new(
            "photo-invalid",
            "只能添加 50 MiB 以内的 JPEG 或 PNG 照片",
            "only JPEG or PNG photos of at most 50 MiB can be added",
        ));
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    let target = dir.join(format!("{sha256}.img"));
    if !target.exists() {
        let io = |e: std::io::Error| {
            AppError::new(
                "io",
                format!("无法把照片存入数据目录：{e}。请检查磁盘空间和权限"),
                format!("cannot store the photo in the data folder: {e}. Check disk space and permissions"),
            )
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        // Written aside then renamed: a crash never leaves half a photo under its hash.
        let tmp = dir.join(format!("{sha256}.part"));
        let mut out = std::fs::File::create(&tmp).map_err(io)?;
        out.write_all(&bytes).and_then(|_| out.sync_all()).map_err(io)?;
        std::fs::rename(&tmp, &target).map_err(io)?;
    }
    Ok(PhotoDto { sha256, size: u32::try_from(bytes.len()).unwrap_or(u32::MAX) })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
