//! Exact decimal figures (docs/formats.md "Numbers"): fixed point in millionths.
//!
//! Figures carry at most two decimals, but scores may arrive with more (and
//! must then fail the step check, not be rounded into passing it), so six
//! places are kept. Every comparison with a threshold is integer arithmetic.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Sub};

use serde::de::{self, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// Units per whole number.
const SCALE: i64 = 1_000_000;
const PLACES: usize = 6;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dec(i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an exact decimal with at most six places within range: {0}")]
pub struct DecError(pub String);

impl Dec {
    pub const ZERO: Dec = Dec(0);

    pub const fn from_int(n: i64) -> Dec {
        Dec(n * SCALE)
    }

    /// Hundredths, e.g. `Dec::from_hundredths(69430)` is 694.3.
    pub const fn from_hundredths(n: i64) -> Dec {
        Dec(n * (SCALE / 100))
    }

    /// The raw value in millionths.
    pub const fn micros(self) -> i64 {
        self.0
    }

    pub const fn from_micros(n: i64) -> Dec {
        Dec(n)
    }

    /// Parses a plain decimal literal (`-12`, `694.3`, `0.000001`).
    pub fn parse(s: &str) -> Result<Dec, DecError> {
        let err = || DecError(s.to_string());
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty() || !digits(int) || !digits(frac) || (body.contains('.') && frac.is_empty()) {
            return Err(err());
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > PLACES {
            return Err(err());
        }
        let whole: i64 = int.parse().map_err(|_| err())?;
        let mut f: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| err())? };
        for _ in frac.len()..PLACES {
            f *= 10;
        }
        let v = whole.checked_mul(SCALE).and_then(|w| w.checked_add(f)).ok_or_else(err)?;
        Ok(Dec(if neg { -v } else { v }))
    }

    /// From a JSON float: its shortest round-trip form is the literal that
    /// was written (serde_json `float_roundtrip`), which is then read exactly.
    pub fn from_f64(x: f64) -> Result<Dec, DecError> {
        if !x.is_finite() {
            return Err(DecError(x.to_string()));
        }
        Dec::parse(&format!("{x}"))
    }

    pub fn to_f64(self) -> f64 {
        // Display gives the exact decimal; parsing it is correctly rounded.
        self.to_string().parse().unwrap_or(0.0)
    }

    pub fn checked_mul_int(self, k: i64) -> Option<Dec> {
        self.0.checked_mul(k).map(Dec)
    }

    pub fn checked_add(self, o: Dec) -> Option<Dec> {
        self.0.checked_add(o.0).map(Dec)
    }

    /// Sum that reports overflow instead of wrapping.
    pub fn checked_sum<I: IntoIterator<Item = Dec>>(it: I) -> Option<Dec> {
        it.into_iter().try_fold(Dec::ZERO, |acc, d| acc.checked_add(d))
    }

    /// Whether `self` is a whole multiple of `step` (a positive step).
    pub fn is_multiple_of(self, step: Dec) -> bool {
        step.0 > 0 && self.0 % step.0 == 0
    }

    /// `numerator / denominator` rounded half away from zero to two decimals
    /// (docs/formats.md §3: aggregates are rounded half-up), computed on integers.
    pub fn ratio_rounded_2(numerator: Dec, denominator: i64) -> Option<Dec> {
        if denominator == 0 {
            return None;
        }
        let unit = (SCALE / 100) as i128; // one hundredth in micros
        let n = numerator.0 as i128;
        let d = denominator as i128 * unit;
        let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
        let q = if n >= 0 { (2 * n + d) / (2 * d) } else { -((-2 * n + d) / (2 * d)) };
        i64::try_from(q * unit).ok().map(Dec)
    }

    /// Percentage `100·a/b` truncated toward zero to two decimals, for
    /// messages: truncation never shows 3% for a ratio that is below 3%.
    pub fn percent_truncated(a: Dec, b: Dec) -> Option<Dec> {
        if b.0 == 0 {
            return None;
        }
        let q = (a.0 as i128 * 100 * 100) / b.0 as i128; // hundredths of a percent
        i64::try_from(q * (SCALE / 100) as i128).ok().map(Dec)
    }
}

impl Add for Dec {
    type Output = Dec;
    fn add(self, o: Dec) -> Dec {
        Dec(self.0.saturating_add(o.0))
    }
}

impl Sub for Dec {
    type Output = Dec;
    fn sub(self, o: Dec) -> Dec {
        Dec(self.0.saturating_sub(o.0))
    }
}

impl PartialEq<i64> for Dec {
    fn eq(&self, o: &i64) -> bool {
        o.checked_mul(SCALE) == Some(self.0)
    }
}

impl PartialOrd<i64> for Dec {
    fn partial_cmp(&self, o: &i64) -> Option<Ordering> {
        Some((self.0 as i128).cmp(&(*o as i128 * SCALE as i128)))
    }
}

impl fmt::Display for Dec {
    /// Shortest exact form: `800`, `799.9`, `72.5`, `0.05`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_micros(self.0 as i128))
    }
}

