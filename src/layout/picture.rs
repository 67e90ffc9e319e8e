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
        let text = lifted_text(ts.book, picture.lifted(), (x, y), w / pw, clip.as_ref());
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

/// An SVG picture's lifted text (a chart's or a diagram's labels) set in
/// the deck's faces where usvg laid it out: the picture's top-left corner
/// at `at`, `scale` pt to its CSS pixel; what a `clip` hides entirely is
/// left out, so that no search finds it. Each label is shaped again in the
/// face usvg chose (the same font file), so its glyphs land on its
/// outlines; where usvg moved a glyph away from that shaping (letter
/// spacing, a `<tspan x>`), a new run starts at the glyph's own place.
pub(super) fn lifted_text(
    book: &crate::text::FontBook,
    labels: &[crate::images::Label],
    (x, y): (f32, f32),
    scale: f32,
    clip: Option<&Shape>,
) -> Vec<super::frame::TextLine> {
    use crate::text::{FontStyle, LangTag, shape};
    let shown = |run: &super::frame::TextRun| {
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
            let run = |text: &str, at: f32, glyphs: Vec<crate::text::Glyph>| super::frame::TextRun {
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
                    let own = shaped.glyphs[glyphs]
                        .iter()
                        .map(|g| crate::text::Glyph { cluster: g.cluster - start, ..*g })
                        .collect();
                    run(&label.text[start..end], at, own)
                })
                .filter(shown)
                .collect();
            super::frame::TextLine { runs, rtl: false }
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
fn pieces(
    label: &crate::images::Label,
    shaped: &[crate::text::Glyph],
    scale: f32,
) -> Vec<(std::ops::Range<usize>, f32)> {
    let same_glyphs = shaped.len() == label.glyphs.len()
        && shaped.iter().zip(&label.glyphs).all(|(mine, (id, _))| mine.id == *id)
        && shaped.windows(2).all(|w| w[0].cluster < w[1].cluster);
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
