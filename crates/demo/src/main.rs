//! `paneldesk-demo [--out DIR]`: regenerates the bundled rubrics and demo
//! batches under DIR (default `assets`).
//! `paneldesk-demo identities --out DIR`: writes the demo panels'
//! certificate files, to act as a demo expert (`identity import`).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let identities = args.first().is_some_and(|a| a == "identities");
    if identities {
        args.remove(0);
    }
    let out = match args.as_slice() {
        [] if !identities => PathBuf::from("assets"),
        [flag, dir] if flag == "--out" => PathBuf::from(dir),
        _ => {
            eprintln!("usage: paneldesk-demo [--out DIR] | paneldesk-demo identities --out DIR");
            return ExitCode::from(2);
        }
    };
    let result = if identities { paneldesk_demo::write_identities(&out) } else { paneldesk_demo::generate_into(&out) };
    match result {
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
