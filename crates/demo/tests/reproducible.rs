//! The committed rubrics and demo batches are exactly what the generator
//! produces: regenerate into a temporary directory and compare bytes.

use std::path::PathBuf;

fn assets() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets")
}

#[test]
fn generated_files_match_the_committed_assets() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let written = paneldesk_demo::generate_into(dir.path()).expect("generation succeeds");
    assert_eq!(written.len(), 5, "{written:?}");
    for (rel, _) in &written {
        let fresh = std::fs::read(dir.path().join(rel)).expect("generated file");
        let committed = std::fs::read(assets().join(rel))
            .unwrap_or_else(|e| panic!("assets/{rel} is missing ({e}); run `make demo`"));
        assert!(
            fresh == committed,
            "assets/{rel} differs from the generator's output; run `make demo` and commit the result"
        );
    }
}

/// printpdf draws its "random" ids from a process-wide counter; the output
/// must not depend on how much of it earlier documents used up.
#[test]
fn a_second_run_in_the_same_process_is_identical() {
    let first = paneldesk_demo::generate().expect("first run");
    let second = paneldesk_demo::generate().expect("second run");
    assert!(first == second, "the second run differs from the first");
}

#[test]
fn expected_verdicts_cover_every_package() {
    let expected: serde_json::Value =
        serde_json::from_slice(&std::fs::read(assets().join("demo/expected.json")).expect("expected.json"))
            .expect("expected.json is JSON");
    let establishment = &expected["establishment-2026.zip"];
    let verdicts: std::collections::BTreeSet<&str> =
        establishment.as_object().expect("object").values().filter_map(|v| v.as_str()).collect();
    for v in ["eligible", "eligible_with_warnings", "needs_judgment", "ineligible"] {
        assert!(verdicts.contains(v), "no establishment package is {v}");
    }
    let acceptance: Vec<&str> =
        expected["acceptance-2026.zip"].as_object().expect("object").values().filter_map(|v| v.as_str()).collect();
    assert!(acceptance.contains(&"revoke") && acceptance.contains(&"eligible"), "{acceptance:?}");
}
