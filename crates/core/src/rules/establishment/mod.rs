//! Rules for establishment applications (组建申报), in the order of
//! docs/formats.md §2. Each returns `None` where it does not apply.

mod conditions;
mod cooperation;
mod lead;

use conditions::*;
use cooperation::*;
use lead::*;

use super::shared::credit_code;
use super::{Outcome, RuleResult};
use crate::manifest::Manifest;

/// Rules whose fail 第八条(六) lets the panel relax (the bureau's reading).
const RELAXABLE: [&str; 7] = ["rd-total", "rd-ratio", "conversion", "space", "equipment", "staff", "lead-share"];

type Rule = fn(&Manifest) -> Option<RuleResult>;

/// 第十二条's two checks on the expert committee (`committee-share`,
/// `committee-chair`) as this formal review applies them.
pub(crate) fn committee(m: &Manifest) -> Vec<RuleResult> {
    [committee_share(m), committee_chair(m)].into_iter().flatten().collect()
}

const RULES: [Rule; 18] = [
    lead_type,
    registration,
    rd_total,
    rd_ratio,
    conversion,
    space,
    equipment,
    pilot,
    staff,
    director_title,
    cobuilder_count,
    cobuild_agreement,
    local_enterprise,
    lead_share,
    committee_share,
    committee_chair,
    |m| Some(credit_code(m)),
    documents,
];

pub(super) fn rules(m: &Manifest) -> Vec<RuleResult> {
    let strategic = m.center.strategic_priority;
    RULES.iter().filter_map(|rule| rule(m)).map(|r| if strategic { relax(r) } else { r }).collect()
}

fn relax(mut r: RuleResult) -> RuleResult {
    if r.result == Outcome::Fail && RELAXABLE.contains(&r.id) {
        r.result = Outcome::Relaxed;
        r.message.zh.push_str("；该中心属重大战略部署布局，依第八条（六）可由专家组判断是否放宽");
        r.message.en.push_str("; the centre is a strategic priority, so under article 8(6) the panel may relax this");
    }
    r
}
