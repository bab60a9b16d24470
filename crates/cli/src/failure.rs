//! What the command line reports when it stops short, with its exit code:
//! an api error converted, or the command line's own usage errors.

use paneldesk_api::ApiError;
use paneldesk_core::Msg;

pub struct Failure {
    pub exit: u8,
    pub msg: Msg,
}

impl Failure {
    /// The input cannot be used at all (exit 2).
    pub fn unusable(msg: Msg) -> Failure {
        Failure { exit: 2, msg }
    }

    /// Read, but the rules say no (exit 1).
    pub fn refused(msg: Msg) -> Failure {
        Failure { exit: 1, msg }
    }

    /// The command line itself is wrong (exit 2: nothing could be used).
    pub fn usage(msg: Msg) -> Failure {
        Failure { exit: 2, msg }
    }

    /// One line on standard error, Chinese then English; control
    /// characters from file names or package text are shown as spaces, so
    /// nothing reaches the terminal raw.
    pub fn line(&self) -> String {
        let one = |s: &str| s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>();
        format!("错误：{} | Error: {}", one(&self.msg.zh), one(&self.msg.en))
    }
}

impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Failure {
        if e.refused {
            Failure::refused(e.message)
        } else {
            Failure::unusable(e.message)
        }
    }
}
