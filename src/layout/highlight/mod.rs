//! Syntax highlighting of code blocks: bat's syntax collection (the
//! `two-face` crate) on syntect, with Oniguruma regexes, coloured by the
//! InspiredGitHub theme on a light code box and base16-ocean.dark on a
//! dark one.
//!
//! Nothing is loaded until a block names a language, and then only what
//! that language needs: the collection is a precompiled dump whose
//! syntaxes each keep their contexts compressed apart, so reading it
//! inflates none of them (about 1.7 ms, once); a language's contexts are
//! inflated on its first block, and each regex is compiled on its first
//! use. Oniguruma compiles a grammar's regexes 15 to 50 times faster than
//! fancy-regex (benches/README.md, "Code highlighting").

mod names;
mod paint;
mod session;
mod warm;

use std::sync::OnceLock;

use syntect::highlighting::{FontStyle as SynStyle, Style, Theme as SynTheme};
use syntect::parsing::SyntaxSet;
use two_face::theme::{EmbeddedLazyThemeSet, EmbeddedThemeName};

use crate::theme::Color;
use names::Language;
use paint::Colours;
pub use warm::{later_languages, warm};

/// A piece of code in one colour and weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The text, newlines included.
    pub text: String,
    /// Its colour.
    pub color: Color,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// What highlighting made of a code block.
#[derive(Debug, Clone, PartialEq)]
pub enum Highlighted {
    /// The code in coloured tokens.
    Tokens(Vec<Token>),
    /// A language that asks for plain code (`text`, `plain`, …).
    Plain,
    /// No language of that name; the closest known name, if one is close.
    Unknown { suggestion: Option<&'static str> },
}

/// Highlight `code` as `lang` (a fence's language: a name, an alias or a
/// file extension, in any case), on a dark code box or a light one.
pub fn highlight(code: &str, lang: &str, dark: bool) -> Highlighted {
    let colours = colours(dark);
    match names::resolve(lang, syntaxes()) {
        Some(Language::Syntax(syntax)) => {
            Highlighted::Tokens(grammar(code, names::for_code(syntax, code, syntaxes()), colours))
        }
        Some(Language::Session) => Highlighted::Tokens(session::highlight(code, syntaxes(), colours)),
        Some(Language::Plain) => Highlighted::Plain,
        None => Highlighted::Unknown { suggestion: names::suggest(lang, syntaxes()) },
    }
}

/// The syntax collection, read on first use.
fn syntaxes() -> &'static SyntaxSet {
    static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
    SYNTAXES.get_or_init(two_face::syntax::extra_newlines)
}

/// The colours for a light or a dark code box, made on first use.
fn colours(dark: bool) -> &'static Colours {
    static LIGHT: OnceLock<Colours> = OnceLock::new();
    static DARK: OnceLock<Colours> = OnceLock::new();
    let colours = if dark { &DARK } else { &LIGHT };
    colours.get_or_init(|| Colours::new(theme(dark)))
}

/// The colour theme for a light or a dark code box; only that one is
/// inflated.
fn theme(dark: bool) -> &'static SynTheme {
    static THEMES: OnceLock<EmbeddedLazyThemeSet> = OnceLock::new();
    let themes = THEMES.get_or_init(two_face::theme::extra);
    themes.get(if dark { EmbeddedThemeName::Base16OceanDark } else { EmbeddedThemeName::InspiredGithub })
}

/// Highlight `code` with one grammar. A line the grammar cannot parse (a
/// regex error inside the collection) is kept in the theme's plain colour,
/// and so is the rest of the block: its state is unknown from there.
fn grammar(code: &str, syntax: &syntect::parsing::SyntaxReference, colours: &Colours) -> Vec<Token> {
    let set = syntaxes();
    let mut lines = paint::Painter::new(syntax, colours);
    let mut tokens = Vec::new();
    let mut failed = false;
    for line in syntect::util::LinesWithEndings::from(code) {
        let ranges = if failed { None } else { lines.line(line, set) };
        match ranges {
            Some(ranges) => ranges.into_iter().for_each(|(style, text)| push(&mut tokens, style, text)),
            None => {
                failed = true;
                push(&mut tokens, colours.plain(), line)
            }
        }
    }
    tokens
}

/// Append `text` in `style`, merged into the last token when they look the
/// same.
fn push(tokens: &mut Vec<Token>, style: Style, text: &str) {
    let token = Token {
        text: text.to_string(),
        color: Color { r: style.foreground.r, g: style.foreground.g, b: style.foreground.b },
        bold: style.font_style.contains(SynStyle::BOLD),
        italic: style.font_style.contains(SynStyle::ITALIC),
    };
    match tokens.last_mut() {
        Some(last) if (last.color, last.bold, last.italic) == (token.color, token.bold, token.italic) => {
            last.text.push_str(&token.text)
        }
        _ => tokens.push(token),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(code: &str, lang: &str) -> Vec<Token> {
        match highlight(code, lang, false) {
            Highlighted::Tokens(tokens) => tokens,
            other => panic!("{lang}: {other:?}"),
        }
    }

    fn colour_of(tokens: &[Token], needle: &str) -> Option<Color> {
        tokens.iter().find(|t| t.text.contains(needle)).map(|t| t.color)
    }

    #[test]
    fn colours_keywords_and_strings_differently() {
        let tokens = tokens("fn main() { let s = \"hi\"; }\n", "rust");
        assert_ne!(colour_of(&tokens, "fn"), colour_of(&tokens, "\"hi\""));
        let text: String = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(text, "fn main() { let s = \"hi\"; }\n");
    }

    #[test]
    fn php_without_its_opening_tag_is_php() {
        let code = "$x = strlen(\"hi\");\n";
        let bare = tokens(code, "php");
        assert_ne!(colour_of(&bare, "$x"), colour_of(&bare, "\"hi\""), "{bare:?}");
        let tagged = tokens(&format!("<?php\n{code}"), "php");
        assert_eq!(colour_of(&tagged, "\"hi\""), colour_of(&bare, "\"hi\""), "{tagged:?}");
    }

    #[test]
    fn the_dark_theme_colours_differently() {
        let Highlighted::Tokens(dark) = highlight("let x = 1;\n", "rs", true) else { panic!("rust is known") };
        assert_ne!(colour_of(&dark, "let"), colour_of(&tokens("let x = 1;\n", "rs"), "let"));
    }

    #[test]
    fn unknown_and_plain_languages() {
        assert_eq!(highlight("x", "no-such-language", false), Highlighted::Unknown { suggestion: None });
        assert_eq!(highlight("x", "pyhton", false), Highlighted::Unknown { suggestion: Some("python") });
        assert_eq!(highlight("x", "text", false), Highlighted::Plain);
    }
}
