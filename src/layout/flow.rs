//! Body content into rows: the units pagination moves between pages. A
//! row is one line of a paragraph, code block or item, one table row, or
//! one rule, laid out from its own top; its `path` says which lists,
//! items, quotes, code blocks and tables it sits in, so that each page can
//! rebuild the structure from the rows it got.

use super::frame::{ImageBox, Marker, Node, Shape, ShapeKind, TextLine};
use super::highlight;
use super::typeset::{Align, SetText, Spec, Typesetter};
use crate::diag::Span;
use crate::model::{Block, Inline, ListItem, TableAlign};
use crate::text::FontStyle;
use crate::theme::{BulletShape, Color};

/// A container rows sit in; `id` tells two containers of one kind apart.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// A list; `start` is the number of its first item, for ordered lists.
    List { id: usize, start: Option<u64> },
    /// One list item; `number` for ordered lists; `step` for the items of
    /// top-level lists (1, 2, …), 0 for nested ones.
    Item { id: usize, number: Option<u64>, step: usize },
    /// A paragraph (or heading when `heading` is set).
    Para { id: usize, heading: Option<u8> },
    /// A block quote with its bar at `x`.
    Quote { id: usize, x: f32, color: Color },
    /// A code block's box.
    Code { id: usize, x: f32, w: f32, color: Color },
    /// A table.
    Table { id: usize },
}

impl Frame {
    fn id(&self) -> (u8, usize) {
        match self {
            Frame::List { id, .. } => (0, *id),
            Frame::Item { id, .. } => (1, *id),
            Frame::Para { id, .. } => (2, *id),
            Frame::Quote { id, .. } => (3, *id),
            Frame::Code { id, .. } => (4, *id),
            Frame::Table { id } => (5, *id),
        }
    }

    /// Whether two frames are the same container.
    pub fn same(&self, other: &Frame) -> bool {
        self.id() == other.id()
    }
}

/// What a row shows.
#[derive(Debug, Clone)]
pub enum Content {
    /// A line of text.
    Line(TextLine),
    /// One table row: cells of lines.
    Cells(Vec<Vec<TextLine>>),
    /// A drawn shape only (a rule).
    Shape(Shape),
    /// A picture.
    Image(ImageBox),
}

/// One unit of pagination, laid out from its own top (y = 0).
#[derive(Debug, Clone)]
pub struct Row {
    /// Containers, outermost first.
    pub path: Vec<Frame>,
    /// Its content.
    pub content: Content,
    /// The list marker, on an item's first row.
    pub marker: Option<Marker>,
    /// Underlines, strike-through bars, table rules.
    pub decorations: Vec<Shape>,
    /// Height, pt.
    pub height: f32,
    /// Space above it when something precedes it on the page, pt.
    pub gap_before: f32,
    /// It starts a block or item (pages break here by preference).
    pub boundary: bool,
    /// Never end a page with this row (headings, parents of nested lists).
    pub keep_with_next: bool,
    /// A table's header row, repeated on each page the table continues on.
    pub header: bool,
    /// Right edge of its content, pt from the body's left.
    pub right: f32,
}

/// How the body of one slide is set.
#[derive(Debug, Clone, Copy)]
pub struct BodyStyle {
    /// Multiplies every size (shrink steps, larger type of some layouts).
    pub scale: f32,
    /// Space between top-level items, in ems of the level-1 size.
    pub item_gap: f32,
    /// Colour of plain text.
    pub color: Color,
}

/// Lays out the body of one slide.
pub struct Flow<'t, 'a> {
    /// The slide's typesetter.
    pub ts: &'t mut Typesetter<'a>,
    /// Width of the body box, pt.
    pub width: f32,
    /// Body settings.
    pub style: BodyStyle,
    /// Tallest a picture may be: the page's body height, pt.
    pub max_height: f32,
    /// Next container id.
    pub next_id: usize,
    /// Whether top-level list items are steps (`reveal = "items"`).
    pub reveal: bool,
    /// Top-level list items so far, when they are steps.
    pub items: usize,
}

