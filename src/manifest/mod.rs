//! Reading deck's TOML files into the serde structs of [`schema`], with
//! every error turned into a [`Diagnostic`] at the right line and column.
//! The only user of the `toml` crate.

mod errors;
pub mod schema;

use std::ops::Range;

use serde::{Deserialize, Deserializer, de::DeserializeOwned};

use crate::diag::{Diagnostic, FileId, Span, Spanned};

pub use schema::{BackgroundsTable, DeckTable, FontsTable, ManifestFile, OutputTable, PerLevel, SlideTable, ThemeTable};

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

/// Parse a manifest's text.
pub fn parse_manifest(text: &str, file: FileId) -> Result<ManifestFile, Diagnostic> {
    parse(text, file)
}

/// Parse a theme file's text.
pub fn parse_theme(text: &str, file: FileId) -> Result<ThemeTable, Diagnostic> {
    parse(text, file)
}

fn parse<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| {
        let range = e.span().unwrap_or(0..0);
        errors::describe(e.message(), text, range.clone())
            .with_span(Some(Span { file, range }))
    })
}
