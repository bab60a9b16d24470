//! `batch build --spec SPEC.json --out BATCH.zip [--unsigned]`: issuing a
//! batch signed by this data folder's organiser identity (formats.md §6).

use std::path::Path;

use paneldesk_api::organizer::batch;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::failure::Failure;
use crate::table::clean;

pub fn build(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let unsigned = args.flag("--unsigned");
    let need = |args: &mut Args, name: &str| -> Result<String, Failure> {
        args.value(name)?
            .ok_or_else(|| Failure::usage(Msg::new(format!("缺少选项 {name}"), format!("missing option {name}"))))
    };
    let spec_file = need(args, "--spec")?;
    let out = need(args, "--out")?;
    args.finish()?;
    let store = crate::data::open(data_dir)?;
    let (spec, base) = batch::read_spec(Path::new(&spec_file))?;
    let issued = crate::data::replacing(
        &out,
        || {
            batch::build(&store, &spec, &base, Path::new(&out), unsigned, || {
                crate::passphrase::read("组织方签名口令", "the organiser's signing passphrase")
            })
        },
        lang,
    )?;
    let b = &issued.batch;
    let m = match &issued.organizer_certificate_sha256 {
        Some(cert) => Msg::new(
            format!(
                "已签发评审批次 {}（{}）第 {} 版：{} 个材料包，专家 {} 人；签发单位 {}，证书 {cert}；文件 SHA-256 {}",
                b.title, b.id, b.revision(), b.packages.len(), b.panel.len(), b.organizer, issued.sha256
            ),
            format!(
                "issued batch {} ({}) revision {}: {} packages, {} experts; organiser {}, certificate {cert}; file SHA-256 {}",
                b.title, b.id, b.revision(), b.packages.len(), b.panel.len(), b.organizer, issued.sha256
            ),
        ),
        None => Msg::new(
            format!("已生成未签发的评审批次 {}（{}）：{} 个材料包；文件 SHA-256 {}", b.title, b.id, b.packages.len(), issued.sha256),
            format!("made an unsigned batch {} ({}): {} packages; file SHA-256 {}", b.title, b.id, b.packages.len(), issued.sha256),
        ),
    };
    say!("{}", clean(m.get(lang)));
    Ok(())
}