/// Where a block goes: its containers, left edge, width, list level, colour.
#[derive(Clone)]
struct Place {
    path: Vec<Frame>,
    x: f32,
    width: f32,
    level: usize,
    color: Color,
}

impl Flow<'_, '_> {
    /// A flow for a body box of `width` × `max_height` pt.
    pub fn new<'t, 'a>(ts: &'t mut Typesetter<'a>, width: f32, max_height: f32, style: BodyStyle) -> Flow<'t, 'a> {
        Flow { ts, width, style, max_height, next_id: 0, reveal: false, items: 0 }
    }

    fn id(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    fn size(&self, level: usize) -> f32 {
        self.ts.theme.body_size(level) * self.style.scale
    }

    fn spec(&self, level: usize, color: Color) -> Spec {
        Spec {
            style: FontStyle::default(),
            size: self.size(level),
            color,
            line_height: self.ts.theme.line_height,
            align: Align::Left,
        }
    }

    /// Make the body's top-level list items steps, numbered from 1.
    pub fn revealed(mut self, reveal: bool) -> Self {
        self.reveal = reveal;
        self
    }

    /// The rows of a body.
    pub fn rows(&mut self, blocks: &[Block]) -> Vec<Row> {
        let place = Place { path: Vec::new(), x: 0.0, width: self.width, level: 0, color: self.style.color };
        let mut rows = Vec::new();
        let gap = self.size(0) * 0.6;
        self.blocks(blocks, &place, gap, &mut rows);
        rows
    }

    /// Blocks one after another, `gap` apart.
    fn blocks(&mut self, blocks: &[Block], place: &Place, gap: f32, out: &mut Vec<Row>) {
        for block in blocks {
            let first = out.len();
            self.block(block, place, out);
            if let Some(row) = out.get_mut(first) {
                row.gap_before = row.gap_before.max(gap);
            }
        }
    }

    fn block(&mut self, block: &Block, place: &Place, out: &mut Vec<Row>) {
        let spec = self.spec(place.level, place.color);
        match block {
            Block::Paragraph(inlines) => self.text(inlines, spec, place, None, out),
            Block::Heading { content, .. } => {
                let spec = Spec { style: FontStyle { bold: true, ..spec.style }, size: self.size(0) * 1.08, ..spec };
                let start = out.len();
                self.text(content, spec, place, Some(3), out);
                for row in &mut out[start..] {
                    row.keep_with_next = true;
                }
            }
            Block::List { start, items } => self.list(*start, items, place, out),
            Block::Code { text, lang, span } => {
                self.code(text, (lang.as_deref(), span.as_ref()), spec.size, place, out)
            }
            Block::Quote(blocks) => {
                let indent = self.ts.theme.indent(place.level);
                let mut path = place.path.clone();
                path.push(Frame::Quote { id: self.id(), x: place.x, color: self.ts.theme.palette.accent });
                let inner = Place {
                    path,
                    x: place.x + indent,
                    width: place.width - indent,
                    color: self.ts.theme.palette.muted,
                    ..place.clone()
                };
                self.blocks(blocks, &inner, spec.size * 0.5, out);
            }
            Block::Table { align, rows } => self.table(align, rows, spec, place, out),
            Block::Image { src, alt, .. } => self.picture(src, alt, place, out),
            Block::Rule => {
                let rule = Shape {
                    kind: ShapeKind::Rect,
                    x: place.x,
                    y: spec.size * 0.5,
                    w: place.width,
                    h: 1.0,
                    color: self.ts.theme.palette.muted,
                };
                out.push(row(place.path.clone(), Content::Shape(rule), spec.size, place.x + place.width));
            }
        }
    }

    /// A paragraph: one row per line.
    fn text(&mut self, inlines: &[Inline], spec: Spec, place: &Place, heading: Option<u8>, out: &mut Vec<Row>) {
        let set = self.ts.inlines(inlines, spec, place.x, 0.0, place.width);
        let mut path = place.path.clone();
        path.push(Frame::Para { id: self.id(), heading });
        push_lines(set, spec.size * spec.line_height, &path, out);
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], place: &Place, out: &mut Vec<Row>) {
        let mut path = place.path.clone();
        path.push(Frame::List { id: self.id(), start });
        let gap = if place.level == 0 && place.path.is_empty() {
            self.size(0) * self.style.item_gap
        } else {
            self.size(place.level) * 0.3
        };
        let indent = self.list_indent(start, items.len(), place.level);
        for (n, item) in items.iter().enumerate() {
            let first = out.len();
            let number = start.map(|s| s + n as u64);
            self.item(item, number, indent, &path, place, out);
            if let Some(row) = out.get_mut(first) {
                row.gap_before = row.gap_before.max(if n == 0 { self.size(place.level) * 0.3 } else { gap });
            }
        }
    }

