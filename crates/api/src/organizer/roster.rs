//! Enrolment (formats.md §6): an expert's exported certificate becomes a
//! roster line. The expert id and name are the certificate's serialNumber
//! and CN; one certificate serves one expert; an expired one, or one whose
//! id is not the line's, is refused.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use paneldesk_core::batch::{PanelMember, Role};
use paneldesk_opinion::identity::{CertificateInfo, MAX_CERTIFICATE_BYTES};
use serde::{Deserialize, Serialize};

use super::{read_bounded, unusable};
use crate::error::{ApiError, ErrorCode, Result};

/// One line of the panel as the organiser gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelLineSpec {
    /// The expert's certificate file (PEM or DER), as they exported it.
    pub certificate: String,
    /// "chair" or "member".
    pub role: Role,
    /// 职称.
    pub title: String,
    /// 工作单位.
    pub affiliation: String,
    /// The expert id the organiser expects; when given it must be the
    /// certificate's.
    #[serde(default)]
    pub expert_id: Option<String>,
}

/// Reads a certificate file for the roster.
pub fn read_certificate(path: &Path) -> Result<CertificateInfo> {
    let bytes = read_bounded(path, MAX_CERTIFICATE_BYTES as u64, "certificate")?;
    CertificateInfo::read(&bytes).map_err(|e| {
        ApiError::with_msg(
            ErrorCode::CertificateRefused,
            paneldesk_core::Msg::new(
                format!("证书文件 {}：{}", path.display(), e.message.zh),
                format!("certificate file {}: {}", path.display(), e.message.en),
            ),
            false,
        )
    })
}

/// The roster line of one certificate, checked on its own.
pub fn line(cert: &CertificateInfo, spec: &PanelLineSpec, now: DateTime<Utc>) -> Result<PanelMember> {
    let file = &spec.certificate;
    let refuse = |zh: String, en: String| {
        Err(unusable(ErrorCode::CertificateRefused, format!("证书 {file}：{zh}"), format!("certificate {file}: {en}")))
    };
    let (Some(expert_id), Some(name)) = (cert.subject.expert_id.clone(), cert.subject.name.clone()) else {
        return refuse(
            "没有专家编号（serialNumber）或姓名（CN）。请让专家用 PanelDesk 导出其证书".into(),
            "carries no expert id (serialNumber) or name (CN). Ask the expert to export it from PanelDesk".into(),
        );
    };
    if !paneldesk_core::manifest::is_valid_id(&expert_id) {
        return refuse(
            format!("专家编号 “{expert_id}” 不符合 [A-Za-z0-9._-]{{1,64}}"),
            format!("the expert id \"{expert_id}\" does not match [A-Za-z0-9._-]{{1,64}}"),
        );
    }
    if let Some(expected) = spec.expert_id.as_deref().filter(|e| *e != expert_id) {
        return refuse(
            format!("证书的专家编号为 {expert_id}，不是名单所列的 {expected}。请核对是否选错了证书"),
            format!(
                "the certificate is for expert id {expert_id}, not {expected} as the roster line says. Check the file"
            ),
        );
    }
    if !cert.valid_at(now) {
        return refuse(
            format!(
                "有效期为 {} 至 {}，现已不在有效期内。请让专家更新证书后重新导出",
                cert.not_before.format("%Y-%m-%d"),
                cert.not_after.format("%Y-%m-%d")
            ),
            format!(
                "is valid from {} to {}, not now. Ask the expert to renew and export it again",
                cert.not_before.format("%Y-%m-%d"),
                cert.not_after.format("%Y-%m-%d")
            ),
        );
    }
    Ok(PanelMember {
        expert_id,
        name,
        title: spec.title.trim().to_string(),
        affiliation: spec.affiliation.trim().to_string(),
        role: spec.role,
        certificate_sha256: Some(cert.sha256.clone()),
    })
}

/// The whole panel: every line checked, no certificate or expert id twice,
/// exactly one chair.
pub fn panel(lines: &[(CertificateInfo, PanelLineSpec)], now: DateTime<Utc>) -> Result<Vec<PanelMember>> {
    let mut by_cert: BTreeMap<&str, &str> = BTreeMap::new();
    let mut out: Vec<PanelMember> = Vec::with_capacity(lines.len());
    for (cert, spec) in lines {
        let member = line(cert, spec, now)?;
        if let Some(first) = by_cert.insert(cert.sha256.as_str(), spec.certificate.as_str()) {
            return Err(unusable(
                ErrorCode::CertificateRefused,
                format!("证书 {} 与 {first} 是同一张证书：一张证书只能对应一位专家", spec.certificate),
                format!("certificate {} is the same as {first}: one certificate serves one expert", spec.certificate),
            ));
        }
        if out.iter().any(|m| m.expert_id == member.expert_id) {
            return Err(unusable(
                ErrorCode::CertificateRefused,
                format!("专家编号 {} 在名单中出现两次（证书 {}）", member.expert_id, spec.certificate),
                format!("expert id {} is on the panel twice (certificate {})", member.expert_id, spec.certificate),
            ));
        }
        out.push(member);
    }
    let chairs = out.iter().filter(|m| m.role == Role::Chair).count();
    if chairs != 1 {
        return Err(unusable(
            ErrorCode::SpecInvalid,
            format!("专家组须恰有一名组长（role 为 chair），现有 {chairs} 名"),
            format!("the panel must have exactly one chair (role chair); it has {chairs}"),
        ));
    }
    Ok(out)
}
