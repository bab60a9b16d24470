//! The organiser's screens in the window (组织方工作台): the same package
//! building, enrolment and issuing as `paneldesk-cli package build`,
//! `batch build`, with every path chosen in the window and every answer a
//! DTO the screen shows as it is.

use std::path::Path;

use chrono::{FixedOffset, Local, NaiveDateTime, TimeZone};
use paneldesk_core::batch::Role;
use paneldesk_core::manifest::Kind;
use paneldesk_core::rules::Verdict;
use paneldesk_core::Msg;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use zeroize::Zeroizing;

use super::batch::{self, BatchSpec};
use super::roster::{self, PanelLineSpec};
use super::{form, package, unusable};
use crate::check::CheckedPackageFile;
use crate::data::Store;
use crate::documents::RuleDto;
use crate::error::{ErrorCode, Result};

/// A package just built, as the workbench lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct BuiltPackageDto {
    /// Where it was written.
    pub path: String,
    /// The package id.
    pub id: String,
    /// The centre's name.
    pub center_name: String,
    /// Its kind.
    pub kind: Kind,
    /// SHA-256 of the ZIP.
    pub sha256: String,
    /// The formal review's verdict.
    pub verdict: Verdict,
    /// Every rule applied.
    pub rules: Vec<RuleDto>,
    /// Files in the documents folder the form does not list (left out).
    pub left_out: Vec<String>,
    /// Listed documents the experts' window cannot show (not PDF, JPEG/PNG
    /// or .xlsx): they see only the name and hash.
    pub not_shown: Vec<String>,
    /// Set when a file was already at `path` and was replaced.
    pub replaced: Option<Msg>,
}

/// The figures of a package from the applicant's Excel form (`.xlsx`) or
/// a manifest (`.json`), and the file name they suggest (the package id);
/// the documents folder is checked too, before anything is asked.
pub fn read_source(source: &Path, docs: &Path) -> Result<(Value, String)> {
    package::docs_folder(docs)?;
    let manifest: Value = match extension(source).as_str() {
        "xlsx" => form::manifest(source)?,
        "json" => package::manifest_from_file(source)?,
        _ => {
            return Err(unusable(
                ErrorCode::SpecInvalid,
                format!("{} 既不是申报数据表（.xlsx）也不是 manifest.json。请选择其中之一", source.display()),
                format!(
                    "{} is neither an application form (.xlsx) nor a manifest.json. Choose one of them",
                    source.display()
                ),
            ))
        }
    };
    let stem = file_stem(manifest.get("id").and_then(Value::as_str).unwrap_or_default(), "申报材料包");
    Ok((manifest, stem))
}

/// An id as the default name of a file to save: only when it is a valid id
/// (letters, digits, `. _ -`), so text from a form never becomes a path.
pub fn file_stem(id: &str, otherwise: &str) -> String {
    let id = id.trim();
    if paneldesk_core::manifest::is_valid_id(id) && !id.starts_with('.') {
        id.to_string()
    } else {
        otherwise.to_string()
    }
}

/// Builds the package from what [`read_source`] read and the documents
/// folder, as `package build` does.
pub fn build_package(manifest: Value, docs: &Path, out: &Path) -> Result<BuiltPackageDto> {
    let replaced = crate::data::exists(out).then(|| crate::data::replaced_note(out));
    let built = package::build(manifest, docs, out)?;
    Ok(dto(&built.checked, out, built.left_out, replaced))
}

/// A package the officer adds as a file (built earlier, or elsewhere):
/// checked as `check` does, so a bad one is refused before issuing.
pub fn add_package(path: &Path) -> Result<BuiltPackageDto> {
    Ok(dto(&crate::check::package_file(path)?, path, Vec::new(), None))
}

