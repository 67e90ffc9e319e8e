//! Rows onto pages: greedy, breaking between blocks and items by
//! preference and inside a block only when it is taller than a page; then
//! each page's rows are placed and regrouped into lists, items, quotes,
//! code blocks and tables, with list numbering carried on.

use super::flow::{Content, Frame, Row};
use super::frame::{Item, Marker, Node, Shape, ShapeKind, TextLine};

/// Total height of rows set one after another.
pub fn stacked_height(rows: &[Row]) -> f32 {
    rows.iter().enumerate().map(|(i, r)| if i == 0 { r.height } else { r.gap_before + r.height }).sum()
}

/// Split rows into pages of at most `available` pt.
pub fn split(rows: Vec<Row>, available: f32) -> Vec<Vec<Row>> {
    let mut pages = Pages { pages: vec![Vec::new()], used: 0.0, available, headers: Vec::new() };
    for unit in units(rows) {
        let alone = stacked_height(&unit);
        if pages.fits(pages.gap(&unit[0]) + alone) || (pages.is_empty() && alone <= available + 0.01) {
            unit.into_iter().for_each(|row| pages.push(row));
            continue;
        }
        // Start the unit on a fresh page when it fits there whole, or when
        // fewer than two of its rows would fit here.
        let fit_here = rows_that_fit(&unit, available - pages.used - pages.gap(&unit[0]));
        if !pages.is_empty() && (alone <= available + 0.01 || fit_here < 2) {
            pages.new_page(&unit[0]);
        }
        // The unit is taller than the room: fill row by row.
        for row in unit {
            if !pages.is_empty() && !pages.fits(pages.gap(&row) + row.height) {
                pages.new_page(&row);
            }
            pages.push(row);
        }
    }
    pages.pages
}

/// Pages being filled.
struct Pages {
    pages: Vec<Vec<Row>>,
    used: f32,
    available: f32,
    /// Header rows of the tables seen so far, by table.
    headers: Vec<Row>,
}

impl Pages {
    fn is_empty(&self) -> bool {
        self.pages.last().is_none_or(Vec::is_empty)
    }

    fn gap(&self, row: &Row) -> f32 {
        if self.is_empty() { 0.0 } else { row.gap_before }
    }

    fn fits(&self, height: f32) -> bool {
        self.used + height <= self.available + 0.01
    }

    fn push(&mut self, row: Row) {
        self.used += self.gap(&row) + row.height;
        if row.header {
            self.headers.push(row.clone());
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(row);
        }
    }

    /// Open a page for `next`; a table row continuing there gets its header first.
    fn new_page(&mut self, next: &Row) {
        self.pages.push(Vec::new());
        self.used = 0.0;
        if next.header {
            return;
        }
        let header = self.headers.iter().rev().find(|h| same_table(h, next)).cloned();
        if let Some(header) = header {
            self.used += header.height;
            if let Some(page) = self.pages.last_mut() {
                page.push(header);
            }
        }
    }
}

fn same_table(header: &Row, row: &Row) -> bool {
    match (header.path.last(), row.path.last()) {
        (Some(a @ Frame::Table { .. }), Some(b)) => a.same(b),
        _ => false,
    }
}

/// Rows grouped into units that pages break between: each starts at a
/// block or item boundary, and a row that must not end a page joins the
/// next unit.
fn units(rows: Vec<Row>) -> Vec<Vec<Row>> {
    let mut units: Vec<Vec<Row>> = Vec::new();
    let mut glue = false;
    for row in rows {
        let new_unit = row.boundary && !glue;
        glue = row.keep_with_next;
        match units.last_mut() {
            Some(unit) if !new_unit => unit.push(row),
            _ => units.push(vec![row]),
        }
    }
    units
}

fn rows_that_fit(unit: &[Row], room: f32) -> usize {
    let mut used = 0.0;
    unit.iter()
        .enumerate()
        .take_while(|(i, r)| {
            used += if *i == 0 { r.height } else { r.gap_before + r.height };
            used <= room + 0.01
        })
        .count()
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
        let placed = row.decorations.iter().map(|s| Node::Shape(Shape { x: s.x + x, y: s.y + y, ..*s }));
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
                w: 3.0,
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

fn empty_shape() -> Shape {
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
        Node::Paragraph(mut lines) => Content::Line(lines.pop().unwrap_or(TextLine { runs: Vec::new() })),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(height: f32, boundary: bool) -> Row {
        Row {
            path: Vec::new(),
            content: Content::Shape(empty_shape()),
            marker: None,
            decorations: Vec::new(),
            height,
            gap_before: if boundary { 10.0 } else { 0.0 },
            boundary,
            keep_with_next: false,
            header: false,
            right: 0.0,
        }
    }

    fn heights(pages: &[Vec<Row>]) -> Vec<Vec<f32>> {
        pages.iter().map(|p| p.iter().map(|r| r.height).collect()).collect()
    }

    #[test]
    fn whole_units_move_to_the_next_page() {
        // Two 3-line paragraphs of 30 pt lines; the second does not fit below the first.
        let rows = vec![
            row(30.0, true),
            row(30.0, false),
            row(30.0, false),
            row(31.0, true),
            row(31.0, false),
            row(31.0, false),
        ];
        let pages = split(rows, 150.0);
        assert_eq!(heights(&pages), [vec![30.0, 30.0, 30.0], vec![31.0, 31.0, 31.0]]);
    }

    #[test]
    fn a_unit_taller_than_a_page_is_split_by_rows() {
        let rows: Vec<Row> = (0..7).map(|i| row(30.0, i == 0)).collect();
        let pages = split(rows, 100.0);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
    }

    #[test]
    fn a_row_kept_with_the_next_moves_with_it() {
        let mut parent = row(30.0, true);
        parent.keep_with_next = true;
        let rows = vec![row(30.0, true), row(30.0, true), parent, row(30.0, true)];
        let pages = split(rows, 130.0);
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
    }

    #[test]
    fn table_headers_repeat_on_continued_pages() {
        let table = Frame::Table { id: 7 };
        let mut header = row(20.0, true);
        header.header = true;
        header.keep_with_next = true;
        let mut rows = vec![header];
        rows.extend((0..6).map(|_| row(30.0, false)));
        for r in &mut rows {
            r.path = vec![table.clone()];
        }
        let pages = split(rows, 100.0);
        assert_eq!(heights(&pages), [vec![20.0, 30.0, 30.0], vec![20.0, 30.0, 30.0], vec![20.0, 30.0, 30.0]]);
    }

    #[test]
    fn stacked_height_counts_gaps_between_rows_only() {
        assert_eq!(stacked_height(&[row(40.0, true), row(40.0, true)]), 90.0);
    }
}
