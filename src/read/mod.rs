//! Reading a deck: the manifest file, its Markdown and its theme, into a
//! [`model::Deck`](crate::model::Deck), a resolved [`Theme`] and the output plan.
//!
//! The reader assembles the deck from the `[deck]` table (`deck.rs`), each
//! slide (`slide.rs`) and the links between slides (`links.rs`); `dates.rs`
//! reads what people write on title slides.

use std::path::{Path, PathBuf};

mod dates;
mod deck;
mod include;
mod links;
mod markdown_slides;
mod reader;
mod slide;
mod split;

use crate::diag::{Diagnostic, Errors, FileId, Sink, Sources, Span};
use crate::manifest;
use crate::model::Deck;
use crate::paths::Root;
use crate::theme::Theme;
use reader::Reader;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The paginated PDF.
    Pdf,
    /// The self-contained HTML deck.
    Html,
    /// Speaker notes: each slide with its notes below (`<name>-notes.pdf`).
    Notes,
    /// Several slides per sheet (`<name>-handout.pdf`).
    Handout,
}

impl Format {
    /// Every format name.
    pub const NAMES: [&'static str; 2] = ["pdf", "html"];

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Notes => "notes",
            Format::Handout => "handout",
        }
    }

    /// The output file's name for outputs named `stem`.
    pub fn file_name(self, stem: &str) -> String {
        match self {
            Format::Pdf => format!("{stem}.pdf"),
            Format::Html => format!("{stem}.html"),
            Format::Notes => format!("{stem}-notes.pdf"),
            Format::Handout => format!("{stem}-handout.pdf"),
        }
    }
}

/// Where the outputs go.
#[derive(Debug, Clone)]
pub struct OutputPlan {
    /// Folder for the outputs.
    pub dir: PathBuf,
    /// File stem.
    pub name: String,
    /// Formats to write, in order.
    pub formats: Vec<Format>,
    /// Also write `<name>-notes.pdf`.
    pub notes: bool,
}

/// Everything read from a deck's files.
#[derive(Debug, Clone)]
pub struct Project {
    /// The content.
    pub deck: Deck,
    /// The resolved theme.
    pub theme: Theme,
    /// The outputs the manifest asks for.
    pub output: OutputPlan,
}

/// Read the manifest at `path` and everything it refers to.
pub fn read(path: &Path, root: &Root, sources: &mut Sources, sink: &mut Sink) -> Result<Project, Errors> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_MANIFEST_BYTES {
            return Err(vec![Diagnostic::error(format!(
                "`{}` is {} MB; deck reads manifests up to {} MB",
                path.display(),
                meta.len() >> 20,
                MAX_MANIFEST_BYTES >> 20
            ))]);
        }
    }
    let bytes = std::fs::read(path)
        .map_err(|e| vec![Diagnostic::error(format!("cannot read `{}`: {}", path.display(), io_reason(&e)))])?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![
            Diagnostic::error(format!(
                "`{}` is not UTF-8 text (invalid byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
            .with_hint("save the manifest as UTF-8"),
        ]
    })?;
    read_text(&text, path, root, sources, sink)
}

/// Read a manifest whose text is already in memory; `path` names it in
/// messages and locates its relative paths.
pub fn read_text(
    text: &str,
    path: &Path,
    root: &Root,
    sources: &mut Sources,
    sink: &mut Sink,
) -> Result<Project, Errors> {
    let file = sources.add(path.display().to_string(), text);
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let texts = vec![(file, text.into())];
    let mut reader = Reader { file, sink, errors: Vec::new(), root: root.clone(), texts };
    if !is_markdown(path) {
        let (raw, problems) = manifest::parse_manifest(text, file).map_err(|d| vec![d])?;
        return reader.project(raw, problems, Vec::new(), path, &base, sources);
    }
    let (raw, from) = markdown_deck_block(text, file)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let first = 1 + usize::from(raw.deck.as_ref().is_none_or(|d| d.value.title_slide != Some(false)));
    let slides = reader.markdown_slides(file, text, from, &name, first);
    reader.project(raw, Vec::new(), slides, path, &base, sources)
}

/// Whether `path` names a Markdown deck rather than a TOML manifest.
fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A Markdown deck's leading `+++` block: its `[deck]`, `[output]` and
/// `[theme]` tables, and where its slides begin.
fn markdown_deck_block(text: &str, file: FileId) -> Result<(manifest::ManifestFile, usize), Errors> {
    let at = |range| Some(Span { file, range });
    let (keys, from) = match split::deck_block(text) {
        Ok(Some(block)) => block,
        Ok(None) => (0..0, 0),
        Err(opening) => {
            return Err(vec![
                Diagnostic::error("the deck's `+++` block is not closed")
                    .with_span(at(opening))
                    .with_hint("end the `[deck]` table with a line holding only `+++`"),
            ]);
        }
    };
    let raw: manifest::ManifestFile =
        manifest::parse_block(&text[keys.clone()], keys.start, file, "the deck's `+++` block").map_err(|d| vec![d])?;
    if let Some(slide) = raw.slide.first() {
        return Err(vec![
            Diagnostic::error("a Markdown deck's `+++` block holds no `[[slide]]` tables")
                .with_span(at(slide.range.clone()))
                .with_hint("write the slides below the block, separated by lines holding only `---`"),
        ]);
    }
    if let Some(source) = raw.deck.as_ref().and_then(|d| d.value.source.as_ref()) {
        return Err(vec![
            Diagnostic::error("a Markdown deck has no `source`: its slides follow its `+++` block")
                .with_span(at(source.range.clone())),
        ]);
    }
    Ok((raw, from))
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Largest manifest or Markdown file deck reads.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
/// Most `[[slide]]` tables in one deck.
pub const MAX_SLIDES: usize = 10_000;
