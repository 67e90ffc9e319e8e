//! The rebuild loop `deck serve` and `deck build --watch` share: watch the
//! files the last build read, rebuild when one changes, until Ctrl+C.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use deck::diag::Diagnostic;
use deck::live::Watcher;

use super::report;

/// What a build reports back to the loop: the files it read or looked for.
/// Failed or not, only a change to one of them rebuilds: a failed build
/// names the files that could fix it (a missing picture among them).
pub type Built = Vec<PathBuf>;

/// A watcher, or `None` after saying why there is none.
pub fn watcher() -> Option<Watcher> {
    Watcher::new().map_err(|e| report::say(Diagnostic::error(e.to_string()))).ok()
}

/// Run `stop` on Ctrl+C; warn when that cannot be arranged.
pub fn on_ctrl_c(stop: impl Fn() + Send + 'static) {
    if let Err(e) = ctrlc::set_handler(stop) {
        report::say(Diagnostic::warning(format!("Ctrl+C will not stop cleanly: {e}")));
    }
}

/// Rebuild with `build` on every change after `first`, a build that started
/// at `since`, until the watcher is stopped. With `announce`, say how many
/// files are watched whenever that number changes.
pub fn follow(
    mut watcher: Watcher,
    file: &Path,
    (first, since): (Built, SystemTime),
    announce: bool,
    mut build: impl FnMut() -> Built,
) {
    let mut inputs = first;
    let mut since = since;
    let mut watched = 0;
    loop {
        if inputs.is_empty() {
            inputs.push(file.to_path_buf());
        }
        match watcher.watch(&inputs) {
            Ok(()) if announce && watcher.files() != watched => {
                watched = watcher.files();
                eprintln!("watching {watched} {} (Ctrl+C stops)", if watched == 1 { "file" } else { "files" });
            }
            Ok(()) => {}
            Err(e) => report::say(Diagnostic::warning(e.to_string())),
        }
        // A file saved while the build ran, or in a folder watched only
        // now, sends no event: compare times.
        let mut changed = watcher.changed_since(since);
        if changed.is_empty() {
            let Some(next) = watcher.next_change() else { break };
            changed = next;
        }
        if let Some(first) = changed.first() {
            eprintln!("changed: {}", first.display());
        }
        since = SystemTime::now();
        inputs = build();
    }
}
