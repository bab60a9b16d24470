//! `verify FILE.pdf [--json]`: a signed review or panel opinion, checked as
//! the chair's import checks it (docs/cli.md).

use std::path::Path;

use paneldesk_api::verify;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::failure::Failure;

pub fn run(args: &mut Args, lang: Lang) -> Result<(), Failure> {
    let json = args.flag("--json");
    let path = args.required("PDF 文件路径", "the PDF file")?;
    args.finish()?;
    let v = verify::file(Path::new(&path))?;
    let problems: Vec<&str> = v.problems.iter().map(|p| p.get(lang)).collect();
    if json {
        let signer = v
            .certificate_sha256
            .as_ref()
            .map(|c| serde_json::json!({"expert_id": v.signer_id, "name": v.signer_name, "certificate_sha256": c}));
        let mut out = serde_json::json!({"valid": v.valid(), "kind": v.kind, "signer": signer, "problems": problems});
        if v.kind.as_deref() == Some(paneldesk_core::consensus_doc::CONSENSUS_FORMAT) {
            out["signers"] = serde_json::json!(v.signers);
            out["missing"] = serde_json::json!(v.missing);
        }
        say!("{out}");
    } else if v.valid() {
        let who = format!("{} {}", v.signer_id.as_deref().unwrap_or("-"), v.signer_name.as_deref().unwrap_or("-"));
        let kind = v.kind.as_deref().unwrap_or("-");
        let m = Msg::new(
            format!("签名有效，覆盖整个文件：{kind}，签署人 {who}"),
            format!("valid signature covering the whole file: {kind}, signed by {who}"),
        );
        say!("{}", crate::table::clean(m.get(lang)));
        for s in v.signers.iter().skip(1) {
            let line = Msg::new(
                format!("  会签：{} {}（{}）", s.expert_id, s.name, s.signed_at),
                format!("  co-signed: {} {} ({})", s.expert_id, s.name, s.signed_at),
            );
            say!("{}", crate::table::clean(line.get(lang)));
        }
        if !v.missing.is_empty() {
            let line = Msg::new(
                format!("  尚未会签：{}", v.missing.join("、")),
                format!("  yet to co-sign: {}", v.missing.join(", ")),
            );
            say!("{}", crate::table::clean(line.get(lang)));
        }
    } else {
        for p in &problems {
            say!("- {}", crate::table::clean(p));
        }
    }
    if v.valid() {
        return Ok(());
    }
    let zh: Vec<&str> = v.problems.iter().map(|p| p.zh.as_str()).collect();
    let en: Vec<&str> = v.problems.iter().map(|p| p.en.as_str()).collect();
    Err(Failure::refused(Msg::new(
        format!("文件未通过校验：{}。请向签署人索取原始文件", zh.join("；")),
        format!("the file does not verify: {}. Ask the signer for the original file", en.join("; ")),
    )))
}
