//! What `make run` offers a user who wants to act as a demo expert: the
//! demo panel's certificate files (`paneldesk-demo identities`) imported
//! with `identity import`, a review signed, and the demo chair's import
//! accepting it against the roster's certificate — while a key the expert
//! made themselves under the same id is refused, as it would be for a real
//! batch.

mod exe;

use std::path::Path;
use std::process::Output;

use paneldesk_core::batch::read_batch_file;
use paneldesk_demo::identities::P12_PASSPHRASE;
use serde_json::json;

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/establishment-2026.zip")
}

fn cli(data: &Path, args: &[&str]) -> Output {
    let out = exe::cli()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env("PANELDESK_PASSPHRASE", P12_PASSPHRASE)
        .env_remove("PANELDESK_LANG")
        .output();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Full marks with a comment on every criterion of the demo rubric.
fn sheet(dir: &Path) -> String {
    let (contents, _) = read_batch_file(&demo(), |_| {}).expect("demo batch");
    let rubric = &contents.batch.rubric;
    let scores: Vec<_> = rubric
        .criteria
        .iter()
        .map(|c| json!({"criterion": c.id, "score": c.max.to_string().parse::<f64>().expect("max"), "comment": "材料翔实"}))
        .collect();
    let sheet = json!({"phase": "desk", "conflict_of_interest": {"declared": false, "statement": ""},
        "scores": scores, "recommendation": rubric.recommendation_options[0], "opinion": "基础扎实，方案可行。",
        "site_visit": null});
    let file = dir.join("sheet.json");
    std::fs::write(&file, sheet.to_string()).expect("sheet");
    file.to_string_lossy().into_owned()
}

#[test]
fn a_demo_certificate_signs_a_review_the_demo_chair_accepts() {
    let root = tempfile::tempdir().expect("tempdir");
    let (ids, reviews, out) = (root.path().join("ids"), root.path().join("reviews"), root.path().join("out"));
    paneldesk_demo::write_identities(&ids).expect("certificate files");
    std::fs::create_dir_all(&reviews).expect("reviews");
    let (contents, _) = read_batch_file(&demo(), |_| {}).expect("demo batch");
    let package = contents.batch.packages[0].id.clone();
    let demo_path = demo().to_string_lossy().into_owned();
    let sheet = sheet(root.path());

    // 宋雅琴 (LCEXP-2026E-02) from her certificate file: profile and key.
    let expert = root.path().join("expert");
    let p12 = ids.join("LCEXP-2026E-02.p12").to_string_lossy().into_owned();
    let said = String::from_utf8_lossy(&cli(&expert, &["identity", "import", &p12]).stdout).into_owned();
    assert!(said.contains("LCEXP-2026E-02") && said.contains("宋雅琴"), "{said}");
    let imported = cli(&expert, &["batch", "import", &demo_path]);
    assert!(String::from_utf8_lossy(&imported.stdout).contains("聊城市科学技术局（演示）"));
    assert!(!String::from_utf8_lossy(&imported.stderr).contains("拒收"));
    cli(&expert, &["review", "score", "--package", &package, "--input", &sheet]);
    let signed = reviews.join("LCEXP-2026E-02.pdf").to_string_lossy().into_owned();
    let sign = cli(&expert, &["review", "sign", "--package", &package, "--out", &signed]);
    assert_eq!(String::from_utf8_lossy(&sign.stderr), "");

    // The same expert id with a key made on the spot: not the roster's.
    let stranger = root.path().join("stranger");
    let profile = ["--expert-id", "LCEXP-2026E-03", "--name", "马振宇", "--title", "正高级工程师"];
    let mut create = vec!["identity", "create"];
    create.extend(profile);
    create.extend(["--affiliation", "山东省机械设计研究院"]);
    cli(&stranger, &create);
    // Told at the import and again at signing that the chair will refuse it.
    let warned = |o: &Output| {
        let said = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(said.contains("名单为您登记的签名证书") && said.contains("组长拒收"), "{said}");
    };
    warned(&cli(&stranger, &["batch", "import", &demo_path]));
    cli(&stranger, &["review", "score", "--package", &package, "--input", &sheet]);
    let forged = reviews.join("LCEXP-2026E-03.pdf").to_string_lossy().into_owned();
    warned(&cli(&stranger, &["review", "sign", "--package", &package, "--out", &forged]));

    // The demo chair, 高立伟, consolidates without accepting new certificates.
    let chair = root.path().join("chair");
    cli(&chair, &["identity", "import", &ids.join("LCEXP-2026E-01.p12").to_string_lossy()]);
    cli(&chair, &["batch", "import", &demo_path]);
    let args = ["consolidate", "--batch", &contents.batch.id, "--reviews", &reviews.to_string_lossy()];
    let mut args = args.to_vec();
    let out_dir = out.to_string_lossy().into_owned();
    args.extend(["--out", &out_dir, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&cli(&chair, &args).stdout).expect("json");
    let row = v["packages"].as_array().expect("packages").iter().find(|p| p["id"] == package.as_str()).cloned();
    assert_eq!(row.expect("the package")["experts"], 1, "{v}");
    let rejected = v["rejected"].as_array().expect("rejected");
    assert_eq!(rejected.len(), 1, "{v}");
    assert_eq!(rejected[0]["file"], "LCEXP-2026E-03.pdf");
    assert!(rejected[0]["reason"].as_str().unwrap_or("").contains("证书"), "{v}");
}
