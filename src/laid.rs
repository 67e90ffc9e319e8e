//! A deck read and laid out, with its fonts and pictures loaded: what
//! every exporter draws from, and how the formats are exported.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diag::{self, Diagnostic, Errors, Sink, Sources};
use crate::{Format, ImageReport, Output, Report, export, images, layout, paths, read, text, theme};

/// What a build found, before the warnings and sources join it.
pub(crate) struct Summary {
    slides: usize,
    pub(crate) pages: Vec<layout::Page>,
    outputs: Vec<Output>,
    images: Vec<ImageReport>,
}

impl Summary {
    pub(crate) fn into_report(self, warnings: Vec<Diagnostic>, sources: Sources, inputs: Vec<PathBuf>) -> Report {
        let Summary { slides, pages, outputs, images } = self;
        Report { slides, pages, outputs, images, warnings, sources, inputs }
    }
}

/// A deck read and laid out, its fonts loaded and its pictures prepared:
/// what every exporter draws from.
pub struct Laid {
    pub(crate) project: read::Project,
    pub(crate) book: text::FontBook,
    pub(crate) pages: Vec<layout::Page>,
    pub(crate) store: images::ImageStore,
    pub(crate) prepared: BTreeMap<images::ImageId, images::Prepared>,
    /// Printed sheets for the notes and handout PDFs, when asked for.
    pub(crate) sheets: BTreeMap<Format, Vec<layout::sheets::Sheet>>,
    /// The PDF's pages when it shows each step on a page of its own.
    pub(crate) stepped: Option<Vec<layout::Page>>,
}

impl Laid {
    pub(crate) fn new(project: read::Project, sink: &mut Sink) -> Result<Laid, Errors> {
        let mut book = text::FontBook::builtin();
        let mut errors = Vec::new();
        if let Some(features) = &project.theme.fonts.features {
            book.set_text_features(features);
        }
        let mut failed = Vec::new();
        for (style, font) in theme_faces(&project.theme.fonts) {
            if failed.contains(&font.value) {
                continue; // one file standing in for several faces is reported once
            }
            let loaded = project.deck.root.confine(&font.value).and_then(|path| book.replace(style, &path));
            if let Err(why) = loaded {
                errors.push(file_error("font", &font, &why));
                failed.push(font.value);
            }
        }
        for font in &project.theme.fallback {
            let loaded = project.deck.root.confine(&font.value).and_then(|path| book.add_fallback(&path).map(|_| ()));
            if let Err(why) = loaded {
                errors.push(file_error("fallback font", font, &why));
            }
        }
        // Fonts are reported before pictures: one kind of file at a time.
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut store = images::load(&project.deck)?;
        for picture in theme_pictures(&project.theme) {
            let loaded = project
                .deck
                .root
                .confine(&picture.value)
                .and_then(|path| store.add_file(&picture.value.display().to_string(), &path));
            if let Err(why) = loaded {
                errors.push(file_error("theme picture", picture, &why));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        crate::timing::mark("fonts and pictures loaded");
        let pages = layout::layout(&project.deck, &project.theme, &book, &store, sink)?;
        // Each picture at the resolution of its largest placement.
        let mut placed: BTreeMap<images::ImageId, (f32, f32)> = BTreeMap::new();
        for page in &pages {
            let mut place = |image: &layout::ImageBox| {
                let size = placed.entry(image.id).or_insert((0.0, 0.0));
                *size = (size.0.max(image.w), size.1.max(image.h));
            };
            page.artwork.iter().for_each(&mut place);
            layout::visit_images(&page.nodes, &mut place);
        }
        crate::timing::mark("laid out");
        let prepared = images::prepare(&store, &placed);
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
        }
    }

    /// Pictures that were downsampled: (src, source size, embedded size).
    pub(crate) fn downsampled(&self) -> Vec<ImageReport> {
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

/// The theme's font files, each with the face it replaces; a face not
/// named takes the nearest named one of its family.
fn theme_faces(fonts: &theme::FontFiles) -> Vec<(text::FontStyle, diag::Spanned<PathBuf>)> {
    let style = |mono, bold, italic| text::FontStyle { mono, bold, italic };
    let regular = fonts.regular.as_ref();
    let bold = fonts.bold.as_ref().or(regular);
    let italic = fonts.italic.as_ref().or(regular);
    let bold_italic = fonts.bold_italic.as_ref().or(fonts.bold.as_ref()).or(italic);
    let mono = fonts.mono.as_ref();
    let mono_bold = fonts.mono_bold.as_ref().or(mono);
    [
        (style(false, false, false), regular),
        (style(false, true, false), bold),
        (style(false, false, true), italic),
        (style(false, true, true), bold_italic),
        (style(true, false, false), mono),
        (style(true, true, false), mono_bold),
        (style(true, false, true), mono),
        (style(true, true, true), mono_bold),
    ]
    .into_iter()
    .filter_map(|(style, file)| file.map(|f| (style, f.clone())))
    .collect()
}

/// The pictures a theme draws: background pictures and the logo.
fn theme_pictures(theme: &theme::Theme) -> Vec<&diag::Spanned<PathBuf>> {
    let backdrops = theme.backdrops.iter().filter_map(|(_, b)| match b {
        theme::Backdrop::Picture(path) => Some(path),
        theme::Backdrop::Color(_) => None,
    });
    backdrops.chain(theme.logo.as_ref().map(|l| &l.path)).collect()
}

/// A theme file (font, picture) that cannot be used: says why, suggests
/// the name meant when it is missing.
fn file_error(what: &str, file: &diag::Spanned<PathBuf>, why: &paths::FileError) -> Diagnostic {
    let mut d = Diagnostic::error(format!("{what} `{}`: {why}", file.value.display())).with_span(file.span.clone());
    for hint in why.hints(&file.value) {
        d = d.with_hint(hint);
    }
    d
}
