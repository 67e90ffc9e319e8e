//! A deck read and laid out, with its fonts and pictures loaded (assets.rs):
//! what every exporter draws from, and how the formats are exported.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::{Diagnostic, Errors, Sink, Sources};
use crate::{Format, ImageReport, Output, Report, assets, export, images, layout, read, text};

/// What a build found, before the warnings and sources join it.
pub(crate) struct Summary {
    slides: usize,
    pub(crate) pages: Vec<layout::Page>,
    outputs: Vec<Output>,
    images: Vec<ImageReport>,
}

impl Summary {
    pub(crate) fn into_report(
        self,
        warnings: Vec<Diagnostic>,
        sources: Sources,
        inputs: crate::paths::Inputs,
    ) -> Report {
        let Summary { slides, pages, outputs, images } = self;
        Report { slides, pages, outputs, images, warnings, sources, inputs }
    }
}

/// A face and what it draws.
#[derive(Debug)]
pub struct FaceUse {
    /// Its PostScript name.
    pub name: String,
    /// The file it was read from; `None` for a face built into deck.
    pub file: Option<PathBuf>,
    /// The characters it draws, in code point order.
    pub chars: String,
}

/// A deck read and laid out, its fonts loaded and its pictures prepared:
/// what every exporter draws from.
pub struct Laid {
    pub(crate) project: read::Project,
    pub(crate) book: text::FontBook,
    pub(crate) pages: Vec<layout::Page>,
    pub(crate) store: images::ImageStore,
    pub(crate) prepared: BTreeMap<images::ImageId, Arc<images::Prepared>>,
    /// Printed sheets for the notes and handout PDFs, when asked for.
    pub(crate) sheets: BTreeMap<Format, Vec<layout::sheets::Sheet>>,
    /// The PDF's pages when it shows each step on a page of its own.
    pub(crate) stepped: Option<Vec<layout::Page>>,
}

impl Laid {
    pub(crate) fn new(project: read::Project, sink: &mut Sink) -> Result<Laid, Errors> {
        // Fonts are reported before pictures: one kind of file at a time.
        let book = assets::fonts(&project)?;
        if let Some((mono, colour)) = book.monochrome_emoji() {
            let why = colour.map_or(String::new(), |c| {
                format!(" ({c} has them only as colour bitmaps, which deck cannot embed yet)")
            });
            sink.warn(Diagnostic::warning(format!("emoji are drawn in monochrome, from {mono}{why}")));
        }
        let mut store = assets::pictures(&project, &book)?;
        for warning in store.take_warnings() {
            sink.warn(warning);
        }
        crate::timing::mark("fonts and pictures loaded");
        let pages = layout::layout(&project.deck, &project.theme, &book, &store, sink)?;
        crate::timing::mark("laid out");
        let prepared = assets::prepare(&store, &pages, &project.theme)?;
        Ok(Laid { project, book, pages, store, prepared, sheets: BTreeMap::new(), stepped: None })
    }

    /// Export `formats` in parallel; every one or none.
    pub(crate) fn export_all(&self, formats: &[Format]) -> Result<Vec<(Format, Vec<u8>)>, Errors> {
        let exported: Vec<Result<Vec<u8>, Errors>> = if self.pages.len() > crate::tuning::SEQUENTIAL_EXPORT_MIN_PAGES {
            formats.iter().map(|&format| self.export(format)).collect()
        } else {
            self.export_parallel(formats)
        };
        formats.iter().zip(exported).map(|(format, bytes)| Ok((*format, bytes?))).collect()
    }

    fn export_parallel(&self, formats: &[Format]) -> Vec<Result<Vec<u8>, Errors>> {
        std::thread::scope(|scope| {
            let handles: Vec<_> = formats.iter().map(|&format| scope.spawn(move || self.export(format))).collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(vec![Diagnostic::error("an exporter crashed")])))
                .collect()
        })
    }

    pub(crate) fn summary(self, outputs: Vec<Output>) -> Summary {
        let images = self.downsampled();
        Summary { slides: self.project.deck.slides.len(), pages: self.pages, outputs, images }
    }

    /// Each face the pages use, with the characters it draws, in the
    /// book's order: what `deck fonts` lists.
    pub fn faces_used(&self) -> Vec<FaceUse> {
        let mut used: BTreeMap<text::FontId, std::collections::BTreeSet<char>> = BTreeMap::new();
        for page in &self.pages {
            page.visit_lines(&mut |line| {
                for run in &line.runs {
                    used.entry(run.font).or_default().extend(run.text.chars().filter(|c| !c.is_whitespace()));
                }
            });
        }
        used.into_iter()
            .map(|(id, chars)| {
                let face = self.book.face(id);
                let name = face.postscript_name.clone();
                FaceUse { name, file: face.path.clone(), chars: chars.into_iter().collect() }
            })
            .collect()
    }

    /// The laid-out slides' pages.
    pub fn pages(&self) -> &[layout::Page] {
        &self.pages
    }

    /// The deck as a file of `format`, in memory.
    pub fn export(&self, format: Format) -> Result<Vec<u8>, Errors> {
        let bytes = export::write(format, &self.document()).map_err(|d| vec![d]);
        crate::timing::mark(format.name());
        bytes
    }

    /// What the exporters draw.
    pub(crate) fn document(&self) -> export::Document<'_> {
        export::Document {
            meta: &self.project.deck.meta,
            pages: &self.pages,
            stepped: self.stepped.as_deref(),
            sheets: &self.sheets,
            book: &self.book,
            pictures: &self.prepared,
            theme: &self.project.theme,
        }
    }

    /// Pictures that were downsampled: (src, source size, embedded size).
    pub(crate) fn downsampled(&self) -> Vec<ImageReport> {
        self.prepared
            .iter()
            .filter_map(|(id, p)| {
                let from = p.downsampled_from?;
                let src = self.store.get(*id).map(|pic| pic.src.clone()).unwrap_or_default();
                Some(ImageReport { src, from, to: p.size, ppi: self.project.theme.picture_ppi })
            })
            .collect()
    }
}
