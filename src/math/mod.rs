//! Math formulas (`$…$`, `$$…$$`, ```` ```math ````): LaTeX in the syntax
//! KaTeX accepts, parsed and laid out by RaTeX (a port of KaTeX's parser
//! and layout) into glyphs of the KaTeX fonts, rules and paths. This is
//! the only module that knows RaTeX; layout draws a [`Formula`] with deck's
//! own font code, so formulas are text in the PDF and the HTML alike.
//!
//! Lengths are in ems of the formula's size; y points down from the
//! formula's baseline.

use std::ops::Range;

use ratex_layout::{LayoutOptions, layout, to_display_list, validate_layout};
use ratex_types::color::Color as RatexColor;
use ratex_types::display_item::DisplayItem;
use ratex_types::math_style::MathStyle;
use ratex_types::path_command::PathCommand;

/// A formula laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// Advance width, em.
    pub width: f32,
    /// Extent above the baseline, em.
    pub height: f32,
    /// Extent below the baseline, em.
    pub depth: f32,
    /// What to draw.
    pub items: Vec<Item>,
}

/// A colour given in the formula (`\color`, `\textcolor`, `\colorbox`);
/// items without one take the text's colour.
pub type Rgb = Option<(u8, u8, u8)>;

/// One thing a formula draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A glyph of a KaTeX face, by the character its character map has it
    /// under.
    Glyph {
        /// The face, as the KaTeX font files name it: "Main-Regular",
        /// "Math-Italic", "Size2-Regular"…; "CJK-Regular" and
        /// "Emoji-Fallback" for characters no KaTeX face has (the text
        /// face and its fallbacks draw those).
        face: &'static str,
        /// The character to look up in that face.
        ch: char,
        /// Left edge of its origin, em.
        x: f32,
        /// Its baseline, em below the formula's.
        y: f32,
        /// Its size relative to the formula's (scripts are smaller).
        scale: f32,
        /// Its colour.
        color: Rgb,
    },
    /// A filled rectangle: fraction bars, rules, `\colorbox` backgrounds.
    Rect {
        /// Left, em.
        x: f32,
        /// Top, em below the baseline (negative: above).
        y: f32,
        /// Width, em.
        w: f32,
        /// Height, em.
        h: f32,
        /// Its colour.
        color: Rgb,
    },
    /// An outline: radical signs, stretched delimiters, braces, arrows.
    Path {
        /// Its segments, em, from the formula's origin.
        segments: Vec<Segment>,
        /// Filled (each subpath on its own, non-zero); stroked otherwise.
        fill: bool,
        /// Its colour.
        color: Rgb,
    },
}

/// One segment of an outline, em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    /// Start a subpath.
    Move(f32, f32),
    /// A straight line.
    Line(f32, f32),
    /// A cubic Bézier curve: two control points, then the end.
    Cubic(f32, f32, f32, f32, f32, f32),
    /// A quadratic Bézier curve: the control point, then the end.
    Quad(f32, f32, f32, f32),
    /// Close the subpath.
    Close,
}

/// Why a formula cannot be set: the engine's message and where in the
/// formula's source (bytes) it found the fault.
#[derive(Debug, Clone, PartialEq)]
pub struct MathError {
    /// The engine's message.
    pub message: String,
    /// The bytes of the source it points at, when it says.
    pub range: Option<Range<usize>>,
}

/// The width of the stroke of unfilled outlines, em (KaTeX draws them
/// 1.5 px wide at 40 px per em).
pub const STROKE: f32 = 0.0375;

/// Colours with no alpha stand for "the text's colour": no formula can
/// ask for a transparent colour, so RaTeX's default is told apart this way.
const INHERIT: RatexColor = RatexColor { r: 0.0, g: 0.0, b: 0.0, a: 0.0 };

/// Check that `tex` parses and lays out, without keeping the result.
pub fn check(tex: &str) -> Result<(), MathError> {
    typeset(tex, false).map(|_| ())
}

/// Lay out `tex` in display style (`display`: centred formulas on their
/// own line, larger operators and limits above and below) or in text
/// style (inline, within a line).
pub fn typeset(tex: &str, display: bool) -> Result<Formula, MathError> {
    let nodes = ratex_parser::Parser::new(tex)
        .parse()
        .map_err(|e| MathError { message: e.message, range: e.loc.map(|loc| loc.start..loc.end.max(loc.start)) })?;
    let style = if display { MathStyle::Display } else { MathStyle::Text };
    let options = LayoutOptions::default().with_style(style).with_color(INHERIT);
    let laid = layout(&nodes, &options);
    validate_layout(&laid).map_err(|message| MathError { message, range: None })?;
    let list = to_display_list(&laid);
    let (height, depth) = (list.height as f32, list.depth as f32);
    // RaTeX measures from the top of the formula's box; deck from its baseline.
    let items = list.items.into_iter().filter_map(|item| convert(item, height)).collect();
    Ok(Formula { width: list.width as f32, height, depth, items })
}

