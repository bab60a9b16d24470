//! Every hostile case of docs/formats.md §1, as real ZIP bytes: each is refused
//! with the right code and a message naming the entry, in both languages.

mod zipcraft;

use std::io::Cursor;

use paneldesk_core::fixture;
use paneldesk_core::manifest::DocKind;
use paneldesk_core::package::builder::{write_entries, PackageBuilder};
use paneldesk_core::package::{read_package, ArchiveError, ArchiveErrorCode as Code};
use zipcraft::{mark_encrypted, patch_declared_size, replace_all, zip_with};

fn good_builder() -> PackageBuilder {
    let mut b = PackageBuilder::new(fixture::establishment("LC-H-1"));
    b.add_document("docs/application.pdf", "申报书", DocKind::ApplicationForm, b"%PDF-1.7 application".to_vec());
    b.add_document("docs/audit.pdf", "审计报告", DocKind::AuditReport, b"%PDF-1.7 audit".to_vec());
    b.add_document("docs/agreement.pdf", "共建协议", DocKind::CobuildAgreement, b"%PDF-1.7 agreement".to_vec());
    b
}

fn manifest_bytes(b: &PackageBuilder) -> Vec<u8> {
    serde_json::to_vec(&b.manifest).expect("manifest json")
}

fn refused(bytes: Vec<u8>) -> ArchiveError {
    match read_package(Cursor::new(bytes)) {
        Ok(p) => panic!("accepted a hostile package: {}", p.manifest.id),
        Err(e) => {
            assert!(e.message.zh.contains("材料包") && e.message.en.contains("package"), "{e}");
            e
        }
    }
}

#[test]
fn a_good_package_reads_with_hashes() {
    let p = read_package(Cursor::new(good_builder().to_bytes())).expect("good package");
    assert_eq!(p.entries.len(), 3);
    assert_eq!(p.entries[1].size, 14);
}

#[test]
fn absolute_and_parent_paths() {
    for name in ["/etc/passwd", "../evil.pdf", "docs/../../evil.pdf", "C:/evil.pdf", "docs\\..\\evil.pdf"] {
        let b = good_builder();
        let m = manifest_bytes(&b);
        let e = refused(zip_with(&[("manifest.json", &m), (name, b"x")]));
        assert_eq!(e.code, Code::BadName, "{name}");
    }
}

#[test]
fn symlinks() {
    let b = good_builder();
    let m = manifest_bytes(&b);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("manifest.json", opts).expect("start");
    std::io::Write::write_all(&mut zip, &m).expect("write");
    zip.add_symlink("docs/application.pdf", "/etc/passwd", opts).expect("symlink");
    let bytes = zip.finish().expect("finish").into_inner();
    let e = refused(bytes);
    assert_eq!(e.code, Code::Symlink);
    assert_eq!(e.entry.as_deref(), Some("docs/application.pdf"));
}

#[test]
fn duplicate_names() {
    let b = good_builder();
    let m = manifest_bytes(&b);
    let bytes = zip_with(&[("manifest.json", &m), ("docs/application.pdf", b"a"), ("docs/applicatioX.pdf", b"b")]);
    let e = refused(replace_all(bytes, b"docs/applicatioX.pdf", b"docs/application.pdf"));
    assert_eq!(e.code, Code::DuplicateName);
}

#[test]
fn non_utf8_names() {
    let b = good_builder();
    let m = manifest_bytes(&b);
    let bytes = zip_with(&[("manifest.json", &m), ("docs/gbk-X.pdf", b"a")]);
    let e = refused(replace_all(bytes, b"docs/gbk-X.pdf", b"docs/gbk-\xd6.pdf"));
    assert_eq!(e.code, Code::BadName);
    assert!(e.message.en.contains("UTF-8"));
}

#[test]
fn real_size_beyond_declared_is_caught_while_streaming() {
    // A bomb: 64 MiB of zeros deflated to a few kilobytes, declared as 1 KB.
    let big = vec![0u8; 64 << 20];
    let mut b = good_builder();
    b.add_document("docs/bomb.bin", "附件", DocKind::Other, big.clone());
    let bytes = b.to_bytes();
    assert!(bytes.len() < 1 << 20, "the bomb is compressed");
    let e = refused(patch_declared_size(bytes, b"docs/bomb.bin", 1000));
    assert!(matches!(e.code, Code::SizeMismatch | Code::Corrupt), "{e}");
    assert_eq!(e.entry.as_deref(), Some("docs/bomb.bin"));
}

#[test]
fn total_uncompressed_over_2_gib() {
    let mut b = good_builder();
    b.add_document("docs/a.bin", "附件", DocKind::Other, vec![1; 10]);
    b.add_document("docs/b.bin", "附件", DocKind::Other, vec![2; 10]);
    let bytes = patch_declared_size(b.to_bytes(), b"docs/a.bin", 1 << 30);
    let bytes = patch_declared_size(bytes, b"docs/b.bin", (1 << 30) + 1);
    assert_eq!(refused(bytes).code, Code::TooLarge);
}

