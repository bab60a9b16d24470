//! Plain-text tables that line up in a terminal with Chinese text, whose
//! characters take two columns.

/// Columns a character takes in a monospace terminal (East Asian Wide and
/// Fullwidth ranges take two).
fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Text from a package, a file name or a certificate as it may reach a
/// terminal: control characters (escape sequences, carriage returns,
/// newlines) become "�", so nothing is interpreted by the terminal.
pub fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn pad(s: &str, to: usize) -> String {
    format!("{s}{}", " ".repeat(to.saturating_sub(width(s))))
}

/// Renders rows under a header; the last column is left ragged.
pub fn render(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clean(c)).collect()).collect();
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate().take(cols) {
            widths[i] = widths[i].max(width(cell));
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out: Vec<String> = Vec::with_capacity(cols);
        for (i, cell) in cells.iter().enumerate() {
            out.push(if i + 1 == cols { cell.to_string() } else { pad(cell, widths[i]) });
        }
        format!("  {}", out.join("  ")).trim_end().to_string()
    };
    let mut out = vec![line(header.to_vec())];
    out.push(format!("  {}", "─".repeat(widths.iter().sum::<usize>() + 2 * (cols - 1))));
    for row in &rows {
        out.push(line(row.iter().map(String::as_str).collect()));
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_takes_two_columns() {
        assert_eq!(width("通过"), 4);
        assert_eq!(width("m²，"), 4);
        let t = render(&["规则", "结果"], &[vec!["space".into(), "通过".into()]]);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "  规则   结果");
        assert_eq!(lines[2], "  space  通过");
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let t = render(&["a", "b"], &[vec!["x\u{1b}[31m".into(), "y\r\nz".into()]]);
        assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
        assert_eq!(t.lines().count(), 3);
    }
}
