//! The panel's process on a package's screen (formats.md §7): votes, the
//! site visits per checklist item, and for evaluations the task book's
//! targets, the annual reports, and what the conclusion means. The same
//! figures the 专家组意见 prints, from the same functions.

use paneldesk_core::evaluation::{annual_reports, grade_consequence, revocation_items, targets};
use paneldesk_core::rules::Verdict;

use super::types::{AnnualReportDto, PackageProcessDto, SiteVisitDto, TargetDto, VoteDto};
use super::Panel;

/// What the chair's package screen shows beside the matrix.
pub fn of(panel: &Panel, package_id: &str) -> PackageProcessDto {
    let manifest = panel.manifests.get(package_id);
    let result = panel.results.iter().find(|r| r.package_id == package_id);
    let votes = super::site_visits::votes(&panel.batch, &panel.accepted, package_id)
        .into_iter()
        .map(|(option, count)| VoteDto { option, count })
        .collect();
    let site_visit = manifest
        .and_then(|m| super::site_visits::summary(&panel.batch, m, &panel.accepted, package_id))
        .map(|s| SiteVisitDto {
            experts: s.experts,
            date: s.date,
            items: s.items,
            discrepancies: s.discrepancies,
            photos: super::photos::list(panel, package_id),
        });
    let evaluation = manifest.filter(|m| m.kind.is_evaluation());
    let revoked = result.is_some_and(|r| r.verdict == Verdict::Revoke);
    PackageProcessDto {
        votes,
        site_visit,
        targets: evaluation.map(targets_dto).unwrap_or_default(),
        annual_reports: evaluation.map(reports_dto).unwrap_or_default(),
        revocation: match (revoked, manifest) {
            (true, Some(m)) => revocation_items(m),
            _ => Vec::new(),
        },
        consequence: result.and_then(|r| r.grade.as_deref()).map(grade_consequence),
    }
}

/// The task book's lines as the screens show them.
pub(crate) fn targets_dto(m: &paneldesk_core::manifest::Manifest) -> Vec<TargetDto> {
    targets(m)
        .into_iter()
        .map(|t| TargetDto {
            indicator: t.indicator,
            unit: t.unit,
            target: t.target.to_string(),
            achieved: t.achieved.to_string(),
            percent: t.percent.map(|p| p.to_string()),
            below: t.below,
        })
        .collect()
}

/// The annual reports year by year as the screens show them.
pub(crate) fn reports_dto(m: &paneldesk_core::manifest::Manifest) -> Vec<AnnualReportDto> {
    annual_reports(m).into_iter().map(|(year, filed)| AnnualReportDto { year, filed }).collect()
}
