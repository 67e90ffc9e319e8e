//! Turning the toml crate's error messages into deck's: names the table and
//! key, says what was expected, and suggests the key that was meant.

use std::ops::Range;

use crate::diag::{Diagnostic, FileId, Span, suggest};

/// A problem found in a manifest table. One in a `[[slide]]` table is
/// named by the reader, which alone knows the slide's number in the deck
/// (included Markdown files count too).
pub struct Problem {
    /// The index of the `[[slide]]` table it is in, if it is in one.
    pub slide: Option<usize>,
    /// Where it is in the file, to tell problems in the file's order.
    pub at: usize,
    /// The table it is in when that is not a slide: "`[deck]`".
    pub table: Option<String>,
    make: Box<dyn FnOnce(&str) -> Diagnostic>,
}

impl Problem {
    /// A problem whose message is complete.
    pub fn ready(diagnostic: Diagnostic, at: usize, table: Option<String>) -> Self {
        Self { slide: None, at, table, make: Box::new(move |_| diagnostic) }
    }

    /// A problem in `[[slide]]` table `index`, to be told with the slide's name.
    pub fn slide(index: usize, at: usize, make: impl FnOnce(&str) -> Diagnostic + 'static) -> Self {
        Self { slide: Some(index), at, table: None, make: Box::new(make) }
    }

    /// The diagnostic, naming the slide (if it is in one) `slide`.
    pub fn diagnostic(self, slide: &str) -> Diagnostic {
        (self.make)(slide)
    }
}

/// As [`describe`], naming keys outside any table as in `top`.
pub fn describe_in(message: &str, text: &str, range: Range<usize>, top: &str) -> Diagnostic {
    let message = message.trim();
    let table = enclosing_table(text, range.start).replace("the top level", top);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return unknown_key(name, &table, &known);
    }
    if message.starts_with("invalid type: ") {
        return value_error(message, key_at(text, range.start).as_deref(), &table);
    }
    if message.starts_with("duplicate key") {
        return duplicate_key(text, range);
    }
    syntax_message(message)
}

/// A key set twice in one table; toml names neither, its span is the
/// second one.
fn duplicate_key(text: &str, range: Range<usize>) -> Diagnostic {
    let key = text.get(range.clone()).unwrap_or_default().trim().trim_matches(['"', '\'']);
    let table = enclosing_table(text, range.start);
    Diagnostic::error(format!("key `{key}` is given twice in {table}"))
        .with_hint("keep one: each key is set once in its table")
}

/// A value serde could not take, for `key` of `table`.
pub fn value_error(message: &str, key: Option<&str>, table: &str) -> Diagnostic {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // An unknown key in a table inside this one (`[theme.backgrounds]`).
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return unknown_key(name, table, &known);
    }
    let key = key.unwrap_or("value");
    match message.strip_prefix("invalid type: ") {
        Some(rest) => {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
            Diagnostic::error(format!("wrong type for `{key}` in {table}: expected {expected}, found {found}"))
        }
        None => Diagnostic::error(format!("invalid `{key}` in {table}: {message}")),
    }
}

fn syntax_message(message: &str) -> Diagnostic {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or("invalid TOML");
    let mut diagnostic = Diagnostic::error(format!("TOML syntax error: {first}"));
    for line in lines.filter(|l| !l.trim().is_empty()) {
        diagnostic = diagnostic.with_hint(line.trim());
    }
    diagnostic
}

/// A TOML syntax error at `range` of `text`, told as the slip it most
/// likely is: `[slide]` for `[[slide]]`, a `"""` string never closed
/// (shown where it opens, not where the file ends), an unquoted value.
pub fn syntax(message: &str, text: &str, range: Range<usize>, file: FileId) -> Diagnostic {
    let at = |range| Some(Span { file, range });
    let line = line_around(text, range.start);
    if text[line.clone()].trim() == "[slide]" {
        let start = line.start + text[line.clone()].find('[').unwrap_or(0);
        return single_bracket_slide().with_span(at(start..start + "[slide]".len()));
    }
    if let Some(opening) = unclosed_string(text) {
        let quotes = &text[opening.clone()];
        return Diagnostic::error(format!("this `{quotes}` string is never closed"))
            .with_span(at(opening.clone()))
            .with_hint(format!("end it with `{quotes}`; everything after it was read as part of the string"));
    }
    if let Some((key, value)) = unquoted_value(&text[line.clone()], range.start - line.start) {
        let start = line.start + text[line.clone()].rfind(value).unwrap_or(0);
        return Diagnostic::error(format!("the value of `{key}` needs quotes"))
            .with_span(at(start..start + value.len()))
            .with_hint(format!("quote it: {key} = \"{value}\""));
    }
    if message.trim().starts_with("duplicate key") {
        return duplicate_key(text, range.clone()).with_span(at(range));
    }
    syntax_message(message).with_span(at(range))
}

