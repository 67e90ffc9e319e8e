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
//! 3. **Export** ([`export`]): the same pages become a PDF and an HTML file,
//!    written only once every format exported, each through a temporary
//!    file that then takes its place (`output`).
//!
//! Problems are [`diag::Diagnostic`] values; only the CLI prints them.

#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod assets;
pub mod diag;
pub mod diagram;
pub mod export;
mod fingerprint;
mod format;
pub mod images;
mod laid;
pub mod layout;
pub mod live;
pub mod manifest;
pub mod markdown;
pub mod math;
pub mod model;
mod output;
pub mod paths;
pub mod read;
pub mod text;
pub mod theme;
pub mod timing;
mod tuning;

use std::path::{Path, PathBuf};

use diag::{Diagnostic, Errors, Sink, Sources};
pub use format::Format;
use laid::Summary;
pub use laid::{FaceUse, Laid};

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
    /// Write the one format asked for to this file instead of
    /// `<out_dir>/<name>.<ext>`; notes and handouts go beside it, named
    /// after it.
    pub output: Option<PathBuf>,
    /// Set text only in the theme's and the built-in fonts, never the
    /// machine's (as `[output] system_fonts = false`).
    pub no_system_fonts: bool,
    /// The deck's text when it was not read from its path (standard
    /// input): the path then only names it in messages, tells a Markdown
    /// deck (`.md`) from a manifest, and locates its relative paths.
    pub text: Option<String>,
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
    /// Every file the build read or looked for (manifest, Markdown files,
    /// themes, pictures, fonts), each as it was when read: what a watcher
    /// must watch.
    pub inputs: paths::Inputs,
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
    /// The resolution it was scaled for at its largest placed size (the
    /// theme's `picture_ppi`).
    pub ppi: f32,
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
    /// The files read or looked for before the build failed: one of them
    /// changing (or appearing) may fix it.
    pub inputs: paths::Inputs,
}

/// Read and lay out the deck at `path` without writing anything.
pub fn check(path: &Path, options: &Options) -> Result<Report, Failure> {
    run(path, options, false)
}

/// Read, lay out and write the deck at `path`.
pub fn build(path: &Path, options: &Options) -> Result<Report, Failure> {
    run(path, options, true)
}

