//! `review score` records an expert's score sheet for a package;
//! `review sign` renders and signs the latest one as a PDF. What may be
//! recorded and signed is decided in paneldesk_api, as for the window.

use std::path::Path;

use paneldesk_api::review::{self, phase_name};
use paneldesk_api::signing::{self, Request};
use paneldesk_api::{data as api_data, ApiError, ErrorCode};
use paneldesk_core::sheet::Phase;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::data;
use crate::failure::Failure;
use crate::table::clean;

pub fn score(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let package_id = args.value("--package")?.ok_or_else(|| missing("--package"))?;
    let input = args.value("--input")?.ok_or_else(|| missing("--input"))?;
    let batch_id = args.value("--batch")?;
    args.finish()?;
    let mut store = data::open(data_dir)?;
    let json = std::fs::read(&input).map_err(|e| {
        ApiError::unusable(
            ErrorCode::NotAFile,
            format!("无法读取评分文件 {input}：{}", paneldesk_core::reason::io_zh(&e)),
            format!("cannot read the score file {input}: {e}"),
        )
    })?;
    let saved = review::record(&mut store, batch_id.as_deref(), &package_id, &json)?;
    let m = Msg::new(
        format!(
            "已保存材料包 {} 的{}评分（第 {} 版），总分 {}",
            saved.package_id,
            phase_name(saved.phase),
            saved.revision,
            saved.total
        ),
        format!(
            "saved the {} score sheet of package {} (revision {}), total {}",
            saved.phase.as_str(),
            saved.package_id,
            saved.revision,
            saved.total
        ),
    );
    say!("{}", clean(m.get(lang)));
    if saved.reexamination {
        let note = Msg::new(
            "该评审意见此前已签署：这是复议稿。签署时请用 --revision-reason 说明复议理由",
            "this review was signed before: this is a revision (复议). Sign it with --revision-reason giving the reason",
        );
        say!("{}", note.get(lang));
    }
    Ok(())
}

/// `review sign --package ID [--phase desk|site_visit] --out FILE.pdf`.
pub fn sign(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let package_id = args.value("--package")?.ok_or_else(|| missing("--package"))?;
    let out = args.value("--out")?.ok_or_else(|| missing("--out"))?;
    let phase = match args.value("--phase")? {
        None => Phase::Desk,
        Some(p) => Phase::parse(&p).ok_or_else(|| {
            Failure::usage(Msg::new(
                format!("阶段 “{p}” 无效，可用 desk 或 site_visit"),
                format!("phase \"{p}\" is invalid: use desk or site_visit"),
            ))
        })?,
    };
    let batch_id = args.value("--batch")?;
    let reason = args.value("--revision-reason")?;
    args.finish()?;
    let mut store = data::open(data_dir)?;
    let req =
        Request { package_id: &package_id, batch_id: batch_id.as_deref(), phase, revision_reason: reason.as_deref() };
    let signed = signing::sign(&mut store, req, || crate::passphrase::read("签名口令", "signing passphrase"))?;
    crate::data::replacing(&out, || api_data::write_file(Path::new(&out), &signed.bytes), lang)?;
    let m = if signed.again {
        Msg::new(
            format!("该评审意见此前已签署，已再次导出到 {out}"),
            format!("this review was signed before; exported it again to {out}"),
        )
    } else {
        Msg::new(
            format!("已签署并导出材料包 {package_id} 的{}意见：{out}", phase_name(phase)),
            format!("signed and exported the {} review of package {package_id}: {out}", phase.as_str()),
        )
    };
    say!("{}", clean(m.get(lang)));
    if let Some(w) = &signed.certificate_warning {
        let prefix = if lang == Lang::En { "note" } else { "提示" };
        note!("{prefix}：{}", clean(w.get(lang)));
    }
    Ok(())
}

fn missing(option: &str) -> Failure {
    Failure::usage(Msg::new(
        format!("缺少选项 {option}。运行 paneldesk-cli help 查看用法"),
        format!("missing option {option}. Run paneldesk-cli help for usage"),
    ))
}
