//! The form as typed values by field key, and its mapping to and from the
//! manifest. Cells are not seen here: `write` and `read` deal with them.

use std::collections::BTreeMap;

use paneldesk_core::manifest::*;
use paneldesk_core::time::Timestamp;
use paneldesk_core::Dec;

use super::layout::{table, DOC_KINDS, KINDS, MEMBERS, T, UNIT_KINDS};

#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Empty,
    Text(String),
    Bool(bool),
    Int(i64),
    Dec(Dec),
    Time(Timestamp),
    /// Index into the field's choice list (layout::KINDS, ...).
    Choice(usize),
}

// The reader only produces the type a field declares, so the fallbacks
// below are never taken for a form that came through it.
impl Val {
    pub fn text(&self) -> String {
        if let Val::Text(s) = self {
            s.clone()
        } else {
            String::new()
        }
    }
    pub fn opt_text(&self) -> Option<String> {
        if let Val::Text(s) = self {
            Some(s.clone())
        } else {
            None
        }
    }
    pub fn bool(&self) -> bool {
        matches!(self, Val::Bool(true))
    }
    pub fn int(&self) -> i64 {
        if let Val::Int(n) = self {
            *n
        } else {
            0
        }
    }
    pub fn dec(&self) -> Dec {
        if let Val::Dec(d) = self {
            *d
        } else {
            Dec::ZERO
        }
    }
    pub fn choice<E: Copy>(&self, of: &[E]) -> Option<E> {
        if let Val::Choice(i) = self {
            of.get(*i).copied()
        } else {
            None
        }
    }
}

fn choice_of<E: PartialEq>(of: &[E], e: &E) -> Val {
    of.iter().position(|x| x == e).map_or(Val::Empty, Val::Choice)
}

pub struct Row {
    /// Sheet row (0-based) it was read from; 0 when written.
    pub line: u32,
    /// In the order of the table's columns.
    pub vals: Vec<Val>,
}

impl Row {
    fn new(t: T, pairs: Vec<(&str, Val)>) -> Row {
        let mut vals = vec![Val::Empty; table(t).cols.len()];
        for (key, v) in pairs {
            if let Some(slot) = vals.get_mut(table(t).col(key)) {
                *slot = v;
            }
        }
        Row { line: 0, vals }
    }
    pub fn get(&self, t: T, key: &str) -> &Val {
        self.vals.get(table(t).col(key)).unwrap_or(&Val::Empty)
    }
}

pub struct Form {
    pub basic: BTreeMap<&'static str, Val>,
    pub rows: [Vec<Row>; 7],
    /// Per table, the sheet column of each field (for messages).
    pub cols: [Vec<u16>; 7],
}

impl Form {
    pub fn empty() -> Form {
        Form { basic: BTreeMap::new(), rows: Default::default(), cols: Default::default() }
    }

    pub fn template(kind: Kind) -> Form {
        let mut f = Form::empty();
        f.basic.insert("format", Val::Text(PACKAGE_FORMAT.to_string()));
        f.basic.insert("kind", choice_of(&KINDS, &kind));
        f
    }

