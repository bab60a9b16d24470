//! `batch check BATCH.zip [--json]`: a batch and each of its packages.

use std::path::Path;

use paneldesk_api::{batches, check};
use paneldesk_core::Lang;

use crate::args::Args;
use crate::failure::Failure;
use crate::table;

pub fn check(args: &mut Args, lang: Lang) -> Result<(), Failure> {
    let json = args.flag("--json");
    let path = args.required("评审批次文件路径", "the batch file")?;
    args.finish()?;
    let (contents, sha256) = check::batch_file(Path::new(&path))?;
    let b = &contents.batch;
    if json {
        let packages: Vec<_> = contents
            .packages
            .iter()
            .map(|p| serde_json::json!({"id": p.entry.id, "sha256": p.entry.sha256, "review": p.review.to_json(lang)}))
            .collect();
        say!(
            "{}",
            serde_json::json!({"batch_id": b.id, "kind": b.kind.as_str(), "sha256": sha256, "packages": packages})
        );
        return Ok(());
    }
    let header = match lang {
        Lang::Zh => ["材料包", "技术创新中心", "形式审查"],
        Lang::En => ["package", "centre", "formal review"],
    };
    let rows: Vec<Vec<String>> = contents
        .packages
        .iter()
        .map(|p| {
            vec![
                p.entry.id.clone(),
                p.package.manifest.center.name.clone(),
                p.review.verdict.label().get(lang).to_string(),
            ]
        })
        .collect();
    let chair = table::clean(b.chair().map(|c| c.name.as_str()).unwrap_or(""));
    let head = match lang {
        Lang::Zh => format!(
            "{}（{}）\n{} · {} · 截止 {} · 专家 {} 人（组长 {chair}）",
            table::clean(&b.title),
            table::clean(&b.id),
            table::clean(&b.organizer),
            b.kind.label().zh,
            b.deadline.format("%Y-%m-%d %H:%M"),
            b.panel.len()
        ),
        Lang::En => format!(
            "{} ({})\n{} · {} · deadline {} · {} experts (chair {chair})",
            table::clean(&b.title),
            table::clean(&b.id),
            table::clean(&b.organizer),
            b.kind.label().en,
            b.deadline.format("%Y-%m-%d %H:%M"),
            b.panel.len()
        ),
    };
    say!("{head}\n\n{}", table::render(&header, &rows));
    Ok(())
}

/// `batch import BATCH.zip`: checked as `batch check`, then copied into the
/// data folder.
pub fn import(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let path = args.required("评审批次文件路径", "the batch file")?;
    args.finish()?;
    let mut store = crate::data::open(data_dir)?;
    let done = batches::import(&mut store, Path::new(&path), |_| {})?;
    let msg = match (lang, done.newly_imported) {
        (Lang::Zh, true) => format!("已导入评审批次 {}（{}），共 {} 个材料包", done.title, done.id, done.packages),
        (Lang::Zh, false) => format!("评审批次 {}（{}）此前已导入，未作改动", done.title, done.id),
        (Lang::En, true) => format!("imported batch {} ({}) with {} packages", done.title, done.id, done.packages),
        (Lang::En, false) => format!("batch {} ({}) was already imported; nothing changed", done.title, done.id),
    };
    say!("{}", table::clean(&msg));
    Ok(())
}
