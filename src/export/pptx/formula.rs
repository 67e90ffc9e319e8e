//! A formula on a line of its own as a picture: PowerPoint has not the
//! KaTeX fonts, so its glyphs go as outlines in an SVG (with the PNG
//! rendering readers fall back to), described by the formula's source.
//! Its rules and outlines are shapes of their own, drawn as the page's.

use std::fmt::Write;
use std::sync::Arc;

use super::draw::Rect;
use super::slide::Slide;
use crate::images::Svg;
use crate::layout::TextLine;
use crate::text::{FontBook, run_paths};

/// The source of the formula `lines` are, when they are one formula
/// alone (a display formula) rather than text.
pub fn alone(lines: &[TextLine]) -> Option<&Arc<str>> {
    let [line] = lines else { return None };
    let first = line.runs.first()?.formula.as_ref()?;
    line.runs.iter().all(|r| r.in_formula(Some(first))).then_some(first)
}

/// Draw the formula `lines` hold as a picture; false when there is
/// nothing to draw.
pub fn picture(slide: &mut Slide, book: &FontBook, lines: &[TextLine], source: &str) -> bool {
    let runs = lines.iter().flat_map(|l| &l.runs);
    let (mut left, mut top, mut right, mut bottom) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for run in runs.clone() {
        let face = book.face(run.font);
        left = left.min(run.x);
        right = right.max(run.x + run.width);
        top = top.min(run.y - face.ascender * run.size);
        bottom = bottom.max(run.y - face.descender * run.size);
    }
    if left >= right || top >= bottom {
        return false;
    }
    let (w, h) = (right - left, bottom - top);
    let mut body = String::new();
    for run in runs {
        for d in run_paths(book.face(run.font), &run.glyphs, run.size, (run.x - left, run.y - top)) {
            let _ = write!(body, "<path d=\"{d}\" fill=\"{}\"/>", run.color.hex());
        }
    }
    let markup = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}pt\" height=\"{h}pt\" viewBox=\"0 0 {w} {h}\">{body}</svg>"
    );
    let Some(svg) = Svg::drawn("formula", markup) else { return false };
    super::pictures::drawing(slide, &svg, Rect { x: left, y: top, w, h }, source);
    true
}
