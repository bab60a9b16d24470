//! The chair's import over a real store, with real signed review PDFs: a
//! panel with bad inputs among the good, duplicates and newer reviews,
//! certificate pins, parallel against serial import. Signing and the
//! exports are in chair_sign.rs.

mod common;

use common::*;
use paneldesk_api::chair;
use paneldesk_core::consolidate::AcceptNew;
use paneldesk_opinion::identity::Identity;
use paneldesk_store::{audit, Store};
use std::path::PathBuf;

#[test]
fn a_panel_imports_with_every_bad_input_rejected_for_its_reason() {
    let mut w = world();
    w.panel_p1();
    let x01 = w.path("inbox/X01-P-1.pdf");
    std::fs::copy(&x01, w.path("inbox/X01-P-1 (copy).pdf")).expect("copy");
    std::fs::write(w.path("inbox/notes.txt"), "会议安排").expect("stray");
    let mut tampered = w.sign_as(&w.ids["X02"], "X02", "P-2", &sheet(39, "59", false, ""), 0);
    let at = tampered.len() / 3;
    tampered[at] ^= 1;
    std::fs::write(w.path("inbox/X02-P-2.pdf"), tampered).expect("tampered");
    let steps = std::sync::Mutex::new(Vec::new());
    let files = w.inbox();
    let report = chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|p| {
        steps.lock().expect("lock").push(p.done);
    })
    .expect("import");
    let mut steps = steps.into_inner().expect("steps");
    steps.sort();
    assert_eq!(steps, (1..=files.len()).collect::<Vec<_>>());

    assert_eq!(report.accepted, ["X01-P-1 (copy).pdf", "X02-P-1.pdf", "X03-P-1.pdf", "X04-P-1.pdf", "X05-P-1.pdf"]);
    assert_eq!(report.duplicates, ["X01-P-1.pdf"]);
    let rejected: Vec<(&str, &str)> = report.rejected.iter().map(|r| (r.file.as_str(), r.reason.zh.as_str())).collect();
    assert_eq!(rejected.iter().map(|r| r.0).collect::<Vec<_>>(), ["X02-P-2.pdf", "X06-P-1.pdf", "notes.txt"]);
    assert!(rejected[0].1.contains("签名"), "{}", rejected[0].1);
    assert!(rejected[1].1.contains("利益冲突"), "{}", rejected[1].1);
    assert!(rejected[2].1.contains("PDF"), "{}", rejected[2].1);
    assert!(report.rejected.iter().all(|r| !r.reason.en.is_empty()));
    assert_eq!(report.new_pins.len(), 5);

    // X04 signs as X03 later: not X03's certificate (pinned by X03's review).
    let forged = w.sign_as(&w.ids["X04"], "X03", "P-2", &sheet(20, "20", false, ""), 0);
    let forged_file = w.path("zz-X03-P-2.pdf");
    std::fs::write(&forged_file, forged).expect("forged");
    let later = chair::import_files(&mut w.chair, &w.batch, &[forged_file], &AcceptNew::All, &|_| {}).expect("import");
    assert_eq!(later.rejected.len(), 1);
    assert!(later.rejected[0].reason.zh.contains("证书"), "{}", later.rejected[0].reason.zh);

    // Nothing of a rejected file is kept: five rows, five PDFs.
    let received = w.chair.received("B-API").expect("received");
    assert_eq!(received.len(), 5);
    let kept: Vec<_> = std::fs::read_dir(w.chair.dir().join("received")).expect("dir").collect();
    assert_eq!(kept.len(), 5);
    for r in &received {
        let bytes = w.chair.received_pdf(&r.sha256).expect("pdf");
        assert_eq!(paneldesk_core::package::sha256_hex(&bytes), r.sha256);
    }

    // The hand figures: trimmed mean of 75, 80, 72.5 (90 and 60 dropped).
    let panel = chair::consolidate_batch(&w.chair, &w.batch).expect("consolidate");
    let p1 = panel.result("P-1").expect("P-1");
    let total = p1.total.as_ref().expect("total");
    assert_eq!((total.method.as_str(), total.value), ("trimmed_mean", dec("75.83")));
    assert_eq!(p1.flags.len(), 1);
    assert_eq!(p1.rank, Some(1));
    assert!(panel.result("P-2").expect("P-2").set_apart.is_some());

    let ex = chair::explain(&panel, "P-1", "total", &all_visible(&w.batch)).expect("explain");
    assert_eq!((ex.sum, ex.divisor, ex.value), (dec("227.5"), 3, dec("75.83")));
    assert_eq!(ex.quotient, "75.833333");
    assert!(!ex.quotient_exact);
    let dropped: Vec<&str> = ex.terms.iter().filter(|t| !t.used).map(|t| t.expert_id.as_str()).collect();
    assert_eq!(dropped, ["X03", "X04"]);
    assert!(ex.steps.zh.contains("227.5 ÷ 3"), "{}", ex.steps.zh);

    // Leniency: X03 is 14.17 above P-1's aggregate, X04 15.83 below.
    let len = chair::leniency(&panel, &all_visible(&w.batch));
    let of = |id: &str| len.iter().find(|l| l.expert_id == id).map(|l| l.mean_offset);
    assert_eq!((of("X03"), of("X04")), (Some(dec("14.17")), Some(dec("-15.83"))));

    // Importing the same folder again changes nothing.
    let again = chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|_| {}).expect("again");
    assert!(again.accepted.is_empty());
    assert_eq!(
        again.already_imported,
        ["X01-P-1 (copy).pdf", "X02-P-1.pdf", "X03-P-1.pdf", "X04-P-1.pdf", "X05-P-1.pdf"]
    );
    assert_eq!(again.duplicates, ["X01-P-1.pdf"]);
    assert_eq!(w.chair.received("B-API").expect("received").len(), 5);
    assert!(audit::verify(w.chair.conn()).expect("audit").ok(), "the audit chain holds");
}

