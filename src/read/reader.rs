//! The reader's state, and the deck assembled from its parts.

use std::path::{Path, PathBuf};

use super::{MAX_SLIDES, Project};
use crate::diag::{Diagnostic, Errors, FileId, Sink, Sources, Span};
use crate::manifest::{Located, ManifestFile};
use crate::model::{Aspect, Deck, Layout, Overflow, Slide};
use crate::theme;

/// Reads one manifest, collecting every error instead of stopping at the first.
pub(super) struct Reader<'s> {
    pub file: FileId,
    pub sink: &'s mut Sink,
    pub errors: Errors,
    /// The folder the deck may read files from.
    pub root: PathBuf,
}

impl Reader<'_> {
    pub fn span<T>(&self, located: &Located<T>) -> Option<Span> {
        Some(located.span(self.file))
    }

    pub fn project(mut self, raw: ManifestFile, path: &Path, base: &Path, sources: &mut Sources) -> Result<Project, Errors> {
        let Some(deck_table) = raw.deck else {
            let d = Diagnostic::error("the manifest has no `[deck]` table")
                .with_span(Some(Span { file: self.file, range: 0..0 }))
                .with_hint("start the file with:\n[deck]\ntitle = \"My talk\"");
            return Err(vec![d]);
        };
        if raw.slide.len() > MAX_SLIDES {
            return Err(vec![Diagnostic::error(format!("the deck has {} slides; deck lays out at most {MAX_SLIDES}", raw.slide.len()))
                .with_span(self.span(&raw.slide[MAX_SLIDES]))
                .with_hint("split it into several decks")]);
        }
        let deck_span = self.span(&deck_table);
        let deck_table = deck_table.value;
        let meta = self.meta(&deck_table, deck_span);
        let aspect = self.aspect(&deck_table);
        let output = self.output(&raw.output, path, base);
        let mut slides = Vec::new();
        if deck_table.title_slide != Some(false) {
            slides.push(Slide {
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
                span: None,
            });
        }
        for (n, table) in raw.slide.iter().enumerate() {
            if let Some(slide) = self.slide(table, n + 1) {
                slides.push(slide);
            }
        }
        self.resolve_links(&mut slides);
        let size = match aspect {
            Aspect::Wide => (960.0, 540.0),
            Aspect::Standard => (720.0, 540.0),
        };
        let theme_name = deck_table.theme.as_ref().map(|t| t.spanned(self.file));
        let theme = theme::resolve(theme_name.as_ref(), &raw.theme, self.file, (base, &self.root), size, sources);
        let theme = match theme {
            Ok(theme) => Some(theme),
            Err(mut e) => {
                self.errors.append(&mut e);
                None
            }
        };
        match (meta, theme) {
            (Some(meta), Some(theme)) if self.errors.is_empty() => {
                Ok(Project { deck: Deck { meta, slides, base: base.to_path_buf(), root: self.root.clone() }, theme, output })
            }
            _ => Err(self.errors),
        }
    }
}
