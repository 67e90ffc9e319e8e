//! `deck build`: write the PDF and HTML of one deck or several, to their
//! output folder, to `-o FILE` or to standard output.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::ValueEnum;
use deck::live::Watcher;
use deck::paths::Inputs;
use deck::{Format, Options};

use super::input::{self, is_stdin};
use super::usage::UsageError;
use super::{follow, report};

/// Build decks' PDF and HTML.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  deck build briefing.toml                   writes out/briefing.pdf and out/briefing.html\n  deck build talk.md --format pdf --steps    a Markdown deck's PDF, a page per reveal step\n  deck build briefing.toml --notes --handout 3 --paper letter\n  deck build briefing.toml -o talk.pdf       only the PDF, as talk.pdf\n  deck build - -o - --format pdf < deck.toml > deck.pdf\n  deck build a.toml b.md                     both decks, a line each\n\nA deck read from standard input (-) is a Markdown deck when its first line that is not blank is\n+++ or ---, or when it has a # heading and no TOML table header such as [deck]; a TOML manifest\notherwise. Its paths start at the current folder.\nThe format of manifests and Markdown decks: docs/format.md"
)]
pub struct Args {
    /// The decks: TOML manifests, or Markdown decks (.md) that open with a `+++` block holding their `[deck]` table; `-` reads one from standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write the deck to FILE, in the format of its extension (.pdf or .html); `-` writes to standard output in the one --format given.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Write the outputs into this folder instead of the manifest's `[output] dir`.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    out_dir: Option<PathBuf>,
    /// Let the deck read pictures, fonts and themes anywhere inside DIR (by default only inside its own folder).
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
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
    #[arg(long, value_delimiter = ',', value_name = "FORMAT", value_parser = format_arg())]
    format: Vec<Format>,
    /// Keep running: rebuild whenever a file the deck reads changes (Ctrl+C stops).
    #[arg(long)]
    watch: bool,
    /// With --watch: look at the files every 300 ms instead of waiting for the system to report changes (for network drives, WSL's Windows drives and folders a container shares, which report none).
    #[arg(long, requires = "watch")]
    poll: bool,
    /// Open the built HTML (or, without one, the PDF) with the desktop's default program.
    #[arg(long)]
    open: bool,
    /// Use only the theme's and the built-in fonts, never the machine's, for characters they lack.
    #[arg(long)]
    no_system_fonts: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

/// `--format`: the names of deck's format table.
fn format_arg() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Format::NAMES)
        .try_map(|name: String| Format::from_name(&name).ok_or_else(|| format!("unknown format `{name}`")))
}

/// The command line's contradictions, found before anything is read.
pub fn usage(args: &Args) -> Result<(), UsageError> {
    let from_stdin = args.files.iter().filter(|f| is_stdin(f)).count();
    if from_stdin > 1 {
        return Err(UsageError::StdinTwice);
    }
    if args.files.len() > 1 && args.output.is_some() {
        return Err(UsageError::OutputOfSeveral);
    }
    if args.files.len() > 1 && args.watch {
        return Err(UsageError::WatchSeveral);
    }
    if args.watch && from_stdin > 0 {
        return Err(UsageError::WatchStdin);
    }
    match &args.output {
        Some(out) if is_stdin(out) => {
            if args.format.len() != 1 {
                return Err(UsageError::StdoutFormats);
            }
            if args.notes || args.handout.is_some() {
                return Err(UsageError::StdoutSheets);
            }
            if args.watch {
                return Err(UsageError::StdoutWatch);
            }
            if args.open {
                return Err(UsageError::StdoutOpen);
            }
        }
        Some(file) => {
            if !args.format.is_empty() {
                return Err(UsageError::OutputAndFormat);
            }
            format_of(file)?;
        }
        None if from_stdin > 0 => return Err(UsageError::StdinUnnamed),
        None => {}
    }
    Ok(())
}

/// The format of `-o FILE`, by its extension.
fn format_of(file: &Path) -> Result<Format, UsageError> {
    Format::from_extension(file).ok_or_else(|| UsageError::UnknownExtension(file.to_path_buf()))
}

