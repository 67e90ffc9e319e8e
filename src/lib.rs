//! deck: a slide-deck compiler. A TOML manifest with Markdown bodies goes
//! in; a paginated PDF and a self-contained HTML deck come out.
//!
//! # Steps
//!
//! 1. **Read** ([`read`]): [`manifest`] parses the TOML into serde structs
//!    (a Markdown deck's or slide's `+++` block too, once [`read`] has cut
//!    the Markdown file into slides), [`markdown`] turns bodies and titles
//!    into [`model`] blocks, and [`theme`] resolves the theme. Result: a
//!    [`model::Deck`] and a [`theme::Theme`].
//! 2. **Lay out** ([`layout`]): every slide is set with the fonts of
//!    [`text`] (shaping, line breaking) into [`layout::Page`]s of positioned
//!    lines and shapes. All decisions about pages are made here, once.
//! 3. **Export** ([`export`]): the same pages become a PDF and an HTML file.
//!
//! Problems are [`diag::Diagnostic`] values; only the CLI prints them.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod diag;
pub mod export;
pub mod images;
pub mod layout;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod read;
pub mod text;
pub mod theme;

use std::collections::BTreeMap;
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
    /// Let the deck read files inside this folder, not only its own.
    pub root: Option<PathBuf>,
    /// Also write the speaker-notes PDF (as `[output] notes = true`).
    pub notes: bool,
    /// Also write a handout PDF with this many slides per sheet (1, 2, 3, 4, 6).
    pub handout: Option<usize>,
    /// Paper for notes and handouts.
    pub paper: Option<layout::sheets::Paper>,
    /// In the PDF, a page per step of slides revealed item by item
    /// (otherwise each shows its final state).
    pub steps: bool,
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
    /// Pictures embedded at a lower resolution than their files have.
    pub images: Vec<ImageReport>,
    /// Warnings, in the order found.
    pub warnings: Vec<Diagnostic>,
    /// Files read, for rendering the warnings.
    pub sources: Sources,
}

