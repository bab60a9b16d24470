//! A small argument reader: options may stand anywhere after their command,
//! and anything left over is an error rather than silently ignored.

use paneldesk_core::{Lang, Msg};

use crate::failure::Failure;

pub struct Args {
    rest: Vec<String>,
}

impl Args {
    pub fn from_env() -> Args {
        // Non-UTF-8 arguments become replacement characters, then fail as paths.
        Args { rest: std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect() }
    }

    #[cfg(test)]
    pub fn of(words: &[&str]) -> Args {
        Args { rest: words.iter().map(|s| s.to_string()).collect() }
    }

    /// Removes `--name` and returns whether it was there.
    pub fn flag(&mut self, name: &str) -> bool {
        let before = self.rest.len();
        self.rest.retain(|a| a != name);
        before != self.rest.len()
    }

    /// Removes `--name VALUE` (or `--name=VALUE`) and returns the value.
    pub fn value(&mut self, name: &str) -> Result<Option<String>, Failure> {
        let prefix = format!("{name}=");
        if let Some(i) = self.rest.iter().position(|a| a.starts_with(&prefix)) {
            return Ok(Some(self.rest.remove(i)[prefix.len()..].to_string()));
        }
        let Some(i) = self.rest.iter().position(|a| a == name) else { return Ok(None) };
        if i + 1 >= self.rest.len() {
            return Err(Failure::usage(Msg::new(
                format!("选项 {name} 缺少取值"),
                format!("option {name} needs a value"),
            )));
        }
        self.rest.remove(i);
        Ok(Some(self.rest.remove(i)))
    }

    /// The next word that is not an option.
    pub fn positional(&mut self) -> Option<String> {
        let i = self.rest.iter().position(|a| !a.starts_with("--") || a == "--help" || a == "--version")?;
        Some(self.rest.remove(i))
    }

    pub fn required(&mut self, what_zh: &str, what_en: &str) -> Result<String, Failure> {
        self.positional().ok_or_else(|| {
            Failure::usage(Msg::new(
                format!("缺少{what_zh}。运行 paneldesk-cli help 查看用法"),
                format!("missing {what_en}. Run paneldesk-cli help for usage"),
            ))
        })
    }

    /// `--lang zh|en`, else the `PANELDESK_LANG` environment variable.
    pub fn global_lang(&mut self) -> Result<Lang, Failure> {
        let given = match self.value("--lang")? {
            Some(v) => Some(v),
            None => std::env::var("PANELDESK_LANG").ok(),
        };
        match given {
            None => Ok(Lang::Zh),
            Some(v) => Lang::parse(&v).ok_or_else(|| {
                Failure::usage(Msg::new(
                    format!("不支持的语言 “{v}”，可用 zh 或 en"),
                    format!("unsupported language \"{v}\", use zh or en"),
                ))
            }),
        }
    }

    /// Fails on anything not consumed: a typo must not pass unnoticed.
    pub fn finish(&self) -> Result<(), Failure> {
        match self.rest.first() {
            None => Ok(()),
            Some(extra) => Err(Failure::usage(Msg::new(
                format!("无法识别的参数 “{extra}”。运行 paneldesk-cli help 查看用法"),
                format!("unrecognised argument \"{extra}\". Run paneldesk-cli help for usage"),
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Args;

    #[test]
    fn options_anywhere_and_leftovers_refused() {
        let mut a = Args::of(&["check", "--json", "p.zip", "--lang=en"]);
        assert_eq!(a.global_lang().ok(), Some(paneldesk_core::Lang::En));
        assert_eq!(a.positional().as_deref(), Some("check"));
        assert!(a.flag("--json"));
        assert_eq!(a.positional().as_deref(), Some("p.zip"));
        assert!(a.finish().is_ok());
        let mut a = Args::of(&["check", "p.zip", "--jsn"]);
        a.positional();
        a.positional();
        assert!(a.finish().is_err());
        assert!(Args::of(&["--data-dir"]).value("--data-dir").is_err());
    }
}
