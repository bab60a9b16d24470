//! Aggregation of a package's accepted desk reviews (docs/formats.md §3) and the
//! disagreement flags (§5), with every step kept so it can be explained.

use serde::Serialize;

use crate::decimal::Dec;
use crate::rubric::{Aggregation, Method, Rubric};

/// How one aggregate was computed: `value = round_half_up(sum / divisor)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Computation {
    /// As applied: a trimmed mean with too few reviews is reported as `mean`.
    pub method: Method,
    /// Indices (into the input) of the values left out.
    pub dropped: Vec<usize>,
    /// The sum of the values used (for a median: the middle one or two).
    pub sum: Dec,
    pub divisor: i64,
    /// Rounded half-up to two decimals.
    pub value: Dec,
}

/// Aggregates `values`; `keys` break ties deterministically (the expert
/// ids), so the result never depends on the order of the input.
pub fn compute(agg: &Aggregation, values: &[Dec], keys: &[&str]) -> Option<Computation> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| values[a].cmp(&values[b]).then_with(|| keys.get(a).cmp(&keys.get(b))));
    let sum_of = |idx: &[usize]| idx.iter().fold(Dec::ZERO, |acc, &i| acc + values[i]);
    let trim_min = agg.trim_min_panel.unwrap_or(u32::MAX).max(3) as usize;
    let (method, dropped, sum, divisor) = match agg.method {
        Method::TrimmedMean if n >= trim_min => {
            let kept = &order[1..n - 1];
            let mut dropped = vec![order[0], order[n - 1]];
            dropped.sort_unstable();
            (Method::TrimmedMean, dropped, sum_of(kept), (n - 2) as i64)
        }
        Method::Median => {
            let mid = if n % 2 == 1 { vec![order[n / 2]] } else { vec![order[n / 2 - 1], order[n / 2]] };
            (Method::Median, vec![], sum_of(&mid), mid.len() as i64)
        }
        Method::Mean | Method::TrimmedMean => (Method::Mean, vec![], sum_of(&order), n as i64),
    };
    let value = Dec::ratio_rounded_2(sum, divisor)?;
    Some(Computation { method, dropped, sum, divisor, value })
}

/// The grade for an aggregate: the first (highest) whose `min` it reaches.
pub fn grade(rubric: &Rubric, aggregate: Dec) -> Option<&str> {
    rubric.grades.iter().find(|g| aggregate >= g.min).map(|g| g.label.as_str())
}

/// Establishment: recommended when the aggregate reaches the pass line.
pub fn passes(rubric: &Rubric, aggregate: Dec) -> Option<bool> {
    rubric.pass_line.map(|line| aggregate >= line)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// max − min of a criterion's scores is over 30 % of its max.
    CriterionSpread { criterion: String, min: Dec, max: Dec },
    /// An expert's total is more than 15 points from the median total.
    TotalOutlier { expert_id: String, total: Dec, median: Dec },
}

/// One accepted review's figures, as aggregation needs them.
pub struct Sheet<'a> {
    pub expert_id: &'a str,
    pub total: Dec,
    /// Scores in rubric criterion order.
    pub scores: Vec<Dec>,
}

/// The flags of docs/formats.md §5, criteria in rubric order, then experts by id.
pub fn flags(rubric: &Rubric, sheets: &[Sheet]) -> Vec<Flag> {
    let mut out = Vec::new();
    if sheets.is_empty() {
        return out;
    }
    for (i, c) in rubric.criteria.iter().enumerate() {
        let scores: Vec<Dec> = sheets.iter().filter_map(|s| s.scores.get(i).copied()).collect();
        let (Some(&lo), Some(&hi)) = (scores.iter().min(), scores.iter().max()) else { continue };
        // Exact: 10·(max − min) > 3·criterion max.
        if (hi - lo).micros() as i128 * 10 > c.max.micros() as i128 * 3 {
            out.push(Flag::CriterionSpread { criterion: c.id.clone(), min: lo, max: hi });
        }
    }
    let mut totals: Vec<Dec> = sheets.iter().map(|s| s.total).collect();
    totals.sort();
    let n = totals.len();
    // Twice the median, so that an even count stays exact.
    let median2 = if n % 2 == 1 {
        totals[n / 2].micros() as i128 * 2
    } else {
        totals[n / 2 - 1].micros() as i128 + totals[n / 2].micros() as i128
    };
    let median = Dec::from_micros((median2 / 2) as i64);
    let mut outliers: Vec<&Sheet> =
        sheets.iter().filter(|s| (s.total.micros() as i128 * 2 - median2).abs() > 30 * 1_000_000).collect();
    outliers.sort_by_key(|s| s.expert_id);
    for s in outliers {
        out.push(Flag::TotalOutlier { expert_id: s.expert_id.to_string(), total: s.total, median });
    }
    out
}

#[cfg(test)]
mod tests;