/// Run the command; `false` when a deck has errors. [`usage`] has passed.
pub fn run(args: Args) -> bool {
    let mut formats = (!args.format.is_empty()).then(|| args.format.clone());
    let to_stdout = args.output.as_deref().is_some_and(is_stdin);
    let output = args.output.filter(|o| !is_stdin(o));
    if let Some(file) = &output {
        formats = format_of(file).ok().map(|f| vec![f]);
    }
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
        output,
        no_system_fonts: args.no_system_fonts,
        text: None,
    };
    if args.watch {
        return watch(&args.files[0], &options, (args.open, args.poll));
    }
    let several = args.files.len() > 1;
    let mut ok = true;
    for file in &args.files {
        let Some((file, options)) = input::read(file, options.clone()) else {
            ok = false;
            continue;
        };
        let built = if to_stdout {
            stdout(&file, &options)
        } else {
            let ((_, built), opened) = build_once(&file, &options, several);
            if let Some(path) = opened.filter(|_| args.open) {
                open(&path);
            }
            built
        };
        ok &= built;
    }
    ok
}

/// Build on every change until Ctrl+C, opening the first build's output
/// and polling as asked.
fn watch(file: &Path, options: &Options, (open_it, poll): (bool, bool)) -> bool {
    let watcher = Watcher::new(poll);
    let stopper = watcher.stopper();
    follow::on_ctrl_c(move || stopper.stop());
    let (first, opened) = build_once(file, options, false);
    if let Some(path) = opened.filter(|_| open_it) {
        open(&path);
    }
    follow::follow(watcher, first.0, true, || once(file, options).0);
    eprintln!("stopped");
    true
}

/// Build once and report: the files read or looked for, and whether it succeeded.
fn once(file: &Path, options: &Options) -> (Inputs, bool) {
    build_once(file, options, false).0
}

/// Build once and report: the files read or looked for and whether it succeeded, and
/// the output `--open` opens (the HTML, else the first written). With
/// `name_failure`, a failed build says which deck failed.
fn build_once(file: &Path, options: &Options, name_failure: bool) -> ((Inputs, bool), Option<PathBuf>) {
    let start = Instant::now();
    let result = deck::build(file, options);
    report::timings();
    match result {
        Ok(built) => {
            report::diagnostics(&built.warnings, &built.sources);
            let outputs: Vec<String> =
                built.outputs.iter().map(|o| format!("{} ({})", o.path.display(), report::size(o.bytes))).collect();
            let pdf = built.outputs.iter().any(|o| o.format == Format::Pdf);
            eprintln!(
                "built {}, {}: {} in {} ms",
                report::count(built.slides, "slide"),
                report::count(pages(&built, pdf && options.steps), "page"),
                outputs.join(", "),
                start.elapsed().as_millis()
            );
            let html = built.outputs.iter().find(|o| o.format == Format::Html);
            let opened = html.or(built.outputs.first()).map(|o| o.path.clone());
            ((built.inputs, true), opened)
        }
        Err(failure) => {
            report::failure(&failure);
            if name_failure {
                eprintln!("failed: {} ({})", file.display(), report::count(failure.errors.len(), "error"));
            }
            ((failure.inputs, false), None)
        }
    }
}

/// `-o -`: build the one format in memory and write it to standard output.
fn stdout(file: &Path, options: &Options) -> bool {
    let start = Instant::now();
    let result = deck::preview(file, options);
    report::timings();
    match result {
        Ok((built, exports)) => {
            report::diagnostics(&built.warnings, &built.sources);
            let Some(export) = exports.into_iter().next() else { return false };
            if !super::write_stdout(&export.bytes) {
                return false;
            }
            eprintln!(
                "built {}, {}: standard output ({}) in {} ms",
                report::count(built.slides, "slide"),
                report::count(pages(&built, export.format == Format::Pdf && options.steps), "page"),
                report::size(export.bytes.len()),
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

/// The pages of a build as its PDF has them: a page per step with `stepped`.
fn pages(report: &deck::Report, stepped: bool) -> usize {
    if stepped { report.pages.iter().map(|p| p.steps.max(1)).sum() } else { report.pages.len() }
}

/// `--open`: hand a built file to the desktop's opener.
fn open(path: &Path) {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    super::serve::open_browser(&path.display().to_string());
}
