//! One slide part: the page's background and artwork, then its nodes in
//! reading order: decorations as shapes, blocks as text boxes, tables as
//! tables, pictures as pictures.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::draw::{self, Rect};
use super::master::{bullet_char, layout_index};
use super::package::{Rels, rel};
use super::pictures::{Media, picture};
use super::table;
use super::text::{Bullet, Kind, Para, link_target, text_box};
use super::xml::{Xml, emu};
use crate::images::{ImageId, Prepared};
use crate::layout::{Item, Marker, Node, Page, Shape, ShapeKind, TextLine};
use crate::model::Target;
use crate::text::FontBook;
use crate::theme::Theme;

/// A slide being written, with what its shapes need at hand.
pub struct Slide<'d> {
    /// The part.
    pub xml: Xml,
    /// Its relationships.
    pub rels: Rels,
    /// The faces runs name.
    pub book: &'d FontBook,
    /// The theme, for bullets.
    pub theme: &'d Theme,
    /// The deck's language, on every run.
    pub lang: String,
    /// Pictures written so far.
    pub media: &'d mut Media,
    /// Shapes ids given so far.
    ids: usize,
    /// How many slides the deck has.
    pages: usize,
    /// Decorations drawn as part of a table (its rules), not again.
    pub taken: Vec<Shape>,
    /// Whether the slide's title placeholder is used.
    titled: bool,
    /// The title placeholder's type: the title slide's is its layout's
    /// centred title.
    pub title_type: &'static str,
    /// The page's tables, in order.
    pub tables: table::Tables,
    /// The page's number, as its footer prints it.
    pub number: usize,
    /// Where layout's lines may reach on the right, when one edge holds
    /// for the whole page (not on two-column pages): a break before a
    /// word that would have fitted there was the author's.
    pub measure_right: Option<f32>,
    /// The baseline of the line being written, which a formula's raised
    /// and lowered glyphs are set against.
    pub baseline: f32,
}

impl Slide<'_> {
    /// A new shape id.
    pub fn next_id(&mut self) -> usize {
        self.ids += 1;
        self.ids
    }

    /// The relationship a link to `target` uses, and whether it jumps to
    /// a slide.
    pub fn link(&mut self, target: &Target) -> Option<(String, bool)> {
        match link_target(target, self.pages)? {
            Ok(url) => Some((self.rels.external(rel::HYPERLINK, &url), false)),
            Err(page) => Some((self.rels.once(rel::SLIDE, &format!("slide{page}.xml")), true)),
        }
    }
}

/// What every slide draws from.
pub struct Deck<'d> {
    /// Faces.
    pub book: &'d FontBook,
    /// Theme.
    pub theme: &'d Theme,
    /// Pictures.
    pub pictures: &'d BTreeMap<ImageId, Arc<Prepared>>,
    /// Language.
    pub lang: &'d str,
    /// Number of slides.
    pub pages: usize,
}

/// The slide part of `page` and its relationships; `notes` names its
/// notes slide part, when it has notes.
pub fn slide(deck: &Deck, page: &Page, media: &mut Media, notes: Option<&str>) -> (Vec<u8>, Vec<u8>) {
    let mut rels = Rels::default();
    rels.add(rel::SLIDE_LAYOUT, format!("../slideLayouts/slideLayout{}.xml", layout_index(page.layout) + 1));
    if let Some(notes) = notes {
        rels.add(rel::NOTES_SLIDE, format!("../notesSlides/{notes}"));
    }
    let mut slide = Slide {
        xml: Xml::new(),
        rels,
        book: deck.book,
        theme: deck.theme,
        lang: deck.lang.to_string(),
        media,
        ids: 1,
        pages: deck.pages,
        taken: Vec::new(),
        titled: false,
        title_type: if page.layout == crate::model::Layout::Title { "ctrTitle" } else { "title" },
        tables: table::Tables::new(),
        number: page.number,
        measure_right: (page.layout != crate::model::Layout::TwoColumn).then_some(page.size.0 - deck.theme.margin_x),
        baseline: 0.0,
    };
    slide.xml.root_pml("p:sld", &[]);
    slide.xml.open("p:cSld", &[]);
    draw::background(&mut slide.xml, page.background);
    draw::open_tree(&mut slide.xml);
    for art in &page.artwork {
        picture(&mut slide, art, deck.pictures, true);
    }
    table::claim_rules(&mut slide, &page.nodes);
    walk(&mut slide, deck, &page.nodes);
    let xml = &mut slide.xml;
    xml.close();
    xml.close();
    xml.open("p:clrMapOvr", &[]);
    xml.empty("a:masterClrMapping", &[]);
    xml.close();
    let Slide { xml, rels, .. } = slide;
    (xml.finish(), rels.finish())
}

