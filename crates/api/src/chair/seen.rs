//! What this process has already read out of signed review files, by the
//! file's SHA-256: the same bytes give the same review.json and the same
//! verdict, so a chair's consolidation does not parse and verify each of
//! 3,000 files three times (import, the figures, the 专家组意见's copies).
//!
//! Only facts about exact bytes are kept, never about a file name or a
//! database row: every caller still hashes the bytes it holds and looks
//! that hash up, so a stored file changed after import misses the cache
//! and is checked (or refused) in full.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use paneldesk_core::review_doc::ReviewDoc;

#[derive(Clone)]
struct Seen {
    doc: ReviewDoc,
    /// The signer's certificate hash when the whole file was verified
    /// (signature, coverage, footer hash, the certificate naming the
    /// expert); `None` when the review.json was only read out of it.
    verified_signer: Option<String>,
}

fn cache() -> &'static Mutex<HashMap<String, Seen>> {
    static SEEN: OnceLock<Mutex<HashMap<String, Seen>>> = OnceLock::new();
    SEEN.get_or_init(Default::default)
}

fn with<T>(f: impl FnOnce(&mut HashMap<String, Seen>) -> T) -> T {
    f(&mut cache().lock().unwrap_or_else(|p| p.into_inner()))
}

/// The review.json read earlier from the file whose bytes hash to `sha256`.
pub(crate) fn doc(sha256: &str) -> Option<ReviewDoc> {
    with(|m| m.get(sha256).map(|s| s.doc.clone()))
}

/// Records a review.json read out of the file hashing to `sha256`.
pub(crate) fn read(sha256: &str, doc: &ReviewDoc) {
    with(|m| {
        m.entry(sha256.to_string()).or_insert_with(|| Seen { doc: doc.clone(), verified_signer: None });
    })
}

/// Records a file that passed `review_candidate` in full.
pub(crate) fn verified(sha256: &str, signer: &str, doc: &ReviewDoc) {
    with(|m| {
        m.insert(sha256.to_string(), Seen { doc: doc.clone(), verified_signer: Some(signer.to_string()) });
    })
}

/// The file hashing to `sha256` was verified with this signer and this
/// review.json.
pub(crate) fn was_verified(sha256: &str, signer: &str, doc: &ReviewDoc) -> bool {
    with(|m| m.get(sha256).is_some_and(|s| s.verified_signer.as_deref() == Some(signer) && &s.doc == doc))
}
