//! The chair's operations over a real store, with real signed review PDFs:
//! a panel imported with bad inputs among the good, duplicates and newer
//! reviews, certificate pins, parallel against serial import, the read
//! phase, drafts, signing and the exports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use paneldesk_api::chair::{self, Draft};
use paneldesk_core::batch::Batch;
use paneldesk_core::fixture;
use paneldesk_core::manifest::Kind;
use paneldesk_core::review_doc::{Expert, ReviewDoc};
use paneldesk_core::scoring::Score;
use paneldesk_core::sheet::{Conflict, Phase, Sheet};
use paneldesk_core::Dec;
use paneldesk_opinion::document::{check_document, signed_review};
use paneldesk_opinion::identity::Identity;
use paneldesk_opinion::render::ReviewContext;
use paneldesk_store::identity::{Keys, Profile};
use paneldesk_store::reviews::ReviewKey;
use paneldesk_store::{audit, Store};

const PASS: &str = "correct horse battery staple";

struct World {
    root: tempfile::TempDir,
    batch: Batch,
    chair: Store,
    ids: BTreeMap<String, Identity>,
}

fn profile(id: &str) -> Profile {
    Profile {
        expert_id: id.into(), name: format!("专家{id}"), title: "教授".into(), affiliation: "山东大学".into()
    }
}

fn store_with_batch(dir: &Path, batch_zip: &Path) -> Store {
    let mut s = Store::open(dir).expect("store");
    s.import_batch(batch_zip, |_| {}).expect("import batch");
    s
}

fn world() -> World {
    let root = tempfile::tempdir().expect("tempdir");
    let (batch, bytes) = fixture::batch_zip(
        "B-API",
        Kind::Establishment,
        vec![fixture::establishment("P-1"), fixture::establishment("P-2")],
        6,
    );
    let zip = root.path().join("batch.zip");
    std::fs::write(&zip, bytes).expect("batch");
    std::fs::create_dir_all(root.path().join("inbox")).expect("inbox");
    let mut chair = store_with_batch(&root.path().join("chair"), &zip);
    let now = chrono::Utc::now();
    let ids: BTreeMap<String, Identity> = (1..=6)
        .map(|i| {
            let id = format!("X0{i}");
            let ident = Identity::create(&id, &format!("专家{id}"), "教授", "山东大学", now).expect("identity");
            (id, ident)
        })
        .collect();
    let x01 = &ids["X01"];
    let keys = Keys {
        certificate: x01.certificate_der().to_vec(),
        certificate_sha256: x01.certificate_sha256(),
        encrypted_key: x01.encrypted_key_der(PASS).expect("key"),
    };
    chair.set_identity(&profile("X01"), Some(&keys)).expect("chair identity");
    World { root, batch, chair, ids }
}

fn sheet(f: i64, p: &str, declared: bool, opinion: &str) -> Sheet {
    Sheet {
        phase: Phase::Desk,
        conflict_of_interest: Conflict {
            declared,
            statement: if declared { "近三年有合作".into() } else { String::new() },
        },
        scores: vec![
            Score {
                criterion: "foundation".into(), score: Dec::from_int(f), comment: "依托单位条件扎实".into()
            },
            Score { criterion: "plan".into(), score: Dec::parse(p).expect("dec"), comment: String::new() },
        ],
        recommendation: "recommend".into(),
        opinion: opinion.into(),
        site_visit: None,
    }
}

impl World {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// Signs a review with `ident` as `expert_id`, `minutes` after now.
    fn sign_as(&self, ident: &Identity, expert_id: &str, package: &str, s: &Sheet, minutes: i64) -> Vec<u8> {
        let stored = self.chair.find_package(package, Some("B-API")).expect("query").expect("package");
        let expert = Expert {
            expert_id: expert_id.into(),
            name: format!("专家{expert_id}"),
            title: "教授".into(),
            affiliation: "山东大学".into(),
            certificate_sha256: ident.certificate_sha256(),
        };
        let at = chrono::Local::now().fixed_offset() + chrono::Duration::minutes(minutes);
        let doc = ReviewDoc::from_sheet(&self.batch, package, &stored.sha256, expert, s, at, "test");
        let ctx = ReviewContext { batch: &self.batch, manifest: &stored.manifest, signature_png: None };
        signed_review(&doc, &ctx, ident).expect("sign").bytes
    }