    pub fn of(m: &Manifest) -> Form {
        let mut f = Form::empty();
        let text = |s: &str| Val::Text(s.to_string());
        let u = &m.lead_unit;
        let d = &m.team.director;
        let basic: Vec<(&'static str, Val)> = vec![
            ("format", text(PACKAGE_FORMAT)),
            ("id", text(&m.id)),
            ("kind", choice_of(&KINDS, &m.kind)),
            ("submitted_at", Val::Time(m.submitted_at)),
            ("center.name", text(&m.center.name)),
            ("center.field", text(&m.center.field)),
            ("center.software_industry", Val::Bool(m.center.software_industry)),
            ("center.strategic_priority", Val::Bool(m.center.strategic_priority)),
            ("center.competent_department", text(&m.center.competent_department)),
            ("lead.name", text(&u.name)),
            ("lead.credit_code", text(&u.credit_code)),
            ("lead.kind", choice_of(&UNIT_KINDS, &u.kind)),
            ("lead.in_liaocheng", Val::Bool(u.in_liaocheng)),
            ("lead.independent_legal_person", Val::Bool(u.independent_legal_person)),
            ("lead.high_tech_enterprise", Val::Bool(u.high_tech_enterprise)),
            ("lead.tech_based_enterprise", Val::Bool(u.tech_based_enterprise)),
            ("lead.chain_leader", Val::Bool(u.chain_leader)),
            ("lead.conversion_cases_3y", Val::Int(u.conversion_cases_3y.into())),
            ("lead_share_percent", Val::Dec(m.lead_share_percent)),
            ("facilities.rd_space_m2", Val::Dec(m.facilities.rd_space_m2)),
            ("facilities.equipment_value_wan", Val::Dec(m.facilities.equipment_value_wan)),
            ("facilities.pilot_capability", Val::Bool(m.facilities.pilot_capability)),
            ("team.director.name", text(&d.name)),
            ("team.director.title", text(&d.title)),
            ("team.director.senior_title", Val::Bool(d.senior_title)),
            ("team.full_time_rd_staff", Val::Int(m.team.full_time_rd_staff.into())),
        ];
        f.basic.extend(basic);
        if let Some(i) = &m.incidents {
            f.basic.insert("incidents.skipped_evaluation", Val::Bool(i.skipped_evaluation));
            f.basic.insert("incidents.falsification", Val::Bool(i.falsification));
            f.basic.insert("incidents.major_accident", Val::Bool(i.major_accident));
            f.basic.insert("incidents.lead_unit_unable", Val::Bool(i.lead_unit_unable));
            f.basic.insert("incidents.voluntary_withdrawal", Val::Bool(i.voluntary_withdrawal));
        }
        let finance = |fy: &FinanceYear| {
            vec![
                ("year", Val::Int(fy.year.into())),
                ("rd_expense_wan", Val::Dec(fy.rd_expense_wan)),
                ("revenue_wan", Val::Dec(fy.revenue_wan)),
            ]
        };
        f.rows[T::LeadFinance as usize] = u.finance.iter().map(|fy| Row::new(T::LeadFinance, finance(fy))).collect();
        for (i, c) in m.co_builders.iter().enumerate() {
            let no = Val::Int(i as i64 + 1);
            f.rows[T::CoBuilders as usize].push(Row::new(
                T::CoBuilders,
                vec![
                    ("index", no.clone()),
                    ("name", text(&c.name)),
                    ("credit_code", text(&c.credit_code)),
                    ("kind", choice_of(&UNIT_KINDS, &c.kind)),
                    ("in_liaocheng", Val::Bool(c.in_liaocheng)),
                    ("independent_legal_person", Val::Bool(c.independent_legal_person)),
                    ("high_tech_enterprise", Val::Bool(c.high_tech_enterprise)),
                    ("tech_based_enterprise", Val::Bool(c.tech_based_enterprise)),
                    ("chain_leader", Val::Bool(c.chain_leader)),
                    ("conversion_cases_3y", Val::Int(c.conversion_cases_3y.into())),
                ],
            ));
            for fy in &c.finance {
                let mut pairs = vec![("unit", no.clone()), ("unit_name", text(&c.name))];
                pairs.extend(finance(fy));
                f.rows[T::CoFinance as usize].push(Row::new(T::CoFinance, pairs));
            }
        }
        f.rows[T::Committee as usize] = m
            .expert_committee
            .iter()
            .map(|c| {
                let unit = choice_of(&MEMBERS, &c.unit);
                let pairs = vec![("name", text(&c.name)), ("affiliation", text(&c.affiliation)), ("unit", unit)];
                Row::new(T::Committee, [pairs, vec![("chair", Val::Bool(c.chair))]].concat())
            })
            .collect();
        f.rows[T::Documents as usize] = m
            .documents
            .iter()
            .map(|d| {
                let kind = choice_of(&DOC_KINDS, &d.kind);
                Row::new(T::Documents, vec![("path", text(&d.path)), ("title", text(&d.title)), ("kind", kind)])
            })
            .collect();
        f.rows[T::Annual as usize] = (m.annual_reports.iter().flatten())
            .map(|r| {
                let doc = r.document.as_deref().map_or(Val::Empty, text);
                Row::new(T::Annual, vec![("year", Val::Int(r.year.into())), ("document", doc)])
            })
            .collect();
        f.rows[T::Targets as usize] = (m.task_targets.iter().flatten())
            .map(|t| {
                let pairs = vec![("indicator", text(&t.indicator)), ("unit", text(&t.unit))];
                let figures = vec![("target", Val::Dec(t.target)), ("achieved", Val::Dec(t.achieved))];
                Row::new(T::Targets, [pairs, figures].concat())
            })
            .collect();
        f
    }
}
