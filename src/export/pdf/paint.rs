//! Shapes and pictures in the content stream, and the numbers they are
//! written with.

use pdf_writer::types::{LineCapStyle, LineJoinStyle};
use pdf_writer::{Content, Name};

use crate::images::Part;
use crate::layout::{ImageBox, Outline, Segment, Shape, ShapeKind};
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
        ShapeKind::Path(ref outline) => draw_outline(out, height, &shape, outline),
    }
}

/// An outline (a formula's radical sign or brace): stroked, or each
/// subpath filled on its own, as KaTeX draws them.
fn draw_outline(out: &mut Content, height: f32, shape: &Shape, outline: &Outline) {
    let at = |x: f32, y: f32| (round(shape.x + x), round(height - shape.y - y));
    if let Some(width) = outline.stroke {
        let Color { r, g, b } = shape.color;
        out.set_stroke_rgb(channel(r), channel(g), channel(b));
        out.set_line_width(round(width));
        out.set_line_cap(LineCapStyle::RoundCap);
        out.set_line_join(LineJoinStyle::RoundJoin);
    } else {
        fill_color(out, shape.color);
    }
    let finish = |out: &mut Content| {
        if outline.stroke.is_some() {
            out.stroke();
        } else {
            out.fill_nonzero();
        }
    };
    let mut current = (0.0, 0.0);
    let mut open = false;
    for segment in &outline.segments {
        match *segment {
            Segment::Move(x, y) => {
                if open && outline.stroke.is_none() {
                    finish(out);
                }
                let (px, py) = at(x, y);
                out.move_to(px, py);
                current = (x, y);
                open = true;
            }
            Segment::Line(x, y) => {
                let (px, py) = at(x, y);
                out.line_to(px, py);
                current = (x, y);
            }
            Segment::Cubic(x1, y1, x2, y2, x, y) => {
                let ((a, b), (c, d), (e, f)) = (at(x1, y1), at(x2, y2), at(x, y));
                out.cubic_to(a, b, c, d, e, f);
                current = (x, y);
            }
            Segment::Quad(qx, qy, x, y) => {
                // A quadratic curve as the cubic that traces it.
                let (x0, y0) = current;
                let c1 = (x0 + 2.0 / 3.0 * (qx - x0), y0 + 2.0 / 3.0 * (qy - y0));
                let c2 = (x + 2.0 / 3.0 * (qx - x), y + 2.0 / 3.0 * (qy - y));
                let ((a, b), (c, d), (e, f)) = (at(c1.0, c1.1), at(c2.0, c2.1), at(x, y));
                out.cubic_to(a, b, c, d, e, f);
                current = (x, y);
            }
            Segment::Close => {
                out.close_path();
            }
        }
    }
    if open {
        finish(out);
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
    if let Some(clip) = &image.clip {
        out.rect(round(clip.x), round(height - clip.y - clip.h), round(clip.w), round(clip.h));
        out.clip_nonzero();
        out.end_path();
    }
    let (x, y, w, h) = part.place(image.x, image.y, image.w, image.h);
    out.transform([w, 0.0, 0.0, h, x, height - y - h].map(round));
    out.x_object(Name(resource.as_bytes()));
    out.restore_state();
}
