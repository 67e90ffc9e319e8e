//! A formula in the speaker notes, drawn: the notes are flowing text,
//! which the slide's positioned runs cannot join, so the formula's glyphs
//! go as outlines in an inline `<svg>` sized in em (so it follows the
//! notes' text size), on the baseline, in the notes' colour where the
//! formula sets none, and named by its source for screen readers.

use std::fmt::Write;
use std::sync::Arc;

use super::markup::{escape, paths};
use crate::layout::{FormulaAt, MATH_SCALE, ShapeKind, place_formula};
use crate::text::{FontBook, FontStyle, run_paths};
use crate::theme::Color;

/// Units of the drawing to one em of the formula: enough that rounding
/// to hundredths loses nothing.
const EM: f32 = 100.0;

/// Stands for "the colour of the text around": a formula's own colours
/// are kept, this one becomes `currentColor` (a formula coloured exactly
/// #010203 takes the notes' colour too).
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
        for d in run_paths(book.face(run.font), &run.glyphs, run.size, (run.x, run.y)) {
            let _ = write!(out, "<path d=\"{d}\" fill=\"{}\"/>", paint(run.color));
        }
    }
    for shape in &placed.shapes {
        match &shape.kind {
            ShapeKind::Path(outline) => {
                let _ = write!(out, "<g transform=\"translate({} {})\">", shape.x, shape.y);
                paths(out, outline, &paint(shape.color));
                out.push_str("</g>");
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
