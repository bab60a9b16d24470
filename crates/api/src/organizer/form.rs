//! The applicant's Excel form (申报数据表): an empty one per kind, the form
//! of an existing package, and a filled one read back into a manifest for
//! `package build --form` (the workbook itself: paneldesk-opinion's form).

use std::path::Path;

use paneldesk_core::manifest::Kind;
use paneldesk_opinion::form;
use serde_json::Value;

use super::read_bounded;
use crate::error::{ApiError, ErrorCode, Result};

/// A filled form is a few hundred kilobytes; this bounds what is unpacked.
const MAX_FORM: u64 = 32 << 20;

/// Writes an empty form for `kind` to `out`.
pub fn template(kind: Kind, out: &Path) -> Result<()> {
    crate::data::write_file(out, &form::template(kind)?)
}

/// Writes the form of the package file `package` to `out`: building from
/// it with the package's documents gives the same manifest and verdict.
pub fn export(package: &Path, out: &Path) -> Result<()> {
    let checked = crate::check::package_file(package)?;
    crate::data::write_file(out, &form::export(&checked.package.manifest)?)
}

/// Reads a filled form into the manifest `package::build` takes (the
/// document hashes are filled in from the files there).
pub fn manifest(path: &Path) -> Result<Value> {
    let bytes = read_bounded(path, MAX_FORM, "form")?;
    let m = form::read(&bytes).map_err(|e| ApiError::with_msg(ErrorCode::FormInvalid, e.message, false))?;
    let mut v =
        serde_json::to_value(&m).map_err(|e| ApiError::unusable(ErrorCode::Internal, e.to_string(), e.to_string()))?;
    for d in v["documents"].as_array_mut().into_iter().flatten() {
        if d.get("sha256").and_then(Value::as_str) == Some("") {
            if let Some(o) = d.as_object_mut() {
                o.remove("sha256");
            }
        }
    }
    Ok(v)
}
