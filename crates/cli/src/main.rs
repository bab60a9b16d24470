//! `paneldesk-cli`: the headless face of PanelDesk (docs/cli.md).
//! Exit status: 0 done, 1 refused by the rules, 2 input unusable.

/// A line on standard output. A reader that went away (a closed pipe:
/// `paneldesk-cli batch check B.zip | head -1`) is not an error of ours:
/// the command ends as it would have, with its own exit status, instead of
/// panicking in `println!`.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// A line on standard error (a note beside the output), likewise never a
/// panic when nobody reads it.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

mod args;
mod audit;
mod backup;
mod batch;
mod check;
mod consensus;
mod consolidate;
mod data;
mod failure;
mod identity;
mod issue;
mod package;
mod passphrase;
mod review;
mod table;
mod verify;

use std::process::ExitCode;

use args::Args;
use failure::Failure;
use paneldesk_core::{Lang, Msg};

const USAGE_ZH: &str = "用法：paneldesk-cli [--data-dir 目录] [--lang zh|en] <命令>
命令：
  check 材料包.zip [--json]                     形式审查一个申报材料包
  batch check 批次.zip [--json]                 检查评审批次及其中每个材料包
  batch import 批次.zip [--trust-organizer SHA256] [--require-signed]
                                                导入评审批次（先验证签发签名，再逐个检查材料包）
  batch build --spec 说明.json --out 批次.zip [--unsigned]
                                                组织方：签发评审批次（专家名单取自证书）
  package build (--manifest 清单.json | --form 数据表.xlsx) --docs 目录 --out 材料包.zip [--json]
                                                组织方：生成申报材料包并显示形式审查
  package template --kind establishment|acceptance|periodic --out 数据表.xlsx
                                                组织方：空白申报数据表（Excel）
  package export-form 材料包.zip --out 数据表.xlsx  组织方：导出已有材料包的申报数据表
  identity create --expert-id 编号 --name 姓名 --title 职称 --affiliation 单位
                                                生成签名密钥与证书（口令取自 PANELDESK_PASSPHRASE 或终端）
  identity create --organizer-id 编号 --name 单位名称
                                                组织方（市科技局）的签发密钥与证书
  identity import 证书.p12 [--expert-id 编号] [--title 职称]
                                                使用 CA 签发的证书与密钥
  identity export-cert --out 证书.pem           导出本数据目录的证书（供组织方登记专家）
  identity profile --expert-id 编号 --name 姓名 --title 职称 --affiliation 单位
                                                登记本数据目录的专家（不含签名密钥）
  identity show [--json]                        显示本数据目录的专家身份
  review score --package 编号 --input 评分.json [--batch 批次编号]
                                                记录评分表（无效、回避或不在名单：退出码 1）
  review sign --package 编号 [--phase desk|site_visit] --out 文件.pdf [--revision-reason 理由]
                                                生成并签署评审意见表 PDF（已签署后再评分为复议，须说明理由）
  consensus cosign 专家组意见.pdf --out 文件.pdf  专家组成员在专家组意见上会签
  verify 文件.pdf [--json]                      校验签名评审意见或专家组意见（有效 0，无效 1）
  consolidate --batch 批次编号 --reviews 目录或.zip --out 目录 [--opinions 意见.json] [--json]
              [--accept-new-certificates]       组长汇总：校验、计分、签署专家组意见、排名 PDF/Excel
  verify-audit [--json]                         校验审计日志哈希链与数据文件完整性
  export-signed --batch 批次编号 --out 目录或文件.zip [--force]
                                                导出该批次已签署的评审意见（供组长 consolidate --reviews）
  backup --out 文件.pdbak [--force]             备份整个数据目录（以签名口令加密）
  restore 文件.pdbak                            将备份恢复到空的或尚不存在的 --data-dir（先校验完整性与审计日志）
  help                                          显示本帮助