    fn review(&self, expert_id: &str, package: &str, s: &Sheet) -> PathBuf {
        let bytes = self.sign_as(&self.ids[expert_id], expert_id, package, s, 0);
        let path = self.path(&format!("inbox/{expert_id}-{package}.pdf"));
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// P-1 as in the scripted panel: totals 80, 75, 90, 60, 72.5; X06 declares a conflict.
    fn panel_p1(&self) {
        self.review("X01", "P-1", &sheet(30, "50", false, "X01 认为可行。"));
        self.review("X02", "P-1", &sheet(30, "45", false, "X02 认为可行。"));
        self.review("X03", "P-1", &sheet(35, "55", false, ""));
        self.review("X04", "P-1", &sheet(25, "35", false, "X04 有保留。"));
        self.review("X05", "P-1", &sheet(30, "42.5", false, ""));
        self.review("X06", "P-1", &sheet(0, "0", true, ""));
    }

    fn inbox(&self) -> Vec<PathBuf> {
        chair::files_in_folder(&self.path("inbox")).expect("files")
    }
}

fn dec(s: &str) -> Dec {
    Dec::parse(s).expect("dec")
}

fn all_visible(batch: &Batch) -> BTreeMap<String, bool> {
    batch.packages.iter().map(|p| (p.id.clone(), true)).collect()
}

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
    // X04 signs as X03: not X03's certificate (pinned by X03's own review).
    let forged = w.sign_as(&w.ids["X04"], "X03", "P-2", &sheet(20, "20", false, ""), 0);
    std::fs::write(w.path("inbox/zz-X03-P-2.pdf"), forged).expect("forged");

    let steps = std::sync::Mutex::new(Vec::new());
    let files = w.inbox();
    let report = chair::import_files(&mut w.chair, &w.batch, &files, &|p| {
        steps.lock().expect("lock").push(p.done);
    })
    .expect("import");
    let mut steps = steps.into_inner().expect("steps");
    steps.sort();
    assert_eq!(steps, (1..=files.len()).collect::<Vec<_>>());

    assert_eq!(report.accepted, ["X01-P-1 (copy).pdf", "X02-P-1.pdf", "X03-P-1.pdf", "X04-P-1.pdf", "X05-P-1.pdf"]);
    assert_eq!(report.duplicates, ["X01-P-1.pdf"]);
    let rejected: Vec<(&str, &str)> = report.rejected.iter().map(|r| (r.file.as_str(), r.reason.zh.as_str())).collect();
    assert_eq!(
        rejected.iter().map(|r| r.0).collect::<Vec<_>>(),
        ["X02-P-2.pdf", "X06-P-1.pdf", "notes.txt", "zz-X03-P-2.pdf"]
    );
    assert!(rejected[0].1.contains("签名"), "{}", rejected[0].1);
    assert!(rejected[1].1.contains("利益冲突"), "{}", rejected[1].1);
    assert!(rejected[2].1.contains("PDF"), "{}", rejected[2].1);
    assert!(rejected[3].1.contains("证书"), "{}", rejected[3].1);
    assert!(report.rejected.iter().all(|r| !r.reason.en.is_empty()));
    assert_eq!(report.new_pins.len(), 5);

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
    let again = chair::import_files(&mut w.chair, &w.batch, &files, &|_| {}).expect("again");
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
            chair::import_files(&mut w.chair, &w.batch, &[file], &|_| {}).expect("import");
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
    chair::import_files(&mut w.chair, &w.batch, &[first], &|_| {}).expect("import");
    // X02 lost their key and made a new one.
    let new_key = Identity::create("X02", "专家X02", "教授", "山东大学", chrono::Utc::now()).expect("identity");
    let bytes = w.sign_as(&new_key, "X02", "P-2", &sheet(30, "45", false, ""), 1);
    let second = w.path("inbox/X02-P-2.pdf");
    std::fs::write(&second, bytes).expect("write");
    let refused = chair::import_files(&mut w.chair, &w.batch, std::slice::from_ref(&second), &|_| {}).expect("import");
    assert_eq!(refused.rejected.len(), 1);
    assert!(refused.rejected[0].reason.zh.contains("证书"), "{}", refused.rejected[0].reason.zh);
    assert_eq!(w.chair.received("B-API").expect("rows").len(), 1);

