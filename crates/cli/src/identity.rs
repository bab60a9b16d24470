//! `identity create | import | profile | show`: who this data folder belongs
//! to, and the key they sign with (stored encrypted under their passphrase).

use paneldesk_core::{Lang, Msg};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::OpinionError;
use paneldesk_store::identity::{Keys, Profile};

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

impl From<OpinionError> for Failure {
    fn from(e: OpinionError) -> Failure {
        Failure::unusable(e.message)
    }
}

/// `identity create`: a new P-256 key and self-signed certificate.
pub fn create(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let p = read_profile(args)?;
    args.finish()?;
    let mut store = data::open(data_dir)?;
    let passphrase = crate::passphrase::read("设置签名口令", "choose a signing passphrase")?;
    let id = Identity::create(&p.expert_id, &p.name, &p.title, &p.affiliation, chrono::Utc::now())?;
    save(&mut store, &p, &id, &passphrase, lang)
}

/// `identity import FILE.p12`: a CA-issued key and certificate instead.
pub fn import(args: &mut Args, lang: Lang, data_dir: Option<&str>) -> Result<(), Failure> {
    let file = args.required("证书文件路径（.p12/.pfx）", "the certificate file (.p12/.pfx)")?;
    let expert_id = args.value("--expert-id")?;
    let title = args.value("--title")?;
    args.finish()?;
    let bytes = std::fs::read(&file).map_err(|e| {
        Failure::unusable(Msg::new(format!("无法读取 {file}：{e}"), format!("cannot read {file}: {e}")))
    })?;
    let mut store = data::open(data_dir)?;
    let passphrase = crate::passphrase::read(
        "证书文件口令（也将用于加密本机保存的密钥）",
        "the file's passphrase (also protects the stored key)",
    )?;
    let id = Identity::from_pkcs12(&bytes, &passphrase)?;
    let subject = id.subject().clone();
    let expert_id = expert_id.or(subject.expert_id).ok_or_else(|| {
        Failure::unusable(Msg::new(
            "证书中没有专家编号（serialNumber）。请用 --expert-id 指定",
            "the certificate carries no expert id (serialNumber). Give it with --expert-id",
        ))
    })?;
    let p = Profile {
        expert_id,
        name: subject.name.unwrap_or_default(),
        title: title.or(subject.title).unwrap_or_default(),
        affiliation: subject.affiliation.unwrap_or_default(),
    };
    save(&mut store, &p, &id, &passphrase, lang)
}

fn save(
    store: &mut paneldesk_store::Store,
    p: &Profile,
    id: &Identity,
    passphrase: &str,
    lang: Lang,
) -> Result<(), Failure> {
    let keys = Keys {
        certificate: id.certificate_der().to_vec(),
        certificate_sha256: id.certificate_sha256(),
        encrypted_key: id.encrypted_key_der(passphrase)?,
    };
    store.set_identity(p, Some(&keys))?;
    let m = Msg::new(
        format!("已为专家 {}（{}）建立签名身份，证书 SHA-256：{}", p.name, p.expert_id, keys.certificate_sha256),
        format!(
            "signing identity ready for {} ({}), certificate SHA-256 {}",
            p.name, p.expert_id, keys.certificate_sha256
        ),
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
