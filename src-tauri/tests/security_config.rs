//! The window's security settings (docs/security.md): a strict CSP, no
//! remote content, and capabilities that grant no file-system, shell,
//! network or process access to the webview. A change that loosens any of
//! these fails here and has to be argued for in docs/security.md.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_csp_allows_nothing_remote_inline_or_evaluated() {
    let conf = json(&root().join("tauri.conf.json"));
    let security = &conf["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    assert!(security.get("dangerousDisableAssetCspModification").is_none());
    let csp = security["csp"].as_object().expect("the CSP is set, as directives");
    for directive in ["default-src", "script-src", "style-src", "object-src", "base-uri", "frame-src"] {
        assert!(csp.contains_key(directive), "{directive} is set");
    }
    for (directive, value) in csp {
        let value = value.as_str().expect("directive text");
        for source in value.split_whitespace() {
            let allowed = matches!(source, "'self'" | "'none'" | "data:" | "blob:" | "ipc:" | "http://ipc.localhost");
            assert!(allowed, "{directive} allows {source}: no remote origins, wildcards, inline or eval");
        }
    }
    assert_eq!(csp["script-src"], "'self'", "scripts only from the bundle");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(conf["app"]["withGlobalTauri"], false, "no window.__TAURI__ for injected scripts");
}

#[test]
fn capabilities_grant_no_file_shell_network_or_process_access() {
    let dir = root().join("capabilities");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("capabilities dir").flatten() {
        let cap = json(&entry.path());
        seen += 1;
        assert!(cap.get("remote").is_none(), "{:?}: no remote URL may call the app's commands", entry.path());
        assert_eq!(cap["local"], true);
        for p in cap["permissions"].as_array().expect("permissions") {
            let id = p.as_str().or_else(|| p["identifier"].as_str()).expect("permission id");
            let broad = ["fs:", "shell:", "http:", "opener:", "process:", "updater:", "core:webview:", "core:default"]
                .iter()
                .any(|prefix| id.starts_with(prefix))
                || id.ends_with(":default")
                || id.contains("allow-all");
            assert!(!broad, "{id} is broader than the window needs; argue for it in docs/security.md first");
        }
    }
    assert!(seen > 0, "at least the main window's capability");
}

/// The UI loads nothing from the network: fonts, the pdf.js worker and all
/// scripts are bundled. Only generated-file headers and XML namespaces may
/// mention a URL.
#[test]
fn the_ui_sources_reference_no_remote_content() {
    let ui = root().join("../ui");
    let mut files = vec![ui.join("index.html")];
    let mut stack = vec![ui.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("ui dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| ["ts", "vue", "css", "html", "mjs", "js"].iter().any(|x| e == *x))
            {
                files.push(path);
            }
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let harmless = line.contains("github.com/Aleph-Alpha/ts-rs") || line.contains("www.w3.org/");
            if (line.contains("http://") || line.contains("https://")) && !harmless {
                panic!("{}:{}: remote URL in the UI: {line}", file.display(), n + 1);
            }
        }
    }
}