/// Paragraphs waiting to become one box: consecutive paragraphs that
/// share a left edge and follow each other closely.
#[derive(Default)]
struct Group<'a> {
    paras: Vec<Para<'a>>,
}

impl<'a> Group<'a> {
    fn takes(&self, lines: &[TextLine]) -> bool {
        let (Some(last), Some(next)) = (self.paras.last().and_then(|p| p.lines.last()), lines.first()) else {
            return true;
        };
        let (Some(a), Some(b)) = (last.runs.first(), next.runs.first()) else { return true };
        (a.x - b.x).abs() < 0.5 && b.y - a.y < 3.0 * b.size.max(a.size) && (a.size - b.size).abs() < 0.5
    }

    fn flush(&mut self, slide: &mut Slide) {
        if !self.paras.is_empty() {
            text_box(slide, Kind::Body, &self.paras);
            self.paras.clear();
        }
    }
}

fn walk(slide: &mut Slide, deck: &Deck, nodes: &[Node]) {
    let mut group = Group::default();
    for node in nodes {
        if let Node::Paragraph(lines) = node {
            if let Some(source) = super::formula::alone(lines) {
                group.flush(slide);
                if super::formula::picture(slide, deck.book, lines, source) {
                    continue;
                }
            }
            if !group.takes(lines) {
                group.flush(slide);
            }
            group.paras.push(Para::plain(lines));
            continue;
        }
        group.flush(slide);
        match node {
            Node::Paragraph(_) => {}
            Node::Shape(shape) => {
                if !slide.taken.contains(shape) {
                    self::shape(slide, shape);
                }
            }
            Node::Heading { lines, .. } => {
                let kind = if slide.titled { Kind::Body } else { Kind::Title };
                slide.titled = true;
                text_box(slide, kind, &[Para::plain(lines)]);
            }
            Node::Code(lines) => text_box(slide, Kind::Code, &[Para::plain(lines)]),
            Node::Footer(lines) => footer(slide, lines),
            Node::Quote(children) => walk(slide, deck, children),
            Node::Table(rows) => table::table(slide, rows),
            Node::Image(image) => picture(slide, image, deck.pictures, false),
            Node::List { start, items } => {
                let mut paras = Vec::new();
                let mut rest = Vec::new();
                list(slide, *start, items, 0, &mut paras, &mut rest);
                text_box(slide, Kind::Body, &paras);
                walk(slide, deck, &rest);
            }
        }
    }
    group.flush(slide);
}

/// The paragraphs of a list at `level`; what is not text (code, tables,
/// pictures inside items) goes to `rest`, drawn after the list's box.
fn list<'a>(
    slide: &Slide,
    start: Option<u64>,
    items: &'a [Item],
    level: usize,
    paras: &mut Vec<Para<'a>>,
    rest: &mut Vec<Node>,
) {
    for item in items {
        let mut bullet = marker(slide, start, &item.marker, level);
        for child in &item.children {
            match child {
                Node::Paragraph(lines) => {
                    paras.push(Para {
                        bullet: std::mem::replace(&mut bullet, Bullet::None),
                        level,
                        ..Para::plain(lines)
                    });
                }
                Node::List { start, items } => list(slide, *start, items, level + 1, paras, rest),
                Node::Shape(_) => {}
                other => rest.push(other.clone()),
            }
        }
    }
}

