//! `identity profile` and `identity show`: who this data folder belongs to.
//! (`identity create`, with the signing key, comes with the signing crate.)

use paneldesk_core::{Lang, Msg};
use paneldesk_store::identity::Profile;

use crate::args::Args;
use crate::data;
use crate::failure::Failure;

pub fn profile(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let p = read_profile(args)?;
    args.finish()?;
    let mut store = data::open(data_dir)?;
    store.set_identity(&p, None)?;
    let m = Msg::new(
        format!("已登记专家 {}（{}，{}，{}）", p.name, p.expert_id, p.title, p.affiliation),
        format!("recorded expert {} ({}, {}, {})", p.name, p.expert_id, p.title, p.affiliation),
    );
    println!("{}", m.get(lang));
    Ok(())
}

pub fn read_profile(args: &mut Args) -> Result<Profile, Failure> {
    let mut get = |opt: &str| -> Result<String, Failure> {
        let v = args.value(opt)?.unwrap_or_default();
        if v.trim().is_empty() {
            return Err(Failure::usage(Msg::new(format!("缺少选项 {opt}"), format!("missing option {opt}"))));
        }
        Ok(v)
    };
    Ok(Profile {
        expert_id: get("--expert-id")?,
        name: get("--name")?,
        title: get("--title")?,
        affiliation: get("--affiliation")?,
    })
}

pub fn show(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let json = args.flag("--json");
    args.finish()?;
    let store = data::open(data_dir)?;
    let p = data::profile(&store)?;
    let cert = store.keys()?.map(|k| k.certificate_sha256);
    if json {
        println!(
            "{}",
            serde_json::json!({"expert_id": p.expert_id, "name": p.name, "title": p.title,
            "affiliation": p.affiliation, "certificate_sha256": cert})
        );
    } else {
        let cert =
            cert.unwrap_or_else(|| Msg::new("（尚无签名证书）", "(no signing certificate yet)").get(lang).to_string());
        println!("{} · {} · {} · {}\n{cert}", p.expert_id, p.name, p.title, p.affiliation);
    }
    Ok(())
}
