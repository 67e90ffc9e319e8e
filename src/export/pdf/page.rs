//! One page's content stream: background, shapes, then text and pictures
//! in reading order; the links over its text.

use std::collections::BTreeMap;

use pdf_writer::{Content, Name, Str, TextStr};

use super::fonts::Subset;
use super::tags::{self, Tags};
use crate::images::ImageId;
use crate::layout::{Item, Marker, Node, Page, Shape, ShapeKind, TextLine, TextRun};
use crate::model::Target;
use crate::text::FontId;
use crate::theme::Color;

/// Fonts and pictures registered in the document.
pub struct Resources<'a> {
    /// Font subsets by face.
    pub subsets: &'a BTreeMap<FontId, Subset>,
    /// Picture XObjects' resource names.
    pub pictures: &'a BTreeMap<ImageId, String>,
}

/// Where a slide is drawn on a larger sheet: scaled by `scale`, its
/// top-left corner at (`x`, `y`) pt from the sheet's top-left.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    /// Scale factor.
    pub scale: f32,
    /// Left, pt.
    pub x: f32,
    /// Top, pt.
    pub y: f32,
}

/// One page as drawn: its size, content stream, links and structure.
pub struct Drawn {
    /// Width and height, pt.
    pub size: (f32, f32),
    /// The content stream.
    pub content: Vec<u8>,
    /// Links over its text.
    pub links: Vec<Link>,
    /// Its structure, when it is tagged.
    pub tags: Option<Tags>,
}

/// An empty content stream, written compactly.
pub fn content() -> Content {
    Content::with_settings(pdf_writer::Settings { pretty: false })
}

/// One slide page, tagged.
pub fn page(page: &Page, resources: &Resources) -> Drawn {
    let mut out = content();
    let mut tags = Tags::default();
    let links = slide(&mut out, page, resources, None, page.size.1, &mut tags);
    Drawn { size: page.size, content: out.finish().into_vec(), links, tags: Some(tags) }
}

/// Where a link annotation goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Goes {
    /// A URL.
    Uri(String),
    /// The page with this number, as printed on it.
    Page(usize),
}

/// A link: its target and its box in PDF space (origin bottom-left:
/// left, bottom, right, top).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Where it goes.
    pub target: Goes,
    /// Left, bottom, right, top, pt.
    pub rect: [f32; 4],
    /// The linked text: the annotation's description for screen readers.
    pub text: String,
}

/// Draw a slide page, at its own size or placed on a sheet `sheet_height`
/// tall; returns its links in the sheet's space.
pub fn slide(
    out: &mut Content,
    page: &Page,
    resources: &Resources,
    at: Option<Placement>,
    sheet_height: f32,
    tags: &mut Tags,
) -> Vec<Link> {
    let (width, height) = page.size;
    if let Some(p) = at {
        out.save_state();
        out.transform([p.scale, 0.0, 0.0, p.scale, p.x, sheet_height - p.y - height * p.scale].map(round));
    }
    tags::begin_artifact(out);
    fill_rect(
        out,
        height,
        Shape { kind: ShapeKind::Rect, x: 0.0, y: 0.0, w: width, h: height, color: page.background },
    );
    for image in &page.artwork {
        if let Some(resource) = resources.pictures.get(&image.id) {
            super::images::draw(out, height, image, resource);
        }
    }
    out.end_marked_content();
    let links = nodes(out, &page.nodes, height, resources, tags);
    if at.is_some() {
        out.restore_state();
    }
    let Some(p) = at else { return links };
    let bottom = sheet_height - p.y - height * p.scale;
    let x = |v: f32| p.x + v * p.scale;
    let y = |v: f32| bottom + v * p.scale;
    links
        .into_iter()
        .map(|Link { target, rect: [l, b, r, t], text }| Link { target, rect: [x(l), y(b), x(r), y(t)], text })
        .collect()
}

/// Draw nodes on a surface `height` tall: decorations first (marked as
/// artifacts), then pictures and text in reading order, each marked as the
/// content of its structure element in `tags`. Returns the links over
/// their text.
pub fn nodes(out: &mut Content, list: &[Node], height: f32, resources: &Resources, tags: &mut Tags) -> Vec<Link> {
    tags::begin_artifact(out);
    visit_shapes(list, &mut |shape| draw_shape(out, height, shape));
    out.end_marked_content();
    let mut links = Vec::new();
    let mut surface = Surface { out, height, resources, tags, links: &mut links };
    surface.walk(list, None);
    links
}

/// What drawing in reading order needs at hand.
struct Surface<'o, 'r> {
    out: &'o mut Content,
    height: f32,
    resources: &'o Resources<'r>,
    tags: &'o mut Tags,
    links: &'o mut Vec<Link>,
}

