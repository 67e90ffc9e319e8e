//! Reading a deck: the manifest file, its Markdown and its theme, into a
//! [`model::Deck`](crate::model::Deck), a resolved [`Theme`] and the output plan.
//!
//! The reader assembles the deck from the `[deck]` table (`deck.rs`), each
//! slide (`slide.rs`) and the links between slides (`links.rs`); `dates.rs`
//! reads what people write on title slides. Markdown files are cut into
//! slides by `split.rs` and read by `markdown_slides.rs`; the YAML of Marp
//! and Slidev decks is parsed by `yaml.rs` and mapped onto deck's keys by
//! `habits.rs`.

use std::path::{Path, PathBuf};

mod dates;
mod deck;
mod habits;
mod include;
mod links;
mod markdown_slides;
mod reader;
mod slide;
mod source;
mod split;
mod yaml;

use crate::diag::{Diagnostic, Errors, FileId, Sink, Sources, Span};
pub use crate::format::Format;
use crate::manifest;
use crate::model::Deck;
use crate::paths::{FileError, Root};
use crate::theme::Theme;
use reader::Reader;

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
    /// Take faces from the machine for characters the theme's fonts lack.
    pub system_fonts: bool,
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
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > MAX_MANIFEST_BYTES
    {
        return Err(vec![Diagnostic::error(format!(
            "`{}` is {} MB; deck reads manifests up to {} MB",
            path.display(),
            meta.len() >> 20,
            MAX_MANIFEST_BYTES >> 20
        ))]);
    }
    let bytes = crate::paths::regular_file(path)
        .and_then(|_| Ok(std::fs::read(path)?))
        .map_err(|why| vec![Diagnostic::error(format!("cannot read `{}`: {why}", path.display()))])?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = crate::diag::not_utf8_at(e.as_bytes(), e.utf8_error().valid_up_to());
        vec![
            Diagnostic::error(format!("`{}` is not UTF-8 text ({at})", path.display()))
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
    let mut reader =
        Reader { file, sink, errors: Vec::new(), root: root.clone(), texts, over_budget: false, markdown_lines: 0 };
    if !is_markdown(path) {
        let (raw, problems) = manifest::parse_manifest(text, file).map_err(|d| vec![d])?;
        return reader.project(raw, problems, Vec::new(), path, &base, sources);
    }
    let (mut raw, problems, from) = markdown_deck_block(text, file)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let given = raw.deck.take();
    // Messages number slides as the deck shows them, after the automatic
    // title slide when there is one; whether there is depends on the first
    // slide as read (its layout, its heading). A dry run on a scratch
    // reader tells, then the deck is read for real with that numbering.
    let automatic = {
        let mut scratch = Sink::default();
        let texts = reader.texts.clone();
        let mut dry = Reader {
            file,
            sink: &mut scratch,
            errors: Vec::new(),
            root: root.clone(),
            texts,
            over_budget: false,
            markdown_lines: 0,
        };
        match markdown_deck(&mut dry, text, (file, from, &name), given.clone(), 2) {
            Ok((deck, slides)) => {
                let own = slides.first().filter(|s| s.opens_deck).and_then(|s| dry.slide(s));
                deck.value.title_slide != Some(false) && !own.is_some_and(|s| s.layout == crate::model::Layout::Title)
            }
            Err(_) => true,
        }
    };
    let (deck, slides) = markdown_deck(&mut reader, text, (file, from, &name), given, 1 + usize::from(automatic))?;
    raw.deck = Some(deck);
    reader.project(raw, problems, slides, path, &base, sources)
}

