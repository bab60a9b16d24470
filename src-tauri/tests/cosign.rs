//! 专家组成员签字's commands through the mock runtime: a path from the web
//! view is read only when it is a 专家组意见, so the window cannot be made
//! to hand any other file's bytes to the page.

mod support;

use serde_json::json;
use support::Harness;

#[test]
fn only_a_panel_opinion_is_handed_to_the_page() {
    let h = Harness::start(None);
    h.set_profile("X02");
    let text = h.dir.path().join("secret.txt");
    std::fs::write(&text, "not for the web view").expect("file");
    assert_eq!(h.err("cosign_pdf", json!({"path": text.to_string_lossy()})), "not-pdf");
    assert_eq!(h.err("cosign_pdf", json!({"path": "/dev/zero"})), "not-a-file");
}
