//! Any bytes as a review PDF arriving on a USB stick: signature verification,
//! the document check (embedded JSON, footer hash) and the chair's import
//! never panic, whatever verifies is a signed file, and the fast parse of a
//! signed file (its /Contents swapped for markers) reads the same document
//! as the plain parse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paneldesk_opinion::document::{check_document, review_candidate};
use paneldesk_opinion::sign::{fast_parse_agrees, verify_pdf};

fuzz_target!(|data: &[u8]| {
    if let Ok(v) = verify_pdf(data) {
        assert!(!v.valid() || !v.signatures.is_empty());
    }
    assert!(fast_parse_agrees(data));
    let _ = check_document(data);
    let _ = review_candidate("fuzz.pdf", data);
});
