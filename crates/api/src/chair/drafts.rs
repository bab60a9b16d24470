//! The chair's drafts: the panel opinion and a reason per flag. Reasons are
//! kept by flag (kind and criterion or expert), not by position, so a new
//! import that adds or removes a flag never moves a reason to another one.

use std::collections::BTreeMap;

use paneldesk_core::aggregate::Flag;
use paneldesk_core::consolidate::PackageResult;
use paneldesk_store::chair_drafts::ChairDraft;
use paneldesk_store::Store;

use super::{Panel, Result};

/// A stable key for a flag: `criterion_spread:<id>` or `total_outlier:<id>`.
pub fn flag_key(flag: &Flag) -> String {
    match flag {
        Flag::CriterionSpread { criterion, .. } => format!("criterion_spread:{criterion}"),
        Flag::TotalOutlier { expert_id, .. } => format!("total_outlier:{expert_id}"),
    }
}

/// The reasons in the order the result lists its flags ("" when missing).
pub fn reasons_in_order(result: &PackageResult, reasons: &BTreeMap<String, String>) -> Vec<String> {
    result.flags.iter().map(|f| reasons.get(&flag_key(f)).cloned().unwrap_or_default()).collect()
}

/// What the chair has for a package: the saved opinion or the draft made
/// from the experts' opinions, and the reasons for the current flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The panel opinion to sign.
    pub opinion: String,
    /// False while the opinion is the experts' draft, not yet edited.
    pub edited: bool,
    /// The chair's reason per flag, by flag key.
    pub flag_reasons: BTreeMap<String, String>,
    /// When the draft was last saved; None while nothing is saved.
    pub saved_at: Option<String>,
}

impl Draft {
    /// The saved draft, or one made from the experts' opinions.
    pub fn load(store: &Store, panel: &Panel, package_id: &str) -> Result<Draft> {
        panel.result(package_id)?;
        let saved = store.chair_draft(&panel.batch.id, package_id)?;
        let opinion = saved
            .opinion
            .clone()
            .unwrap_or_else(|| paneldesk_core::consensus_doc::draft_opinion(&panel.batch, &panel.accepted, package_id));
        Ok(Draft {
            opinion,
            edited: saved.opinion.is_some(),
            flag_reasons: saved.flag_reasons,
            saved_at: saved.saved_at,
        })
    }
}

/// Saves the package's opinion and reasons (trimmed; empty ones dropped).
pub fn save_draft(
    store: &mut Store,
    panel: &Panel,
    package_id: &str,
    opinion: Option<String>,
    flag_reasons: BTreeMap<String, String>,
) -> Result<Draft> {
    panel.result(package_id)?;
    let flag_reasons: BTreeMap<String, String> =
        flag_reasons.into_iter().map(|(k, v)| (k, v.trim().to_string())).filter(|(_, v)| !v.is_empty()).collect();
    store.save_chair_draft(&panel.batch.id, package_id, &ChairDraft { opinion, flag_reasons, saved_at: None })?;
    Draft::load(store, panel, package_id)
}
