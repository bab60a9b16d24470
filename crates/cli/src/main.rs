//! `paneldesk-cli`: the headless face of PanelDesk (shared/spec/cli.md).
//! Exit status: 0 done, 1 refused by the rules, 2 input unusable.

mod args;
mod batch;
mod check;
mod failure;
mod table;

use std::process::ExitCode;

use args::Args;
use failure::Failure;
use paneldesk_core::{Lang, Msg};

const USAGE_ZH: &str = "用法：paneldesk-cli [--data-dir 目录] [--lang zh|en] <命令>
命令：
  check 材料包.zip [--json]        形式审查一个申报材料包
  batch check 批次.zip [--json]    检查评审批次及其中每个材料包
  help                             显示本帮助";
const USAGE_EN: &str = "usage: paneldesk-cli [--data-dir DIR] [--lang zh|en] <command>
commands:
  check PACKAGE.zip [--json]       formal review of one application package
  batch check BATCH.zip [--json]   check a batch and every package in it
  help                             show this help";

fn main() -> ExitCode {
    let mut args = Args::from_env();
    match run(&mut args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.line());
            ExitCode::from(f.exit)
        }
    }
}

fn run(args: &mut Args) -> Result<(), Failure> {
    let lang = args.global_lang()?;
    let _data_dir = args.value("--data-dir")?;
    let command = args.positional();
    match command.as_deref() {
        Some("check") => check::run(args, lang),
        Some("batch") => match args.positional().as_deref() {
            Some("check") => batch::check(args, lang),
            other => Err(unknown(other, "batch")),
        },
        Some("help") | Some("--help") | Some("-h") => {
            println!("{}", if lang == Lang::En { USAGE_EN } else { USAGE_ZH });
            Ok(())
        }
        Some("--version") | Some("version") => {
            println!("paneldesk-cli {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        other => Err(unknown(other, "")),
    }
}

fn unknown(word: Option<&str>, after: &str) -> Failure {
    let what = format!("{after} {}", word.unwrap_or("")).trim().to_string();
    Failure::usage(Msg::new(
        format!("未知命令 “{what}”。运行 paneldesk-cli help 查看可用命令"),
        format!("unknown command \"{what}\". Run paneldesk-cli help for the commands"),
    ))
}
