//! Ranking a batch (择优, docs/formats.md §5, §7): by aggregate, ties broken
//! by the criteria's aggregates in the rubric's tie-break order, then by
//! package id.

use std::cmp::Ordering;

use crate::decimal::Dec;

pub struct Rankable<'a> {
    pub package_id: &'a str,
    pub aggregate: Dec,
    /// Criterion aggregates in the rubric's tie-break order.
    pub criteria: Vec<Dec>,
    /// Ineligible or to be revoked: listed apart, no rank.
    pub set_apart: bool,
}

/// The order of two ranked packages: higher figures first, then id.
pub fn compare(a: &Rankable, b: &Rankable) -> Ordering {
    b.aggregate.cmp(&a.aggregate).then_with(|| b.criteria.cmp(&a.criteria)).then_with(|| a.package_id.cmp(b.package_id))
}

/// The rank (1-based) of each input, `None` for those set apart.
pub fn rank(items: &[Rankable]) -> Vec<Option<u32>> {
    let mut order: Vec<usize> = (0..items.len()).filter(|&i| !items[i].set_apart).collect();
    order.sort_by(|&a, &b| compare(&items[a], &items[b]));
    let mut ranks = vec![None; items.len()];
    for (pos, i) in order.into_iter().enumerate() {
        ranks[i] = Some(pos as u32 + 1);
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r<'a>(id: &'a str, agg: i64, criteria: &[i64], set_apart: bool) -> Rankable<'a> {
        Rankable {
            package_id: id,
            aggregate: Dec::from_int(agg),
            criteria: criteria.iter().map(|&c| Dec::from_int(c)).collect(),
            set_apart,
        }
    }

    #[test]
    fn ties_break_by_criteria_in_rubric_order_then_id() {
        let items = [
            r("P-3", 80, &[20, 60], false),
            r("P-1", 80, &[20, 60], false),
            r("P-2", 80, &[25, 55], false),
            r("P-4", 90, &[10, 80], true),
            r("P-5", 85, &[10, 75], false),
        ];
        assert_eq!(rank(&items), vec![Some(4), Some(3), Some(2), None, Some(1)]);
    }
}
