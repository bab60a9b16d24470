//! `manifest.json` of an application package (tic-package/1, docs/formats.md §1).
//!
//! Serde does the shape (required fields, JSON types, enums); `validate`
//! does what types cannot say (id pattern, ranges, paths, cross references).

use serde::{Deserialize, Serialize};

use crate::decimal::Dec;
use crate::text::Msg;
use crate::time::Timestamp;

pub const PACKAGE_FORMAT: &str = "tic-package/1";

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Establishment,
    Acceptance,
    Periodic,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Establishment => "establishment",
            Kind::Acceptance => "acceptance",
            Kind::Periodic => "periodic",
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Kind::Establishment => Msg::new("组建申报", "establishment application"),
            Kind::Acceptance => Msg::new("筹建期满综合绩效评价", "end-of-construction evaluation"),
            Kind::Periodic => Msg::new("两年一次绩效评价", "two-yearly evaluation"),
        }
    }

    /// Centres already built: acceptance and periodic evaluations.
    pub fn is_evaluation(self) -> bool {
        !matches!(self, Kind::Establishment)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub id: String,
    pub kind: Kind,
    pub submitted_at: Timestamp,
    pub center: Center,
    pub lead_unit: Unit,
    pub co_builders: Vec<Unit>,
    pub lead_share_percent: Dec,
    pub facilities: Facilities,
    pub team: Team,
    pub expert_committee: Vec<CommitteeMember>,
    pub documents: Vec<Document>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_reports: Option<Vec<AnnualReport>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_targets: Option<Vec<TaskTarget>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incidents: Option<Incidents>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Center {
    pub name: String,
    pub field: String,
    pub software_industry: bool,
    pub strategic_priority: bool,
    pub competent_department: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Enterprise,
    University,
    ResearchInstitute,
    NewRdInstitution,
}

impl UnitKind {
    pub fn label(self) -> Msg {
        match self {
            UnitKind::Enterprise => Msg::new("企业", "enterprise"),
            UnitKind::University => Msg::new("高校", "university"),
            UnitKind::ResearchInstitute => Msg::new("科研院所", "research institute"),
            UnitKind::NewRdInstitution => Msg::new("新型研发机构", "new R&D institution"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub name: String,
    pub credit_code: String,
    pub kind: UnitKind,
    pub in_liaocheng: bool,
    pub independent_legal_person: bool,
    pub high_tech_enterprise: bool,
    pub tech_based_enterprise: bool,
    pub chain_leader: bool,
    pub finance: Vec<FinanceYear>,
    pub conversion_cases_3y: u32,
}

impl Unit {
    pub fn is_enterprise(&self) -> bool {
        self.kind == UnitKind::Enterprise
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinanceYear {
    pub year: i32,
    pub rd_expense_wan: Dec,
    pub revenue_wan: Dec,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facilities {
    pub rd_space_m2: Dec,
    pub equipment_value_wan: Dec,
    pub pilot_capability: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub director: Director,
    pub full_time_rd_staff: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Director {
    pub name: String,
    pub title: String,
    pub senior_title: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberUnit {
    Lead,
    CoBuilder,
    External,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitteeMember {
    pub name: String,
    pub affiliation: String,
    pub unit: MemberUnit,
    pub chair: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    ApplicationForm,
    CobuildAgreement,
    AuditReport,
    FacilityProof,
    EquipmentList,
    StaffRoster,
    AnnualReport,
    TaskBook,
    Other,
}

impl DocKind {
    pub fn label(self) -> Msg {
        let (zh, en) = match self {
            DocKind::ApplicationForm => ("申报书", "application form"),
            DocKind::CobuildAgreement => ("共建协议", "co-build agreement"),
            DocKind::AuditReport => ("审计报告", "audit report"),
            DocKind::FacilityProof => ("场地证明", "facility proof"),
            DocKind::EquipmentList => ("仪器设备清单", "equipment list"),
            DocKind::StaffRoster => ("人员名册", "staff roster"),
            DocKind::AnnualReport => ("年度报告", "annual report"),
            DocKind::TaskBook => ("建设任务书", "task book"),
            DocKind::Other => ("其他材料", "other"),
        };
        Msg::new(zh, en)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub path: String,
    pub title: String,
    pub kind: DocKind,
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnnualReport {
    pub year: i32,
    /// Path of a listed `annual_report` document, or null when not filed.
    pub document: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskTarget {
    pub indicator: String,
    pub unit: String,
    pub target: Dec,
    pub achieved: Dec,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incidents {
    pub skipped_evaluation: bool,
    pub falsification: bool,
    pub major_accident: bool,
    pub lead_unit_unable: bool,
    pub voluntary_withdrawal: bool,
}

/// `[A-Za-z0-9._-]{1,64}`: package ids (docs/formats.md §1).
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Lowercase hex SHA-256.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl Manifest {
    /// Parses and validates; the error says what is wrong in both languages.
    pub fn from_json(bytes: &[u8]) -> Result<Manifest, Msg> {
        let m: Manifest = serde_json::from_slice(bytes).map_err(|e| {
            Msg::new(
                format!(
                    "manifest.json 格式错误：{}。请向申报单位索取符合 tic-package/1 的材料包",
                    crate::reason::json_zh(&e)
                ),
                format!("manifest.json is malformed: {e}. Ask the applicant for a tic-package/1 package"),
            )
        })?;
        m.validate()?;
        Ok(m)
    }

    pub fn validate(&self) -> Result<(), Msg> {
        let bad = |zh: String, en: String| {
            Err(Msg::new(
                format!("manifest.json 无效：{zh}。请向申报单位索取更正后的材料包"),
                format!("manifest.json is invalid: {en}. Ask the applicant for a corrected package"),
            ))
        };
        if self.format != PACKAGE_FORMAT {
            return bad(
                format!("未知格式 “{}”，应为 {PACKAGE_FORMAT}", self.format),
                format!("unknown format \"{}\", expected {PACKAGE_FORMAT}", self.format),
            );
        }
        if !is_valid_id(&self.id) {
            return bad(
                format!("id “{}” 不符合 [A-Za-z0-9._-]{{1,64}}", self.id),
                format!("id \"{}\" does not match [A-Za-z0-9._-]{{1,64}}", self.id),
            );
        }
        if self.lead_share_percent < 0 || self.lead_share_percent > 100 {
            return bad(
                format!("lead_share_percent 为 {}，应在 0–100 之间", self.lead_share_percent),
                format!("lead_share_percent is {}, must be within 0–100", self.lead_share_percent),
            );
        }
        for (field, value) in self.figures() {
            if value < 0 || !value.is_multiple_of(crate::decimal::Dec::from_hundredths(1)) {
                return bad(
                    format!("{field} 为 {value}：数值须为不小于 0、最多两位小数的数"),
                    format!("{field} is {value}: figures must be at least 0 with at most two decimals"),
                );
            }
        }
        if self.kind.is_evaluation() {
            for (name, missing) in [
                ("annual_reports", self.annual_reports.is_none()),
                ("task_targets", self.task_targets.is_none()),
                ("incidents", self.incidents.is_none()),
            ] {
                if missing {
                    return bad(
                        format!("评价类材料包缺少字段 {name}"),
                        format!("an evaluation package must have the field {name}"),
                    );
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for doc in &self.documents {
            if let Err(why) = crate::package::path::check_entry_name(doc.path.as_bytes()) {
                return bad(
                    format!("文件路径 “{}” 不可用：{}", doc.path, why.zh),
                    format!("document path \"{}\" is unusable: {}", doc.path, why.en),
                );
            }
            if doc.path == crate::package::MANIFEST_NAME || !seen.insert(doc.path.as_str()) {
                return bad(
                    format!("文件 “{}” 重复列出", doc.path),
                    format!("document \"{}\" is listed twice", doc.path),
                );
            }
            if !is_sha256_hex(&doc.sha256) {
                return bad(
                    format!("文件 “{}” 的 sha256 不是 64 位小写十六进制", doc.path),
                    format!("the sha256 of \"{}\" is not 64 lowercase hex digits", doc.path),
                );
            }
        }
        for report in self.annual_reports.iter().flatten() {
            let Some(path) = &report.document else { continue };
            let listed = self.documents.iter().any(|d| &d.path == path && d.kind == DocKind::AnnualReport);
            if !listed {
                return bad(
                    format!("{} 年度报告 “{path}” 不是已列出的 annual_report 文件", report.year),
                    format!("the {} annual report \"{path}\" is not a listed annual_report document", report.year),
                );
            }
        }
        Ok(())
    }

    /// Every figure with its field path (formats.md: at most two decimals,
    /// and none of these can be below zero).
    pub fn figures(&self) -> Vec<(String, crate::decimal::Dec)> {
        let mut out = vec![
            ("lead_share_percent".to_string(), self.lead_share_percent),
            ("facilities.rd_space_m2".to_string(), self.facilities.rd_space_m2),
            ("facilities.equipment_value_wan".to_string(), self.facilities.equipment_value_wan),
        ];
        for (u, unit) in self.units().enumerate() {
            let at = if u == 0 { "lead_unit".to_string() } else { format!("co_builders[{}]", u - 1) };
            for (y, f) in unit.finance.iter().enumerate() {
                out.push((format!("{at}.finance[{y}].rd_expense_wan"), f.rd_expense_wan));
                out.push((format!("{at}.finance[{y}].revenue_wan"), f.revenue_wan));
            }
        }
        for (i, t) in self.task_targets.iter().flatten().enumerate() {
            out.push((format!("task_targets[{i}].target"), t.target));
            out.push((format!("task_targets[{i}].achieved"), t.achieved));
        }
        out
    }

    /// Every unit: the lead first, then the co-builders.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        std::iter::once(&self.lead_unit).chain(self.co_builders.iter())
    }
}
