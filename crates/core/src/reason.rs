//! Why a file could not be read, written or parsed, in Chinese words: the
//! libraries' English text (`No such file or directory`, `invalid Zip
//! archive: Could not find EOCD`, `missing field`) never goes into a Chinese
//! sentence. The English messages may still carry the library's text.

/// An I/O failure as a Chinese reader would say it.
pub fn io_zh(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有访问权限",
        K::AlreadyExists => "同名文件已存在",
        K::StorageFull => "磁盘空间不足",
        K::ReadOnlyFilesystem => "磁盘或文件夹为只读",
        K::IsADirectory => "这是一个文件夹，不是文件",
        K::NotADirectory => "这不是一个文件夹",
        K::DirectoryNotEmpty => "文件夹不是空的",
        K::InvalidFilename => "文件名无效",
        K::UnexpectedEof => "文件不完整",
        K::InvalidData => "文件内容无效",
        K::Interrupted | K::TimedOut => "读写被中断",
        K::ResourceBusy => "文件正被其他程序使用",
        _ => "读写失败",
    }
}

/// Where and how a JSON file is wrong, in Chinese: the line and column,
/// the kind of fault, and the field named by the parser, if any.
pub fn json_zh(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match e.classify() {
        Category::Syntax => "格式有误（不是有效的 JSON）",
        Category::Data => "内容与要求不符",
        Category::Eof => "文件在此处意外结束",
        Category::Io => "读取失败",
    };
    // serde names the field or value between backticks.
    let text = e.to_string();
    let field = text.split('`').nth(1).filter(|f| !f.is_empty() && f.len() <= 64);
    match field {
        Some(f) => format!("第 {} 行第 {} 列{what}（涉及 {f}）", e.line(), e.column()),
        None => format!("第 {} 行第 {} 列{what}", e.line(), e.column()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_library_english_in_the_chinese_reason() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": 1,\n}").expect_err("bad json");
        let zh = json_zh(&e);
        assert!(zh.starts_with("第 3 行") && !zh.contains("trailing") && !zh.contains("expected"), "{zh}");
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Sheet {
            scores: Vec<u32>,
        }
        let e = serde_json::from_str::<Sheet>("{}").expect_err("missing field");
        assert!(json_zh(&e).contains("涉及 scores"), "{}", json_zh(&e));
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_zh(&e), "文件或文件夹不存在");
    }
}
