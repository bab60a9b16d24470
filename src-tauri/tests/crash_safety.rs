//! Crash safety: a process saving scores through the window's `save_sheet`
//! command (examples/crash_saver.rs) is killed with SIGKILL at random points,
//! again and again on the same data folder. After every kill the database
//! passes `PRAGMA integrity_check`, the audit chain verifies, every save the
//! process acknowledged is there with exactly its scores, and every signed-PDF
//! file written atomically is whole. 20 kills here (`make test`);
//! `scripts/crash-loop.sh 1000` runs the long form.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use paneldesk_store::{audit, Store};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use support::{pkg, with, Harness};

const SHORT_FORM_KILLS: u64 = 20;
/// The longest a saver runs before it is killed; most kills land mid-loop,
/// some during start-up (store open, migrations, batch import).
const MAX_DELAY_MS: u64 = 700;

/// One acknowledged save, as the saver printed it.
#[derive(Clone, Debug)]
struct Ack {
    package: String,
    revision: i64,
    foundation: f64,
    plan: f64,
    n: u64,
    seed: u64,
}

#[derive(Default)]
struct Tally {
    kills: u64,
    acked: u64,
    found: u64,
    killed_before_first_ack: u64,
    whole_files: u64,
    torn_temp_files: u64,
}

fn saver_exe() -> PathBuf {
    // Integration tests run from target/<profile>/deps; examples are built
    // beside it by `cargo test` (and by scripts/crash-loop.sh).
    let exe = std::env::current_exe().expect("test exe");
    let profile = exe.parent().and_then(Path::parent).expect("target dir");
    let saver = profile.join("examples").join(format!("crash_saver{}", std::env::consts::EXE_SUFFIX));
    assert!(
        saver.is_file(),
        "{} is missing: build it with `cargo build -p paneldesk-app --features custom-protocol --example crash_saver`",
        saver.display()
    );
    saver
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn xorshift(mut x: u64) -> u64 {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    x
}

fn parse_ack(line: &str, seed: u64) -> Ack {
    let f: Vec<&str> = line.split(' ').collect();
    assert!(f.len() == 6 && f[0] == "ACK", "malformed ACK line: {line:?}");
    let num = |s: &str| s.parse::<f64>().unwrap_or_else(|_| panic!("bad number in {line:?}"));
    Ack {
        package: f[1].to_string(),
        revision: f[2].parse().unwrap_or_else(|_| panic!("bad revision in {line:?}")),
        foundation: num(f[3]),
        plan: num(f[4]),
        n: f[5].parse().unwrap_or_else(|_| panic!("bad n in {line:?}")),
        seed,
    }
}

/// Runs the saver for `delay`, kills it with SIGKILL and returns the lines it
/// completed (a line cut by the kill has no newline and is no ACK).
fn run_and_kill(saver: &Path, data: &Path, batch: &Path, seed: u64, delay: Duration) -> (Vec<Ack>, String) {
    let mut child = Command::new(saver)
        .arg(data)
        .arg(batch)
        .arg(seed.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn crash_saver");
    let stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut lines = Vec::new();
        let mut r = BufReader::new(stdout);
        let mut buf = Vec::new();
        while r.read_until(b'\n', &mut buf).unwrap_or(0) > 0 {
            if buf.ends_with(b"\n") {
                lines.push(String::from_utf8_lossy(&buf[..buf.len() - 1]).into_owned());
            }
            buf.clear();
        }
        lines
    });
    std::thread::sleep(delay);
    // std's Child::kill is SIGKILL on Unix: no destructor, no flush, no exit hook.
    let _ = child.kill();
    let status = child.wait().expect("wait");
    let mut err = String::new();
    let _ = stderr.read_to_string(&mut err);
    let lines = reader.join().expect("reader");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(9), "the saver stopped by itself ({status}) before the kill: {err}");
    }
    (lines.iter().map(|l| parse_ack(l, seed)).collect(), err)
}

/// The saved revision behind an ACK, exactly as acknowledged.
fn check_ack(store: &Store, ack: &Ack) -> Result<(), String> {
    let sheet: String = store
        .conn()
        .query_row(
            "SELECT sheet FROM reviews WHERE batch_id = ?1 AND package_id = ?2 AND expert_id = 'X02'
             AND phase = 'desk' AND revision = ?3",
            (support::batch::BATCH_ID, ack.package.as_str(), ack.revision),
            |r| r.get(0),
        )
        .map_err(|e| format!("acknowledged save {ack:?} is missing: {e}"))?;
    let v: Value = serde_json::from_str(&sheet).map_err(|e| format!("{ack:?}: unreadable sheet: {e}"))?;
    let score = |i: usize| v["scores"][i]["score"].as_f64();
    let opinion = format!("崩溃测试 seed {} 第 {} 次保存", ack.seed, ack.n);
    if score(0) != Some(ack.foundation) || score(1) != Some(ack.plan) || v["opinion"] != opinion.as_str() {
        return Err(format!("acknowledged save {ack:?} came back different: {v}"));
    }
    Ok(())
}

/// Every file left in signed/ is whole (named by its SHA-256) or an
/// abandoned `.part` temp file that no reader ever looks at. Both are
/// removed so the long form stays within a few MB.
fn check_signed_files(dir: &Path, tally: &mut Tally) {
    for entry in std::fs::read_dir(dir.join(paneldesk_store::paths::SIGNED_DIR)).expect("signed dir").flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(sha) = name.strip_suffix(".pdf") {
            let bytes = std::fs::read(&path).expect("read signed file");
            let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(actual, sha, "{name} is torn: an atomic write left a partial file in place");
            tally.whole_files += 1;
        } else {
            assert!(name.ends_with(".part"), "unexpected file {name} in signed/");
            tally.torn_temp_files += 1;
        }
        std::fs::remove_file(&path).expect("remove checked file");
    }
}

