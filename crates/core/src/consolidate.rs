//! The chair's consolidation (docs/formats.md §4–§5): which verified reviews
//! count, and each package's aggregate, flags, recommendation or grade and
//! rank. Pure: signature checks happen before, rendering after.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::aggregate::{self, Computation, Flag, Sheet};
use crate::batch::Batch;
use crate::decimal::Dec;
use crate::ranking::{rank, Rankable};
use crate::review_doc::{ReviewDoc, Signer};
use crate::rules::Verdict;
use crate::sheet::Phase;
use crate::text::Msg;

/// A review PDF whose signature verified, with the JSON it carries.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub file: String,
    pub file_sha256: String,
    pub signer_certificate_sha256: String,
    pub doc: ReviewDoc,
}

#[derive(Debug, Default)]
pub struct Selection {
    pub accepted: Vec<Candidate>,
    pub rejected: Vec<(String, Msg)>,
    /// Byte-identical copies of a file that counts.
    pub duplicates: Vec<String>,
    /// Valid, but replaced by a later signed review of the same key.
    pub superseded: Vec<Candidate>,
    /// Certificates pinned by this run (experts the roster gives none for).
    pub new_pins: BTreeMap<String, String>,
    /// Signed conflict declarations that are valid in every other respect:
    /// (expert id, package id, file SHA-256). Not counted, but a chair's
    /// hands the package to the deputy (formats.md §7).
    pub recusals: Vec<(String, String, String)>,
}

/// Which certificates the chair has confirmed for experts whose roster
/// line names none and who have no pin yet (formats.md §6): never decided
/// by the order in which files are read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum AcceptNew {
    /// None: such reviews are rejected with the certificate's fingerprint.
    #[default]
    Nothing,
    /// Every expert's one new certificate (`--accept-new-certificates`).
    All,
    /// These (expert id, certificate SHA-256) pairs, confirmed one by one.
    Only(std::collections::BTreeSet<(String, String)>),
}

impl AcceptNew {
    fn allows(&self, expert: &str, sha: &str) -> bool {
        match self {
            AcceptNew::Nothing => false,
            AcceptNew::All => true,
            AcceptNew::Only(set) => set.contains(&(expert.to_string(), sha.to_string())),
        }
    }
}

