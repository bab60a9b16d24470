//! `review score` records an expert's score sheet for a package;
//! `review sign` renders and signs the latest one as a PDF.

use paneldesk_core::review_doc::{Expert, ReviewDoc};
use paneldesk_core::sheet::{Phase, Sheet};
use paneldesk_core::{Lang, Msg};
use paneldesk_opinion::document::signed_review;
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::ReviewContext;
use paneldesk_store::reviews::ReviewKey;

use crate::args::Args;
use crate::data;
use crate::failure::Failure;

pub fn score(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let package_id = args.value("--package")?.ok_or_else(|| missing("--package"))?;
    let input = args.value("--input")?.ok_or_else(|| missing("--input"))?;
    let batch_id = args.value("--batch")?;
    args.finish()?;

    let mut store = data::open(data_dir)?;
    let me = data::profile(&store)?;
    let package = store.find_package(&package_id, batch_id.as_deref())?.ok_or_else(|| {
        Failure::unusable(Msg::new(
            format!("找不到材料包 {package_id}。请先用 batch import 导入其评审批次"),
            format!("no package {package_id}. Import its batch first with batch import"),
        ))
    })?;
    let batch = store
        .batch(&package.batch_id)?
        .ok_or_else(|| Failure::unusable(Msg::new("评审批次记录缺失", "the batch record is missing")))?;
    let text = std::fs::read(&input).map_err(|e| {
        Failure::unusable(Msg::new(
            format!("无法读取评分文件 {input}：{e}"),
            format!("cannot read the score file {input}: {e}"),
        ))
    })?;
    let mut sheet: Sheet = serde_json::from_slice(&text).map_err(|e| {
        Failure::unusable(Msg::new(
            format!("评分文件 {input} 不是有效的 JSON 评分表：{e}"),
            format!("the score file {input} is not a valid JSON score sheet: {e}"),
        ))
    })?;
    if batch.expert(&me.expert_id).is_none() {
        return Err(Failure::refused(Msg::new(
            format!("专家 {}（{}）不在评审批次 {} 的专家组名单中，不能评分", me.name, me.expert_id, batch.id),
            format!("expert {} ({}) is not on the panel of batch {} and cannot score", me.name, me.expert_id, batch.id),
        )));
    }
    let key = ReviewKey {
        batch_id: &batch.id,
        package_id: &package.package_id,
        expert_id: &me.expert_id,
        phase: sheet.phase,
    };
    if sheet.conflict_of_interest.declared {
        // The declaration is recorded; the scores are not.
        sheet.scores.clear();
        store.save_review(key, &sheet)?;
        return Err(Failure::refused(Msg::new(
            format!("已记录对材料包 {package_id} 的回避声明。存在利益冲突，不能评分"),
            format!("the conflict of interest for package {package_id} is recorded; scoring is blocked"),
        )));
    }
    let problems = sheet.problems(&batch.rubric);
    if !problems.is_empty() {
        let zh: Vec<&str> = problems.iter().map(|p| p.zh.as_str()).collect();
        let en: Vec<&str> = problems.iter().map(|p| p.en.as_str()).collect();
        return Err(Failure::refused(Msg::new(
            format!("评分表无效，未保存：{}。请更正后重试", zh.join("；")),
            format!("the score sheet is invalid and was not saved: {}. Correct it and retry", en.join("; ")),
        )));
    }
    let saved = store.save_review(key, &sheet)?;
    let m = Msg::new(
        format!(
            "已保存材料包 {package_id} 的{}评分（第 {} 版），总分 {}",
            phase_name(sheet.phase),
            saved.revision,
            sheet.total()
        ),
        format!(
            "saved the {} score sheet of package {package_id} (revision {}), total {}",
            sheet.phase.as_str(),
            saved.revision,
            sheet.total()
        ),
    );
    println!("{}", m.get(lang));
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
    args.finish()?;

    let mut store = data::open(data_dir)?;
    let me = data::profile(&store)?;
    let keys = store.keys()?.ok_or_else(|| {
        Failure::unusable(Msg::new(
            "此数据目录还没有签名密钥。请先运行 identity create 或 identity import",
            "this data folder has no signing key. Run identity create or identity import first",
        ))
    })?;
    let package = store.find_package(&package_id, batch_id.as_deref())?.ok_or_else(|| {
        Failure::unusable(Msg::new(format!("找不到材料包 {package_id}"), format!("no package {package_id}")))
    })?;
    let batch = store
        .batch(&package.batch_id)?
        .ok_or_else(|| Failure::unusable(Msg::new("评审批次记录缺失", "the batch record is missing")))?;
    let key = ReviewKey { batch_id: &batch.id, package_id: &package.package_id, expert_id: &me.expert_id, phase };
    let saved = store.latest_review(key)?.ok_or_else(|| {
        Failure::unusable(Msg::new(
            format!("材料包 {package_id} 还没有{}评分记录。请先运行 review score", phase_name(phase)),
            format!("no {} score sheet for package {package_id} yet. Run review score first", phase.as_str()),
        ))
    })?;
    if saved.signed {
        // Signed is final: hand out the same signed file again.
        let stored = store
            .signed_pdf(key)?
            .ok_or_else(|| Failure::unusable(Msg::new("已签署的文件缺失", "the signed file is missing")))?;
        let bytes = std::fs::read(&stored).map_err(|e| {
            Failure::unusable(Msg::new(
                format!("无法读取已签署的文件：{e}"),
                format!("cannot read the signed file: {e}"),
            ))
        })?;
        write_out(&out, &bytes)?;
        println!(
            "{}",
            Msg::new(
                format!("该评审意见此前已签署，已再次导出到 {out}"),
                format!("this review was signed before; exported it again to {out}")
            )
            .get(lang)
        );
        return Ok(());
    }
    // A declared conflict is signed as it stands: the signed 回避声明 is the
    // expert's statement; the chair's import sets it aside.
    let problems =
        if saved.sheet.conflict_of_interest.declared { Vec::new() } else { saved.sheet.problems(&batch.rubric) };
    if let Some(p) = problems.first() {
        return Err(Failure::refused(Msg::new(
            format!("评分表无效，不能签署：{}", p.zh),
            format!("the score sheet is invalid and cannot be signed: {}", p.en),
        )));
    }
    let passphrase = crate::passphrase::read("签名口令", "signing passphrase")?;
    let identity = Identity::unlock(&keys.encrypted_key, &keys.certificate, &passphrase)?;
    let expert = Expert {
        expert_id: me.expert_id.clone(),
        name: me.name.clone(),
        title: me.title.clone(),
        affiliation: me.affiliation.clone(),
        certificate_sha256: keys.certificate_sha256.clone(),
    };
    let now = chrono::Local::now().fixed_offset();
    let doc = ReviewDoc::from_sheet(
        &batch,
        &package.package_id,
        &package.sha256,
        expert,
        &saved.sheet,
        now,
        env!("CARGO_PKG_VERSION"),
    );
    let ctx = ReviewContext { batch: &batch, manifest: &package.manifest, signature_png: None };
    let signed = signed_review(&doc, &ctx, &identity)?;
    write_out(&out, &signed.bytes)?;
    store.mark_signed(saved.id, &signed.bytes, &signed.json_sha256)?;
    let m = Msg::new(
        format!("已签署并导出材料包 {package_id} 的{}意见：{out}", phase_name(phase)),
        format!("signed and exported the {} review of package {package_id}: {out}", phase.as_str()),
    );
    println!("{}", m.get(lang));
    Ok(())
}

fn write_out(out: &str, bytes: &[u8]) -> Result<(), Failure> {
    paneldesk_store::files::write_atomically(std::path::Path::new(out), bytes).map_err(Failure::from)
}

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Desk => "会议评审",
        Phase::SiteVisit => "现场考察",
    }
}

fn missing(option: &str) -> Failure {
    Failure::usage(Msg::new(
        format!("缺少选项 {option}。运行 paneldesk-cli help 查看用法"),
        format!("missing option {option}. Run paneldesk-cli help for usage"),
    ))
}