/// Package files copied in by a batch import that may have been killed:
/// each one under its final name is whole.
fn check_package_files(dir: &Path) {
    for entry in std::fs::read_dir(dir.join(paneldesk_store::paths::PACKAGES_DIR)).expect("packages dir").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(sha) = name.strip_suffix(".zip") {
            let bytes = std::fs::read(entry.path()).expect("read package");
            let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(actual, sha, "package file {name} is torn");
        }
    }
}

fn check_after_kill(data: &Path, acks: &[Ack], tally: &mut Tally) {
    // Opening is what the relaunched app does: SQLite rolls the WAL forward.
    let store = Store::open(data).unwrap_or_else(|e| panic!("store does not open after a kill: {e}"));
    assert!(store.integrity_ok().expect("integrity_check runs"), "PRAGMA integrity_check failed");
    let report = audit::verify(store.conn()).expect("audit verify runs");
    assert!(report.ok(), "audit chain broken after a kill: {report:?}");
    for ack in acks {
        check_ack(&store, ack).unwrap_or_else(|e| panic!("{e}"));
        tally.found += 1;
    }
    check_signed_files(data, tally);
    check_package_files(data);
}

#[test]
fn acknowledged_saves_survive_sigkill_at_random_points() {
    let kills = env_u64("PANELDESK_CRASH_KILLS").unwrap_or(SHORT_FORM_KILLS);
    let seed0 = env_u64("PANELDESK_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
    });
    eprintln!("crash loop: {kills} kills, PANELDESK_CRASH_SEED={seed0}");
    let saver = saver_exe();
    let tmp = tempfile::tempdir().expect("tempdir");
    let (data, batch) = (tmp.path().join("data"), tmp.path().join("batch.zip"));
    std::fs::write(&batch, support::batch::batch_zip()).expect("write batch");

    let started = Instant::now();
    let mut tally = Tally::default();
    let mut all: Vec<Ack> = Vec::new();
    let mut rng = seed0 | 1;
    for i in 0..kills {
        rng = xorshift(rng);
        let delay = Duration::from_millis(rng % MAX_DELAY_MS);
        let seed = seed0.wrapping_add(i);
        let (acks, _) = run_and_kill(&saver, &data, &batch, seed, delay);
        tally.kills += 1;
        tally.acked += acks.len() as u64;
        if acks.is_empty() {
            tally.killed_before_first_ack += 1;
        }
        check_after_kill(&data, &acks, &mut tally);
        all.extend(acks);
    }
    // Later kills must not have lost earlier saves either.
    let store = Store::open(&data).expect("open");
    for ack in &all {
        check_ack(&store, ack).unwrap_or_else(|e| panic!("after all kills: {e}"));
    }
    let latest: HashMap<&str, i64> = all.iter().fold(HashMap::new(), |mut m, a| {
        let e = m.entry(a.package.as_str()).or_insert(0);
        *e = (*e).max(a.revision);
        m
    });
    let rows: i64 = store.conn().query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0)).expect("count");
    let audit_rows = audit::verify(store.conn()).expect("verify").rows;
    eprintln!(
        "crash loop done: kills={} acknowledged={} found={} failures=0 killed_before_first_ack={} \
         whole_files={} torn_temp_files={} review_rows={rows} audit_rows={audit_rows} latest={latest:?} \
         seconds={:.1}",
        tally.kills,
        tally.acked,
        tally.found,
        tally.killed_before_first_ack,
        tally.whole_files,
        tally.torn_temp_files,
        started.elapsed().as_secs_f64()
    );
    assert_eq!(tally.found, tally.acked);
    assert!(tally.acked > 0, "no save was ever acknowledged: the saver never got going");
}

/// A second writer holding the database (another window, paneldesk-cli, a
/// stuck process) makes a save fail after the busy timeout with a clear
/// message in both languages; nothing is half-written and the next save works.
#[test]
fn a_database_held_by_another_writer_refuses_clearly_and_stays_intact() {
    let h = Harness::start(None);
    h.set_profile("X02");
    h.open_test_batch();
    h.ok("declare_conflict", with(pkg("LC-2026-001"), json!({"declared": false, "statement": ""})));
    let sheet = json!({"sheet": {
        "scores": [{"criterion": "foundation", "score": "30", "comment": ""},
                   {"criterion": "plan", "score": "50", "comment": ""}],
        "recommendation": "recommend", "opinion": "持有写锁时保存"}});

    let data = h.dir.path().join("data");
    let other = Store::open(&data).expect("second connection");
    other.conn().execute_batch("BEGIN IMMEDIATE").expect("take the write lock");
    let started = Instant::now();
    let e = h.call("save_sheet", with(pkg("LC-2026-001"), sheet.clone())).expect_err("must not save");
    assert_eq!(e["code"], "database-busy", "{e}");
    assert!(e["message"]["zh"].as_str().is_some_and(|m| m.contains("另一个程序")), "{e}");
    assert!(e["message"]["en"].as_str().is_some_and(|m| m.contains("another program")), "{e}");
    assert!(started.elapsed() >= Duration::from_secs(4), "it waited for the other writer first");
    other.conn().execute_batch("ROLLBACK").expect("release");

    let r = h.ok("save_sheet", with(pkg("LC-2026-001"), sheet));
    assert_eq!(r["revision"], 2, "the refused save left no revision behind");
    assert!(other.integrity_ok().expect("integrity"));
    assert!(audit::verify(other.conn()).expect("verify").ok());
}
