//! `check PACKAGE.zip [--json]`: the formal review of one package.

use std::path::Path;

use paneldesk_api::check;
use paneldesk_core::rules::FormalReview;
use paneldesk_core::Lang;

use crate::args::Args;
use crate::failure::Failure;
use crate::table;

pub fn run(args: &mut Args, lang: Lang) -> Result<(), Failure> {
    let json = args.flag("--json");
    let path = args.required("材料包文件路径", "the package file")?;
    args.finish()?;
    let c = check::package_file(Path::new(&path))?;
    if json {
        say!("{}", c.review.to_json(lang));
    } else {
        let m = &c.package.manifest;
        let (center, lead, sha256) = (table::clean(&m.center.name), table::clean(&m.lead_unit.name), &c.sha256);
        let id = table::clean(&m.id);
        let head = match lang {
            Lang::Zh => format!("材料包 {id} · {} · {center}\n牵头单位：{lead}\nSHA-256：{sha256}", m.kind.label().zh),
            Lang::En => {
                format!("Package {id} · {} · {center}\nLead unit: {lead}\nSHA-256: {sha256}", m.kind.label().en)
            }
        };
        say!("{head}\n{}", report(&c.review, lang));
    }
    Ok(())
}

/// The verdict and a table of the rules, for people.
pub fn report(r: &FormalReview, lang: Lang) -> String {
    let header = match lang {
        Lang::Zh => ["规则", "结果", "依据", "说明"],
        Lang::En => ["rule", "result", "article", "finding"],
    };
    let rows: Vec<Vec<String>> = r
        .rules
        .iter()
        .map(|x| {
            vec![
                x.id.to_string(),
                x.result.label().get(lang).to_string(),
                x.article.to_string(),
                x.message.get(lang).to_string(),
            ]
        })
        .collect();
    let verdict = match lang {
        Lang::Zh => format!("形式审查结论：{}（{}）", r.verdict.label().zh, r.verdict.as_str()),
        Lang::En => format!("Formal review: {} ({})", r.verdict.label().en, r.verdict.as_str()),
    };
    format!("{verdict}\n\n{}", table::render(&header, &rows))
}
