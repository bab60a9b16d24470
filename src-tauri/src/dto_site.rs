//! Site-visit (现场考察) types that cross IPC; generated to TypeScript by ts-rs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::Text;

/// One thing to check on site: from the rubric's checklist, or a claim the
/// package makes (its figures, each co-build agreement).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteItemPlan {
    pub id: String,
    pub title: Text,
    /// What the package claims, to be seen on site (e.g. "1200 m²").
    pub claim: Option<Text>,
}

/// An item as the expert fills it; `verdict` is "" until assessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteItemInput {
    pub id: String,
    /// "" | meets | partly | fails
    pub verdict: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteVisitInput {
    /// YYYY-MM-DD
    pub date: String,
    pub items: Vec<SiteItemInput>,
    /// SHA-256 of each photo added through `add_photo`.
    pub photos: Vec<String>,
    pub recommendation: String,
    pub opinion: String,
}

/// An item that was not found as claimed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct Discrepancy {
    pub id: String,
    pub title: Text,
    pub claim: Option<Text>,
    /// partly | fails
    pub verdict: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SiteVisitView {
    pub items: Vec<SiteItemPlan>,
    pub visit: SiteVisitInput,
    pub recommendation_options: Vec<String>,
    pub discrepancies: Vec<Discrepancy>,
    pub unassessed: u32,
    pub revision: Option<u32>,
    pub saved_at: Option<String>,
    pub signed: bool,
    pub problems: Vec<Text>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PhotoDto {
    pub sha256: String,
    pub size: u32,
}
