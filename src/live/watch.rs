//! Waiting for a change to the files a build read or looked for. The
//! folders holding them are watched, not the files: editors save by
//! writing a new file and renaming it over the old one, which a watch on
//! the old file would lose. A change to any other file in those folders
//! (the build's own outputs, a log the user redirects there) is ignored.
//!
//! Where the system reports no changes (network drives, WSL's Windows
//! drives, folders a container shares) or will not watch more, the
//! files are looked at every [`POLL_EVERY`] instead.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::LiveError;
use crate::paths::{Inputs, Stamp};

/// Changes closer together than this are one change: an editor's save is
/// several events, and a "save all" touches several files.
const QUIET: Duration = Duration::from_millis(30);
/// A stream of changes longer than this still rebuilds.
const LONGEST_WAIT: Duration = Duration::from_millis(500);
/// How often a polling watcher looks at the files: a `stat` of each, a
/// few microseconds for a deck's dozens of files.
pub const POLL_EVERY: Duration = Duration::from_millis(300);

enum Message {
    Changed(Vec<PathBuf>),
    /// Look at every file: the system dropped events (its queue
    /// overflowed), or it is time to poll.
    Look,
    Stop,
}

/// Watches the inputs of the last build.
pub struct Watcher {
    /// The system's watcher; `None` when polling.
    inner: Option<notify::RecommendedWatcher>,
    messages: Receiver<Message>,
    stop: Sender<Message>,
    folders: BTreeSet<PathBuf>,
    /// Each watched file as the build found it: an event for a change the
    /// build already read (it arrives late under load) is no change, and
    /// a change the build did not read is one even when no event reports
    /// it (made before its folder was watched).
    files: Inputs,
    /// Why the system's watcher was given up, until [`Watcher::watch`] says it.
    unsaid: Option<LiveError>,
}

/// Wakes a [`Watcher`] waiting in [`Watcher::next_change`], from any thread.
#[derive(Clone)]
pub struct Stopper(Sender<Message>);

impl Stopper {
    /// Make the watcher's wait return `None`.
    pub fn stop(&self) {
        let _ = self.0.send(Message::Stop);
    }
}

