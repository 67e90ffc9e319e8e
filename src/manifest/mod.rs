//! Reading deck's TOML files into the serde structs of [`schema`], with
//! every error turned into a [`Diagnostic`] at the right line and column.
//! The only user of the `toml` crate.

mod errors;
pub mod schema;

use std::cell::Cell;
use std::ops::Range;

use serde::{Deserialize, Deserializer, de::DeserializeOwned};

use crate::diag::{Diagnostic, FileId, Span, Spanned};

pub use schema::{
    BackgroundsTable, DeckTable, FontsTable, ManifestFile, OutputTable, PerLevel, SlideTable, ThemeTable,
};

/// A value with the byte range it was written at in its TOML file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Byte range in the file.
    pub range: Range<usize>,
}

thread_local! {
    /// Where the TOML text being parsed starts in its file. A `+++` block
    /// in a Markdown file is parsed on its own, and every value's range
    /// must still point into the Markdown file; serde gives no other way
    /// to hand this to each `Located` as it is made.
    static OFFSET: Cell<usize> = const { Cell::new(0) };
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        let offset = OFFSET.with(Cell::get);
        let range = spanned.span();
        Ok(Located { range: range.start + offset..range.end + offset, value: spanned.into_inner() })
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

/// Parse a manifest's text.
pub fn parse_manifest(text: &str, file: FileId) -> Result<ManifestFile, Diagnostic> {
    parse(text, file)
}

/// Parse a `+++` block of a Markdown file: `text` is the block, which
/// starts at byte `offset` of `file`; `place` names it in messages
/// ("the `+++` block of slide 3").
pub fn parse_block<T: DeserializeOwned>(text: &str, offset: usize, file: FileId, place: &str) -> Result<T, Diagnostic> {
    OFFSET.with(|o| o.set(offset));
    let parsed = toml::from_str(text);
    OFFSET.with(|o| o.set(0));
    parsed.map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        errors::describe_in(e.message(), text, range.clone(), place)
            .with_span(Some(Span { file, range: range.start + offset..range.end + offset }))
    })
}

/// Parse a theme file's text.
pub fn parse_theme(text: &str, file: FileId) -> Result<ThemeTable, Diagnostic> {
    parse(text, file)
}

fn parse<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        errors::describe(e.message(), text, range.clone()).with_span(Some(Span { file, range }))
    })
}
