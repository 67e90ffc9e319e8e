//! The rebuild loop `deck serve` and `deck build --watch` share: watch the
//! files the last build read, rebuild when one changes, until Ctrl+C.

use deck::diag::Diagnostic;
use deck::live::{POLL_EVERY, Watcher};
use deck::paths::Inputs;

use super::report;

/// What a build reports back to the loop: the files it read or looked
/// for, as it found them (the deck's own file always among them). Failed or not, only a change to one of them
/// rebuilds: a failed build names the files that could fix it (a missing
/// picture among them).
pub type Built = Inputs;

/// Run `stop` on Ctrl+C; warn when that cannot be arranged.
pub fn on_ctrl_c(stop: impl Fn() + Send + 'static) {
    if let Err(e) = ctrlc::set_handler(stop) {
        report::say(Diagnostic::warning(format!("Ctrl+C will not stop cleanly: {e}")));
    }
}

/// Rebuild with `build` on every change after the `first` build, until the
/// watcher is stopped. With `announce`, say how many files are watched
/// whenever that number changes.
pub fn follow(mut watcher: Watcher, first: Built, announce: bool, mut build: impl FnMut() -> Built) {
    let mut inputs = first;
    let mut watched = 0;
    loop {
        if let Some(news) = watcher.watch(&inputs) {
            report::say(Diagnostic::warning(news.to_string()));
        }
        if announce && watcher.files() != watched {
            watched = watcher.files();
            let every =
                if watcher.polls() { format!(", looking every {} ms", POLL_EVERY.as_millis()) } else { String::new() };
            eprintln!("watching {watched} {}{every} (Ctrl+C stops)", if watched == 1 { "file" } else { "files" });
        }
        // A file saved while the build ran, or in a folder watched only
        // now, sends no event: compare it with what the build found.
        let mut changed = watcher.changed();
        if changed.is_empty() {
            let Some(next) = watcher.next_change() else { break };
            changed = next;
        }
        if let Some(first) = changed.first() {
            eprintln!("changed: {}", first.display());
        }
        inputs = build();
    }
}
