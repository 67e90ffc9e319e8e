//! `deck build`: write the PDF and HTML of a deck.

use std::path::PathBuf;
use std::time::Instant;

use clap::ValueEnum;
use deck::{Format, Options};

use super::report;

/// Build a deck's PDF and HTML.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The deck's TOML manifest.
    file: PathBuf,
    /// Write the outputs into this folder instead of the manifest's `[output] dir`.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Let the deck read pictures, fonts and themes anywhere inside DIR (by default only inside its own folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Write only this format (repeat or separate with commas for several).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMAT")]
    format: Vec<FormatArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Pdf,
    Html,
}

/// Run the command; `false` when the deck has errors.
pub fn run(args: Args) -> bool {
    let start = Instant::now();
    let formats = (!args.format.is_empty()).then(|| {
        args.format
            .iter()
            .map(|f| match f {
                FormatArg::Pdf => Format::Pdf,
                FormatArg::Html => Format::Html,
            })
            .collect()
    });
    let options = Options { out_dir: args.out_dir, formats, root: args.root };
    match deck::build(&args.file, &options) {
        Ok(built) => {
            report::diagnostics(&built.warnings, &built.sources);
            let outputs: Vec<String> = built
                .outputs
                .iter()
                .map(|o| format!("{} ({})", o.path.display(), report::size(o.bytes)))
                .collect();
            eprintln!(
                "built {} slides, {} pages: {} in {} ms",
                built.slides,
                built.pages.len(),
                outputs.join(", "),
                start.elapsed().as_millis()
            );
            true
        }
        Err(failure) => {
            report::failure(&failure);
            false
        }
    }
}
