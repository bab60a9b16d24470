//! One demo package before its documents are written: the manifest, the
//! verdict it is meant to get, and the prose its documents draw on.

use paneldesk_core::fixture;
use paneldesk_core::manifest::{
    CommitteeMember, Director, Facilities, FinanceYear, Kind, Manifest, MemberUnit, Team, Unit, UnitKind,
};
use paneldesk_core::rules::Verdict;
use paneldesk_core::Dec;

use crate::figures::d;

pub struct Case {
    pub manifest: Manifest,
    pub verdict: Verdict,
    pub profile: Profile,
}

/// What the documents say beyond the manifest's figures.
pub struct Profile {
    /// A sentence or two on the lead unit.
    pub intro: &'static str,
    /// Three key research directions (重点攻关方向).
    pub directions: [&'static str; 3],
    /// Main instruments, most valuable first (仪器设备清单).
    pub instruments: &'static [&'static str],
    /// Construction budget over the two years (万元).
    pub budget_wan: Dec,
}

/// A manifest with the centre named and everything else to be filled in.
pub fn base(id: &str, kind: Kind, submitted: &str, center: (&str, &str, &str)) -> Manifest {
    let mut m = fixture::establishment(id);
    m.kind = kind;
    m.submitted_at = submitted.parse().unwrap_or_else(|_| panic!("not an RFC 3339 time: {submitted}"));
    m.center.name = center.0.to_string();
    m.center.field = center.1.to_string();
    m.center.competent_department = center.2.to_string();
    m
}

/// Years and figures (万元) as written in the case tables.
pub fn finance(years: [(i32, &str, &str); 3]) -> Vec<FinanceYear> {
    years.iter().map(|&(year, rd, revenue)| fixture::finance(year, d(rd), d(revenue))).collect()
}

/// A high-tech enterprise registered in Liaocheng. `code17` is the credit
/// code without its check character (which is computed).
pub fn enterprise(name: &str, code17: &str, years: [(i32, &str, &str); 3]) -> Unit {
    let mut u = fixture::enterprise(name, code17);
    u.finance = finance(years);
    u
}

/// A co-building enterprise whose finances are not part of the review.
pub fn partner(name: &str, code17: &str) -> Unit {
    let mut u = fixture::enterprise(name, code17);
    u.finance.clear();
    u
}

pub fn institution(name: &str, code17: &str, kind: UnitKind, in_liaocheng: bool, conversions: u32) -> Unit {
    let mut u = fixture::university(name, code17);
    u.kind = kind;
    u.in_liaocheng = in_liaocheng;
    u.conversion_cases_3y = conversions;
    u
}

pub fn liaocheng_university(conversions: u32) -> Unit {
    institution("聊城大学", "12371500495570060", UnitKind::University, true, conversions)
}

pub fn facilities(space_m2: &str, equipment_wan: &str, pilot: bool) -> Facilities {
    Facilities { rd_space_m2: d(space_m2), equipment_value_wan: d(equipment_wan), pilot_capability: pilot }
}

pub fn team(director: &str, title: &str, senior: bool, staff: u32) -> Team {
    let director = Director { name: director.to_string(), title: title.to_string(), senior_title: senior };
    Team { director, full_time_rd_staff: staff }
}

/// External experts the committees draw on (fictional people).
const EXTERNAL: [(&str, &str); 14] = [
    ("周明德", "山东大学"),
    ("钱丽华", "中国海洋大学"),
    ("冯建国", "山东理工大学"),
    ("蒋红梅", "齐鲁工业大学"),
    ("沈立群", "山东科技大学"),
    ("韩志勇", "青岛科技大学"),
    ("杨雪松", "济南大学"),
    ("朱晓峰", "山东省科学院"),
    ("秦文涛", "山东农业大学"),
    ("许海滨", "哈尔滨工业大学（威海）"),
    ("何静", "山东师范大学"),
    ("吕振江", "山东建筑大学"),
    ("施国良", "烟台大学"),
    ("孔令伟", "曲阜师范大学"),
];

/// A committee of `total`: the named insiders (from the lead unit, then the
/// first co-builder), the rest external experts starting at `seed`. The
/// chair is the first external expert, or the first insider if `lead_chair`.
pub fn committee(
    m: &Manifest,
    seed: usize,
    lead: &[&str],
    co: &[&str],
    total: usize,
    lead_chair: bool,
) -> Vec<CommitteeMember> {
    let member = |name: &str, affiliation: &str, unit| CommitteeMember {
        name: name.to_string(),
        affiliation: affiliation.to_string(),
        unit,
        chair: false,
    };
    let co_name = m.co_builders.first().map_or("", |u| u.name.as_str());
    let mut c: Vec<CommitteeMember> = lead.iter().map(|n| member(n, &m.lead_unit.name, MemberUnit::Lead)).collect();
    c.extend(co.iter().map(|n| member(n, co_name, MemberUnit::CoBuilder)));
    let insiders = c.len();
    for i in 0..total.saturating_sub(insiders) {
        let (name, affiliation) = EXTERNAL[(seed + i) % EXTERNAL.len()];
        c.push(member(name, affiliation, MemberUnit::External));
    }
    let chair = if lead_chair { 0 } else { insiders };
    if let Some(x) = c.get_mut(chair) {
        x.chair = true;
    }
    c
}

/// A credit code with its check character deliberately wrong (a typo the
/// `credit-code` rule must catch).
pub fn mistyped_code(code17: &str) -> String {
    let good = fixture::code(code17);
    let last = good.chars().last().unwrap_or('0');
    let wrong = if last == '7' { '1' } else { '7' };
    format!("{code17}{wrong}")
}
