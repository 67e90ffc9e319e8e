//! `deck check`: read and lay out a deck, report per slide, write nothing.

use std::path::PathBuf;

use super::report;

/// Check a deck without writing anything: errors, warnings and how each slide was laid out.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  deck check briefing.toml    one line per slide, then the warnings; exit 1 on errors"
)]
pub struct Args {
    /// The deck: a TOML manifest, or a Markdown deck (.md) that opens with a `+++` block holding its `[deck]` table.
    file: PathBuf,
    /// Let the deck read pictures, fonts and themes anywhere inside DIR (by default only inside its own folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// Run the command; `false` when the deck has errors.
pub fn run(args: Args) -> bool {
    let options = deck::Options { root: args.root, ..deck::Options::default() };
    match deck::check(&args.file, &options) {
        Ok(report) => {
            let mut slide = usize::MAX;
            for page in &report.pages {
                if page.slide == slide {
                    continue;
                }
                slide = page.slide;
                let parts = page.part.1;
                let mut notes = Vec::new();
                if parts > 1 {
                    notes.push(format!("continued on {parts} pages"));
                }
                if page.steps > 1 {
                    notes.push(format!("revealed in {} steps", page.steps));
                }
                if (page.scale - 1.0).abs() > 0.001 {
                    notes.push(format!("shrunk to {:.0} %", page.scale * 100.0));
                }
                println!(
                    "slide {:>3}  page {:>3}  {:<10} {}{}",
                    slide + 1,
                    page.number,
                    page.layout.name(),
                    page.title,
                    if notes.is_empty() { String::new() } else { format!("  ({})", notes.join(", ")) }
                );
            }
            for image in &report.images {
                println!(
                    "image {}: {} × {} px, embedded at {} × {} px (2 × its placed size at 96 dpi)",
                    image.src, image.from.0, image.from.1, image.to.0, image.to.1
                );
            }
            report::diagnostics(&report.warnings, &report.sources);
            println!("{} slides, {} pages, {} warnings", report.slides, report.pages.len(), report.warnings.len());
            true
        }
        Err(failure) => {
            report::failure(&failure);
            false
        }
    }
}
