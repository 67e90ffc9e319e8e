//! Content slides: `bullets` (the fixed grid), `statement` (one paragraph
//! set large) and `closing` (the call to action, centred). Their bodies
//! shrink and continue as the slide's `overflow` says.

use super::Draft;
use super::flow::{BodyStyle, Flow};
use super::frame::{Node, Shape, ShapeKind};
use super::grid::{Grid, TITLE_LINE_HEIGHT};
use super::paginate::split;
use super::rows::{Row, place, stacked_height};
use super::typeset::{Align, Spec, Typesetter};
use crate::diag::Diagnostic;
use crate::model::{Block, Inline, Overflow, Reveal, Slide, plain_text};
use crate::text::FontStyle;

const BOLD: FontStyle = FontStyle { mono: false, bold: true, italic: false };

/// Title top left with an accent rule, body below from the same place on
/// every slide.
pub fn bullets(ts: &mut Typesetter, grid: &Grid, slide: &Slide) -> Result<Vec<Draft>, Diagnostic> {
    let title = slide.title.clone().unwrap_or_default();
    // A title that needs two lines pushes this slide's body down by one line.
    let probe = set_title(ts, grid, &title, 0.0);
    let extra = probe.1 - ts.theme.title_size * TITLE_LINE_HEIGHT;
    let available = grid.body_bottom - grid.body_top - extra;
    let style = BodyStyle { scale: 1.0, item_gap: 0.5, color: ts.theme.palette.text };
    let steps = if slide.overflow == Overflow::Shrink { ts.theme.usable_shrink_steps() } else { Vec::new() };
    let (scale, pages) = fit(ts, slide, &slide.body, grid.width, style, &steps, available)?;
    let count = pages.len();
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(part, chunks)| {
            let title = continued(&title, part, count);
            let (mut nodes, _) = set_title(ts, grid, &title, extra);
            nodes.extend(place(chunks, grid.left, grid.body_top + extra));
            Draft { title: plain_text(&title), nodes, scale, background: ts.theme.palette.background, footer: true }
        })
        .collect())
}

/// Title as on bullet slides, then `left` and `right` side by side, each
/// column on the same grid as a bullet slide's body.
pub fn two_column(ts: &mut Typesetter, grid: &Grid, slide: &Slide) -> Result<Vec<Draft>, Diagnostic> {
    let title = slide.title.clone().unwrap_or_default();
    let probe = set_title(ts, grid, &title, 0.0);
    let extra = probe.1 - ts.theme.title_size * TITLE_LINE_HEIGHT;
    let available = grid.body_bottom - grid.body_top - extra;
    let gutter = ts.theme.indent(0) * 1.5;
    let column = (grid.width - gutter) / 2.0;
    let style = BodyStyle { scale: 1.0, item_gap: 0.5, color: ts.theme.palette.text };
    let steps = if slide.overflow == Overflow::Shrink { ts.theme.usable_shrink_steps() } else { Vec::new() };
    let bodies: [&[Block]; 2] = [&slide.left, &slide.right];
    let (scale, mut columns) = fit_columns(ts, slide, &bodies, column, style, &steps, available)?;
    let count = columns.iter().map(Vec::len).max().unwrap_or(1).max(1);
    for pages in &mut columns {
        pages.resize_with(count, Vec::new);
    }
    let mut right = columns.pop().unwrap_or_default().into_iter();
    let left = columns.pop().unwrap_or_default().into_iter();
    Ok(left
        .enumerate()
        .map(|(part, rows)| {
            let title = continued(&title, part, count);
            let (mut nodes, _) = set_title(ts, grid, &title, extra);
            nodes.extend(place(rows, grid.left, grid.body_top + extra));
            nodes.extend(place(right.next().unwrap_or_default(), grid.left + column + gutter, grid.body_top + extra));
            Draft { title: plain_text(&title), nodes, scale, background: ts.theme.palette.background, footer: true }
        })
        .collect())
}

