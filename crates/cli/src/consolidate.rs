//! `consolidate --batch ID --reviews DIR --out DIR [--opinions FILE] [--json]`:
//! the chair's import, aggregation, signed 专家组意见 and the ranking.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paneldesk_core::consensus_doc::draft_opinion;
use paneldesk_core::consensus_doc::{signing_blockers, Chair, ConsensusDoc};
use paneldesk_core::consolidate::{consolidate, select, Candidate, PackageResult};
use paneldesk_core::rules::Verdict;
use paneldesk_core::{Lang, Msg};
use paneldesk_opinion::document::{review_candidate, signed_consensus};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::{render_ranking, ConsensusContext};
use paneldesk_opinion::workbook;
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
    let me = data::profile(&store)?;
    let keys = store
        .keys()?
        .ok_or_else(|| unusable("此数据目录还没有签名密钥".into(), "this data folder has no signing key".into()))?;
    let batch = store.batch(&batch_id)?.ok_or_else(|| {
        unusable(
            format!("未导入评审批次 {batch_id}。请先运行 batch import"),
            format!("batch {batch_id} is not imported. Run batch import first"),
        )
    })?;
    if batch.chair().map(|c| c.expert_id.as_str()) != Some(me.expert_id.as_str()) {
        return Err(Failure::refused(Msg::new(
            format!("只有专家组组长可以汇总并签署专家组意见；{}（{}）不是本批次的组长", me.name, me.expert_id),
            format!(
                "only the panel's chair may consolidate and sign; {} ({}) is not this batch's chair",
                me.name, me.expert_id
            ),
        )));
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

    // Every regular file in the folder, verified one by one.
    let Inbox { candidates, mut rejected, pdfs } = read_reviews(&reviews_dir)?;
    let pins = store.pins(&batch.id)?;
    let selection = select(&batch, candidates, &pins);
    rejected.extend(selection.rejected.iter().cloned());
    rejected.sort_by(|a, b| a.0.cmp(&b.0));

    let mut verdicts = BTreeMap::new();
    let mut manifests = BTreeMap::new();
    for p in &batch.packages {
        let stored = store
            .find_package(&p.id, Some(&batch.id))?
            .ok_or_else(|| unusable(format!("材料包 {} 记录缺失", p.id), format!("package {} is missing", p.id)))?;
        verdicts.insert(p.id.clone(), Verdict::parse(&stored.verdict).unwrap_or(Verdict::Eligible));
        manifests.insert(p.id.clone(), stored.manifest);
    }
    let results = consolidate(&batch, &verdicts, &selection.accepted);

    std::fs::create_dir_all(&out_dir)
        .map_err(|e| unusable(format!("无法创建输出目录：{e}"), format!("cannot create the output folder: {e}")))?;
    let passphrase = crate::passphrase::read("组长签名口令", "the chair's signing passphrase")?;
    let identity = Identity::unlock(&keys.encrypted_key, &keys.certificate, &passphrase)?;
    let chair = Chair {
        expert_id: me.expert_id.clone(),
        name: me.name.clone(),
        certificate_sha256: keys.certificate_sha256.clone(),
    };
    let now = chrono::Local::now().fixed_offset();

    let mut signed = BTreeMap::new();
    let mut unsigned_for_flags = Vec::new();
    for r in &results {
        let given = opinions.get(&r.package_id);
        let reasons = given.map(|o| o.flag_reasons.clone()).unwrap_or_default();
        let blockers = signing_blockers(r, &reasons);
        if !blockers.is_empty() {
            if !r.flags.is_empty() && r.total.is_some() {
                unsigned_for_flags.push(r.package_id.clone());
            }
            signed.insert(r.package_id.clone(), false);
            continue;
        }
        let opinion =
            given.and_then(|o| o.opinion.clone()).unwrap_or_else(|| draft_opinion(&selection.accepted, &r.package_id));
        let Some(doc) =
            ConsensusDoc::build(&batch, r, &opinion, &reasons, chair.clone(), now, env!("CARGO_PKG_VERSION"))
        else {
            signed.insert(r.package_id.clone(), false);
            continue;
        };
        let attachments = attachments_for(r, &selection.accepted, &pdfs);
        let ctx = ConsensusContext { batch: &batch, manifest: &manifests[&r.package_id], result: r };
        let docs: Vec<_> =
            selection.accepted.iter().filter(|c| c.doc.package_id == r.package_id).map(|c| &c.doc).collect();
        let pdf = signed_consensus(&doc, &ctx, &docs, &attachments, &identity)?;
        write(&out_dir.join(format!("{}.pdf", r.package_id)), &pdf.bytes)?;
        signed.insert(r.package_id.clone(), true);
    }
    write(&out_dir.join("ranking.pdf"), &render_ranking(&batch, &results, &manifests, now)?)?;
    write(&out_dir.join("ranking.xlsx"), &workbook::ranking_xlsx(&batch, &results, &manifests, &selection.accepted)?)?;
    write(&out_dir.join("ranking.csv"), &workbook::csv(&workbook::ranking_rows(&batch, &results, &manifests)))?;
    store.add_pins(&batch.id, &selection.new_pins)?;

    let summary =
        summary_json(&batch, &results, &signed, &rejected, &selection.duplicates, &selection.superseded, lang);
    if json {
        println!("{summary}");
    } else {
        print_human(&results, &signed, &rejected, lang);
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

type Rejected = Vec<(String, Msg)>;

/// What the reviews folder held: candidates, files refused on sight, and
/// the bytes of each candidate by SHA-256 (to attach to the panel's PDF).
struct Inbox {
    candidates: Vec<Candidate>,
    rejected: Rejected,
    pdfs: BTreeMap<String, Vec<u8>>,
}

/// Reads the folder's regular files in name order; non-reviews are rejected.
fn read_reviews(dir: &Path) -> Result<Inbox, Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        unusable(
            format!("无法读取评审意见目录 {}：{e}", dir.display()),
            format!("cannot read the reviews folder {}: {e}", dir.display()),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.path())
        .collect();
    files.sort();
    let (mut candidates, mut rejected, mut pdfs) = (Vec::new(), Vec::new(), BTreeMap::new());
    for path in files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match std::fs::read(&path) {
            Err(e) => rejected.push((name, Msg::new(format!("无法读取：{e}"), format!("cannot be read: {e}")))),
            Ok(bytes) => match review_candidate(&name, &bytes) {
                Ok(c) => {
                    pdfs.insert(c.file_sha256.clone(), bytes);
                    candidates.push(c);
                }
                Err(why) => rejected.push((name, why)),
            },
        }
    }
    Ok(Inbox { candidates, rejected, pdfs })
}

