//! Reading deck's TOML files into the serde structs of [`schema`], with
//! every error turned into a [`Diagnostic`] at the right line and column.
//! The only user of the `toml` crate.

mod check;
mod errors;
pub mod schema;
mod strings;

use std::ops::Range;

use serde::{Deserialize, Deserializer};

use check::Place;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Span, Spanned};

pub use errors::Problem;
pub use schema::{
    BackgroundsTable, DeckTable, FontsTable, ManifestFile, OutputTable, PerLevel, SlideTable, ThemeTable,
};
pub use strings::decode as decode_string;

/// A value with the byte range it was written at in its TOML file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Byte range in the file.
    pub range: Range<usize>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        Ok(Located { range: spanned.span(), value: spanned.into_inner() })
    }
}

impl<T> Located<T> {
    /// This value's position in `file`.
    pub fn span(&self, file: FileId) -> Span {
        Span { file, range: self.range.clone() }
    }

    /// The value and its position in `file`.
    pub fn spanned(&self, file: FileId) -> Spanned<T>
    where
        T: Clone,
    {
        Spanned::new(self.value.clone(), Some(self.span(file)))
    }
}

/// Parse a manifest's text. A syntax error stops the reading; otherwise
/// every table is read, and each unknown key or value of the wrong type is
/// a [`Problem`] while the rest of the manifest is kept.
pub fn parse_manifest(text: &str, file: FileId) -> Result<(ManifestFile, Vec<Problem>), Diagnostic> {
    parse_tables(text, file, "the top level")
}

/// Read a slide's `+++` block, at `keys` in the Markdown file's `text`,
/// as a `[[slide]]` table is: each unknown key and wrong value told (at
/// its place in the file, the block named `place`) and the rest kept. A
/// syntax error keeps nothing.
pub fn parse_slide_block(
    text: &str,
    keys: std::ops::Range<usize>,
    file: FileId,
    place: &str,
) -> (Option<Located<SlideTable>>, Vec<Diagnostic>) {
    let blanked = blank_around(text, keys.clone());
    let document = match DeTable::parse(&blanked) {
        Ok(document) => document,
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            let d =
                errors::describe_in(e.message(), &blanked, range.clone(), place).with_span(Some(Span { file, range }));
            return (None, vec![d]);
        }
    };
    let whole = toml::Spanned::new(keys, DeValue::Table(document.into_inner()));
    let mut problems = Vec::new();
    let known = check::fields::<SlideTable>();
    let table = check::table(whole, known, &Place::Named(place.to_string()), (&blanked, file), &mut problems);
    problems.sort_by_key(|p| p.at);
    (table, problems.into_iter().map(|p| p.diagnostic("")).collect())
}

/// `text` up to the end of `keys` with everything before them blanked,
/// lines kept: a parser's spans in it are then the file's own.
fn blank_around(text: &str, keys: std::ops::Range<usize>) -> String {
    let mut blanked: String = text[..keys.start].chars().map(|c| if c == '\n' { c } else { ' ' }).collect();
    blanked.push_str(&text[keys]);
    blanked
}

/// Parse a Markdown deck's leading `+++` block, at `keys` in the file's
/// `text`, as a manifest is: every mistake in it is a [`Problem`], each at
/// its place in the file.
pub fn parse_deck_block(
    text: &str,
    keys: std::ops::Range<usize>,
    file: FileId,
) -> Result<(ManifestFile, Vec<Problem>), Diagnostic> {
    parse_tables(&blank_around(text, keys), file, "the deck's `+++` block")
}

/// The tables of `text`; `top` names where keys outside any table are.
fn parse_tables(text: &str, file: FileId, top: &str) -> Result<(ManifestFile, Vec<Problem>), Diagnostic> {
    let document = DeTable::parse(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        errors::syntax(e.message(), text, range, file)
    })?;
    let source = (text, file);
    let mut problems = Vec::new();
    let mut manifest = ManifestFile::default();
    let named = |name: &str| Place::Named(format!("`[{name}]`"));
    for (key, value) in document.into_inner() {
        match key.get_ref().as_ref() {
            "deck" => {
                let known = check::fields::<DeckTable>();
                manifest.deck = check::table(value, known, &named("deck"), source, &mut problems);
            }
            "theme" => {
                let known = check::fields::<ThemeTable>();
                let theme = check::table(value, known, &named("theme"), source, &mut problems);
                manifest.theme = theme.unwrap_or_default();
            }
            "output" => {
                let known = check::fields::<OutputTable>();
                let output = check::table(value, known, &named("output"), source, &mut problems);
                manifest.output = output.unwrap_or_default();
            }
            "slide" => {
                let span = value.span();
                match value.into_inner() {
                    DeValue::Array(tables) => {
                        for (index, table) in tables.into_iter().enumerate() {
                            let range = table.span();
                            let known = check::fields::<SlideTable>();
                            let read = check::table(table, known, &Place::Slide(index), source, &mut problems);
                            // A slide whose keys all failed still holds its place in the count.
                            manifest.slide.push(read.unwrap_or(Located { value: SlideTable::default(), range }));
                        }
                    }
                    _ => {
                        let at = key.span();
                        let start = text[..at.start].rfind('[').unwrap_or(at.start);
                        let end = text[at.end..].find(']').map_or(at.end, |i| at.end + i + 1);
                        let range = if text[..span.start].trim_end().ends_with('=') { at } else { start..end };
                        let d = errors::single_bracket_slide().with_span(Some(Span { file, range: range.clone() }));
                        problems.push(Problem::ready(d, range.start, None));
                    }
                }
            }
            other => {
                const TOP: &[&str] = &["deck", "theme", "output", "slide"];
                let range = key.span();
                let mut d = errors::unknown_key(other, top, TOP);
                let owner = [
                    ("deck", check::fields::<DeckTable>()),
                    ("theme", check::fields::<ThemeTable>()),
                    ("output", check::fields::<OutputTable>()),
                ]
                .into_iter()
                .find(|(_, keys)| keys.contains(&other));
                if let Some((table, _)) = owner {
                    d = d.with_hint(format!("`{other}` is a key of `[{table}]`: write `[{table}]` on a line above it"));
                }
                let d = d.with_span(Some(Span { file, range: range.clone() }));
                problems.push(Problem::ready(d, range.start, None));
            }
        }
    }
    // Tables come out of the parser by name; tell problems in file order.
    problems.sort_by_key(|p| p.at);
    Ok((manifest, problems))
}

/// Parse a theme file's text: every unknown key and wrong value in one
/// run, in the file's order, as a manifest's.
pub fn parse_theme(text: &str, file: FileId) -> Result<ThemeTable, Vec<Diagnostic>> {
    let document = DeTable::parse(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        vec![errors::syntax(e.message(), text, range, file)]
    })?;
    let mut problems = Vec::new();
    let whole = toml::Spanned::new(0..text.len(), DeValue::Table(document.into_inner()));
    let known = check::fields::<ThemeTable>();
    let table = check::table(whole, known, &Place::Named("the top level".into()), (text, file), &mut problems);
    if problems.is_empty() {
        return Ok(table.unwrap_or_default());
    }
    problems.sort_by_key(|p| p.at);
    Err(problems.into_iter().map(|p| p.diagnostic("")).collect())
}
