//! From the typed form to the manifest, checking what spans rows and sheets
//! (序号 links, document paths) so that the message can name the cell.

use std::collections::HashSet;

use paneldesk_core::manifest::*;
use paneldesk_core::package::{path::check_entry_name, MANIFEST_NAME};
use paneldesk_core::time::Timestamp;

use super::layout::{table, DOC_KINDS, KINDS, MEMBERS, T, UNIT_KINDS};
use super::model::{Form, Row, Val};
use super::FormError;

impl Form {
    fn b(&self, key: &str) -> &Val {
        self.basic.get(key).unwrap_or(&Val::Empty)
    }

    fn rows(&self, t: T) -> &[Row] {
        self.rows.get(t as usize).map_or(&[], Vec::as_slice)
    }

    /// An error about the cell of `key` in `row` of table `t`.
    fn err(&self, t: T, row: &Row, key: &str, zh: &str, en: &str) -> FormError {
        let tb = table(t);
        let i = tb.col(key);
        let col = self.cols.get(t as usize).and_then(|c| c.get(i)).copied().unwrap_or(i as u16);
        match tb.cols.get(i) {
            Some(field) => FormError::cell(tb.name, col, row.line, field, zh, en),
            None => FormError::form(zh, en),
        }
    }

    fn lead_unit(&self) -> Unit {
        let b = |k: &str| self.b(&format!("lead.{k}")).bool();
        Unit {
            name: self.b("lead.name").text(),
            credit_code: self.b("lead.credit_code").text(),
            kind: self.b("lead.kind").choice(&UNIT_KINDS).unwrap_or(UnitKind::Enterprise),
            in_liaocheng: b("in_liaocheng"),
            independent_legal_person: b("independent_legal_person"),
            high_tech_enterprise: b("high_tech_enterprise"),
            tech_based_enterprise: b("tech_based_enterprise"),
            chain_leader: b("chain_leader"),
            finance: self.rows(T::LeadFinance).iter().map(|r| finance(T::LeadFinance, r)).collect(),
            conversion_cases_3y: self.b("lead.conversion_cases_3y").int() as u32,
        }
    }

    /// Co-builders in sheet order; a blank 序号 is the row's position.
    fn co_builders(&self) -> Result<Vec<Unit>, FormError> {
        let t = T::CoBuilders;
        let mut units: Vec<(i64, Unit)> = Vec::new();
        for (i, r) in self.rows(t).iter().enumerate() {
            let no = match r.get(t, "index") {
                Val::Int(n) => *n,
                _ => i as i64 + 1,
            };
            if units.iter().any(|(n, _)| *n == no) {
                let zh = format!("的序号 {no} 重复。请为每家共建单位填写不同的序号");
                return Err(self.err(
                    t,
                    r,
                    "index",
                    &zh,
                    &format!("repeats the number {no}. Number each co-builder once"),
                ));
            }
            let b = |k: &str| r.get(t, k).bool();
            units.push((
                no,
                Unit {
                    name: r.get(t, "name").text(),
                    credit_code: r.get(t, "credit_code").text(),
                    kind: r.get(t, "kind").choice(&UNIT_KINDS).unwrap_or(UnitKind::Enterprise),
                    in_liaocheng: b("in_liaocheng"),
                    independent_legal_person: b("independent_legal_person"),
                    high_tech_enterprise: b("high_tech_enterprise"),
                    tech_based_enterprise: b("tech_based_enterprise"),
                    chain_leader: b("chain_leader"),
                    finance: vec![],
                    conversion_cases_3y: r.get(t, "conversion_cases_3y").int() as u32,
                },
            ));
        }
        let f = T::CoFinance;
        for r in self.rows(f) {
            let no = r.get(f, "unit").int();
            let Some((_, unit)) = units.iter_mut().find(|(n, _)| *n == no) else {
                let zh = format!("为 {no}，“共建单位”表中没有这个序号。请填写“共建单位”表中的序号");
                let en = format!(
                    "is {no}, which is not a number in the sheet \"共建单位\". Use a co-builder's number there"
                );
                return Err(self.err(f, r, "unit", &zh, &en));
            };
            if let Some(name) = r.get(f, "unit_name").opt_text().filter(|n| *n != unit.name) {
                let zh = format!("“{name}”与序号 {no} 的共建单位“{}”不一致。请核对序号或名称", unit.name);
                let en = format!("\"{name}\" is not co-builder {no}, \"{}\". Check the number or the name", unit.name);
                return Err(self.err(f, r, "unit_name", &zh, &en));
            }
            unit.finance.push(finance(f, r));
        }
        Ok(units.into_iter().map(|(_, u)| u).collect())
    }

