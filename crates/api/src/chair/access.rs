//! Who may see and do what: only the batch's chair consolidates and signs;
//! a chair who is also on the panel sees others' scores for a package only
//! once their own review of it is signed (the read phase).

use std::collections::{BTreeMap, BTreeSet};

use paneldesk_core::batch::Batch;
use paneldesk_core::sheet::Phase;
use paneldesk_store::identity::Profile;
use paneldesk_store::reviews::ReviewKey;
use paneldesk_store::Store;

use super::{ApiError, ErrorCode, Result};

/// Who presides over a package's 专家组意见 (formats.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seat {
    /// The roster's chair: every package but those they declared a conflict on.
    Chair,
    /// The roster's deputy: exactly the packages the chair declared a conflict on.
    Deputy,
}

impl Seat {
    /// Whether this seat consolidates and signs `package_id`.
    pub fn presides(self, recused: &BTreeSet<String>, package_id: &str) -> bool {
        match self {
            Seat::Chair => !recused.contains(package_id),
            Seat::Deputy => recused.contains(package_id),
        }
    }
}

/// The batch, the profile and its seat: refused unless the profile is the
/// roster's chair or deputy.
pub fn presiding(store: &Store, batch_id: &str) -> Result<(Batch, Profile, Seat)> {
    let me = crate::profile::require(store)?;
    let batch = crate::access::batch(store, batch_id)?;
    if batch.deputy().is_some_and(|d| d.expert_id == me.expert_id) {
        return Ok((batch, me, Seat::Deputy));
    }
    let (batch, me) = chair_batch(store, batch_id)?;
    Ok((batch, me, Seat::Chair))
}

/// The packages on which the roster's chair declared a conflict of
/// interest: from the chair's signed declarations received, and in the
/// chair's own data folder from their own declarations.
pub fn recused(store: &Store, batch: &Batch) -> Result<BTreeSet<String>> {
    let Some(chair) = batch.chair() else { return Ok(BTreeSet::new()) };
    let mut out: BTreeSet<String> =
        store.recusals(&batch.id)?.into_iter().filter(|(e, _)| *e == chair.expert_id).map(|(_, p)| p).collect();
    if store.profile()?.is_some_and(|me| me.expert_id == chair.expert_id) {
        for p in &batch.packages {
            let key =
                ReviewKey { batch_id: &batch.id, package_id: &p.id, expert_id: &chair.expert_id, phase: Phase::Desk };
            if store.latest_review(key)?.is_some_and(|r| r.sheet.conflict_of_interest.declared) {
                out.insert(p.id.clone());
            }
        }
    }
    Ok(out)
}

/// Refused unless this folder's key is the one the roster names for the
/// profile's expert (when it names one): the chair's id alone does not
/// make a key the chair's.
pub fn require_roster_key(store: &Store, batch: &Batch) -> Result<()> {
    let Some((expected, mine)) = crate::access::roster_certificate_mismatch(store, batch)? else { return Ok(()) };
    let me = crate::profile::require(store)?;
    Err(ApiError::refused(
        ErrorCode::NotChair,
        format!(
            "本数据目录的签名证书（{}…）不是评审批次名单为 {} 登记的证书（{}…），不能以组长身份签署。请使用登记的证书",
            &mine[..16.min(mine.len())],
            me.expert_id,
            &expected[..16.min(expected.len())]
        ),
        format!(
            "this data folder's certificate ({}…) is not the one the roster names for {} ({}…): it cannot sign as the chair. Use the enrolled certificate",
            &mine[..16.min(mine.len())],
            me.expert_id,
            &expected[..16.min(expected.len())]
        ),
    ))
}

/// The batch and the profile, refused unless the profile is its chair.
pub fn chair_batch(store: &Store, batch_id: &str) -> Result<(Batch, Profile)> {
    // The same lookups, and so the same refusals, as every expert call.
    let me = crate::profile::require(store)?;
    let batch = crate::access::batch(store, batch_id)?;
    if batch.chair().map(|c| c.expert_id.as_str()) != Some(me.expert_id.as_str()) {
        return Err(ApiError::refused(
            ErrorCode::NotChair,
            format!("只有专家组组长可以汇总并签署专家组意见；{}（{}）不是本批次的组长", me.name, me.expert_id),
            format!(
                "only the panel's chair may consolidate and sign; {} ({}) is not this batch's chair",
                me.name, me.expert_id
            ),
        ));
    }
    Ok((batch, me))
}

/// Per package: may `me` see the panel's scores? Yes when `me` is not on
/// the panel, when no one else's review of it has come in, when `me` has
/// signed their own desk review of it (in this app, or received among the
/// panel's), or declared a conflict for it (and so does not score it).
pub fn visible_packages(store: &Store, batch: &Batch, me: &Profile) -> Result<BTreeMap<String, bool>> {
    let on_panel = batch.expert(&me.expert_id).is_some();
    let counting = store.counting(&batch.id)?;
    // Their own signed review, received like everyone's, counts as signed too.
    let received: BTreeSet<&str> = counting
        .iter()
        .filter(|r| r.expert_id == me.expert_id && r.phase == Phase::Desk.as_str())
        .map(|r| r.package_id.as_str())
        .collect();
    // Where no one else's review has come in, there is nothing to hide.
    let others: BTreeSet<&str> =
        counting.iter().filter(|r| r.expert_id != me.expert_id).map(|r| r.package_id.as_str()).collect();
    let mut out = BTreeMap::new();
    for p in &batch.packages {
        let key = ReviewKey { batch_id: &batch.id, package_id: &p.id, expert_id: &me.expert_id, phase: Phase::Desk };
        let visible = !on_panel
            || !others.contains(p.id.as_str())
            || received.contains(p.id.as_str())
            || store.signed_pdf(key)?.is_some()
            || store.latest_review(key)?.is_some_and(|r| r.sheet.conflict_of_interest.declared);
        out.insert(p.id.clone(), visible);
    }
    Ok(out)
}

/// Refuses when the read phase hides the package from `me`.
pub(crate) fn require_visible(visible: &BTreeMap<String, bool>, package_id: &str) -> Result<()> {
    if visible.get(package_id).copied().unwrap_or(false) {
        return Ok(());
    }
    Err(ApiError::refused(
        ErrorCode::ReadPhase,
        format!("您本人对材料包 {package_id} 的评审意见尚未签署；签署之前不能查看其他专家的评分"),
        format!("your own review of package {package_id} is not signed yet; others' scores stay hidden until it is"),
    ))
}
