//! Batch ZIPs (docs/formats.md §3): accepted when consistent, refused otherwise.

mod zipcraft;

use std::io::Cursor;

use paneldesk_core::batch::{read_batch, Batch, BatchPackage, PanelMember, Role, BATCH_FORMAT};
use paneldesk_core::fixture;
use paneldesk_core::manifest::{Kind, Manifest};
use paneldesk_core::package::builder::PackageBuilder;
use paneldesk_core::package::{sha256_hex, ArchiveError, ArchiveErrorCode as Code};
use paneldesk_core::rubric::{Aggregation, Criterion, Method, Rubric};
use paneldesk_core::rules::Verdict;
use paneldesk_core::Dec;
use zipcraft::zip_with;

fn package(m: Manifest) -> Vec<u8> {
    let docs = m.documents.clone();
    let mut b = PackageBuilder::new(m);
    for d in docs {
        b.add_document(&d.path, &d.title, d.kind, format!("%PDF {}", d.path).into_bytes());
    }
    b.to_bytes()
}

fn rubric() -> Rubric {
    Rubric {
        id: "r1".into(),
        title: "评审指标".into(),
        criteria: vec![Criterion {
            id: "c1".into(),
            title: "基础条件".into(),
            max: Dec::from_int(100),
            step: Dec::from_hundredths(50),
            guidance: String::new(),
            comment_required_below: None,
        }],
        recommendation_options: vec!["recommend".into(), "not_recommend".into()],
        aggregation: Aggregation { method: Method::TrimmedMean, trim_min_panel: Some(5) },
        pass_line: Some(Dec::from_int(70)),
        grades: vec![],
        site_visit_checklist: vec![],
        tie_break: None,
    }
}

fn member(id: &str, role: Role) -> PanelMember {
    PanelMember {
        expert_id: id.into(),
        name: "专家".into(),
        title: "教授".into(),
        affiliation: "山东大学".into(),
        role,
        certificate_sha256: None,
    }
}

/// A batch of the given packages, plus extra raw entries.
fn batch_zip(kind: Kind, pkgs: &[(&str, Vec<u8>)], edit: impl Fn(&mut Batch), extra: &[(&str, &[u8])]) -> Vec<u8> {
    let mut batch = Batch {
        format: BATCH_FORMAT.into(),
        id: "B-1".into(),
        title: "2026年度评审".into(),
        kind,
        organizer: "聊城市科学技术局".into(),
        deadline: "2026-06-30T17:00:00+08:00".parse().expect("time"),
        panel: vec![member("X01", Role::Chair), member("X02", Role::Member)],
        packages: pkgs
            .iter()
            .map(|(id, bytes)| BatchPackage {
                id: id.to_string(),
                file: format!("packages/{id}.zip"),
                sha256: sha256_hex(bytes),
            })
            .collect(),
        rubric: rubric(),
        revision: None,
        organizer_id: None,
    };
    edit(&mut batch);
    let json = serde_json::to_vec(&batch).expect("json");
    let names: Vec<String> = batch.packages.iter().map(|p| p.file.clone()).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("batch.json", &json)];
    entries.extend(names.iter().zip(pkgs).map(|(n, (_, b))| (n.as_str(), b.as_slice())));
    entries.extend_from_slice(extra);
    zip_with(&entries)
}

fn two_packages() -> Vec<(&'static str, Vec<u8>)> {
    let mut weak = fixture::establishment("P-2");
    weak.team.full_time_rd_staff = 9;
    vec![("P-1", package(fixture::establishment("P-1"))), ("P-2", package(weak))]
}

fn refused(bytes: Vec<u8>) -> ArchiveError {
    match read_batch(Cursor::new(bytes), |_| {}) {
        Ok(_) => panic!("accepted a bad batch"),
        Err(e) => e,
    }
}

#[test]
fn a_good_batch_checks_every_package_with_progress() {
    let bytes = batch_zip(Kind::Establishment, &two_packages(), |_| {}, &[]);
    let mut seen = Vec::new();
    let b = read_batch(Cursor::new(bytes), |p| seen.push((p.done, p.total))).expect("batch");
    assert_eq!(b.packages.len(), 2);
    assert_eq!(b.packages[0].review.verdict, Verdict::Eligible);
    assert_eq!(b.packages[1].review.verdict, Verdict::Ineligible);
    assert_eq!(seen, [(0, 2), (1, 2), (2, 2)]);
}

