//! What the theme adds to every page around its content: the footer (its
//! templates filled in), a background picture or colour per layout, and
//! the logo in a corner of the page's margin.

use super::frame::{ImageBox, Node, Shape, ShapeKind};
use super::grid::Grid;
use super::lifted;
use super::picture::MIN_SIDE;
use super::typeset::{Align, Spec, Typesetter};
use crate::images::ImageStore;
use crate::model::Layout;
use crate::text::{FontBook, FontStyle};
use crate::theme::{Backdrop, Color, FooterFields, Theme, expand};

/// Space kept between the logo and the safe area, pt.
const LOGO_CLEARANCE: f32 = 8.0;

/// The footer: the left template's text at the left, the right one's at
/// the right, both muted; the left gives way to the right.
pub fn footer(ts: &mut Typesetter, grid: &Grid, fields: &FooterFields) -> Node {
    let spec = Spec {
        style: FontStyle::default(),
        size: ts.theme.footer_size,
        color: ts.theme.palette.muted,
        line_height: 1.25,
        align: Align::Left,
    };
    let left_text = expand(&ts.theme.footer.0, fields);
    let right_text = expand(&ts.theme.footer.1, fields);
    let mut lines = Vec::new();
    let mut room = grid.width;
    if !right_text.trim().is_empty() {
        let right = ts.plain(&right_text, Spec { align: Align::Right, ..spec }, grid.left, grid.footer_top, grid.width);
        room -= right.widest + 24.0;
        lines.extend(right.lines.into_iter().take(1));
    }
    if !left_text.trim().is_empty() && room > 0.0 {
        let left = ts.plain(&left_text, spec, grid.left, grid.footer_top, room);
        // The page reads left to right: the left text comes first.
        lines.splice(0..0, left.lines.into_iter().take(1));
    }
    Node::Footer(lines)
}

/// The page's background colour, and its background picture when the
/// theme gives `layout` one (covering the page, cropped to it).
pub fn backdrop(
    book: &FontBook,
    theme: &Theme,
    images: &ImageStore,
    layout: Layout,
    background: Color,
) -> (Color, Option<ImageBox>) {
    match theme.backdrop(layout) {
        None => (background, None),
        Some(Backdrop::Color(color)) => (*color, None),
        Some(Backdrop::Picture(path)) => {
            let Some((id, picture)) = images.find(&path.value.display().to_string()) else { return (background, None) };
            let (px_w, px_h) = picture.size();
            let (page_w, page_h) = (theme.width, theme.height);
            let scale = (page_w / px_w.max(MIN_SIDE)).max(page_h / px_h.max(MIN_SIDE));
            let (w, h) = (px_w * scale, px_h * scale);
            let page = Shape { kind: ShapeKind::Rect, x: 0.0, y: 0.0, w: page_w, h: page_h, color: background };
            let (x, y) = ((page_w - w) / 2.0, (page_h - h) / 2.0);
            let text = lifted::text(book, picture.lifted(), (x, y), scale, Some(&page));
            let image = ImageBox { id, x, y, w, h, clip: Some(page), alt: String::new(), text };
            (background, Some(image))
        }
    }
}

/// The logo in its corner of the page margin, aligned with the safe
/// area's edge; never taller than the margin leaves room for.
pub fn logo(book: &FontBook, theme: &Theme, images: &ImageStore) -> Option<ImageBox> {
    let logo = theme.logo.as_ref()?;
    let (id, picture) = images.find(&logo.path.value.display().to_string())?;
    let (px_w, px_h) = picture.size();
    let margin = if logo.corner.top() { theme.margin_top } else { theme.margin_bottom };
    let h = logo.size.min(margin - LOGO_CLEARANCE).max(1.0);
    let w = h * px_w.max(MIN_SIDE) / px_h.max(MIN_SIDE);
    let x = if logo.corner.left() { theme.margin_x } else { theme.width - theme.margin_x - w };
    let y = if logo.corner.top() {
        (margin - LOGO_CLEARANCE - h) / 2.0
    } else {
        theme.height - margin + LOGO_CLEARANCE + (margin - LOGO_CLEARANCE - h) / 2.0
    };
    let text = lifted::text(book, picture.lifted(), (x, y), w / px_w.max(MIN_SIDE), None);
    Some(ImageBox { id, x, y, w, h, clip: None, alt: String::new(), text })
}
