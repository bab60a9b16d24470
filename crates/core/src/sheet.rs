//! An expert's score sheet for one package and phase: what `review score`
//! reads and the app saves, revision after revision (docs/cli.md, docs/formats.md §4).

use serde::{Deserialize, Serialize};

use crate::rubric::Rubric;
use crate::scoring::{recommendation_problem, sheet_problems, sum_scores, Score};
use crate::text::Msg;

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    #[default]
    Desk,
    SiteVisit,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Desk => "desk",
            Phase::SiteVisit => "site_visit",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        match s {
            "desk" => Some(Phase::Desk),
            "site_visit" => Some(Phase::SiteVisit),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub declared: bool,
    #[serde(default)]
    pub statement: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteVerdict {
    Meets,
    Partly,
    Fails,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteItem {
    pub id: String,
    pub verdict: SiteVerdict,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteVisit {
    pub date: String,
    pub items: Vec<SiteItem>,
    /// SHA-256 of each photo.
    #[serde(default)]
    pub photos: Vec<String>,
}

/// Missing parts default to empty, so that they fail validation with a
/// reason (exit 1) instead of being unreadable (exit 2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    #[serde(default)]
    pub phase: Phase,
    #[serde(default)]
    pub conflict_of_interest: Conflict,
    #[serde(default)]
    pub scores: Vec<Score>,
    #[serde(default)]
    pub recommendation: String,
    #[serde(default)]
    pub opinion: String,
    #[serde(default)]
    pub site_visit: Option<SiteVisit>,
}

impl Sheet {
    pub fn total(&self) -> crate::Dec {
        sum_scores(&self.scores)
    }

    /// Why this sheet cannot be recorded as a review; empty when it can.
    /// A declared conflict is not a problem of the sheet: callers record
    /// the declaration and then refuse to score.
    pub fn problems(&self, rubric: &Rubric) -> Vec<Msg> {
        let mut out = Vec::new();
        if self.phase == Phase::SiteVisit && self.site_visit.is_none() {
            out.push(Msg::new(
                "现场考察意见缺少考察记录（site_visit）",
                "a site-visit review needs its site_visit record",
            ));
        }
        if let Some(sv) = &self.site_visit {
            if sv.photos.iter().any(|h| !crate::manifest::is_sha256_hex(h)) {
                out.push(Msg::new("照片哈希须为 64 位小写十六进制", "photo hashes must be 64 lowercase hex digits"));
            }
        }
        if self.phase == Phase::Desk || !self.scores.is_empty() {
            out.extend(sheet_problems(rubric, &self.scores, None, &self.recommendation));
        } else {
            out.extend(recommendation_problem(rubric, &self.recommendation));
        }
        out
    }
}
