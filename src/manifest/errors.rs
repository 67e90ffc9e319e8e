//! Turning the toml crate's error messages into deck's: names the table and
//! key, says what was expected, and suggests the key that was meant.

use std::ops::Range;

use crate::diag::{Diagnostic, suggest};

/// A diagnostic for a toml/serde error `message` at `range` of `text`.
pub fn describe(message: &str, text: &str, range: Range<usize>) -> Diagnostic {
    describe_in(message, text, range, "the top level")
}

/// As [`describe`], naming keys outside any table as in `top`.
pub fn describe_in(message: &str, text: &str, range: Range<usize>, top: &str) -> Diagnostic {
    let message = message.trim();
    let table = enclosing_table(text, range.start).replace("the top level", top);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return unknown_key(rest, &table);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let key = key_at(text, range.start).unwrap_or_else(|| "value".into());
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        return Diagnostic::error(format!("wrong type for `{key}` in {table}: expected {expected}, found {found}"));
    }
    if let Some(rest) = message.strip_prefix("duplicate key `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error(format!("key `{key}` is given twice in {table}"));
    }
    let mut lines = message.lines();
    let first = lines.next().unwrap_or("invalid TOML");
    let mut diagnostic = Diagnostic::error(format!("TOML syntax error: {first}"));
    for line in lines.filter(|l| !l.trim().is_empty()) {
        diagnostic = diagnostic.with_hint(line.trim());
    }
    diagnostic
}

fn unknown_key(rest: &str, table: &str) -> Diagnostic {
    let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
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
        let d = describe("unknown field `tilte`, expected one of `title`, `subtitle`", "[deck]\ntilte = 1", 7..12);
        assert_eq!(d.message, "unknown key `tilte` in `[deck]`");
        assert_eq!(d.hints[0], "did you mean `title`?");
    }
}
