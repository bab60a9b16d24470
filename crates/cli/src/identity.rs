//! `identity create | import | profile | show`: who this data folder belongs
//! to, and the key they sign with (stored encrypted under their passphrase).

use std::path::Path;

use paneldesk_api::identity::{self, IdentityStatus, ImportOverrides};
use paneldesk_api::profile::{self, ProfileDto};
use paneldesk_api::ErrorCode;
use paneldesk_core::{Lang, Msg};

use crate::args::Args;
use crate::data;
use crate::failure::Failure;
use crate::table::clean;

pub fn profile(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let p = read_profile(args)?;
    args.finish()?;
    let p = profile::set(&mut data::open(data_dir)?, &p)?;
    let m = Msg::new(
        format!("已登记专家 {}（{}，{}，{}）", p.name, p.expert_id, p.title, p.affiliation),
        format!("recorded expert {} ({}, {}, {})", p.name, p.expert_id, p.title, p.affiliation),
    );
    say!("{}", clean(m.get(lang)));
    Ok(())
}

/// `identity create`: a new P-256 key and self-signed certificate, for an
/// expert or (with `--organizer-id`) for the bureau that issues batches.
pub fn create(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    if let Some(organizer_id) = args.value("--organizer-id")? {
        let name = args.value("--name")?.filter(|n| !n.trim().is_empty()).ok_or_else(|| {
            Failure::usage(Msg::new(
                "缺少选项 --name（组织方单位名称）",
                "missing option --name (the organiser's name)",
            ))
        })?;
        args.finish()?;
        let mut store = data::open(data_dir)?;
        let passphrase = crate::passphrase::read("设置组织方签名口令", "choose the organiser's signing passphrase")?;
        let status = identity::create_organizer(&mut store, &organizer_id, &name, &passphrase)?;
        let cert = status.certificate_sha256.as_deref().unwrap_or("-");
        let m = Msg::new(
            format!("已为组织方 {name}（{organizer_id}）建立签名身份，证书 SHA-256：{cert}"),
            format!("signing identity ready for organiser {name} ({organizer_id}), certificate SHA-256 {cert}"),
        );
        say!("{}", clean(m.get(lang)));
        return Ok(());
    }
    let p = read_profile(args)?;
    args.finish()?;
    let mut store = data::open(data_dir)?;
    let passphrase = crate::passphrase::read("设置签名口令", "choose a signing passphrase")?;
    let status = identity::create(&mut store, Some(&p), &passphrase)?;
    ready(&store, &status, lang)
}

/// `identity export-cert --out FILE.pem`: this folder's certificate, for
/// the organiser's roster (or, an organiser's, for experts to compare).
pub fn export_cert(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let out = args.value("--out")?.ok_or_else(|| Failure::usage(Msg::new("缺少选项 --out", "missing option --out")))?;
    args.finish()?;
    let store = data::open(data_dir)?;
    let pem = identity::export_cert(&store)?;
    data::replacing(&out, || paneldesk_api::data::write_file(Path::new(&out), pem.as_bytes()), lang)?;
    let sha = identity::status(&store)?.certificate_sha256.unwrap_or_default();
    let m = Msg::new(
        format!("已导出证书 {out}（SHA-256 {sha}）"),
        format!("exported the certificate to {out} (SHA-256 {sha})"),
    );
    say!("{}", clean(m.get(lang)));
    Ok(())
}

/// `identity import FILE.p12`: a CA-issued key and certificate instead.
pub fn import(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let file = args.required("证书文件路径（.p12/.pfx）", "the certificate file (.p12/.pfx)")?;
    let overrides = ImportOverrides { expert_id: args.value("--expert-id")?, title: args.value("--title")? };
    args.finish()?;
    let bytes = identity::read_p12(Path::new(&file))?;
    let mut store = data::open(data_dir)?;
    let passphrase = crate::passphrase::read(
        "证书文件口令（也将用于加密本机保存的密钥）",
        "the file's passphrase (also protects the stored key)",
    )?;
    let status = match identity::import_with_profile(&mut store, &bytes, &passphrase, None, overrides.clone()) {
        Err(e) if e.code == ErrorCode::NewPassphraseRequired => {
            // Told on stderr, beside the prompt that follows it.
            note!("{}", clean(e.message.get(lang)));
            let new = crate::passphrase::new("设置新的签名口令", "choose a new signing passphrase")?;
            identity::import_with_profile(&mut store, &bytes, &passphrase, Some(&new), overrides)?
        }
        other => other?,
    };
    ready(&store, &status, lang)
}

fn ready(store: &paneldesk_api::Store, status: &IdentityStatus, lang: Lang) -> Result<(), Failure> {
    let p = profile::require(store)?;
    let cert = status.certificate_sha256.as_deref().unwrap_or("-");
    let m = Msg::new(
        format!("已为专家 {}（{}）建立签名身份，证书 SHA-256：{cert}", p.name, p.expert_id),
        format!("signing identity ready for {} ({}), certificate SHA-256 {cert}", p.name, p.expert_id),
    );
    say!("{}", clean(m.get(lang)));
    Ok(())
}

fn read_profile(args: &mut Args) -> Result<ProfileDto, Failure> {
    let mut get = |opt: &str| -> Result<String, Failure> {
        let v = args.value(opt)?.unwrap_or_default();
        if v.trim().is_empty() {
            return Err(Failure::usage(Msg::new(format!("缺少选项 {opt}"), format!("missing option {opt}"))));
        }
        Ok(v)
    };
    Ok(ProfileDto {
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
    let p = profile::require(&store)?;
    let cert = identity::status(&store)?.certificate_sha256;
    if json {
        say!(
            "{}",
            serde_json::json!({"expert_id": p.expert_id, "name": p.name, "title": p.title,
            "affiliation": p.affiliation, "certificate_sha256": cert})
        );
    } else {
        let cert =
            cert.unwrap_or_else(|| Msg::new("（尚无签名证书）", "(no signing certificate yet)").get(lang).to_string());
        say!("{}\n{cert}", clean(&format!("{} · {} · {} · {}", p.expert_id, p.name, p.title, p.affiliation)));
    }
    Ok(())
}
