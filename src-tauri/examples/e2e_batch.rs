//! Writes the end-to-end test batch: `cargo run --example e2e_batch -- OUT.zip`.
//! Used until (and besides) the bundled demo batch: it holds the hostile
//! centre name the e2e test checks is shown literally.

#[path = "../tests/support/batch.rs"]
mod batch;

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("用法：e2e_batch OUT.zip / usage: e2e_batch OUT.zip");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::write(&out, batch::batch_zip()) {
        eprintln!("无法写入 {out}：{e} / cannot write {out}: {e}");
        std::process::exit(2);
    }
}
