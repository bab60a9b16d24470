//! `paneldesk-demo [--out DIR]`: regenerates the bundled rubrics and demo
//! batches under DIR (default `assets`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out = PathBuf::from("assets");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--out", Some(dir)) => out = PathBuf::from(dir),
            _ => {
                eprintln!("usage: paneldesk-demo [--out DIR]");
                return ExitCode::from(2);
            }
        }
    }
    match paneldesk_demo::generate_into(&out) {
        Ok(written) => {
            for (path, size) in written {
                println!("{:>10}  {}", size, out.join(path).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("paneldesk-demo: {e}");
            ExitCode::FAILURE
        }
    }
}
