//! Any bytes as a batch ZIP, and as a bare batch.json: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paneldesk_core::batch::{read_batch, Batch};

fuzz_target!(|data: &[u8]| {
    let _ = read_batch(std::io::Cursor::new(data), |_| {});
    let _ = Batch::from_json(data);
});
