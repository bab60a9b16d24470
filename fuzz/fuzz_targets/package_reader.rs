//! Any bytes as a package ZIP, and as a bare manifest: never a panic, and
//! whatever is accepted passes the formal review without one either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paneldesk_core::manifest::Manifest;
use paneldesk_core::package::read_package;
use paneldesk_core::rules::review;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = read_package(std::io::Cursor::new(data)) {
        let _ = review(&p.manifest);
    }
    if let Ok(m) = Manifest::from_json(data) {
        let _ = review(&m);
    }
});
