//! `batch.json` of a review batch (评审批次, tic-batch/1, docs/formats.md §3).

mod reader;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::manifest::{is_sha256_hex, is_valid_id, Kind};
use crate::rubric::Rubric;
use crate::text::Msg;
use crate::time::Timestamp;

pub use reader::{
    copy_package, read_batch, read_batch_file, read_batch_head, BatchContents, BatchHead, CheckedPackage, Progress,
};

pub const BATCH_FORMAT: &str = "tic-batch/1";
pub const BATCH_JSON: &str = "batch.json";
/// The organiser's detached CMS over batch.json (docs/formats.md §6).
pub const BATCH_SIGNATURE: &str = "batch.json.p7s";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    pub format: String,
    pub id: String,
    pub title: String,
    pub kind: Kind,
    pub organizer: String,
    pub deadline: Timestamp,
    pub panel: Vec<PanelMember>,
    pub packages: Vec<BatchPackage>,
    pub rubric: Rubric,
    /// Corrected issues of one batch id count up from 1 (absent: 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    /// The issuing organiser's id, its certificate's serialNumber (§6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizer_id: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    /// Consolidates and signs the packages on which the chair declared a
    /// conflict (formats.md §7); at most one.
    Deputy,
    Member,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelMember {
    pub expert_id: String,
    pub name: String,
    pub title: String,
    pub affiliation: String,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_sha256: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchPackage {
    pub id: String,
    pub file: String,
    pub sha256: String,
}

impl Batch {
    pub fn from_json(bytes: &[u8]) -> Result<Batch, Msg> {
        let b: Batch = serde_json::from_slice(bytes).map_err(|e| {
            Msg::new(
                format!(
                    "batch.json 格式错误：{}。请向市科技局索取符合 tic-batch/1 的评审批次",
                    crate::reason::json_zh(&e)
                ),
                format!("batch.json is malformed: {e}. Ask the bureau for a tic-batch/1 batch"),
            )
        })?;
        b.validate()?;
        Ok(b)
    }

    pub fn validate(&self) -> Result<(), Msg> {
        let bad = |zh: String, en: String| {
            Err(Msg::new(
                format!("batch.json 无效：{zh}。请向市科技局索取更正后的评审批次"),
                format!("batch.json is invalid: {en}. Ask the bureau for a corrected batch"),
            ))
        };
        if self.format != BATCH_FORMAT {
            return bad(format!("未知格式 “{}”", self.format), format!("unknown format \"{}\"", self.format));
        }
        if self.id.trim().is_empty() || self.id.len() > 128 || self.id.chars().any(char::is_control) {
            return bad(
                "批次 id 为空、过长或含控制字符".into(),
                "the batch id is empty, too long or has control characters".into(),
            );
        }
        if self.revision == Some(0) {
            return bad("revision 须为不小于 1 的整数".into(), "revision must be an integer of at least 1".into());
        }
        if self.organizer_id.as_deref().is_some_and(|o| !is_valid_id(o)) {
            return bad(
                "organizer_id 须为 1–64 个字母、数字或 . _ -".into(),
                "organizer_id must be 1–64 letters, digits or . _ -".into(),
            );
        }
        let chairs = self.panel.iter().filter(|p| p.role == Role::Chair).count();
        if chairs != 1 {
            return bad(
                format!("专家组须恰有一名组长，现有 {chairs} 名"),
                format!("the panel must have exactly one chair, it has {chairs}"),
            );
        }
        let deputies = self.panel.iter().filter(|p| p.role == Role::Deputy).count();
        if deputies > 1 {
            return bad(
                format!("专家组至多有一名副组长，现有 {deputies} 名"),
                format!("the panel may have at most one deputy chair, it has {deputies}"),
            );
        }
        let mut experts = HashSet::new();
        for p in &self.panel {
            if p.expert_id.trim().is_empty() || !experts.insert(p.expert_id.as_str()) {
                return bad(
                    format!("专家编号 “{}” 为空或重复", p.expert_id),
                    format!("expert id \"{}\" is empty or repeated", p.expert_id),
                );
            }
            if p.certificate_sha256.as_deref().is_some_and(|h| !is_sha256_hex(h)) {
                return bad(
                    format!("专家 {} 的 certificate_sha256 不是 64 位小写十六进制", p.expert_id),
                    format!("the certificate_sha256 of expert {} is not 64 lowercase hex digits", p.expert_id),
                );
            }
        }
        let mut ids = HashSet::new();
        let mut files = HashSet::new();
        for p in &self.packages {
            if !is_valid_id(&p.id) || !ids.insert(p.id.as_str()) {
                return bad(
                    format!("材料包 id “{}” 无效或重复", p.id),
                    format!("package id \"{}\" is invalid or repeated", p.id),
                );
            }
            let under_packages = p.file.strip_prefix("packages/").is_some_and(|rest| !rest.is_empty());
            if !under_packages
                || crate::package::path::check_entry_name(p.file.as_bytes()).is_err()
                || !files.insert(p.file.as_str())
            {
                return bad(
                    format!("材料包文件 “{}” 不在 packages/ 下、路径不安全或重复", p.file),
                    format!("package file \"{}\" is not under packages/, unsafe or repeated", p.file),
                );
            }
            if !is_sha256_hex(&p.sha256) {
                return bad(
                    format!("材料包 {} 的 sha256 不是 64 位小写十六进制", p.id),
                    format!("the sha256 of package {} is not 64 lowercase hex digits", p.id),
                );
            }
        }
        self.rubric.validate().or_else(|m| bad(m.zh, m.en))
    }

    /// The revision, 1 when the batch does not say.
    pub fn revision(&self) -> u32 {
        self.revision.unwrap_or(1)
    }

    pub fn chair(&self) -> Option<&PanelMember> {
        self.panel.iter().find(|p| p.role == Role::Chair)
    }

    pub fn deputy(&self) -> Option<&PanelMember> {
        self.panel.iter().find(|p| p.role == Role::Deputy)
    }

    pub fn expert(&self, expert_id: &str) -> Option<&PanelMember> {
        self.panel.iter().find(|p| p.expert_id == expert_id)
    }
}
