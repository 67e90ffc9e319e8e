//! What layout hands to the exporters: pages of positioned nodes. Every
//! coordinate is in pt from the page's top-left corner, y pointing down;
//! text is placed by its baseline. Exporters take all of it as given.

use std::sync::Arc;

use crate::images::ImageId;
pub use crate::math::Segment;
use crate::model::{Layout, Target};
use crate::text::{FontId, Glyph};
use crate::theme::Color;

/// One output page (a slide, or one part of a continued slide).
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// 1-based page number, as shown in the footer.
    pub number: usize,
    /// Index of the slide in the deck.
    pub slide: usize,
    /// 1-based part of the slide and how many parts it has.
    pub part: (usize, usize),
    /// The slide's layout.
    pub layout: Layout,
    /// Plain title as shown (with "(2/3)"), for outlines and labels.
    pub title: String,
    /// Body scale chosen by `overflow = "shrink"` (1 = as themed).
    pub scale: f32,
    /// Page size, pt.
    pub size: (f32, f32),
    /// Page background.
    pub background: Color,
    /// Pictures from the theme (a background picture, the logo), drawn
    /// under everything else; decoration, not content.
    pub artwork: Vec<ImageBox>,
    /// Content in drawing order.
    pub nodes: Vec<Node>,
    /// Speaker notes of the slide, as read (empty: none).
    pub notes: Vec<crate::model::Block>,
    /// Steps in which this page's list items appear (`reveal = "items"`);
    /// 0 when everything shows at once.
    pub steps: usize,
    /// Which step this page shows, for `deck build --steps`; 0 for all.
    pub step: usize,
    /// The slide's language when it is not the deck's (the HTML's
    /// `<section lang>`; each right-to-left run carries its own `dir`).
    pub lang: Option<String>,
}

/// A positioned piece of a page, keeping the structure of the content.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Decoration: bands, rules, underlines.
    Shape(Shape),
    /// The slide's title (level 1 on title slides, 2 elsewhere).
    Heading {
        /// Heading level for the HTML.
        level: u8,
        /// Its lines.
        lines: Vec<TextLine>,
    },
    /// A paragraph (or subtitle, label, author line).
    Paragraph(Vec<TextLine>),
    /// A list.
    List {
        /// `Some(n)`: numbered, the first item on this page is number n.
        start: Option<u64>,
        /// Items in order.
        items: Vec<Item>,
    },
    /// A code block: its background is a `Shape` drawn before it.
    Code(Vec<TextLine>),
    /// A block quote.
    Quote(Vec<Node>),
    /// A table: rows of cells.
    Table(Vec<Vec<Vec<TextLine>>>),
    /// The footer: deck footer text and page number.
    Footer(Vec<TextLine>),
    /// A picture.
    Image(ImageBox),
}

/// A placed picture.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageBox {
    /// The decoded picture.
    pub id: ImageId,
    /// The whole picture's box: left, top, width, height, pt.
    pub x: f32,
    /// Top, pt.
    pub y: f32,
    /// Width, pt.
    pub w: f32,
    /// Height, pt.
    pub h: f32,
    /// The visible part, when the box is cropped (`fit = "cover"`).
    pub clip: Option<Shape>,
    /// Text describing the picture.
    pub alt: String,
    /// Text deck sets over the picture: a diagram's labels, lifted out of
    /// its drawing in the PDF so that they are text there.
    pub text: Vec<TextLine>,
}

/// One list item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The bullet or number.
    pub marker: Marker,
    /// The item's content.
    pub children: Vec<Node>,
    /// On a slide revealed item by item, the step that shows it (1 for
    /// the first); 0 when it shows from the start.
    pub step: usize,
}

/// A list item's marker.
#[derive(Debug, Clone, PartialEq)]
pub enum Marker {
    /// None on this page: the item began on the page before.
    None,
    /// A drawn bullet.
    Shape(Shape),
    /// A number such as "3.".
    Text(TextLine),
}

/// A line of text: runs of one style each.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextLine {
    /// Runs left to right.
    pub runs: Vec<TextRun>,
    /// Its paragraph reads right to left (its runs in reading order are
    /// the reverse of these; it starts at the right).
    pub rtl: bool,
}

