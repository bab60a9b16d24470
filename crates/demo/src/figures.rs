//! Figures as the documents print them, and exact splits of a total.
//! Everything is integer hundredths, so printed parts add up to the total.

use paneldesk_core::Dec;

/// A literal from the case tables (they are written by hand; a typo should
/// stop the generator, not produce a wrong demo).
pub fn d(s: &str) -> Dec {
    Dec::parse(s).unwrap_or_else(|_| panic!("not a decimal literal: {s}"))
}

fn hundredths(x: Dec) -> i64 {
    x.micros() / 10_000
}

/// `12,675.90`: money in 万元 with two decimals and thousands separators.
pub fn money(x: Dec) -> String {
    let h = hundredths(x);
    let (sign, h) = if h < 0 { ("-", -h) } else { ("", h) };
    let int = (h / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", h % 100)
}

/// `3.17`: 100·a/b truncated to two decimals (never shows 3.00 for 2.999…).
pub fn percent(a: Dec, b: Dec) -> String {
    match Dec::percent_truncated(a, b) {
        Some(p) => money(p),
        None => "—".to_string(),
    }
}

pub fn sum<'a>(xs: impl IntoIterator<Item = &'a Dec>) -> Dec {
    xs.into_iter().fold(Dec::ZERO, |a, &b| a + b)
}

/// Splits `total` in proportion to `weights`; the last part takes the
/// rounding remainder so the parts add up exactly.
pub fn split(total: Dec, weights: &[i64]) -> Vec<Dec> {
    let t = hundredths(total);
    let w: i64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|&x| t * x / w.max(1)).collect();
    let rest = t - parts.iter().sum::<i64>();
    if let Some(last) = parts.last_mut() {
        *last += rest;
    }
    parts.into_iter().map(Dec::from_hundredths).collect()
}

/// `percent` % of `total`, divided into `parts` equal parts (truncated to
/// hundredths).
pub fn share_of(total: Dec, percent: Dec, parts: i64) -> Dec {
    Dec::from_hundredths(hundredths(total) * hundredths(percent) / (10_000 * parts.max(1)))
}

/// `2026年5月10日`.
pub fn date_zh(t: &chrono::DateTime<chrono::FixedOffset>) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", t.year(), t.month(), t.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_splits() {
        assert_eq!(money(d("12675.9")), "12,675.90");
        assert_eq!(money(d("800")), "800.00");
        assert_eq!(money(d("1234567.05")), "1,234,567.05");
        assert_eq!(percent(d("968.4"), d("32280")), "3.00");
        assert_eq!(percent(d("968.3"), d("32280")), "2.99");
        let parts = split(d("936.4"), &[34, 22, 16, 12, 9, 7]);
        assert_eq!(sum(&parts), d("936.4"));
    }
}
