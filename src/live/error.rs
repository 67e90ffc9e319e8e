//! Why the live preview cannot start or go on.

use std::fmt;
use std::ops::RangeInclusive;

/// A failure of the watcher or the server, with what the system said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveError {
    /// No port of `ports` could be listened on; `reason` for the last.
    Listen {
        /// The ports tried.
        ports: RangeInclusive<u16>,
        /// Why the last one was refused.
        reason: String,
    },
    /// The server could not go on serving.
    Serve(String),
    /// The system's file watcher could not start or watch a folder, so
    /// the files are polled; why.
    Polling(String),
}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiveError::Listen { ports, reason } if ports.start() == ports.end() => {
                write!(f, "cannot listen on 127.0.0.1:{}: {reason}", ports.start())
            }
            LiveError::Listen { ports, reason } => {
                write!(f, "cannot listen on 127.0.0.1, ports {}-{}: {reason}", ports.start(), ports.end())
            }
            LiveError::Serve(reason) => write!(f, "cannot serve the deck: {reason}"),
            LiveError::Polling(reason) => write!(
                f,
                "the system does not report changes ({reason}): looking at the files every {} ms instead",
                super::watch::POLL_EVERY.as_millis()
            ),
        }
    }
}

impl std::error::Error for LiveError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falling_back_to_polling_says_why_and_how_often() {
        // What `deck serve` and `--watch` print as a warning when the
        // system refuses to watch (its limit of watches reached).
        let refused = LiveError::Polling("`/home/me/talk`: OS file watch limit reached".into());
        assert_eq!(
            refused.to_string(),
            "the system does not report changes (`/home/me/talk`: OS file watch limit reached): \
             looking at the files every 300 ms instead"
        );
    }
}
