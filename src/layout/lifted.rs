//! The text lifted out of an SVG picture's drawing (see
//! `images::labels`), set by deck over the picture wherever it is placed:
//! in a body, on an `image` slide, as the theme's logo or a background.

use super::frame::{Shape, TextLine, TextRun};
use crate::images::Label;
use crate::text::{FontBook, FontStyle, Glyph, LangTag, shape};

/// An SVG picture's lifted text (a chart's or a diagram's labels) set in
/// the deck's faces where usvg laid it out: the picture's top-left corner
/// at `at`, `scale` pt to its CSS pixel; what a `clip` hides entirely is
/// left out, so that no search finds it. Each label is shaped again in the
/// face usvg chose (the same font file), so its glyphs land on its
/// outlines; where usvg moved a glyph away from that shaping (letter
/// spacing, a `<tspan x>`), a new run starts at the glyph's own place.
pub(super) fn text(
    book: &FontBook,
    labels: &[Label],
    (x, y): (f32, f32),
    scale: f32,
    clip: Option<&Shape>,
) -> Vec<TextLine> {
    let shown = |run: &TextRun| {
        clip.is_none_or(|c| {
            run.x < c.x + c.w && run.x + run.width > c.x && run.y - run.size < c.y + c.h && run.y + run.size * 0.3 > c.y
        })
    };
    labels
        .iter()
        .map(|label| {
            let font = book.select(FontStyle { bold: label.bold, italic: label.italic, mono: label.mono });
            let size = label.size * scale;
            let shaped = shape(book, font, size, &label.text, false, LangTag::default());
            let (r, g, b) = label.color;
            let run = |text: &str, at: f32, glyphs: Vec<Glyph>| TextRun {
                x: x + at * scale,
                y: y + label.y * scale,
                font,
                size,
                color: crate::theme::Color { r, g, b },
                text: text.to_string(),
                width: glyphs.iter().map(|g| g.advance).sum(),
                glyphs,
                rtl: false,
                link: None,
                strike: false,
                formula: None,
            };
            let runs = pieces(label, &shaped.glyphs, scale)
                .into_iter()
                .map(|(glyphs, at)| {
                    let start = shaped.glyphs[glyphs.start].cluster;
                    let end = shaped.glyphs.get(glyphs.end).map_or(label.text.len(), |g| g.cluster);
                    let own =
                        shaped.glyphs[glyphs].iter().map(|g| Glyph { cluster: g.cluster - start, ..*g }).collect();
                    run(&label.text[start..end], at, own)
                })
                .filter(shown)
                .collect();
            TextLine { runs, rtl: false }
        })
        .filter(|line| !line.runs.is_empty())
        .collect()
}

/// How far (in ems) usvg may have put a glyph from where deck's shaping
/// puts it and still be in the same run: rounding, not spacing.
const SAME_PLACE: f32 = 0.02;

/// The runs `shaped` (deck's shaping of `label`'s text, in pt at `scale`)
/// falls into: each a range of glyphs and where usvg put its first, in the
/// picture's pixels. One run when the two shapings disagree on the glyphs.
fn pieces(label: &Label, shaped: &[Glyph], scale: f32) -> Vec<(std::ops::Range<usize>, f32)> {
    let same_glyphs = shaped.len() == label.glyphs.len()
        && shaped.iter().zip(&label.glyphs).all(|(mine, (id, _))| mine.id == *id)
        && shaped.windows(2).all(|w| w[0].cluster < w[1].cluster);
    if shaped.is_empty() {
        return Vec::new();
    }
    if !same_glyphs {
        return vec![(0..shaped.len(), label.x)];
    }
    let mut out: Vec<(std::ops::Range<usize>, f32)> = Vec::new();
    let mut pen = 0.0;
    for (i, (glyph, (_, at))) in shaped.iter().zip(&label.glyphs).enumerate() {
        // Where usvg's pen stood for this glyph.
        let place = at - glyph.offset_x / scale;
        match out.last_mut() {
            Some(last) if (place - pen).abs() <= SAME_PLACE * label.size => last.0.end = i + 1,
            _ => {
                out.push((i..i + 1, place));
                pen = place;
            }
        }
        pen += glyph.advance / scale;
    }
    out
}
