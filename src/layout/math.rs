//! Formulas on the page: each glyph of a [`Formula`] a text run in its
//! KaTeX face at the place RaTeX gave it (so formulas are searchable text
//! in the PDF and the HTML), rules as rectangles, outlines as paths.

use std::sync::Arc;

use super::frame::{Outline, Segment, Shape, ShapeKind, TextRun};
use crate::math::{Formula, Item, Rgb, STROKE};
use crate::text::{FontBook, FontId, Han, LangTag, shape};
use crate::theme::Color;

/// KaTeX sets formulas at 1.21 times the size of the text around them:
/// Computer Modern's letters are smaller than a sans-serif's at one size.
pub const MATH_SCALE: f32 = 1.21;

/// A formula placed: its glyphs and its drawn parts.
#[derive(Debug, Default)]
pub struct Placed {
    /// One run per glyph, in the formula's order.
    pub runs: Vec<TextRun>,
    /// Rules, boxes and outlines.
    pub shapes: Vec<Shape>,
}

/// Where and how a formula is drawn.
#[derive(Debug, Clone, Copy)]
pub struct At {
    /// Left edge of the formula, pt.
    pub x: f32,
    /// Its baseline, pt.
    pub baseline: f32,
    /// Size of 1 em, pt.
    pub size: f32,
    /// Colour of what the formula does not colour itself.
    pub color: Color,
    /// The text face, for characters no KaTeX face has (`\text{…}` in
    /// other scripts).
    pub text_face: FontId,
}

/// Place `formula`, whose source is `source`, at `at`.
pub fn place(book: &FontBook, formula: &Formula, source: &Arc<str>, at: At) -> Placed {
    let mut out = Placed::default();
    let colour = |c: Rgb| c.map_or(at.color, |(r, g, b)| Color { r, g, b });
    for item in &formula.items {
        match item {
            Item::Glyph { face, ch, x, y, scale, color } => {
                let text = ch.to_string();
                let font = book.math_face(face).unwrap_or_else(|| {
                    book.itemize(at.text_face, &text, Han::default()).first().map_or(at.text_face, |(_, f)| *f)
                });
                let size = at.size * scale;
                let shaped = shape(book, font, size, &text, false, LangTag::default());
                out.runs.push(TextRun {
                    x: at.x + x * at.size,
                    y: at.baseline + y * at.size,
                    font,
                    size,
                    color: colour(*color),
                    width: shaped.width(),
                    glyphs: shaped.glyphs,
                    text,
                    rtl: false,
                    link: None,
                    strike: false,
                    formula: Some(Arc::clone(source)),
                });
            }
            Item::Rect { x, y, w, h, color } => out.shapes.push(Shape {
                kind: ShapeKind::Rect,
                x: at.x + x * at.size,
                y: at.baseline + y * at.size,
                w: w * at.size,
                h: h * at.size,
                color: colour(*color),
            }),
            Item::Path { segments, fill, color } => {
                if let Some(shape) = outline(segments, *fill, at) {
                    out.shapes.push(Shape { color: colour(*color), ..shape });
                }
            }
        }
    }
    out
}

/// An outline in ems from the formula's origin as a shape on the page:
/// its box around the points, its segments from the box's corner.
fn outline(segments: &[Segment], fill: bool, at: At) -> Option<Shape> {
    let points = segments.iter().flat_map(|s| match *s {
        Segment::Move(x, y) | Segment::Line(x, y) => vec![(x, y)],
        Segment::Cubic(x1, y1, x2, y2, x, y) => vec![(x1, y1), (x2, y2), (x, y)],
        Segment::Quad(x1, y1, x, y) => vec![(x1, y1), (x, y)],
        Segment::Close => Vec::new(),
    });
    let (mut left, mut top, mut right, mut bottom) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for (x, y) in points {
        (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x), bottom.max(y));
    }
    if left > right {
        return None;
    }
    let s = at.size;
    let p = |x: f32, y: f32| ((x - left) * s, (y - top) * s);
    let moved = segments
        .iter()
        .map(|seg| match *seg {
            Segment::Move(x, y) => {
                let (x, y) = p(x, y);
                Segment::Move(x, y)
            }
            Segment::Line(x, y) => {
                let (x, y) = p(x, y);
                Segment::Line(x, y)
            }
            Segment::Cubic(x1, y1, x2, y2, x, y) => {
                let ((x1, y1), (x2, y2), (x, y)) = (p(x1, y1), p(x2, y2), p(x, y));
                Segment::Cubic(x1, y1, x2, y2, x, y)
            }
            Segment::Quad(x1, y1, x, y) => {
                let ((x1, y1), (x, y)) = (p(x1, y1), p(x, y));
                Segment::Quad(x1, y1, x, y)
            }
            Segment::Close => Segment::Close,
        })
        .collect();
    Some(Shape {
        kind: ShapeKind::Path(Arc::new(Outline { segments: moved, stroke: (!fill).then_some(STROKE * s) })),
        x: at.x + left * s,
        y: at.baseline + top * s,
        w: (right - left) * s,
        h: (bottom - top) * s,
        color: at.color,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_become_runs_of_the_katex_faces_and_braces_outlines() {
        let mut book = FontBook::builtin();
        book.add_math_faces();
        let tex = r"\widehat{x^2}";
        let formula = crate::math::typeset(tex, true).unwrap();
        let at = At { x: 100.0, baseline: 200.0, size: 20.0, color: Color { r: 1, g: 2, b: 3 }, text_face: FontId(0) };
        let placed = place(&book, &formula, &Arc::from(tex), at);
        let text: String = placed.runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "x2");
        let [x, two] = &placed.runs[..] else { panic!("{:?}", placed.runs) };
        assert_eq!(book.face(x.font).postscript_name, "KaTeX_Math-Italic");
        assert_eq!(book.face(two.font).postscript_name, "KaTeX_Main-Regular");
        assert!(two.size < x.size && two.y < x.y, "a smaller superscript, raised");
        assert!(placed.runs.iter().all(|r| r.formula.as_deref() == Some(tex)));
        let [hat] = &placed.shapes[..] else { panic!("{:?}", placed.shapes) };
        assert!(matches!(hat.kind, ShapeKind::Path(_)), "the hat is an outline");
        assert!(hat.x >= 100.0 && hat.y + hat.h < x.y - 10.0, "above the x: {hat:?}");
        assert_eq!(hat.color, Color { r: 1, g: 2, b: 3 });
    }
}
