//! Layout: decides everything about every page once (which content goes
//! on which page, at which size, where each line breaks) and hands the
//! result to both exporters as [`Page`]s.
//!
//! Steps: each slide is set by its layout ([`cover`] for title and
//! section slides, [`content`] for the rest), whose body goes through
//! [`flow`] (blocks → chunks) and [`paginate`] (chunks → pages); then
//! pages are numbered and [`decor`] adds what the theme puts around the
//! content: footers, background pictures or colours, the logo.

mod content;
mod cover;
mod decor;
mod dump;
mod flow;
pub mod frame;
mod grid;
mod highlight;
mod lifted;
mod math;
mod paginate;
mod picture;
mod rows;
pub mod sheets;
pub mod steps;
mod tabs;
mod typeset;

pub use dump::dump;
pub use frame::{
    ImageBox, Item, Marker, Node, Outline, Page, RunLink, Segment, Shape, ShapeKind, TextLine, TextRun, visit_images,
    visit_lines,
};
pub use math::{At as FormulaAt, MATH_SCALE, place as place_formula};

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::{Errors, Sink};
use crate::images::ImageStore;
use crate::model::{Deck, Layout, Target};
use crate::text::FontBook;
use crate::theme::Theme;
use grid::Grid;
use typeset::Typesetter;

/// A page before numbering.
struct Draft {
    title: String,
    nodes: Vec<frame::Node>,
    scale: f32,
    background: crate::theme::Color,
    footer: bool,
}

/// A slide continued onto more pages than this is worth a warning: few
/// audiences follow one slide for four pages.
const MAX_QUIET_PAGES: usize = 3;

/// Most pages one deck lays out: a long conference deck has a few
/// hundred; 25,000 pages of text took 2 GB.
pub const MAX_PAGES: usize = 5_000;