impl Watcher {
    /// A watcher watching nothing yet: on the system's reports of changes,
    /// or polling when `poll` is set or the system cannot watch (the
    /// first [`Watcher::watch`] says why).
    pub fn new(poll: bool) -> Watcher {
        let (tx, messages) = channel();
        let stop = tx.clone();
        let (inner, unsaid) = if poll {
            (None, None)
        } else {
            match notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                // Reads (our own, during a rebuild) are not changes.
                let Ok(event) = event else { return };
                if event.need_rescan() {
                    let _ = tx.send(Message::Look);
                } else if matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
                ) {
                    let _ = tx.send(Message::Changed(event.paths));
                }
            }) {
                Ok(inner) => (Some(inner), None),
                Err(e) => (None, Some(LiveError::Polling(e.to_string()))),
            }
        };
        Watcher { inner, messages, stop, folders: BTreeSet::new(), files: Inputs::new(), unsaid }
    }

    /// A handle that ends the wait.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.stop.clone())
    }

    /// Watch `inputs` instead of the files watched so far. A file that
    /// does not exist is watched from the nearest of its folders that does,
    /// so that its folder appearing counts as a change too. What the user
    /// should know comes back: that the watcher polls now, and why.
    pub fn watch(&mut self, inputs: &Inputs) -> Option<LiveError> {
        self.files = inputs.clone();
        let folders: BTreeSet<PathBuf> = inputs.keys().filter_map(|f| existing_folder(f)).collect();
        let Some(inner) = &mut self.inner else { return self.unsaid.take() };
        for gone in self.folders.difference(&folders) {
            let _ = inner.unwatch(gone);
        }
        let refused = folders.difference(&self.folders).find_map(|new| {
            let watched = inner.watch(new, RecursiveMode::NonRecursive);
            watched.err().map(|e| format!("`{}`: {e}", new.display()))
        });
        self.folders = folders;
        // Out of watches (the system's limit), or a file system that
        // cannot be watched: poll every file.
        let why = refused?;
        self.inner = None;
        self.folders.clear();
        Some(LiveError::Polling(why))
    }

    /// Whether the watcher looks at the files every [`POLL_EVERY`].
    pub fn polls(&self) -> bool {
        self.inner.is_none()
    }

    /// The files watched.
    pub fn files(&self) -> usize {
        self.files.len()
    }

    /// Wait until a watched file changes (or a missing folder of one
    /// appears), and then until the changes stop; the paths that changed,
    /// or `None` when stopped.
    pub fn next_change(&self) -> Option<Vec<PathBuf>> {
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut first: Option<Instant> = None;
        loop {
            let message = match first {
                None if self.polls() => match self.messages.recv_timeout(POLL_EVERY) {
                    Ok(message) => message,
                    Err(RecvTimeoutError::Timeout) => Message::Look,
                    Err(RecvTimeoutError::Disconnected) => return None,
                },
                None => self.messages.recv().ok()?,
                Some(start) => {
                    if start.elapsed() > LONGEST_WAIT {
                        break;
                    }
                    match self.messages.recv_timeout(QUIET) {
                        Ok(message) => message,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
            };
            let relevant: Vec<PathBuf> = match message {
                Message::Stop => return None,
                Message::Look => self.changed(),
                // Under load the events of one save can arrive after the
                // build it started: a file as that build found it has not
                // changed since.
                Message::Changed(paths) => paths
                    .into_iter()
                    .filter(|p| self.concerns(p) && self.files.get(p).is_none_or(|was| *was != Stamp::of(p)))
                    .collect(),
            };
            if !relevant.is_empty() {
                changed.extend(relevant);
                first.get_or_insert_with(Instant::now);
            }
        }
        Some(changed.into_iter().collect())
    }
}

impl Watcher {
    /// The watched files that are no longer as the build found them:
    /// changes made while it ran, or before their folders were watched,
    /// which no event will report.
    pub fn changed(&self) -> Vec<PathBuf> {
        self.files.iter().filter(|(file, was)| Stamp::of(file) != **was).map(|(file, _)| file.clone()).collect()
    }

    /// Whether a change at `path` can change what a build reads: it is a
    /// watched file, or a folder on the way to one.
    fn concerns(&self, path: &Path) -> bool {
        self.files.contains_key(path)
            || self.files.range(path.to_path_buf()..).next().is_some_and(|(f, _)| f.starts_with(path))
    }
}

/// The nearest folder of `file` that exists.
fn existing_folder(file: &Path) -> Option<PathBuf> {
    file.ancestors().skip(1).find(|folder| folder.is_dir()).map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Save `text` at `path` as editors do, a new file renamed over the
    /// old, keeping the old modification time: what a coarse file-system
    /// clock or a copy that keeps times (`cp -p`, a sync tool) leaves.
    fn save_keeping_time(path: &Path, text: &str) {
        let time = std::fs::metadata(path).and_then(|m| m.modified()).expect("a time");
        let temp = path.with_extension("swp");
        std::fs::write(&temp, text).expect("write");
        std::fs::File::options().write(true).open(&temp).and_then(|f| f.set_modified(time)).expect("set the time");
        std::fs::rename(&temp, path).expect("rename");
    }

    fn folder_with(text: &str) -> (tempfile::TempDir, PathBuf, Inputs) {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = crate::paths::resolve(dir.path()).join("deck.toml");
        std::fs::write(&file, text).expect("write");
        let inputs = Inputs::from([(file.clone(), Stamp::of(&file))]);
        (dir, file, inputs)
    }

    #[test]
    fn a_save_before_the_folder_is_watched_is_a_change_whatever_its_time_and_size() {
        let (_dir, file, read) = folder_with("title = \"One\"");
        // Saved after the build read it and before the watch began: no
        // event will come, and neither size nor time tells.
        save_keeping_time(&file, "title = \"Two\"");
        let mut watcher = Watcher::new(false);
        assert!(watcher.watch(&read).is_none());
        assert_eq!(watcher.changed(), vec![file.clone()]);
        // As the next build finds it, it is no change.
        assert!(watcher.watch(&Inputs::from([(file.clone(), Stamp::of(&file))])).is_none());
        assert!(watcher.changed().is_empty());
    }

    #[test]
    fn a_save_within_one_tick_of_the_clock_is_a_change_reported_or_polled() {
        for poll in [false, true] {
            let (_dir, file, read) = folder_with("title = \"One\"");
            let mut watcher = Watcher::new(poll);
            assert!(watcher.watch(&read).is_none());
            assert_eq!(watcher.polls(), poll);
            let stopper = watcher.stopper();
            // A bound on waiting, should the change go unnoticed.
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_secs(20));
                stopper.stop();
            });
            save_keeping_time(&file, "title = \"Two\"");
            assert_eq!(watcher.next_change(), Some(vec![file]), "the save was noticed (polling: {poll})");
        }
    }

    #[test]
    fn a_file_missing_when_read_that_appears_is_a_change() {
        let (dir, _, mut read) = folder_with("");
        let picture = crate::paths::resolve(dir.path()).join("pics/photo.jpg");
        read.insert(picture.clone(), Stamp::of(&picture));
        let mut watcher = Watcher::new(false);
        assert!(watcher.watch(&read).is_none());
        assert!(watcher.changed().is_empty());
        std::fs::create_dir(picture.parent().expect("a folder")).expect("mkdir");
        std::fs::write(&picture, b"jpeg").expect("write");
        assert_eq!(watcher.changed(), vec![picture]);
    }
}
