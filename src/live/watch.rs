//! Waiting for a change to the files a build read or looked for. The
//! folders holding them are watched, not the files: editors save by
//! writing a new file and renaming it over the old one, which a watch on
//! the old file would lose. A change to any other file in those folders
//! (the build's own outputs, a log the user redirects there) is ignored.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::LiveError;

/// Changes closer together than this are one change: an editor's save is
/// several events, and a "save all" touches several files.
const QUIET: Duration = Duration::from_millis(30);
/// A stream of changes longer than this still rebuilds.
const LONGEST_WAIT: Duration = Duration::from_millis(500);

enum Message {
    Changed(Vec<PathBuf>),
    Stop,
}

/// Watches the inputs of the last build.
pub struct Watcher {
    inner: notify::RecommendedWatcher,
    messages: Receiver<Message>,
    stop: Sender<Message>,
    folders: BTreeSet<PathBuf>,
    /// Each watched file as it was when watched: a late event for a
    /// change made before then (the build already read it) is no change.
    files: BTreeMap<PathBuf, Stamp>,
}

/// A file's size and modification time, or `None` when it is missing.
type Stamp = Option<(u64, SystemTime)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
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
    /// A watcher watching nothing yet.
    pub fn new() -> Result<Watcher, LiveError> {
        let (tx, messages) = channel();
        let stop = tx.clone();
        let inner = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // Reads (our own, during a rebuild) are not changes.
            if let Ok(event) = event
                && matches!(
                    event.kind,
                    EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
                )
            {
                let _ = tx.send(Message::Changed(event.paths));
            }
        })
        .map_err(|e| LiveError::Watcher(e.to_string()))?;
        Ok(Watcher { inner, messages, stop, folders: BTreeSet::new(), files: BTreeMap::new() })
    }

    /// A handle that ends the wait.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.stop.clone())
    }

    /// Watch `inputs` instead of the files watched so far. A file that
    /// does not exist is watched from the nearest of its folders that does,
    /// so that its folder appearing counts as a change too.
    pub fn watch(&mut self, inputs: &[PathBuf]) -> Result<(), LiveError> {
        let files: BTreeMap<PathBuf, Stamp> = inputs
            .iter()
            .map(|p| crate::paths::resolve(p))
            .map(|f| {
                let now = stamp(&f);
                (f, now)
            })
            .collect();
        let folders: BTreeSet<PathBuf> = files.keys().filter_map(|f| existing_folder(f)).collect();
        for gone in self.folders.difference(&folders) {
            let _ = self.inner.unwatch(gone);
        }
        for new in folders.difference(&self.folders) {
            self.inner
                .watch(new, RecursiveMode::NonRecursive)
                .map_err(|e| LiveError::Folder { folder: new.clone(), reason: e.to_string() })?;
        }
        self.folders = folders;
        self.files = files;
        Ok(())
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
            match message {
                Message::Stop => return None,
                Message::Changed(paths) => {
                    // Under load the events of one save can arrive after
                    // the build it started: a file as it was when watched
                    // has not changed since.
                    let relevant: Vec<PathBuf> = paths
                        .into_iter()
                        .filter(|p| self.concerns(p) && self.files.get(p).is_none_or(|was| *was != stamp(p)))
                        .collect();
                    if !relevant.is_empty() {
                        changed.extend(relevant);
                        first.get_or_insert_with(Instant::now);
                    }
                }
            }
        }
        Some(changed.into_iter().collect())
    }
}

impl Watcher {
    /// The watched files modified from `since` until now: changes made
    /// while a build ran, or before its folders were watched, which no
    /// event will report. A time in the future (a skewed clock) does not
    /// count, or every wait would end at once.
    pub fn changed_since(&self, since: SystemTime) -> Vec<PathBuf> {
        let now = SystemTime::now();
        self.files
            .keys()
            .filter(|f| std::fs::metadata(f).and_then(|m| m.modified()).is_ok_and(|t| t >= since && t <= now))
            .cloned()
            .collect()
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