impl Surface<'_, '_> {
    fn walk(&mut self, list: &[Node], parent: Option<usize>) {
        for node in list {
            match node {
                Node::Shape(_) => {}
                Node::Heading { level, lines } => {
                    let role = ["H1", "H2", "H3", "H4", "H5", "H6"][(*level as usize).clamp(1, 6) - 1];
                    let elem = self.tags.open(role, parent);
                    self.text(lines, Some(elem));
                }
                Node::Paragraph(lines) => {
                    let elem = self.tags.open("P", parent);
                    self.text(lines, Some(elem));
                }
                Node::Code(lines) => {
                    let elem = self.tags.open("Code", parent);
                    self.text(lines, Some(elem));
                }
                Node::Footer(lines) => self.text(lines, None),
                Node::List { items, .. } => {
                    let list_elem = self.tags.open("L", parent);
                    for item in items {
                        let li = self.tags.open("LI", Some(list_elem));
                        if let Marker::Text(line) = &item.marker {
                            let label = self.tags.open("Lbl", Some(li));
                            self.text(std::slice::from_ref(line), Some(label));
                        }
                        let body = self.tags.open("LBody", Some(li));
                        self.walk(&item.children, Some(body));
                    }
                }
                Node::Quote(children) => {
                    let quote = self.tags.open("BlockQuote", parent);
                    self.walk(children, Some(quote));
                }
                Node::Table(rows) => {
                    let table = self.tags.open("Table", parent);
                    for (r, row) in rows.iter().enumerate() {
                        let tr = self.tags.open("TR", Some(table));
                        for cell in row {
                            let td = self.tags.open(if r == 0 { "TH" } else { "TD" }, Some(tr));
                            self.text(cell, Some(td));
                        }
                    }
                }
                Node::Image(image) => {
                    let Some(resource) = self.resources.pictures.get(&image.id) else { continue };
                    let figure = self.tags.open("Figure", parent);
                    if let Some(e) = self.tags.elems.get_mut(figure) {
                        e.alt = Some(image.alt.clone());
                    }
                    self.tags.begin(self.out, figure);
                    super::images::draw(self.out, self.height, image, resource);
                    self.out.end_marked_content();
                }
            }
        }
    }

    /// Lines as one text object, marked as `elem`'s content (or as an
    /// artifact: footers).
    fn text(&mut self, lines: &[TextLine], elem: Option<usize>) {
        match elem {
            Some(elem) => self.tags.begin(self.out, elem),
            None => tags::begin_artifact(self.out),
        }
        self.out.begin_text();
        for run in lines.iter().flat_map(|l| &l.runs) {
            if let Some(subset) = self.resources.subsets.get(&run.font) {
                show(self.out, self.height, run, subset);
            }
            let Some(link) = &run.link else { continue };
            let target = match &link.target {
                Target::Url(url) => Goes::Uri(url.clone()),
                Target::Page(number) => Goes::Page(*number),
                // Layout turns these into pages.
                Target::Slide(_) => continue,
            };
            let baseline = self.height - run.y;
            let rect = [run.x, baseline - link.below, run.x + run.width, baseline + link.above];
            self.links.push(Link { target, rect, text: run.text.clone() });
        }
        self.out.end_text();
        self.out.end_marked_content();
    }
}

/// One run: its glyphs with TJ offsets that put each glyph exactly where
/// the shaper placed it, measured against the widths written in /W. A
/// glyph no font has (id 0) is shown on its own, marked with its
/// /ActualText so that text extraction still gets the character.
fn show(out: &mut Content, height: f32, run: &TextRun, subset: &Subset) {
    out.set_font(Name(subset.resource.as_bytes()), round(run.size));
    fill_color(out, run.color);
    // Where the shaper put each glyph's origin.
    let mut origins = Vec::with_capacity(run.glyphs.len());
    let mut pen = run.x;
    for glyph in &run.glyphs {
        origins.push(pen + glyph.offset_x);
        pen += glyph.advance;
    }
    let mut start = 0;
    while start < run.glyphs.len() {
        let missing = run.glyphs[start].id == 0;
        let end = if missing {
            start + 1
        } else {
            run.glyphs[start..].iter().position(|g| g.id == 0).map_or(run.glyphs.len(), |p| start + p)
        };
        if missing {
            out.begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .actual_text(TextStr(run.glyph_text(start)));
        }
        segment(out, height, run, subset, &origins, start..end);
        if missing {
            out.end_marked_content();
        }
        start = end;
    }
}