    fn documents(&self) -> Result<Vec<Document>, FormError> {
        let t = T::Documents;
        let mut seen = HashSet::new();
        let mut docs = Vec::new();
        for r in self.rows(t) {
            let path = r.get(t, "path").text();
            if let Err(why) = check_entry_name(path.as_bytes()) {
                let zh = format!(
                    "“{path}”不能用作文件路径（{}）。请填写材料包内的相对路径，如 docs/application.pdf",
                    why.zh
                );
                let en = format!(
                    "\"{path}\" cannot be a file path ({}). Enter a relative path such as docs/application.pdf",
                    why.en
                );
                return Err(self.err(t, r, "path", &zh, &en));
            }
            if path == MANIFEST_NAME || !seen.insert(path.clone()) {
                let zh = format!("“{path}”已列出过或为保留名称。每个文件只列一次");
                return Err(self.err(
                    t,
                    r,
                    "path",
                    &zh,
                    &format!("\"{path}\" is listed twice or reserved. List each file once"),
                ));
            }
            let kind = r.get(t, "kind").choice(&DOC_KINDS).unwrap_or(DocKind::Other);
            docs.push(Document { path, title: r.get(t, "title").text(), kind, sha256: String::new() });
        }
        Ok(docs)
    }

    fn annual_reports(&self, docs: &[Document]) -> Result<Vec<AnnualReport>, FormError> {
        let t = T::Annual;
        let mut reports = Vec::new();
        for r in self.rows(t) {
            let document = r.get(t, "document").opt_text();
            if let Some(p) = &document {
                if !docs.iter().any(|d| &d.path == p && d.kind == DocKind::AnnualReport) {
                    let zh =
                        format!("“{p}”不是“材料清单”中类型为“年度报告”的文件。请在材料清单中列出该文件，未报送的留空");
                    let en = format!("\"{p}\" is not an annual report listed in \"材料清单\". List it there, or leave it empty if not filed");
                    return Err(self.err(t, r, "document", &zh, &en));
                }
            }
            reports.push(AnnualReport { year: r.get(t, "year").int() as i32, document });
        }
        Ok(reports)
    }

    pub fn into_manifest(self) -> Result<Manifest, FormError> {
        let kind = self.b("kind").choice(&KINDS).unwrap_or(Kind::Establishment);
        let eval = kind.is_evaluation();
        let documents = self.documents()?;
        let annual_reports = self.annual_reports(&documents)?;
        let (t, c) = (T::Targets, T::Committee);
        let task_targets = (self.rows(t).iter())
            .map(|r| TaskTarget {
                indicator: r.get(t, "indicator").text(),
                unit: r.get(t, "unit").text(),
                target: r.get(t, "target").dec(),
                achieved: r.get(t, "achieved").dec(),
            })
            .collect();
        let i = |k: &str| self.b(&format!("incidents.{k}")).bool();
        let incidents = Incidents {
            skipped_evaluation: i("skipped_evaluation"),
            falsification: i("falsification"),
            major_accident: i("major_accident"),
            lead_unit_unable: i("lead_unit_unable"),
            voluntary_withdrawal: i("voluntary_withdrawal"),
        };
        Ok(Manifest {
            format: PACKAGE_FORMAT.to_string(),
            id: self.b("id").text(),
            kind,
            submitted_at: match self.b("submitted_at") {
                Val::Time(t) => *t,
                _ => Timestamp::default(),
            },
            center: Center {
                name: self.b("center.name").text(),
                field: self.b("center.field").text(),
                software_industry: self.b("center.software_industry").bool(),
                strategic_priority: self.b("center.strategic_priority").bool(),
                competent_department: self.b("center.competent_department").text(),
            },
            lead_unit: self.lead_unit(),
            co_builders: self.co_builders()?,
            lead_share_percent: self.b("lead_share_percent").dec(),
            facilities: Facilities {
                rd_space_m2: self.b("facilities.rd_space_m2").dec(),
                equipment_value_wan: self.b("facilities.equipment_value_wan").dec(),
                pilot_capability: self.b("facilities.pilot_capability").bool(),
            },
            team: Team {
                director: Director {
                    name: self.b("team.director.name").text(),
                    title: self.b("team.director.title").text(),
                    senior_title: self.b("team.director.senior_title").bool(),
                },
                full_time_rd_staff: self.b("team.full_time_rd_staff").int() as u32,
            },
            expert_committee: (self.rows(c).iter())
                .map(|r| CommitteeMember {
                    name: r.get(c, "name").text(),
                    affiliation: r.get(c, "affiliation").text(),
                    unit: r.get(c, "unit").choice(&MEMBERS).unwrap_or(MemberUnit::External),
                    chair: r.get(c, "chair").bool(),
                })
                .collect(),
            documents,
            annual_reports: eval.then_some(annual_reports),
            task_targets: eval.then_some(task_targets),
            incidents: eval.then_some(incidents),
        })
    }
}

fn finance(t: T, r: &Row) -> FinanceYear {
    FinanceYear {
        year: r.get(t, "year").int() as i32,
        rd_expense_wan: r.get(t, "rd_expense_wan").dec(),
        revenue_wan: r.get(t, "revenue_wan").dec(),
    }
}
