// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use paneldesk_app::{run_app, AppState, Startup};

fn main() {
    let state = AppState::new(Startup::from_args(std::env::args().skip(1)));
    if let Err(e) = run_app(tauri::Builder::default(), tauri::generate_context!(), state) {
        eprintln!("PanelDesk 无法启动：{e}。请确认已安装 WebKitGTK（libwebkit2gtk-4.1） / PanelDesk cannot start: {e}. Check that WebKitGTK (libwebkit2gtk-4.1) is installed");
        std::process::exit(1);
    }
}
