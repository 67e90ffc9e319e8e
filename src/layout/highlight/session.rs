//! Shell sessions (```` ```console ````): a transcript where a line that
//! starts with a prompt is a command, highlighted as bash, and every other
//! line is the commands' output. The collection has no grammar for these,
//! so the prompt is found here, as Pygments' and GitHub's session lexers
//! do: `$`, `#`, `%` or `>`, after an optional `user@host:dir` or
//! `[user@host dir]`, then a space or the end of the line. A command whose
//! line ends in `\` goes on in the next line.

use syntect::parsing::{Scope, SyntaxSet};

use super::paint::{Colours, Painter};
use super::{Token, push};

/// Highlight a session transcript: prompts in the theme's comment colour,
/// commands as bash, output plain.
pub fn highlight(code: &str, set: &SyntaxSet, colours: &Colours) -> Vec<Token> {
    let mut tokens = Vec::new();
    let output = colours.plain();
    let Some(bash) = set.find_syntax_by_name("Bourne Again Shell (bash)") else {
        push(&mut tokens, output, code);
        return tokens;
    };
    let prompt_style = match Scope::new("comment") {
        Ok(scope) => colours.style(&[scope]),
        Err(_) => output,
    };
    let mut commands = Painter::new(bash, colours);
    let mut continued = false;
    for line in syntect::util::LinesWithEndings::from(code) {
        let command = if continued { Some(("", line)) } else { split_prompt(line) };
        let Some((prompt, command)) = command else {
            push(&mut tokens, output, line);
            continue;
        };
        push(&mut tokens, prompt_style, prompt);
        match commands.line(command, set) {
            Some(ranges) => ranges.into_iter().for_each(|(style, text)| push(&mut tokens, style, text)),
            None => push(&mut tokens, output, command),
        }
        continued = command.trim_end_matches(['\n', '\r']).ends_with('\\');
    }
    tokens
}

/// A line's prompt (with the space after it) and its command, if the line
/// starts with a prompt.
fn split_prompt(line: &str) -> Option<(&str, &str)> {
    // `[user@host dir]$ ` or `user@host:~/dir$ `: skip to the prompt sign.
    let start = if line.starts_with('[') {
        line.find(']').map_or(0, |i| i + 1)
    } else {
        let word = line.split(char::is_whitespace).next().unwrap_or("");
        if word.contains('@') && word.len() > 1 { word.len() - 1 } else { 0 }
    };
    // `start` may fall inside a character when the word ends in one.
    let sign = line.get(start..)?.chars().next()?;
    if !matches!(sign, '$' | '#' | '%' | '>') {
        return None;
    }
    let after = start + 1;
    let rest = &line[after..];
    if rest.starts_with(' ') {
        Some(line.split_at(after + 1))
    } else if rest.trim_end_matches(['\n', '\r']).is_empty() {
        Some(line.split_at(after))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_are_found() {
        assert_eq!(split_prompt("$ ls -l\n"), Some(("$ ", "ls -l\n")));
        assert_eq!(split_prompt("# apt-get update\n"), Some(("# ", "apt-get update\n")));
        assert_eq!(split_prompt("me@box:~/src$ make\n"), Some(("me@box:~/src$ ", "make\n")));
        assert_eq!(split_prompt("[me@box src]# make\n"), Some(("[me@box src]# ", "make\n")));
        assert_eq!(split_prompt("$\n"), Some(("$", "\n")));
        assert_eq!(split_prompt("total 4\n"), None);
        assert_eq!(split_prompt("$HOME is set\n"), None);
        assert_eq!(split_prompt("me@box.org wrote\n"), None);
        assert_eq!(split_prompt("josé@café is here\n"), None, "a word ending in a non-ASCII character");
    }

    #[test]
    fn commands_are_highlighted_and_output_is_plain() {
        let set = super::super::syntaxes();
        let colours = super::super::colours(false);
        let code = "$ echo \"hi\" \\\n>   | tr a-z A-Z\nHI\n";
        let tokens = highlight(code, set, colours);
        let text: String = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(text, code);
        let colour_of = |needle: &str| tokens.iter().find(|t| t.text.contains(needle)).map(|t| t.color);
        let plain = colours.plain().foreground;
        assert_ne!(colour_of("\"hi\""), colour_of("$ "));
        assert_eq!(colour_of("HI\n"), Some(crate::theme::Color { r: plain.r, g: plain.g, b: plain.b }));
    }
}
