//! `deck build`: write the PDF and HTML of a deck.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::ValueEnum;
use deck::{Format, Options};

use super::{follow, report};

/// Build a deck's PDF and HTML.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  deck build briefing.toml                   writes out/briefing.pdf and out/briefing.html\n  deck build talk.md --format pdf --steps    a Markdown deck's PDF, a page per reveal step\n  deck build briefing.toml --notes --handout 3 --paper letter\n\nThe format of manifests and Markdown decks: docs/format.md"
)]
pub struct Args {
    /// The deck: a TOML manifest, or a Markdown deck (.md) that opens with a `+++` block holding its `[deck]` table.
    file: PathBuf,
    /// Write the outputs into this folder instead of the manifest's `[output] dir`.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Let the deck read pictures, fonts and themes anywhere inside DIR (by default only inside its own folder).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Also write <name>-notes.pdf: each slide with its speaker notes below.
    #[arg(long)]
    notes: bool,
    /// Also write <name>-handout.pdf with N slides per sheet (1, 2, 3, 4 or 6; 3 adds ruled lines for notes).
    #[arg(long, value_name = "N", value_parser = clap::builder::PossibleValuesParser::new(["1", "2", "3", "4", "6"]))]
    handout: Option<String>,
    /// Paper for notes and handouts.
    #[arg(long, value_enum, default_value = "a4")]
    paper: PaperArg,
    /// In the PDF, give each step of a slide with reveal = "items" a page of its own (by default a page shows its final state).
    #[arg(long)]
    steps: bool,
    /// Write only this format (repeat or separate with commas for several).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "FORMAT")]
    format: Vec<FormatArg>,
    /// Keep running: rebuild whenever a file the deck reads changes (Ctrl+C stops).
    #[arg(long)]
    watch: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Pdf,
    Html,
}

/// Run the command; `false` when the deck has errors.
pub fn run(args: Args) -> bool {
    let formats = (!args.format.is_empty()).then(|| {
        args.format
            .iter()
            .map(|f| match f {
                FormatArg::Pdf => Format::Pdf,
                FormatArg::Html => Format::Html,
            })
            .collect()
    });
    let paper = match args.paper {
        PaperArg::A4 => deck::layout::sheets::Paper::A4,
        PaperArg::Letter => deck::layout::sheets::Paper::Letter,
    };
    let handout = args.handout.and_then(|n| n.parse().ok());
    let options = Options {
        out_dir: args.out_dir,
        formats,
        root: args.root,
        notes: args.notes,
        handout,
        paper: Some(paper),
        steps: args.steps,
    };
    if args.watch {
        return watch(&args.file, &options);
    }
    once(&args.file, &options).is_ok()
}

/// Build on every change until Ctrl+C; `false` when watching cannot start.
fn watch(file: &Path, options: &Options) -> bool {
    let Some(watcher) = follow::watcher() else { return false };
    let stopper = watcher.stopper();
    follow::on_ctrl_c(move || stopper.stop());
    let inputs = |built: Result<Vec<PathBuf>, Vec<PathBuf>>| built.unwrap_or_else(|inputs| inputs);
    let first = inputs(once(file, options));
    follow::follow(watcher, file, first, true, || inputs(once(file, options)));
    eprintln!("stopped");
    true
}

/// Build once and report; the files read or looked for, as `Err` when the
/// build failed.
fn once(file: &Path, options: &Options) -> Result<Vec<PathBuf>, Vec<PathBuf>> {
    let start = Instant::now();
    let result = deck::build(file, options);
    report::timings();
    match result {
        Ok(built) => {
            report::diagnostics(&built.warnings, &built.sources);
            let outputs: Vec<String> =
                built.outputs.iter().map(|o| format!("{} ({})", o.path.display(), report::size(o.bytes))).collect();
            eprintln!(
                "built {} slides, {} pages: {} in {} ms",
                built.slides,
                built.pages.len(),
                outputs.join(", "),
                start.elapsed().as_millis()
            );
            Ok(built.inputs)
        }
        Err(failure) => {
            report::failure(&failure);
            Err(failure.inputs)
        }
    }
}
