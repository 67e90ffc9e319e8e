//! Where a build's time goes: with `DECK_TIMINGS` set, each stage's end is
//! written to standard error in milliseconds since `main` began, with its
//! thread (see benches/README). Unset, a mark costs one atomic load.

use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Option<Instant>> = OnceLock::new();

/// Note that `stage` has just ended (the first mark starts the clock).
pub fn mark(stage: &str) {
    let start = START.get_or_init(|| std::env::var_os("DECK_TIMINGS").map(|_| Instant::now()));
    if let Some(start) = start {
        let ms = start.elapsed().as_secs_f64() * 1e3;
        eprintln!("{ms:8.3} ms  {:?}  {stage}", std::thread::current().id());
    }
}
