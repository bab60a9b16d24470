//! Signing many packages' 专家组意见 at once (`consolidate`): this thread
//! reads from the store and records, one worker per core renders and signs.
//! A package is recorded as soon as it is signed; the first failure stops
//! sending more, the packages already sent are still recorded, and that
//! first failure is returned.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::Mutex;

use paneldesk_core::consensus_doc::Chair;
use paneldesk_core::time::Timestamp;
use paneldesk_opinion::document::SignedPdf;
use paneldesk_opinion::identity::Identity;
use paneldesk_store::Store;

use super::sign::{prepare, record, Prepared};
use super::{ApiError, ErrorCode, Panel, Result, Signed};

/// One package to sign, with the panel's opinion and a reason per flag.
pub struct Request {
    /// The package to sign.
    pub package_id: String,
    /// The panel opinion.
    pub opinion: String,
    /// One reason per flag, in the flags' order.
    pub reasons: Vec<String>,
}

/// Signs every request on `threads` workers; `signed` is called, on this
/// thread and in completion order, with each package once it is recorded.
#[allow(clippy::too_many_arguments)]
pub fn sign_packages(
    store: &mut Store,
    panel: &Panel,
    requests: &[Request],
    identity: &Identity,
    chair: &Chair,
    now: Timestamp,
    threads: usize,
    signed: &mut dyn FnMut(Signed) -> Result<()>,
) -> Result<()> {
    let threads = threads.max(1);
    // Bounded: at most a few packages' review PDFs are in memory at once.
    let (work_tx, work_rx) = mpsc::sync_channel::<Prepared>(threads);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<(String, Result<SignedPdf>)>();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            s.spawn(move || loop {
                let job = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok(job) = job else { return };
                // A panic while rendering is this package's error, not the process's.
                let outcome =
                    catch_unwind(AssertUnwindSafe(|| job.sign(identity))).unwrap_or_else(|_| Err(worker_lost()));
                if done_tx.send((job.package_id().to_string(), outcome)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut pending = 0usize;
        let mut finish = |store: &mut Store, (id, outcome): (String, Result<SignedPdf>)| -> Result<()> {
            signed(record(store, panel, &id, outcome?)?)
        };
        let outcome = (|| -> Result<()> {
            for r in requests {
                let job = prepare(store, panel, &r.package_id, &r.opinion, &r.reasons, chair, now)?;
                work_tx.send(job).map_err(|_| worker_lost())?;
                pending += 1;
                while let Ok(done) = done_rx.try_recv() {
                    pending -= 1;
                    finish(store, done)?;
                }
            }
            Ok(())
        })();
        drop(work_tx);
        // What was already sent is signed and recorded even after a failure.
        let mut first_error = outcome.err();
        while pending > 0 {
            let Ok(done) = done_rx.recv() else {
                first_error.get_or_insert_with(worker_lost);
                break;
            };
            pending -= 1;
            if let Err(e) = finish(store, done) {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    })
}

fn worker_lost() -> ApiError {
    ApiError::unusable(
        ErrorCode::Internal,
        "签署时发生内部错误，未签署的材料包请重新签署",
        "an internal error while signing; sign the packages that are not signed again",
    )
}
