//! What the chair looks at: the score matrix of a package, the exact
//! computation behind an aggregate, and each expert's leniency. Figures come
//! from paneldesk-core's consolidation; nothing here decides anything.

use std::collections::BTreeMap;

use paneldesk_core::aggregate::{Computation, Flag};
use paneldesk_core::consensus_doc::flag_detail;
use paneldesk_core::consolidate::PackageResult;
use paneldesk_core::decimal::format_micros;
use paneldesk_core::rubric::Method;
use paneldesk_core::{Dec, Msg};
use serde::Serialize;

use super::access::require_visible;
use super::{flag_key, ApiError, ErrorCode, Panel, Result};

/// One expert's line in the matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    /// The expert's id.
    pub expert_id: String,
    /// The expert's name, from the review.
    pub name: String,
    /// In rubric criterion order.
    pub scores: Vec<Dec>,
    /// The expert's total.
    pub total: Dec,
    /// Left out of the trimmed mean.
    pub dropped: bool,
    /// SHA-256 of the review file.
    pub review_sha256: String,
    /// The review file's name.
    pub file: String,
    /// The expert's recommendation.
    pub recommendation: String,
    /// The expert's mean offset over the batch (see `leniency`).
    pub leniency: Option<Dec>,
}

/// A flag with the key its reason is saved under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixFlag {
    /// The key its reason is saved under.
    pub key: String,
    /// The flag as core raised it.
    pub flag: Flag,
    /// The flag in words.
    pub detail: Msg,
}

/// A package's experts × criteria.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// The package id.
    pub package_id: String,
    /// One line per counting review.
    pub rows: Vec<MatrixRow>,
    /// Criterion aggregates in rubric order (None without reviews).
    pub criteria: Vec<Option<Dec>>,
    /// The total's computation (None without reviews).
    pub total: Option<Computation>,
    /// The disagreement flags.
    pub flags: Vec<MatrixFlag>,
}

/// The package's experts × criteria, refused during the read phase.
pub fn matrix(panel: &Panel, package_id: &str, visible: &BTreeMap<String, bool>) -> Result<Matrix> {
    require_visible(visible, package_id)?;
    let result = panel.result(package_id)?;
    let lenient = leniency(panel, visible);
    let rows = result
        .reviews
        .iter()
        .map(|line| {
            let doc = panel.accepted.iter().find(|c| c.file_sha256 == line.review_sha256).map(|c| &c.doc);
            let scores = panel
                .batch
                .rubric
                .criteria
                .iter()
                .map(|cr| {
                    doc.and_then(|d| d.scores.iter().find(|s| s.criterion == cr.id))
                        .map(|s| s.score)
                        .unwrap_or_default()
                })
                .collect();
            MatrixRow {
                expert_id: line.expert_id.clone(),
                name: line.name.clone(),
                scores,
                total: line.total,
                dropped: line.dropped,
                review_sha256: line.review_sha256.clone(),
                file: line.file.clone(),
                recommendation: doc.map(|d| d.recommendation.clone()).unwrap_or_default(),
                leniency: lenient.iter().find(|l| l.expert_id == line.expert_id).map(|l| l.mean_offset),
            }
        })
        .collect();
    let criteria = panel
        .batch
        .rubric
        .criteria
        .iter()
        .map(|cr| result.criteria.iter().find(|(id, _)| id == &cr.id).map(|(_, c)| c.value))
        .collect();
    let flags = result
        .flags
        .iter()
        .map(|f| MatrixFlag { key: flag_key(f), flag: f.clone(), detail: flag_detail(&panel.batch, f) })
        .collect();
    Ok(Matrix { package_id: package_id.to_string(), rows, criteria, total: result.total.clone(), flags })
}

/// One figure in a computation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Term {
    /// The expert whose figure it is.
    pub expert_id: String,
    /// The figure.
    pub value: Dec,
    /// Counted in the sum (false: dropped by the trimmed mean, or outside
    /// the middle of a median).
    pub used: bool,
}

