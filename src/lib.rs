//! deck: a slide-deck compiler. A TOML manifest with Markdown bodies goes
//! in; a paginated PDF and a self-contained HTML deck come out.
//!
//! # Steps
//!
//! 1. **Read** ([`read`]): [`manifest`] parses the TOML into serde structs,
//!    [`markdown`] turns bodies and titles into [`model`] blocks, and
//!    [`theme`] resolves the theme. Result: a [`model::Deck`] and a [`theme::Theme`].
//! 2. **Lay out** ([`layout`]): every slide is set with the fonts of
//!    [`text`] (shaping, line breaking) into [`layout::Page`]s of positioned
//!    lines and shapes. All decisions about pages are made here, once.
//! 3. **Export** ([`export`]): the same pages become a PDF and an HTML file.
//!
//! Problems are [`diag::Diagnostic`] values; only the CLI prints them.

pub mod diag;
pub mod export;
pub mod layout;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod read;
pub mod text;
pub mod theme;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Errors, Sink, Sources};
pub use read::Format;

/// What the caller may change about a build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Write outputs here instead of the manifest's `[output] dir`.
    pub out_dir: Option<PathBuf>,
    /// Write only these formats instead of the manifest's `[output] formats`.
    pub formats: Option<Vec<Format>>,
}

/// One file written.
#[derive(Debug, Clone)]
pub struct Output {
    /// Its format.
    pub format: Format,
    /// Where it was written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: usize,
}

/// A deck laid out, before or after writing.
#[derive(Debug)]
pub struct Report {
    /// `[[slide]]` tables plus the generated title slide.
    pub slides: usize,
    /// Pages after continuation.
    pub pages: Vec<layout::Page>,
    /// Files written (empty for `check`).
    pub outputs: Vec<Output>,
    /// Warnings, in the order found.
    pub warnings: Vec<Diagnostic>,
    /// Files read, for rendering the warnings.
    pub sources: Sources,
}

/// A failed build: its errors, and the warnings found before them.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong.
    pub errors: Errors,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Files read, for rendering.
    pub sources: Sources,
}

/// Read and lay out the deck at `path` without writing anything.
pub fn check(path: &Path) -> Result<Report, Failure> {
    run(path, &Options::default(), false)
}

/// Read, lay out and write the deck at `path`.
pub fn build(path: &Path, options: &Options) -> Result<Report, Failure> {
    run(path, options, true)
}

fn run(path: &Path, options: &Options, write: bool) -> Result<Report, Failure> {
    let mut sources = Sources::default();
    let mut sink = Sink::default();
    let result = compile(path, options, write, &mut sources, &mut sink);
    let warnings = sink.into_warnings();
    match result {
        Ok((slides, pages, outputs)) => Ok(Report { slides, pages, outputs, warnings, sources }),
        Err(errors) => Err(Failure { errors, warnings, sources }),
    }
}

/// A deck rendered in memory.
#[derive(Debug)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// The HTML file's text.
    pub html: String,
    /// The laid-out pages.
    pub pages: Vec<layout::Page>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
}

/// Read and lay out a manifest given as text: the pages both exporters
/// would draw. `path` names it in messages and locates its relative paths.
pub fn lay_out(text: &str, path: &Path) -> Result<Vec<layout::Page>, Failure> {
    let mut sources = Sources::default();
    let mut sink = Sink::default();
    let result = read::read_text(text, path, &mut sources, &mut sink).and_then(|project| {
        let book = text::FontBook::builtin();
        layout::layout(&project.deck, &project.theme, &book, &mut sink)
    });
    result.map_err(|errors| Failure { errors, warnings: sink.into_warnings(), sources })
}

/// Read, lay out and export a manifest given as text, writing nothing;
/// `path` names it in messages and locates its relative paths.
pub fn render(text: &str, path: &Path) -> Result<Rendered, Failure> {
    let mut sources = Sources::default();
    let mut sink = Sink::default();
    let result = (|| {
        let project = read::read_text(text, path, &mut sources, &mut sink)?;
        let book = text::FontBook::builtin();
        let pages = layout::layout(&project.deck, &project.theme, &book, &mut sink)?;
        let pdf = export::pdf::write(&pages, &project.deck.meta, &book).map_err(|d| vec![d])?;
        let html = export::html::write(&pages, &project.deck.meta, &book);
        Ok((pdf, html, pages))
    })();
    let warnings = sink.into_warnings();
    match result {
        Ok((pdf, html, pages)) => Ok(Rendered { pdf, html, pages, warnings }),
        Err(errors) => Err(Failure { errors, warnings, sources }),
    }
}

type Compiled = (usize, Vec<layout::Page>, Vec<Output>);

fn compile(path: &Path, options: &Options, write: bool, sources: &mut Sources, sink: &mut Sink) -> Result<Compiled, Errors> {
    let project = read::read(path, sources, sink)?;
    let book = text::FontBook::builtin();
    let pages = layout::layout(&project.deck, &project.theme, &book, sink)?;
    let mut outputs = Vec::new();
    if write {
        let plan = &project.output;
        let dir = options.out_dir.clone().unwrap_or_else(|| plan.dir.clone());
        let formats = options.formats.clone().unwrap_or_else(|| plan.formats.clone());
        std::fs::create_dir_all(&dir).map_err(|e| {
            vec![Diagnostic::error(format!("cannot create the output folder `{}`: {e}", dir.display()))]
        })?;
        for format in formats {
            let bytes = match format {
                Format::Pdf => export::pdf::write(&pages, &project.deck.meta, &book).map_err(|d| vec![d])?,
                Format::Html => export::html::write(&pages, &project.deck.meta, &book).into_bytes(),
            };
            let path = dir.join(format!("{}.{}", plan.name, format.name()));
            write_atomically(&path, &bytes).map_err(|e| {
                vec![Diagnostic::error(format!("cannot write `{}`: {e}", path.display()))]
            })?;
            outputs.push(Output { format, path, bytes: bytes.len() });
        }
    }
    Ok((project.deck.slides.len(), pages, outputs))
}

/// Write to a temporary file beside `path`, then rename it into place, so
/// a failed or killed build never leaves a half-written output.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}
