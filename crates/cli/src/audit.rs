//! `verify-audit`: the store's hash-chained audit log and its reconciliation.

use paneldesk_api::audit;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::data;
use crate::failure::Failure;

pub fn run(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let json = args.flag("--json");
    args.finish()?;
    let report = audit::verify(&data::open(data_dir)?)?;
    if json {
        say!(
            "{}",
            serde_json::json!({"ok": report.ok(), "rows": report.rows, "broken_at": report.broken_at,
            "mismatched": report.mismatched, "head": report.head, "integrity_check": report.integrity_check,
            "anchors": report.anchors, "anchor_problems": report.anchor_problems})
        );
    } else if report.ok() {
        let m = Msg::new(
            format!(
                "审计日志完整：共 {} 条记录，链首哈希 {}；与 {} 份本机签署文件中记录的日志状态一致",
                report.rows, report.head, report.anchors
            ),
            format!(
                "audit log intact: {} rows, head {}; agrees with the state recorded in {} files signed here",
                report.rows, report.head, report.anchors
            ),
        );
        say!("{}", m.get(lang));
    }
    report.problem().map_or(Ok(()), |e| Err(e.into()))
}
