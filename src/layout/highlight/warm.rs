//! Compiling a deck's grammars on a second core. Most of a language's
//! first block is Oniguruma compiling that grammar's regexes (about 90 %
//! of TypeScript's, in callgrind), and syntect keeps each compiled regex
//! in the shared collection. So while the layout goes through the slides
//! in order, a helper thread highlights the first block of each of the
//! later half of the deck's languages, and throws the result away: when
//! the layout reaches them, their regexes are ready (or being compiled,
//! and the layout waits for that one regex rather than compiling it too).

use crate::model::{Block, Deck};

/// The languages worth warming up in `deck`: the first block of each
/// language, in the order they first appear, from the middle on; none
/// when the deck names fewer languages than
/// [`WARM_GRAMMARS_MIN_LANGUAGES`](crate::tuning::WARM_GRAMMARS_MIN_LANGUAGES).
pub fn later_languages(deck: &Deck) -> Vec<(&str, &str)> {
    let mut firsts: Vec<(&str, &str)> = Vec::new();
    for slide in &deck.slides {
        for blocks in [&slide.body, &slide.left, &slide.right] {
            visit_code(blocks, &mut |lang, code| {
                if !firsts.iter().any(|(seen, _)| *seen == lang) {
                    firsts.push((lang, code));
                }
            });
        }
    }
    if firsts.len() < crate::tuning::WARM_GRAMMARS_MIN_LANGUAGES {
        return Vec::new();
    }
    firsts.split_off(firsts.len() / 2)
}

/// Highlight each `(lang, code)` and keep nothing but the compiled regexes.
pub fn warm(blocks: &[(&str, &str)]) {
    for (lang, code) in blocks {
        super::highlight(code, lang, false);
    }
}

/// Call `f` with the language and code of every code block that names a
/// language in `blocks`, nested ones included.
fn visit_code<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a str, &'a str)) {
    for block in blocks {
        match block {
            Block::Code { lang: Some(lang), text, .. } => f(lang, text),
            Block::List { items, .. } | Block::Footnotes(items) => {
                items.iter().for_each(|item| visit_code(&item.blocks, f))
            }
            Block::Quote(inner) => visit_code(inner, f),
            Block::Columns(columns) => columns.iter().for_each(|column| visit_code(&column.blocks, f)),
            _ => {}
        }
    }
}
