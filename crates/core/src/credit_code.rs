//! 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet,
//! the last one a check character over the first 17.

/// The code's alphabet in value order (no I, O, S, V, Z).
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weight of position i is 3^i mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters, if they are all valid.
pub fn check_char(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (&b, w) in bytes.iter().zip(WEIGHTS) {
        sum += value(b)? * w;
    }
    let c = (31 - sum % 31) % 31;
    Some(ALPHABET[c as usize] as char)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeProblem {
    Length,
    Characters,
    CheckCharacter,
}

pub fn validate(code: &str) -> Result<(), CodeProblem> {
    if code.chars().count() != 18 {
        return Err(CodeProblem::Length);
    }
    if !code.bytes().all(|b| value(b).is_some()) {
        return Err(CodeProblem::Characters);
    }
    match check_char(&code[..17]) {
        Some(c) if code.ends_with(c) => Ok(()),
        _ => Err(CodeProblem::CheckCharacter),
    }
}

/// Completes 17 characters with their check character (for fixtures).
pub fn complete(first17: &str) -> Option<String> {
    check_char(first17).map(|c| format!("{first17}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_codes_verify() {
        // Codes printed on public business licences.
        for code in ["91110000802100433B", "91440300708461136T", "91370000163044841F"] {
            assert_eq!(validate(code), Ok(()), "{code}");
        }
    }

    #[test]
    fn every_wrong_check_character_is_caught() {
        let good = "91110000802100433B";
        for &c in ALPHABET.iter().filter(|&&c| c != b'B') {
            let bad = format!("{}{}", &good[..17], c as char);
            assert_eq!(validate(&bad), Err(CodeProblem::CheckCharacter));
        }
    }

    #[test]
    fn shape_problems() {
        assert_eq!(validate("91110000802100433"), Err(CodeProblem::Length));
        assert_eq!(validate("91110000802100433BB"), Err(CodeProblem::Length));
        assert_eq!(validate("9111000080210043IB"), Err(CodeProblem::Characters));
        assert_eq!(validate("91110000802100433b"), Err(CodeProblem::Characters));
        assert_eq!(validate("９1110000802100433B"), Err(CodeProblem::Characters));
        assert_eq!(complete("91371500MA3C4K2P1").map(|c| validate(&c)), Some(Ok(())));
    }
}
