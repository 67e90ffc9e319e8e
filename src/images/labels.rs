//! The text of a generated SVG picture (a diagram) lifted out of the
//! drawing, for deck to set in its own faces over it: then the PDF's
//! labels are text, found by a search and copied, rather than outlines.
//! Lifted only when every piece can be set again exactly where usvg
//! put it: upright, unrotated, left to right, in the deck's text face,
//! filled with a plain colour; otherwise all of it stays in the drawing.

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
    /// Its fill: red, green, blue.
    pub color: (u8, u8, u8),
}

/// The text of `tree` as labels, when all of it can be lifted (see the
/// module's doc); `family` is the deck's text face's.
pub fn lift(tree: &usvg::Tree, family: &str) -> Option<Vec<Label>> {
    let mut out = Vec::new();
    walk(tree, tree.root(), family, &mut out)?;
    Some(out)
}

fn walk(tree: &usvg::Tree, group: &usvg::Group, family: &str, out: &mut Vec<Label>) -> Option<()> {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => walk(tree, g, family, out)?,
            usvg::Node::Text(text) => lines(tree, text, family, out)?,
            _ => {}
        }
    }
    Some(())
}

/// The lines of one text element: its glyphs grouped by baseline and face.
fn lines(tree: &usvg::Tree, text: &usvg::Text, family: &str, out: &mut Vec<Label>) -> Option<()> {
    let abs = text.abs_transform();
    let upright = abs.kx.abs() < 1e-4 && abs.ky.abs() < 1e-4 && abs.sx > 0.0 && (abs.sx - abs.sy).abs() < 1e-3;
    if !upright {
        return None;
    }
    for span in text.layouted() {
        if !span.visible || span.positioned_glyphs.is_empty() {
            continue;
        }
        let color = match span.fill.as_ref().map(usvg::Fill::paint) {
            Some(usvg::Paint::Color(c)) => (c.red, c.green, c.blue),
            _ => return None,
        };
        let size = span.font_size.get() * abs.sx;
        let mut current: Option<Label> = None;
        for glyph in &span.positioned_glyphs {
            let face = tree.fontdb().face(glyph.font)?;
            if face.families.first().is_none_or(|(name, _)| name != family) {
                return None;
            }
            let bold = face.weight.0 >= 600;
            let italic = face.style != usvg::fontdb::Style::Normal;
            let at = abs.pre_concat(glyph.transform());
            let same_line =
                current.as_ref().is_some_and(|l| (l.y - at.ty).abs() < 0.01 && (l.bold, l.italic) == (bold, italic));
            if !same_line {
                out.extend(current.take());
                current = Some(Label { text: String::new(), x: at.tx, y: at.ty, size, bold, italic, color });
            }
            if let Some(label) = &mut current {
                label.text.push_str(&glyph.text);
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

/// `svg` without its text elements (the byte ranges `xml` has them at).
pub fn without_text(svg: &str, xml: &roxmltree::Document) -> String {
    let mut cut: Vec<Range<usize>> = Vec::new();
    for node in xml.descendants().filter(|n| n.is_element() && n.tag_name().name() == "text") {
        if !cut.iter().any(|r| r.contains(&node.range().start)) {
            cut.push(node.range());
        }
    }
    let mut out = String::with_capacity(svg.len());
    let mut at = 0;
    for range in cut {
        out.push_str(&svg[at..range.start]);
        at = range.end;
    }
    out.push_str(&svg[at..]);
    out
}
