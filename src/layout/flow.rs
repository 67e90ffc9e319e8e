//! Body content into chunks: the units pagination moves between pages (a
//! top-level block, or one top-level list item with everything nested in
//! it). Each chunk is laid out at its own origin; pagination places it.

use super::frame::{Item, Marker, Node, Shape, ShapeKind};
use super::typeset::{Align, Spec, Typesetter};
use crate::model::{Block, Inline, ListItem, TableAlign};
use crate::text::FontStyle;
use crate::theme::{BulletShape, Color};

/// One unit of pagination.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// The chunk's nodes, laid out from (0, 0).
    pub body: ChunkBody,
    /// Height, pt.
    pub height: f32,
    /// Space wanted above it when something precedes it on the page, pt.
    pub gap_before: f32,
    /// Right edge of its widest line, pt from the chunk's left.
    pub widest: f32,
}

/// What a chunk holds.
#[derive(Debug, Clone)]
pub enum ChunkBody {
    /// Blocks that stand on their own.
    Nodes(Vec<Node>),
    /// One item of top-level list number `list`; `number` for ordered lists.
    Item {
        /// Which top-level list of the body it belongs to.
        list: usize,
        /// Its number, for ordered lists.
        number: Option<u64>,
        /// The laid-out item.
        item: Item,
    },
}

/// How the body of one slide is set.
#[derive(Debug, Clone, Copy)]
pub struct BodyStyle {
    /// Multiplies every size (shrink steps, the closing layout's larger type).
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
}

impl Flow<'_, '_> {
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

    /// Split `blocks` into chunks.
    pub fn chunks(&mut self, blocks: &[Block]) -> Vec<Chunk> {
        let mut chunks = Vec::new();
        let size = self.size(0);
        for (index, block) in blocks.iter().enumerate() {
            match block {
                Block::List { start, items } => {
                    for (n, item) in items.iter().enumerate() {
                        let number = start.map(|s| s + n as u64);
                        let (item, height, widest) = self.item(item, 0, number, 0.0);
                        let gap = if n == 0 { size * 0.6 } else { size * self.style.item_gap };
                        chunks.push(Chunk { body: ChunkBody::Item { list: index, number, item }, height, gap_before: gap, widest });
                    }
                }
                _ => {
                    let mut nodes = Vec::new();
                    let (height, widest) = self.block(block, 0, 0.0, 0.0, self.width, self.style.color, &mut nodes);
                    chunks.push(Chunk { body: ChunkBody::Nodes(nodes), height, gap_before: size * 0.6, widest });
                }
            }
        }
        chunks
    }

    /// One list item at `level`, its marker at `x`, its top at `top`.
    fn item(&mut self, item: &ListItem, level: usize, number: Option<u64>, top: f32) -> (Item, f32, f32) {
        // The indent never scales: shrunk slides keep every level on the grid.
        let indent = self.ts.theme.indent;
        let x = level as f32 * indent;
        let text_x = x + indent;
        let width = (self.width - text_x).max(indent);
        let spec = self.spec(level, self.style.color);
        let mut children = Vec::new();
        let mut y = top;
        let mut widest: f32 = 0.0;
        let mut nested_gap = self.size(level + 1) * 0.3;
        for (i, block) in item.blocks.iter().enumerate() {
            match block {
                Block::List { start, items } => {
                    let mut list_items = Vec::new();
                    for (n, child) in items.iter().enumerate() {
                        y += nested_gap;
                        let (child, h, w) = self.item(child, level + 1, start.map(|s| s + n as u64), y);
                        y += h;
                        widest = widest.max(w);
                        list_items.push(child);
                    }
                    nested_gap = self.size(level + 1) * 0.3;
                    children.push(Node::List { start: *start, items: list_items });
                }
                _ => {
                    if i > 0 {
                        y += spec.size * 0.35;
                    }
                    let (h, w) = self.block(block, level, text_x, y, width, self.style.color, &mut children);
                    y += h;
                    widest = widest.max(w);
                }
            }
        }
        let baseline = top + self.ts.baseline_offset(spec);
        let marker = self.marker(level, number, x, text_x, baseline, spec.size);
        (Item { marker, children }, y - top, widest)
    }

    fn marker(&mut self, level: usize, number: Option<u64>, x: f32, text_x: f32, baseline: f32, size: f32) -> Marker {
        let palette = self.ts.theme.palette;
        if let Some(n) = number {
            let spec = Spec { style: FontStyle::default(), color: palette.accent, align: Align::Right, ..self.spec(level, palette.accent) };
            let box_w = text_x - x - size * 0.3;
            let top = baseline - self.ts.baseline_offset(spec);
            let set = self.ts.plain(&format!("{n}."), spec, x, top, box_w);
            return Marker::Text(set.lines.into_iter().next().unwrap_or(super::frame::TextLine { runs: Vec::new() }));
        }
        let centre = baseline - size * 0.3;
        let (kind, w, h, color) = match self.ts.theme.bullet(level) {
            BulletShape::Disc => (ShapeKind::Disc, size * 0.32, size * 0.32, palette.accent),
            BulletShape::Square => (ShapeKind::Rect, size * 0.28, size * 0.28, palette.accent),
            BulletShape::Ring => (ShapeKind::Ring, size * 0.32, size * 0.32, palette.muted),
            BulletShape::Dash => (ShapeKind::Rect, size * 0.42, (size * 0.08).max(1.2), palette.muted),
        };
        Marker::Shape(Shape { kind, x, y: centre - h / 2.0, w, h, color })
    }