#[test]
fn a_package_whose_hash_differs_is_refused() {
    let e = refused(batch_zip(Kind::Establishment, &two_packages(), |b| b.packages[1].sha256 = "a".repeat(64), &[]));
    assert_eq!((e.code, e.entry.as_deref()), (Code::HashMismatch, Some("packages/P-2.zip")));
}

#[test]
fn kind_and_id_must_match() {
    let e = refused(batch_zip(Kind::Acceptance, &two_packages(), |_| {}, &[]));
    assert_eq!(e.code, Code::InvalidBatch);
    let pkgs = vec![("P-9", package(fixture::establishment("P-1")))];
    let e = refused(batch_zip(Kind::Establishment, &pkgs, |_| {}, &[]));
    assert_eq!(e.code, Code::InvalidBatch);
    assert!(e.message.zh.contains("P-9"));
}

#[test]
fn a_bad_package_inside_refuses_the_batch() {
    let mut bad = package(fixture::establishment("P-3"));
    let n = bad.len();
    bad.truncate(n - 30);
    let e = refused(batch_zip(Kind::Establishment, &[("P-3", bad)], |_| {}, &[]));
    assert_eq!(e.code, Code::PackageRefused);
    assert!(e.message.zh.contains("P-3") && e.message.en.contains("P-3"));
}

#[test]
fn roster_and_listing_problems() {
    let e = refused(batch_zip(Kind::Establishment, &two_packages(), |b| b.panel[1].role = Role::Chair, &[]));
    assert_eq!(e.code, Code::InvalidBatch);
    assert!(e.message.en.contains("exactly one chair"));
    let e =
        refused(batch_zip(Kind::Establishment, &two_packages(), |b| b.panel.push(member("X01", Role::Member)), &[]));
    assert_eq!(e.code, Code::InvalidBatch);
    let e = refused(batch_zip(Kind::Establishment, &two_packages(), |_| {}, &[("notes.txt", b"hi")]));
    assert_eq!((e.code, e.entry.as_deref()), (Code::Unlisted, Some("notes.txt")));
    let e = refused(batch_zip(Kind::Establishment, &two_packages(), |b| b.packages[0].file = "../P-1.zip".into(), &[]));
    assert_eq!(e.code, Code::BadName);
    let e = refused(batch_zip(Kind::Establishment, &two_packages(), |b| b.packages[0].file = "P-1.zip".into(), &[]));
    assert_eq!(e.code, Code::InvalidBatch, "packages live under packages/");
    let e =
        refused(batch_zip(Kind::Establishment, &two_packages(), |b| b.rubric.criteria[0].step = Dec::from_int(3), &[]));
    assert_eq!(e.code, Code::InvalidBatch, "max 100 is not a multiple of step 3");
}

#[test]
fn the_deadline_never_refuses_work() {
    let bytes = batch_zip(
        Kind::Establishment,
        &two_packages(),
        |b| b.deadline = "2020-01-01T00:00:00+08:00".parse().expect("time"),
        &[],
    );
    read_batch(Cursor::new(bytes), |_| {}).expect("a past deadline is shown, not enforced");
}

#[test]
fn deflated_packages_inside_are_read_too() {
    // write_entries stores .zip entries and deflates anything else.
    let rename = |b: &mut Batch| b.packages.iter_mut().for_each(|p| p.file = p.file.replace(".zip", ".pkg"));
    let bytes = batch_zip(Kind::Establishment, &two_packages(), rename, &[]);
    let b = read_batch(Cursor::new(bytes), |_| {}).expect("deflated inner packages");
    assert_eq!(b.packages.len(), 2);
}

#[test]
fn a_package_opened_as_a_batch_and_a_batch_checked_as_a_package_say_what_they_are() {
    let e = refused(package(fixture::establishment("P-1")));
    assert_eq!(e.code, Code::MissingManifest);
    assert!(
        e.message.zh.contains("这是一个申报材料包") && e.message.zh.contains("paneldesk-cli check"),
        "{}",
        e.message.zh
    );
    assert!(e.message.en.contains("this is an application package"), "{}", e.message.en);

    let batch = batch_zip(Kind::Establishment, &two_packages(), |_| {}, &[]);
    let e = paneldesk_core::package::read_package(Cursor::new(batch)).expect_err("a batch is not a package");
    assert_eq!(e.code, Code::MissingManifest);
    assert!(e.message.zh.contains("这是一个评审批次") && e.message.zh.contains("batch check"), "{}", e.message.zh);
}
