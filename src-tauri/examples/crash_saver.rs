//! The process the crash-safety test kills (tests/crash_safety.rs): it saves
//! score sheets in a loop through the window's own `save_sheet` command, over
//! Tauri's IPC exactly as the UI's autosave calls it, and prints
//! `ACK <package> <revision> <foundation> <plan> <n>` only once the command
//! has returned Ok. Between saves it also writes a signed-PDF-sized file with
//! the store's atomic writer, so a kill can land in the middle of one.
//!
//! `crash_saver DATA_DIR BATCH_ZIP SEED`

#[allow(dead_code)] // the test batch's id only; the test writes the batch file
#[path = "../tests/support/batch.rs"]
mod batch;

use std::io::Write;
use std::path::PathBuf;

use paneldesk_app::{configure, AppState, Startup};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

const EXPERT: &str = "X02";
const PACKAGES: [&str; 3] = ["LC-2026-001", "LC-2026-002", "LC-2026-003"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, batch_zip, seed] = args.as_slice() else {
        eprintln!("用法：crash_saver DATA_DIR BATCH_ZIP SEED / usage: crash_saver DATA_DIR BATCH_ZIP SEED");
        std::process::exit(2);
    };
    let seed: u64 = seed.parse().unwrap_or(1);
    if let Err(e) = run(PathBuf::from(data), batch_zip, seed) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn run(data: PathBuf, batch_zip: &str, seed: u64) -> Result<(), String> {
    let signed_dir = data.join(paneldesk_store::paths::SIGNED_DIR);
    let state = AppState::new(Startup { data_dir: Some(data), open: None });
    let app = configure(mock_builder(), state).build(mock_context(noop_assets())).map_err(|e| e.to_string())?;
    let window =
        tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().map_err(|e| e.to_string())?;
    let call = |cmd: &str, args: Value| invoke(&window, cmd, args);

    // Each start repeats what a relaunched window does; all of it is idempotent.
    let profile = json!({"expert_id": EXPERT, "name": "张明", "title": "教授", "affiliation": "山东大学"});
    call("set_profile", json!({ "profile": profile }))?;
    call("open_batch", json!({ "path": batch_zip }))?;
    for p in PACKAGES {
        let view = call("get_sheet", pkg(p))?;
        if view["conflict"].is_null() {
            call("declare_conflict", with(pkg(p), json!({"declared": false, "statement": ""})))?;
        }
    }

    let mut out = std::io::stdout().lock();
    let mut rng = seed.max(1);
    for n in 0u64.. {
        rng = xorshift(rng);
        let p = PACKAGES[(rng % 3) as usize];
        let foundation = half_points(rng >> 8, 40);
        let plan = half_points(rng >> 24, 60);
        let sheet = json!({"sheet": {
            "scores": [
                {"criterion": "foundation", "score": foundation, "comment": format!("第{n}次保存")},
                {"criterion": "plan", "score": plan, "comment": ""}
            ],
            "recommendation": "recommend",
            "opinion": opinion(seed, n),
        }});
        let saved = call("save_sheet", with(pkg(p), sheet))?;
        let revision = saved["revision"].as_u64().ok_or("save_sheet: no revision")?;
        // Acknowledged only now: the command returned Ok, the save is committed.
        writeln!(out, "ACK {p} {revision} {foundation} {plan} {n}").map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        if n % 4 == 0 {
            write_pdf_like(&signed_dir, rng)?;
        }
    }
    Ok(())
}

/// The opinion text of save `n`: the test checks it came back exactly.
fn opinion(seed: u64, n: u64) -> String {
    format!("崩溃测试 seed {seed} 第 {n} 次保存")
}

/// A score in [0, max] in steps of 0.5, as the form sends it.
fn half_points(r: u64, max: u64) -> String {
    let halves = r % (2 * max + 1);
    if halves.is_multiple_of(2) {
        (halves / 2).to_string()
    } else {
        format!("{}.5", halves / 2)
    }
}

/// 256 KiB–1 MiB (a signed review's size) named by its SHA-256, written the way `mark_signed` keeps a signed
/// PDF: after a kill the file is either absent or whole.
fn write_pdf_like(dir: &std::path::Path, r: u64) -> Result<(), String> {
    let len = (256 << 10) + (r % (768 << 10)) as usize;
    let mut bytes = Vec::with_capacity(len);
    let mut x = r | 1;
    while bytes.len() < len {
        x = xorshift(x);
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    bytes.truncate(len);
    let sha: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    paneldesk_store::files::write_atomically(&dir.join(format!("{sha}.pdf")), &bytes).map_err(|e| e.to_string())
}

fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, String> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().map_err(|e| format!("{e}"))?,
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    let body = get_ipc_response(window, request).map_err(|e| format!("{cmd} failed: {e}"))?;
    body.deserialize::<Value>().map_err(|e| format!("{cmd}: {e}"))
}

fn pkg(id: &str) -> Value {
    json!({"batchId": batch::BATCH_ID, "packageId": id})
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Some(e)) = (base.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    base
}
