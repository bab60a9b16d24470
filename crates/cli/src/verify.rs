//! `verify FILE.pdf [--json]`: a signed review or panel opinion, checked as
//! the chair's import checks it (cli.md).

use paneldesk_core::{Lang, Msg};
use paneldesk_opinion::document::check_document;

use crate::args::Args;
use crate::failure::Failure;

pub fn run(args: &mut Args, lang: Lang) -> Result<(), Failure> {
    let json = args.flag("--json");
    let path = args.required("PDF 文件路径", "the PDF file")?;
    args.finish()?;
    let bytes = std::fs::read(&path).map_err(|e| {
        Failure::unusable(Msg::new(format!("无法读取 {path}：{e}"), format!("cannot read {path}: {e}")))
    })?;
    let checked = check_document(&bytes).map_err(|e| Failure::unusable(e.message))?;
    let signer = checked.verification.signer();
    let problems: Vec<&str> = checked.problems.iter().map(|p| p.get(lang)).collect();
    if json {
        let signer = signer.map(|s| {
            serde_json::json!({"expert_id": s.expert_id(), "name": s.name(), "certificate_sha256": s.certificate_sha256})
        });
        println!(
            "{}",
            serde_json::json!({"valid": checked.valid(), "kind": checked.kind, "signer": signer, "problems": problems})
        );
    } else if checked.valid() {
        let who =
            signer.map(|s| format!("{} {}", s.expert_id().unwrap_or("-"), s.name().unwrap_or("-"))).unwrap_or_default();
        let kind = checked.kind.as_deref().unwrap_or("-");
        let m = Msg::new(
            format!("签名有效，覆盖整个文件：{kind}，签署人 {who}"),
            format!("valid signature covering the whole file: {kind}, signed by {who}"),
        );
        println!("{}", m.get(lang));
    } else {
        for p in &problems {
            println!("- {p}");
        }
    }
    if checked.valid() {
        return Ok(());
    }
    let zh: Vec<&str> = checked.problems.iter().map(|p| p.zh.as_str()).collect();
    let en: Vec<&str> = checked.problems.iter().map(|p| p.en.as_str()).collect();
    Err(Failure::refused(Msg::new(
        format!("文件未通过校验：{}。请向签署人索取原始文件", zh.join("；")),
        format!("the file does not verify: {}. Ask the signer for the original file", en.join("; ")),
    )))
}
