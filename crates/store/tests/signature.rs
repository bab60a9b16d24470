//! The drawn signature (migration 0003): kept after checks, replaced when
//! redrawn, audit-logged, and there after an upgrade from the first release.

use std::path::Path;

use paneldesk_store::signature::{check_png, MAX_PNG_BYTES};
use paneldesk_store::{audit, Store};

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::GrayscaleAlpha);
    let mut writer = enc.write_header().expect("header");
    let pixels: Vec<u8> = (0..w * h).flat_map(|i| [0, if i % 7 == 0 { 255 } else { 0 }]).collect();
    writer.write_image_data(&pixels).expect("data");
    writer.finish().expect("finish");
    out
}

#[test]
fn a_checked_signature_is_kept_replaced_and_logged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    assert_eq!(store.signature_png().expect("read"), None);
    let first = png(320, 100);
    let saved = store.set_signature_png(&first).expect("save");
    assert_eq!((saved.width, saved.height), (320, 100));
    assert_eq!(store.signature_png().expect("read").map(|s| s.png), Some(first));
    let second = png(200, 60);
    store.set_signature_png(&second).expect("redraw");
    let now = store.signature_png().expect("read").expect("kept");
    assert_eq!(now.png, second);
    assert_eq!(now.sha256, paneldesk_core::package::sha256_hex(&second));
    let logged: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'signature.set'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(logged, 2);
    assert!(audit::verify(store.conn()).expect("verify").ok());
}

#[test]
fn what_is_not_a_small_png_is_refused_with_a_reason() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"GIF89a....".to_vec(), "不是 PNG"),
        (Vec::new(), "不是 PNG"),
        (png(300, 100)[..60].to_vec(), "无法解码"),
        (png(4001, 2), "超出范围"),
        (vec![0x89; MAX_PNG_BYTES + 1], "过大"),
    ];
    for (bytes, why) in cases {
        let e = check_png(&bytes).expect_err(why);
        assert_eq!(e.code, "signature-invalid");
        assert!(e.message.zh.contains(why) && !e.message.en.is_empty(), "{why}: {}", e.message.zh);
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(dir.path()).expect("open");
    assert!(store.set_signature_png(b"not a png").is_err());
    assert_eq!(store.signature_png().expect("read"), None, "nothing kept");
}

#[test]
fn a_first_release_database_gains_the_signature_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/paneldesk.sqlite3");
    std::fs::copy(&fixture, dir.path().join(paneldesk_store::DB_FILE)).expect("copy fixture");
    let mut store = Store::open(dir.path()).expect("upgrade");
    assert_eq!(store.signature_png().expect("read"), None);
    store.set_signature_png(&png(100, 40)).expect("save after upgrade");
    assert!(audit::verify(store.conn()).expect("verify").ok());
}
