//! The expert this data folder belongs to (asked for at first start).

use paneldesk_store::identity::Profile;
use tauri::State;

use crate::dto::ProfileDto;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[tauri::command]
pub fn get_profile(state: State<'_, AppState>) -> AppResult<Option<ProfileDto>> {
    let store = state.store()?;
    Ok(store.profile()?.map(|p| ProfileDto {
        expert_id: p.expert_id,
        name: p.name,
        title: p.title,
        affiliation: p.affiliation,
    }))
}

#[tauri::command]
pub fn set_profile(state: State<'_, AppState>, profile: ProfileDto) -> AppResult<ProfileDto> {
    let p = Profile {
        expert_id: field(&profile.expert_id, "专家工号", "expert id", 64)?,
        name: field(&profile.name, "姓名", "name", 64)?,
        title: field(&profile.title, "职称", "title", 64)?,
        affiliation: field(&profile.affiliation, "工作单位", "affiliation", 200)?,
    };
    let mut store = state.store()?;
    store.set_identity(&p, None)?;
    Ok(ProfileDto { expert_id: p.expert_id, name: p.name, title: p.title, affiliation: p.affiliation })
}

/// Trimmed, non-empty, printable, and of a length a form can show.
fn field(value: &str, zh: &str, en: &str, max: usize) -> AppResult<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::new(
            "profile-field-empty",
            format!("请填写{zh}"),
            format!("the {en} is required: fill it in"),
        ));
    }
    if v.chars().count() > max || v.chars().any(char::is_control) {
        return Err(AppError::new(
            "profile-field-invalid",
            format!("{zh}过长或含有控制字符（最多 {max} 个字符）。请更正"),
            format!("the {en} is too long or has control characters (at most {max} characters). Correct it"),
        ));
    }
    Ok(v.to_string())
}