/// The bullet of an item's first paragraph.
fn marker(slide: &Slide, start: Option<u64>, marker: &Marker, level: usize) -> Bullet {
    match marker {
        Marker::None => Bullet::None,
        Marker::Shape(shape) => {
            Bullet::Char { char: bullet_char(slide.theme.bullet(level)), color: shape.color, x: shape.x, w: shape.w }
        }
        Marker::Text(line) => {
            let Some(run) = line.runs.first() else { return Bullet::None };
            let text: String = line.runs.iter().map(|r| r.text.as_str()).collect();
            match (start, text.trim_end_matches(['.', ')']).parse::<u64>()) {
                (Some(start), Ok(_)) => Bullet::Number {
                    start: start.max(1),
                    paren: text.ends_with(')'),
                    color: run.color,
                    size: 100.0,
                    x: line.runs.iter().map(|r| r.x).fold(f32::MAX, f32::min),
                    w: line.runs.iter().map(|r| r.width).sum(),
                },
                _ => Bullet::Char {
                    char: text.chars().next().unwrap_or('•'),
                    color: run.color,
                    x: run.x,
                    w: line.runs.iter().map(|r| r.width).sum(),
                },
            }
        }
    }
}

/// The footer: each stretch of text apart from the others in a box of
/// its own (the deck's footer on the left, the page number on the right).
fn footer(slide: &mut Slide, lines: &[TextLine]) {
    for line in lines {
        let mut parts: Vec<TextLine> = Vec::new();
        for run in &line.runs {
            let apart = parts
                .last()
                .and_then(|p| p.runs.last())
                .is_none_or(|last| run.x - (last.x + last.width) > 2.0 * run.size);
            if apart {
                parts.push(TextLine::default());
            }
            if let Some(part) = parts.last_mut() {
                part.runs.push(run.clone());
            }
        }
        for part in &parts {
            text_box(slide, Kind::Footer, &[Para::plain(std::slice::from_ref(part))]);
        }
    }
}

/// A decoration: a filled rectangle or ellipse, or an ellipse's outline.
fn shape(slide: &mut Slide, shape: &Shape) {
    let id = slide.next_id();
    let xml = &mut slide.xml;
    xml.open("p:sp", &[]);
    draw::nv_shape(xml, id, &format!("Shape {id}"), false, None);
    xml.open("p:spPr", &[]);
    let rect = Rect { x: shape.x, y: shape.y, w: shape.w, h: shape.h };
    match &shape.kind {
        ShapeKind::Rect => {
            draw::xfrm(xml, rect);
            draw::geometry(xml, "rect");
            draw::solid(xml, shape.color);
            xml.open("a:ln", &[]);
            xml.empty("a:noFill", &[]);
            xml.close();
        }
        ShapeKind::Disc => {
            draw::xfrm(xml, rect);
            draw::geometry(xml, "ellipse");
            draw::solid(xml, shape.color);
            xml.open("a:ln", &[]);
            xml.empty("a:noFill", &[]);
            xml.close();
        }
        ShapeKind::Ring { stroke } => {
            // A line is drawn centred on the outline: move it in by half.
            let (stroke, half) = (*stroke, stroke / 2.0);
            draw::xfrm(xml, Rect { x: rect.x + half, y: rect.y + half, w: rect.w - stroke, h: rect.h - stroke });
            draw::geometry(xml, "ellipse");
            xml.empty("a:noFill", &[]);
            xml.open("a:ln", &[("w", &emu(stroke))]);
            draw::solid(xml, shape.color);
            xml.close();
        }
        ShapeKind::Path(outline) => {
            draw::xfrm(xml, rect);
            draw::custom(xml, rect, outline);
            match outline.stroke {
                Some(width) => {
                    xml.empty("a:noFill", &[]);
                    xml.open("a:ln", &[("w", &emu(width)), ("cap", &"rnd")]);
                    draw::solid(xml, shape.color);
                    xml.empty("a:round", &[]);
                    xml.close();
                }
                None => {
                    draw::solid(xml, shape.color);
                    xml.open("a:ln", &[]);
                    xml.empty("a:noFill", &[]);
                    xml.close();
                }
            }
        }
    }
    xml.close();
    xml.close();
}
