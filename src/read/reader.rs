//! The reader's state, and the deck assembled from its parts.

use std::path::Path;
use std::sync::Arc;

use super::markdown_slides::Around;
use super::source::SlideSource;
use super::{MAX_SLIDES, Project, is_markdown};
use crate::diag::{Diagnostic, Errors, FileId, Sink, Sources, Span, slide_name};
use crate::manifest::{Located, ManifestFile, Problem, SlideTable};
use crate::model::{Aspect, Deck, Layout, Overflow, Reveal, Slide};
use crate::theme;

/// Reads one manifest, collecting every error instead of stopping at the first.
pub(super) struct Reader<'s> {
    pub file: FileId,
    pub sink: &'s mut Sink,
    pub errors: Errors,
    /// The folder the deck may read files from.
    pub root: crate::paths::Root,
    /// The text of each file read, for placing messages inside TOML strings.
    pub texts: Vec<(FileId, Arc<str>)>,
    /// Whether a file was refused for the deck's budget of text: the
    /// files named after it are not read, nor reported one by one.
    pub over_budget: bool,
    /// Lines of Markdown in the bodies and notes read so far.
    pub markdown_lines: usize,
}

impl Reader<'_> {
    /// Whether the Markdown `text` (written at `span`) may be read: it is
    /// at most [`super::MAX_BODY_BYTES`], and the deck's bodies and notes
    /// hold at most [`super::MAX_MARKDOWN_LINES`] lines in all. The body
    /// that goes past is an error; none after it is read.
    pub fn within_limits(&mut self, text: &str, span: Option<Span>) -> bool {
        // Where the text starts: a span over all of it would print it.
        let span = span.map(|s| crate::diag::Span { file: s.file, range: s.range.start..s.range.start + 1 });
        if text.len() > super::MAX_BODY_BYTES {
            self.errors.push(
                crate::diag::Diagnostic::error(format!(
                    "this text is {} KB; a slide's body, column or notes hold at most {} KB",
                    text.len() >> 10,
                    super::MAX_BODY_BYTES >> 10
                ))
                .with_span(span)
                .with_hint("split it over several slides"),
            );
            return false;
        }
        let before = self.markdown_lines;
        self.markdown_lines = before.saturating_add(text.lines().count());
        if self.markdown_lines <= super::MAX_MARKDOWN_LINES {
            return true;
        }
        if before <= super::MAX_MARKDOWN_LINES {
            self.errors.push(
                crate::diag::Diagnostic::error(format!(
                    "the deck's Markdown goes past {} lines here; deck lays out at most that many for one deck",
                    super::MAX_MARKDOWN_LINES
                ))
                .with_span(span)
                .with_hint("split it into several decks"),
            );
        }
        false
    }

    /// The text of `file`, if the reader read it.
    pub fn source_text(&self, file: FileId) -> Option<Arc<str>> {
        self.texts.iter().find(|(id, _)| *id == file).map(|(_, text)| text.clone())
    }

    pub fn span<T>(&self, located: &Located<T>) -> Option<Span> {
        Some(located.span(self.file))
    }

    /// The deck: `raw` is the manifest (or a Markdown deck's `+++` block),
    /// `slides` the slides written before any `[[slide]]` table (a Markdown
    /// deck's own).
    pub fn project(
        mut self,
        raw: ManifestFile,
        problems: Vec<Problem>,
        mut slides: Vec<SlideSource>,
        path: &Path,
        base: &Path,
        sources: &mut Sources,
    ) -> Result<Project, Errors> {
        // Slides are numbered as the deck shows them: the title slide is 1.
        let titled = raw.deck.as_ref().is_none_or(|d| d.value.title_slide != Some(false));
        let before = usize::from(titled);
        if let Some(source) = raw.deck.as_ref().and_then(|d| d.value.source.as_ref())
            && let Some((file, text)) = self.include(source, base, sources)
        {
            let first = before + slides.len() + 1;
            let around = Around { deck: None, opening: Vec::new() };
            slides.extend(self.markdown_slides(file, &text, 0, &source.value, around, first));
        }
        let mut names = Vec::new();
        for table in raw.slide {
            let number = before + slides.len() + 1;
            let name = slide_name(number, table.value.title.as_ref().map(|t| t.value.as_str()));
            names.push(name.clone());
            match &table.value.file {
                Some(include) => {
                    if let Some(d) = self.keys_beside_file(&table.value) {
                        self.errors.push(d);
                    } else if let Some((file, text)) = self.include(include, base, sources) {
                        let around = Around { deck: None, opening: Vec::new() };
                        slides.extend(self.markdown_slides(file, &text, 0, &include.value, around, number));
                    }
                }
                None => slides.push(SlideSource {
                    table,
                    file: self.file,
                    context: name,
                    markdown: false,
                    opens_deck: false,
                    may_be_title: false,
                }),
            }
        }
        // A `[deck]` with a misspelt key is not also told it lacks `title`.
        let deck_flawed = problems.iter().any(|p| p.table.as_deref() == Some("`[deck]`"));
        // The manifest's own mistakes (its `+++` block's, in a Markdown
        // deck) come before those found in the slides read since.
        let own = problems.into_iter().map(|problem| {
            let name = problem.slide.and_then(|n| names.get(n)).cloned().unwrap_or_default();
            problem.diagnostic(&name)
        });
        self.errors.splice(0..0, own);
        let Some(deck_table) = raw.deck else {
            let hint = if is_markdown(path) {
                "start the file with:\n+++\n[deck]\ntitle = \"My talk\"\n+++"
            } else {
                "start the file with:\n[deck]\ntitle = \"My talk\""
            };
            let d = Diagnostic::error("the manifest has no `[deck]` table")
                .with_span(Some(Span { file: self.file, range: 0..0 }))
                .with_hint(hint);
            self.errors.push(d);
            return Err(self.errors);
        };
        if slides.len() > MAX_SLIDES {
            let too_many = &slides[MAX_SLIDES];
            return Err(vec![
                Diagnostic::error(format!("the deck has {} slides; deck lays out at most {MAX_SLIDES}", slides.len()))
                    .with_span(Some(too_many.table.span(too_many.file)))
                    .with_hint("split it into several decks"),
            ]);
        }
        let deck_span = self.span(&deck_table);
        let deck_table = deck_table.value;
        let meta = if deck_flawed && deck_table.title.is_none() { None } else { self.meta(&deck_table, deck_span) };
        let aspect = self.aspect(&deck_table);
        let output = self.output(&raw.output, path, base);
        let mut made = Vec::new();
        for source in &slides {
            if let Some(slide) = self.slide(source) {
                made.push(slide);
            }
        }
        // A Markdown deck that opens with a title slide of its own gets no other.
        let own =
            slides.first().is_some_and(|s| s.opens_deck) && made.first().is_some_and(|s| s.layout == Layout::Title);
        if deck_table.title_slide != Some(false) && !own {
            made.insert(
                0,
                Slide {
                    layout: Layout::Title,
                    title: None,
                    subtitle: None,
                    body: Vec::new(),
                    left: Vec::new(),
                    right: Vec::new(),
                    image: None,
                    notes: None,
                    notes_body: Vec::new(),
                    id: None,
                    overflow: Overflow::Continue,
                    reveal: Reveal::All,
                    lang: None,
                    dir: crate::model::Dir::Auto,
                    span: None,
                    chars: Vec::new(),
                },
            );
        }
        let mut slides = made;
        self.resolve_links(&mut slides);
        let size = match aspect {
            Aspect::Wide => (960.0, 540.0),
            Aspect::Standard => (720.0, 540.0),
        };
        let theme_name = deck_table.theme.as_ref().map(|t| t.spanned(self.file));
        let deck_size = deck_table.aspect.is_some().then_some(size);
        let theme = theme::resolve(theme_name.as_ref(), &raw.theme, self.file, (base, &self.root), deck_size, sources);
        let theme = match theme {
            Ok(theme) => Some(theme),
            Err(mut e) => {
                self.errors.append(&mut e);
                None
            }
        };
        self.errors.append(&mut self.sink.take_errors());
        match (meta, theme) {
            (Some(meta), Some(theme)) if self.errors.is_empty() => Ok(Project {
                deck: Deck { meta, slides, base: base.to_path_buf(), root: self.root.clone() },
                theme,
                output,
            }),
            _ => Err(self.errors),
        }
    }

    /// A `[[slide]]` with `file` takes its slides' keys from the file.
    fn keys_beside_file(&self, table: &SlideTable) -> Option<Diagnostic> {
        // Named one by one, so that a key added to the table is not forgotten here.
        let SlideTable {
            title,
            subtitle,
            layout,
            body,
            left,
            right,
            image,
            caption,
            fit,
            notes,
            overflow,
            id,
            reveal,
            lang,
            dir,
            file,
        } = table;
        let other = [title, subtitle, layout, body, left, right, image, caption, fit, overflow, id, reveal, lang, dir]
            .into_iter()
            .flatten()
            .next();
        let at = match (other, notes) {
            (Some(other), _) => other.span(self.file),
            // `notes` keeps no position: point at `file`.
            (None, Some(_)) => file.as_ref()?.span(self.file),
            (None, None) => return None,
        };
        Some(
            Diagnostic::error("a `[[slide]]` with `file` takes no other keys")
                .with_span(Some(at))
                .with_hint("give the included slides their keys in `+++` blocks in the Markdown file"),
        )
    }
}
