//! A glyph's outline as SVG path data, for a drawing of text where the
//! reader has not the font (a formula in the PPTX). skrifa draws it, from
//! the face's own tables.

use std::fmt::Write;

use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{GlyphId, MetadataProvider};

use super::{Face, Glyph};

/// SVG path data of glyph `glyph` of `face` at `size` pt with its origin
/// at (`x`, `y`), y pointing down; empty for a glyph with no outline.
pub fn svg_path(face: &Face, glyph: u16, size: f32, (x, y): (f32, f32)) -> String {
    let Ok(font) = skrifa::FontRef::from_index(face.data(), face.index()) else { return String::new() };
    let outlines = font.outline_glyphs();
    let Some(outline) = outlines.get(GlyphId::new(u32::from(glyph))) else { return String::new() };
    let mut pen = Svg { d: String::new(), x, y };
    let settings = DrawSettings::unhinted(Size::new(size), LocationRef::default());
    if outline.draw(settings, &mut pen).is_err() {
        return String::new();
    }
    pen.d.trim_end().to_string()
}

/// SVG path data of each glyph of the shaped run `glyphs` of `face` at
/// `size` pt that has an outline, the pen starting at (`x`, `y`).
pub fn run_paths<'a>(
    face: &'a Face,
    glyphs: &'a [Glyph],
    size: f32,
    (x, y): (f32, f32),
) -> impl Iterator<Item = String> + 'a {
    glyphs
        .iter()
        .scan(x, move |pen, glyph| {
            let d = svg_path(face, glyph.id, size, (*pen + glyph.offset_x, y - glyph.offset_y));
            *pen += glyph.advance;
            Some(d)
        })
        .filter(|d| !d.is_empty())
}

/// Writes path data, font units turned down and moved to the origin.
struct Svg {
    d: String,
    x: f32,
    y: f32,
}

impl Svg {
    fn point(&mut self, x: f32, y: f32) {
        let _ = write!(self.d, "{} {} ", round(self.x + x), round(self.y - y));
    }
}

fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

impl OutlinePen for Svg {
    fn move_to(&mut self, x: f32, y: f32) {
        self.d.push('M');
        self.point(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.d.push('L');
        self.point(x, y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.d.push('Q');
        self.point(cx0, cy0);
        self.point(x, y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.d.push('C');
        self.point(cx0, cy0);
        self.point(cx1, cy1);
        self.point(x, y);
    }

    fn close(&mut self) {
        self.d.push_str("Z ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{FontBook, FontStyle};

    #[test]
    fn an_outline_is_drawn_at_its_origin_and_size() {
        let book = FontBook::builtin();
        let face = book.face(book.select(FontStyle::default()));
        let glyph = face.glyph_of('I').expect("I");
        let d = svg_path(face, glyph, 100.0, (10.0, 200.0));
        assert!(d.starts_with('M') && d.ends_with('Z'), "{d}");
        let ys: Vec<f32> = d
            .split(|c: char| c.is_ascii_alphabetic())
            .flat_map(|p| p.split_whitespace().skip(1).step_by(2).map(str::to_string).collect::<Vec<_>>())
            .filter_map(|v| v.parse().ok())
            .collect();
        let top = ys.iter().copied().fold(f32::MAX, f32::min);
        assert!((200.0 - top - 72.7).abs() < 2.0, "a cap height of about 0.73 em above the baseline: {top}");
        assert_eq!(svg_path(face, face.glyph_of(' ').expect("space"), 100.0, (0.0, 0.0)), "");
    }
}
