//! The rubric (评审指标) a batch carries (docs/formats.md §3).

use serde::{Deserialize, Serialize};

use crate::decimal::Dec;
use crate::text::Msg;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rubric {
    pub id: String,
    pub title: String,
    pub criteria: Vec<Criterion>,
    pub recommendation_options: Vec<String>,
    pub aggregation: Aggregation,
    /// Establishment: the aggregate needed to be recommended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_line: Option<Dec>,
    /// Evaluations: highest first; may be empty for establishment.
    #[serde(default)]
    pub grades: Vec<Grade>,
    #[serde(default)]
    pub site_visit_checklist: Vec<ChecklistItem>,
    /// The criteria that break ties in the ranking, in order (formats.md
    /// §7); absent: every criterion in rubric order. Fixed when the batch
    /// is issued: nobody reorders it later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tie_break: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub max: Dec,
    pub step: Dec,
    #[serde(default)]
    pub guidance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_required_below: Option<Dec>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    Mean,
    TrimmedMean,
    Median,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Mean => "mean",
            Method::TrimmedMean => "trimmed_mean",
            Method::Median => "median",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Aggregation {
    pub method: Method,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trim_min_panel: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub label: String,
    pub min: Dec,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: String,
    pub title: String,
}

impl Rubric {
    /// What the types cannot say; `Err` names the problem in both languages.
    pub fn validate(&self) -> Result<(), Msg> {
        let bad = |zh: String, en: String| {
            Err(Msg::new(format!("评审指标 {}：{zh}", self.id), format!("rubric {}: {en}", self.id)))
        };
        if self.criteria.is_empty() {
            return bad("没有评审指标项".into(), "has no criteria".into());
        }
        let mut ids = std::collections::HashSet::new();
        for c in &self.criteria {
            if !ids.insert(c.id.as_str()) {
                return bad(format!("指标 {} 重复", c.id), format!("criterion {} appears twice", c.id));
            }
            if c.step <= 0 || c.max <= 0 || !c.max.is_multiple_of(c.step) {
                return bad(
                    format!("指标 {} 的满分 {} 或步长 {} 无效（满分须为步长的整数倍）", c.id, c.max, c.step),
                    format!(
                        "criterion {} has max {} and step {}: max must be a positive multiple of the step",
                        c.id, c.max, c.step
                    ),
                );
            }
        }
        if self.recommendation_options.is_empty() {
            return bad("没有推荐意见选项".into(), "has no recommendation options".into());
        }
        if self.aggregation.method == Method::TrimmedMean && self.aggregation.trim_min_panel.is_none() {
            return bad("去极值平均缺少 trim_min_panel".into(), "trimmed_mean needs trim_min_panel".into());
        }
        // Dropping one highest and one lowest of fewer than three leaves
        // nothing to average: such a rubric is refused, not silently raised.
        if self.aggregation.method == Method::TrimmedMean && self.aggregation.trim_min_panel.is_some_and(|n| n < 3) {
            return bad(
                "去极值平均的 trim_min_panel 不得小于 3（去掉一个最高分和一个最低分后须至少余一份）".into(),
                "trimmed_mean needs trim_min_panel of at least 3 (one review must remain after dropping the highest and the lowest)".into(),
            );
        }
        if let Some(order) = &self.tie_break {
            let mut seen = std::collections::HashSet::new();
            for id in order {
                if self.criterion(id).is_none() {
                    return bad(
                        format!("同分排序（tie_break）中的指标 {id} 不存在"),
                        format!("tie_break names criterion {id}, which the rubric does not have"),
                    );
                }
                if !seen.insert(id.as_str()) {
                    return bad(
                        format!("同分排序（tie_break）中的指标 {id} 重复"),
                        format!("tie_break names criterion {id} twice"),
                    );
                }
            }
        }
        if self.grades.windows(2).any(|w| w[0].min <= w[1].min) {
            return bad("等次须按分数线从高到低排列".into(), "grades must be listed highest first".into());
        }
        Ok(())
    }

    /// The sum of the criteria's maxima (100 for the bundled rubrics).
    pub fn max_total(&self) -> Dec {
        self.criteria.iter().fold(Dec::ZERO, |a, c| a + c.max)
    }

    /// The criterion ids that break ties, in order: the rubric's
    /// `tie_break`, or every criterion in rubric order.
    pub fn tie_break_order(&self) -> Vec<String> {
        match &self.tie_break {
            Some(order) => order.clone(),
            None => self.criteria.iter().map(|c| c.id.clone()).collect(),
        }
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }
}
