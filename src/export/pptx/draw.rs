//! DrawingML pieces every slide-like part repeats: the shape tree's
//! opening, a shape's box, fills, and placeholders.

use super::xml::{Xml, centi, emu};
use crate::layout::{Outline, Segment};
use crate::theme::Color;

/// A box on the slide, pt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// Open `<p:spTree>` with the group properties it must start with; the
/// caller closes it.
pub fn open_tree(xml: &mut Xml) {
    xml.open("p:spTree", &[]);
    xml.open("p:nvGrpSpPr", &[]);
    xml.empty("p:cNvPr", &[("id", &1), ("name", &"")]);
    xml.empty("p:cNvGrpSpPr", &[]);
    xml.empty("p:nvPr", &[]);
    xml.close();
    xml.open("p:grpSpPr", &[]);
    xml.open("a:xfrm", &[]);
    for (name, a, b) in [("a:off", "x", "y"), ("a:ext", "cx", "cy"), ("a:chOff", "x", "y"), ("a:chExt", "cx", "cy")] {
        xml.empty(name, &[(a, &0), (b, &0)]);
    }
    xml.close();
    xml.close();
}

/// `<a:xfrm>` of a box.
pub fn xfrm(xml: &mut Xml, rect: Rect) {
    xml.open("a:xfrm", &[]);
    xml.empty("a:off", &[("x", &emu(rect.x)), ("y", &emu(rect.y))]);
    xml.empty("a:ext", &[("cx", &emu(rect.w.max(0.0))), ("cy", &emu(rect.h.max(0.0)))]);
    xml.close();
}

/// `<a:prstGeom>` of a preset shape.
pub fn geometry(xml: &mut Xml, preset: &str) {
    xml.open("a:prstGeom", &[("prst", &preset)]);
    xml.empty("a:avLst", &[]);
    xml.close();
}

/// `<a:custGeom>`: an outline in pt from the shape's corner (`rect` is
/// its box), each subpath its own path, filled on its own as the PDF
/// fills it.
pub fn custom(xml: &mut Xml, rect: Rect, outline: &Outline) {
    xml.open("a:custGeom", &[]);
    for empty in ["a:avLst", "a:gdLst", "a:ahLst", "a:cxnLst"] {
        xml.empty(empty, &[]);
    }
    xml.empty("a:rect", &[("l", &0), ("t", &0), ("r", &"r"), ("b", &"b")]);
    xml.open("a:pathLst", &[]);
    let (w, h) = (emu(rect.w).max(1), emu(rect.h).max(1));
    let stroked = outline.stroke.is_some();
    let mut open = false;
    let point = |xml: &mut Xml, x: f32, y: f32| xml.empty("a:pt", &[("x", &emu(x)), ("y", &emu(y))]);
    for segment in &outline.segments {
        if let Segment::Move(..) = segment
            && (!open || !stroked)
        {
            if open {
                xml.close();
            }
            if stroked {
                xml.open("a:path", &[("w", &w), ("h", &h), ("fill", &"none")]);
            } else {
                xml.open("a:path", &[("w", &w), ("h", &h), ("stroke", &"0")]);
            }
            open = true;
        }
        match *segment {
            Segment::Move(x, y) => {
                xml.open("a:moveTo", &[]);
                point(xml, x, y);
                xml.close();
            }
            Segment::Line(x, y) => {
                xml.open("a:lnTo", &[]);
                point(xml, x, y);
                xml.close();
            }
            Segment::Cubic(x1, y1, x2, y2, x, y) => {
                xml.open("a:cubicBezTo", &[]);
                point(xml, x1, y1);
                point(xml, x2, y2);
                point(xml, x, y);
                xml.close();
            }
            Segment::Quad(x1, y1, x, y) => {
                xml.open("a:quadBezTo", &[]);
                point(xml, x1, y1);
                point(xml, x, y);
                xml.close();
            }
            Segment::Close => xml.empty("a:close", &[]),
        }
    }
    if open {
        xml.close();
    }
    xml.close();
    xml.close();
}

/// A colour as `<a:srgbClr>`.
pub fn rgb(xml: &mut Xml, color: Color) {
    xml.empty("a:srgbClr", &[("val", &hex(color))]);
}

/// `<a:solidFill>` of a colour.
pub fn solid(xml: &mut Xml, color: Color) {
    xml.open("a:solidFill", &[]);
    rgb(xml, color);
    xml.close();
}

/// `<a:solidFill>` of a colour of the theme's scheme ("tx1", "accent1").
pub fn scheme(xml: &mut Xml, name: &str) {
    xml.open("a:solidFill", &[]);
    xml.empty("a:schemeClr", &[("val", &name)]);
    xml.close();
}

/// A colour as six hex digits, upper case as Office writes them.
pub fn hex(color: Color) -> String {
    format!("{:02X}{:02X}{:02X}", color.r, color.g, color.b)
}

/// A slide's or layout's background of one colour.
pub fn background(xml: &mut Xml, color: Color) {
    xml.open("p:bg", &[]);
    xml.open("p:bgPr", &[]);
    solid(xml, color);
    xml.empty("a:effectLst", &[]);
    xml.close();
    xml.close();
}

/// The non-visual properties of a shape: its id, name and, for a
/// placeholder, its type and index.
pub fn nv_shape(xml: &mut Xml, id: usize, name: &str, text_box: bool, placeholder: Option<(&str, usize)>) {
    xml.open("p:nvSpPr", &[]);
    xml.empty("p:cNvPr", &[("id", &id), ("name", &name)]);
    if text_box {
        xml.empty("p:cNvSpPr", &[("txBox", &1)]);
    } else if placeholder.is_some() {
        xml.open("p:cNvSpPr", &[]);
        xml.empty("a:spLocks", &[("noGrp", &1)]);
        xml.close();
    } else {
        xml.empty("p:cNvSpPr", &[]);
    }
    match placeholder {
        Some((kind, idx)) => {
            xml.open("p:nvPr", &[]);
            if idx == 0 {
                xml.empty("p:ph", &[("type", &kind)]);
            } else {
                xml.empty("p:ph", &[("type", &kind), ("idx", &idx)]);
            }
            xml.close();
        }
        None => xml.empty("p:nvPr", &[]),
    }
    xml.close();
}

/// `<a:bodyPr>` of text set as layout set it: no insets, no autofit,
/// wrapped in the box, from the top.
pub fn body_pr(xml: &mut Xml, anchor: &str) {
    xml.open(
        "a:bodyPr",
        &[
            ("wrap", &"square"),
            ("lIns", &0),
            ("tIns", &0),
            ("rIns", &0),
            ("bIns", &0),
            ("anchor", &anchor),
            ("rtlCol", &0),
        ],
    );
    xml.empty("a:noAutofit", &[]);
    xml.close();
}

/// `<a:defRPr>` or `<a:rPr>`-like run defaults: size, weight, colour and
/// face.
pub fn run_defaults(xml: &mut Xml, name: &'static str, size: f32, bold: bool, fill: &str, face: &str) {
    xml.open(name, &[("sz", &centi(size)), ("b", &u8::from(bold))]);
    scheme(xml, fill);
    xml.empty("a:latin", &[("typeface", &face)]);
    xml.close();
}
