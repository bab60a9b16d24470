//! `consolidate --batch ID --reviews DIR --out DIR [--opinions FILE] [--json]`:
//! the chair's import, aggregation, signed 专家组意见 and the ranking
//! (paneldesk_api::chair::consolidate).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paneldesk_api::chair::{self, Rejection};
use paneldesk_core::consolidate::PackageResult;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::data;
use crate::failure::Failure;
use crate::table::clean;

pub fn run(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let opt = |args: &mut Args, name: &str| -> Result<String, Failure> {
        args.value(name)?
            .ok_or_else(|| Failure::usage(Msg::new(format!("缺少选项 {name}"), format!("missing option {name}"))))
    };
    let batch_id = opt(args, "--batch")?;
    let reviews_dir = PathBuf::from(opt(args, "--reviews")?);
    let out_dir = PathBuf::from(opt(args, "--out")?);
    let opinions_file = args.value("--opinions")?;
    let json = args.flag("--json");
    // Without it a certificate the roster does not name is never pinned by
    // the order of the files (formats.md §6): its reviews are rejected.
    let accept = if args.flag("--accept-new-certificates") { chair::AcceptNew::All } else { chair::AcceptNew::Nothing };
    args.finish()?;

    let mut store = data::open(data_dir)?;
    let opinions = match &opinions_file {
        None => BTreeMap::new(),
        Some(f) => chair::read_opinions(Path::new(f))?,
    };
    let done = chair::consolidate(&mut store, &batch_id, &reviews_dir, &out_dir, &opinions, &accept, || {
        crate::passphrase::read("组长签名口令", "the chair's signing passphrase")
    })?;
    if json {
        say!("{}", done.summary_json(lang));
    } else {
        print_human(&done.panel.results, &done.signed, &done.report.rejected, lang);
    }
    // On stderr, so that --json stays one object.
    for (id, name) in &done.file_names {
        if *name != format!("{id}.pdf") && done.signed.get(id).copied().unwrap_or(false) {
            let m = Msg::new(
                format!("材料包 {id} 的专家组意见写为 “{name}”：{id}.pdf 会与排名文件、其他材料包或 Windows 设备名冲突"),
                format!("the panel opinion of package {id} was written as \"{name}\": {id}.pdf would clash with a ranking file, another package or a Windows device name"),
            );
            note!("{}", clean(m.get(lang)));
        }
    }
    for name in &done.replaced {
        let m = Msg::new(
            format!("已替换输出目录中原有的 {name}"),
            format!("replaced the existing {name} in the output folder"),
        );
        note!("{}", clean(m.get(lang)));
    }
    if done.unsigned_for_flags.is_empty() {
        return Ok(());
    }
    let ids = &done.unsigned_for_flags;
    Err(Failure::refused(Msg::new(
        format!(
            "以下材料包有分歧提示尚未说明理由，未签署：{}。请在 --opinions 文件中为每个提示填写理由",
            ids.join("、")
        ),
        format!(
            "not signed, a flag has no reason: {}. Give a reason for each flag in the --opinions file",
            ids.join(", ")
        ),
    )))
}

fn print_human(results: &[PackageResult], signed: &BTreeMap<String, bool>, rejected: &[Rejection], lang: Lang) {
    let header = match lang {
        Lang::Zh => ["材料包", "专家数", "综合得分", "名次", "签署"],
        Lang::En => ["package", "experts", "aggregate", "rank", "signed"],
    };
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            vec![
                r.package_id.clone(),
                r.reviews.len().to_string(),
                r.total.as_ref().map(|t| t.value.to_string()).unwrap_or_else(|| "-".into()),
                r.rank.map(|k| k.to_string()).unwrap_or_else(|| "-".into()),
                if signed.get(&r.package_id).copied().unwrap_or(false) { "✓".into() } else { "-".into() },
            ]
        })
        .collect();
    say!("{}", crate::table::render(&header, &rows));
    for r in rejected {
        say!("✗ {}: {}", crate::table::clean(&r.file), crate::table::clean(r.reason.get(lang)));
    }
}
