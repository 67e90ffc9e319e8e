//! The YAML that Marp and Slidev decks carry (front matter, per-slide
//! blocks, directives in comments) as a flat list of keys and values, each
//! with its place in the file. The only user of the `saphyr` crate.

use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Marker, Scalar, YamlData};

/// One `key: value` of a YAML mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// Where the key is, in bytes of the file.
    pub key_range: Range<usize>,
    /// The value.
    pub value: Value,
    /// Where the value is, in bytes of the file (the key's when it has none).
    pub range: Range<usize>,
}

/// A value, as deck reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string, number or date, as text.
    Text(String),
    /// `true` or `false`.
    Flag(bool),
    /// A sequence of scalars.
    List(Vec<String>),
    /// Nothing: `key:` alone.
    Empty,
    /// A mapping, or a sequence of mappings: deck reads none.
    Nested,
}

impl Value {
    /// The value as one string, when it is one.
    pub fn text(&self) -> Option<String> {
        match self {
            Value::Text(t) => Some(t.clone()),
            Value::Flag(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

/// A YAML mapping's entries. `text` starts at byte `offset` of its file.
/// `Err` holds a message and where in the file the YAML went wrong.
pub fn entries(text: &str, offset: usize) -> Result<Vec<Entry>, (String, Range<usize>)> {
    let at = |marker: &Marker| offset + byte_of(text, marker.index());
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        let start = at(e.marker());
        (e.info().to_string(), start..start + 1)
    })?;
    let Some(doc) = docs.into_iter().next() else { return Ok(Vec::new()) };
    let map = match doc.data {
        YamlData::Mapping(map) => map,
        YamlData::Value(Scalar::Null) => return Ok(Vec::new()),
        _ => {
            let start = at(&doc.span.start);
            return Err(("expected `key: value` lines".to_string(), start..at(&doc.span.end).max(start + 1)));
        }
    };
    let mut out = Vec::new();
    for (key, value) in map {
        let key_range = at(&key.span.start)..at(&key.span.end);
        let Some(name) = scalar(&key.data) else { continue };
        let range = match value.data {
            YamlData::Value(Scalar::Null) => key_range.clone(),
            _ => at(&value.span.start)..at(&value.span.end),
        };
        let value = match &value.data {
            YamlData::Value(Scalar::Null) => Value::Empty,
            YamlData::Value(Scalar::Boolean(b)) => Value::Flag(*b),
            YamlData::Sequence(items) => {
                let texts: Option<Vec<String>> = items.iter().map(|i| scalar(&i.data)).collect();
                texts.map_or(Value::Nested, Value::List)
            }
            data => scalar(data).map_or(Value::Nested, Value::Text),
        };
        out.push(Entry { key: name, key_range, value, range });
    }
    Ok(out)
}

fn scalar<'a>(data: &YamlData<'a, MarkedYaml<'a>>) -> Option<String> {
    match data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        YamlData::Value(Scalar::Null) => Some(String::new()),
        YamlData::Representation(s, ..) => Some(s.to_string()),
        YamlData::Tagged(_, inner) => scalar(&inner.data),
        _ => None,
    }
}

/// The byte offset of character `index` of `text` (the parser counts characters).
fn byte_of(text: &str, index: usize) -> usize {
    text.char_indices().nth(index).map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_values_and_their_places() {
        let text = "marp: true\ntitle: Café talk\nsize: 4:3\nkeywords: [a, b]\nfonts:\n  sans: X\nempty:\n";
        let entries = entries(text, 10).unwrap();
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["marp", "title", "size", "keywords", "fonts", "empty"]);
        assert_eq!(entries[0].value, Value::Flag(true));
        assert_eq!(entries[1].value, Value::Text("Café talk".into()));
        assert_eq!(&text[entries[1].range.start - 10..entries[1].range.end - 10], "Café talk");
        assert_eq!(entries[2].value, Value::Text("4:3".into()));
        assert_eq!(entries[3].value, Value::List(vec!["a".into(), "b".into()]));
        assert_eq!(entries[4].value, Value::Nested);
        assert_eq!(entries[5].value, Value::Empty);
        let size = text.find("size").unwrap();
        assert_eq!(entries[2].key_range, 10 + size..10 + size + 4);
    }

    #[test]
    fn broken_yaml_is_an_error_at_its_place() {
        let (message, range) = entries("title: [unclosed\n", 0).unwrap_err();
        assert!(!message.is_empty());
        assert!(range.start <= 17, "{range:?}");
        assert!(entries("just text\n", 0).is_err());
        assert_eq!(entries("", 0), Ok(Vec::new()));
    }
}
