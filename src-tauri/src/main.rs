// No console window on Windows release builds; harmless elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use paneldesk_app::{run_app, AppState, Startup};

// What draws the window, and what to install when it is missing.
#[cfg(windows)]
const ENGINE_ZH: &str = "请确认已安装 Microsoft Edge WebView2 运行时（Windows 10/11 自带）";
#[cfg(windows)]
const ENGINE_EN: &str = "Check that the Microsoft Edge WebView2 runtime (part of Windows 10/11) is installed";
#[cfg(not(windows))]
const ENGINE_ZH: &str = "请确认已安装 WebKitGTK（libwebkit2gtk-4.1）";
#[cfg(not(windows))]
const ENGINE_EN: &str = "Check that WebKitGTK (libwebkit2gtk-4.1) is installed";

fn main() {
    paneldesk_app::renderer::choose();
    let state = AppState::new(Startup::from_args(std::env::args().skip(1)));
    if let Err(e) = run_app(tauri::Builder::default(), tauri::generate_context!(), state) {
        let text = format!("PanelDesk 无法启动：{e}。{ENGINE_ZH}\n\nPanelDesk cannot start: {e}. {ENGINE_EN}");
        eprintln!("{text}");
        #[cfg(windows)]
        paneldesk_windows::message_box("专家评审台 PanelDesk", &text);
        std::process::exit(1);
    }
}
