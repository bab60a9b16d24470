//! A bare Tauri v2 window showing one static page: what PanelDesk's start is
//! measured against. Arguments are ignored, so scripts/bench/app_start.sh
//! runs it exactly as it runs PanelDesk.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default().run(tauri::generate_context!()).expect("the anchor window starts");
}