fn dto(c: &CheckedPackageFile, path: &Path, left_out: Vec<String>, replaced: Option<Msg>) -> BuiltPackageDto {
    BuiltPackageDto {
        path: path.to_string_lossy().into_owned(),
        id: c.package.manifest.id.clone(),
        center_name: c.package.manifest.center.name.clone(),
        kind: c.package.manifest.kind,
        sha256: c.sha256.clone(),
        verdict: c.review.verdict,
        rules: c.review.rules.iter().cloned().map(RuleDto::from).collect(),
        left_out,
        not_shown: not_shown(&c.package.manifest),
        replaced,
    }
}

/// An Excel form written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct FormWritten {
    /// Where.
    pub path: String,
    /// Set when a file was already there and was replaced.
    pub replaced: Option<Msg>,
}

/// The empty form of a kind (`package template`), or the form of an
/// existing package (`package export-form`).
pub fn write_form(kind: Option<Kind>, package: Option<&Path>, out: &Path) -> Result<FormWritten> {
    let replaced = crate::data::exists(out).then(|| crate::data::replaced_note(out));
    match (kind, package) {
        (_, Some(p)) => form::export(p, out)?,
        (Some(k), None) => form::template(k, out)?,
        (None, None) => {
            return Err(unusable(
                ErrorCode::SpecInvalid,
                "请选择评审类型，或选择一个材料包",
                "choose a kind, or a package",
            ))
        }
    }
    Ok(FormWritten { path: out.to_string_lossy().into_owned(), replaced })
}

/// One expert of the panel as the workbench shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct RosterLineDto {
    /// The certificate file.
    pub certificate: String,
    /// From the certificate's serialNumber.
    pub expert_id: String,
    /// From the certificate's CN.
    pub name: String,
    /// "chair", "deputy" or "member".
    pub role: String,
    /// 职称.
    pub title: String,
    /// 工作单位.
    pub affiliation: String,
    /// SHA-256 of the certificate's DER.
    pub certificate_sha256: String,
    /// The same as certificate viewers print it.
    pub fingerprint: String,
    /// RFC 3339, UTC.
    pub not_after: String,
}

/// A roster line from an expert's exported certificate, checked on its
/// own (id and name from the certificate, not expired); the whole panel is
/// checked again when the batch is issued.
pub fn enrol(certificate: &Path, role: &str, title: &str, affiliation: &str) -> Result<RosterLineDto> {
    let role = parse_role(role)?;
    let cert = roster::read_certificate(certificate)?;
    let spec = PanelLineSpec {
        certificate: certificate.to_string_lossy().into_owned(),
        role,
        title: title.trim().to_string(),
        affiliation: affiliation.trim().to_string(),
        expert_id: None,
    };
    let member = roster::line(&cert, &spec, chrono::Utc::now())?;
    Ok(RosterLineDto {
        certificate: spec.certificate,
        expert_id: member.expert_id,
        name: member.name,
        role: role_name(member.role).to_string(),
        title: member.title,
        affiliation: member.affiliation,
        fingerprint: crate::identity::fingerprint(&cert.sha256),
        certificate_sha256: cert.sha256,
        not_after: cert.not_after.to_rfc3339(),
    })
}

/// What the 签发 page sends: the batch's fields, the panel as enrolled and
/// the package files, all paths absolute.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct IssueRequest {
    /// The batch id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The kind of every package.
    pub kind: Kind,
    /// "YYYY-MM-DDTHH:MM" in this computer's time zone.
    pub deadline: String,
    /// 1 for a first issue, higher for a correction.
    pub revision: u32,
    /// "establishment", "evaluation" or a rubric JSON file.
    pub rubric: String,
    /// The roster lines as enrolled.
    pub panel: Vec<RosterLineDto>,
    /// The package files, in the order experts will see them.
    pub packages: Vec<String>,
}

