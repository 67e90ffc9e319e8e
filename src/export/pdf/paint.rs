//! Shapes and pictures in the content stream, and the numbers they are
//! written with.

use pdf_writer::{Content, Name};

use crate::images::Part;
use crate::layout::{ImageBox, Shape, ShapeKind};
use crate::theme::Color;

pub fn draw_shape(out: &mut Content, height: f32, shape: Shape) {
    match shape.kind {
        ShapeKind::Rect => fill_rect(out, height, shape),
        ShapeKind::Disc => {
            fill_color(out, shape.color);
            ellipse(out, height, shape);
            out.fill_nonzero();
        }
        ShapeKind::Ring { stroke } => {
            let inset = Shape {
                x: shape.x + stroke / 2.0,
                y: shape.y + stroke / 2.0,
                w: shape.w - stroke,
                h: shape.h - stroke,
                ..shape
            };
            let Color { r, g, b } = shape.color;
            out.set_stroke_rgb(channel(r), channel(g), channel(b));
            out.set_line_width(round(stroke));
            ellipse(out, height, inset);
            out.stroke();
        }
    }
}

pub fn fill_rect(out: &mut Content, height: f32, s: Shape) {
    fill_color(out, s.color);
    out.rect(round(s.x), round(height - s.y - s.h), round(s.w), round(s.h));
    out.fill_nonzero();
}

pub fn fill_color(out: &mut Content, Color { r, g, b }: Color) {
    out.set_fill_rgb(channel(r), channel(g), channel(b));
}

/// A colour channel to 1/10,000: what 8 bits need, in few digits.
fn channel(value: u8) -> f32 {
    (f32::from(value) / 255.0 * 10_000.0).round() / 10_000.0
}

/// A length to 0.001 pt, far below what a page can show: pdf-writer
/// writes each number's shortest form, and these stay short.
pub fn round(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}

/// An ellipse in the shape's box as four Bézier arcs, closed.
fn ellipse(out: &mut Content, height: f32, s: Shape) {
    const K: f32 = 0.552_284_8;
    let (rx, ry) = (s.w / 2.0, s.h / 2.0);
    let (cx, cy) = (s.x + rx, height - s.y - ry);
    let (kx, ky) = (rx * K, ry * K);
    let curve = |out: &mut Content, points: [f32; 6]| {
        let [x1, y1, x2, y2, x3, y3] = points.map(round);
        out.cubic_to(x1, y1, x2, y2, x3, y3);
    };
    out.move_to(round(cx + rx), round(cy));
    curve(out, [cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry]);
    curve(out, [cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy]);
    curve(out, [cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry]);
    curve(out, [cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy]);
    out.close_path();
}

/// Draw one placed picture, clipped to its visible part when cropped. An
/// image XObject fills the unit square: the matrix scales it to the box
/// its pixels fill (`part` of the whole picture's box).
pub fn draw_picture(out: &mut Content, height: f32, image: &ImageBox, (resource, part): &(String, Part)) {
    out.save_state();
    if let Some(clip) = image.clip {
        out.rect(round(clip.x), round(height - clip.y - clip.h), round(clip.w), round(clip.h));
        out.clip_nonzero();
        out.end_path();
    }
    let (x, y, w, h) = part.place(image.x, image.y, image.w, image.h);
    out.transform([w, 0.0, 0.0, h, x, height - y - h].map(round));
    out.x_object(Name(resource.as_bytes()));
    out.restore_state();
}
