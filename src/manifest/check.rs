//! Checking a manifest table by table, so that one run reports every
//! unknown key and wrong type, in every table, instead of stopping at the
//! first: the document is parsed into toml's spanned tree, each table is
//! deserialized on its own, and a key that fails is reported and set aside
//! so that the rest of its table is still read.

use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeOwned, Visitor};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::errors::{self, Problem};
use crate::diag::{Diagnostic, FileId, Span};

/// Where a table is, for messages.
#[derive(Debug, Clone)]
pub enum Place {
    /// A table named in full: "`[deck]`".
    Named(String),
    /// The `[[slide]]` table at this index: its name is the reader's
    /// ("slide 3 (“Context”)"), which counts included slides too.
    Slide(usize),
}

/// The keys serde knows for the struct `T`, read from its derived
/// `Deserialize` so that the list cannot drift from the schema.
pub fn fields<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut found: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut found));
    found
}

/// Deserialize the table `value` into `T` (whose own keys are `known`),
/// recording a problem for each unknown key and each value of the wrong
/// type; those keys are left out and the rest is kept.
pub fn table<T: DeserializeOwned>(
    value: Spanned<DeValue<'_>>,
    known: &'static [&'static str],
    place: &Place,
    (text, file): (&str, FileId),
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let span = value.span();
    let DeValue::Table(mut entries) = value.into_inner() else {
        problems.push(problem(place, file, span, |table| Diagnostic::error(format!("{table} is not a table"))));
        return None;
    };
    let unknown: Vec<_> = entries.keys().filter(|k| !known.contains(&k.get_ref().as_ref())).cloned().collect();
    for key in unknown {
        entries.remove(&key);
        let (name, range) = (key.get_ref().to_string(), key.span());
        problems.push(problem(place, file, range, move |table| errors::unknown_key(&name, table, known)));
    }
    // Each failing key is set aside in turn; a table cannot fail more often
    // than it has keys.
    for _ in 0..=entries.len() {
        let attempt = Spanned::new(span.clone(), DeValue::Table(entries.clone()));
        match T::deserialize(ValueDeserializer::from(attempt)) {
            Ok(parsed) => return Some(parsed),
            Err(e) => {
                let at = e.span().unwrap_or(span.clone());
                let key = key_holding(&entries, &at);
                let message = e.message().to_string();
                let nested = match place {
                    Place::Named(_) => Some(errors::enclosing_table(text, at.start)),
                    Place::Slide(_) => None,
                };
                // Named from the table the message names: `regular` in
                // `[theme.fonts]`, `fonts.regular` in `[theme]`.
                let name = key.as_ref().map(|(path, _)| match &nested {
                    Some(table) => {
                        let header = table.trim_matches(|c| c == '`' || c == '[' || c == ']');
                        let below = header.split_once('.').map_or("", |(_, below)| below);
                        path.strip_prefix(below).and_then(|p| p.strip_prefix('.')).unwrap_or(path).to_string()
                    }
                    None => path.clone(),
                });
                problems.push(problem(place, file, at, move |table| {
                    errors::value_error(&message, name.as_deref(), nested.as_deref().unwrap_or(table))
                }));
                let (_, k) = key?;
                entries.remove(&k);
            }
        }
    }
    None
}

/// The key of `entries` whose key or value covers `at` (the key to set
/// aside), and its dotted path down to the innermost key covering it
/// (`fonts.regular`), for the message.
fn key_holding<'i>(entries: &DeTable<'i>, at: &Range<usize>) -> Option<(String, Spanned<toml::de::DeString<'i>>)> {
    // A table given by a `[theme.fonts]` header spans its header only:
    // its entries, further down, are searched too.
    fn covers(k: &Spanned<toml::de::DeString<'_>>, v: &Spanned<DeValue<'_>>, at: &Range<usize>) -> bool {
        let (key, value) = (k.span(), v.span());
        (key.start..value.end.max(key.end)).contains(&at.start)
            || matches!(v.get_ref(), DeValue::Table(inner) if inner.iter().any(|(k, v)| covers(k, v, at)))
    }
    let covers = |k: &Spanned<toml::de::DeString<'_>>, v: &Spanned<DeValue<'_>>| covers(k, v, at);
    let (key, value) = entries.iter().find(|(k, v)| covers(k, v))?;
    let mut path = key.get_ref().to_string();
    let mut value = value;
    while let DeValue::Table(inner) = value.get_ref() {
        let Some((k, v)) = inner.iter().find(|(k, v)| covers(k, v)) else { break };
        path = format!("{path}.{}", k.get_ref());
        value = v;
    }
    Some((path, key.clone()))
}

fn problem(
    place: &Place,
    file: FileId,
    range: Range<usize>,
    make: impl FnOnce(&str) -> Diagnostic + 'static,
) -> Problem {
    let span = Span { file, range };
    let at = span.range.start;
    match place {
        Place::Named(name) => {
            let d = make(name).with_span(Some(span));
            Problem::ready(d, at, Some(name.clone()))
        }
        Place::Slide(index) => Problem::slide(*index, at, move |name| make(name).with_span(Some(span))),
    }
}

/// A deserializer that only listens for the field names of a struct.
struct Probe<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("probe")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}