#[test]
fn more_than_10000_entries() {
    let names: Vec<String> = (0..10_001).map(|i| format!("f/{i}")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let bytes = write_entries(Cursor::new(Vec::new()), entries).expect("zip").into_inner();
    assert_eq!(refused(bytes).code, Code::TooManyEntries);
}

#[test]
fn unlisted_missing_and_mismatched_files() {
    let b = good_builder();
    let m = manifest_bytes(&b);
    let docs: [(&str, &[u8]); 3] = [
        ("docs/application.pdf", b"%PDF-1.7 application"),
        ("docs/audit.pdf", b"%PDF-1.7 audit"),
        ("docs/agreement.pdf", b"%PDF-1.7 agreement"),
    ];
    let mut with_extra = vec![("manifest.json", m.as_slice())];
    with_extra.extend(docs);
    with_extra.push(("docs/secret.exe", b"MZ"));
    let e = refused(zip_with(&with_extra));
    assert_eq!((e.code, e.entry.as_deref()), (Code::Unlisted, Some("docs/secret.exe")));

    let e = refused(zip_with(&[("manifest.json", &m), docs[0], docs[2]]));
    assert_eq!((e.code, e.entry.as_deref()), (Code::MissingDocument, Some("docs/audit.pdf")));

    let e = refused(zip_with(&[("manifest.json", &m), docs[0], ("docs/audit.pdf", b"%PDF-1.7 audiT"), docs[2]]));
    assert_eq!((e.code, e.entry.as_deref()), (Code::HashMismatch, Some("docs/audit.pdf")));
}

#[test]
fn not_a_zip_and_no_manifest() {
    assert_eq!(refused(b"%PDF-1.7 not a zip".to_vec()).code, Code::NotZip);
    assert_eq!(refused(Vec::new()).code, Code::NotZip);
    assert_eq!(refused(zip_with(&[("docs/a.pdf", b"x")])).code, Code::MissingManifest);
    assert_eq!(refused(zip_with(&[("sub/manifest.json", b"{}")])).code, Code::MissingManifest);
}

#[test]
fn encrypted_entries() {
    let bytes = mark_encrypted(good_builder().to_bytes(), b"docs/audit.pdf");
    let e = refused(bytes);
    assert_eq!((e.code, e.entry.as_deref()), (Code::Encrypted, Some("docs/audit.pdf")));
}

/// Manifest mutations that make a package invalid (exit 2 in `check`).
#[test]
fn invalid_manifests() {
    let b = good_builder();
    let good: serde_json::Value = serde_json::to_value(&b.manifest).expect("value");
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Edit)> = vec![
        ("missing field", Box::new(|v| _ = v.as_object_mut().map(|o| o.remove("team")))),
        ("wrong type", Box::new(|v| v["team"]["full_time_rd_staff"] = "28".into())),
        ("fractional staff", Box::new(|v| v["team"]["full_time_rd_staff"] = 28.5.into())),
        ("id pattern", Box::new(|v| v["id"] = "LC 2026/1".into())),
        ("id too long", Box::new(|v| v["id"] = "x".repeat(65).into())),
        ("unknown kind", Box::new(|v| v["kind"] = "renewal".into())),
        ("unknown format", Box::new(|v| v["format"] = "tic-package/2".into())),
        ("unknown unit kind", Box::new(|v| v["lead_unit"]["kind"] = "company".into())),
        ("unknown document kind", Box::new(|v| v["documents"][0]["kind"] = "invoice".into())),
        ("share over 100", Box::new(|v| v["lead_share_percent"] = 100.5.into())),
        ("eval without incidents", Box::new(|v| v["kind"] = "acceptance".into())),
        ("bad time", Box::new(|v| v["submitted_at"] = "2026-05-10 09:30".into())),
        (
            "uppercase hash",
            Box::new(|v| {
                let h = v["documents"][0]["sha256"].as_str().unwrap_or_default().to_uppercase();
                v["documents"][0]["sha256"] = h.into();
            }),
        ),
    ];
    for (name, mutate) in cases {
        let mut v = good.clone();
        mutate(&mut v);
        let m = serde_json::to_vec(&v).expect("json");
        let e = refused(zip_with(&[
            ("manifest.json", &m),
            ("docs/application.pdf", b"%PDF-1.7 application"),
            ("docs/audit.pdf", b"%PDF-1.7 audit"),
            ("docs/agreement.pdf", b"%PDF-1.7 agreement"),
        ]));
        assert_eq!(e.code, Code::InvalidManifest, "{name}: {e}");
    }
}

#[test]
fn annual_report_paths_must_be_listed_annual_reports() {
    let mut m = fixture::evaluation("LC-E-1", paneldesk_core::manifest::Kind::Acceptance);
    m.annual_reports.as_mut().expect("reports")[0].document = Some("docs/task-book.pdf".into());
    let mut b = PackageBuilder::new(m.clone());
    for d in &m.documents {
        b.add_document(&d.path, &d.title, d.kind, d.path.as_bytes().to_vec());
    }
    let e = refused(b.to_bytes());
    assert_eq!(e.code, Code::InvalidManifest);
    assert!(e.message.zh.contains("annual_report"));
}

#[test]
fn unknown_keys_are_ignored() {
    let b = good_builder();
    let mut v = serde_json::to_value(&b.manifest).expect("value");
    v["x_future_field"] = serde_json::json!({"anything": [1, 2]});
    v["center"]["x_note"] = "later versions may add fields".into();
    let m = serde_json::to_vec(&v).expect("json");
    let bytes = zip_with(&[
        ("manifest.json", &m),
        ("docs/", b""),
        ("docs/application.pdf", b"%PDF-1.7 application"),
        ("docs/audit.pdf", b"%PDF-1.7 audit"),
        ("docs/agreement.pdf", b"%PDF-1.7 agreement"),
    ]);
    read_package(Cursor::new(bytes)).expect("unknown keys and directory entries are fine");
}