/// One file exported in memory.
#[derive(Debug, Clone)]
pub struct Export {
    /// Its format.
    pub format: Format,
    /// The name `deck build` would give it.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Read, lay out and export the deck at `path` in memory (the formats of
/// `options`, or PDF and HTML, with its notes, handout and steps), writing
/// nothing: for the live preview and for standard output.
pub fn preview(path: &Path, options: &Options) -> Result<(Report, Vec<Export>), Failure> {
    let built = session(path, options, |root, sources, sink| {
        let mut laid = Laid::new(read_deck(path, root, options, sources, sink)?, sink)?;
        let formats = options.formats.clone().unwrap_or_else(|| Format::DEFAULT.to_vec());
        // Only the notes asked for here: the live preview serves one PDF.
        let formats = prepare(&mut laid, options, formats, options.notes, sink);
        let name = laid.project.output.name.clone();
        let files = laid.export_all(&formats)?;
        let files =
            files.into_iter().map(|(format, bytes)| Export { format, file_name: format.file_name(&name), bytes });
        Ok((laid.summary(Vec::new()), files.collect()))
    })?;
    let ((summary, files), done) = built;
    Ok((done.report(summary), files))
}

fn run(path: &Path, options: &Options, write: bool) -> Result<Report, Failure> {
    let (summary, done) =
        session(path, options, |root, sources, sink| compile(path, root, options, write, sources, sink))?;
    Ok(done.report(summary))
}

/// What every build collects besides its result: the warnings, the files
/// read for rendering them, and the files read or looked for.
struct Done {
    warnings: Vec<Diagnostic>,
    sources: Sources,
    inputs: paths::Inputs,
}

impl Done {
    fn report(self, summary: Summary) -> Report {
        summary.into_report(self.warnings, self.sources, self.inputs)
    }
}

/// Run `stages` on the deck at `path` (or the text `options` holds) with
/// the build's root, sources and warnings; a failure carries them too.
fn session<T>(
    path: &Path,
    options: &Options,
    stages: impl FnOnce(&paths::Root, &mut Sources, &mut Sink) -> Result<T, Errors>,
) -> Result<(T, Done), Failure> {
    let root = paths::Root::for_manifest(path, options.root.as_deref());
    let (manifest, stamp) = (paths::resolve(path), paths::Stamp::of(path));
    let mut sources = Sources::default();
    let mut sink = Sink::default();
    let result = stages(&root, &mut sources, &mut sink);
    let mut inputs = root.asked();
    inputs.insert(manifest, stamp);
    let warnings = sink.into_warnings();
    match result {
        Ok(value) => Ok((value, Done { warnings, sources, inputs })),
        Err(errors) => Err(Failure { errors, warnings, sources, inputs }),
    }
}

/// Read the deck at `path`, or the text `options` holds for it.
fn read_deck(
    path: &Path,
    root: &paths::Root,
    options: &Options,
    sources: &mut Sources,
    sink: &mut Sink,
) -> Result<read::Project, Errors> {
    let mut project = match &options.text {
        Some(text) => read::read_text(text, path, root, sources, sink),
        None => read::read(path, root, sources, sink),
    }?;
    if options.no_system_fonts {
        project.output.system_fonts = false;
    }
    Ok(project)
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

/// The options that read a manifest given as text.
fn from_text(text: &str) -> Options {
    Options { text: Some(text.to_string()), ..Options::default() }
}

/// Read and lay out the deck at `path` (or the text `options` holds for
/// it), writing nothing: ready to export any format in memory.
pub fn open(path: &Path, options: &Options) -> Result<Laid, Failure> {
    let (laid, _) =
        session(path, options, |root, sources, sink| Laid::new(read_deck(path, root, options, sources, sink)?, sink))?;
    Ok(laid)
}

/// What `deck fonts` reports: the faces a deck's pages use, and the
/// warnings found on the way with the files read, for rendering them.
#[derive(Debug)]
pub struct FontsReport {
    /// Each face used, in the font book's order.
    pub faces: Vec<FaceUse>,
    /// Warnings, in the order found (characters no face has among them).
    pub warnings: Vec<Diagnostic>,
    /// Files read, for rendering the warnings.
    pub sources: Sources,
}

/// Read and lay out the deck at `path`: which face draws what.
pub fn fonts(path: &Path, options: &Options) -> Result<FontsReport, Failure> {
    let (faces, done) = session(path, options, |root, sources, sink| {
        Ok(Laid::new(read_deck(path, root, options, sources, sink)?, sink)?.faces_used())
    })?;
    Ok(FontsReport { faces, warnings: done.warnings, sources: done.sources })
}

/// Read and lay out a manifest given as text: the pages both exporters
/// would draw. `path` names it in messages and locates its relative paths.
pub fn lay_out(text: &str, path: &Path) -> Result<Vec<layout::Page>, Failure> {
    Ok(open(path, &from_text(text))?.pages)
}

/// Read, lay out and export a manifest given as text, writing nothing;
/// `path` names it in messages and locates its relative paths.
pub fn render(text: &str, path: &Path) -> Result<Rendered, Failure> {
    let options = from_text(text);
    let ((pdf, html, pages), done) = session(path, &options, |root, sources, sink| {
        let laid = Laid::new(read_deck(path, root, &options, sources, sink)?, sink)?;
        Ok((laid.export(Format::Pdf)?, laid.export(Format::Html)?, laid.pages))
    })?;
    let html = String::from_utf8_lossy(&html).into_owned();
    Ok(Rendered { pdf, html, pages, warnings: done.warnings })
}

fn compile(
    path: &Path,
    root: &paths::Root,
    options: &Options,
    write: bool,
    sources: &mut Sources,
    sink: &mut Sink,
) -> Result<Summary, Errors> {
    let project = read_deck(path, root, options, sources, sink)?;
    timing::mark("read");
    let mut laid = Laid::new(project, sink)?;
    timing::mark("pictures prepared");
    let mut outputs = Vec::new();
    if write {
        let formats = options.formats.clone().unwrap_or_else(|| laid.project.output.formats.clone());
        let notes = options.notes || laid.project.output.notes;
        let formats = prepare(&mut laid, options, formats, notes, sink);
        let plan = &laid.project.output;
        // `-o FILE` names the main output; the others go beside it.
        let (dir, name) = match &options.output {
            Some(file) => (
                file.parent().map(Path::to_path_buf).unwrap_or_default(),
                file.file_stem().map_or_else(|| plan.name.clone(), |s| s.to_string_lossy().into_owned()),
            ),
            None => (options.out_dir.clone().unwrap_or_else(|| plan.dir.clone()), plan.name.clone()),
        };
        // The manifest's `[output] dir` writes inside the deck's folder, as
        // its reads are; the command line may name any folder.
        if options.out_dir.is_none() && options.output.is_none() && !root.contains(&dir) {
            return Err(vec![
                Diagnostic::error(format!(
                    "`[output] dir` `{}` is outside the deck's folder `{}`",
                    dir.display(),
                    root.dir().display()
                ))
                .with_hint("choose a folder inside it, or name any folder on the command line with --out-dir"),
            ]);
        }
        // Written only when every format exported, so a failed build
        // changes no output at all.
        let files = laid.export_all(&formats)?;
        timing::mark("all exported");
        let files: Vec<(Format, PathBuf, Vec<u8>)> = files
            .into_iter()
            .map(|(format, bytes)| {
                let path = match &options.output {
                    Some(file) if matches!(format, Format::Pdf | Format::Html | Format::Pptx) => file.clone(),
                    _ => dir.join(format.file_name(&name)),
                };
                (format, path, bytes)
            })
            .collect();
        // The folder is made only now: a build that fails leaves none.
        let made = !dir.as_os_str().is_empty() && !dir.exists();
        if made {
            std::fs::create_dir_all(&dir).map_err(|e| {
                vec![Diagnostic::error(format!("cannot create the output folder `{}`: {e}", dir.display()))]
            })?;
        }
        let writes: Vec<(PathBuf, &[u8])> =
            files.iter().map(|(_, path, bytes)| (path.clone(), bytes.as_slice())).collect();
        output::write_all(&writes).map_err(|e| {
            if made {
                let _ = std::fs::remove_dir(&dir); // only when empty
            }
            vec![Diagnostic::error(format!("cannot write `{}`: {}", e.path.display(), e.error))]
        })?;
        timing::mark("written");
        outputs.extend(files.into_iter().map(|(format, path, bytes)| Output { format, path, bytes: bytes.len() }));
    }
    Ok(laid.summary(outputs))
}

/// Lay out what `options` add to `formats` (the handout sheets, the
/// PDF's steps) and the notes sheets when `notes`; the formats to export.
fn prepare(laid: &mut Laid, options: &Options, mut formats: Vec<Format>, notes: bool, sink: &mut Sink) -> Vec<Format> {
    let paper = options.paper.unwrap_or(layout::sheets::Paper::A4);
    if notes {
        let Laid { project, pages, book, store, .. } = &*laid;
        let sheets = layout::sheets::notes(&project.deck, pages, &project.theme, book, store, paper, sink);
        laid.sheets.insert(Format::Notes, sheets);
        formats.push(Format::Notes);
    }
    if let Some(n) = options.handout {
        let Laid { project, pages, book, store, .. } = &*laid;
        let sheets = layout::sheets::handouts(pages, n, &project.theme, book, store, paper, sink);
        laid.sheets.insert(Format::Handout, sheets);
        formats.push(Format::Handout);
    }
    if options.steps {
        laid.stepped = Some(layout::steps::expand(&laid.pages));
    }
    formats
}