#[test]
fn the_later_signed_review_counts_whatever_the_order_of_imports() {
    let run = |order: [&str; 2]| {
        let mut w = world();
        let early = w.sign_as(&w.ids["X02"], "X02", "P-1", &sheet(30, "40", false, ""), 0);
        let late = w.sign_as(&w.ids["X02"], "X02", "P-1", &sheet(35, "50", false, ""), 5);
        std::fs::write(w.path("inbox/a.pdf"), &early).expect("a");
        std::fs::write(w.path("inbox/b.pdf"), &late).expect("b");
        for name in order {
            let file = w.path(&format!("inbox/{name}"));
            chair::import_files(&mut w.chair, &w.batch, &[file], &AcceptNew::All, &|_| {}).expect("import");
        }
        let rows = w.chair.received("B-API").expect("rows");
        let counting: Vec<(String, bool)> = rows.iter().map(|r| (r.file_name.clone(), r.counts)).collect();
        let panel = chair::consolidate_batch(&w.chair, &w.batch).expect("consolidate");
        (counting, panel.result("P-1").expect("P-1").reviews[0].total)
    };
    let ab = run(["a.pdf", "b.pdf"]);
    let ba = run(["b.pdf", "a.pdf"]);
    let mut x = ab.0.clone();
    x.sort();
    let mut y = ba.0.clone();
    y.sort();
    assert_eq!(x, [("a.pdf".to_string(), false), ("b.pdf".to_string(), true)]);
    assert_eq!(x, y);
    assert_eq!((ab.1, ba.1), (dec("85"), dec("85")));
}

#[test]
fn another_certificate_is_refused_until_the_chair_repins_it() {
    let mut w = world();
    let first = w.review("X02", "P-1", &sheet(30, "45", false, ""));
    chair::import_files(&mut w.chair, &w.batch, &[first], &AcceptNew::All, &|_| {}).expect("import");
    // X02 lost their key and made a new one.
    let new_key = Identity::create("X02", "专家X02", "教授", "山东大学", chrono::Utc::now()).expect("identity");
    let bytes = w.sign_as(&new_key, "X02", "P-2", &sheet(30, "45", false, ""), 1);
    let second = w.path("inbox/X02-P-2.pdf");
    std::fs::write(&second, bytes).expect("write");
    let refused = chair::import_files(&mut w.chair, &w.batch, std::slice::from_ref(&second), &AcceptNew::All, &|_| {})
        .expect("import");
    assert_eq!(refused.rejected.len(), 1);
    assert!(refused.rejected[0].reason.zh.contains("证书"), "{}", refused.rejected[0].reason.zh);
    assert_eq!(w.chair.received("B-API").expect("rows").len(), 1);

    w.chair.repin("B-API", "X02", &new_key.certificate_sha256()).expect("repin");
    let accepted = chair::import_files(&mut w.chair, &w.batch, &[second], &AcceptNew::All, &|_| {}).expect("import");
    assert_eq!(accepted.accepted, ["X02-P-2.pdf"]);
    let count = |action: &str| -> i64 {
        w.chair
            .conn()
            .query_row("SELECT COUNT(*) FROM audit_log WHERE action = ?1", [action], |r| r.get(0))
            .expect("count")
    };
    assert_eq!(count("certificate.repin"), 1);
    assert_eq!(count("chair.import"), 3);
}

#[test]
fn parallel_import_gives_the_serial_result() {
    let mut a = world();
    a.panel_p1();
    a.review("X01", "P-2", &sheet(32, "50", false, ""));
    a.review("X03", "P-2", &sheet(30, "50", false, ""));
    std::fs::copy(a.path("inbox/X01-P-2.pdf"), a.path("inbox/copy.pdf")).expect("copy");
    std::fs::write(a.path("inbox/junk.pdf"), b"%PDF-1.7 not really").expect("junk");
    let files = a.inbox();
    let mut b = Store::open(&a.path("chair-b")).expect("store");
    b.import_batch(&a.path("batch.zip"), |_| {}).expect("batch");
    let mut reversed = files.clone();
    reversed.reverse();
    let serial = chair::import_files_with(&mut a.chair, &a.batch, &files, 1, &AcceptNew::All, &|_| {}).expect("serial");
    let parallel =
        chair::import_files_with(&mut b, &a.batch, &reversed, 4, &AcceptNew::All, &|_| {}).expect("parallel");
    assert_eq!(serial, parallel);
    let rows = |s: &Store| -> Vec<(String, bool)> {
        s.received("B-API").expect("rows").into_iter().map(|r| (r.sha256, r.counts)).collect()
    };
    assert_eq!(rows(&a.chair), rows(&b));
}

/// A device, a FIFO or a folder given as a review (drag-and-drop, the
/// dialog) is refused with its reason, never read without end.
#[test]
fn a_device_or_a_folder_given_as_a_review_is_refused_not_read() {
    let mut w = world();
    let mut files = vec![PathBuf::from("/dev/zero"), w.path("inbox")];
    files.retain(|p| p.exists());
    let report = chair::import_files(&mut w.chair, &w.batch, &files, &AcceptNew::All, &|_| {}).expect("import");
    assert!(report.accepted.is_empty());
    assert_eq!(report.rejected.len(), files.len());
    assert!(report.rejected.iter().all(|r| r.reason.zh.contains("不是普通文件")), "{:?}", report.rejected);
}
