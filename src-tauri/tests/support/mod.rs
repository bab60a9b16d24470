//! Harness for command tests: the real command path (IPC, ACL, state)
//! through Tauri's mock runtime, without a display.

#![allow(dead_code)]

pub mod batch;
pub mod signing;

use paneldesk_app::{configure, AppState, Startup};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow};

pub struct Harness {
    pub dir: tempfile::TempDir,
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
}

impl Harness {
    /// A fresh data folder (or `reuse` an earlier one: a restart).
    pub fn start(reuse: Option<tempfile::TempDir>) -> Harness {
        let dir = reuse.unwrap_or_else(|| tempfile::tempdir().expect("tempdir"));
        let state = AppState::new(Startup { data_dir: Some(dir.path().join("data")), open: None });
        let app = configure(mock_builder(), state).build(mock_context(noop_assets())).expect("build app");
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
        Harness { dir, app, window }
    }

    pub fn raw(&self, cmd: &str, args: Value) -> Result<InvokeResponseBody, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                // The mock webview's origin must be the app's own on Linux.
                url: "tauri://localhost".parse().expect("url"),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
    }

    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.raw(cmd, args).map(|b| b.deserialize::<Value>().expect("json response"))
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    /// The error's code; asserts it carries both languages.
    pub fn err(&self, cmd: &str, args: Value) -> String {
        let e = self.call(cmd, args).err().unwrap_or_else(|| panic!("{cmd} should fail"));
        let zh = e["message"]["zh"].as_str().unwrap_or_default();
        let en = e["message"]["en"].as_str().unwrap_or_default();
        assert!(!zh.is_empty() && !en.is_empty(), "bilingual message: {e}");
        e["code"].as_str().unwrap_or_default().to_string()
    }

    pub fn set_profile(&self, expert_id: &str) {
        let p = json!({"expert_id": expert_id, "name": "张明", "title": "教授", "affiliation": "山东大学"});
        self.ok("set_profile", json!({ "profile": p }));
    }

    /// Writes the test batch next to the data folder and opens it.
    pub fn open_test_batch(&self) -> Value {
        let file = self.dir.path().join("batch.zip");
        std::fs::write(&file, batch::batch_zip()).expect("write batch");
        self.ok("open_batch", json!({"path": file.to_string_lossy()}))
    }

    pub fn into_dir(self) -> tempfile::TempDir {
        self.dir
    }
}

pub fn pkg(id: &str) -> Value {
    json!({"batchId": batch::BATCH_ID, "packageId": id})
}

pub fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    base
}
