//! 专家组意见: the panel's consolidated opinion on one package (docs/formats.md
//! §5): the score matrix, how the aggregate was computed, the conclusion,
//! the flags with the chair's reasons and the individual reviews.

use paneldesk_core::aggregate::Computation;
use paneldesk_core::consensus_doc::ConsensusDoc;
use paneldesk_core::decimal::format_micros;
use paneldesk_core::review_doc::ReviewDoc;
use paneldesk_core::rubric::Method;
use paneldesk_core::sheet::Phase;
use paneldesk_core::Dec;

use super::engine::{Align, Doc, Frame, HashLine, Meta};
use super::fonts::Fonts;
use super::form::{self, chinese_date, dec, numeral, recommendation_label};
use super::table::{Col, Row};
use super::{ConsensusContext, Rendered};
use crate::error::OpinionError;

pub fn render(
    doc: &ConsensusDoc,
    json_sha256: &str,
    ctx: &ConsensusContext,
    reviews: &[&ReviewDoc],
) -> Result<Rendered, OpinionError> {
    let fonts = Fonts::shared().map_err(|e| OpinionError::internal("fonts", e))?;
    let (batch, m) = (ctx.batch, ctx.manifest);
    let title = "专家组意见";
    let mut d = Doc::with_frame(fonts, "", Frame::FORM);
    d.footer_hashes(vec![
        HashLine { label: "材料包 SHA-256：".into(), sha256: doc.package_sha256.clone() },
        HashLine { label: "意见数据 SHA-256：".into(), sha256: json_sha256.to_string() },
    ]);
    d.title(title);
    d.center(&format!("{}（{}）", batch.title, batch.kind.label().zh), 10.0);
    d.gap(8.0);
    let chair = batch.expert(&doc.chair.expert_id);
    d.grid(&[
        vec![("评审批次", format!("{}（{}）", batch.title, batch.id))],
        vec![("材料包编号", doc.package_id.clone()), ("申报类型", m.kind.label().zh)],
        vec![("技术创新中心", m.center.name.clone())],
        vec![("依托单位", m.lead_unit.name.clone())],
        vec![
            (
                if doc.chair.role.as_deref() == Some("deputy") { "专家组副组长" } else { "专家组组长" },
                doc.chair.name.clone(),
            ),
            ("工作单位", chair.map(|c| c.affiliation.clone()).unwrap_or_default()),
        ],
        vec![("评审指标", format!("{}（{}）", batch.rubric.title, doc.rubric_id))],
    ]);

    let mut section = 0;
    let mut heading = |d: &mut Doc, text: &str| {
        d.heading(&format!("{}、{text}", numeral(section)));
        section += 1;
    };
    heading(&mut d, "专家评分汇总");
    matrix(&mut d, doc, ctx, reviews);
    heading(&mut d, "综合得分的计算");
    computation(&mut d, doc, ctx);
    if m.kind.is_evaluation() {
        heading(&mut d, "建设任务完成情况（对照建设任务书）");
        super::evaluation::targets_table(&mut d, m);
        heading(&mut d, "年度报告报送情况");
        super::evaluation::reports_table(&mut d, m);
    }
    if let Some(sv) = &doc.site_visit {
        heading(&mut d, "现场考察情况");
        site_visit(&mut d, sv);
    }
    heading(&mut d, "评审结论");
    conclusion(&mut d, doc, ctx);
    heading(&mut d, "专家组意见");
    if doc.opinion.trim().is_empty() {
        d.para("（无）");
    } else {
        d.paragraphs(&doc.opinion);
    }
    heading(&mut d, "分歧提示及组长说明");
    if doc.flags.is_empty() {
        d.para("各项评分未触发分歧提示（单项极差超过满分 30%，或专家总分与中位数相差超过 15 分）。");
    } else {
        let cols = [
            Col { title: "序号", share: 0.07, align: Align::Center },
            Col { title: "分歧提示", share: 0.45, align: Align::Left },
            Col { title: "组长说明", share: 0.48, align: Align::Left },
        ];
        let rows: Vec<Row> = doc
            .flags
            .iter()
            .enumerate()
            .map(|(i, f)| Row::new(vec![(i + 1).to_string(), f.detail.clone(), f.reason.clone()]))
            .collect();
        d.rows(&cols, &rows, true);
    }
    heading(&mut d, "专家个人评审意见");
    let cols = [
        Col { title: "专家", share: 0.13, align: Align::Center },
        Col { title: "编号", share: 0.10, align: Align::Center },
        Col { title: "总分", share: 0.09, align: Align::Center },
        Col { title: "计入", share: 0.09, align: Align::Center },
        Col { title: "评审意见文件 SHA-256", share: 0.59, align: Align::Left },
    ];
    let rows: Vec<Row> = doc
        .reviews
        .iter()
        .map(|r| {
            let used = match (r.phase, r.dropped) {
                (Phase::SiteVisit, _) => "现场考察",
                (_, true) => "去掉",
                _ => "计入",
            };
            Row::new(vec![r.name.clone(), r.expert_id.clone(), dec(r.total), used.into(), r.review_sha256.clone()])
        })
        .collect();
    d.rows(&cols, &rows, true);
    let deputy = doc.chair.role.as_deref() == Some("deputy");
    let label = if deputy { "专家组副组长签名（组长回避）：" } else { "专家组组长签名：" };
    for x in &doc.superseded {
        let why =
            if x.revision_reason.trim().is_empty() { "未说明理由".to_string() } else { x.revision_reason.clone() };
        d.small(&format!(
            "复议：专家 {} 的{}意见（SHA-256 {}）已由其复议后签署的意见取代，理由：{why}。",
            x.expert_id,
            if x.phase == Phase::SiteVisit { "现场考察" } else { "评审" },
            x.review_sha256
        ));
    }
    let spot = d.signature_block(label, &chinese_date(&doc.signed_at), None);
    let members = cosigners(doc);
    let mut boxes = Vec::new();
    if !members.is_empty() {
        heading(&mut d, "专家组成员签字");
        boxes = d.member_boxes(&members);
    }
    d.gap(4.0);
    d.small("注：本意见由专家组组长以数字证书签署（认证签名，签署后只允许添加签名）；参与评审的专家组成员随后逐一以数字证书会签。意见数据（consensus.json）及各专家评审意见 PDF 作为附件嵌入本文件。页脚所列哈希值用于核验。");

    let identifier = format!("consensus/{}/{}", doc.batch_id, doc.package_id);
    let subject = format!("{} · {}", m.center.name, doc.package_id);
    let meta = Meta {
        title,
        author: &doc.chair.name,
        subject: &subject,
        identifier: &identifier,
        date: doc.signed_at,
        creator: "PanelDesk",
    };
    let mut rendered = form::finish_signed(d, &meta, &spot)?;
    rendered.cosign = boxes;
    Ok(rendered)
}

