//! Where a build's time goes: with `DECK_TIMINGS` set, each stage's end is
//! recorded in milliseconds since the first mark, with its thread, for the
//! command line to print at the end (see benches/README). Unset, a mark
//! costs one atomic load.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

static START: OnceLock<Option<Instant>> = OnceLock::new();
static MARKS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Note that `stage` has just ended (the first mark starts the clock).
pub fn mark(stage: &str) {
    let start = START.get_or_init(|| std::env::var_os("DECK_TIMINGS").map(|_| Instant::now()));
    if let Some(start) = start {
        let ms = start.elapsed().as_secs_f64() * 1e3;
        let line = format!("{ms:8.3} ms  {:?}  {stage}", std::thread::current().id());
        MARKS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(line);
    }
}

/// The marks recorded so far, in the order they were made, as lines; the
/// record is emptied.
pub fn take() -> Vec<String> {
    std::mem::take(&mut *MARKS.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}
