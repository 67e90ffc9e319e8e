//! Title and section slides: designed pages, not bigger text. Neither has
//! a footer or a page number.

use super::Draft;
use super::frame::{Node, Shape, ShapeKind};
use super::grid::Grid;
use super::typeset::{Align, Spec, Typesetter};
use crate::model::{Inline, Meta, Slide, plain_text};
use crate::text::FontStyle;

const BOLD: FontStyle = FontStyle { mono: false, bold: true, italic: false };
const REGULAR: FontStyle = FontStyle { mono: false, bold: false, italic: false };

/// The title slide: accent band at the left edge, the title large, the
/// subtitle under it, author and date at the foot.
pub fn title(ts: &mut Typesetter, grid: &Grid, meta: &Meta, slide: &Slide) -> Draft {
    let palette = ts.theme.palette;
    let title: &[Inline] = slide.title.as_deref().unwrap_or(&meta.title);
    let subtitle = slide.subtitle.as_ref().or(meta.subtitle.as_ref());
    let width = grid.width * 0.86;
    let size = ts.theme.title_size * 1.38;
    let title_spec = Spec { style: BOLD, size, color: palette.text, line_height: 1.1, align: Align::Left };
    let sub_spec = Spec {
        style: REGULAR,
        size: ts.theme.subtitle_size.unwrap_or(ts.theme.body_size(0) * 1.05),
        color: palette.muted,
        line_height: 1.3,
        align: Align::Left,
    };

    // Measure, then centre the title block a little above the middle.
    let probe_title = ts.inlines(title, title_spec, 0.0, 0.0, width);
    let probe_sub = subtitle.map(|s| ts.inlines(s, sub_spec, 0.0, 0.0, width));
    let gap = size * 0.45;
    let block = probe_title.height + probe_sub.as_ref().map_or(0.0, |s| gap + s.height);
    let top = ((grid.page.1 - block) / 2.0 - grid.page.1 * 0.06).max(grid.top + 40.0);

    let mut nodes = vec![
        Node::Shape(Shape {
            kind: ShapeKind::Rect,
            x: ts.start_of(title, 0.0, grid.page.0, 14.0),
            y: 0.0,
            w: 14.0,
            h: grid.page.1,
            color: palette.accent,
        }),
        Node::Shape(Shape {
            kind: ShapeKind::Rect,
            x: ts.start_of(title, grid.left, width, 64.0),
            y: top - 30.0,
            w: 64.0,
            h: 4.0,
            color: palette.accent,
        }),
    ];
    let set = ts.inlines(title, title_spec, grid.left, top, width);
    let mut y = top + set.height;
    nodes.push(Node::Heading { level: 1, lines: set.lines });
    nodes.extend(set.shapes.into_iter().map(Node::Shape));
    if let Some(subtitle) = subtitle {
        let set = ts.inlines(subtitle, sub_spec, grid.left, y + gap, width);
        y += gap + set.height;
        nodes.push(Node::Paragraph(set.lines));
    }

    let byline: Vec<&str> = [meta.author.as_deref(), meta.date.as_deref()].into_iter().flatten().collect();
    if !byline.is_empty() {
        let spec = Spec {
            style: REGULAR,
            size: ts.theme.body_size(0) * 0.75,
            color: palette.text,
            line_height: 1.35,
            align: Align::Left,
        };
        let height = spec.size * spec.line_height * byline.len() as f32;
        let foot = (grid.bottom - height).max(y + 24.0);
        for (i, line) in byline.iter().enumerate() {
            let spec = if i == 0 { Spec { style: BOLD, ..spec } } else { Spec { color: palette.muted, ..spec } };
            let set = ts.plain(line, spec, grid.left, foot + i as f32 * spec.size * spec.line_height, width);
            nodes.push(Node::Paragraph(set.lines));
        }
    }
    Draft { title: plain_text(title), nodes, scale: 1.0, background: palette.background, footer: false }
}

/// A section divider: the whole page in the accent colour, the part
/// number, a rule, the section title and its subtitle.
pub fn section(ts: &mut Typesetter, grid: &Grid, slide: &Slide, number: usize) -> Draft {
    let palette = ts.theme.palette;
    let ink = palette.on_accent;
    let soft = palette.on_accent.mix(palette.accent, 0.25);
    let title = slide.title.clone().unwrap_or_default();
    let width = grid.width * 0.86;
    let label_spec =
        Spec { style: BOLD, size: ts.theme.footer_size * 1.45, color: soft, line_height: 1.2, align: Align::Left };
    let title_spec =
        Spec { style: BOLD, size: ts.theme.title_size * 1.3, color: ink, line_height: 1.1, align: Align::Left };
    let sub_spec = Spec {
        style: REGULAR,
        size: ts.theme.subtitle_size.unwrap_or(ts.theme.body_size(0)),
        color: soft,
        line_height: 1.3,
        align: Align::Left,
    };

    let probe = ts.inlines(&title, title_spec, 0.0, 0.0, width);
    let top = (grid.page.1 * 0.5 - probe.height * 0.5).max(grid.top + 60.0);

    let mut nodes = Vec::new();
    let label = ts.plain(&format!("Part {number}"), label_spec, grid.left, top - 62.0, width);
    nodes.push(Node::Paragraph(label.lines));
    nodes.push(Node::Shape(Shape { kind: ShapeKind::Rect, x: grid.left, y: top - 24.0, w: 64.0, h: 4.0, color: ink }));
    let set = ts.inlines(&title, title_spec, grid.left, top, width);
    let y = top + set.height;
    nodes.push(Node::Heading { level: 2, lines: set.lines });
    nodes.extend(set.shapes.into_iter().map(Node::Shape));
    if let Some(subtitle) = &slide.subtitle {
        let set = ts.inlines(subtitle, sub_spec, grid.left, y + 14.0, width);
        nodes.push(Node::Paragraph(set.lines));
    }
    Draft { title: plain_text(&title), nodes, scale: 1.0, background: palette.accent, footer: false }
}
