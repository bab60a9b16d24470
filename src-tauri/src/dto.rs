//! Types that cross IPC. The UI's TypeScript types are generated from these
//! by ts-rs (`cargo test` writes ui/src/bindings/), never written by hand.
//! Decimal figures travel as exact strings ("1200", "72.5"): the UI shows
//! them, it never computes with them.

use paneldesk_core::Msg;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One message in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Text {
        Text { zh: m.zh, en: m.en }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ProfileDto {
    pub expert_id: String,
    pub name: String,
    pub title: String,
    pub affiliation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct BatchDto {
    pub id: String,
    pub title: String,
    /// establishment | acceptance | periodic
    pub kind: String,
    pub deadline: String,
    pub deadline_passed: bool,
    pub imported_at: String,
    pub packages: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct OpenedBatch {
    pub id: String,
    pub title: String,
    pub packages: u32,
    /// False when this very batch file had been opened before.
    pub newly_imported: bool,
}

/// Sent as the `batch-progress` event while a batch is hashed and checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub package_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PackageRowDto {
    pub package_id: String,
    pub center_name: String,
    pub lead_unit: String,
    /// eligible | eligible_with_warnings | needs_judgment | ineligible | revoke
    pub verdict: String,
    /// not_started | draft | signed
    pub status: String,
    pub conflict_declared: bool,
    pub saved_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct RuleDto {
    pub id: String,
    /// pass | fail | warn | relaxed
    pub result: String,
    pub article: String,
    pub message: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct DocumentDto {
    pub path: String,
    pub title: String,
    pub kind: String,
    pub kind_label: Text,
    pub sha256: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FinanceDto {
    pub year: i32,
    pub rd_expense_wan: String,
    pub revenue_wan: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct UnitDto {
    pub name: String,
    pub credit_code: String,
    pub kind_label: Text,
    pub in_liaocheng: bool,
    pub independent_legal_person: bool,
    pub high_tech_enterprise: bool,
    pub tech_based_enterprise: bool,
    pub finance: Vec<FinanceDto>,
    pub rd_total_wan: String,
    pub revenue_total_wan: String,
    pub conversion_cases_3y: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FactsDto {
    pub center_name: String,
    pub field: String,
    pub kind: String,
    pub kind_label: Text,
    pub submitted_at: String,
    pub software_industry: bool,
    pub strategic_priority: bool,
    pub competent_department: String,
    pub lead_unit: UnitDto,
    pub co_builders: Vec<UnitDto>,
    pub lead_share_percent: String,
    pub rd_space_m2: String,
    pub equipment_value_wan: String,
    pub pilot_capability: bool,
    pub director_name: String,
    pub director_title: String,
    pub director_senior_title: bool,
    pub full_time_rd_staff: u32,
    pub committee_size: u32,
    pub committee_external: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PackageDetail {
    pub batch_id: String,
    pub package_id: String,
    pub sha256: String,
    pub verdict: String,
    pub facts: FactsDto,
    pub rules: Vec<RuleDto>,
    pub documents: Vec<DocumentDto>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CriterionDto {
    pub id: String,
    pub title: String,
    pub max: String,
    pub step: String,
    pub guidance: String,
    pub comment_required_below: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct RubricDto {
    pub id: String,
    pub title: String,
    pub criteria: Vec<CriterionDto>,
    pub recommendation_options: Vec<String>,
    pub max_total: String,
    pub pass_line: Option<String>,
}

/// A score as typed: kept as text so that Rust, not the UI, decides
/// whether it is a valid number, step and range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ScoreInput {
    pub criterion: String,
    pub score: String,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SheetInput {
    pub scores: Vec<ScoreInput>,
    pub recommendation: String,
    pub opinion: String,
}

/// The conflict-of-interest answer recorded for this package, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ConflictDto {
    pub declared: bool,
    pub statement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SheetView {
    pub rubric: RubricDto,
    /// None until the conflict-of-interest question is answered.
    pub conflict: Option<ConflictDto>,
    pub sheet: SheetInput,
    pub revision: Option<u32>,
    pub saved_at: Option<String>,
    pub signed: bool,
    pub total: String,
    pub problems: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SaveResult {
    pub revision: u32,
    pub saved_at: String,
    pub total: String,
    /// Why the sheet cannot yet be signed; empty when it is complete.
    pub problems: Vec<Text>,
}