/// A label (the slide's title) in the accent colour over one paragraph set
/// large, the block centred vertically.
pub fn statement(ts: &mut Typesetter, grid: &Grid, slide: &Slide) -> Result<Vec<Draft>, Diagnostic> {
    let palette = ts.theme.palette;
    let title = slide.title.clone().unwrap_or_default();
    let label_spec = Spec {
        style: BOLD,
        size: ts.theme.body_size(0) * 0.85,
        color: palette.accent,
        line_height: 1.2,
        align: Align::Left,
    };
    let width = grid.width.min(800.0);
    let label = ts.inlines(&title, label_spec, 0.0, 0.0, width);
    let label_gap = label_spec.size * 0.9;
    let label_h = if title.is_empty() { 0.0 } else { label.height + label_gap };
    let available = grid.body_bottom - grid.top - label_h;
    let base = ts.theme.statement_size / ts.theme.body_size(0);
    let style = BodyStyle { scale: base, item_gap: 0.5, color: palette.text };
    let (scale, pages) = fit(ts, slide, &slide.body, width, style, &[0.9, 0.8, 0.7], available)?;
    let count = pages.len();
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(part, chunks)| {
            let block = label_h + stacked_height(&chunks);
            let top = grid.top + ((grid.body_bottom - grid.top - block) / 2.0).max(0.0);
            let mut nodes = Vec::new();
            let heading = continued(&title, part, count);
            if !title.is_empty() {
                let set = ts.inlines(&heading, label_spec, grid.left, top, width);
                nodes.push(Node::Heading { level: 2, lines: set.lines });
            }
            nodes.extend(place(chunks, grid.left, top + label_h));
            Draft {
                title: plain_text(&heading),
                nodes,
                scale: scale / base,
                background: palette.background,
                footer: true,
            }
        })
        .collect())
}

/// The call to action: the title large and centred, the body larger than
/// on bullet slides with more air, centred as a block.
pub fn closing(ts: &mut Typesetter, grid: &Grid, slide: &Slide) -> Result<Vec<Draft>, Diagnostic> {
    let palette = ts.theme.palette;
    let title = slide.title.clone().unwrap_or_default();
    let title_spec = Spec {
        style: BOLD,
        size: ts.theme.title_size * 1.3,
        color: palette.accent,
        line_height: 1.1,
        align: Align::Center,
    };
    let probe = ts.inlines(&title, title_spec, 0.0, 0.0, grid.width);
    let title_gap = title_spec.size * 0.8;
    let title_h = if title.is_empty() { 0.0 } else { probe.height + title_gap };
    let available = grid.body_bottom - grid.top - title_h;
    let style = BodyStyle { scale: 1.1, item_gap: 0.9, color: palette.text };
    let width = grid.width * 0.9;
    let (scale, pages) = fit(ts, slide, &slide.body, width, style, &[1.0, 0.92, 0.84], available)?;
    let count = pages.len();
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(part, chunks)| {
            let block = title_h + stacked_height(&chunks);
            let top = grid.top + ((grid.body_bottom - grid.top - block) / 2.0).max(0.0);
            let widest = chunks.iter().map(|r| r.right).fold(0.0, f32::max);
            let left = grid.left + ((grid.width - widest) / 2.0).max(0.0);
            let heading = continued(&title, part, count);
            let mut nodes = Vec::new();
            if !title.is_empty() {
                let set = ts.inlines(&heading, title_spec, grid.left, top, grid.width);
                nodes.push(Node::Heading { level: 2, lines: set.lines });
            }
            nodes.extend(place(chunks, left, top + title_h));
            Draft {
                title: plain_text(&heading),
                nodes,
                scale: scale / style.scale,
                background: palette.background,
                footer: true,
            }
        })
        .collect())
}

/// Lay the body out at the first scale that fits (`style.scale` times 1,
/// then each of `steps`), else split it as `overflow` allows.
fn fit(
    ts: &mut Typesetter,
    slide: &Slide,
    body: &[Block],
    width: f32,
    style: BodyStyle,
    steps: &[f32],
    available: f32,
) -> Result<(f32, Vec<Vec<Row>>), Diagnostic> {
    let (scale, mut columns) = fit_columns(ts, slide, &[body], width, style, steps, available)?;
    Ok((scale, columns.pop().unwrap_or_default()))
}

