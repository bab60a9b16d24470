//! The expert this data folder belongs to (asked for at first start).

use paneldesk_store::identity::Profile;
use serde::{Deserialize, Serialize};

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// The expert's profile as the form shows and sends it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ProfileDto {
    /// The id the bureau gave the expert (the roster's, and the certificate's serialNumber).
    pub expert_id: String,
    /// Name as printed on forms.
    pub name: String,
    /// Professional title (职称).
    pub title: String,
    /// Employer (工作单位).
    pub affiliation: String,
}

impl ProfileDto {
    /// Trimmed, non-empty, printable and of a length a form can show.
    pub fn validate(&self) -> Result<Profile> {
        Ok(Profile {
            expert_id: field(&self.expert_id, "专家工号", "expert id", 64)?,
            name: field(&self.name, "姓名", "name", 64)?,
            title: field(&self.title, "职称", "title", 64)?,
            affiliation: field(&self.affiliation, "工作单位", "affiliation", 200)?,
        })
    }
}

impl From<Profile> for ProfileDto {
    fn from(p: Profile) -> ProfileDto {
        ProfileDto { expert_id: p.expert_id, name: p.name, title: p.title, affiliation: p.affiliation }
    }
}

/// The profile on file, if any.
pub fn get(store: &Store) -> Result<Option<ProfileDto>> {
    Ok(store.profile()?.map(ProfileDto::from))
}

/// Records the profile (keeping any signing key on file).
pub fn set(store: &mut Store, profile: &ProfileDto) -> Result<ProfileDto> {
    let p = profile.validate()?;
    tracing::info!(expert = %p.expert_id, "profile saved");
    store.set_identity(&p, None)?;
    Ok(p.into())
}

/// The profile, or the error every expert command gives without one.
pub fn require(store: &Store) -> Result<Profile> {
    store.profile()?.ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::NoProfile,
            "尚未填写专家信息。请先在“专家信息”页面填写工号、姓名、职称和单位（命令行：identity create 或 identity profile）",
            "no expert profile yet. Fill in your expert id, name, title and affiliation first (command line: identity create or identity profile)",
        )
    })
}

fn field(value: &str, zh: &str, en: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ApiError::refused(
            ErrorCode::ProfileFieldEmpty,
            format!("请填写{zh}"),
            format!("the {en} is required: fill it in"),
        ));
    }
    if v.chars().count() > max || v.chars().any(char::is_control) {
        return Err(ApiError::refused(
            ErrorCode::ProfileFieldInvalid,
            format!("{zh}过长或含有控制字符（最多 {max} 个字符）。请更正"),
            format!("the {en} is too long or has control characters (at most {max} characters). Correct it"),
        ));
    }
    Ok(v.to_string())
}