fn attachments_for(
    r: &PackageResult,
    accepted: &[Candidate],
    pdfs: &BTreeMap<String, Vec<u8>>,
) -> Vec<(String, Vec<u8>)> {
    accepted
        .iter()
        .filter(|c| c.doc.package_id == r.package_id)
        .filter_map(|c| {
            let name = format!("reviews/{}-{}.pdf", c.doc.expert.expert_id, c.doc.phase.as_str());
            pdfs.get(&c.file_sha256).map(|b| (name, b.clone()))
        })
        .collect()
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    paneldesk_store::files::write_atomically(path, bytes).map_err(Failure::from)
}

fn summary_json(
    batch: &paneldesk_core::batch::Batch,
    results: &[PackageResult],
    signed: &BTreeMap<String, bool>,
    rejected: &Rejected,
    duplicates: &[String],
    superseded: &[Candidate],
    lang: Lang,
) -> serde_json::Value {
    let packages: Vec<_> = results
        .iter()
        .map(|r| {
            let flags: Vec<_> = r
                .flags
                .iter()
                .map(|f| {
                    let mut v = serde_json::to_value(f).unwrap_or_default();
                    v["detail"] = paneldesk_core::consensus_doc::flag_detail(batch, f).get(lang).into();
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
        rejected.iter().map(|(f, m)| serde_json::json!({"file": f, "reason": m.get(lang)})).collect();
    let duplicates: Vec<_> = duplicates.iter().map(|f| serde_json::json!({"file": f})).collect();
    let superseded: Vec<_> = superseded.iter().map(|c| serde_json::json!({"file": c.file})).collect();
    serde_json::json!({"packages": packages, "rejected": rejected, "duplicates": duplicates, "superseded": superseded})
}

fn print_human(results: &[PackageResult], signed: &BTreeMap<String, bool>, rejected: &Rejected, lang: Lang) {
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
    for (file, why) in rejected {
        println!("✗ {file}: {}", why.get(lang));
    }
}
