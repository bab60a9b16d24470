//! `consolidate --batch ID --reviews DIR --out DIR [--opinions FILE] [--json]`:
//! the chair's import, aggregation, signed 专家组意见 and the ranking.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paneldesk_api::chair::{self, ChairError, ImportReport, Panel, Rejection};
use paneldesk_core::consensus_doc::{draft_opinion, signing_blockers};
use paneldesk_core::consolidate::PackageResult;
use paneldesk_core::{Lang, Msg};
use serde::Deserialize;

use crate::args::Args;
use crate::data;
use crate::failure::Failure;

#[derive(Deserialize, Default)]
struct PanelOpinion {
    #[serde(default)]
    opinion: Option<String>,
    #[serde(default)]
    flag_reasons: Vec<String>,
}

fn unusable(zh: String, en: String) -> Failure {
    Failure::unusable(Msg::new(zh, en))
}

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
    args.finish()?;

    let mut store = data::open(data_dir)?;
    let (batch, me) = chair::chair_batch(&store, &batch_id).map_err(failure)?;
    if store.keys()?.is_none() {
        return Err(unusable("此数据目录还没有签名密钥".into(), "this data folder has no signing key".into()));
    }
    let opinions: BTreeMap<String, PanelOpinion> = match &opinions_file {
        None => BTreeMap::new(),
        Some(f) => {
            let text = std::fs::read(f)
                .map_err(|e| unusable(format!("无法读取 {f}：{e}"), format!("cannot read {f}: {e}")))?;
            serde_json::from_slice(&text).map_err(|e| {
                unusable(format!("{f} 不是有效的意见文件：{e}"), format!("{f} is not a valid opinions file: {e}"))
            })?
        }
    };

    // Every regular file in the folder, verified in parallel, kept in the
    // store when accepted; the batch is consolidated from what counts there.
    let files = chair::files_in_folder(&reviews_dir).map_err(failure)?;
    let report = chair::import_files(&mut store, &batch, &files, &|_| {}).map_err(failure)?;
    let panel = chair::consolidate_batch(&store, &batch).map_err(failure)?;

    std::fs::create_dir_all(&out_dir)
        .map_err(|e| unusable(format!("无法创建输出目录：{e}"), format!("cannot create the output folder: {e}")))?;
    let passphrase = crate::passphrase::read("组长签名口令", "the chair's signing passphrase")?;
    let identity = chair::unlock_chair(&store, &passphrase).map_err(failure)?;
    let chair_name = chair::chair_of(&me, &identity);
    let now = chrono::Local::now().fixed_offset();

    let mut signed = BTreeMap::new();
    let mut unsigned_for_flags = Vec::new();
    let mut requests = Vec::new();
    for r in &panel.results {
        let given = opinions.get(&r.package_id);
        let reasons = given.map(|o| o.flag_reasons.clone()).unwrap_or_default();
        signed.insert(r.package_id.clone(), false);
        if !signing_blockers(r, &reasons).is_empty() {
            if !r.flags.is_empty() && r.total.is_some() {
                unsigned_for_flags.push(r.package_id.clone());
            }
            continue;
        }
        let opinion =
            given.and_then(|o| o.opinion.clone()).unwrap_or_else(|| draft_opinion(&panel.accepted, &r.package_id));
        requests.push(chair::Request { package_id: r.package_id.clone(), opinion, reasons });
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    // Each PDF is written out as soon as it is signed and recorded.
    let mut write_failure = None;
    let outcome = chair::sign_packages(
        &mut store,
        &panel,
        &requests,
        &identity,
        &chair_name,
        now,
        threads,
        &mut |pdf| match write(&out_dir.join(format!("{}.pdf", pdf.package_id)), &pdf.pdf) {
            Ok(()) => {
                signed.insert(pdf.package_id, true);
                Ok(())
            }
            Err(e) => {
                write_failure = Some(e);
                Err(ChairError::unusable("write", "写入输出目录失败", "writing to the output folder failed"))
            }
        },
    );
    if let Some(e) = write_failure {
        return Err(e);
    }
    outcome.map_err(failure)?;
    for (name, bytes) in chair::ranking_files(&panel, now).map_err(failure)? {
        write(&out_dir.join(name), &bytes)?;
    }

    let summary = summary_json(&panel, &signed, &report, lang);
    if json {
        println!("{summary}");
    } else {
        print_human(&panel.results, &signed, &report.rejected, lang);
    }
    if unsigned_for_flags.is_empty() {
        return Ok(());
    }
    Err(Failure::refused(Msg::new(
        format!(
            "以下材料包有分歧提示尚未说明理由，未签署：{}。请在 --opinions 文件中为每个提示填写理由",
            unsigned_for_flags.join("、")
        ),
        format!(
            "not signed, a flag has no reason: {}. Give a reason for each flag in the --opinions file",
            unsigned_for_flags.join(", ")
        ),
    )))
}

fn failure(e: ChairError) -> Failure {
    if e.refused {
        Failure::refused(e.message)
    } else {
        Failure::unusable(e.message)
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    paneldesk_store::files::write_atomically(path, bytes).map_err(Failure::from)
}

fn summary_json(
    panel: &Panel,
    signed: &BTreeMap<String, bool>,
    report: &ImportReport,
    lang: Lang,
) -> serde_json::Value {
    let packages: Vec<_> = panel
        .results
        .iter()
        .map(|r| {
            let flags: Vec<_> = r
                .flags
                .iter()
                .map(|f| {
                    let mut v = serde_json::to_value(f).unwrap_or_default();
                    v["detail"] = paneldesk_core::consensus_doc::flag_detail(&panel.batch, f).get(lang).into();
                    v
                })
                .collect();
            serde_json::json!({
                "id": r.package_id,
                "experts": r.reviews.len(),
                "method": r.total.as_ref().map(|t| t.method.as_str()),
                "aggregate": r.total.as_ref().map(|t| t.value),
                "recommendation": r.recommendation,
                "grade": r.grade,
                "rank": r.rank,
                "signed": signed.get(&r.package_id).copied().unwrap_or(false),
                "flags": flags,
            })
        })
        .collect();
    let rejected: Vec<_> =
        report.rejected.iter().map(|r| serde_json::json!({"file": r.file, "reason": r.reason.get(lang)})).collect();
    let duplicates: Vec<_> = report.duplicates.iter().map(|f| serde_json::json!({"file": f})).collect();
    let superseded: Vec<_> = report.superseded.iter().map(|f| serde_json::json!({"file": f})).collect();
    serde_json::json!({"packages": packages, "rejected": rejected, "duplicates": duplicates, "superseded": superseded})
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
    println!("{}", crate::table::render(&header, &rows));
    for r in rejected {
        println!("✗ {}: {}", r.file, r.reason.get(lang));
    }
}