/// Glyphs in one face, size and colour, placed at a baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge, pt.
    pub x: f32,
    /// Baseline, pt from the top.
    pub y: f32,
    /// Face.
    pub font: FontId,
    /// Size, pt.
    pub size: f32,
    /// Fill colour.
    pub color: Color,
    /// The text shown.
    pub text: String,
    /// Shaped glyphs in visual order; clusters are byte offsets into `text`.
    pub glyphs: Vec<Glyph>,
    /// Set right to left: `text` is in reading order, `glyphs` are not.
    pub rtl: bool,
    /// The link over the run, when it is linked.
    pub link: Option<RunLink>,
    /// Struck through.
    pub strike: bool,
    /// Total advance, pt.
    pub width: f32,
    /// The LaTeX source of the formula this run is a glyph of: the runs
    /// of one formula share it (one allocation), and are one formula to
    /// readers (a tagged /Formula with this as its alternate text, an
    /// element with role "math" in the HTML).
    pub formula: Option<Arc<str>>,
}

impl TextRun {
    /// Whether the run is a glyph of `formula` (both `None`: neither is a
    /// formula's): the runs of one formula share its source's allocation.
    pub fn in_formula(&self, formula: Option<&Arc<str>>) -> bool {
        match (formula, &self.formula) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }

    /// The text glyph `i` stands for: its cluster for the first glyph of a
    /// cluster, nothing for the rest (so a ligature maps back to "fi").
    pub fn glyph_text(&self, i: usize) -> &str {
        let glyph = self.glyphs[i];
        if i > 0 && self.glyphs[i - 1].cluster == glyph.cluster {
            return "";
        }
        // The next cluster in reading order: the following glyph's in a
        // left-to-right run, an earlier glyph's in a right-to-left one.
        let end = self.glyphs[i + 1..]
            .iter()
            .map(|g| g.cluster)
            .find(|&c| c > glyph.cluster)
            .or_else(|| self.glyphs[..i].iter().map(|g| g.cluster).filter(|&c| c > glyph.cluster).min())
            .unwrap_or(self.text.len());
        self.text.get(glyph.cluster..end).unwrap_or("")
    }
}

/// A link over a run: where it goes, and how far its box reaches above
/// and below the baseline (the face's ascender and descender at the run's
/// size), so that it covers exactly the linked text.
#[derive(Debug, Clone, PartialEq)]
pub struct RunLink {
    /// Where it goes.
    pub target: Target,
    /// Above the baseline, pt.
    pub above: f32,
    /// Below the baseline, pt.
    pub below: f32,
}

/// A filled or stroked shape.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// Geometry.
    pub kind: ShapeKind,
    /// Left, pt.
    pub x: f32,
    /// Top, pt.
    pub y: f32,
    /// Width, pt.
    pub w: f32,
    /// Height, pt.
    pub h: f32,
    /// Fill (or stroke, for rings).
    pub color: Color,
}

/// Shape geometry.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// A rectangle.
    Rect,
    /// A filled ellipse in the box.
    Disc,
    /// An ellipse outline inside the box.
    Ring {
        /// The outline's width, pt, drawn inside the box.
        stroke: f32,
    },
    /// An outline (a formula's radical sign, stretched delimiter or
    /// brace), shared: shapes are copied as pages are put together.
    Path(Arc<Outline>),
}

/// An outline's segments in pt from its shape's top-left corner, filled
/// (each subpath on its own, non-zero) or stroked.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// Its segments.
    pub segments: Vec<Segment>,
    /// Stroke width, pt; `None`: filled.
    pub stroke: Option<f32>,
}

impl Node {
    /// Move the node down by `dy` and right by `dx`.
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Node::Shape(s) => s.shift(dx, dy),
            Node::Heading { lines, .. } | Node::Paragraph(lines) | Node::Code(lines) | Node::Footer(lines) => {
                lines.iter_mut().for_each(|l| l.shift(dx, dy))
            }
            Node::List { items, .. } => {
                for item in items {
                    match &mut item.marker {
                        Marker::Shape(s) => s.shift(dx, dy),
                        Marker::Text(l) => l.shift(dx, dy),
                        Marker::None => {}
                    }
                    item.children.iter_mut().for_each(|c| c.shift(dx, dy));
                }
            }
            Node::Quote(children) => children.iter_mut().for_each(|c| c.shift(dx, dy)),
            Node::Image(image) => {
                image.x += dx;
                image.y += dy;
                image.text.iter_mut().for_each(|l| l.shift(dx, dy));
                if let Some(clip) = &mut image.clip {
                    clip.shift(dx, dy);
                }
            }
            Node::Table(rows) => rows.iter_mut().flatten().flatten().for_each(|l| l.shift(dx, dy)),
        }
    }
}

