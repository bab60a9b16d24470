//! Entry names a package may use: relative, forward slashes, UTF-8, no way
//! out of the package's own folder whatever the platform.

use crate::text::Msg;

/// Longest accepted entry name, in bytes.
pub const MAX_NAME_BYTES: usize = 512;

/// Checks a ZIP entry name (or a manifest path) and returns it as text.
pub fn check_entry_name(raw: &[u8]) -> Result<&str, Msg> {
    let name = std::str::from_utf8(raw).map_err(|_| Msg::new("文件名不是 UTF-8 编码", "the name is not UTF-8"))?;
    if name.is_empty() || name.len() > MAX_NAME_BYTES {
        return Err(Msg::new("文件名为空或过长", "the name is empty or too long"));
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return Err(Msg::new("绝对路径", "an absolute path"));
    }
    if name.contains('\\') {
        return Err(Msg::new("含有反斜杠", "it contains a backslash"));
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(Msg::new("含有控制字符", "it contains a control character"));
    }
    let body = name.strip_suffix('/').unwrap_or(name);
    for part in body.split('/') {
        match part {
            "" => return Err(Msg::new("含有空的路径段", "it has an empty path segment")),
            "." | ".." => return Err(Msg::new("含有 . 或 .. 路径段", "it has a . or .. segment")),
            _ if part.contains(':') => {
                return Err(Msg::new("含有冒号（盘符或数据流）", "it contains a colon (drive or stream)"))
            }
            _ => {}
        }
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::check_entry_name;

    #[test]
    fn accepts_plain_relative_names() {
        for ok in ["manifest.json", "docs/申报书.pdf", "docs/", "a/b/c.d.pdf", "..x/y"] {
            assert!(check_entry_name(ok.as_bytes()).is_ok(), "{ok}");
        }
    }

    #[test]
    fn refuses_escapes() {
        for bad in [
            "/etc/passwd",
            "../x",
            "docs/../../x",
            "a/./b",
            "a//b",
            "\\x",
            "a\\..\\b",
            "C:/x",
            "c:x",
            "",
            "a\0b",
            "a/\nb",
        ] {
            assert!(check_entry_name(bad.as_bytes()).is_err(), "{bad:?}");
        }
        assert!(check_entry_name(&[0x64, 0xff, 0x2e]).is_err());
        assert!(check_entry_name("x".repeat(513).as_bytes()).is_err());
    }
}
