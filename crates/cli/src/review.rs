//! `review score` records an expert's score sheet for a package;
//! `review sign` renders and signs the latest one as a PDF.

use paneldesk_api::signing::{self, phase_name};
use paneldesk_core::sheet::{Phase, Sheet};
use paneldesk_core::{Lang, Msg};
use paneldesk_store::reviews::ReviewKey;
use zeroize::Zeroizing;

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
    data::profile(&store)?;
    let req = signing::Request { package_id: &package_id, batch_id: batch_id.as_deref(), phase };
    let signed = signing::sign(&mut store, req, || {
        crate::passphrase::read("签名口令", "signing passphrase").map(Zeroizing::new)
    })?;
    write_out(&out, &signed.bytes)?;
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
    println!("{}", m.get(lang));
    Ok(())
}

impl From<signing::SigningError> for Failure {
    fn from(e: signing::SigningError) -> Failure {
        if e.refused {
            Failure::refused(e.message)
        } else {
            Failure::unusable(e.message)
        }
    }
}

fn write_out(out: &str, bytes: &[u8]) -> Result<(), Failure> {
    paneldesk_store::files::write_atomically(std::path::Path::new(out), bytes).map_err(Failure::from)
}

fn missing(option: &str) -> Failure {
    Failure::usage(Msg::new(
        format!("缺少选项 {option}。运行 paneldesk-cli help 查看用法"),
        format!("missing option {option}. Run paneldesk-cli help for usage"),
    ))
}