    w.chair.repin("B-API", "X02", &new_key.certificate_sha256()).expect("repin");
    let accepted = chair::import_files(&mut w.chair, &w.batch, &[second], &|_| {}).expect("import");
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
    let serial = chair::import_files_with(&mut a.chair, &a.batch, &files, 1, &|_| {}).expect("serial");
    let parallel = chair::import_files_with(&mut b, &a.batch, &reversed, 4, &|_| {}).expect("parallel");
    assert_eq!(serial, parallel);
    let rows = |s: &Store| -> Vec<(String, bool)> {
        s.received("B-API").expect("rows").into_iter().map(|r| (r.sha256, r.counts)).collect()
    };
    assert_eq!(rows(&a.chair), rows(&b));
}

#[test]
fn the_chair_signs_once_each_flag_has_a_reason_and_exports() {
    let mut w = world();
    w.panel_p1();
    // Read phase: the chair X01's own review is neither signed in this store
    // nor among the imported ones yet.
    let own_file = w.path("X01-P-1.pdf");
    std::fs::rename(w.path("inbox/X01-P-1.pdf"), &own_file).expect("move");
    let files = w.inbox();
    chair::import_files(&mut w.chair, &w.batch, &files, &|_| {}).expect("import");
    let (batch, me) = chair::chair_batch(&w.chair, "B-API").expect("chair");
    let panel = chair::consolidate_batch(&w.chair, &batch).expect("consolidate");
    let hidden = chair::visible_packages(&w.chair, &batch, &me).expect("visible");
    let err = chair::matrix(&panel, "P-1", &hidden).expect_err("hidden");
    assert_eq!(err.code, "read-phase");
    // Once X01's own review is signed in this store, P-1 opens.
    let key = ReviewKey { batch_id: "B-API", package_id: "P-1", expert_id: "X01", phase: Phase::Desk };
    let own = sheet(30, "50", false, "X01 认为可行。");
    let saved = w.chair.save_review(key, &own).expect("save");
    let pdf = std::fs::read(&own_file).expect("own pdf");
    w.chair.mark_signed(saved.id, &pdf, "0").expect("mark signed");
    let visible = chair::visible_packages(&w.chair, &batch, &me).expect("visible");
    assert_eq!(visible.get("P-1"), Some(&true));
    // … and imported like everyone's, it counts.
    chair::import_files(&mut w.chair, &w.batch, &[own_file], &|_| {}).expect("import own");
    let panel = chair::consolidate_batch(&w.chair, &batch).expect("consolidate");
    assert_eq!(visible.get("P-1"), Some(&true));
    assert_eq!(visible.get("P-2"), Some(&true), "no one else's review of P-2: nothing to hide");
    let m = chair::matrix(&panel, "P-1", &visible).expect("matrix");
    assert_eq!(m.rows.len(), 5);
    assert_eq!(m.rows[0].scores, [dec("30"), dec("50")]);
    assert_eq!(m.flags[0].key, "criterion_spread:plan");

    let draft = Draft::load(&w.chair, &panel, "P-1").expect("draft");
    assert!(!draft.edited);
    assert!(draft.opinion.contains("专家X01：X01 认为可行。"), "{}", draft.opinion);

    let ident = chair::unlock_chair(&w.chair, PASS).expect("unlock");
    assert_eq!(chair::unlock_chair(&w.chair, "wrong").err().map(|e| e.code), Some("wrong-passphrase"));
    let who = chair::chair_of(&me, &ident);
    let now = chrono::Local::now().fixed_offset();
    let reasons = chair::reasons_in_order(panel.result("P-1").expect("P-1"), &draft.flag_reasons);
    let refused = chair::sign_package(&mut w.chair, &panel, "P-1", &draft.opinion, &reasons, &ident, &who, now);
    let refused = refused.err().expect("refused");
    assert!(refused.refused && refused.message.zh.contains("理由"), "{}", refused.message.zh);

    let mut given = BTreeMap::new();
    given.insert("criterion_spread:plan".to_string(), "  经讨论维持。 ".to_string());
    let draft = chair::save_draft(&mut w.chair, &panel, "P-1", Some("专家组同意推荐。".into()), given).expect("save");
    assert!(draft.edited);
    assert_eq!(draft.flag_reasons["criterion_spread:plan"], "经讨论维持。");
    let reasons = chair::reasons_in_order(panel.result("P-1").expect("P-1"), &draft.flag_reasons);
    let signed =
        chair::sign_package(&mut w.chair, &panel, "P-1", &draft.opinion, &reasons, &ident, &who, now).expect("sign");
    let checked = check_document(&signed.pdf).expect("pdf");
    assert!(checked.valid(), "{:?}", checked.problems);
    assert_eq!(checked.kind.as_deref(), Some("tic-consensus/1"));

    let out = w.path("out");
    let exported = chair::export(&w.chair, &panel, &out, now).expect("export");
    assert_eq!(exported.files, ["P-1.pdf", "ranking.pdf", "ranking.xlsx", "ranking.csv"]);
    let csv = std::fs::read_to_string(out.join("ranking.csv")).expect("csv");
    assert!(csv.contains("75.83"), "{csv}");
    assert_eq!(std::fs::read(out.join("P-1.pdf")).expect("P-1"), signed.pdf);
}