/// A batch issued from the window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct IssuedDto {
    /// Where it was written.
    pub path: String,
    /// The batch id.
    pub id: String,
    /// Its revision.
    pub revision: u32,
    /// SHA-256 of the batch file.
    pub sha256: String,
    /// The organiser certificate that signed it, as viewers print it.
    pub fingerprint: String,
    /// How many packages and experts it holds.
    pub packages: u32,
    /// Panel size.
    pub experts: u32,
    /// Set when a file was already at `path` and was replaced.
    pub replaced: Option<Msg>,
}

/// Issues (signs and writes) the batch as `batch build` does; the
/// passphrase unlocks the organiser's key only once everything checked out.
pub fn issue(store: &Store, request: &IssueRequest, out: &Path, passphrase: Zeroizing<String>) -> Result<IssuedDto> {
    let spec = BatchSpec {
        id: request.id.trim().to_string(),
        title: request.title.trim().to_string(),
        kind: request.kind,
        deadline: deadline(&request.deadline)?,
        revision: Some(request.revision),
        rubric: request.rubric.clone(),
        panel: request
            .panel
            .iter()
            .map(|l| {
                Ok(PanelLineSpec {
                    certificate: l.certificate.clone(),
                    role: parse_role(&l.role)?,
                    title: l.title.clone(),
                    affiliation: l.affiliation.clone(),
                    expert_id: Some(l.expert_id.clone()),
                })
            })
            .collect::<Result<_>>()?,
        packages: request.packages.clone(),
    };
    let replaced = crate::data::exists(out).then(|| crate::data::replaced_note(out));
    // Paths from the window are absolute; joined to "" they stay as given.
    let issued = batch::build(store, &spec, Path::new(""), out, false, move || Ok(passphrase))?;
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(IssuedDto {
        path: out.to_string_lossy().into_owned(),
        id: issued.batch.id.clone(),
        revision: issued.batch.revision(),
        sha256: issued.sha256,
        fingerprint: issued
            .organizer_certificate_sha256
            .as_deref()
            .map(crate::identity::fingerprint)
            .unwrap_or_default(),
        packages: count(issued.batch.packages.len()),
        experts: count(issued.batch.panel.len()),
        replaced,
    })
}

/// A deadline typed as date and time in this computer's zone, with that
/// zone's offset (batch.json needs RFC 3339 with an offset).
fn deadline(local: &str) -> Result<paneldesk_core::time::Timestamp> {
    let bad = || {
        unusable(
            ErrorCode::SpecInvalid,
            format!("截止时间 “{local}” 无效。请填写日期和时间"),
            format!("the deadline \"{local}\" is invalid. Give a date and a time"),
        )
    };
    let naive = NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M").map_err(|_| bad())?;
    let at = Local.from_local_datetime(&naive).earliest().ok_or_else(bad)?;
    let offset = FixedOffset::east_opt(at.offset().local_minus_utc()).ok_or_else(bad)?;
    Ok(at.with_timezone(&offset))
}

fn parse_role(role: &str) -> Result<Role> {
    serde_json::from_value(Value::String(role.to_string())).map_err(|_| {
        unusable(
            ErrorCode::SpecInvalid,
            format!("角色 “{role}” 无效：应为组长、副组长或成员"),
            format!("the role \"{role}\" is invalid: use chair, deputy or member"),
        )
    })
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Chair => "chair",
        Role::Deputy => "deputy",
        Role::Member => "member",
    }
}

/// The listed documents an expert's window shows only by name and hash.
pub fn not_shown(m: &paneldesk_core::manifest::Manifest) -> Vec<String> {
    use paneldesk_core::package::shown::Shown;
    m.documents.iter().filter(|d| Shown::of(&d.path) == Shown::NotShown).map(|d| d.path.clone()).collect()
}

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn only_a_valid_id_names_a_file_to_save() {
        assert_eq!(file_stem(" LC-2026-001 ", "材料包"), "LC-2026-001");
        for hostile in ["../../etc/passwd", "..", ".hidden", "a/b", "C:\\x", "", "名称"] {
            assert_eq!(file_stem(hostile, "材料包"), "材料包", "{hostile}");
        }
    }
}