/// A Markdown deck's settings (its `+++` block as `given`, or its YAML
/// front matter) and its slides, numbered from `first`.
fn markdown_deck(
    reader: &mut Reader,
    text: &str,
    (file, mut from, name): (FileId, usize, &str),
    given: Option<manifest::Located<manifest::DeckTable>>,
    first: usize,
) -> Result<(manifest::Located<manifest::DeckTable>, Vec<source::SlideSource>), Errors> {
    let mut opening = Vec::new();
    let front = given.is_none().then(|| split::front_matter(text)).flatten();
    let mut deck = match (given, front) {
        (Some(deck), _) => deck,
        (None, Some((keys, start))) => {
            let entries = yaml::entries(&text[keys.clone()], keys.start).map_err(|(why, range)| {
                vec![
                    Diagnostic::error(format!("the front matter of `{name}` is not valid YAML: {why}"))
                        .with_span(Some(Span { file, range })),
                ]
            })?;
            let mut table = manifest::DeckTable::default();
            reader.deck_keys(file, entries, &mut table, &mut opening, &format!("the front matter of `{name}`"));
            from = start;
            manifest::Located { value: table, range: keys }
        }
        (None, None) => manifest::Located { value: manifest::DeckTable::default(), range: 0..0 },
    };
    let around = markdown_slides::Around { deck: Some(&mut deck.value), opening };
    let mut slides = reader.markdown_slides(file, text, from, name, around, first);
    own_title(&mut deck.value, &mut slides, file, name)?;
    Ok((deck, slides))
}

/// A Markdown deck's title slide: without a `title` in its settings, the
/// deck takes its first slide's heading as its title and gets no
/// automatic title slide; the first slide may be a title slide of its own
/// (see `SlideSource::may_be_title`).
fn own_title(
    deck: &mut manifest::DeckTable,
    slides: &mut [source::SlideSource],
    file: FileId,
    name: &str,
) -> Result<(), Errors> {
    let Some(first) = slides.first_mut() else {
        if deck.title.is_none() {
            return Err(vec![no_title(file, name)]);
        }
        return Ok(());
    };
    first.opens_deck = true;
    let heading = first.table.value.title.clone();
    first.may_be_title = first.table.value.layout.is_none()
        && heading.as_ref().is_some_and(|h| deck.title.as_ref().is_none_or(|t| t.value.trim() == h.value.trim()));
    if deck.title.is_none() {
        let Some(heading) = heading.filter(|_| first.file == file) else { return Err(vec![no_title(file, name)]) };
        deck.title = Some(heading);
        deck.title_slide = deck.title_slide.or(Some(false));
    }
    Ok(())
}

fn no_title(file: FileId, name: &str) -> Diagnostic {
    Diagnostic::error(format!("the Markdown deck `{name}` has no title"))
        .with_span(Some(Span { file, range: 0..0 }))
        .with_hint(
            "start its first slide with a heading, `# My talk`, or give it front matter:\n---\ntitle: My talk\n---",
        )
}

/// Whether `path` names a Markdown deck rather than a TOML manifest.
fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A Markdown deck's leading `+++` block: its `[deck]`, `[output]` and
/// `[theme]` tables, and where its slides begin.
fn markdown_deck_block(
    text: &str,
    file: FileId,
) -> Result<(manifest::ManifestFile, Vec<manifest::Problem>, usize), Errors> {
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
    let (raw, problems) = manifest::parse_deck_block(text, keys, file).map_err(|d| vec![d])?;
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
    Ok((raw, problems, from))
}

/// Largest manifest or Markdown file deck reads.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// Most lines of Markdown in one deck's bodies and notes together: a
/// quarter of a million bullets lay out in about two seconds and 1 GB (a
/// 16 MB manifest of four million bullets took 52 s and 7.2 GB).
pub const MAX_MARKDOWN_LINES: usize = 250_000;

/// Largest body, column or notes of one slide: a single paragraph of 16
/// MB took 2.2 GB to lay out; 256 KB of text is some 400 pages.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Largest amount of text one deck reads in all: its manifest, Markdown
/// and theme files together (a file included many times counts each
/// time), so that no deck reads without end whatever each file's size.
pub const MAX_DECK_BYTES: u64 = 32 * 1024 * 1024;

/// Whether a file of `len` bytes still fits in the deck's budget of text,
/// `sources` being what it has read so far.
pub(crate) fn within_budget(sources: &Sources, len: u64) -> Result<(), FileError> {
    let total = sources.bytes() + len;
    if total > MAX_DECK_BYTES {
        return Err(format!(
            "reading it would bring the deck's text to {} MB; deck reads at most {} MB of text for one deck (manifest, Markdown and theme files together)",
            total >> 20,
            MAX_DECK_BYTES >> 20
        )
        .into());
    }
    Ok(())
}

/// Most `[[slide]]` tables in one deck.
pub const MAX_SLIDES: usize = 10_000;
