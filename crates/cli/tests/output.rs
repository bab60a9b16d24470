//! What reaches the terminal: a reader that closes the pipe early ends the
//! command quietly (no panic), and control characters in package text are
//! never printed raw.

mod exe;

use std::process::Stdio;

use paneldesk_core::fixture;
use paneldesk_core::package::builder::PackageBuilder;

fn package(dir: &std::path::Path, center: &str) -> String {
    let mut m = fixture::establishment("P-OUT");
    m.center.name = center.into();
    let docs = m.documents.clone();
    let mut b = PackageBuilder::new(m);
    for d in docs {
        b.add_document(&d.path, &d.title, d.kind, format!("%PDF-1.7 {}", d.title).into_bytes());
    }
    let path = dir.join("p.zip");
    std::fs::write(&path, b.to_bytes()).expect("write package");
    path.to_string_lossy().into_owned()
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = package(dir.path(), "聊城市高端轴承技术创新中心");
    for args in [vec!["check", &file], vec!["check", &file, "--json"], vec!["help"]] {
        let mut child = exe::cli().args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
        // The reader goes away before the command writes a byte.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked") && !err.contains("failed printing"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn control_characters_in_package_text_are_not_printed_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = package(dir.path(), "中心\u{1b}[2J\u{7}名称");
    let out = exe::cli().args(["check", &file]).output();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("中心") && text.contains("名称"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
}
