use super::*;
use crate::rubric::{Criterion, Grade};

fn d(s: &str) -> Dec {
    Dec::parse(s).expect("decimal")
}

fn ds(v: &[&str]) -> Vec<Dec> {
    v.iter().map(|s| d(s)).collect()
}

const KEYS: [&str; 6] = ["X01", "X02", "X03", "X04", "X05", "X06"];

fn trimmed(min: u32) -> Aggregation {
    Aggregation { method: Method::TrimmedMean, trim_min_panel: Some(min) }
}

#[test]
fn trimmed_mean_drops_one_highest_and_one_lowest() {
    let c = compute(&trimmed(5), &ds(&["80", "72.5", "91", "60", "75"]), &KEYS).expect("aggregate");
    assert_eq!(c.method, Method::TrimmedMean);
    assert_eq!(c.dropped, vec![2, 3]);
    assert_eq!((c.sum, c.divisor), (d("227.5"), 3));
    assert_eq!(c.value, d("75.83"));
}

#[test]
fn trimmed_mean_with_too_few_is_a_plain_mean() {
    let c = compute(&trimmed(5), &ds(&["80", "70", "75", "71"]), &KEYS).expect("aggregate");
    assert_eq!(c.method, Method::Mean);
    assert!(c.dropped.is_empty());
    assert_eq!(c.value, d("74"));
}

#[test]
fn ties_drop_deterministically_whatever_the_order() {
    let a = compute(&trimmed(5), &ds(&["70", "70", "80", "80", "75"]), &KEYS).expect("a");
    assert_eq!(a.dropped, vec![0, 3], "lowest id among the lowest, highest id among the highest");
    let b =
        compute(&trimmed(5), &ds(&["80", "80", "70", "70", "75"]), &["X04", "X03", "X02", "X01", "X05"]).expect("b");
    assert_eq!(b.value, a.value);
    assert_eq!(b.dropped, vec![0, 3]);
}

#[test]
fn median_odd_and_even() {
    let m = Aggregation { method: Method::Median, trim_min_panel: None };
    assert_eq!(compute(&m, &ds(&["60", "90", "75"]), &KEYS).map(|c| c.value), Some(d("75")));
    let c = compute(&m, &ds(&["60", "90", "75", "70.5"]), &KEYS).expect("median");
    assert_eq!((c.sum, c.divisor, c.value), (d("145.5"), 2, d("72.75")));
}

#[test]
fn rounding_is_half_up_on_the_exact_quotient() {
    let mean = Aggregation { method: Method::Mean, trim_min_panel: None };
    // 209.98 / 3 = 69.9933… → 69.99; 70.005 would round up to 70.01.
    assert_eq!(compute(&mean, &ds(&["70", "70", "69.98"]), &KEYS).map(|c| c.value), Some(d("69.99")));
    assert_eq!(compute(&mean, &ds(&["70.01", "70"]), &KEYS).map(|c| c.value), Some(d("70.01")));
    assert_eq!(compute(&mean, &ds(&["70.005"]), &KEYS).map(|c| c.value), Some(d("70.01")));
    assert_eq!(compute(&mean, &[], &KEYS), None);
}

fn rubric() -> Rubric {
    let c = |id: &str, max: &str| Criterion {
        id: id.into(),
        title: id.into(),
        max: d(max),
        step: d("0.5"),
        guidance: String::new(),
        comment_required_below: None,
    };
    Rubric {
        id: "r".into(),
        title: "r".into(),
        criteria: vec![c("a", "20"), c("b", "80")],
        recommendation_options: vec!["recommend".into()],
        aggregation: trimmed(5),
        pass_line: Some(d("70")),
        grades: vec![
            Grade { label: "优秀".into(), min: d("90") },
            Grade { label: "良好".into(), min: d("75") },
            Grade { label: "合格".into(), min: d("60") },
            Grade { label: "不合格".into(), min: d("0") },
        ],
        site_visit_checklist: vec![],
        tie_break: None,
    }
}

#[test]
fn pass_line_and_grades_include_the_boundary() {
    let r = rubric();
    assert_eq!(passes(&r, d("70")), Some(true));
    assert_eq!(passes(&r, d("69.99")), Some(false));
    assert_eq!(grade(&r, d("90")), Some("优秀"));
    assert_eq!(grade(&r, d("89.99")), Some("良好"));
    assert_eq!(grade(&r, d("60")), Some("合格"));
    assert_eq!(grade(&r, d("59.99")), Some("不合格"));
}

#[test]
fn spread_over_30_percent_and_outliers_over_15_points() {
    let r = rubric();
    let sheet =
        |id: &'static str, a: &str, b: &str| Sheet { expert_id: id, total: d(a) + d(b), scores: vec![d(a), d(b)] };
    // a: spread exactly 6 = 30 % of 20 is not flagged; b: 24.5 > 24 is.
    let sheets =
        [sheet("X01", "10", "60"), sheet("X02", "16", "60"), sheet("X03", "12", "55.5"), sheet("X04", "12", "80")];
    let f = flags(&r, &sheets);
    assert_eq!(f.len(), 2, "{f:?}");
    assert!(matches!(&f[0], Flag::CriterionSpread { criterion, .. } if criterion == "b"));
    // Totals 70, 76, 67.5, 92: median 73; 92 is 19 away, 67.5 only 5.5.
    assert!(matches!(&f[1], Flag::TotalOutlier { expert_id, median, .. } if expert_id == "X04" && *median == d("73")));
    // Exactly 15 from the median is not flagged.
    let sheets = [sheet("X01", "10", "60"), sheet("X02", "10", "75"), sheet("X03", "10", "60")];
    assert!(flags(&r, &sheets).iter().all(|f| !matches!(f, Flag::TotalOutlier { .. })));
}