/// The exact computation behind one aggregate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// "total" or a criterion id.
    pub target: String,
    /// As applied.
    pub method: Method,
    /// As the rubric asks (a trimmed mean with too few reviews is a mean).
    pub rubric_method: Method,
    /// The rubric's minimum panel for a trimmed mean.
    pub trim_min_panel: Option<u32>,
    /// By expert id, as aggregated.
    pub terms: Vec<Term>,
    /// Sum of the figures used.
    pub sum: Dec,
    /// How many figures were used.
    pub divisor: i64,
    /// sum ÷ divisor to six decimals (truncated), before rounding.
    pub quotient: String,
    /// The division leaves nothing beyond six decimals.
    pub quotient_exact: bool,
    /// Rounded half-up to two decimals (docs/formats.md §3).
    pub value: Dec,
    /// The computation in words.
    pub steps: Msg,
}

/// The exact computation of a package's total (`target` "total") or of one
/// criterion's aggregate, refused during the read phase.
pub fn explain(panel: &Panel, package_id: &str, target: &str, visible: &BTreeMap<String, bool>) -> Result<Explanation> {
    require_visible(visible, package_id)?;
    let result = panel.result(package_id)?;
    let (comp, values) = computation(panel, result, target)?;
    let agg = &panel.batch.rubric.aggregation;
    let used: Vec<bool> = match comp.method {
        Method::Median => median_members(&values),
        _ => (0..values.len()).map(|i| !comp.dropped.contains(&i)).collect(),
    };
    let terms: Vec<Term> = values
        .iter()
        .zip(used)
        .map(|((expert_id, value), used)| Term { expert_id: expert_id.clone(), value: *value, used })
        .collect();
    let micros = comp.sum.micros() as i128;
    let quotient = format_micros(micros / comp.divisor as i128);
    let quotient_exact = micros % comp.divisor as i128 == 0;
    let steps = steps(&comp, agg.method, agg.trim_min_panel, &terms, &quotient, quotient_exact);
    Ok(Explanation {
        target: target.to_string(),
        method: comp.method,
        rubric_method: agg.method,
        trim_min_panel: agg.trim_min_panel,
        terms,
        sum: comp.sum,
        divisor: comp.divisor,
        quotient,
        quotient_exact,
        value: comp.value,
        steps,
    })
}

/// The computation and its inputs (expert id, value) in aggregation order.
fn computation(panel: &Panel, result: &PackageResult, target: &str) -> Result<(Computation, Vec<(String, Dec)>)> {
    let none = || {
        ApiError::refused(
            ErrorCode::NothingToExplain,
            format!("材料包 {} 没有“{target}”的综合得分可说明", result.package_id),
            format!("package {} has no aggregate \"{target}\" to explain", result.package_id),
        )
    };
    if target == "total" {
        let comp = result.total.clone().ok_or_else(none)?;
        let values = result.reviews.iter().map(|r| (r.expert_id.clone(), r.total)).collect();
        return Ok((comp, values));
    }
    let comp = result.criteria.iter().find(|(id, _)| id == target).map(|(_, c)| c.clone()).ok_or_else(none)?;
    let values = result
        .reviews
        .iter()
        .map(|r| {
            let doc = panel.accepted.iter().find(|c| c.file_sha256 == r.review_sha256).map(|c| &c.doc);
            let v = doc.and_then(|d| d.scores.iter().find(|s| s.criterion == target)).map(|s| s.score);
            (r.expert_id.clone(), v.unwrap_or_default())
        })
        .collect();
    Ok((comp, values))
}

/// Which values a median takes: the middle one or two of the order core
/// uses (by value, then expert id).
fn median_members(values: &[(String, Dec)]) -> Vec<bool> {
    let n = values.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].1.cmp(&values[b].1).then_with(|| values[a].0.cmp(&values[b].0)));
    let mid: Vec<usize> = if n % 2 == 1 { vec![order[n / 2]] } else { vec![order[n / 2 - 1], order[n / 2]] };
    (0..n).map(|i| mid.contains(&i)).collect()
}

