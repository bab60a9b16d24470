//! 复议 as the chair sees it (formats.md §7): for each review that counts,
//! the signed reviews of the same expert and phase that it replaced, with
//! the reason the replacing revision gave.

use std::collections::BTreeMap;

use paneldesk_core::consensus_doc::SupersededRef;
use paneldesk_core::consolidate::Candidate;
use paneldesk_core::review_doc::ReviewDoc;
use paneldesk_core::sheet::Phase;

/// A review received for the batch, counting or not, read from its signed
/// file once per consolidation (`panel::consolidate_batch`).
pub struct ReceivedDoc {
    /// The signed file's SHA-256.
    pub sha256: String,
    /// Whether it is the review that counts for its expert and phase.
    pub counts: bool,
    /// The review.json inside the signed file.
    pub doc: ReviewDoc,
}

/// The replaced reviews of one package: every link a received review of
/// a counted key names (`supersedes`, even when the replaced file never
/// reached the chair), and every received file of that key that no longer
/// counts (with an empty reason when no later file names it).
pub fn superseded(received: &[ReceivedDoc], accepted: &[Candidate], package_id: &str) -> Vec<SupersededRef> {
    let counted: Vec<(&str, Phase)> = accepted
        .iter()
        .filter(|c| c.doc.package_id == package_id)
        .map(|c| (c.doc.expert.expert_id.as_str(), c.doc.phase))
        .collect();
    let mut out: BTreeMap<(String, String), SupersededRef> = BTreeMap::new();
    let mut replaced_files = Vec::new();
    for r in received {
        let doc = &r.doc;
        if doc.package_id != package_id || !counted.contains(&(doc.expert.expert_id.as_str(), doc.phase)) {
            continue;
        }
        if let Some(old) = &doc.supersedes {
            out.insert(
                (doc.expert.expert_id.clone(), old.clone()),
                SupersededRef {
                    expert_id: doc.expert.expert_id.clone(),
                    phase: doc.phase,
                    review_sha256: old.clone(),
                    revision_reason: doc.revision_reason.clone().unwrap_or_default(),
                },
            );
        }
        if !r.counts {
            replaced_files.push((doc.expert.expert_id.clone(), doc.phase, r.sha256.clone()));
        }
    }
    for (expert_id, phase, sha) in replaced_files {
        out.entry((expert_id.clone(), sha.clone())).or_insert(SupersededRef {
            expert_id,
            phase,
            review_sha256: sha,
            revision_reason: String::new(),
        });
    }
    out.into_values().collect()
}
