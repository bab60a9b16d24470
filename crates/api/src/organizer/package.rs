//! Building an application package (formats.md §6 "Building a package"):
//! a manifest whose document hashes may be left out, plus a folder of the
//! applicant's files, make a tic-package/1 that is read back exactly as
//! `check` reads a package before it is written.

use std::collections::BTreeSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use paneldesk_core::manifest::Manifest;
use paneldesk_core::package::builder::write_deflated;
use paneldesk_core::package::{path::check_entry_name, read_package, sha256_hex, MANIFEST_NAME};
use paneldesk_core::rules::review;
use serde_json::Value;

use super::{read_bounded, unusable};
use crate::check::CheckedPackageFile;
use crate::error::{ApiError, ErrorCode, Result};

/// A package holds at most 2 GiB (formats.md §1).
const MAX_PACKAGE_TOTAL: u64 = 2 << 30;
const MAX_MANIFEST: u64 = 16 << 20;

/// A package built and written.
pub struct BuiltPackage {
    /// The package as read back, its file hash and formal review.
    pub checked: CheckedPackageFile,
    /// Files in the documents folder that the manifest does not list: left
    /// out, and named so the officer can see what was not sent.
    pub left_out: Vec<String>,
}

/// Refuses a documents folder that is not one.
pub fn docs_folder(docs: &Path) -> Result<()> {
    if !docs.is_dir() {
        return Err(unusable(
            ErrorCode::UnreadableFolder,
            format!("{} 不是文件夹。请指定存放申报材料的文件夹", docs.display()),
            format!("{} is not a folder. Give the folder that holds the application's documents", docs.display()),
        ));
    }
    Ok(())
}

/// Reads `manifest.json` (document hashes optional) for [`build`].
pub fn manifest_from_file(path: &Path) -> Result<Value> {
    let bytes = read_bounded(path, MAX_MANIFEST, "manifest.json")?;
    serde_json::from_slice(crate::data::without_bom(&bytes)).map_err(|e| {
        unusable(
            ErrorCode::SpecInvalid,
            format!("{} 不是有效的 JSON：{}。请修正后重试", path.display(), paneldesk_core::reason::json_zh(&e)),
            format!("{} is not valid JSON: {e}. Correct it and retry", path.display()),
        )
    })
}

/// Fills in each document's SHA-256 from `docs`, checks every field as
/// `check` does, and writes the ZIP to `out` atomically: manifest.json,
/// then the documents in manifest order, fixed timestamps, deflated — the
/// same inputs give the same bytes. Nothing is written on any error.
pub fn build(mut manifest: Value, docs: &Path, out: &Path) -> Result<BuiltPackage> {
    docs_folder(docs)?;
    let listed = listed_paths(&manifest)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(listed.len());
    let mut total = 0u64;
    for (i, rel) in listed.iter().enumerate() {
        let bytes = read_document(docs, rel, MAX_PACKAGE_TOTAL.saturating_sub(total))?;
        total += bytes.len() as u64;
        let hash = sha256_hex(&bytes);
        let doc = &mut manifest["documents"][i];
        match doc.get("sha256").and_then(Value::as_str) {
            Some(given) if !given.is_empty() && given != hash => {
                return Err(unusable(
                    ErrorCode::HashMismatch,
                    format!("documents[{i}]（{rel}）：文件的 SHA-256 为 {hash}，与 manifest 所写 {given} 不符。请核对文件"),
                    format!("documents[{i}] ({rel}): the file's SHA-256 is {hash}, not {given} as the manifest says. Check the file"),
                ))
            }
            _ => doc["sha256"] = Value::String(hash),
        }
        files.push((rel.clone(), bytes));
    }
    let m: Manifest = Manifest::from_json(&serde_json::to_vec(&manifest).unwrap_or_default())
        .map_err(|msg| ApiError::with_msg(ErrorCode::SpecInvalid, msg, false))?;
    let manifest_json =
        serde_json::to_vec_pretty(&m).map_err(|e| unusable(ErrorCode::Internal, e.to_string(), e.to_string()))?;
    let entries = std::iter::once((MANIFEST_NAME, manifest_json.as_slice()))
        .chain(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())));
    let bytes = write_deflated(Cursor::new(Vec::new()), entries)
        .map_err(|e| unusable(ErrorCode::Internal, format!("无法生成 ZIP：{e}"), format!("cannot make the ZIP: {e}")))?
        .into_inner();
    // Read back as any receiver will: what is written is a valid package.
    let package = read_package(Cursor::new(&bytes))
        .map_err(|e| ApiError::with_msg(ErrorCode::PackageRefused, e.message, false))?;
    let left_out = unlisted(docs, &listed);
    crate::data::write_file(out, &bytes)?;
    let review = review(&package.manifest);
    Ok(BuiltPackage { checked: CheckedPackageFile { package, sha256: sha256_hex(&bytes), review }, left_out })
}

/// The `documents[].path` values, each a safe relative path.
fn listed_paths(manifest: &Value) -> Result<Vec<String>> {
    let Some(docs) = manifest.get("documents").and_then(Value::as_array) else {
        return Err(unusable(
            ErrorCode::SpecInvalid,
            "manifest.json 缺少 documents 数组".to_string(),
            "manifest.json has no documents array".to_string(),
        ));
    };
    docs.iter()
        .enumerate()
        .map(|(i, d)| {
            let path = d.get("path").and_then(Value::as_str).unwrap_or("");
            check_entry_name(path.as_bytes()).map_err(|why| {
                unusable(
                    ErrorCode::SpecInvalid,
                    format!("documents[{i}].path “{path}” 不可用：{}", why.zh),
                    format!("documents[{i}].path \"{path}\" is unusable: {}", why.en),
                )
            })?;
            Ok(path.to_string())
        })
        .collect()
}

/// A listed document: a regular file (never a link) inside `docs`.
fn read_document(docs: &Path, rel: &str, room: u64) -> Result<Vec<u8>> {
    let path: PathBuf = rel.split('/').fold(docs.to_path_buf(), |p, part| p.join(part));
    let missing = |why_zh: &str, why_en: &str| {
        unusable(
            ErrorCode::NotAFile,
            format!("manifest 列出的文件 {rel} {why_zh}（{}）。请放入该文件或修改 manifest", path.display()),
            format!("the listed document {rel} {why_en} ({}). Add the file or correct the manifest", path.display()),
        )
    };
    let meta = std::fs::symlink_metadata(&path).map_err(|_| missing("不存在", "is missing"))?;
    if !meta.is_file() {
        return Err(missing("不是普通文件", "is not a regular file"));
    }
    if meta.len() > room {
        return Err(missing("使材料包超过 2 GiB", "makes the package larger than 2 GiB"));
    }
    read_bounded(&path, room, rel)
}

/// Regular files under `docs` that the manifest does not list, as
/// '/'-separated relative paths, sorted.
fn unlisted(docs: &Path, listed: &[String]) -> Vec<String> {
    let listed: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    let mut stack = vec![(docs.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push((e.path(), rel)),
                Ok(_) if !listed.contains(rel.as_str()) => out.push(rel),
                _ => {}
            }
        }
    }
    out.sort();
    out
}
