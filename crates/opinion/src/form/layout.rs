//! The form's types, shared by the writer and the reader: a field has a machine
//! key, Chinese and English label, unit, type and the article of the measures
//! (聊城市技术创新中心管理办法) that the figure is checked against.

use paneldesk_core::manifest::{DocKind, Kind, MemberUnit, UnitKind};

/// Rows read per sheet at most (header rows included).
pub const MAX_ROWS: u32 = 1000;
/// Columns read per sheet at most; the widest table has ten.
pub const MAX_COLS: u16 = 16;

pub const BASIC: &str = "基本信息";
/// 基本信息: key (hidden), label, value, unit, article, note.
pub const KEY_COL: u16 = 0;
pub const LABEL_COL: u16 = 1;
pub const VALUE_COL: u16 = 2;
/// Table sheets: hidden key row, header row, then data.
pub const KEY_ROW: u32 = 0;
pub const HEADER_ROW: u32 = 1;
pub const FIRST_DATA_ROW: u32 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Kind,
    UnitKind,
    Member,
    Doc,
}

pub const KINDS: [Kind; 3] = [Kind::Establishment, Kind::Acceptance, Kind::Periodic];
pub const UNIT_KINDS: [UnitKind; 4] =
    [UnitKind::Enterprise, UnitKind::University, UnitKind::ResearchInstitute, UnitKind::NewRdInstitution];
pub const MEMBERS: [MemberUnit; 3] = [MemberUnit::Lead, MemberUnit::CoBuilder, MemberUnit::External];
pub const DOC_KINDS: [DocKind; 9] = [
    DocKind::ApplicationForm,
    DocKind::CobuildAgreement,
    DocKind::AuditReport,
    DocKind::FacilityProof,
    DocKind::EquipmentList,
    DocKind::StaffRoster,
    DocKind::AnnualReport,
    DocKind::TaskBook,
    DocKind::Other,
];

impl Choice {
    /// The drop-down entries, in the order of the arrays above.
    pub fn labels(self) -> Vec<String> {
        match self {
            Choice::Kind => KINDS.iter().map(|k| k.label().zh).collect(),
            Choice::UnitKind => UNIT_KINDS.iter().map(|k| k.label().zh).collect(),
            Choice::Member => ["依托单位", "共建单位", "外部专家"].map(String::from).to_vec(),
            Choice::Doc => DOC_KINDS.iter().map(|k| k.label().zh).collect(),
        }
    }

    /// The manifest's spelling, also accepted when reading.
    pub fn codes(self) -> Vec<String> {
        let json = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
        match self {
            Choice::Kind => KINDS.iter().map(|k| k.as_str().to_string()).collect(),
            Choice::UnitKind => UNIT_KINDS.iter().map(|k| json(serde_json::json!(k))).collect(),
            Choice::Member => MEMBERS.iter().map(|k| json(serde_json::json!(k))).collect(),
            Choice::Doc => DOC_KINDS.iter().map(|k| json(serde_json::json!(k))).collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// Must be tic-package/1 (or empty).
    Format,
    Id,
    Text,
    /// 统一社会信用代码: text only, a number cell would have lost digits.
    Code,
    Time,
    Bool,
    Choice(Choice),
    /// A whole number ≥ 0.
    Count,
    Year,
    /// A co-builder's 序号, ≥ 1.
    Index,
    /// ≥ 0, at most two decimals.
    Figure,
    /// 0–100, at most two decimals.
    Percent,
}

pub struct Field {
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// (zh, en).
    pub unit: Option<(&'static str, &'static str)>,
    pub ty: Ty,
    pub article: &'static str,
    pub note: &'static str,
    pub optional: bool,
    /// Only for acceptance and periodic evaluations.
    pub eval: bool,
}

impl Field {
    /// The table header / label with its unit: "研发费用（万元）".
    pub fn header(&self) -> String {
        match self.unit {
            Some((u, _)) => format!("{}（{u}）", self.zh),
            None => self.zh.to_string(),
        }
    }
}

pub struct Table {
    pub name: &'static str,
    pub en: &'static str,
    pub cols: &'static [Field],
    /// Shown beside the header: what one row is and what the measures ask.
    pub note: &'static str,
    pub eval: bool,
}

impl Table {
    pub fn col(&self, key: &str) -> usize {
        self.cols.iter().position(|c| c.key == key).unwrap_or(usize::MAX)
    }
}

/// Index into `TABLES`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T {
    LeadFinance,
    CoBuilders,
    CoFinance,
    Committee,
    Documents,
    Annual,
    Targets,
}

pub use super::fields::{BASIC_FIELDS, TABLES};

/// A sheet's English name, for the English messages.
pub fn sheet_en(name: &str) -> &'static str {
    TABLES.iter().find(|t| t.name == name).map_or("basic information", |t| t.en)
}

pub fn table(t: T) -> &'static Table {
    &TABLES[t as usize]
}

/// The tables a form of this kind has, in sheet order.
pub fn tables(kind: Kind) -> impl Iterator<Item = (T, &'static Table)> {
    use T::*;
    [LeadFinance, CoBuilders, CoFinance, Committee, Documents, Annual, Targets]
        .into_iter()
        .map(|t| (t, table(t)))
        .filter(move |(_, tb)| kind.is_evaluation() || !tb.eval)
}

pub fn basic_fields(kind: Kind) -> impl Iterator<Item = &'static Field> {
    BASIC_FIELDS.iter().filter(move |f| kind.is_evaluation() || !f.eval)
}
