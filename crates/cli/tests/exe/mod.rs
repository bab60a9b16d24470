//! The paneldesk-cli under test: this build's binary, or — when
//! PANELDESK_CLI_EXE names a Windows build (`make windows-test`) — that
//! .exe run through wine, so the same contract tests check both. Under wine
//! every absolute path given to the command, as an argument or in
//! PANELDESK_DATA_DIR, is written as Windows writes it: a drive letter and
//! backslashes (Z:\tmp\.tmpAbc\数据\batch.zip; wine maps Z: to /).

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// A command line for paneldesk-cli, with Windows paths under wine.
pub struct Cli {
    cmd: Command,
    wine: bool,
}

/// The Windows build under test, if any.
fn windows_exe() -> Option<OsString> {
    std::env::var_os("PANELDESK_CLI_EXE").filter(|v| !v.is_empty())
}

pub fn cli() -> Cli {
    match windows_exe() {
        Some(exe) => {
            let wine = std::env::var_os("PANELDESK_WINE").unwrap_or_else(|| "wine".into());
            let mut cmd = Command::new(wine);
            cmd.arg(exe).env("WINEDEBUG", "-all");
            Cli { cmd, wine: true }
        }
        None => Cli { cmd: Command::new(env!("CARGO_BIN_EXE_paneldesk-cli")), wine: false },
    }
}

/// True when the contract tests drive the Windows build.
#[allow(dead_code)]
pub fn under_wine() -> bool {
    windows_exe().is_some()
}

/// `/tmp/x/y.pdf` → `Z:\tmp\x\y.pdf` under wine; anything else unchanged.
fn host(arg: &OsStr, wine: bool) -> OsString {
    match arg.to_str() {
        Some(s) if wine && s.starts_with('/') => format!("Z:{}", s.replace('/', "\\")).into(),
        _ => arg.to_owned(),
    }
}

#[allow(dead_code)]
impl Cli {
    pub fn arg(&mut self, a: impl AsRef<OsStr>) -> &mut Cli {
        let a = host(a.as_ref(), self.wine);
        self.cmd.arg(a);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Cli
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for a in args {
            self.arg(a);
        }
        self
    }

    pub fn data_dir(&mut self, dir: &Path) -> &mut Cli {
        self.arg("--data-dir").arg(dir)
    }

    pub fn env(&mut self, key: &str, value: impl AsRef<OsStr>) -> &mut Cli {
        let value = if key == "PANELDESK_DATA_DIR" { host(value.as_ref(), self.wine) } else { value.as_ref().into() };
        self.cmd.env(key, value);
        self
    }

    pub fn env_remove(&mut self, key: &str) -> &mut Cli {
        self.cmd.env_remove(key);
        self
    }

    pub fn stdout(&mut self, s: Stdio) -> &mut Cli {
        self.cmd.stdout(s);
        self
    }

    pub fn stderr(&mut self, s: Stdio) -> &mut Cli {
        self.cmd.stderr(s);
        self
    }

    pub fn spawn(&mut self) -> std::io::Result<std::process::Child> {
        self.cmd.spawn()
    }

    pub fn output(&mut self) -> Output {
        let out = self.cmd.output().expect("run paneldesk-cli");
        // Wine's own client sometimes loses its server while the tests start
        // processes in parallel; the exe never ran then, so running it again
        // is the same test, not a second attempt at it.
        if self.wine && out.stdout.is_empty() && String::from_utf8_lossy(&out.stderr).starts_with("wine client error") {
            return self.cmd.output().expect("run paneldesk-cli");
        }
        out
    }
}
