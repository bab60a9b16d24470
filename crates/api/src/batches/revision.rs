//! What a corrected batch changed in a package: the old and new file hash
//! and each fact that differs, so the expert sees why their work on it
//! starts afresh.

use paneldesk_core::batch::BatchContents;
use paneldesk_store::batches::ChangedPackage;
use serde::Serialize;
use serde_json::Value;

/// Facts listed per changed package; beyond this the list says how many more.
const MAX_CHANGES: usize = 40;

/// One fact of the manifest that differs between revisions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct FactChange {
    /// Where in manifest.json, e.g. `facilities.rd_space_m2` or `co_builders[1].name`.
    pub path: String,
    /// The value before, as JSON text (absent: null).
    pub old: String,
    /// The value now, as JSON text (absent: null).
    pub new: String,
}

/// A package whose file changed in a corrected batch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, export_to = "../../../ui/src/bindings/"))]
pub struct ChangedPackageDto {
    /// The package id.
    pub package_id: String,
    /// SHA-256 of the package file before.
    pub old_sha256: String,
    /// SHA-256 of the package file now.
    pub new_sha256: String,
    /// The facts that differ, at most 40.
    pub facts: Vec<FactChange>,
    /// How many more differ than are listed.
    pub more: u32,
}

pub(super) fn changed(c: &ChangedPackage, contents: &BatchContents) -> ChangedPackageDto {
    let new = contents.packages.iter().find(|p| p.entry.id == c.package_id).map(|p| &p.package.manifest);
    let old = serde_json::to_value(&c.old_manifest).unwrap_or(Value::Null);
    let new = new.and_then(|m| serde_json::to_value(m).ok()).unwrap_or(Value::Null);
    let mut facts = Vec::new();
    diff("", &old, &new, &mut facts);
    let more = facts.len().saturating_sub(MAX_CHANGES);
    facts.truncate(MAX_CHANGES);
    ChangedPackageDto {
        package_id: c.package_id.clone(),
        old_sha256: c.old_sha256.clone(),
        new_sha256: c.new_sha256.clone(),
        facts,
        more: u32::try_from(more).unwrap_or(u32::MAX),
    }
}

/// Leaf-by-leaf differences; arrays compare by position.
fn diff(path: &str, old: &Value, new: &Value, out: &mut Vec<FactChange>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                diff(&p, a.get(k).unwrap_or(&Value::Null), b.get(k).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                diff(&format!("{path}[{i}]"), a.get(i).unwrap_or(&Value::Null), b.get(i).unwrap_or(&Value::Null), out);
            }
        }
        _ if old != new => out.push(FactChange { path: path.to_string(), old: old.to_string(), new: new.to_string() }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_changed_leaves_with_their_paths() {
        let old = serde_json::json!({"facilities": {"rd_space_m2": 420, "pilot_capability": true}, "co_builders": [{"name": "甲"}]});
        let new = serde_json::json!({"facilities": {"rd_space_m2": 520, "pilot_capability": true}, "co_builders": [{"name": "甲"}, {"name": "乙"}]});
        let mut out = Vec::new();
        diff("", &old, &new, &mut out);
        let paths: Vec<&str> = out.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["co_builders[1]", "facilities.rd_space_m2"]);
        assert_eq!((out[1].old.as_str(), out[1].new.as_str()), ("420", "520"));
    }
}