/// `[slide]` written where `[[slide]]` was meant.
pub fn single_bracket_slide() -> Diagnostic {
    Diagnostic::error("slides are written `[[slide]]`, with two brackets")
        .with_hint("`[[slide]]` starts a new slide each time; `[slide]` names one table, which cannot be given twice")
}

/// The byte range of the line holding `offset`, without its line break.
fn line_around(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

/// The `"""` or `'''` that opens a multi-line string and is not closed
/// before the next table header or the next such string: where the writer
/// forgot to close it, rather than where the parser gave up.
fn unclosed_string(text: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    let mut open: Option<(usize, &str)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        match open {
            None => {
                if let Some((quotes, at)) = opener(line)
                    && !line[at + 3..].contains(quotes)
                {
                    open = Some((offset + at, quotes));
                }
            }
            Some((start, quotes)) => {
                let header = trimmed.starts_with('[') && trimmed.ends_with(']') && !trimmed.contains(' ');
                if header || opener(line).is_some_and(|(_, at)| !line[..at].contains(quotes)) {
                    return Some(start..start + 3);
                }
                if line.contains(quotes) {
                    open = None;
                }
            }
        }
        offset += line.len();
    }
    open.map(|(start, _)| start..start + 3)
}

/// `key = """` (or `'''`) on `line`: the quotes and where they start.
fn opener(line: &str) -> Option<(&'static str, usize)> {
    let (key, rest) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || "_-.\"'".contains(c)) {
        return None;
    }
    let value = rest.trim_start();
    let at = line.len() - value.len();
    ["\"\"\"", "'''"].into_iter().find(|q| value.starts_with(q)).map(|q| (q, at))
}

/// `key = some text`, with the error inside the unquoted value.
fn unquoted_value(line: &str, column: usize) -> Option<(&str, &str)> {
    let (key, rest) = line.split_once('=')?;
    let key = key.trim();
    if key.is_empty() || column <= key.len() || !key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let value = rest.split(" #").next().unwrap_or(rest).trim();
    let quoted = value.starts_with(['"', '\'', '[', '{']);
    (!value.is_empty() && !quoted).then_some((key, value))
}

/// "unknown key" with the key probably meant and the known ones.
pub fn unknown_key(name: &str, table: &str, known: &[&str]) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(format!("unknown key `{name}` in {table}"));
    if let Some(meant) = suggest(name, known.iter().copied()) {
        diagnostic = diagnostic.with_hint(format!("did you mean `{meant}`?"));
    }
    if !known.is_empty() {
        let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        diagnostic = diagnostic.with_hint(format!("known keys: {}", list.join(", ")));
    }
    diagnostic
}

/// "`[deck]`", "`[[slide]]` #3" or "the top level" for the table holding `offset`.
pub fn enclosing_table(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let header = before.lines().map(str::trim).rfind(|l| l.starts_with('['));
    match header {
        None => "the top level".to_string(),
        Some(h) if h.starts_with("[[") => {
            let name = h.trim_start_matches('[').split(']').next().unwrap_or("").trim();
            let n = before
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("[[") && l.trim_start_matches('[').starts_with(name))
                .count();
            format!("`[[{name}]]` #{n}")
        }
        Some(h) => format!("`{}`", h.split(']').next().map(|s| format!("{s}]")).unwrap_or_default()),
    }
}

fn key_at(text: &str, offset: usize) -> Option<String> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?;
    let (key, _) = line.split_once('=')?;
    Some(key.trim().trim_matches('"').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_slide_tables_by_position() {
        let text = "[deck]\ntitle = 'x'\n[[slide]]\ntitle='a'\n[[slide]]\ntilte='b'\n";
        let at = text.find("tilte").unwrap();
        assert_eq!(enclosing_table(text, at), "`[[slide]]` #2");
        assert_eq!(enclosing_table(text, 8), "`[deck]`");
    }

    #[test]
    fn unknown_key_suggests() {
        let d = describe_in(
            "unknown field `tilte`, expected one of `title`, `subtitle`",
            "[deck]\ntilte = 1",
            7..12,
            "the top level",
        );
        assert_eq!(d.message, "unknown key `tilte` in `[deck]`");
        assert_eq!(d.hints[0], "did you mean `title`?");
    }
}
