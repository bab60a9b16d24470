//! `consensus cosign OPINION.pdf --out FILE.pdf`: a panel member co-signs
//! the chair's 专家组意见 (cli.md §7). Whether they may is decided in
//! paneldesk_api::cosign, as for the window.

use std::path::Path;

use paneldesk_api::{cosign, data as api_data, verify};
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::data;
use crate::failure::Failure;
use crate::table::clean;

pub fn cosign(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let input = args.required("专家组意见 PDF 文件", "the panel opinion PDF")?;
    let out = args.value("--out")?.ok_or_else(|| {
        Failure::usage(Msg::new(
            "缺少选项 --out。运行 paneldesk-cli help 查看用法",
            "missing option --out. Run paneldesk-cli help for usage",
        ))
    })?;
    args.finish()?;
    let store = data::open(data_dir)?;
    let bytes = api_data::read_file(Path::new(&input), verify::MAX_PDF_BYTES, "PDF")?;
    let done = cosign::cosign(&store, &bytes, || crate::passphrase::read("签名口令", "signing passphrase"))?;
    crate::data::replacing(&out, || api_data::write_file(Path::new(&out), &done.bytes), lang)?;
    let missing = if done.missing.is_empty() { "—".to_string() } else { done.missing.join(", ") };
    let m = Msg::new(
        format!("已会签材料包 {} 的专家组意见：{out}。尚未签名的成员：{missing}", done.package_id),
        format!("co-signed the panel opinion of package {}: {out}. Members yet to sign: {missing}", done.package_id),
    );
    say!("{}", clean(m.get(lang)));
    Ok(())
}
