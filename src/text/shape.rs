//! Shaping one run of text in one face and size.

use rustybuzz::UnicodeBuffer;

use super::{FontBook, FontId};

/// One positioned glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in its face.
    pub id: u16,
    /// Byte offset of the first character it shows, in the shaped text.
    pub cluster: usize,
    /// Pen advance, pt.
    pub advance: f32,
    /// Horizontal displacement from the pen position, pt.
    pub offset_x: f32,
    /// Vertical displacement (up), pt.
    pub offset_y: f32,
}

/// The result of shaping.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    /// Glyphs in visual (left-to-right) order.
    pub glyphs: Vec<Glyph>,
    /// Characters the face has no glyph for.
    pub missing: Vec<char>,
}

impl Shaped {
    /// Total advance, pt.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// Shape `text` in `font` at `size` pt with the face's features.
pub fn shape(book: &FontBook, font: FontId, size: f32, text: &str) -> Shaped {
    let face = book.face(font);
    let missing = text
        .chars()
        .filter(|c| !c.is_control() && !face.covers(*c))
        .collect();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    let output = rustybuzz::shape(&face.shaper, &face.shaper_features, buffer);
    let scale = size / face.units_per_em as f32;
    let glyphs = output
        .glyph_infos()
        .iter()
        .zip(output.glyph_positions())
        .map(|(info, pos)| Glyph {
            id: info.glyph_id as u16,
            cluster: info.cluster as usize,
            advance: pos.x_advance as f32 * scale,
            offset_x: pos.x_offset as f32 * scale,
            offset_y: pos.y_offset as f32 * scale,
        })
        .collect();
    Shaped { glyphs, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_tightens_pairs() {
        let book = FontBook::builtin();
        let av = shape(&book, FontId(0), 100.0, "AV").width();
        let a = shape(&book, FontId(0), 100.0, "A").width();
        let v = shape(&book, FontId(0), 100.0, "V").width();
        assert!(av < a + v - 1.0, "AV {av} vs A+V {}", a + v);
    }

    #[test]
    fn reports_missing_characters() {
        let book = FontBook::builtin();
        assert_eq!(shape(&book, FontId(0), 10.0, "a\u{0627}b").missing, vec!['\u{0627}']);
    }
}
