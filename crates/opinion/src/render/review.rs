//! 专家评审意见表 (desk) and 现场考察意见表 (site visit): one expert's
//! signed opinion on one package (docs/formats.md §4).

use paneldesk_core::review_doc::ReviewDoc;
use paneldesk_core::sheet::{Phase, SiteVerdict, SiteVisit};

use super::engine::{Align, Doc, Frame, HashLine, Meta};
use super::fonts::Fonts;
use super::form::{self, chinese_date, dec, decode_png, numeral, recommendation_label, verdict_label};
use super::table::{Col, Row};
use super::{Rendered, ReviewContext};
use crate::error::OpinionError;

/// Printed at the top of every page of a preview, under its title and in
/// the signature box, so an unsigned render cannot pass for the opinion.
pub const PREVIEW_MARK: &str = "预览 · 未签署 / PREVIEW · NOT SIGNED";

/// `preview`: the same form, marked as not signed on every page.
pub fn render(
    doc: &ReviewDoc,
    json_sha256: &str,
    ctx: &ReviewContext,
    preview: bool,
) -> Result<Rendered, OpinionError> {
    let fonts = Fonts::shared().map_err(|e| OpinionError::internal("fonts", e))?;
    let image = ctx.signature_png.map(decode_png).transpose()?;
    let site = doc.phase == Phase::SiteVisit;
    let title = if site { "现场考察意见表" } else { "专家评审意见表" };
    let m = ctx.manifest;
    let mut d = Doc::with_frame(fonts, if preview { PREVIEW_MARK } else { "" }, Frame::FORM);
    d.footer_hashes(vec![
        HashLine { label: "材料包 SHA-256：".into(), sha256: doc.package_sha256.clone() },
        HashLine { label: "意见数据 SHA-256：".into(), sha256: json_sha256.to_string() },
    ]);
    d.title(title);
    if preview {
        d.center(PREVIEW_MARK, 12.0);
    }
    d.center(&format!("{}（{}）", ctx.batch.title, ctx.batch.kind.label().zh), 10.0);
    d.gap(8.0);
    let co = m.co_builders.iter().map(|u| u.name.as_str()).collect::<Vec<_>>().join("、");
    let mut grid = vec![
        vec![("评审批次", format!("{}（{}）", ctx.batch.title, ctx.batch.id))],
        vec![("材料包编号", doc.package_id.clone()), ("申报类型", m.kind.label().zh)],
        vec![("技术创新中心", m.center.name.clone())],
        vec![("依托单位", m.lead_unit.name.clone())],
        vec![("共建单位", if co.is_empty() { "无".to_string() } else { co })],
        vec![("评审专家", doc.expert.name.clone()), ("职称", doc.expert.title.clone())],
        vec![("工作单位", doc.expert.affiliation.clone()), ("专家编号", doc.expert.expert_id.clone())],
    ];
    if let Some(sv) = &doc.site_visit {
        grid.push(vec![("考察日期", sv.date.clone()), ("技术领域", m.center.field.clone())]);
    }
    d.grid(&grid);

    let mut section = 0;
    let mut heading = |d: &mut Doc, text: &str| {
        d.heading(&format!("{}、{text}", numeral(section)));
        section += 1;
    };
    if let Some(sv) = doc.site_visit.as_ref().filter(|_| site) {
        heading(&mut d, "现场核查情况");
        checklist(&mut d, ctx, sv);
        heading(&mut d, "与申报材料不符事项汇总");
        discrepancies(&mut d, ctx, sv);
        heading(&mut d, "现场照片");
        photos(&mut d, &sv.photos);
    }
    if !site && m.kind.is_evaluation() {
        heading(&mut d, "建设任务完成情况（对照建设任务书）");
        super::evaluation::targets_table(&mut d, m);
        heading(&mut d, "年度报告报送情况");
        super::evaluation::reports_table(&mut d, m);
    }
    if !site || !doc.scores.is_empty() {
        heading(&mut d, "评审指标与评分");
        scores(&mut d, doc, ctx);
        let comments: Vec<Row> = ctx
            .batch
            .rubric
            .criteria
            .iter()
            .filter_map(|c| doc.scores.iter().find(|s| s.criterion == c.id).map(|s| (c, s)))
            .filter(|(_, s)| !s.comment.trim().is_empty())
            .map(|(c, s)| Row::new(vec![c.title.clone(), s.comment.trim().to_string()]))
            .collect();
        if !comments.is_empty() {
            heading(&mut d, "分项评语");
            let cols = [
                Col { title: "评审指标", share: 0.24, align: Align::Left },
                Col { title: "评语", share: 0.76, align: Align::Left },
            ];
            d.rows(&cols, &comments, true);
        }
    }
    heading(&mut d, if site { "现场考察意见" } else { "评审意见" });
    if doc.opinion.trim().is_empty() {
        d.para("（无）");
    } else {
        d.paragraphs(&doc.opinion);
    }
    if let Some(replaced) = &doc.supersedes {
        // 复议: this form replaces a signed one; say which, and why.
        heading(&mut d, "复议说明");
        d.paragraphs(doc.revision_reason.as_deref().unwrap_or(""));
        d.small(&format!("本意见为专家组讨论后的复议稿，取代此前签署的意见（文件 SHA-256：{replaced}）。"));
    }
    heading(&mut d, "评审结论");
    let options: Vec<(String, bool)> = ctx
        .batch
        .rubric
        .recommendation_options
        .iter()
        .map(|o| (recommendation_label(o).to_string(), *o == doc.recommendation))
        .collect();
    d.choices(&options);
    heading(&mut d, "利益冲突声明");
    let coi = &doc.conflict_of_interest;
    d.choices(&[
        ("本人与申报单位及其人员不存在利益冲突".to_string(), !coi.declared),
        ("存在利益冲突，申请回避".to_string(), coi.declared),
    ]);
    if !coi.statement.trim().is_empty() {
        d.paragraphs(&coi.statement);
    }
    let date = chinese_date(&doc.signed_at);
    let label = if site { "考察专家签名：" } else { "评审专家签名：" };
    let spot = d.signature_block(label, &date, image);
    if preview {
        d.center(PREVIEW_MARK, 12.0);
    }
    d.gap(4.0);
    d.small("注：本表由专家本人以数字证书签署，评审数据（review.json）作为附件嵌入本文件；签署后不得修改。页脚所列哈希值用于核验材料包与评审数据。");

    let identifier =
        format!("review/{}/{}/{}/{}", doc.batch_id, doc.package_id, doc.expert.expert_id, doc.phase.as_str());
    let subject = format!("{} · {}", m.center.name, doc.package_id);
    let meta = Meta {
        title,
        author: &doc.expert.name,
        subject: &subject,
        identifier: &identifier,
        date: doc.signed_at,
        creator: "PanelDesk",
    };
    form::finish_signed(d, &meta, &spot)
}

