//! A formula in the speaker notes, drawn: the notes are flowing text,
//! which the slide's positioned runs cannot join, so the formula's glyphs
//! go as outlines in an inline `<svg>` sized in em (so it follows the
//! notes' text size), on the baseline, in the notes' colour where the
//! formula sets none, and named by its source for screen readers.

use std::fmt::Write;
use std::sync::Arc;

use super::markup::{escape, paths};
use crate::layout::{FormulaAt, MATH_SCALE, ShapeKind, place_formula};
use crate::text::{FontBook, FontStyle, svg_path};
use crate::theme::Color;

/// Units of the drawing to one em of the formula: enough that rounding
/// to hundredths loses nothing.
const EM: f32 = 100.0;

/// Stands for "the colour of the text around": a formula's own colours
/// are kept, this one becomes `currentColor`.
const AROUND: Color = Color { r: 1, g: 2, b: 3 };

/// The formula `tex` drawn into `out` (`display`: on a line of its own);
/// false when it cannot be typeset (reading has reported why).
pub fn formula(out: &mut String, book: &FontBook, tex: &str, display: bool) -> bool {
    let Ok(formula) = crate::math::typeset(tex, display) else { return false };
    let at = FormulaAt {
        x: 0.0,
        baseline: formula.height * EM,
        size: EM,
        color: AROUND,
        text_face: book.select(FontStyle::default()),
    };
    let placed = place_formula(book, &formula, &Arc::from(tex), at);
    let (w, h) = (formula.width * EM, (formula.height + formula.depth) * EM);
    let em = |units: f32| ((units / EM * MATH_SCALE) * 1000.0).round() / 1000.0;
    let paint = |c: Color| if c == AROUND { "currentColor".to_string() } else { c.hex() };
    let (tag, style) = if display { ("div", " style=\"text-align:center\"") } else { ("span", "") };
    let _ = write!(
        out,
        "<{tag} class=\"math\" role=\"math\" aria-label=\"{label}\"{style}><svg aria-hidden=\"true\" viewBox=\"0 0 {vw} {vh}\" style=\"width:{ew}em;height:{eh}em;vertical-align:-{ed}em;overflow:visible\">",
        label = escape(tex),
        vw = w.round(),
        vh = h.round(),
        ew = em(w),
        eh = em(h),
        ed = em(formula.depth * EM),
    );
    for run in &placed.runs {
        let face = book.face(run.font);
        let mut pen = run.x;
        for glyph in &run.glyphs {
            let d = svg_path(face, glyph.id, run.size, (pen + glyph.offset_x, run.y - glyph.offset_y));
            if !d.is_empty() {
                let _ = write!(out, "<path d=\"{d}\" fill=\"{}\"/>", paint(run.color));
            }
            pen += glyph.advance;
        }
    }
    for shape in &placed.shapes {
        match &shape.kind {
            ShapeKind::Path(outline) => {
                let mut drawn = String::new();
                paths(&mut drawn, shape, outline);
                let drawn = drawn.replace(&AROUND.hex(), "currentColor");
                let _ = write!(out, "<g transform=\"translate({} {})\">{drawn}</g>", shape.x, shape.y);
            }
            _ => {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                    shape.x,
                    shape.y,
                    shape.w,
                    shape.h,
                    paint(shape.color)
                );
            }
        }
    }
    let _ = write!(out, "</svg></{tag}>");
    true
}