#[test]
fn only_the_chair_and_a_chosen_tie_break_ranks() {
    let root = tempfile::tempdir().expect("tempdir");
    let (_, bytes) = fixture::batch_zip("B-API", Kind::Establishment, vec![fixture::establishment("P-1")], 6);
    let zip = root.path().join("batch.zip");
    std::fs::write(&zip, bytes).expect("batch");
    let mut member = store_with_batch(&root.path().join("m"), &zip);
    member.set_identity(&profile("X02"), None).expect("profile");
    let err = chair::chair_batch(&member, "B-API").expect_err("refused");
    assert!(err.refused && err.code == "not-chair" && err.message.zh.contains("组长"));

    let w = world();
    let mut store = w.chair;
    store.set_tie_break("B-API", &["plan".to_string(), "foundation".to_string()]).expect("tie");
    let panel = chair::consolidate_batch(&store, &w.batch).expect("consolidate");
    assert_eq!(panel.tie_break, ["plan", "foundation"]);
    store.set_tie_break("B-API", &["plan".to_string()]).expect("tie");
    let panel = chair::consolidate_batch(&store, &w.batch).expect("consolidate");
    assert_eq!(panel.tie_break, ["foundation", "plan"], "an incomplete order falls back to the rubric's");
}

#[test]
fn many_packages_sign_in_parallel_and_a_failure_keeps_what_was_signed() {
    let mut w = world();
    for (id, p) in [("X01", "50"), ("X02", "51"), ("X03", "52")] {
        for package in ["P-1", "P-2"] {
            w.review(id, package, &sheet(30, p, false, "可行。"));
        }
    }
    let files = w.inbox();
    chair::import_files(&mut w.chair, &w.batch, &files, &|_| {}).expect("import");
    let panel = chair::consolidate_batch(&w.chair, &w.batch).expect("consolidate");
    let ident = chair::unlock_chair(&w.chair, PASS).expect("unlock");
    let who = chair::chair_of(&profile("X01"), &ident);
    let now = chrono::Local::now().fixed_offset();
    let request =
        |id: &str| chair::Request { package_id: id.into(), opinion: format!("{id} 同意。"), reasons: vec![] };

    let mut seen = Vec::new();
    let requests = [request("P-1"), request("P-2")];
    chair::sign_packages(&mut w.chair, &panel, &requests, &ident, &who, now, 3, &mut |s| {
        seen.push(s);
        Ok(())
    })
    .expect("sign");
    seen.sort_by(|a, b| a.package_id.cmp(&b.package_id));
    assert_eq!(seen.iter().map(|s| s.package_id.as_str()).collect::<Vec<_>>(), ["P-1", "P-2"]);
    for s in &seen {
        let checked = check_document(&s.pdf).expect("pdf");
        assert!(checked.valid(), "{:?}", checked.problems);
        let json: serde_json::Value = serde_json::from_slice(checked.json.as_deref().expect("json")).expect("json");
        assert_eq!(json["package_id"], s.package_id.as_str());
        assert_eq!(json["opinion"], format!("{} 同意。", s.package_id), "each package its own opinion");
    }
    let recorded = w.chair.consensus_signatures("B-API").expect("recorded");
    assert_eq!(recorded.keys().collect::<Vec<_>>(), ["P-1", "P-2"]);
    assert_eq!(recorded["P-1"].pdf_sha256, seen[0].pdf_sha256);

    // An unknown package after a good one: the good one is still signed
    // and recorded, and the failure is returned.
    let mut count = 0;
    let requests = [request("P-2"), request("P-9")];
    let err = chair::sign_packages(&mut w.chair, &panel, &requests, &ident, &who, now, 1, &mut |_| {
        count += 1;
        Ok(())
    })
    .expect_err("P-9 is not in the batch");
    assert_eq!(err.code, "unknown-package");
    assert_eq!(count, 1);
}
