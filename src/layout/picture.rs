//! The `image` slide: one picture placed by `fit` in the body area (the
//! whole safe area when the slide has no title), its caption under it.

use super::Draft;
use super::content::{continued, set_title};
use super::frame::{ImageBox, Node, Shape, ShapeKind};
use super::grid::{Grid, TITLE_LINE_HEIGHT};
use super::typeset::{Align, Spec, Typesetter};
use crate::diag::Diagnostic;
use crate::model::{Fit, Slide, plain_text};
use crate::text::FontStyle;

/// The least a picture's side counts as, in pixels: an SVG may be a
/// fraction of one, and a side of 0 would divide by zero.
pub(crate) const MIN_SIDE: f32 = 1e-3;

/// Lay out an `image` slide.
pub fn image_slide(ts: &mut Typesetter, grid: &Grid, slide: &Slide) -> Result<Vec<Draft>, Diagnostic> {
    let palette = ts.theme.palette;
    let Some(image) = &slide.image else {
        return Err(Diagnostic::error("an `image` slide needs an `image` key").with_span(slide.span.clone()));
    };
    let mut nodes = Vec::new();
    let title = slide.title.clone().unwrap_or_default();
    let top = if title.is_empty() {
        grid.top
    } else {
        let (title_nodes, height) = set_title(ts, grid, &continued(&title, 0, 1), 0.0);
        nodes.extend(title_nodes);
        grid.body_top + height - ts.theme.title_size * TITLE_LINE_HEIGHT
    };
    let caption_spec = Spec {
        style: FontStyle::default(),
        size: ts.theme.footer_size * 1.3,
        color: palette.muted,
        line_height: 1.3,
        align: Align::Center,
    };
    let caption = image.caption.as_ref().map(|c| ts.inlines(c, caption_spec, 0.0, 0.0, grid.width));
    let caption_room = caption.as_ref().map_or(0.0, |c| c.height + caption_spec.size * 0.8);
    let area = Shape {
        kind: ShapeKind::Rect,
        x: grid.left,
        y: top,
        w: grid.width,
        h: grid.body_bottom - top - caption_room,
        color: palette.background,
    };

    let alt = image.caption.as_deref().or(slide.title.as_deref()).map(plain_text).unwrap_or_default();
    let mut bottom = area.y + area.h;
    if let Some((id, picture)) = ts.images.find(&image.src) {
        let (px_w, px_h) = picture.size();
        let (pw, ph) = (px_w.max(MIN_SIDE), px_h.max(MIN_SIDE));
        let scale = match image.fit {
            Fit::Contain => (area.w / pw).min(area.h / ph),
            Fit::Cover => (area.w / pw).max(area.h / ph),
        };
        let (w, h) = (pw * scale, ph * scale);
        let (x, y) = (area.x + (area.w - w) / 2.0, area.y + (area.h - h) / 2.0);
        let clip = (image.fit == Fit::Cover).then_some(area);
        if image.fit == Fit::Contain {
            bottom = y + h;
        }
        let text = super::lifted::text(ts.book, picture.lifted(), (x, y), w / pw, clip.as_ref());
        nodes.push(Node::Image(ImageBox { id, x, y, w, h, clip, alt, text }));
    }
    if let Some(caption) = &image.caption {
        let set = ts.inlines(caption, caption_spec, grid.left, bottom + caption_spec.size * 0.8, grid.width);
        nodes.push(Node::Paragraph(set.lines));
        nodes.extend(set.shapes.into_iter().map(Node::Shape));
    }
    let label = if title.is_empty() { image.src.clone() } else { plain_text(&title) };
    Ok(vec![Draft { title: label, nodes, scale: 1.0, background: palette.background, footer: true }])
}
