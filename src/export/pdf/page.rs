//! One page's content stream: background, shapes, then text and pictures
//! in reading order; the links over its text.

use std::collections::BTreeMap;

use pdf_writer::Content;

use super::fonts::Subset;
use super::glyphs::show;
use super::paint::{draw_picture, draw_shape, fill_rect, round};
use super::tags::{self, Tags};
use crate::images::{ImageId, Part};
use crate::layout::{ImageBox, Item, Marker, Node, Page, Shape, ShapeKind, TextLine};
use crate::model::Target;
use crate::text::FontId;

/// Fonts and pictures registered in the document.
pub struct Resources<'a> {
    /// Font subsets by face.
    pub subsets: &'a BTreeMap<FontId, Subset>,
    /// Picture XObjects' resource names, and the part of each picture
    /// its pixels show.
    pub pictures: &'a BTreeMap<ImageId, (String, Part)>,
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
    let mut tags = Tags { lang: page.lang.clone(), ..Tags::default() };
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
            draw_picture(out, height, image, resource);
        }
    }
    out.end_marked_content();
    let links = nodes(out, &page.artwork, &page.nodes, height, resources, tags);
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

/// Draw nodes on a surface `height` tall, over its `artwork` (drawn
/// already): decorations first (marked as artifacts), then the text lifted
/// out of the artwork's drawings (a logo's name, artifacts too), then
/// pictures and text in reading order, each marked as the content of its
/// structure element in `tags`. Returns the links over their text.
pub fn nodes(
    out: &mut Content,
    artwork: &[ImageBox],
    list: &[Node],
    height: f32,
    resources: &Resources,
    tags: &mut Tags,
) -> Vec<Link> {
    tags::begin_artifact(out);
    visit_shapes(list, &mut |shape| draw_shape(out, height, shape));
    out.end_marked_content();
    let mut links = Vec::new();
    let mut surface = Surface { out, height, resources, tags, links: &mut links };
    for image in artwork {
        surface.picture_text(image, None);
    }
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
                    draw_picture(self.out, self.height, image, resource);
                    self.out.end_marked_content();
                    self.picture_text(image, Some(figure));
                }
            }
        }
    }

    /// The text lifted out of a picture's drawing (a chart's labels), set
    /// over it as `elem`'s content, and cropped with the picture.
    fn picture_text(&mut self, image: &ImageBox, elem: Option<usize>) {
        if image.text.is_empty() {
            return;
        }
        let Some(clip) = &image.clip else { return self.text(&image.text, elem) };
        self.out.save_state();
        self.out.rect(round(clip.x), round(self.height - clip.y - clip.h), round(clip.w), round(clip.h));
        self.out.clip_nonzero();
        self.out.end_path();
        self.text(&image.text, elem);
        self.out.restore_state();
    }

    /// Lines as one text object, marked as `elem`'s content (or as an
    /// artifact: footers).
    fn text(&mut self, lines: &[TextLine], elem: Option<usize>) {
        match elem {
            Some(elem) => self.tags.begin(self.out, elem),
            None => tags::begin_artifact(self.out),
        }
        self.out.begin_text();
        let mut emoji = Vec::new();
        // The formula whose glyphs are being drawn: its own marked content,
        // a /Formula element with its source as alternate text.
        let mut formula: Option<&std::sync::Arc<str>> = None;
        for run in lines.iter().flat_map(|l| &l.runs) {
            if !run.in_formula(formula)
                && let Some(elem) = elem
            {
                // Marked content cannot cross the text object's bounds.
                self.out.end_text();
                self.out.end_marked_content();
                match &run.formula {
                    Some(source) => {
                        let math = self.tags.open("Formula", Some(elem));
                        if let Some(e) = self.tags.elems.get_mut(math) {
                            e.alt = Some(source.to_string());
                        }
                        self.tags.begin(self.out, math);
                    }
                    None => self.tags.begin(self.out, elem),
                }
                self.out.begin_text();
            }
            formula = run.formula.as_ref();
            if let Some(subset) = self.resources.subsets.get(&run.font) {
                show(self.out, self.height, run, subset);
                if let Some(bitmaps) = &subset.bitmaps {
                    emoji.extend(super::glyphs::pictures(self.height, run, subset, bitmaps));
                }
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
        // Pictures are drawn outside the text object, which cannot hold them.
        for (name, matrix) in &emoji {
            self.out.save_state().transform(*matrix).x_object(pdf_writer::Name(name.as_bytes())).restore_state();
        }
        self.out.end_marked_content();
    }
}

fn visit_shapes(nodes: &[Node], f: &mut impl FnMut(Shape)) {
    for node in nodes {
        match node {
            Node::Shape(shape) => f(shape.clone()),
            Node::List { items, .. } => items.iter().for_each(|item: &Item| {
                if let Marker::Shape(shape) = &item.marker {
                    f(shape.clone());
                }
                visit_shapes(&item.children, f);
            }),
            Node::Quote(children) => visit_shapes(children, f),
            _ => {}
        }
    }
}