fn steps(
    comp: &Computation,
    rubric_method: Method,
    trim_min: Option<u32>,
    terms: &[Term],
    quotient: &str,
    exact: bool,
) -> Msg {
    let list = |used: bool| -> Vec<String> {
        terms.iter().filter(|t| t.used == used).map(|t| format!("{}（{}）", t.value, t.expert_id)).collect()
    };
    let kept = list(true).join(" + ");
    let left = list(false).join("、");
    let approx = if exact { "=" } else { "≈" };
    let (method_zh, method_en) = match (comp.method, rubric_method) {
        (Method::TrimmedMean, _) => (
            format!(
                "去掉一个最高分和一个最低分后取平均（{} 份评审意见，不少于 {} 份）",
                terms.len(),
                trim_min.unwrap_or(3)
            ),
            format!(
                "trimmed mean: one highest and one lowest dropped ({} reviews, at least {})",
                terms.len(),
                trim_min.unwrap_or(3)
            ),
        ),
        (Method::Mean, Method::TrimmedMean) => (
            format!("评审意见 {} 份，少于去极值所需的 {} 份，按算术平均计算", terms.len(), trim_min.unwrap_or(3)),
            format!(
                "{} reviews, fewer than the {} a trimmed mean needs: plain mean",
                terms.len(),
                trim_min.unwrap_or(3)
            ),
        ),
        (Method::Mean, _) => ("算术平均".to_string(), "mean".to_string()),
        (Method::Median, _) => (
            "中位数（偶数份时取中间两份的平均）".to_string(),
            "median (even count: mean of the middle two)".to_string(),
        ),
    };
    let dropped_zh = if left.is_empty() { String::new() } else { format!("未计入：{left}。") };
    let dropped_en = if left.is_empty() { String::new() } else { format!("Not counted: {left}. ") };
    Msg::new(
        format!(
            "{method_zh}。{dropped_zh}计入：{kept} = {}；{} ÷ {} {approx} {quotient}；四舍五入保留两位小数 = {}",
            comp.sum, comp.sum, comp.divisor, comp.value
        ),
        format!(
            "{method_en}. {dropped_en}Counted: {kept} = {}; {} ÷ {} {approx} {quotient}; rounded half-up to two decimals = {}",
            comp.sum, comp.sum, comp.divisor, comp.value
        ),
    )
}

/// An expert's mean offset from the panel: over the packages they reviewed
/// (and the viewer may see), their total minus the package's aggregate,
/// averaged and rounded to two decimals. Shown, never applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Leniency {
    /// The expert's id.
    pub expert_id: String,
    /// The expert's name.
    pub name: String,
    /// Packages counted.
    pub packages: u32,
    /// Mean of (expert's total − package aggregate), two decimals.
    pub mean_offset: Dec,
}

/// Every expert's leniency over the packages the viewer may see.
pub fn leniency(panel: &Panel, visible: &BTreeMap<String, bool>) -> Vec<Leniency> {
    let mut acc: BTreeMap<&str, (&str, i64, Dec)> = BTreeMap::new();
    for r in &panel.results {
        let Some(total) = &r.total else { continue };
        if !visible.get(&r.package_id).copied().unwrap_or(false) {
            continue;
        }
        for line in &r.reviews {
            let e = acc.entry(line.expert_id.as_str()).or_insert((line.name.as_str(), 0, Dec::ZERO));
            e.1 += 1;
            e.2 = e.2 + (line.total - total.value);
        }
    }
    acc.into_iter()
        .filter_map(|(id, (name, n, sum))| {
            Some(Leniency {
                expert_id: id.to_string(),
                name: name.to_string(),
                packages: n as u32,
                mean_offset: Dec::ratio_rounded_2(sum, n)?,
            })
        })
        .collect()
}