/// 序号, 评审指标, 评分要点, 满分, 得分, with the total.
fn scores(d: &mut Doc, doc: &ReviewDoc, ctx: &ReviewContext) {
    let cols = [
        Col { title: "序号", share: 0.07, align: Align::Center },
        Col { title: "评审指标", share: 0.17, align: Align::Center },
        Col { title: "评分要点", share: 0.54, align: Align::Left },
        Col { title: "满分", share: 0.10, align: Align::Center },
        Col { title: "得分", share: 0.12, align: Align::Center },
    ];
    let rubric = &ctx.batch.rubric;
    let mut rows: Vec<Row> = rubric
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let score = doc.scores.iter().find(|s| s.criterion == c.id).map_or("—".to_string(), |s| dec(s.score));
            Row::new(vec![(i + 1).to_string(), c.title.clone(), c.guidance.clone(), dec(c.max), score])
        })
        .collect();
    rows.push(Row::total(vec![String::new(), "合计".into(), String::new(), dec(rubric.max_total()), dec(doc.total)]));
    d.rows(&cols, &rows, true);
}

fn checklist(d: &mut Doc, ctx: &ReviewContext, sv: &SiteVisit) {
    let cols = [
        Col { title: "序号", share: 0.07, align: Align::Center },
        Col { title: "考察内容", share: 0.33, align: Align::Left },
        Col { title: "结论", share: 0.12, align: Align::Center },
        Col { title: "情况说明", share: 0.48, align: Align::Left },
    ];
    let rows: Vec<Row> = items(ctx, sv)
        .into_iter()
        .enumerate()
        .map(|(i, (title, verdict, note))| {
            let v = verdict.map_or("未核查", verdict_label);
            Row::new(vec![(i + 1).to_string(), title, v.to_string(), note])
        })
        .collect();
    d.rows(&cols, &rows, true);
    d.line("结论：符合 / 基本符合 / 不符合，均指现场情况与申报材料所述是否一致。");
}

