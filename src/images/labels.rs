//! The text of an SVG picture (a chart's labels, a diagram's, a logo's
//! name) lifted out of the drawing, for deck to set in its own faces over
//! it: then the PDF's text is text, found by a search and copied, rather
//! than outlines. Lifted one `<text>` element at a time, when all of it
//! can be set again exactly where usvg put it: upright, left to right, in
//! the deck's text or code face, filled with a plain colour, nothing
//! around it fading, masking, filtering or cutting it; otherwise that
//! element stays in the drawing, as outlines.

use std::ops::Range;

/// One line of a picture's text, as usvg laid it out.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Left end of its baseline, in the picture's CSS pixels.
    pub x: f32,
    /// Its baseline, CSS pixels from the picture's top.
    pub y: f32,
    /// Its size, CSS pixels.
    pub size: f32,
    /// Set in the bold face.
    pub bold: bool,
    /// Set in the italic face.
    pub italic: bool,
    /// Set in the code face.
    pub mono: bool,
    /// Its fill: red, green, blue.
    pub color: (u8, u8, u8),
    /// Where usvg put each glyph: its id and the left end of its
    /// baseline (CSS pixels across); spacing and explicit positions
    /// included, which deck's own shaping of `text` would not know.
    pub glyphs: Vec<(u16, f32)>,
}

/// What of an SVG's text deck sets itself.
#[derive(Debug, Default)]
pub struct Lifted {
    /// The lines lifted, in drawing order.
    pub labels: Vec<Label>,
    /// For each `<text>` element drawn (not those inside a clip path,
    /// mask or pattern), in document order: whether it was lifted.
    pub taken: Vec<bool>,
}

/// The text of `tree` that can be lifted (see the module's doc), each
/// text element whole or not at all; `faces` are the families of the
/// deck's text and code faces.
pub fn lift(tree: &usvg::Tree, faces: (&str, &str)) -> Lifted {
    let mut out = Lifted::default();
    walk(tree, tree.root(), Around { plain: true, within: None }, faces, &mut out);
    out
}

/// What the groups around a node do to it: `plain` when none fades,
/// masks or filters it (deck's text over the drawing would not be);
/// `within`, the bounds of the clip paths around it, in the canvas's
/// pixels (text is lifted only where no clip cuts it).
#[derive(Clone, Copy)]
struct Around {
    plain: bool,
    within: Option<usvg::Rect>,
}

fn walk(tree: &usvg::Tree, group: &usvg::Group, around: Around, faces: (&str, &str), out: &mut Lifted) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => {
                let plain = around.plain && g.opacity().get() >= 1.0 && g.mask().is_none() && g.filters().is_empty();
                let clip = g.clip_path().map(|clip| {
                    let to_canvas = g.abs_transform().pre_concat(clip.transform());
                    clip.root().bounding_box().transform(to_canvas)
                });
                // `None` inside: the clips leave nothing to see (or cannot
                // be bounded), and nothing in the group is lifted.
                let within = match (around.within, clip) {
                    (within, None) => Some(within),
                    (None, Some(clip)) => clip.map(Some),
                    (Some(within), Some(clip)) => clip.and_then(|c| c.intersect(&within)).map(Some),
                };
                let plain = plain && within.is_some();
                let within = within.flatten();
                walk(tree, g, Around { plain, within }, faces, out);
            }
            usvg::Node::Text(text) => {
                let mut mine = Vec::new();
                let uncut = around.within.is_none_or(|bounds| {
                    let b = text.abs_bounding_box();
                    let slack = 0.5;
                    b.left() >= bounds.left() - slack
                        && b.top() >= bounds.top() - slack
                        && b.right() <= bounds.right() + slack
                        && b.bottom() <= bounds.bottom() + slack
                });
                let taken = around.plain && uncut && lines(tree, text, faces, &mut mine).is_some();
                if taken {
                    out.labels.extend(mine);
                }
                out.taken.push(taken);
            }
            _ => {}
        }
    }
}

/// The lines of one text element: its glyphs grouped by baseline and face.
fn lines(
    tree: &usvg::Tree,
    text: &usvg::Text,
    (family, mono_family): (&str, &str),
    out: &mut Vec<Label>,
) -> Option<()> {
    let abs = text.abs_transform();
    let upright = abs.kx.abs() < 1e-4 && abs.ky.abs() < 1e-4 && abs.sx > 0.0 && (abs.sx - abs.sy).abs() < 1e-3;
    if !upright {
        return None;
    }
    for span in text.layouted() {
        if !span.visible || span.positioned_glyphs.is_empty() {
            continue;
        }
        // Outlined, underlined or struck text is drawn as it is.
        let decorated = span.underline.is_some() || span.overline.is_some() || span.line_through.is_some();
        if span.stroke.is_some() || decorated {
            return None;
        }
        let color = match span.fill.as_ref().map(|f| (f.paint(), f.opacity().get())) {
            Some((usvg::Paint::Color(c), opacity)) if opacity >= 1.0 => (c.red, c.green, c.blue),
            _ => return None,
        };
        let size = span.font_size.get() * abs.sx;
        let mut current: Option<Label> = None;
        for glyph in &span.positioned_glyphs {
            let face = tree.fontdb().face(glyph.font)?;
            let mono = match face.families.first() {
                Some((name, _)) if name == family => false,
                Some((name, _)) if name == mono_family => true,
                _ => return None,
            };
            let bold = face.weight.0 >= 600;
            let italic = face.style != usvg::fontdb::Style::Normal;
            let at = abs.pre_concat(glyph.transform());
            if at.kx.abs() > 1e-4 || at.ky.abs() > 1e-4 {
                return None;
            }
            let same_line = current
                .as_ref()
                .is_some_and(|l| (l.y - at.ty).abs() < 0.01 && (l.bold, l.italic, l.mono) == (bold, italic, mono));
            if !same_line {
                out.extend(current.take());
                let (x, y, glyphs) = (at.tx, at.ty, Vec::new());
                current = Some(Label { text: String::new(), x, y, size, bold, italic, mono, color, glyphs });
            }
            if let Some(label) = &mut current {
                label.text.push_str(&glyph.text);
                label.glyphs.push((glyph.id.0, at.tx));
            }
        }
        out.extend(current);
    }
    // Right-to-left text is laid out in visual order: deck would set it again wrongly.
    if out.iter().any(|l| crate::text::reads_rtl(&l.text, false)) {
        return None;
    }
    out.retain(|l| !l.text.trim().is_empty());
    Some(())
}

/// `svg`, usvg's rewriting of the tree lifted from, without the text
/// elements `taken` (the byte ranges `xml` has them at); `None` when its
/// text elements are not the ones lifted from.
pub fn without_text(svg: &str, xml: &roxmltree::Document, taken: &[bool]) -> Option<String> {
    let hidden = |n: &roxmltree::Node| {
        n.ancestors().skip(1).any(|a| matches!(a.tag_name().name(), "defs" | "clipPath" | "mask" | "pattern" | "text"))
    };
    let drawn: Vec<Range<usize>> = xml
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "text" && !hidden(n))
        .map(|n| n.range())
        .collect();
    if drawn.len() != taken.len() {
        return None;
    }
    let cut = drawn.into_iter().zip(taken).filter(|(_, taken)| **taken).map(|(range, _)| range);
    let mut out = String::with_capacity(svg.len());
    let mut at = 0;
    for range in cut {
        out.push_str(&svg[at..range.start]);
        at = range.end;
    }
    out.push_str(&svg[at..]);
    Some(out)
}
