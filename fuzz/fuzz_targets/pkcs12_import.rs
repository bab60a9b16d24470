//! Any bytes as a CA-issued .p12/.pfx file, and as the encrypted key and
//! certificate kept in the store: never a panic, an endless key derivation
//! or a huge allocation (libFuzzer's -timeout and -rss_limit_mb catch those).
#![no_main]

use libfuzzer_sys::fuzz_target;
use paneldesk_opinion::identity::Identity;

fuzz_target!(|data: &[u8]| {
    let _ = Identity::from_pkcs12(data, "p12-secret");
    // The same bytes as a stored key and certificate: a u16 key length first
    // (the layout of the stored-key seed written by fuzz_seeds).
    if let [hi, lo, rest @ ..] = data {
        let (key, cert) = rest.split_at(usize::from(u16::from_be_bytes([*hi, *lo])).min(rest.len()));
        let _ = Identity::unlock(key, cert, "p12-secret");
    }
});
