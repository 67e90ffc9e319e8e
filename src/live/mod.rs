//! Live preview: watch the files a build read, and serve the last good
//! deck to browsers that reload when it changes. The rebuild loop itself
//! belongs to the CLI (`deck serve`, `deck build --watch`), which prints.

mod error;
mod page;
mod server;
mod watch;

pub use error::LiveError;
pub use server::{Handle, Server};
pub use watch::{POLL_EVERY, Stopper, Watcher};
