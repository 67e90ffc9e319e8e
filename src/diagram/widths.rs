//! Label widths for merman's layout, from the deck's own faces: each
//! character's advance, shaped once with deck's shaper in the regular and
//! the bold text face. merman asks for widths from its own threads and
//! keeps the measurer, so it gets this owned table rather than the font
//! book; the characters are those of the diagram's source (labels are
//! written there) and of printable ASCII (numbers and dates merman adds).

use std::collections::HashMap;

use crate::text::{FontBook, FontStyle, LangTag, shape};

/// An em's share of the width of a character that neither face has
/// (drawn from a fallback face): the width of a typical letter.
const UNKNOWN_EM: f32 = 0.625;

/// Advances of the characters a diagram may show, in ems.
#[derive(Debug, Clone, Default)]
pub struct Widths {
    regular: HashMap<char, f32>,
    bold: HashMap<char, f32>,
}

impl Widths {
    /// The advances of the characters of `source` and of printable ASCII
    /// in the text faces of `book`.
    pub fn new(book: &FontBook, source: &str) -> Widths {
        let mut chars: Vec<char> = (' '..='~').chain(source.chars().filter(|c| !c.is_control())).collect();
        chars.sort_unstable();
        chars.dedup();
        let table = |bold| {
            let font = book.select(FontStyle { bold, ..FontStyle::default() });
            let mut buffer = [0u8; 4];
            chars
                .iter()
                .map(|&c| {
                    let advance = shape(book, font, 1.0, c.encode_utf8(&mut buffer), false, LangTag::default()).width();
                    (c, advance)
                })
                .collect()
        };
        Widths { regular: table(false), bold: table(true) }
    }

    /// The width of `text` at `size` pixels, in pixels: the widest of its
    /// lines (Mermaid's `<br>` breaks a label too).
    pub fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        let table = if bold { &self.bold } else { &self.regular };
        let line = |line: &str| line.chars().map(|c| table.get(&c).copied().unwrap_or(UNKNOWN_EM)).sum::<f32>();
        let widest = split_lines(text).map(line).fold(0.0f32, f32::max);
        f64::from(widest) * size.max(0.0)
    }
}

/// The lines of a label: split at line breaks and at `<br>`, `<br/>`, `<br />`.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').flat_map(|line| {
        let mut rest = line;
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let lower = rest.to_ascii_lowercase();
            match lower.find("<br") {
                Some(at) => {
                    let end = lower[at..].find('>').map_or(rest.len(), |e| at + e + 1);
                    let (head, tail) = (&rest[..at], &rest[end..]);
                    rest = tail;
                    Some(head)
                }
                None => Some(std::mem::take(&mut rest)),
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_breaks() {
        let lines: Vec<&str> = split_lines("one<br>two<BR/>three\nfour").collect();
        assert_eq!(lines, ["one", "two", "three", "four"]);
    }

    #[test]
    fn widths_follow_the_face() {
        let widths = Widths { regular: HashMap::from([('i', 0.25), ('m', 0.75)]), bold: HashMap::from([('m', 0.875)]) };
        assert_eq!(widths.width("im", 16.0, false), 16.0);
        assert_eq!(widths.width("m<br>ii", 10.0, false), 7.5);
        assert_eq!(widths.width("m", 16.0, true), 14.0);
        assert_eq!(widths.width("é", 16.0, false), 10.0);
    }
}
