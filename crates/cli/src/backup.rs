//! `backup --out FILE.pdbak`, `restore FILE.pdbak` and `export-signed
//! --batch ID --out DIR_OR_FILE.zip` (paneldesk_api::backup).

use std::path::{Path, PathBuf};

use paneldesk_api::backup;
use paneldesk_api::data as api_data;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::data;
use crate::failure::Failure;
use crate::table::clean;

fn out_option(args: &mut Args) -> Result<String, Failure> {
    args.value("--out")?.ok_or_else(|| {
        Failure::usage(Msg::new(
            "缺少选项 --out。运行 paneldesk-cli help 查看用法",
            "missing option --out. Run paneldesk-cli help for usage",
        ))
    })
}

/// `backup --out FILE.pdbak [--force]`.
pub fn backup(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let out = out_option(args)?;
    let force = args.flag("--force");
    args.finish()?;
    let store = data::open(data_dir)?;
    let done = backup::backup(&store, Path::new(&out), force, || {
        crate::passphrase::read("签名口令（用于加密备份）", "signing passphrase (encrypts the backup)")
    })?;
    let m = Msg::new(
        format!("已备份 {} 个文件（{} 字节）到 {out}（加密后 {} 字节）", done.files, done.bytes, done.file_bytes),
        format!("backed up {} files ({} bytes) to {out} ({} bytes encrypted)", done.files, done.bytes, done.file_bytes),
    );
    say!("{}", clean(m.get(lang)));
    Ok(())
}

/// `restore FILE.pdbak`: into the `--data-dir` folder, which must be
/// missing or empty. The folder is not opened (nor its log started) before.
pub fn restore(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let file = args.required("备份文件路径（.pdbak）", "the backup file (.pdbak)")?;
    args.finish()?;
    let target = api_data::data_dir(data_dir.map(PathBuf::from)).ok_or_else(|| {
        Failure::usage(Msg::new(
            "找不到应用数据目录。请用 --data-dir 指定要恢复到的空目录",
            "no app-data folder could be found. Give the empty folder to restore into with --data-dir",
        ))
    })?;
    backup::check_target(&target)?;
    let done = backup::restore(Path::new(&file), &target, || {
        crate::passphrase::read("备份的签名口令", "the backup's signing passphrase")
    })?;
    let dir = target.display();
    let m = Msg::new(
        format!(
            "已将 {} 个文件恢复到 {dir}；审计日志完整：共 {} 条记录，链首哈希 {}",
            done.files, done.audit.rows, done.audit.head
        ),
        format!(
            "restored {} files into {dir}; audit log intact: {} rows, head {}",
            done.files, done.audit.rows, done.audit.head
        ),
    );
    say!("{}", clean(m.get(lang)));
    Ok(())
}

/// `export-signed --batch ID --out DIR_OR_FILE.zip [--force]`.
pub fn export_signed(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let batch = args.value("--batch")?.ok_or_else(|| {
        Failure::usage(Msg::new(
            "缺少选项 --batch。运行 paneldesk-cli help 查看用法",
            "missing option --batch. Run paneldesk-cli help for usage",
        ))
    })?;
    let out = out_option(args)?;
    let force = args.flag("--force");
    args.finish()?;
    let store = data::open(data_dir)?;
    let done = backup::export_signed(&store, &batch, Path::new(&out), force)?;
    for name in &done.files {
        say!("  {}", clean(name));
    }
    let n = done.files.len();
    let m = if done.zip {
        Msg::new(format!("已导出 {n} 份已签署的评审意见到 {out}"), format!("exported {n} signed reviews to {out}"))
    } else {
        Msg::new(
            format!("已导出 {n} 份已签署的评审意见到目录 {out}"),
            format!("exported {n} signed reviews into the folder {out}"),
        )
    };
    say!("{}", clean(m.get(lang)));
    Ok(())
}