/// Who co-signs (formats.md §7): every expert with a counted review of the
/// package but the one who signs first, in id order, named as in the review.
pub fn cosigners(doc: &ConsensusDoc) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in &doc.reviews {
        if r.expert_id != doc.chair.expert_id && !out.iter().any(|(id, _)| *id == r.expert_id) {
            out.push((r.expert_id.clone(), r.name.clone()));
        }
    }
    out.sort();
    out
}

/// Experts down, criteria across, totals last; the aggregates at the foot.
fn matrix(d: &mut Doc, doc: &ConsensusDoc, ctx: &ConsensusContext, reviews: &[&ReviewDoc]) {
    let criteria = &ctx.batch.rubric.criteria;
    let each = 0.64 / criteria.len().max(1) as f32;
    let heads: Vec<String> = criteria.iter().map(|c| format!("{}（{}）", c.title, c.max)).collect();
    let mut cols = vec![Col { title: "专家", share: 0.18, align: Align::Center }];
    cols.extend(heads.iter().map(|h| Col { title: h, share: each, align: Align::Center }));
    cols.push(Col { title: "总分", share: 0.09, align: Align::Center });
    cols.push(Col { title: "计入", share: 0.09, align: Align::Center });
    let mut rows: Vec<Row> = doc
        .reviews
        .iter()
        .filter(|r| r.phase == Phase::Desk)
        .map(|r| {
            let sheet = reviews.iter().find(|x| x.expert.expert_id == r.expert_id && x.phase == Phase::Desk);
            let mut cells = vec![format!("{}（{}）", r.name, r.expert_id)];
            cells.extend(criteria.iter().map(|c| {
                sheet
                    .and_then(|s| s.scores.iter().find(|x| x.criterion == c.id))
                    .map_or("—".to_string(), |x| dec(x.score))
            }));
            cells.push(dec(r.total));
            cells.push(if r.dropped { "去掉" } else { "计入" }.to_string());
            Row::new(cells)
        })
        .collect();
    let mut foot = vec!["综合得分".to_string()];
    foot.extend(
        criteria
            .iter()
            .map(|c| doc.criteria.iter().find(|a| a.criterion == c.id).map_or("—".to_string(), |a| dec(a.aggregate))),
    );
    foot.push(dec(doc.aggregate));
    foot.push(String::new());
    rows.push(Row::total(foot));
    d.rows(&cols, &rows, true);
    if reviews.is_empty() {
        d.small("各专家的分项得分见所附的个人评审意见 PDF；综合得分一行为各指标按同一方法计算的结果。");
    }
}

