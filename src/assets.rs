//! The files a deck uses besides its text: the theme's fonts (replacing
//! the built-in faces, and fallbacks), the pictures of its slides and
//! theme, and those pictures prepared at the size they are placed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diag::{self, Diagnostic, Errors};
use crate::{diagram, images, layout, paths, read, text, theme};

/// The built-in faces with the theme's font files in place; every file
/// that cannot be used is an error.
pub(crate) fn fonts(project: &read::Project) -> Result<text::FontBook, Errors> {
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
    if errors.is_empty() {
        let deck = &project.deck;
        let titles = [Some(&deck.meta.title), deck.meta.subtitle.as_ref()];
        if deck.slides.iter().any(|s| s.has_math())
            || titles.into_iter().flatten().any(|t| crate::model::inlines_have_math(t))
        {
            book.add_math_faces();
        }
        if project.output.system_fonts {
            book.add_system_fonts(deck_chars(&project.deck));
        }
        Ok(book)
    } else {
        Err(errors)
    }
}

/// Every character beyond ASCII the deck shows, each with the Han form of
/// the slide it is on, once.
fn deck_chars(deck: &crate::model::Deck) -> Vec<(char, text::Han)> {
    let mut seen = std::collections::HashSet::new();
    let meta = &deck.meta;
    let deck_han = text::Lang::parse(&meta.lang).han_for(std::iter::empty());
    let deck_text = [meta.author.as_deref(), meta.date.as_deref(), meta.footer.as_deref()];
    let mut chars: Vec<(char, text::Han)> = Vec::new();
    let mut add = |c: char, han| {
        if !c.is_ascii() && seen.insert((c, han)) {
            chars.push((c, han));
        }
    };
    let title = crate::model::plain_text(&meta.title);
    let subtitle = meta.subtitle.as_deref().map(crate::model::plain_text);
    for text in deck_text.into_iter().flatten().chain([title.as_str()]).chain(subtitle.as_deref()) {
        text.chars().for_each(|c| add(c, deck_han));
    }
    for slide in &deck.slides {
        let han = layout::setting(meta, slide).han;
        slide.chars.iter().for_each(|(c, _)| add(*c, han));
        slide.notes.iter().flat_map(|n| n.chars()).for_each(|c| add(c, han));
    }
    chars
}

/// The pictures of the slides and of the theme, read as far as layout
/// needs (SVG text set in the faces of `book`).
pub(crate) fn pictures(project: &read::Project, book: &text::FontBook) -> Result<images::ImageStore, Errors> {
    let mut store = images::load(&project.deck, book)?;
    let mut errors = diagrams(project, book, &mut store);
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
    if errors.is_empty() { Ok(store) } else { Err(errors) }
}

/// Draw each diagram of the slides (once for each source) and keep it in
/// `store` as an SVG picture; what cannot be drawn is an error at it.
fn diagrams(project: &read::Project, book: &text::FontBook, store: &mut images::ImageStore) -> Errors {
    let mut wanted: Vec<(&str, Option<diag::Span>, String)> = Vec::new();
    for (index, slide) in project.deck.slides.iter().enumerate() {
        for blocks in [&slide.body, &slide.left, &slide.right] {
            crate::model::visit_diagrams(blocks, &mut |source, at| {
                if !wanted.iter().any(|(s, ..)| *s == source) {
                    wanted.push((source, at.cloned().or_else(|| slide.span.clone()), slide.name(index)));
                }
            });
        }
    }
    if wanted.is_empty() {
        return Vec::new();
    }
    let face = book.face(book.select(text::FontStyle::default()));
    let style = diagram::Style { palette: project.theme.palette, font_family: face.family.clone() };
    let faces =
        [false, true].map(|bold| book.face(book.select(text::FontStyle { bold, ..Default::default() })).content());
    // Drawing and reading back the drawing are the slow part (some 10 ms
    // a diagram): on every core.
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(wanted.len());
    // Each thread takes the next diagram not yet taken: they differ ten
    // times in cost, so fixed shares would leave a core idle.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut drawn: Vec<(usize, Result<images::Generated, String>)> = std::thread::scope(|scope| {
        let (style, store, wanted, next) = (&style, &*store, &wanted, &next);
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(move || {
                    let draw = |source: &str| {
                        let svg = diagram::render_cached(source, style, faces, || diagram::Widths::new(book, source))
                            .map_err(|e| e.message)?;
                        store.parse_generated(&diagram::key(source), &svg).map_err(|e| e.to_string())
                    };
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((source, ..)) = wanted.get(i) else { break done };
                        done.push((i, draw(source)));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    drawn.sort_by_key(|(i, _)| *i);
    let mut errors = Vec::new();
    for ((source, at, context), (_, drawn)) in wanted.into_iter().zip(drawn) {
        match drawn {
            Ok(generated) => {
                let label = "diagram".to_string();
                store.add_generated(&diagram::key(source), generated, label, at, Some(context));
            }
            Err(why) => errors.push(
                Diagnostic::error(format!("this diagram cannot be drawn: {why}")).with_span(at).with_context(context),
            ),
        }
    }
    errors
}

/// Each picture the pages place, at the resolution of its largest placement.
pub(crate) fn prepare(
    store: &images::ImageStore,
    pages: &[layout::Page],
    theme: &theme::Theme,
) -> Result<BTreeMap<images::ImageId, Arc<images::Prepared>>, Errors> {
    let mut placed: BTreeMap<images::ImageId, images::Placed> = BTreeMap::new();
    for page in pages {
        let mut place = |image: &layout::ImageBox| {
            let visible = visible(image);
            let p = placed.entry(image.id).or_insert(images::Placed { size: (0.0, 0.0), visible });
            p.size = (p.size.0.max(image.w), p.size.1.max(image.h));
            p.visible = p.visible.union(visible);
        };
        page.artwork.iter().for_each(&mut place);
        layout::visit_images(&page.nodes, &mut place);
    }
    let quality = images::Quality { ppi: theme.picture_ppi, jpeg: theme.jpeg_quality };
    images::prepare(store, &placed, quality, images::cache::dir().as_deref())
}

/// The part of a placed picture its clip leaves visible (all of it when
/// it is not cropped).
fn visible(image: &layout::ImageBox) -> images::Part {
    match &image.clip {
        Some(clip) if image.w > 0.0 && image.h > 0.0 => images::Part {
            left: (clip.x - image.x) / image.w,
            top: (clip.y - image.y) / image.h,
            right: (clip.x + clip.w - image.x) / image.w,
            bottom: (clip.y + clip.h - image.y) / image.h,
        },
        _ => images::Part::WHOLE,
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