/// Lay out every slide of `deck`.
pub fn layout(
    deck: &Deck,
    theme: &Theme,
    book: &FontBook,
    images: &ImageStore,
    sink: &mut Sink,
) -> Result<Vec<Page>, Errors> {
    let grid = Grid::new(theme);
    // Section numbers run through the deck; everything else about a slide
    // is its own, so slides are laid out on all cores.
    let mut section = 0;
    let sections: Vec<usize> = deck
        .slides
        .iter()
        .map(|s| {
            section += usize::from(s.layout == Layout::Section);
            section
        })
        .collect();
    let threads = if deck.slides.len() < crate::tuning::PARALLEL_LAYOUT_MIN_SLIDES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(8)
    };
    // Each worker takes the next slide not yet taken: slides differ widely
    // in cost, and fixed slices left one core idle for a third of the
    // layout. Each slide has its own sink, so warnings come out in slide
    // order whichever thread set it.
    let next = AtomicUsize::new(0);
    // Pages laid out so far: past the limit, no slide more is laid out.
    let made = AtomicUsize::new(0);
    let worker = || {
        let mut done = Vec::new();
        loop {
            if made.load(Ordering::Relaxed) > MAX_PAGES {
                break;
            }
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(slide) = deck.slides.get(index) else { break };
            let mut sink = Sink::default();
            let mut ts = Typesetter {
                book,
                theme,
                images,
                sink: &mut sink,
                context: slide.name(index),
                span: slide.span.clone(),
                chars: &slide.chars,
                setting: setting(&deck.meta, slide),
                missing: Vec::new(),
            };
            let result = lay_out_slide(&mut ts, &grid, deck, slide, sections[index]);
            drop(ts); // reports the characters no face had
            made.fetch_add(result.as_ref().map_or(0, Vec::len), Ordering::Relaxed);
            done.push((index, result, sink));
        }
        done
    };
    // A deck with code in several languages compiles the later ones'
    // grammars on a second core meanwhile (highlight/warm.rs).
    let warm = highlight::later_languages(deck);
    let mut results = std::thread::scope(|scope| {
        if !warm.is_empty() {
            scope.spawn(|| highlight::warm(&warm));
        }
        if threads <= 1 {
            return worker();
        }
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        let mut all = worker();
        for helper in helpers {
            all.extend(helper.join().unwrap_or_default());
        }
        all
    });
    results.sort_by_key(|(index, ..)| *index);
    let mut drafts: Vec<(usize, Vec<Draft>)> = Vec::new();
    let mut errors = Vec::new();
    for (index, result, slide_sink) in results {
        for warning in slide_sink.into_warnings() {
            sink.warn(warning);
        }
        match result {
            Ok(pages) => drafts.push((index, pages)),
            Err(e) => errors.push(e),
        }
    }
    let laid: usize = drafts.iter().map(|(_, parts)| parts.len()).sum();
    if laid > MAX_PAGES {
        // Where the deck passes the limit, in slide order.
        let mut total = 0;
        let at = drafts.iter().find(|(_, parts)| {
            total += parts.len();
            total > MAX_PAGES
        });
        let index = at.map_or(0, |(i, _)| *i);
        let slide = &deck.slides[index];
        return Err(vec![
            crate::diag::Diagnostic::error(format!(
                "the deck makes more than {MAX_PAGES} pages by {}; deck lays out at most that many",
                slide.name(index)
            ))
            .with_span(slide.span.clone())
            .with_hint("split it into several decks, or shorten the slides that continue onto many pages"),
        ]);
    }
    if drafts.len() + errors.len() != deck.slides.len() {
        errors.push(crate::diag::Diagnostic::error("laying out a slide crashed"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut pages: Vec<Page> = Vec::new();
    let total = drafts.iter().map(|(_, parts)| parts.len()).sum();
    let deck_title = crate::model::plain_text(&deck.meta.title);
    let logo = decor::logo(book, theme, images);
    let mut section_title = String::new();
    for (index, parts) in drafts {
        let slide = &deck.slides[index];
        if slide.layout == Layout::Section {
            section_title = slide.title.as_deref().map(crate::model::plain_text).unwrap_or_default();
        }
        let count = parts.len();
        if count > MAX_QUIET_PAGES {
            sink.warn(
                crate::diag::Diagnostic::warning(format!("{} continues onto {count} pages", slide.name(index)))
                    .with_span(slide.span.clone())
                    .with_hint("split it into several slides, or set overflow = \"shrink\" to set it smaller"),
            );
        }
        for (part, draft) in parts.into_iter().enumerate() {
            let number = pages.len() + 1;
            let mut nodes = draft.nodes;
            if draft.footer {
                let mut ts = Typesetter {
                    book,
                    theme,
                    images,
                    sink: &mut *sink,
                    context: slide.name(index),
                    span: None,
                    chars: &[],
                    setting: setting(&deck.meta, slide),
                    missing: Vec::new(),
                };
                let fields = crate::theme::FooterFields {
                    title: &deck_title,
                    section: &section_title,
                    n: number,
                    total,
                    date: deck.meta.date.as_deref().unwrap_or_default(),
                    author: deck.meta.author.as_deref().unwrap_or_default(),
                    footer: deck.meta.footer.as_deref().unwrap_or_default(),
                };
                nodes.push(decor::footer(&mut ts, &grid, &fields));
            }
            let (background, picture) = decor::backdrop(book, theme, images, slide.layout, draft.background);
            let artwork = picture.into_iter().chain(logo.clone()).collect();
            if !nodes.iter().any(|n| matches!(n, Node::Heading { level: 1 | 2, .. })) {
                // Body headings sit one level under the slide's title; with
                // no title they take its level, so that none is skipped.
                frame::headings_mut(&mut nodes, &mut |level| *level = (*level).min(2));
            }
            let steps = steps::number(&mut nodes, slide.reveal == crate::model::Reveal::Items);
            pages.push(Page {
                number,
                slide: index,
                part: (part + 1, count),
                layout: slide.layout,
                title: draft.title,
                scale: draft.scale,
                size: (theme.width, theme.height),
                background,
                artwork,
                nodes,
                notes: slide.notes_body.clone(),
                steps,
                step: 0,
                lang: slide.lang.clone(),
            });
        }
    }
    link_slides(&mut pages);
    Ok(pages)
}

/// One slide's pages, by its layout.
fn lay_out_slide(
    ts: &mut Typesetter,
    grid: &Grid,
    deck: &Deck,
    slide: &crate::model::Slide,
    section: usize,
) -> Result<Vec<Draft>, crate::diag::Diagnostic> {
    match slide.layout {
        Layout::Title => Ok(vec![cover::title(ts, grid, &deck.meta, slide)]),
        Layout::Section => Ok(vec![cover::section(ts, grid, slide, section)]),
        Layout::Bullets => content::bullets(ts, grid, slide),
        Layout::Statement => content::statement(ts, grid, slide),
        Layout::Closing => content::closing(ts, grid, slide),
        Layout::TwoColumn => content::two_column(ts, grid, slide),
        Layout::Image => picture::image_slide(ts, grid, slide),
        Layout::Agenda => content::bullets(ts, grid, &agenda(deck, slide)),
    }
}

/// What a diagram is, in words, before it is drawn: its type ("Flowchart",
/// "Pie chart"), or "Diagram"; for speaker notes, which name a picture
/// rather than show it.
pub fn diagram_alt(source: &str) -> String {
    crate::diagram::kind(source).unwrap_or("Diagram").to_string()
}

/// An agenda slide as a bullet slide: each section, linked to its slide.
/// The Han form and direction of a slide's text: its `lang` or the
/// deck's, its `dir` or the deck's, else the language's direction.
pub fn setting(meta: &crate::model::Meta, slide: &crate::model::Slide) -> crate::text::Setting {
    use crate::model::Dir;
    let lang = crate::text::Lang::parse(slide.lang.as_deref().unwrap_or(&meta.lang));
    let rtl = match (slide.dir, meta.dir) {
        (Dir::Rtl, _) | (Dir::Auto, Dir::Rtl) => true,
        (Dir::Ltr, _) | (Dir::Auto, Dir::Ltr) => false,
        (Dir::Auto, Dir::Auto) => lang.rtl,
    };
    crate::text::Setting { han: lang.han_for(slide.chars.iter().map(|(c, _)| *c)), rtl, lang: lang.tag }
}

fn agenda(deck: &Deck, slide: &crate::model::Slide) -> crate::model::Slide {
    use crate::model::{Block, Inline, ListItem, Target};
    let items = deck
        .slides
        .iter()
        .enumerate()
        .filter(|(_, s)| s.layout == Layout::Section)
        .map(|(index, s)| {
            let content = s.title.clone().unwrap_or_default();
            let link = Inline::Link { target: Target::Slide(index), content, span: None };
            ListItem { blocks: vec![Block::Paragraph(vec![link])], task: None }
        })
        .collect();
    let mut slide = slide.clone();
    slide.title = slide.title.or_else(|| Some(vec![Inline::Text("Agenda".into())]));
    slide.body = vec![Block::List { start: None, items }];
    slide
}

/// Links to slides (from `[text](#id)` and agendas) become links to their
/// first page.
fn link_slides(pages: &mut [Page]) {
    let mut first_page = std::collections::HashMap::new();
    for page in pages.iter() {
        first_page.entry(page.slide).or_insert(page.number);
    }
    for page in pages.iter_mut() {
        frame::runs_mut(&mut page.nodes, &mut |run| {
            let Some(link) = &mut run.link else { return };
            let Target::Slide(index) = link.target else { return };
            match first_page.get(&index) {
                Some(&page) => link.target = Target::Page(page),
                None => run.link = None,
            }
        });
    }
}
