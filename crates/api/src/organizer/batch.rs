//! Issuing a batch (签发, formats.md §6; cli.md `batch build`): the panel
//! from the experts' certificates, every package checked, batch.json
//! signed by this folder's organiser identity as a detached CMS, and the
//! result read back as an expert's import will read it before it is written.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use paneldesk_core::batch::{read_batch, Batch, BatchPackage, BATCH_FORMAT, BATCH_JSON, BATCH_SIGNATURE};
use paneldesk_core::manifest::Kind;
use paneldesk_core::package::builder::write_entries;
use paneldesk_core::rubric::Rubric;
use paneldesk_core::time::Timestamp;
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::sign::sign_detached;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::roster::{self, PanelLineSpec};
use super::{read_bounded, unusable};
use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

const MAX_SPEC: u64 = 4 << 20;

/// SPEC.json of `batch build` (cli.md). Paths are relative to its folder.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchSpec {
    /// The batch id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The kind of every package in it.
    pub kind: Kind,
    /// RFC 3339 with an offset.
    pub deadline: Timestamp,
    /// 1 for a first issue; a correction counts up.
    #[serde(default)]
    pub revision: Option<u32>,
    /// "establishment", "evaluation" (the bundled rubrics) or a JSON file.
    pub rubric: String,
    /// The panel, one certificate per expert.
    pub panel: Vec<PanelLineSpec>,
    /// The package files, in the order experts will see them.
    pub packages: Vec<String>,
}

/// What was issued.
pub struct IssuedBatch {
    /// batch.json as written.
    pub batch: Batch,
    /// SHA-256 of the batch file.
    pub sha256: String,
    /// The organiser certificate's SHA-256, when signed.
    pub organizer_certificate_sha256: Option<String>,
}

/// Reads SPEC.json; relative paths in it are resolved against its folder.
pub fn read_spec(path: &Path) -> Result<(BatchSpec, PathBuf)> {
    let bytes = read_bounded(path, MAX_SPEC, "spec")?;
    let spec: BatchSpec = serde_json::from_slice(crate::data::without_bom(&bytes)).map_err(|e| {
        unusable(
            ErrorCode::SpecInvalid,
            format!(
                "批次说明文件 {} 无效：{}。请按 docs/cli.md 修改",
                path.display(),
                paneldesk_core::reason::json_zh(&e)
            ),
            format!("the batch spec {} is invalid: {e}. Correct it as docs/cli.md describes", path.display()),
        )
    })?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok((spec, base))
}

/// Builds, signs (unless `unsigned`) and writes the batch to `out`; the
/// passphrase is asked for only once everything else has checked out.
/// Nothing is written on any error.
pub fn build(
    store: &Store,
    spec: &BatchSpec,
    base: &Path,
    out: &Path,
    unsigned: bool,
    passphrase: impl FnOnce() -> Result<Zeroizing<String>>,
) -> Result<IssuedBatch> {
    let organizer = crate::profile::require(store).ok().filter(|_| store.is_organizer().unwrap_or(false));
    let Some(organizer) = organizer else {
        return Err(unusable(
            ErrorCode::NotOrganizer,
            "此数据目录不是组织方的。请先运行 identity create --organizer-id ID --name 单位名称".to_string(),
            "this data folder is not an organiser's. Run identity create --organizer-id ID --name NAME first"
                .to_string(),
        ));
    };
    let now = chrono::Utc::now();
    let lines = spec
        .panel
        .iter()
        .map(|l| Ok((roster::read_certificate(&base.join(&l.certificate))?, l.clone())))
        .collect::<Result<Vec<_>>>()?;
    let panel = roster::panel(&lines, now)?;
    let rubric = rubric(&spec.rubric, base)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut packages = Vec::new();
    for p in &spec.packages {
        let path = base.join(p);
        let checked = crate::check::package_file(&path).map_err(|e| {
            ApiError::with_msg(
                ErrorCode::PackageRefused,
                paneldesk_core::Msg::new(
                    format!("材料包 {p} 无效，批次未生成：{}", e.message.zh),
                    format!("package {p} is invalid; no batch was made: {}", e.message.en),
                ),
                false,
            )
        })?;
        let id = checked.package.manifest.id.clone();
        let file = format!("packages/{id}.zip");
        packages.push(BatchPackage { id, file: file.clone(), sha256: checked.sha256 });
        files.push((file, read_bounded(&path, 2 << 30, p)?));
    }
    let batch = Batch {
        format: BATCH_FORMAT.to_string(),
        id: spec.id.clone(),
        title: spec.title.clone(),
        kind: spec.kind,
        organizer: organizer.name.clone(),
        deadline: spec.deadline,
        panel,
        packages,
        rubric,
        revision: Some(spec.revision.unwrap_or(1)),
        organizer_id: (!unsigned).then(|| organizer.expert_id.clone()),
    };
    batch.validate().map_err(|m| ApiError::with_msg(ErrorCode::SpecInvalid, m, false))?;
    let identity = if unsigned { None } else { Some(unlock(store, passphrase)?) };
    let bytes = assemble(&batch, &files, identity.as_ref().map(|i| (i, chrono::Utc::now())))?;
    crate::data::write_file(out, &bytes)?;
    Ok(IssuedBatch {
        batch,
        sha256: paneldesk_core::package::sha256_hex(&bytes),
        organizer_certificate_sha256: identity.map(|i| i.certificate_sha256()),
    })
}

