//! A small XML writer for the package's parts: elements opened and
//! closed in order, written straight into the part's bytes; names and
//! values escaped by quick-xml, and the characters XML 1.0 cannot hold
//! left out (a stray control character in a deck would otherwise make
//! PowerPoint refuse the whole file). Straight writing rather than
//! quick-xml's events: an event builds and copies each element's
//! attributes once more, and the parts of a 25-slide deck hold about
//! 20,000 of them.

use std::borrow::Cow;
use std::fmt::{Display, Write as _};

use quick_xml::escape::escape;

/// The namespaces the parts use, by their usual prefixes.
pub const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
/// DrawingML.
pub const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
/// Relationships, for `r:id` and `r:embed`.
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One attribute value of any printable kind.
pub type Attrs<'a> = [(&'a str, &'a dyn Display)];

/// A part being written.
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
    /// Where attribute values are formatted, kept between elements
    /// rather than allocated for each value.
    value: String,
}

impl Xml {
    /// A part with its XML declaration.
    pub fn new() -> Xml {
        let mut out = String::with_capacity(8 << 10);
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
        Xml { out, open: Vec::new(), value: String::new() }
    }

    /// The root element of a PresentationML part, with the three
    /// namespaces every slide-like part declares, then `attrs`.
    pub fn root_pml(&mut self, name: &'static str, attrs: &Attrs) {
        let mut all: Vec<(&str, &dyn Display)> = vec![("xmlns:a", &NS_A), ("xmlns:r", &NS_R), ("xmlns:p", &NS_P)];
        all.extend_from_slice(attrs);
        self.open(name, &all);
    }

    /// Open `name` with `attrs`; [`Xml::close`] closes it.
    pub fn open(&mut self, name: &'static str, attrs: &Attrs) {
        self.start(name, attrs);
        self.out.push('>');
        self.open.push(name);
    }

    /// An element without content.
    pub fn empty(&mut self, name: &str, attrs: &Attrs) {
        self.start(name, attrs);
        self.out.push_str("/>");
    }

    /// An element holding only `text`.
    pub fn leaf(&mut self, name: &'static str, attrs: &Attrs, text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close();
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) {
        self.out.push_str(&escape(legal(text)));
    }

    /// Close the element opened last.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// The part's bytes, every element closed.
    pub fn finish(mut self) -> Vec<u8> {
        while !self.open.is_empty() {
            self.close();
        }
        self.out.into_bytes()
    }

    /// `<name` and the attributes, the tag left open.
    fn start(&mut self, name: &str, attrs: &Attrs) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, shown) in attrs {
            self.value.clear();
            let _ = write!(self.value, "{shown}");
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            attribute(&mut self.out, &self.value);
            self.out.push('"');
        }
    }
}

/// `value` escaped for an attribute: as text, and line feeds and tabs
/// as references too, which attribute-value normalisation would
/// otherwise turn into spaces.
fn attribute(out: &mut String, value: &str) {
    let escaped = escape(legal(value));
    if !escaped.contains(['\n', '\t']) {
        out.push_str(&escaped);
        return;
    }
    for c in escaped.chars() {
        match c {
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

/// `text` without the characters XML 1.0 does not allow (controls other
/// than tab, line feed and carriage return; U+FFFE and U+FFFF).
pub fn legal(text: &str) -> Cow<'_, str> {
    let allowed =
        |c: char| !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    // Most text is printable ASCII, which needs no look at characters.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) || text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

/// Points in English Metric Units (12 700 to the point), DrawingML's
/// unit of length.
pub fn emu(pt: f32) -> i64 {
    (f64::from(pt) * 12_700.0).round() as i64
}

/// Points in hundredths, DrawingML's unit of font sizes and spacing.
pub fn centi(pt: f32) -> i64 {
    (f64::from(pt) * 100.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_values_are_escaped_and_illegal_characters_dropped() {
        let mut xml = Xml::new();
        xml.open("a:t", &[("val", &"\"<&>\u{1}")]);
        xml.text("Q&A <b> \u{0}done");
        let out = String::from_utf8(xml.finish()).unwrap();
        assert_eq!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <a:t val=\"&quot;&lt;&amp;&gt;\">Q&amp;A &lt;b&gt; done</a:t>"
        );
    }

    #[test]
    fn lengths_convert_to_emu_and_hundredths() {
        assert_eq!(emu(960.0), 12_192_000);
        assert_eq!(emu(0.5), 6350);
        assert_eq!(centi(23.456), 2346);
    }

    #[test]
    fn attribute_values_are_escaped_as_quick_xml_escapes_them() {
        for value in ["plain", "a\"b'c<d>e&f", "line\nfeed\ttab\rreturn", "  two  spaces ", "é ✓ \u{1F600}"] {
            let mut ours = String::new();
            attribute(&mut ours, value);
            let theirs = quick_xml::events::attributes::Attribute::from(("k", value));
            assert_eq!(ours, &*theirs.value, "{value:?}");
        }
    }
}
