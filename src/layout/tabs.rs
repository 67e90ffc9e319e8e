//! Tabs in code blocks, as spaces to the next tab stop. A code block is
//! set glyph by glyph, and a font's tab is a missing glyph: the PDF drew
//! a box where Go and Makefiles indent, and the HTML, whose browser
//! expands tabs itself (to 8 columns), set the rest of the line over the
//! next words. Expanded after highlighting, since grammars read the tabs
//! (a Makefile's recipe lines start with one).

use std::borrow::Cow;

/// Columns between tab stops: what editors show by default, and narrower
/// than a terminal's 8, which a slide's width cannot spare.
pub const TAB_STOP: usize = 4;

/// `text` with each tab replaced by spaces up to the next tab stop;
/// `column` is where `text` starts on its line, and where it ends after.
pub fn expand<'a>(text: &'a str, column: &mut usize) -> Cow<'a, str> {
    if !text.contains('\t') {
        *column = match text.rfind('\n') {
            Some(at) => text[at + 1..].chars().count(),
            None => *column + text.chars().count(),
        };
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 3 * TAB_STOP);
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = TAB_STOP - *column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                *column += spaces;
            }
            '\n' => {
                out.push(c);
                *column = 0;
            }
            _ => {
                out.push(c);
                *column += 1;
            }
        }
    }
    Cow::Owned(out)
}

/// Each of `pieces`, one line's after another's, expanded in place.
pub fn expand_each<'a>(pieces: impl Iterator<Item = &'a mut String>, column: &mut usize) {
    for piece in pieces {
        if let Cow::Owned(spaced) = expand(piece, column) {
            *piece = spaced;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_reach_the_next_stop_counted_across_pieces_of_a_line() {
        let mut column = 0;
        assert_eq!(expand("\tx\n\t\ty", &mut column), "    x\n        y");
        assert_eq!(column, 9);
        // A piece that goes on the same line: "ab" then a tab stops at 4.
        let mut column = 0;
        assert_eq!(expand("ab", &mut column), "ab");
        assert_eq!(expand("\tc", &mut column), "  c");
        assert_eq!(expand("é\t|", &mut column), "é  |");
        assert_eq!(column, 9);
    }
}
