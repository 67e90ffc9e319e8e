//! Syntax highlighting of code blocks with syntect's bundled grammars and
//! themes (pure-Rust regex engine). Loaded on first use: decks without
//! fenced code with a language pay nothing.

use std::sync::OnceLock;

use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle as SynStyle, Theme as SynTheme, ThemeSet};
use syntect::parsing::SyntaxSet;

use crate::theme::Color;

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

struct Assets {
    syntaxes: SyntaxSet,
    light: SynTheme,
    dark: SynTheme,
}

fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let mut themes = ThemeSet::load_defaults().themes;
        let light = themes.remove("InspiredGitHub").unwrap_or_default();
        let dark = themes.remove("base16-ocean.dark").unwrap_or_default();
        Assets { syntaxes: SyntaxSet::load_defaults_newlines(), light, dark }
    })
}

fn find(lang: &str) -> Option<&'static syntect::parsing::SyntaxReference> {
    let set = &assets().syntaxes;
    set.find_syntax_by_token(lang).or_else(|| set.find_syntax_by_name(lang))
}

/// Highlight `code` as `lang`; `None` when the language is unknown.
pub fn highlight(code: &str, lang: &str, dark: bool) -> Option<Vec<Token>> {
    let assets = assets();
    let syntax = find(lang)?;
    let theme = if dark { &assets.dark } else { &assets.light };
    let mut lines = HighlightLines::new(syntax, theme);
    let mut tokens: Vec<Token> = Vec::new();
    for line in syntect::util::LinesWithEndings::from(code) {
        let ranges = lines.highlight_line(line, &assets.syntaxes).ok()?;
        for (style, text) in ranges {
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
    }
    Some(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_keywords_and_strings_differently() {
        let tokens = highlight("fn main() { let s = \"hi\"; }\n", "rust", false).unwrap();
        let colour_of = |needle: &str| tokens.iter().find(|t| t.text.contains(needle)).map(|t| t.color);
        assert_ne!(colour_of("fn"), colour_of("\"hi\""));
        let text: String = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(text, "fn main() { let s = \"hi\"; }\n");
    }

    #[test]
    fn unknown_languages_are_not_highlighted() {
        assert!(highlight("x", "no-such-language", false).is_none());
        assert!(find("python").is_some() && find("rs").is_some() && find("klingon").is_none());
    }
}
