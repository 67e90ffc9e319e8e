//! Layout: decides everything about every page once (which content goes
//! on which page, at which size, where each line breaks) and hands the
//! result to both exporters as [`Page`]s.
//!
//! Steps: each slide is set by its layout ([`cover`] for title and
//! section slides, [`content`] for the rest), whose body goes through
//! [`flow`] (blocks → chunks) and [`paginate`] (chunks → pages); then
//! pages are numbered and get their footers.

mod content;
mod cover;
mod dump;
mod flow;
pub mod frame;
mod grid;
mod highlight;
mod paginate;
mod picture;
pub mod sheets;
mod typeset;

pub use dump::dump;
pub use frame::{ImageBox, Item, Marker, Node, Page, Shape, ShapeKind, TextLine, TextRun, visit_images, visit_lines};

use crate::diag::{Errors, Sink};
use crate::images::ImageStore;
use crate::model::{Deck, Layout};
use crate::text::{FontBook, FontStyle};
use crate::theme::Theme;
use grid::Grid;
use typeset::{Align, Spec, Typesetter};

/// A page before numbering.
struct Draft {
    title: String,
    nodes: Vec<frame::Node>,
    scale: f32,
    background: crate::theme::Color,
    footer: bool,
}

/// Lay out every slide of `deck`.
pub fn layout(deck: &Deck, theme: &Theme, book: &FontBook, images: &ImageStore, sink: &mut Sink) -> Result<Vec<Page>, Errors> {
    let grid = Grid::new(theme);
    let mut drafts: Vec<(usize, Vec<Draft>)> = Vec::new();
    let mut errors = Vec::new();
    let mut section = 0;
    for (index, slide) in deck.slides.iter().enumerate() {
        let mut ts = Typesetter { book, theme, images, sink: &mut *sink, context: format!("slide {}", index + 1), span: slide.span.clone() };
        let pages = match slide.layout {
            Layout::Title => Ok(vec![cover::title(&mut ts, &grid, &deck.meta, slide)]),
            Layout::Section => {
                section += 1;
                Ok(vec![cover::section(&mut ts, &grid, slide, section)])
            }
            Layout::Bullets => content::bullets(&mut ts, &grid, slide),
            Layout::Statement => content::statement(&mut ts, &grid, slide),
            Layout::Closing => content::closing(&mut ts, &grid, slide),
            Layout::TwoColumn => content::two_column(&mut ts, &grid, slide),
            Layout::Image => picture::image_slide(&mut ts, &grid, slide),
            Layout::Agenda => content::bullets(&mut ts, &grid, &agenda(deck, slide)),
        };
        match pages {
            Ok(pages) => drafts.push((index, pages)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut pages: Vec<Page> = Vec::new();
    for (index, parts) in drafts {
        let slide = &deck.slides[index];
        let count = parts.len();
        for (part, draft) in parts.into_iter().enumerate() {
            let number = pages.len() + 1;
            let mut nodes = draft.nodes;
            if draft.footer {
                let mut ts = Typesetter { book, theme, images, sink: &mut *sink, context: format!("slide {}", index + 1), span: None };
                nodes.push(footer(&mut ts, &grid, deck.meta.footer.as_deref(), number));
            }
            pages.push(Page {
                number,
                slide: index,
                part: (part + 1, count),
                layout: slide.layout,
                title: draft.title,
                scale: draft.scale,
                size: (theme.width, theme.height),
                background: draft.background,
                nodes,
                notes: slide.notes.clone(),
            });
        }
    }
    link_slides(&mut pages);
    Ok(pages)
}

/// An agenda slide as a bullet slide: each section, linked to its slide.
fn agenda(deck: &Deck, slide: &crate::model::Slide) -> crate::model::Slide {
    use crate::model::{Block, Inline, ListItem, slide_link};
    let items = deck
        .slides
        .iter()
        .enumerate()
        .filter(|(_, s)| s.layout == Layout::Section)
        .map(|(index, s)| {
            let content = s.title.clone().unwrap_or_default();
            ListItem { blocks: vec![Block::Paragraph(vec![Inline::Link { url: slide_link(index), content }])] }
        })
        .collect();
    let mut slide = slide.clone();
    slide.title = slide.title.or_else(|| Some(vec![Inline::Text("Agenda".into())]));
    slide.body = vec![Block::List { start: None, items }];
    slide
}

/// Links to slides (`#slide-index:N`, from `[text](#id)` and agendas)
/// become links to their first page, `#P`, which both exporters know.
fn link_slides(pages: &mut [Page]) {
    let mut first_page = std::collections::HashMap::new();
    for page in pages.iter() {
        first_page.entry(page.slide).or_insert(page.number);
    }
    for page in pages.iter_mut() {
        frame::runs_mut(&mut page.nodes, &mut |run| {
            let Some(index) = run.link.as_deref().and_then(|l| l.strip_prefix("#slide-index:")) else { return };
            let target = index.parse().ok().and_then(|i: usize| first_page.get(&i));
            run.link = target.map(|p| format!("#{p}"));
        });
    }
}

/// Footer text at the left, page number at the right, both muted.
fn footer(ts: &mut Typesetter, grid: &Grid, text: Option<&str>, number: usize) -> Node {
    let spec = Spec {
        style: FontStyle::default(),
        size: ts.theme.footer_size,
        color: ts.theme.palette.muted,
        line_height: 1.25,
        align: Align::Left,
    };
    let mut lines = Vec::new();
    let number_text = number.to_string();
    let right = ts.plain(&number_text, Spec { align: Align::Right, ..spec }, grid.left, grid.footer_top, grid.width);
    if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
        let room = grid.width - right.widest - 24.0;
        let left = ts.plain(text, spec, grid.left, grid.footer_top, room);
        lines.extend(left.lines.into_iter().take(1));
    }
    lines.extend(right.lines);
    Node::Footer(lines)
}
