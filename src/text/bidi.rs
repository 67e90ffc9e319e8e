//! The Unicode Bidirectional Algorithm (UAX #9) over one paragraph: its
//! base direction and the embedding level of each character, and the
//! visual order of a line's runs from their levels.

use unicode_bidi::{BidiInfo, Direction, Level};

/// A paragraph's directions.
pub struct Levels {
    /// Whether the paragraph runs right to left (its first strong
    /// character is, or it has none and the slide does).
    pub rtl: bool,
    /// Embedding level of each byte of the text; `None` when every byte
    /// is at level 0 (left-to-right text with nothing right to left in
    /// it: the common case, which costs one scan of the text).
    by_byte: Option<Vec<u8>>,
}

impl Levels {
    /// The levels of `text`; `rtl` is the direction of a paragraph with no
    /// strong character of its own.
    pub fn of(text: &str, rtl: bool) -> Levels {
        let rtl = reads_rtl(text, rtl);
        if !rtl && !text.chars().any(may_be_rtl) {
            return Levels { rtl, by_byte: None };
        }
        let base = if rtl { Level::rtl() } else { Level::ltr() };
        let info = BidiInfo::new(text, Some(base));
        Levels { rtl, by_byte: Some(info.levels.iter().map(|l| l.number()).collect()) }
    }

    /// The level of the character at byte `at`.
    pub fn at(&self, at: usize) -> u8 {
        self.by_byte.as_ref().and_then(|l| l.get(at).copied()).unwrap_or(u8::from(self.rtl))
    }
}

/// Whether a paragraph of `text` reads right to left: its first strong
/// character's direction, or `default` when it has none.
pub fn reads_rtl(text: &str, default: bool) -> bool {
    match unicode_bidi::get_base_direction(text) {
        Direction::Ltr => false,
        Direction::Rtl => true,
        Direction::Mixed => default,
    }
}

/// Whether `c` is in a block of right-to-left scripts (Hebrew, Arabic,
/// Syriac, Thaana, NKo…, their presentation forms) or is an explicit
/// direction mark: a character that can make a left-to-right paragraph
/// need the full algorithm.
fn may_be_rtl(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0x200F | 0x202B | 0x202E | 0x2067 | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// The visual order of runs at `levels` (rule L2): the index of the run
/// drawn first, second, and so on, from left to right.
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    if levels.iter().all(|l| l % 2 == 0) && levels.windows(2).all(|w| w[0] == w[1]) {
        return (0..levels.len()).collect();
    }
    let levels: Vec<Level> = levels.iter().map(|&l| Level::new(l).unwrap_or(Level::ltr())).collect();
    BidiInfo::reorder_visual(&levels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_strong_character_sets_the_direction() {
        assert!(Levels::of("مرحبا world", false).rtl);
        assert!(!Levels::of("hello مرحبا", true).rtl);
        assert!(Levels::of("123", true).rtl, "no strong character: the slide's direction");
        assert!(!Levels::of("plain text", false).rtl);
    }

    #[test]
    fn digits_in_arabic_are_a_left_to_right_run() {
        let text = "سنة 2007 م";
        let levels = Levels::of(text, false);
        let digit = text.find('2').unwrap();
        assert_eq!(levels.at(0), 1);
        assert_eq!(levels.at(digit), 2);
    }

    #[test]
    fn runs_are_reordered_by_level() {
        assert_eq!(visual_order(&[0, 0]), vec![0, 1]);
        assert_eq!(visual_order(&[1, 1, 1]), vec![2, 1, 0]);
        assert_eq!(visual_order(&[1, 2, 1]), vec![2, 1, 0]);
        assert_eq!(visual_order(&[0, 1, 1, 0]), vec![0, 2, 1, 3]);
    }
}
