//! `package build | template | export-form`: the organiser's packages
//! (formats.md §6), from a manifest or the applicant's Excel form.

use std::path::Path;

use paneldesk_api::organizer::{form, package};
use paneldesk_core::manifest::Kind;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::failure::Failure;
use crate::table::clean;

fn need(args: &mut Args, name: &str) -> Result<String, Failure> {
    args.value(name)?
        .ok_or_else(|| Failure::usage(Msg::new(format!("缺少选项 {name}"), format!("missing option {name}"))))
}

/// `package build (--manifest M.json | --form F.xlsx) --docs DIR --out PKG.zip [--json]`.
pub fn build(args: &mut Args, lang: Lang) -> Result<(), Failure> {
    let json = args.flag("--json");
    let manifest = args.value("--manifest")?;
    let form_file = args.value("--form")?;
    let docs = need(args, "--docs")?;
    let out = need(args, "--out")?;
    args.finish()?;
    let manifest = match (manifest, form_file) {
        (Some(m), None) => package::manifest_from_file(Path::new(&m))?,
        (None, Some(f)) => form::manifest(Path::new(&f))?,
        _ => {
            return Err(Failure::usage(Msg::new(
                "请给出 --manifest 或 --form 之一",
                "give exactly one of --manifest or --form",
            )))
        }
    };
    let built = crate::data::replacing(&out, || package::build(manifest, Path::new(&docs), Path::new(&out)), lang)?;
    for f in &built.left_out {
        let m = Msg::new(
            format!("提示：文件夹中的 {f} 未在清单中列出，未放入材料包"),
            format!("note: {f} in the folder is not listed in the manifest and was left out"),
        );
        note!("{}", clean(m.get(lang)));
    }
    let c = &built.checked;
    for f in paneldesk_api::organizer::workbench::not_shown(&c.package.manifest) {
        let m = Msg::new(
            format!("提示：{f} 不是 PDF、JPEG/PNG 图片或 .xlsx 电子表格，专家在评审台中只能看到其名称和 SHA-256，无法直接查看"),
            format!("note: {f} is not a PDF, a JPEG/PNG image or an .xlsx workbook; experts' windows show only its name and SHA-256"),
        );
        note!("{}", clean(m.get(lang)));
    }
    if json {
        say!("{}", c.review.to_json(lang));
    } else {
        let head = match lang {
            Lang::Zh => format!("已生成材料包 {}（SHA-256 {}）", clean(&c.package.manifest.id), c.sha256),
            Lang::En => format!("built package {} (SHA-256 {})", clean(&c.package.manifest.id), c.sha256),
        };
        say!("{head}\n{}", crate::check::report(&c.review, lang));
    }
    Ok(())
}

/// `package template --kind K --out FORM.xlsx`.
pub fn template(args: &mut Args, lang: Lang) -> Result<(), Failure> {
    let kind = need(args, "--kind")?;
    let out = need(args, "--out")?;
    args.finish()?;
    let kind: Kind = serde_json::from_value(serde_json::Value::String(kind.clone())).map_err(|_| {
        Failure::usage(Msg::new(
            format!("未知的评审类型 “{kind}”，可用 establishment、acceptance、periodic"),
            format!("unknown kind \"{kind}\"; use establishment, acceptance or periodic"),
        ))
    })?;
    crate::data::replacing(&out, || form::template(kind, Path::new(&out)), lang)?;
    let m = Msg::new(format!("已写出空白申报数据表 {out}"), format!("wrote an empty application form to {out}"));
    say!("{}", clean(m.get(lang)));
    Ok(())
}

/// `package export-form PKG.zip --out FORM.xlsx`.
pub fn export_form(args: &mut Args, lang: Lang) -> Result<(), Failure> {
    let out = need(args, "--out")?;
    let pkg = args.required("材料包文件路径", "the package file")?;
    args.finish()?;
    crate::data::replacing(&out, || form::export(Path::new(&pkg), Path::new(&out)), lang)?;
    let m = Msg::new(format!("已写出 {pkg} 的申报数据表 {out}"), format!("wrote the form of {pkg} to {out}"));
    say!("{}", clean(m.get(lang)));
    Ok(())
}