    /// The theme's indent, which never scales (shrunk slides keep every
    /// level on the grid), widened for numbers too wide to hang in it.
    fn list_indent(&mut self, start: Option<u64>, count: usize, level: usize) -> f32 {
        let indent = self.ts.theme.indent(level);
        let Some(start) = start else { return indent };
        let last = start + count.saturating_sub(1) as u64;
        let spec = self.spec(level, self.ts.theme.palette.accent);
        let widest = self.ts.plain(&format!("{last}."), spec, 0.0, 0.0, f32::MAX).widest;
        indent.max(widest + spec.size * 0.35)
    }

    #[allow(clippy::too_many_arguments)]
    fn item(
        &mut self,
        item: &ListItem,
        number: Option<u64>,
        indent: f32,
        list_path: &[Frame],
        place: &Place,
        out: &mut Vec<Row>,
    ) {
        let mut path = list_path.to_vec();
        // Items of a list outside every other container are the steps.
        let step = if self.reveal && list_path.len() == 1 {
            self.items += 1;
            self.items
        } else {
            0
        };
        path.push(Frame::Item { id: self.id(), number, step });
        let inner = Place {
            path,
            x: place.x + indent,
            width: (place.width - indent).max(indent),
            level: place.level,
            color: place.color,
        };
        let nested = Place { level: place.level + 1, ..inner.clone() };
        let first = out.len();
        for (i, block) in item.blocks.iter().enumerate() {
            let start = out.len();
            match block {
                Block::List { start: s, items } => {
                    if let Some(prev) = out.last_mut().filter(|_| start > first) {
                        prev.keep_with_next = true; // a parent never ends a page alone
                    }
                    self.list(*s, items, &nested, out);
                }
                _ => {
                    self.block(block, &inner, out);
                    if i > 0 {
                        if let Some(row) = out.get_mut(start) {
                            row.gap_before = row.gap_before.max(self.size(place.level) * 0.35);
                        }
                    }
                }
            }
        }
        if first == out.len() {
            // An empty item still shows its marker.
            let spec = self.spec(place.level, place.color);
            let set = self.ts.plain("", spec, inner.x, 0.0, inner.width);
            push_lines(set, spec.size * spec.line_height, &inner.path, out);
        }
        let spec = self.spec(place.level, place.color);
        let baseline = out[first].content_baseline().unwrap_or_else(|| self.ts.baseline_offset(spec));
        let marker = self.marker(place.level, number, place.x, inner.x, baseline, spec.size);
        out[first].marker = Some(marker);
        out[first].boundary = true;
    }

