use std::path::Path;

/// Shown when the app is compiled before the UI was built (e.g. by
/// `cargo test --workspace` on a fresh clone): the window then says how to
/// build the UI instead of the build failing on a missing ui/dist.
const UNBUILT_UI: &str = r#"<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>PanelDesk</title>
<body style="font-family:sans-serif;padding:2em"><h1>界面尚未构建 / The UI has not been built</h1>
<p>请在项目根目录运行 <code>make app-build</code> 后重新编译。</p>
<p>Run <code>make app-build</code> in the project folder, then build again.</p></body></html>
"#;

fn main() {
    let dist = Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        // Only ever writes inside ui/dist, which is a build output.
        if let Err(e) = std::fs::create_dir_all(dist).and_then(|_| std::fs::write(dist.join("index.html"), UNBUILT_UI))
        {
            println!("cargo:warning=cannot write a placeholder ui/dist: {e}");
        }
    }
    tauri_build::build()
}
