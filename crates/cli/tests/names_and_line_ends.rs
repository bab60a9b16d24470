//! Files as a Windows user has them, through the expert's whole flow:
//! folders and files named in Chinese with spaces, a score sheet and an
//! opinions file saved by Notepad (UTF-8 byte-order mark, CR LF line ends),
//! and signed reviews changed after signing, which never verify.
//! Under wine (exe/mod.rs) every one of these paths is also given with a
//! drive letter and backslashes.

mod exe;

use std::path::Path;
use std::process::Output;

use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use serde_json::{json, Value};

const PASS: &str = "correct horse battery staple";

fn run(data: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    exe::cli()
        .data_dir(data)
        .args(args.iter().map(|a| a.as_ref()))
        .env("PANELDESK_PASSPHRASE", PASS)
        .env_remove("PANELDESK_LANG")
        .output()
}

fn ok(data: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let out = run(data, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// What Notepad writes: a byte-order mark, then CR LF between lines.
fn notepad(path: &Path, v: &Value) {
    let text = serde_json::to_string_pretty(v).expect("json").replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(path, bytes).expect("write");
}

/// A signed review changed after signing: a byte inside the signed range,
/// bytes added after its end, the file cut short. None verifies.
fn tampered_copies_do_not_verify(data: &Path, pdf: &Path) {
    let bytes = std::fs::read(pdf).expect("read");
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 3] ^= 0x01;
    let mut appended = bytes.clone();
    appended.extend_from_slice(b"\n% added after signing\n");
    let variants =
        [("一字节被改.pdf", flipped), ("追加内容.pdf", appended), ("被截断.pdf", bytes[..bytes.len() / 2].to_vec())];
    for (name, changed) in variants {
        let copy = pdf.with_file_name(name);
        std::fs::write(&copy, changed).expect("write");
        let out = run(data, &[&"verify", &copy, &"--json"]);
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{name}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stdout)
        );
        std::fs::remove_file(&copy).expect("remove");
    }
}

#[test]
fn chinese_names_and_notepad_files_through_the_expert_and_chair_flow() {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("评审材料 2026");
    let inbox = root.path().join("收到的意见表");
    for d in [&folder, &inbox] {
        std::fs::create_dir_all(d).expect("folder");
    }
    let (_, bytes) = fixture::batch_zip("B-2026", Kind::Establishment, vec![fixture::establishment("P-1")], 3);
    let batch = folder.join("评审批次（第一批）.zip");
    std::fs::write(&batch, bytes).expect("batch");

    for (id, foundation) in [("X01", 30), ("X02", 32), ("X03", 34)] {
        let data = root.path().join("专家 数据").join(id);
        ok(
            &data,
            &[
                &"identity",
                &"create",
                &"--expert-id",
                &id,
                &"--name",
                &"张明",
                &"--title",
                &"教授",
                &"--affiliation",
                &"山东大学",
            ],
        );
        ok(&data, &[&"batch", &"import", &batch]);
        let sheet = folder.join(format!("评分表 {id}.json"));
        notepad(
            &sheet,
            &json!({"conflict_of_interest": {"declared": false, "statement": ""},
                "scores": [{"criterion": "foundation", "score": foundation, "comment": "依托单位\r\n条件扎实"},
                           {"criterion": "plan", "score": 50, "comment": ""}],
                "recommendation": "recommend", "opinion": "基础扎实，方案可行。"}),
        );
        ok(&data, &[&"review", &"score", &"--package", &"P-1", &"--input", &sheet]);
        let pdf = inbox.join(format!("{id} 专家评审意见表.pdf"));
        ok(&data, &[&"review", &"sign", &"--package", &"P-1", &"--out", &pdf]);
        let v: Value = serde_json::from_slice(&ok(&data, &[&"verify", &pdf, &"--json"]).stdout).expect("json");
        assert_eq!((v["kind"].as_str(), v["signer"]["expert_id"].as_str()), (Some("tic-review/1"), Some(id)));
        ok(&data, &[&"verify-audit"]);
        tampered_copies_do_not_verify(&data, &pdf);
    }

    let chair = root.path().join("专家 数据").join("X01");
    let opinions = folder.join("专家组意见.json");
    notepad(&opinions, &json!({"P-1": {"opinion": "专家组同意推荐。\r\n建议加强产学研合作。", "flag_reasons": []}}));
    let out_dir = root.path().join("汇总 结果");
    let out = ok(
        &chair,
        &[
            &"consolidate",
            &"--batch",
            &"B-2026",
            &"--reviews",
            &inbox,
            &"--out",
            &out_dir,
            &"--opinions",
            &opinions,
            &"--accept-new-certificates",
            &"--json",
        ],
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let p1 = &v["packages"][0];
    assert_eq!(
        (p1["experts"].as_u64(), p1["aggregate"].as_f64(), p1["signed"].as_bool()),
        (Some(3), Some(82.0), Some(true)),
        "{v:#}"
    );
    for f in ["P-1.pdf", "ranking.pdf", "ranking.xlsx", "ranking.csv"] {
        assert!(out_dir.join(f).is_file(), "{f}");
    }
    let v: Value =
        serde_json::from_slice(&ok(&chair, &[&"verify", &out_dir.join("P-1.pdf"), &"--json"]).stdout).expect("json");
    assert_eq!(v["kind"], "tic-consensus/1");
}