/// The rubric's checklist in order, then any item the rubric does not list.
fn items(ctx: &ReviewContext, sv: &SiteVisit) -> Vec<(String, Option<SiteVerdict>, String)> {
    let list = &ctx.batch.rubric.site_visit_checklist;
    let mut out: Vec<(String, Option<SiteVerdict>, String)> = list
        .iter()
        .map(|c| {
            let item = sv.items.iter().find(|i| i.id == c.id);
            (c.title.clone(), item.map(|i| i.verdict), item.map(|i| i.note.trim().to_string()).unwrap_or_default())
        })
        .collect();
    for i in sv.items.iter().filter(|i| !list.iter().any(|c| c.id == i.id)) {
        out.push((i.id.clone(), Some(i.verdict), i.note.trim().to_string()));
    }
    out
}

fn discrepancies(d: &mut Doc, ctx: &ReviewContext, sv: &SiteVisit) {
    let all = items(ctx, sv);
    let count = |v: SiteVerdict| all.iter().filter(|(_, x, _)| *x == Some(v)).count();
    let unchecked = all.iter().filter(|(_, x, _)| x.is_none()).count();
    let mut summary = format!(
        "共核查 {} 项：符合 {} 项，基本符合 {} 项，不符合 {} 项",
        all.len() - unchecked,
        count(SiteVerdict::Meets),
        count(SiteVerdict::Partly),
        count(SiteVerdict::Fails)
    );
    if unchecked > 0 {
        summary.push_str(&format!("；未核查 {unchecked} 项"));
    }
    summary.push('。');
    d.para(&summary);
    let issues: Vec<&(String, Option<SiteVerdict>, String)> =
        all.iter().filter(|(_, v, _)| matches!(v, Some(SiteVerdict::Partly | SiteVerdict::Fails))).collect();
    if issues.is_empty() {
        d.para("现场核查各项均与申报材料相符，未发现不符事项。");
    }
    for (i, (title, v, note)) in issues.iter().enumerate() {
        let v = v.map_or("", verdict_label);
        let note = if note.is_empty() { "（未填写说明）" } else { note.as_str() };
        d.line(&format!("{}. {title}【{v}】：{note}", i + 1));
    }
}

fn photos(d: &mut Doc, photos: &[String]) {
    if photos.is_empty() {
        d.para("未附现场照片。");
        return;
    }
    d.para(&format!(
        "共 {} 张，作为附件（photos/<SHA-256>.jpg，长边不超过 1600 像素）嵌入本文件；原照片的 SHA-256 如下：",
        photos.len()
    ));
    let cols = [
        Col { title: "序号", share: 0.08, align: Align::Center },
        Col { title: "SHA-256", share: 0.92, align: Align::Left },
    ];
    let rows: Vec<Row> =
        photos.iter().enumerate().map(|(i, h)| Row::new(vec![(i + 1).to_string(), h.clone()])).collect();
    d.rows(&cols, &rows, true);
}