    fn marker(&mut self, level: usize, number: Option<u64>, x: f32, text_x: f32, baseline: f32, size: f32) -> Marker {
        let palette = self.ts.theme.palette;
        if let Some(n) = number {
            let spec = Spec { color: palette.accent, align: Align::Right, ..self.spec(level, palette.accent) };
            let box_w = text_x - x - size * 0.3;
            // Right-aligned in the indent, which list_indent made wide enough.
            let top = baseline - self.ts.baseline_offset(spec);
            let set = self.ts.plain(&format!("{n}."), spec, x, top, box_w);
            return set.lines.into_iter().next().map_or(Marker::None, Marker::Text);
        }
        let centre = baseline - size * 0.3;
        let themed = self.ts.theme.bullet_color(level);
        let (kind, w, h, color) = match self.ts.theme.bullet(level) {
            BulletShape::Disc => (ShapeKind::Disc, size * 0.32, size * 0.32, palette.accent),
            BulletShape::Square => (ShapeKind::Rect, size * 0.28, size * 0.28, palette.accent),
            BulletShape::Ring => (ShapeKind::Ring, size * 0.32, size * 0.32, palette.muted),
            BulletShape::Dash => (ShapeKind::Rect, size * 0.42, (size * 0.08).max(1.2), palette.muted),
            BulletShape::Glyph(c) => {
                let spec = self.spec(level, themed.unwrap_or(palette.accent));
                let top = baseline - self.ts.baseline_offset(spec);
                let set = self.ts.plain(&c.to_string(), spec, x, top, text_x - x);
                return set.lines.into_iter().next().map_or(Marker::None, Marker::Text);
            }
        };
        Marker::Shape(Shape { kind, x, y: centre - h / 2.0, w, h, color: themed.unwrap_or(color) })
    }

    /// A picture at its natural size (96 dpi), shrunk to the box's width and
    /// the page's height, centred.
    fn picture(&mut self, src: &str, alt: &str, place: &Place, out: &mut Vec<Row>) {
        let Some((id, picture)) = self.ts.images.find(src) else {
            let spec = self.spec(place.level, place.color);
            return self.text(&[Inline::Text(alt.to_string())], spec, place, None, out);
        };
        let (px_w, px_h) = picture.size();
        let (natural_w, natural_h) = (px_w as f32 * 0.75, px_h as f32 * 0.75);
        // Below other content, use the room left on the page when that is
        // a fair share of it, rather than pushing the picture to the next.
        let room = self.max_height - super::paginate::stacked_height(out) - self.size(0) * 0.6;
        let limit = if room >= self.max_height * 0.4 { room } else { self.max_height };
        let scale = (place.width / natural_w).min(limit / natural_h).min(1.0);
        let (w, h) = (natural_w * scale, natural_h * scale);
        let x = place.x + (place.width - w) / 2.0;
        let image = ImageBox { id, x, y: 0.0, w, h, clip: None, alt: alt.to_string() };
        out.push(row(place.path.clone(), Content::Image(image), h, x + w));
    }

    fn code(
        &mut self,
        text: &str,
        (lang, span): (Option<&str>, Option<&Span>),
        size: f32,
        place: &Place,
        out: &mut Vec<Row>,
    ) {
        let palette = self.ts.theme.palette;
        let pad = size * 0.5;
        let spec = Spec {
            style: FontStyle { mono: true, ..FontStyle::default() },
            size: size * 0.78,
            color: palette.text,
            line_height: 1.35,
            align: Align::Left,
        };
        let (x, width) = (place.x + pad, place.width - 2.0 * pad);
        let dark = palette.code.luminance() < 0.4;
        let tokens = lang.and_then(|lang| {
            let tokens = highlight::highlight(text, lang, dark);
            if tokens.is_none() {
                self.ts.warn_at(
                    span,
                    format!("no syntax highlighting for language `{lang}`; the code is shown plain"),
                    "languages are named as in Markdown fences: rust, python, js, toml, sh, …",
                );
            }
            tokens
        });
        let set = match tokens {
            Some(tokens) => self.ts.tokens(&tokens, spec, x, 0.0, width),
            None => self.ts.plain(text, spec, x, 0.0, width),
        };
        let mut path = place.path.clone();
        let color = palette.code;
        path.push(Frame::Code { id: self.id(), x: place.x, w: place.width, color });
        let start = out.len();
        push_lines(set, spec.size * spec.line_height, &path, out);
        // Padding inside the box: above the first line, below the last.
        if let Some(first) = out.get_mut(start) {
            first.height += pad;
            first.shift_content(pad);
        }
        if let Some(last) = out.last_mut() {
            last.height += pad;
        }
        for row in &mut out[start..] {
            row.right = place.x + place.width;
        }
    }