/// A picture deck downsampled to what its placement needs.
#[derive(Debug, Clone)]
pub struct ImageReport {
    /// The path as written in the deck.
    pub src: String,
    /// The file's size in pixels.
    pub from: (u32, u32),
    /// The embedded size in pixels.
    pub to: (u32, u32),
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
pub fn check(path: &Path, options: &Options) -> Result<Report, Failure> {
    run(path, options, false)
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
        Ok((slides, pages, outputs, images)) => Ok(Report { slides, pages, outputs, images, warnings, sources }),
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
    let result = read::read_text(text, path, None, &mut sources, &mut sink).and_then(|project| Laid::new(project, &mut sink));
    match result {
        Ok(laid) => Ok(laid.pages),
        Err(errors) => Err(Failure { errors, warnings: sink.into_warnings(), sources }),
    }
}

/// Read, lay out and export a manifest given as text, writing nothing;
/// `path` names it in messages and locates its relative paths.
pub fn render(text: &str, path: &Path) -> Result<Rendered, Failure> {
    let mut sources = Sources::default();
    let mut sink = Sink::default();
    let result = read::read_text(text, path, None, &mut sources, &mut sink)
        .and_then(|project| Laid::new(project, &mut sink))
        .and_then(|laid| Ok((laid.export(Format::Pdf)?, laid.export(Format::Html)?, laid.pages)));
    let warnings = sink.into_warnings();
    match result {
        Ok((pdf, html, pages)) => Ok(Rendered { pdf, html: String::from_utf8_lossy(&html).into_owned(), pages, warnings }),
        Err(errors) => Err(Failure { errors, warnings, sources }),
    }
}

/// A deck laid out, with its pictures prepared: what both exporters draw.
struct Laid {
    project: read::Project,
    book: text::FontBook,
    pages: Vec<layout::Page>,
    store: images::ImageStore,
    prepared: BTreeMap<images::ImageId, images::Prepared>,
    /// Printed sheets for the notes and handout PDFs, when asked for.
    sheets: BTreeMap<&'static str, Vec<layout::sheets::Sheet>>,
    /// The PDF's pages when it shows each step on a page of its own.
    stepped: Option<Vec<layout::Page>>,
}

impl Laid {
    fn new(project: read::Project, sink: &mut Sink) -> Result<Laid, Errors> {
        let mut book = text::FontBook::builtin();
        let mut errors = Vec::new();
        for font in &project.theme.fallback {
            let loaded = paths::confine(&project.deck.root, &font.value).and_then(|path| book.add_fallback(&path));
            if let Err(why) = loaded {
                let mut d = Diagnostic::error(format!("fallback font `{}`: {why}", font.value.display())).with_span(font.span.clone());
                if why.contains("outside the deck's folder") {
                    d = d.with_hint(paths::HINT);
                }
                if why == "no such file" {
                    if let Some(meant) = paths::similar_file(&font.value) {
                        d = d.with_hint(format!("did you mean `{meant}`?"));
                    }
                }
                errors.push(d);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let store = images::load(&project.deck)?;
        let pages = layout::layout(&project.deck, &project.theme, &book, &store, sink)?;
        // Each picture at the resolution of its largest placement.
        let mut placed: BTreeMap<images::ImageId, (f32, f32)> = BTreeMap::new();
        for page in &pages {
            layout::visit_images(&page.nodes, &mut |image| {
                let size = placed.entry(image.id).or_insert((0.0, 0.0));
                *size = (size.0.max(image.w), size.1.max(image.h));
            });
        }
        let prepared = images::prepare(&store, &placed);
        Ok(Laid { project, book, pages, store, prepared, sheets: BTreeMap::new(), stepped: None })
    }

    fn export(&self, format: Format) -> Result<Vec<u8>, Errors> {
        let meta = &self.project.deck.meta;
        match format {
            Format::Pdf => {
                let pages = self.stepped.as_deref().unwrap_or(&self.pages);
                export::pdf::write(pages, meta, &self.book, &self.prepared).map_err(|d| vec![d])
            }
            Format::Html => Ok(export::html::write(&self.pages, meta, &self.book, &self.prepared).into_bytes()),
            Format::Notes | Format::Handout => {
                let sheets = self.sheets.get(format.name()).map(Vec::as_slice).unwrap_or_default();
                export::pdf::write_sheets(&self.pages, sheets, meta, &self.book, &self.prepared).map_err(|d| vec![d])
            }
        }
    }

    /// Pictures that were downsampled: (src, source size, embedded size).
    fn downsampled(&self) -> Vec<ImageReport> {
        self.prepared
            .iter()
            .filter_map(|(id, p)| {
                let from = p.downsampled_from?;
                let src = self.store.get(*id).map(|pic| pic.src.clone()).unwrap_or_default();
                Some(ImageReport { src, from, to: (p.pixels.width(), p.pixels.height()) })
            })
            .collect()
    }
}

type Compiled = (usize, Vec<layout::Page>, Vec<Output>, Vec<ImageReport>);

fn compile(path: &Path, options: &Options, write: bool, sources: &mut Sources, sink: &mut Sink) -> Result<Compiled, Errors> {
    let project = read::read(path, options.root.as_deref(), sources, sink)?;
    let mut laid = Laid::new(project, sink)?;
    let mut outputs = Vec::new();
    if write {
        let mut formats = options.formats.clone().unwrap_or_else(|| laid.project.output.formats.clone());
        let paper = options.paper.unwrap_or(layout::sheets::Paper::A4);
        if options.notes || laid.project.output.notes {
            let Laid { project, pages, book, store, .. } = &laid;
            let sheets = layout::sheets::notes(&project.deck, pages, &project.theme, book, store, paper, sink);
            laid.sheets.insert(Format::Notes.name(), sheets);
            formats.push(Format::Notes);
        }
        if let Some(n) = options.handout {
            let Laid { project, pages, book, store, .. } = &laid;
            let sheets = layout::sheets::handouts(pages, n, &project.theme, book, store, paper, sink);
            laid.sheets.insert(Format::Handout.name(), sheets);
            formats.push(Format::Handout);
        }
        if options.steps {
            laid.stepped = Some(layout::steps::expand(&laid.pages));
        }
        let plan = &laid.project.output;
        let dir = options.out_dir.clone().unwrap_or_else(|| plan.dir.clone());
        std::fs::create_dir_all(&dir).map_err(|e| {
            vec![Diagnostic::error(format!("cannot create the output folder `{}`: {e}", dir.display()))]
        })?;
        // The formats are independent: export them in parallel, then write
        // them only when every one succeeded, so a failed build changes no
        // output at all.
        let exported: Vec<Result<Vec<u8>, Errors>> = std::thread::scope(|scope| {
            let handles: Vec<_> = formats.iter().map(|&format| scope.spawn({
                let laid = &laid;
                move || laid.export(format)
            })).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(vec![Diagnostic::error("an exporter crashed")])))
                .collect()
        });
        let mut files = Vec::new();
        for (format, bytes) in formats.iter().zip(exported) {
            files.push((*format, bytes?));
        }
        for (format, bytes) in files {
            let path = dir.join(format.file_name(&plan.name));
            write_atomically(&path, &bytes).map_err(|e| {
                vec![Diagnostic::error(format!("cannot write `{}`: {e}", path.display()))]
            })?;
            outputs.push(Output { format, path, bytes: bytes.len() });
        }
    }
    let images = laid.downsampled();
    Ok((laid.project.deck.slides.len(), laid.pages, outputs, images))
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
