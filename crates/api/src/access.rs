//! What an expert's calls may reach: a batch that was imported, a package
//! only within the batch named (never another batch's copy), and scoring
//! only for an expert on the batch's panel (docs/formats.md §4: matched by
//! expert id).

use paneldesk_core::batch::Batch;
use paneldesk_core::Msg;
use paneldesk_store::batches::StoredPackage;
use paneldesk_store::identity::Profile;

use crate::data::Store;
use crate::error::{ApiError, ErrorCode, Result};

/// The imported batch of that id.
pub fn batch(store: &Store, batch_id: &str) -> Result<Batch> {
    store.batch(batch_id)?.ok_or_else(|| {
        ApiError::unusable(
            ErrorCode::UnknownBatch,
            format!("没有已导入的评审批次 {batch_id}。请先打开该评审批次文件"),
            format!("no imported batch {batch_id}. Open the batch file first"),
        )
    })
}

/// The package within the batch named, or — when no batch is named (the
/// CLI's `--batch` left out) — the one batch that has it.
pub fn package(store: &Store, batch_id: Option<&str>, package_id: &str) -> Result<StoredPackage> {
    store.find_package(package_id, batch_id)?.ok_or_else(|| match batch_id {
        Some(b) => ApiError::unusable(
            ErrorCode::UnknownPackage,
            format!("评审批次 {b} 中没有材料包 {package_id}。请返回材料包列表重新选择"),
            format!("batch {b} has no package {package_id}. Go back to the package list and choose again"),
        ),
        None => ApiError::unusable(
            ErrorCode::UnknownPackage,
            format!("找不到材料包 {package_id}。请先导入其评审批次（命令行：batch import）"),
            format!("no package {package_id}. Import its batch first (command line: batch import)"),
        ),
    })
}

/// The roster's certificate for this folder's expert and this folder's own,
/// when the roster names one and the folder's key is another (each as
/// lowercase hex SHA-256): whatever this folder signs for the batch, the
/// chair refuses (formats.md §6).
pub fn roster_certificate_mismatch(store: &Store, batch: &Batch) -> Result<Option<(String, String)>> {
    let (Some(me), Some(keys)) = (store.profile()?, store.keys()?) else { return Ok(None) };
    let expected = batch.expert(&me.expert_id).and_then(|m| m.certificate_sha256.clone());
    Ok(expected.filter(|e| *e != keys.certificate_sha256).map(|e| (e, keys.certificate_sha256)))
}

/// Said wherever the expert sees the batch or signs for it, so nobody sends
/// the chair reviews that will be refused: the warning, or None.
pub fn roster_certificate_warning(store: &Store, batch: &Batch) -> Result<Option<Msg>> {
    let Some((roster, mine)) = roster_certificate_mismatch(store, batch)? else { return Ok(None) };
    let (roster, mine) = (crate::identity::fingerprint(&roster), crate::identity::fingerprint(&mine));
    Ok(Some(Msg::new(
        format!(
            "评审批次名单为您登记的签名证书（指纹 {roster}）不是本机的证书（指纹 {mine}）：用本机证书签署的意见将被组长拒收。\
             请在“修改专家信息”中导入登记的证书文件，或将本机证书导出交市科技局重新登记"
        ),
        format!(
            "the roster enrols another signing certificate for you (fingerprint {roster}) than this computer's \
             ({mine}): the chair will refuse reviews signed here. Import the enrolled certificate file in \
             Edit profile, or export this computer's certificate for the bureau to enrol"
        ),
    )))
}

/// Refused unless the expert is on the batch's panel.
pub fn require_on_panel(batch: &Batch, me: &Profile) -> Result<()> {
    if batch.expert(&me.expert_id).is_some() {
        return Ok(());
    }
    let ids: Vec<&str> = batch.panel.iter().map(|e| e.expert_id.as_str()).collect();
    Err(ApiError::refused(
        ErrorCode::NotOnPanel,
        format!(
            "专家 {}（工号 {}）不在评审批次“{}”的专家组名单（{}）中，不能评分。请核对“专家信息”中的工号是否与市科技局通知的一致",
            me.name,
            me.expert_id,
            batch.title,
            ids.join("、")
        ),
        format!(
            "expert {} (id {}) is not on the panel of batch \"{}\" ({}) and cannot score. Check that the expert id in your profile is the one the bureau gave you",
            me.name,
            me.expert_id,
            batch.title,
            ids.join(", ")
        ),
    ))
}

/// An expert's own review of one package: who, which batch, which package,
/// checked as every review call checks it.
pub struct Reviewer {
    /// The profile of this data folder.
    pub me: Profile,
    /// The package's batch.
    pub batch: Batch,
    /// The package, from that batch.
    pub package: StoredPackage,
}

impl Reviewer {
    /// The profile, the batch and the package, refused unless the expert is on the panel.
    pub fn load(store: &Store, batch_id: Option<&str>, package_id: &str) -> Result<Reviewer> {
        let me = crate::profile::require(store)?;
        let (batch, package) = match batch_id {
            Some(b) => (batch(store, b)?, package(store, Some(b), package_id)?),
            None => {
                let p = package(store, None, package_id)?;
                (batch(store, &p.batch_id)?, p)
            }
        };
        require_on_panel(&batch, &me)?;
        Ok(Reviewer { me, batch, package })
    }

    /// The store key of this expert's review of the package in `phase`.
    pub fn key(&self, phase: paneldesk_core::sheet::Phase) -> paneldesk_store::reviews::ReviewKey<'_> {
        paneldesk_store::reviews::ReviewKey {
            batch_id: &self.batch.id,
            package_id: &self.package.package_id,
            expert_id: &self.me.expert_id,
            phase,
        }
    }
}