/// Shortest exact decimal form of a value in millionths (also for sums,
/// which are kept in i128 so that no list of figures can overflow them).
pub fn format_micros(v: i128) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let abs = v.unsigned_abs();
    let (int, frac) = (abs / SCALE as u128, abs % SCALE as u128);
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let frac = format!("{frac:06}");
    format!("{sign}{int}.{}", frac.trim_end_matches('0'))
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % SCALE == 0 {
            s.serialize_i64(self.0 / SCALE)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> serde::Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Dec;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number with at most six decimals")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
                v.checked_mul(SCALE).map(Dec).ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(SCALE))
                    .map(Dec)
                    .ok_or_else(|| E::custom("number out of range"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
                Dec::from_f64(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Dec {
        Dec::parse(s).expect("valid decimal")
    }

    #[test]
    fn binary_float_traps_are_exact() {
        // 694.3 + 12.9 + 92.8 is 799.9999999999999 in f64.
        let float_sum: f64 = [694.3, 12.9, 92.8].iter().sum();
        assert!(float_sum < 800.0);
        let sum = Dec::checked_sum([d("694.3"), d("12.9"), d("92.8")]).expect("no overflow");
        assert_eq!(sum, 800);
        // Through JSON as well.
        let v: Vec<Dec> = serde_json::from_str("[694.3, 12.9, 92.8]").expect("json");
        assert_eq!(Dec::checked_sum(v).expect("sum"), 800);
    }

    #[test]
    fn parse_and_display() {
        assert_eq!(d("799.90").to_string(), "799.9");
        assert_eq!(d("-0.05").to_string(), "-0.05");
        assert_eq!(d("12").to_string(), "12");
        assert_eq!(d("0.000001").micros(), 1);
        for bad in ["", "1.", ".5", "1e3", "0.0000001", "--1", "1.2.3", "9999999999999999"] {
            assert!(Dec::parse(bad).is_err(), "{bad}");
        }
        let x: Dec = serde_json::from_str("0.1").expect("json");
        assert_eq!(x, Dec::from_hundredths(10));
        assert!(serde_json::from_str::<Dec>("\"1\"").is_err());
        assert!(serde_json::from_str::<Dec>("1e300").is_err());
    }

    #[test]
    fn rounding_half_up() {
        assert_eq!(Dec::ratio_rounded_2(d("236.5"), 3), Some(d("78.83")));
        assert_eq!(Dec::ratio_rounded_2(d("0.125"), 1), Some(d("0.13")));
        assert_eq!(Dec::ratio_rounded_2(d("-0.125"), 1), Some(d("-0.13")));
        assert_eq!(Dec::ratio_rounded_2(d("209.98"), 3), Some(d("69.99")));
        assert_eq!(Dec::ratio_rounded_2(d("1"), 0), None);
    }

    #[test]
    fn multiples_and_percent() {
        assert!(d("18.5").is_multiple_of(d("0.5")));
        assert!(!d("18.25").is_multiple_of(d("0.5")));
        assert!(!d("18.500001").is_multiple_of(d("0.5")));
        assert_eq!(Dec::percent_truncated(d("968.4"), d("32280")), Some(d("3")));
        assert_eq!(Dec::percent_truncated(d("968.3"), d("32280")), Some(d("2.99")));
        assert_eq!(serde_json::to_string(&[d("72.5"), d("800")]).expect("ser"), "[72.5,800]");
    }
}