/// One body's rows, page by page.
type Pages = Vec<Vec<Row>>;

/// [`fit`] for bodies set side by side at one scale (the first at which
/// all fit); returns each body's pages.
fn fit_columns(
    ts: &mut Typesetter,
    slide: &Slide,
    bodies: &[&[Block]],
    width: f32,
    style: BodyStyle,
    steps: &[f32],
    available: f32,
) -> Result<(f32, Vec<Pages>), Diagnostic> {
    let mut last = None;
    for step in std::iter::once(1.0).chain(steps.iter().copied()) {
        let style = BodyStyle { scale: style.scale * step, ..style };
        let columns: Vec<Vec<Row>> = bodies
            .iter()
            .map(|body| Flow::new(&mut *ts, width, available, style).revealed(slide.reveal == Reveal::Items).rows(body))
            .collect();
        let tallest = columns.iter().map(|rows| stacked_height(rows)).fold(0.0, f32::max);
        if tallest <= available + 0.01 {
            return Ok((style.scale, columns.into_iter().map(|rows| vec![rows]).collect()));
        }
        last = Some((style.scale, columns, tallest));
    }
    let Some((scale, columns, tallest)) = last else { return Ok((style.scale, Vec::new())) };
    if slide.overflow == Overflow::Error {
        return Err(Diagnostic::error(format!(
            "{} does not fit: its body is {:.0} pt too tall for the {:.0} pt available",
            ts.context,
            tallest - available,
            available
        ))
        .with_span(slide.span.clone())
        .with_hint("shorten it, split it into two slides, or set overflow = \"continue\" or \"shrink\""));
    }
    Ok((scale, columns.into_iter().map(|rows| split(rows, available)).collect()))
}

/// The title with "(2/3)" on continued pages.
pub(super) fn continued(title: &[Inline], part: usize, count: usize) -> Vec<Inline> {
    let mut title = title.to_vec();
    if count > 1 {
        title.push(Inline::Text(format!(" ({}/{count})", part + 1)));
    }
    title
}

/// The title on one line (stepping its size down to 80 % if needed, then
/// wrapping) and the accent rule under it; returns the nodes and the
/// title's height.
pub(super) fn set_title(ts: &mut Typesetter, grid: &Grid, title: &[Inline], extra: f32) -> (Vec<Node>, f32) {
    let palette = ts.theme.palette;
    let full = ts.theme.title_size;
    let mut size = full;
    let spec =
        |size: f32| Spec { style: BOLD, size, color: palette.text, line_height: TITLE_LINE_HEIGHT, align: Align::Left };
    while size > full * 0.8 && ts.inlines(title, spec(size), 0.0, 0.0, grid.width).lines.len() > 1 {
        size -= 1.0;
    }
    // Keep the first baseline where a full-size title's would be, low
    // enough that its tallest glyphs stay inside the safe area.
    let ascent = ts.book.face(ts.book.select(BOLD)).ascender * full;
    let baseline = grid.title_top + ts.baseline_offset(spec(full)).max(ascent);
    let top = baseline - ts.baseline_offset(spec(size));
    let set = ts.inlines(title, spec(size), grid.left, top, grid.width);
    let height = set.height.max(full * TITLE_LINE_HEIGHT);
    // An untitled slide has no heading: an empty one is nothing to a
    // screen reader but noise (axe: empty-heading).
    let mut nodes = Vec::new();
    if !title.is_empty() {
        nodes.push(Node::Heading { level: 2, lines: set.lines });
    }
    nodes.extend(set.shapes.into_iter().map(Node::Shape));
    let x = ts.start_of(title, grid.left, grid.width, 56.0);
    let rule = Shape { kind: ShapeKind::Rect, x, y: grid.rule_top + extra, w: 56.0, h: 3.0, color: palette.accent };
    nodes.push(Node::Shape(rule));
    (nodes, height)
}