fn convert(item: DisplayItem, top: f32) -> Option<Item> {
    let y = |v: f64| v as f32 - top;
    Some(match item {
        DisplayItem::GlyphPath { x, y: gy, scale, font, char_code, color } => {
            let face = face_name(&font);
            let ch = match ratex_font::FontId::parse(&font) {
                Some(id) => ratex_font::katex_ttf_glyph_char(id, char_code),
                None => char::from_u32(char_code)?,
            };
            Item::Glyph { face, ch, x: x as f32, y: y(gy), scale: scale as f32, color: rgb(color) }
        }
        DisplayItem::Line { x, y: ly, width, thickness, color, .. } => {
            let t = thickness.max(1e-6) as f32;
            Item::Rect { x: x as f32, y: y(ly) - t / 2.0, w: width as f32, h: t, color: rgb(color) }
        }
        DisplayItem::Rect { x, y: ry, width, height, color } => {
            Item::Rect { x: x as f32, y: y(ry), w: width as f32, h: height as f32, color: rgb(color) }
        }
        DisplayItem::Path { x, y: py, commands, fill, color } => {
            let (ox, oy) = (x as f32, y(py));
            let p = |px: f64, py: f64| (ox + px as f32, oy + py as f32);
            let segments = commands
                .iter()
                .map(|c| match *c {
                    PathCommand::MoveTo { x, y } => {
                        let (x, y) = p(x, y);
                        Segment::Move(x, y)
                    }
                    PathCommand::LineTo { x, y } => {
                        let (x, y) = p(x, y);
                        Segment::Line(x, y)
                    }
                    PathCommand::CubicTo { x1, y1, x2, y2, x, y } => {
                        let ((x1, y1), (x2, y2), (x, y)) = (p(x1, y1), p(x2, y2), p(x, y));
                        Segment::Cubic(x1, y1, x2, y2, x, y)
                    }
                    PathCommand::QuadTo { x1, y1, x, y } => {
                        let ((x1, y1), (x, y)) = (p(x1, y1), p(x, y));
                        Segment::Quad(x1, y1, x, y)
                    }
                    PathCommand::Close => Segment::Close,
                })
                .collect();
            Item::Path { segments, fill, color: rgb(color) }
        }
    })
}

/// The face RaTeX names, as a `'static` name for deck's font book: the
/// KaTeX files' names, and "CJK-Regular", "CJK-Fallback" and
/// "Emoji-Fallback" for what no KaTeX face has.
fn face_name(font: &str) -> &'static str {
    // An unknown name would be a RaTeX change: its glyph is drawn in the
    // main face rather than dropped.
    ratex_font::FontId::parse(font).map_or("Main-Regular", ratex_font::FontId::as_str)
}

fn rgb(color: RatexColor) -> Rgb {
    if color.a == 0.0 {
        return None;
    }
    let channel = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    Some((channel(color.r), channel(color.g), channel(color.b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(f: &Formula) -> String {
        f.items.iter().filter_map(|i| if let Item::Glyph { ch, .. } = i { Some(*ch) } else { None }).collect()
    }

    #[test]
    fn a_fraction_is_two_glyphs_over_a_bar() {
        let f = typeset(r"\frac{a}{b}", true).unwrap();
        assert_eq!(glyphs(&f), "ab");
        let bar = f.items.iter().find_map(|i| if let Item::Rect { y, h, .. } = i { Some((*y, *h)) } else { None });
        let (y, h) = bar.expect("a fraction bar");
        assert!(y < 0.0 && y + h < 0.0, "the bar sits above the baseline: {y} {h}");
        assert!(f.height > 0.5 && f.depth > 0.3, "{} {}", f.height, f.depth);
    }

    #[test]
    fn display_style_sets_limits_above_and_below() {
        let inline = typeset(r"\sum_{i=1}^n i", false).unwrap();
        let display = typeset(r"\sum_{i=1}^n i", true).unwrap();
        assert!(display.height > inline.height && display.width < inline.width);
    }

    #[test]
    fn colours_are_kept_and_the_rest_inherits() {
        let f = typeset(r"x + \color{red}{y}", false).unwrap();
        let colours: Vec<Rgb> = f
            .items
            .iter()
            .filter_map(|i| if let Item::Glyph { color, .. } = i { Some(*color) } else { None })
            .collect();
        assert_eq!(colours.first(), Some(&None));
        assert_eq!(colours.last(), Some(&Some((255, 0, 0))));
    }

    #[test]
    fn double_struck_letters_are_drawn_from_the_ams_face() {
        let f = typeset(r"\mathbb{R}", false).unwrap();
        assert!(matches!(f.items[0], Item::Glyph { face: "AMS-Regular", ch: 'R', .. }), "{:?}", f.items);
    }

    #[test]
    fn errors_say_where() {
        let e = typeset(r"x + \foo{y}", false).unwrap_err();
        assert!(e.message.contains("\\foo"), "{}", e.message);
        assert_eq!(e.range, Some(4..8));
        let e = typeset(r"\frac{a}{b", false).unwrap_err();
        assert!(e.message.to_lowercase().contains("end of input"), "{}", e.message);
    }
}
