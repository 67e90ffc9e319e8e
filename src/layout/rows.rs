//! The rows of a body: the units pagination moves between pages. A row is
//! one line of a paragraph, code block or item, one table row, one rule
//! or one picture, laid out from its own top; its `path` says which lists,
//! items, quotes, code blocks and tables it sits in, so that each page can
//! rebuild the structure from the rows it got. `flow` makes rows,
//! `paginate` deals them onto pages, and [`place`] sets a page's rows.

use super::frame::{ImageBox, Item, Marker, Node, Shape, ShapeKind, TextLine};
use crate::theme::Color;

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
    /// Placed content (the columns of a body), from the row's top.
    Nodes(Vec<Node>),
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

/// Total height of rows set one after another.
pub fn stacked_height(rows: &[Row]) -> f32 {
    rows.iter().enumerate().map(|(i, r)| if i == 0 { r.height } else { r.gap_before + r.height }).sum()
}

/// Place one page's rows from (`x`, `top`) down and rebuild their
/// structure. Returns the nodes, decorations last.
pub fn place(rows: Vec<Row>, x: f32, top: f32) -> Vec<Node> {
    let mut root = Open::root();
    let mut stack: Vec<Open> = Vec::new();
    let mut decorations = Vec::new();
    let mut y = top;
    for (i, mut row) in rows.into_iter().enumerate() {
        if i > 0 {
            y += row.gap_before;
        }
        let shared = stack.iter().zip(&row.path).take_while(|(open, frame)| open.frame.same(frame)).count();
        while stack.len() > shared {
            close(&mut stack, &mut root);
        }
        for frame in &row.path[shared..] {
            stack.push(Open::new(frame.clone(), x, y));
        }
        let bottom = y + row.height;
        for open in &mut stack {
            open.bottom = bottom;
        }
        let mut content = std::mem::replace(&mut row.content, Content::Shape(empty_shape()));
        shift_content(&mut content, x, y);
        if let Some(mut marker) = row.marker.take() {
            shift_marker(&mut marker, x, y);
            if let Some(item) = stack.iter_mut().rev().find(|o| matches!(o.frame, Frame::Item { .. })) {
                item.marker = marker;
            }
        }
        let placed = row.decorations.iter().map(|s| Node::Shape(Shape { x: s.x + x, y: s.y + y, ..s.clone() }));
        // A stepped item's underlines and rules appear with it.
        match stack.iter_mut().find(|o| matches!(o.frame, Frame::Item { step: 1.., .. })) {
            Some(item) => item.children.extend(placed),
            None => decorations.extend(placed),
        }
        let target = stack.last_mut().unwrap_or(&mut root);
        match content {
            Content::Line(line) => target.lines.push(line),
            Content::Cells(cells) => target.cells.push(cells),
            Content::Shape(shape) => target.children.push(Node::Shape(shape)),
            Content::Image(image) => target.children.push(Node::Image(image)),
            Content::Nodes(nodes) => target.children.extend(nodes),
        }
        y = bottom;
    }
    while !stack.is_empty() {
        close(&mut stack, &mut root);
    }
    let mut nodes = root.children;
    nodes.extend(decorations);
    nodes
}

/// A container being rebuilt on the current page.
struct Open {
    frame: Frame,
    /// The body's left edge on the page.
    dx: f32,
    top: f32,
    bottom: f32,
    marker: Marker,
    lines: Vec<TextLine>,
    cells: Vec<Vec<Vec<TextLine>>>,
    children: Vec<Node>,
    items: Vec<Item>,
}

impl Open {
    fn root() -> Open {
        Open::new(Frame::Table { id: usize::MAX }, 0.0, 0.0)
    }

    fn new(frame: Frame, dx: f32, top: f32) -> Open {
        Open {
            frame,
            dx,
            top,
            bottom: top,
            marker: Marker::None,
            lines: Vec::new(),
            cells: Vec::new(),
            children: Vec::new(),
            items: Vec::new(),
        }
    }
}

/// Close the innermost open container into its parent.
fn close(stack: &mut Vec<Open>, root: &mut Open) {
    let Some(open) = stack.pop() else { return };
    let parent = stack.last_mut().unwrap_or(root);
    match open.frame {
        Frame::Para { heading: Some(level), .. } => parent.children.push(Node::Heading { level, lines: open.lines }),
        Frame::Para { heading: None, .. } => parent.children.push(Node::Paragraph(open.lines)),
        Frame::Item { step, .. } => parent.items.push(Item { marker: open.marker, children: open.children, step }),
        Frame::List { start, .. } => {
            // Numbering carries on: the list starts at its first item here.
            let first = open.items.first().and_then(|i| match &i.marker {
                Marker::Text(line) => line.runs.first().and_then(|r| r.text.trim_end_matches('.').parse().ok()),
                _ => None,
            });
            let start = start.map(|s| first.unwrap_or(s));
            parent.children.push(Node::List { start, items: open.items });
        }
        Frame::Quote { x, color, .. } => {
            parent.children.push(Node::Shape(Shape {
                kind: ShapeKind::Rect,
                x: x + open.dx,
                y: open.top,
                w: super::flow::QUOTE_BAR,
                h: open.bottom - open.top,
                color,
            }));
            parent.children.push(Node::Quote(open.children));
        }
        Frame::Code { x, w, color, .. } => {
            let left = x + open.dx;
            parent.children.push(Node::Shape(Shape {
                kind: ShapeKind::Rect,
                x: left,
                y: open.top,
                w,
                h: open.bottom - open.top,
                color,
            }));
            parent.children.push(Node::Code(open.lines));
        }
        Frame::Table { .. } => parent.children.push(Node::Table(open.cells)),
    }
}

pub(super) fn empty_shape() -> Shape {
    Shape { kind: ShapeKind::Rect, x: 0.0, y: 0.0, w: 0.0, h: 0.0, color: crate::theme::Color { r: 0, g: 0, b: 0 } }
}

fn shift_content(content: &mut Content, dx: f32, dy: f32) {
    if let Content::Nodes(nodes) = content {
        return nodes.iter_mut().for_each(|n| n.shift(dx, dy));
    }
    let mut node = match std::mem::replace(content, Content::Shape(empty_shape())) {
        Content::Nodes(nodes) => return *content = Content::Nodes(nodes),
        Content::Line(line) => Node::Paragraph(vec![line]),
        Content::Cells(cells) => Node::Table(vec![cells]),
        Content::Shape(shape) => Node::Shape(shape),
        Content::Image(image) => Node::Image(image),
    };
    node.shift(dx, dy);
    *content = match node {
        Node::Paragraph(mut lines) => Content::Line(lines.pop().unwrap_or_default()),
        Node::Table(mut rows) => Content::Cells(rows.pop().unwrap_or_default()),
        Node::Shape(shape) => Content::Shape(shape),
        Node::Image(image) => Content::Image(image),
        _ => Content::Shape(empty_shape()),
    };
}

fn shift_marker(marker: &mut Marker, dx: f32, dy: f32) {
    let mut node = Node::List {
        start: None,
        items: vec![Item { marker: std::mem::replace(marker, Marker::None), children: Vec::new(), step: 0 }],
    };
    node.shift(dx, dy);
    if let Node::List { mut items, .. } = node {
        *marker = items.pop().map_or(Marker::None, |i| i.marker);
    }
}