fn method_text(m: Method) -> &'static str {
    match m {
        Method::Mean => "算术平均",
        Method::TrimmedMean => "去掉一个最高总分和一个最低总分后取算术平均",
        Method::Median => "中位数（人数为偶数时取中间两个数的平均）",
    }
}

/// `sum ÷ n`, exact when it is, else to four places with an ellipsis.
fn quotient(sum: Dec, divisor: i64) -> String {
    let d = i128::from(divisor.max(1));
    let micros = i128::from(sum.micros());
    if micros % d == 0 {
        format_micros(micros / d)
    } else {
        format!("{}…", format_micros(micros / d / 100 * 100))
    }
}

fn computation(d: &mut Doc, doc: &ConsensusDoc, ctx: &ConsensusContext) {
    let rubric = &ctx.batch.rubric;
    let Some(total) = ctx.result.total.as_ref() else {
        d.para("没有可计入的专家评审意见，无法计算综合得分。");
        return;
    };
    let n = doc.reviews.iter().filter(|r| r.phase == Phase::Desk).count();
    let mut method = format!("计算方法：{}", method_text(total.method));
    if rubric.aggregation.method == Method::TrimmedMean {
        let min = rubric.aggregation.trim_min_panel.unwrap_or(3).max(3);
        if total.method == Method::TrimmedMean {
            method.push_str(&format!("（评审指标规定，计入的专家不少于 {min} 人时适用；本材料包 {n} 人）"));
        } else {
            method.push_str(&format!(
                "（评审指标规定{}，须不少于 {min} 人；本材料包仅 {n} 人，按算术平均计算）",
                method_text(Method::TrimmedMean)
            ));
        }
    } else {
        method.push_str("（评审指标规定）");
    }
    method.push('。');
    d.para(&method);
    let totals: Vec<Dec> = ctx.result.reviews.iter().map(|r| r.total).collect();
    if !total.dropped.is_empty() {
        let name = |i: usize| {
            ctx.result
                .reviews
                .get(i)
                .map_or(String::new(), |r| format!("{} {}（{}）", dec(r.total), r.name, r.expert_id))
        };
        let dropped: Vec<String> = total.dropped.iter().map(|&i| name(i)).collect();
        d.para(&format!("去掉的总分：{}。", dropped.join("、")));
    }
    let used = used_values(total, &totals);
    let terms: Vec<String> = used.iter().map(|v| dec(*v)).collect();
    d.para(&format!("计入的总分之和：{} = {}。", terms.join(" + "), dec(total.sum)));
    d.para(&format!("除以计入人数：{} ÷ {} = {}。", dec(total.sum), total.divisor, quotient(total.sum, total.divisor)));
    d.para(&format!("四舍五入保留两位小数，综合得分为 {}。", dec(total.value)));
    d.gap(4.0);
    d.line("各评审指标的综合得分按同一方法分别计算：");
    let cols = [
        Col { title: "评审指标", share: 0.34, align: Align::Left },
        Col { title: "计算方法", share: 0.16, align: Align::Center },
        Col { title: "计入分值之和", share: 0.16, align: Align::Center },
        Col { title: "除数", share: 0.1, align: Align::Center },
        Col { title: "商", share: 0.12, align: Align::Center },
        Col { title: "综合得分", share: 0.12, align: Align::Center },
    ];
    let rows: Vec<Row> = ctx
        .result
        .criteria
        .iter()
        .map(|(id, c)| {
            let title = rubric.criterion(id).map_or(id.clone(), |c| c.title.clone());
            let m = match c.method {
                Method::Mean => "算术平均",
                Method::TrimmedMean => "去高低后平均",
                Method::Median => "中位数",
            };
            Row::new(vec![title, m.into(), dec(c.sum), c.divisor.to_string(), quotient(c.sum, c.divisor), dec(c.value)])
        })
        .collect();
    d.rows(&cols, &rows, true);
}

