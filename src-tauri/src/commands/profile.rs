//! The expert this data folder belongs to (asked for at first start).

use paneldesk_api::profile::{self, ProfileDto};
use paneldesk_api::Result;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn get_profile(state: State<'_, AppState>) -> Result<Option<ProfileDto>> {
    profile::get(&*state.store()?)
}

#[tauri::command]
pub fn set_profile(state: State<'_, AppState>, profile: ProfileDto) -> Result<ProfileDto> {
    profile::set(&mut *state.store()?, &profile)
}