全局选项：--data-dir 目录（或环境变量 PANELDESK_DATA_DIR）";
const USAGE_EN: &str = "usage: paneldesk-cli [--data-dir DIR] [--lang zh|en] <command>
commands:
  check PACKAGE.zip [--json]                    formal review of one application package
  batch check BATCH.zip [--json]                check a batch and every package in it
  batch import BATCH.zip [--trust-organizer SHA256] [--require-signed]
                                                import a batch (its issuing signature first, then every package)
  batch build --spec SPEC.json --out BATCH.zip [--unsigned]
                                                organiser: issue a signed batch (the panel from certificates)
  package build (--manifest M.json | --form FORM.xlsx) --docs DIR --out PKG.zip [--json]
                                                organiser: build a package and show its formal review
  package template --kind establishment|acceptance|periodic --out FORM.xlsx
                                                organiser: an empty application form (Excel)
  package export-form PKG.zip --out FORM.xlsx   organiser: the form of an existing package
  identity create --expert-id ID --name N --title T --affiliation A
                                                make a signing key and certificate (passphrase: PANELDESK_PASSPHRASE or terminal)
  identity create --organizer-id ID --name NAME
                                                the organiser's (bureau's) issuing key and certificate
  identity import FILE.p12 [--expert-id ID] [--title T]
                                                use a CA-issued key and certificate instead
  identity export-cert --out FILE.pem           export this folder's certificate (for the roster)
  identity profile --expert-id ID --name N --title T --affiliation A
                                                record this folder's expert (no signing key)
  identity show [--json]                        show this folder's expert identity
  review score --package ID --input SCORES.json [--batch ID]
                                                record a score sheet (exit 1: invalid, conflict, not on panel)
  review sign --package ID [--phase desk|site_visit] --out FILE.pdf [--revision-reason TEXT]
                                                render and sign the review form as a PDF (after signing, a new sheet is a 复议: give the reason)
  consensus cosign OPINION.pdf --out FILE.pdf   a panel member co-signs the panel's opinion
  verify FILE.pdf [--json]                      check a signed review or panel opinion (0 valid, 1 not)
  consolidate --batch ID --reviews DIR|FILE.zip --out DIR [--opinions FILE.json] [--json]
              [--accept-new-certificates]       chair: verify, aggregate, sign panel opinions, ranking PDF/Excel
  verify-audit [--json]                         check the audit chain and the data file's integrity
  export-signed --batch ID --out DIR_OR_FILE.zip [--force]
                                                export the batch's signed reviews (for the chair's consolidate --reviews)
  backup --out FILE.pdbak [--force]             back up the whole data folder (encrypted with the signing passphrase)
  restore FILE.pdbak                            restore into an empty or new --data-dir (integrity and audit log checked first)
  help                                          show this help
global: --data-dir DIR (or PANELDESK_DATA_DIR)";

fn main() -> ExitCode {
    let mut args = Args::from_env();
    match run(&mut args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr().lock(), "{}", f.line());
            ExitCode::from(f.exit)
        }
    }
}

fn run(args: &mut Args) -> Result<(), Failure> {
    let lang = args.global_lang()?;
    let data_dir = args.value("--data-dir")?;
    let data_dir = data_dir.as_deref();
    let command = args.positional();
    match command.as_deref() {
        Some("check") => check::run(args, lang),
        Some("batch") => match args.positional().as_deref() {
            Some("check") => batch::check(args, lang),
            Some("import") => batch::import(args, lang, data_dir),
            Some("build") => issue::build(args, lang, data_dir),
            other => Err(unknown(other, "batch")),
        },
        Some("package") => match args.positional().as_deref() {
            Some("build") => package::build(args, lang),
            Some("template") => package::template(args, lang),
            Some("export-form") => package::export_form(args, lang),
            other => Err(unknown(other, "package")),
        },
        Some("identity") => match args.positional().as_deref() {
            Some("create") => identity::create(args, lang, data_dir),
            Some("import") => identity::import(args, lang, data_dir),
            Some("export-cert") => identity::export_cert(args, lang, data_dir),
            Some("profile") => identity::profile(args, lang, data_dir),
            Some("show") => identity::show(args, lang, data_dir),
            other => Err(unknown(other, "identity")),
        },
        Some("review") => match args.positional().as_deref() {
            Some("score") => review::score(args, lang, data_dir),
            Some("sign") => review::sign(args, lang, data_dir),
            other => Err(unknown(other, "review")),
        },
        Some("consensus") => match args.positional().as_deref() {
            Some("cosign") => consensus::cosign(args, lang, data_dir),
            other => Err(unknown(other, "consensus")),
        },
        Some("verify-audit") => audit::run(args, lang, data_dir),
        Some("export-signed") => backup::export_signed(args, lang, data_dir),
        Some("backup") => backup::backup(args, lang, data_dir),
        Some("restore") => backup::restore(args, lang, data_dir),
        Some("verify") => verify::run(args, lang),
        Some("consolidate") => consolidate::run(args, lang, data_dir),
        Some("help") | Some("--help") | Some("-h") => {
            say!("{}", if lang == Lang::En { USAGE_EN } else { USAGE_ZH });
            Ok(())
        }
        Some("--version") | Some("version") => {
            say!("paneldesk-cli {}", env!("CARGO_PKG_VERSION"));
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