/// The batch file: `batch.json`, its detached signature by `signer` at the
/// given time (formats.md §6; none for an unsigned batch), then the
/// packages (`packages/<id>.zip`, bytes as listed). The ZIP is read back
/// exactly as an expert's import will read it, signature included, before
/// it is returned. The bundled demo batches are issued here too.
pub fn assemble(
    batch: &Batch,
    files: &[(String, Vec<u8>)],
    signer: Option<(&Identity, DateTime<Utc>)>,
) -> Result<Vec<u8>> {
    batch.validate().map_err(|m| ApiError::with_msg(ErrorCode::SpecInvalid, m, false))?;
    let batch_json =
        serde_json::to_vec_pretty(batch).map_err(|e| unusable(ErrorCode::Internal, e.to_string(), e.to_string()))?;
    let signature = signer.map(|(identity, at)| sign_detached(identity, &batch_json, at)).transpose()?;
    let mut entries: Vec<(&str, &[u8])> = vec![(BATCH_JSON, &batch_json)];
    if let Some(p7s) = &signature {
        entries.push((BATCH_SIGNATURE, p7s));
    }
    entries.extend(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    let bytes = write_entries(Cursor::new(Vec::new()), entries)
        .map_err(|e| unusable(ErrorCode::Internal, format!("无法生成 ZIP：{e}"), format!("cannot make the ZIP: {e}")))?
        .into_inner();
    let contents = read_batch(Cursor::new(&bytes), |_| {})?;
    crate::issuer::verify(&contents.batch, &contents.batch_json, contents.signature.as_deref())?;
    Ok(bytes)
}

/// This folder's organiser key, unlocked with the passphrase.
fn unlock(store: &Store, passphrase: impl FnOnce() -> Result<Zeroizing<String>>) -> Result<Identity> {
    let keys = store.keys()?.ok_or_else(|| {
        unusable(
            ErrorCode::NoKey,
            "组织方还没有签名密钥。请先运行 identity create --organizer-id".to_string(),
            "the organiser has no signing key yet. Run identity create --organizer-id first".to_string(),
        )
    })?;
    let passphrase = passphrase()?;
    crate::identity::unlock(&keys, &passphrase)
}

/// A bundled rubric by name, or a rubric JSON file, validated.
fn rubric(name: &str, base: &Path) -> Result<Rubric> {
    let rubric = match paneldesk_core::rubrics::bundled(name) {
        Some(r) => r,
        None => {
            let path = base.join(name);
            let bytes = read_bounded(&path, MAX_SPEC, "rubric")?;
            serde_json::from_slice(crate::data::without_bom(&bytes)).map_err(|e| {
                unusable(
                    ErrorCode::SpecInvalid,
                    format!(
                        "评分细则 {} 无效：{e}。可用 establishment、evaluation 或评分细则 JSON 文件",
                        path.display()
                    ),
                    format!(
                        "the rubric {} is invalid: {e}. Use establishment, evaluation or a rubric JSON file",
                        path.display()
                    ),
                )
            })?
        }
    };
    rubric.validate().map_err(|m| ApiError::with_msg(ErrorCode::SpecInvalid, m, false))?;
    Ok(rubric)
}