impl TextLine {
    fn shift(&mut self, dx: f32, dy: f32) {
        for run in &mut self.runs {
            run.x += dx;
            run.y += dy;
        }
    }
}

impl Shape {
    fn shift(&mut self, dx: f32, dy: f32) {
        self.x += dx;
        self.y += dy;
    }
}

/// Call `f` on the level of every heading of `nodes`, nested ones included.
pub fn headings_mut(nodes: &mut [Node], f: &mut impl FnMut(&mut u8)) {
    for node in nodes {
        match node {
            Node::Heading { level, .. } => f(level),
            Node::List { items, .. } => items.iter_mut().for_each(|item| headings_mut(&mut item.children, f)),
            Node::Quote(children) => headings_mut(children, f),
            _ => {}
        }
    }
}

impl Page {
    /// Call `f` on every text line the page draws: the text lifted out
    /// of its artwork's drawings (a logo's name), then its nodes' lines in
    /// reading order.
    pub fn visit_lines<'a>(&'a self, f: &mut impl FnMut(&'a TextLine)) {
        self.artwork.iter().flat_map(|a| &a.text).for_each(&mut *f);
        visit_lines(&self.nodes, f);
    }

    /// Its artwork whose drawing had text lifted out of it, as nodes: for
    /// walks over everything a document draws in words.
    pub fn artwork_with_text(&self) -> impl Iterator<Item = Node> + '_ {
        self.artwork.iter().filter(|a| !a.text.is_empty()).cloned().map(Node::Image)
    }
}

/// Call `f` on every text line of `nodes`, in reading order.
pub fn visit_lines<'a>(nodes: &'a [Node], f: &mut impl FnMut(&'a TextLine)) {
    for node in nodes {
        match node {
            Node::Shape(_) => {}
            Node::Image(image) => image.text.iter().for_each(&mut *f),
            Node::Heading { lines, .. } | Node::Paragraph(lines) | Node::Code(lines) | Node::Footer(lines) => {
                lines.iter().for_each(&mut *f)
            }
            Node::List { items, .. } => items.iter().for_each(|item| visit_item(item, f)),
            Node::Quote(children) => visit_lines(children, f),
            Node::Table(rows) => rows.iter().flatten().flatten().for_each(&mut *f),
        }
    }
}

fn visit_item<'a>(item: &'a Item, f: &mut impl FnMut(&'a TextLine)) {
    if let Marker::Text(line) = &item.marker {
        f(line);
    }
    visit_lines(&item.children, f);
}

/// Call `f` on every picture of `nodes`.
pub fn visit_images(nodes: &[Node], f: &mut impl FnMut(&ImageBox)) {
    for node in nodes {
        match node {
            Node::Image(image) => f(image),
            Node::List { items, .. } => items.iter().for_each(|item| visit_images(&item.children, f)),
            Node::Quote(children) => visit_images(children, f),
            _ => {}
        }
    }
}

/// Call `f` on every text run of `nodes`, markers included.
pub fn runs_mut(nodes: &mut [Node], f: &mut impl FnMut(&mut TextRun)) {
    let lines = |lines: &mut [TextLine], f: &mut dyn FnMut(&mut TextRun)| {
        lines.iter_mut().flat_map(|l| l.runs.iter_mut()).for_each(f)
    };
    for node in nodes {
        match node {
            Node::Shape(_) | Node::Image(_) => {}
            Node::Heading { lines: l, .. } | Node::Paragraph(l) | Node::Code(l) | Node::Footer(l) => lines(l, f),
            Node::List { items, .. } => {
                for item in items {
                    if let Marker::Text(line) = &mut item.marker {
                        line.runs.iter_mut().for_each(&mut *f);
                    }
                    runs_mut(&mut item.children, f);
                }
            }
            Node::Quote(children) => runs_mut(children, f),
            Node::Table(rows) => rows.iter_mut().flatten().for_each(|cell| lines(cell, f)),
        }
    }
}
