//! `verify-audit`: walks the store's hash-chained audit log.

use paneldesk_core::{Lang, Msg};
use paneldesk_store::audit;

use crate::args::Args;
use crate::data;
use crate::failure::Failure;

pub fn run(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let json = args.flag("--json");
    args.finish()?;
    let store = data::open(data_dir)?;
    let report = audit::verify(store.conn())?;
    let integrity = store.integrity_ok()?;
    if json {
        println!(
            "{}",
            serde_json::json!({"ok": report.ok() && integrity, "rows": report.rows,
            "broken_at": report.broken_at, "mismatched": report.mismatched, "head": report.head,
            "integrity_check": integrity})
        );
    } else if report.ok() && integrity {
        let m = Msg::new(
            format!("审计日志完整：共 {} 条记录，链首哈希 {}", report.rows, report.head),
            format!("audit log intact: {} rows, head {}", report.rows, report.head),
        );
        println!("{}", m.get(lang));
    }
    if !integrity {
        return Err(Failure::refused(Msg::new(
            "数据文件未通过 SQLite 完整性检查。请停止使用并保留该文件，联系技术支持",
            "the data file fails SQLite's integrity check. Stop using it, keep the file and contact support",
        )));
    }
    if let Some(seq) = report.broken_at {
        return Err(Failure::refused(Msg::new(
            format!("审计日志第 {seq} 条记录被改动或删除：数据文件已被篡改。请保留该文件并报告专家组组长"),
            format!("audit log row {seq} was altered or removed: the data file has been tampered with. Keep it and tell the chair"),
        )));
    }
    if !report.mismatched.is_empty() {
        let list = report.mismatched.iter().take(5).cloned().collect::<Vec<_>>().join("; ");
        return Err(Failure::refused(Msg::new(
            format!("评分或签名记录与审计日志不符（{list}）：数据文件已被篡改。请保留该文件并报告专家组组长"),
            format!("score or signature records differ from the audit log ({list}): the data file has been tampered with. Keep it and tell the chair"),
        )));
    }
    Ok(())
}
