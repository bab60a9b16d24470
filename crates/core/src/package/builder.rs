//! Writes a tic-package/1 ZIP: the bureau's side of the format, used for the
//! demo batches and by tests that need real packages.

use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::{sha256_hex, MANIFEST_NAME};
use crate::manifest::{DocKind, Document, Manifest};

/// A manifest plus document bytes; `add_document` fills in the hashes.
pub struct PackageBuilder {
    pub manifest: Manifest,
    files: Vec<(String, Vec<u8>)>,
}

impl PackageBuilder {
    /// Starts from `manifest`; its `documents` are replaced by those added.
    pub fn new(mut manifest: Manifest) -> PackageBuilder {
        manifest.documents.clear();
        PackageBuilder { manifest, files: Vec::new() }
    }

    pub fn add_document(&mut self, path: &str, title: &str, kind: DocKind, bytes: Vec<u8>) -> &mut Self {
        self.manifest.documents.push(Document {
            path: path.to_string(),
            title: title.to_string(),
            kind,
            sha256: sha256_hex(&bytes),
        });
        self.files.push((path.to_string(), bytes));
        self
    }

    /// Writes the ZIP: manifest.json first, then the documents in order.
    pub fn write<W: Write + Seek>(&self, out: W) -> zip::result::ZipResult<W> {
        let manifest = serde_json::to_vec_pretty(&self.manifest)
            .map_err(|e| zip::result::ZipError::Io(std::io::Error::other(e)))?;
        write_entries(
            out,
            std::iter::once((MANIFEST_NAME, manifest.as_slice()))
                .chain(self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))),
        )
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let cursor = self.write(std::io::Cursor::new(Vec::new()));
        // Writing to memory cannot fail but for a serialisation bug.
        cursor.map(|c| c.into_inner()).unwrap_or_default()
    }
}

/// Writes entries as given, with fixed timestamps so output is reproducible.
/// PDFs are already compressed: they are stored, the rest deflated.
pub fn write_entries<'a, W: Write + Seek>(
    out: W,
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> zip::result::ZipResult<W> {
    write_with(out, entries, |name| name.ends_with(".pdf") || name.ends_with(".zip"))
}

/// As `write_entries`, every entry deflated: a built package (formats.md §6).
pub fn write_deflated<'a, W: Write + Seek>(
    out: W,
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> zip::result::ZipResult<W> {
    write_with(out, entries, |_| false)
}

fn write_with<'a, W: Write + Seek>(
    out: W,
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    stored: impl Fn(&str) -> bool,
) -> zip::result::ZipResult<W> {
    let mut zip = ZipWriter::new(out);
    for (name, bytes) in entries {
        let method = if stored(name) { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    zip.finish()
}
