//! SVG pictures rendered to PNG, for the picture PowerPoint shows where
//! it cannot draw SVG (and the one every reader falls back to).

use resvg::tiny_skia::{Pixmap, Transform};

use crate::images::Svg;

/// Pixels per point of the rendering: 144 pixels to the inch at the
/// placed size, sharp on a laptop's screen.
const SCALE: f32 = 2.0;

/// The longest side of a rendering, pixels.
const MAX_SIDE: f32 = 4096.0;

/// `svg` placed `w` × `h` pt, as a PNG file; `None` when it cannot be
/// rendered (a size of nothing).
pub fn rasterize(svg: &Svg, w: f32, h: f32) -> Option<Vec<u8>> {
    let tree = svg.tree();
    let (sw, sh) = (tree.size().width(), tree.size().height());
    let fit = (MAX_SIDE / (w.max(h) * SCALE)).min(1.0);
    let (pw, ph) = ((w * SCALE * fit).round().max(1.0), (h * SCALE * fit).round().max(1.0));
    let mut pixmap = Pixmap::new(pw as u32, ph as u32)?;
    let transform = Transform::from_scale(pw / sw.max(0.01), ph / sh.max(0.01));
    resvg::render(tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}