/// Chooses the reviews that count. Files are taken in name order, so the
/// outcome never depends on the order they were given in.
pub fn select(
    batch: &Batch,
    mut candidates: Vec<Candidate>,
    pins: &BTreeMap<String, String>,
    accept: &AcceptNew,
) -> Selection {
    candidates.sort_by(|a, b| a.file.cmp(&b.file).then_with(|| a.file_sha256.cmp(&b.file_sha256)));
    let mut sel = Selection::default();
    let mut seen_bytes = std::collections::HashSet::new();
    // A review is its content and its signer, not its bytes: a copy whose
    // bytes differ (a re-encoded signature, other padding) but whose
    // review.json and certificate are the same is the same review.
    let mut seen_reviews: BTreeMap<(String, String), Vec<ReviewDoc>> = BTreeMap::new();
    candidates.retain(|c| {
        let key = (c.signer_certificate_sha256.clone(), c.doc.package_id.clone());
        let same_review = seen_reviews.get(&key).is_some_and(|docs| docs.contains(&c.doc));
        let first = seen_bytes.insert(c.file_sha256.clone()) && !same_review;
        if first {
            seen_reviews.entry(key).or_default().push(c.doc.clone());
        } else {
            sel.duplicates.push(c.file.clone());
        }
        first
    });
    let known = |expert: &str| {
        batch.expert(expert).and_then(|m| m.certificate_sha256.clone()).or_else(|| pins.get(expert).cloned())
    };
    // Every distinct new certificate per expert, over all files at once.
    let mut new_certs: BTreeMap<&str, std::collections::BTreeSet<&str>> = BTreeMap::new();
    for c in &candidates {
        if known(&c.doc.expert.expert_id).is_none() {
            new_certs.entry(&c.doc.expert.expert_id).or_default().insert(&c.signer_certificate_sha256);
        }
    }
    let mut valid: Vec<Candidate> = Vec::new();
    for c in &candidates {
        let expert = c.doc.expert.expert_id.clone();
        let expected = known(&expert);
        let mut problems =
            c.doc.rejections(batch, &Signer { certificate_sha256: &c.signer_certificate_sha256 }, expected.as_deref());
        if expected.is_none() && problems.is_empty() {
            let sha = c.signer_certificate_sha256.as_str();
            let several = new_certs.get(expert.as_str()).is_some_and(|s| s.len() > 1);
            if several {
                problems.push(Msg::new(
                    format!("专家 {expert} 有两张以上从未确认的证书签署的评审意见，均不予采纳。请与该专家核对其证书"),
                    format!("expert {expert} has reviews signed with two or more unconfirmed certificates; none is accepted. Check their certificate with them"),
                ));
            } else if !accept.allows(&expert, sha) {
                problems.push(Msg::new(
                    format!("专家 {expert} 的证书（SHA-256 {sha}）尚未确认：名单未列其证书，此前也未确认过。请与该专家核对指纹后确认（命令行：--accept-new-certificates）"),
                    format!("expert {expert}'s certificate (SHA-256 {sha}) is not confirmed: the roster lists none and none was confirmed before. Compare the fingerprint with the expert, then confirm it (CLI: --accept-new-certificates)"),
                ));
            }
        }
        // The declaration itself is the only reason: a valid recusal.
        if c.doc.conflict_of_interest.declared && expected.is_some() && problems.len() == 1 {
            sel.recusals.push((expert.clone(), c.doc.package_id.clone(), c.file_sha256.clone()));
        }
        if !problems.is_empty() {
            let zh: Vec<&str> = problems.iter().map(|p| p.zh.as_str()).collect();
            let en: Vec<&str> = problems.iter().map(|p| p.en.as_str()).collect();
            sel.rejected.push((c.file.clone(), Msg::new(zh.join("；"), en.join("; "))));
            continue;
        }
        if expected.is_none() {
            sel.new_pins.insert(expert, c.signer_certificate_sha256.clone());
        }
        valid.push(c.clone());
    }
    // Of two different reviews with the same key, the later signed counts.
    let mut best: BTreeMap<(String, String, Phase), Candidate> = BTreeMap::new();
    for c in valid {
        let key = (c.doc.expert.expert_id.clone(), c.doc.package_id.clone(), c.doc.phase);
        match best.remove(&key) {
            None => {
                best.insert(key, c);
            }
            Some(old) => {
                let newer = (c.doc.signed_at, &c.file_sha256) > (old.doc.signed_at, &old.file_sha256);
                let (keep, drop) = if newer { (c, old) } else { (old, c) };
                sel.superseded.push(drop);
                best.insert(key, keep);
            }
        }
    }
    sel.accepted = best.into_values().collect();
    sel
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewLine {
    pub expert_id: String,
    pub name: String,
    pub total: Dec,
    pub dropped: bool,
    pub review_sha256: String,
    pub file: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PackageResult {
    pub package_id: String,
    pub verdict: Verdict,
    pub total: Option<Computation>,
    /// Criterion aggregates in rubric order.
    pub criteria: Vec<(String, Computation)>,
    pub reviews: Vec<ReviewLine>,
    /// Establishment: "recommend" or "not_recommend" by the pass line.
    pub recommendation: Option<String>,
    /// Evaluations: the grade label.
    pub grade: Option<String>,
    pub flags: Vec<Flag>,
    /// Why it has no rank (ineligible, to be revoked, no reviews).
    pub set_apart: Option<Msg>,
    pub rank: Option<u32>,
}

/// Aggregates every package of the batch from the accepted desk reviews.
pub fn consolidate(batch: &Batch, verdicts: &BTreeMap<String, Verdict>, accepted: &[Candidate]) -> Vec<PackageResult> {
    let rubric = &batch.rubric;
    let mut results: Vec<PackageResult> = batch
        .packages
        .iter()
        .map(|p| {
            let verdict = verdicts.get(&p.id).copied().unwrap_or(Verdict::Eligible);
            let mut desk: Vec<&Candidate> =
                accepted.iter().filter(|c| c.doc.package_id == p.id && c.doc.phase == Phase::Desk).collect();
            desk.sort_by(|a, b| a.doc.expert.expert_id.cmp(&b.doc.expert.expert_id));
            let keys: Vec<&str> = desk.iter().map(|c| c.doc.expert.expert_id.as_str()).collect();
            let totals: Vec<Dec> = desk.iter().map(|c| c.doc.total).collect();
            let total = aggregate::compute(&rubric.aggregation, &totals, &keys);
            let criteria = rubric
                .criteria
                .iter()
                .filter_map(|cr| {
                    let scores: Vec<Dec> = desk
                        .iter()
                        .map(|c| {
                            c.doc.scores.iter().find(|s| s.criterion == cr.id).map(|s| s.score).unwrap_or_default()
                        })
                        .collect();
                    aggregate::compute(&rubric.aggregation, &scores, &keys).map(|comp| (cr.id.clone(), comp))
                })
                .collect();
            let sheets: Vec<Sheet> = desk
                .iter()
                .map(|c| Sheet {
                    expert_id: &c.doc.expert.expert_id,
                    total: c.doc.total,
                    scores: rubric
                        .criteria
                        .iter()
                        .map(|cr| {
                            c.doc.scores.iter().find(|s| s.criterion == cr.id).map(|s| s.score).unwrap_or_default()
                        })
                        .collect(),
                })
                .collect();
            let flags = aggregate::flags(rubric, &sheets);
            let reviews = desk
                .iter()
                .enumerate()
                .map(|(i, c)| ReviewLine {
                    expert_id: c.doc.expert.expert_id.clone(),
                    // The roster's name: the review's JSON is the signer's claim.
                    name: batch.expert(&c.doc.expert.expert_id).map_or(c.doc.expert.name.clone(), |m| m.name.clone()),
                    total: c.doc.total,
                    dropped: total.as_ref().is_some_and(|t| t.dropped.contains(&i)),
                    review_sha256: c.file_sha256.clone(),
                    file: c.file.clone(),
                })
                .collect();
            let value = total.as_ref().map(|t| t.value);
            let recommendation = if batch.kind.is_evaluation() {
                None
            } else {
                value
                    .and_then(|v| aggregate::passes(rubric, v))
                    .map(|ok| if ok && !verdict.is_set_apart() { "recommend" } else { "not_recommend" }.to_string())
            };
            // A package to be revoked gets no grade: it reads 建议撤销 (§7).
            let grade = if batch.kind.is_evaluation() && verdict != Verdict::Revoke {
                value.and_then(|v| aggregate::grade(rubric, v).map(str::to_string))
            } else {
                None
            };
            let set_apart = if verdict.is_set_apart() {
                let l = verdict.label();
                Some(Msg::new(format!("形式审查：{}", l.zh), format!("formal review: {}", l.en)))
            } else if total.is_none() {
                Some(Msg::new("没有可计入的专家评审意见", "no review that counts"))
            } else {
                None
            };
            PackageResult {
                package_id: p.id.clone(),
                verdict,
                total,
                criteria,
                reviews,
                recommendation,
                grade,
                flags,
                set_apart,
                rank: None,
            }
        })
        .collect();
    // Ties: the criteria the rubric names for it, in its order (§7).
    let order = rubric.tie_break_order();
    let rankables: Vec<Rankable> = results
        .iter()
        .map(|r| Rankable {
            package_id: &r.package_id,
            aggregate: r.total.as_ref().map(|t| t.value).unwrap_or_default(),
            criteria: order
                .iter()
                .filter_map(|id| r.criteria.iter().find(|(c, _)| c == id).map(|(_, c)| c.value))
                .collect(),
            set_apart: r.set_apart.is_some(),
        })
        .collect();
    let ranks = rank(&rankables);
    for (r, k) in results.iter_mut().zip(ranks) {
        r.rank = k;
    }
    results
}

#[cfg(test)]
mod tests;
