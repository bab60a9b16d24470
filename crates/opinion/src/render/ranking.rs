//! 择优排序表: the batch's packages by rank, then those set apart.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use paneldesk_core::batch::Batch;
use paneldesk_core::consolidate::PackageResult;
use paneldesk_core::manifest::Manifest;

use super::engine::{Align, Doc, Frame, Meta};
use super::fonts::Fonts;
use super::form::{chinese_date, dec, recommendation_label};
use super::table::{Col, Row};
use super::Rendered;
use crate::error::OpinionError;

pub fn render(
    batch: &Batch,
    results: &[PackageResult],
    manifests: &BTreeMap<String, Manifest>,
    generated_at: DateTime<FixedOffset>,
    signer: &str,
) -> Result<Rendered, OpinionError> {
    let fonts = Fonts::shared().map_err(|e| OpinionError::internal("fonts", e))?;
    let title = "择优排序表";
    let mut d = Doc::with_frame(fonts, &format!("{} · {}", batch.title, batch.id), Frame::FORM);
    d.title(title);
    d.center(&format!("{}（{}）", batch.title, batch.kind.label().zh), 10.0);
    d.center(&format!("组织单位：{}　　生成日期：{}", batch.organizer, chinese_date(&generated_at)), 9.0);
    d.gap(6.0);
    let center = |id: &str| {
        manifests
            .get(id)
            .map_or(("—".to_string(), "—".to_string()), |m| (m.center.name.clone(), m.lead_unit.name.clone()))
    };
    let conclusion = |r: &PackageResult| {
        r.grade.clone().or_else(|| r.recommendation.as_deref().map(|x| recommendation_label(x).to_string()))
    };
    let mut ranked: Vec<&PackageResult> = results.iter().filter(|r| r.rank.is_some()).collect();
    // PackageResult.rank already breaks ties (the rubric's tie-break, then id).
    ranked.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.package_id.cmp(&b.package_id)));
    d.heading("一、参与排序的材料包");
    let cols = [
        Col { title: "排名", share: 0.07, align: Align::Center },
        Col { title: "材料包编号", share: 0.15, align: Align::Center },
        Col { title: "技术创新中心", share: 0.33, align: Align::Left },
        Col { title: "依托单位", share: 0.24, align: Align::Left },
        Col { title: "综合得分", share: 0.10, align: Align::Center },
        Col { title: if batch.kind.is_evaluation() { "等级" } else { "结论" }, share: 0.11, align: Align::Center },
    ];
    if ranked.is_empty() {
        d.para("没有可排序的材料包。");
    } else {
        let rows: Vec<Row> = ranked
            .iter()
            .map(|r| {
                let (name, lead) = center(&r.package_id);
                let value = r.total.as_ref().map_or("—".to_string(), |t| dec(t.value));
                let rank = r.rank.map_or(String::new(), |k| k.to_string());
                Row::new(vec![rank, r.package_id.clone(), name, lead, value, conclusion(r).unwrap_or_default()])
            })
            .collect();
        d.rows(&cols, &rows, true);
    }
    let order: Vec<String> = batch
        .rubric
        .tie_break_order()
        .iter()
        .map(|id| batch.rubric.criterion(id).map_or(id.clone(), |c| format!("“{}”", c.title)))
        .collect();
    let rule = if batch.rubric.tie_break.is_some() { "评审批次签发时规定" } else { "评审指标顺序" };
    d.small(&format!(
        "排序依据综合得分；得分相同时依次比较{}的综合得分（{rule}，签发后不可更改），仍相同时按材料包编号排序。",
        order.join("、")
    ));
    let apart: Vec<&PackageResult> = results.iter().filter(|r| r.rank.is_none()).collect();
    d.heading("二、不参与排序的材料包");
    if apart.is_empty() {
        d.para("无。");
    } else {
        let cols = [
            Col { title: "材料包编号", share: 0.15, align: Align::Center },
            Col { title: "技术创新中心", share: 0.31, align: Align::Left },
            Col { title: "综合得分", share: 0.12, align: Align::Center },
            Col { title: "原因", share: 0.42, align: Align::Left },
        ];
        let rows: Vec<Row> = apart
            .iter()
            .map(|r| {
                let (name, _) = center(&r.package_id);
                let value = r.total.as_ref().map_or("—".to_string(), |t| dec(t.value));
                let why = r.set_apart.as_ref().map_or("未排序".to_string(), |m| m.zh.clone());
                Row::new(vec![r.package_id.clone(), name, value, why])
            })
            .collect();
        d.rows(&cols, &rows, true);
    }
    let spot = d.signature_block(&format!("{signer}签名："), &chinese_date(&generated_at), None);
    d.small("注：本表由专家组组长以数字证书签署；签署后不得修改。");
    let identifier = format!("ranking/{}/{}", batch.id, generated_at.to_rfc3339());
    let meta = Meta {
        title,
        author: &batch.organizer,
        subject: &batch.title,
        identifier: &identifier,
        date: generated_at,
        creator: "PanelDesk",
    };
    super::form::finish_signed(d, &meta, &spot)
}
