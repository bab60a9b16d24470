//! `batch check BATCH.zip [--json]`: a batch and each of its packages.

use std::path::Path;

use paneldesk_api::batches::ImportOptions;
use paneldesk_api::issuer::Trust;
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

/// `batch import BATCH.zip [--trust-organizer SHA256] [--require-signed]`:
/// who issued it is checked first (formats.md §6), then the packages as
/// `batch check`; then it is copied into the data folder.
pub fn import(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let trusted = args.value("--trust-organizer")?;
    let require_signed = args.flag("--require-signed");
    let path = args.required("评审批次文件路径", "the batch file")?;
    args.finish()?;
    let mut store = crate::data::open(data_dir)?;
    // Without --trust-organizer a new organiser is pinned on first use, and
    // the line below says so.
    let trust = trusted.as_deref().map_or(Trust::FirstUse, Trust::Confirmed);
    let done =
        batches::import(&mut store, Path::new(&path), ImportOptions { trust, require_signed, cancel: None }, |_| {})?;
    let i = &done.issuer;
    let issuer = match (&i.certificate_sha256, lang) {
        (Some(sha), Lang::Zh) => format!("签发单位 {} · 证书 {sha} · 第 {} 版", i.organizer, i.revision),
        (Some(sha), Lang::En) => format!(
            "签发单位 {} · 证书 {sha} · 第 {} 版 (issued by {}, revision {})",
            i.organizer, i.revision, i.organizer, i.revision
        ),
        (None, Lang::Zh) => format!("未签发：该批次没有签发单位的签名（{}）", i.organizer),
        (None, Lang::En) => format!("unsigned / 未签发: the batch carries no organiser signature ({})", i.organizer),
    };
    say!("{}", table::clean(&issuer));
    if done.newly_pinned {
        let m = match lang {
            Lang::Zh => format!("首次收到该单位的批次，已记住其证书（指纹 {}）。请与市科技局核对该指纹", i.fingerprint.as_deref().unwrap_or("")),
            Lang::En => format!("first batch from this organiser: its certificate is now pinned (fingerprint {}). Compare it with the bureau", i.fingerprint.as_deref().unwrap_or("")),
        };
        say!("{}", table::clean(&m));
    }
    let msg = match (lang, done.newly_imported) {
        (Lang::Zh, true) => format!("已导入评审批次 {}（{}），共 {} 个材料包", done.title, done.id, done.packages),
        (Lang::Zh, false) => format!("评审批次 {}（{}）此前已导入，未作改动", done.title, done.id),
        (Lang::En, true) => format!("imported batch {} ({}) with {} packages", done.title, done.id, done.packages),
        (Lang::En, false) => format!("batch {} ({}) was already imported; nothing changed", done.title, done.id),
    };
    say!("{}", table::clean(&msg));
    // On stderr, beside the output: the import stands; scoring (or the
    // chair's acceptance of what is signed here) will not.
    let prefix = if lang == Lang::En { "note" } else { "提示" };
    for m in done.not_on_panel.iter().chain(&done.certificate_warning) {
        note!("{prefix}：{}", table::clean(m.get(lang)));
    }
    for c in &done.changed {
        let m = match lang {
            Lang::Zh => format!(
                "材料包 {} 已更正（{} → {}），此前的评审记录转入历史，需重新评审：",
                c.package_id, c.old_sha256, c.new_sha256
            ),
            Lang::En => format!(
                "package {} was corrected ({} → {}); earlier work on it is kept as history and it is reviewed afresh:",
                c.package_id, c.old_sha256, c.new_sha256
            ),
        };
        say!("{}", table::clean(&m));
        for f in &c.facts {
            say!("  {}: {} → {}", table::clean(&f.path), table::clean(&f.old), table::clean(&f.new));
        }
    }
    if !done.withdrawn.is_empty() {
        let ids = done.withdrawn.join(", ");
        let m = match lang {
            Lang::Zh => format!("已撤出本批次的材料包（保留为历史）：{ids}"),
            Lang::En => format!("packages withdrawn from the batch (kept as history): {ids}"),
        };
        say!("{}", table::clean(&m));
    }
    Ok(())
}