    fn table(
        &mut self,
        align: &[TableAlign],
        rows: &[Vec<Vec<Inline>>],
        spec: Spec,
        place: &Place,
        out: &mut Vec<Row>,
    ) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let col_w = place.width / columns as f32;
        let pad = spec.size * 0.3;
        let spec = Spec { size: spec.size * 0.85, ..spec };
        let palette = self.ts.theme.palette;
        let mut path = place.path.clone();
        path.push(Frame::Table { id: self.id() });
        for (r, cells_in) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            let mut decorations = Vec::new();
            let mut height: f32 = 0.0;
            for (c, cell) in cells_in.iter().enumerate() {
                let align = match align.get(c) {
                    Some(TableAlign::Center) => Align::Center,
                    Some(TableAlign::Right) => Align::Right,
                    _ => Align::Left,
                };
                let cell_spec = Spec { style: FontStyle { bold: r == 0, ..spec.style }, align, ..spec };
                let set = self.ts.inlines(cell, cell_spec, place.x + c as f32 * col_w + pad, pad, col_w - 2.0 * pad);
                height = height.max(set.height + 2.0 * pad);
                decorations.extend(set.shapes);
                cells.push(set.lines);
            }
            let rule_color = if r == 0 { palette.accent } else { palette.background.mix(palette.muted, 0.35) };
            let weight = if r == 0 { 1.5 } else { 0.75 };
            decorations.push(Shape {
                kind: ShapeKind::Rect,
                x: place.x,
                y: height - weight / 2.0,
                w: place.width,
                h: weight,
                color: rule_color,
            });
            let mut row = row(path.clone(), Content::Cells(cells), height, place.x + place.width);
            row.decorations = decorations;
            row.boundary = r == 0;
            row.keep_with_next = r == 0; // the header row stays with the first body row
            row.header = r == 0;
            out.push(row);
        }
    }
}

fn row(path: Vec<Frame>, content: Content, height: f32, right: f32) -> Row {
    Row {
        path,
        content,
        marker: None,
        decorations: Vec::new(),
        height,
        gap_before: 0.0,
        boundary: true,
        keep_with_next: false,
        header: false,
        right,
    }
}

/// One row per set line, each moved to its own origin.
fn push_lines(set: SetText, advance: f32, path: &[Frame], out: &mut Vec<Row>) {
    let mut decorations = set.shapes;
    for (i, line) in set.lines.into_iter().enumerate() {
        let top = advance * i as f32;
        let right = line.runs.last().map_or(0.0, |r| r.x + r.width);
        let mut node = Node::Paragraph(vec![line]);
        node.shift(0.0, -top);
        let Node::Paragraph(mut lines) = node else { continue };
        let Some(line) = lines.pop() else { continue };
        let mut row = row(path.to_vec(), Content::Line(line), advance, right);
        row.boundary = i == 0;
        // Decorations of this line move with it.
        let (mine, rest): (Vec<Shape>, Vec<Shape>) =
            decorations.into_iter().partition(|s| s.y >= top && s.y < top + advance);
        decorations = rest;
        row.decorations = mine.into_iter().map(|s| Shape { y: s.y - top, ..s }).collect();
        out.push(row);
    }
}

impl Row {
    /// The baseline of its first line, from the row's top.
    fn content_baseline(&self) -> Option<f32> {
        match &self.content {
            Content::Line(line) => line.runs.first().map(|r| r.y),
            _ => None,
        }
    }

    /// Move the content (not the row's box) down by `dy`.
    fn shift_content(&mut self, dy: f32) {
        match &mut self.content {
            Content::Line(line) => {
                let mut node = Node::Paragraph(vec![std::mem::replace(line, TextLine { runs: Vec::new() })]);
                node.shift(0.0, dy);
                if let Node::Paragraph(mut lines) = node {
                    *line = lines.pop().unwrap_or(TextLine { runs: Vec::new() });
                }
            }
            Content::Cells(_) | Content::Shape(_) | Content::Image(_) => {}
        }
        for s in &mut self.decorations {
            s.y += dy;
        }
    }
}