/// The values that make up the sum: all but the dropped ones, or for a
/// median the middle one or two.
fn used_values(c: &Computation, values: &[Dec]) -> Vec<Dec> {
    if c.method == Method::Median {
        let mut v = values.to_vec();
        v.sort();
        let n = v.len();
        return if n % 2 == 1 { vec![v[n / 2]] } else { v[n / 2 - 1..=n / 2].to_vec() };
    }
    values.iter().enumerate().filter(|(i, _)| !c.dropped.contains(i)).map(|(_, v)| *v).collect()
}

/// The visiting experts' findings per checklist item (formats.md §7).
fn site_visit(d: &mut Doc, sv: &paneldesk_core::consensus_doc::SiteVisitSummary) {
    d.para(&format!("考察专家：{}；考察日期：{}。", sv.experts.join("、"), sv.date));
    let cols = [
        Col { title: "核查事项", share: 0.30, align: Align::Left },
        Col { title: "符合", share: 0.08, align: Align::Center },
        Col { title: "基本符合", share: 0.10, align: Align::Center },
        Col { title: "不符合", share: 0.08, align: Align::Center },
        Col { title: "说明", share: 0.44, align: Align::Left },
    ];
    let rows: Vec<Row> = sv
        .items
        .iter()
        .map(|i| {
            let notes = if i.notes.is_empty() { "—".to_string() } else { i.notes.join("；") };
            Row::new(vec![i.title.clone(), i.meets.to_string(), i.partly.to_string(), i.fails.to_string(), notes])
        })
        .collect();
    d.rows(&cols, &rows, true);
    if sv.discrepancies.is_empty() {
        d.small("现场考察未发现与申报材料不符的事项。");
    } else {
        d.line("与申报材料不符事项：");
        for x in &sv.discrepancies {
            d.para(&format!("· {x}"));
        }
    }
}

fn conclusion(d: &mut Doc, doc: &ConsensusDoc, ctx: &ConsensusContext) {
    let rubric = &ctx.batch.rubric;
    if !doc.votes.is_empty() {
        let votes: Vec<String> = doc.votes.iter().map(|(o, n)| format!("{} {n} 票", recommendation_label(o))).collect();
        d.para(&format!("专家表决：{}。", votes.join("，")));
    }
    if ctx.result.verdict == paneldesk_core::rules::Verdict::Revoke {
        // 第十九条: no grade; the items found are the grounds.
        d.para("结论：建议撤销技术创新中心资格（第十九条），不评定等级。形式审查发现：");
        for item in paneldesk_core::evaluation::revocation_items(ctx.manifest) {
            d.para(&format!("· {}", item.zh));
        }
        return;
    }
    if let Some(rec) = &doc.recommendation {
        let line = rubric.pass_line.map_or(String::new(), |p| {
            let cmp = if doc.aggregate >= p { "达到" } else { "未达到" };
            format!("，{cmp}推荐分数线 {}", dec(p))
        });
        d.para(&format!("综合得分 {}{line}。专家组结论：{}。", dec(doc.aggregate), recommendation_label(rec)));
        let options: Vec<(String, bool)> = rubric
            .recommendation_options
            .iter()
            .filter(|o| *o == "recommend" || *o == "not_recommend")
            .map(|o| (recommendation_label(o).to_string(), o == rec))
            .collect();
        d.choices(&options);
    }
    if let Some(grade) = &doc.grade {
        let min = rubric
            .grades
            .iter()
            .find(|g| g.label == *grade)
            .map_or(String::new(), |g| format!("（{} 分及以上）", dec(g.min)));
        d.para(&format!("综合得分 {}，评价等级：{grade}{min}。", dec(doc.aggregate)));
        let options: Vec<(String, bool)> = rubric.grades.iter().map(|g| (g.label.clone(), g.label == *grade)).collect();
        d.choices(&options);
        d.para(&paneldesk_core::evaluation::grade_consequence(grade).zh);
    }
    match (doc.rank, &ctx.result.set_apart) {
        (Some(r), _) => d.para(&format!("本批次择优排序：第 {r} 名。")),
        (None, Some(why)) => d.para(&format!("不参与本批次择优排序：{}。", why.zh)),
        (None, None) => d.para("不参与本批次择优排序。"),
    }
}