/// The largest gap, in thousandths of an em, left between where the viewer
/// draws a glyph and where the shaper put it (0.0022 pt at 44 pt).
const DRIFT: f32 = 0.05;

/// Glyphs `range` of a run, from the origin of the first.
fn segment(
    out: &mut Content,
    height: f32,
    run: &TextRun,
    subset: &Subset,
    origins: &[f32],
    range: std::ops::Range<usize>,
) {
    let per_unit = run.size / 1000.0;
    let first = origins[range.start];
    let mut pen = first; // where the viewer will draw the next glyph
    out.set_text_matrix([1.0, 0.0, 0.0, 1.0, round(first), round(height - run.y)]);
    let mut shown = out.show_positioned();
    let mut items = shown.items();
    // Two-byte codes without a correction between them share one string.
    let mut codes = Vec::with_capacity(range.len() * 2);
    for i in range.clone() {
        let glyph = run.glyphs[i];
        let (code, width) = subset.code_and_width(glyph.id);
        pen += width * per_unit;
        // Kerning needs a correction; the widths' rounding to 0.01 does not
        // until it adds up to DRIFT (the pen keeps the viewer's position, so
        // the error never grows past it).
        let gap = origins.get(i + 1).filter(|_| i + 1 < range.end).map_or(0.0, |next_at| (pen - next_at) / per_unit);
        let offset = if gap.abs() >= DRIFT { (gap * 100.0).round() / 100.0 } else { 0.0 };
        pen -= offset * per_unit;
        // TJ numbers move the pen back: a positive one moves the next glyph left.
        codes.extend_from_slice(&code.to_be_bytes());
        if offset != 0.0 {
            items.show(Str(&codes));
            items.adjust(offset);
            codes.clear();
        }
    }
    if !codes.is_empty() {
        items.show(Str(&codes));
    }
}

fn visit_shapes(nodes: &[Node], f: &mut impl FnMut(Shape)) {
    for node in nodes {
        match node {
            Node::Shape(shape) => f(*shape),
            Node::List { items, .. } => items.iter().for_each(|item: &Item| {
                if let Marker::Shape(shape) = item.marker {
                    f(shape);
                }
                visit_shapes(&item.children, f);
            }),
            Node::Quote(children) => visit_shapes(children, f),
            _ => {}
        }
    }
}

fn draw_shape(out: &mut Content, height: f32, shape: Shape) {
    match shape.kind {
        ShapeKind::Rect => fill_rect(out, height, shape),
        ShapeKind::Disc => {
            fill_color(out, shape.color);
            ellipse(out, height, shape);
            out.fill_nonzero();
        }
        ShapeKind::Ring { stroke } => {
            let inset = Shape {
                x: shape.x + stroke / 2.0,
                y: shape.y + stroke / 2.0,
                w: shape.w - stroke,
                h: shape.h - stroke,
                ..shape
            };
            let Color { r, g, b } = shape.color;
            out.set_stroke_rgb(channel(r), channel(g), channel(b));
            out.set_line_width(round(stroke));
            ellipse(out, height, inset);
            out.stroke();
        }
    }
}

fn fill_rect(out: &mut Content, height: f32, s: Shape) {
    fill_color(out, s.color);
    out.rect(round(s.x), round(height - s.y - s.h), round(s.w), round(s.h));
    out.fill_nonzero();
}

fn fill_color(out: &mut Content, Color { r, g, b }: Color) {
    out.set_fill_rgb(channel(r), channel(g), channel(b));
}

/// A colour channel to 1/10,000: what 8 bits need, in few digits.
fn channel(value: u8) -> f32 {
    (f32::from(value) / 255.0 * 10_000.0).round() / 10_000.0
}

/// A length to 0.001 pt, far below what a page can show: pdf-writer
/// writes each number's shortest form, and these stay short.
pub(super) fn round(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}

/// An ellipse in the shape's box as four Bézier arcs, closed.
fn ellipse(out: &mut Content, height: f32, s: Shape) {
    const K: f32 = 0.552_284_8;
    let (rx, ry) = (s.w / 2.0, s.h / 2.0);
    let (cx, cy) = (s.x + rx, height - s.y - ry);
    let (kx, ky) = (rx * K, ry * K);
    let curve = |out: &mut Content, points: [f32; 6]| {
        let [x1, y1, x2, y2, x3, y3] = points.map(round);
        out.cubic_to(x1, y1, x2, y2, x3, y3);
    };
    out.move_to(round(cx + rx), round(cy));
    curve(out, [cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry]);
    curve(out, [cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy]);
    curve(out, [cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry]);
    curve(out, [cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy]);
    out.close_path();
}
