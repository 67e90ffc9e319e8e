//! `deck cache`: where prepared pictures are kept between builds, how
//! much they take, and emptying it.

/// Show the folder where prepared pictures are kept between builds, or empty it.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Remove every prepared picture kept there (the next build prepares them again).
    #[arg(long)]
    clear: bool,
}

/// Run the command.
pub fn run(args: Args) -> bool {
    let Some(dir) = deck::images::cache::dir() else {
        println!("no cache: DECK_CACHE_DIR is \"off\", or neither XDG_CACHE_HOME nor HOME is set");
        return true;
    };
    if args.clear {
        return match deck::images::cache::clear(&dir) {
            Ok((count, bytes)) => {
                println!("removed {} ({}) from {}", pictures(count), megabytes(bytes), dir.display());
                true
            }
            Err(e) => {
                let why = format!("cannot empty {}: {e}", dir.display());
                super::report::say(deck::diag::Diagnostic::error(why));
                false
            }
        };
    }
    let (count, bytes) = deck::images::cache::size(&dir);
    println!("{}: {} ({})", dir.display(), pictures(count), megabytes(bytes));
    true
}

fn pictures(count: usize) -> String {
    format!("{count} prepared picture{}", if count == 1 { "" } else { "s" })
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
