//! The bundled demo batches: every package, taken out of its batch and
//! checked with `paneldesk-cli check`, gets the verdict its generator meant.

mod exe;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

fn demo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo")
}

fn expected() -> BTreeMap<String, BTreeMap<String, String>> {
    let text = std::fs::read_to_string(demo_dir().join("expected.json")).expect("assets/demo/expected.json");
    serde_json::from_str(&text).expect("expected.json")
}

fn cli(args: &[&str]) -> serde_json::Value {
    let out = exe::cli().args(args).output();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn every_demo_package_gets_its_intended_verdict() {
    let all = expected();
    assert_eq!(all.len(), 2, "an establishment and an acceptance batch");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut verdicts_seen = std::collections::BTreeSet::new();
    for (batch_file, packages) in &all {
        let batch_path = demo_dir().join(batch_file);
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&batch_path).expect("batch")).expect("zip");
        for (id, verdict) in packages {
            let mut bytes = Vec::new();
            zip.by_name(&format!("packages/{id}.zip"))
                .expect("package in batch")
                .read_to_end(&mut bytes)
                .expect("read");
            let path = dir.path().join(format!("{id}.zip"));
            std::fs::write(&path, bytes).expect("write");
            let v = cli(&["check", path.to_str().expect("path"), "--json"]);
            assert_eq!(v["package_id"], id.as_str());
            assert_eq!(v["verdict"], verdict.as_str(), "{id}: {v:#}");
            verdicts_seen.insert(verdict.clone());
        }
        // The batch as a whole gives the same verdicts.
        let b = cli(&["batch", "check", batch_path.to_str().expect("path"), "--json"]);
        let listed: BTreeMap<String, String> = b["packages"]
            .as_array()
            .expect("packages")
            .iter()
            .map(|p| {
                (p["id"].as_str().unwrap_or("").to_string(), p["review"]["verdict"].as_str().unwrap_or("").to_string())
            })
            .collect();
        assert_eq!(&listed, packages);
    }
    for v in ["eligible", "eligible_with_warnings", "needs_judgment", "ineligible", "revoke"] {
        assert!(verdicts_seen.contains(v), "the demo shows {v}");
    }
}