    /// Lay out a block at (`x`, `top`) in `width`; returns (height, right edge).
    #[allow(clippy::too_many_arguments)]
    fn block(&mut self, block: &Block, level: usize, x: f32, top: f32, width: f32, color: Color, out: &mut Vec<Node>) -> (f32, f32) {
        let spec = self.spec(level, color);
        match block {
            Block::Paragraph(inlines) => self.text(inlines, spec, x, top, width, out, Node::Paragraph),
            Block::Heading { content, .. } => {
                let spec = Spec { style: FontStyle { bold: true, ..spec.style }, size: self.size(0) * 1.08, ..spec };
                self.text(content, spec, x, top, width, out, |lines| Node::Heading { level: 3, lines })
            }
            Block::List { start, items } => {
                let mut y = top;
                let mut list_items = Vec::new();
                let mut widest: f32 = 0.0;
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        y += self.size(level) * self.style.item_gap;
                    }
                    let (mut item, h, w) = self.item(item, level, start.map(|s| s + n as u64), y);
                    shift_item(&mut item, x);
                    list_items.push(item);
                    y += h;
                    widest = widest.max(w + x);
                }
                out.push(Node::List { start: *start, items: list_items });
                (y - top, widest)
            }
            Block::Code { text, .. } => self.code(text, spec.size, x, top, width, out),
            Block::Quote(blocks) => {
                let bar = Shape { kind: ShapeKind::Rect, x, y: top, w: 3.0, h: 0.0, color: self.ts.theme.palette.accent };
                let mut children = Vec::new();
                let mut y = top;
                let mut widest: f32 = 0.0;
                for (i, b) in blocks.iter().enumerate() {
                    if i > 0 {
                        y += spec.size * 0.5;
                    }
                    let indent = self.ts.theme.indent;
                    let (h, w) = self.block(b, level, x + indent, y, width - indent, self.ts.theme.palette.muted, &mut children);
                    y += h;
                    widest = widest.max(w);
                }
                out.push(Node::Shape(Shape { h: y - top, ..bar }));
                out.push(Node::Quote(children));
                (y - top, widest)
            }
            Block::Table { align, rows } => self.table(align, rows, spec, x, top, width, out),
            Block::Rule => {
                let rule = Shape { kind: ShapeKind::Rect, x, y: top + spec.size * 0.5, w: width, h: 1.0, color: self.ts.theme.palette.muted };
                out.push(Node::Shape(rule));
                (spec.size, x + width)
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, inlines: &[Inline], spec: Spec, x: f32, top: f32, width: f32, out: &mut Vec<Node>, wrap: impl FnOnce(Vec<super::frame::TextLine>) -> Node) -> (f32, f32) {
        let set = self.ts.inlines(inlines, spec, x, top, width);
        out.push(wrap(set.lines));
        out.extend(set.shapes.into_iter().map(Node::Shape));
        (set.height, x + set.widest)
    }

    fn code(&mut self, text: &str, size: f32, x: f32, top: f32, width: f32, out: &mut Vec<Node>) -> (f32, f32) {
        let palette = self.ts.theme.palette;
        let pad = size * 0.5;
        let spec = Spec { style: FontStyle { mono: true, ..FontStyle::default() }, size: size * 0.78, color: palette.text, line_height: 1.35, align: Align::Left };
        let set = self.ts.plain(text, spec, x + pad, top + pad, width - 2.0 * pad);
        let height = set.height + 2.0 * pad;
        let background = palette.background.mix(palette.text, 0.06);
        out.push(Node::Shape(Shape { kind: ShapeKind::Rect, x, y: top, w: width, h: height, color: background }));
        out.push(Node::Code(set.lines));
        (height, x + width)
    }

    #[allow(clippy::too_many_arguments)]
    fn table(&mut self, align: &[TableAlign], rows: &[Vec<Vec<Inline>>], spec: Spec, x: f32, top: f32, width: f32, out: &mut Vec<Node>) -> (f32, f32) {
        let columns = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let col_w = width / columns as f32;
        let pad = spec.size * 0.3;
        let spec = Spec { size: spec.size * 0.85, ..spec };
        let palette = self.ts.theme.palette;
        let mut y = top;
        let mut set_rows = Vec::new();
        let mut shapes = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            let mut row_h: f32 = 0.0;
            for (c, cell) in row.iter().enumerate() {
                let align = match align.get(c) {
                    Some(TableAlign::Center) => Align::Center,
                    Some(TableAlign::Right) => Align::Right,
                    _ => Align::Left,
                };
                let style = FontStyle { bold: r == 0, ..spec.style };
                let cell_spec = Spec { style, align, ..spec };
                let set = self.ts.inlines(cell, cell_spec, x + c as f32 * col_w + pad, y + pad, col_w - 2.0 * pad);
                row_h = row_h.max(set.height + 2.0 * pad);
                shapes.extend(set.shapes);
                cells.push(set.lines);
            }
            y += row_h;
            let rule_color = if r == 0 { palette.accent } else { palette.background.mix(palette.muted, 0.35) };
            shapes.push(Shape { kind: ShapeKind::Rect, x, y: y - 0.5, w: width, h: if r == 0 { 1.5 } else { 0.75 }, color: rule_color });
            set_rows.push(cells);
        }
        out.push(Node::Table(set_rows));
        out.extend(shapes.into_iter().map(Node::Shape));
        (y - top, x + width)
    }
}

fn shift_item(item: &mut Item, dx: f32) {
    let mut node = Node::List { start: None, items: vec![item.clone()] };
    node.shift(dx, 0.0);
    if let Node::List { mut items, .. } = node {
        if let Some(shifted) = items.pop() {
            *item = shifted;
        }
    }
}
