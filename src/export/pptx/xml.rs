//! A small XML writer over quick-xml for the package's parts: elements
//! opened and closed in order, names and values escaped by quick-xml, and
//! the characters XML 1.0 cannot hold left out (a stray control character
//! in a deck would otherwise make PowerPoint refuse the whole file).

use std::borrow::Cow;
use std::fmt::Display;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

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
    writer: Writer<Vec<u8>>,
    open: Vec<&'static str>,
}

impl Xml {
    /// A part with its XML declaration.
    pub fn new() -> Xml {
        let mut xml = Xml { writer: Writer::new(Vec::with_capacity(4096)), open: Vec::new() };
        xml.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))));
        xml
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
        let start = start(name, attrs);
        self.event(Event::Start(start));
        self.open.push(name);
    }

    /// An element without content.
    pub fn empty(&mut self, name: &str, attrs: &Attrs) {
        self.event(Event::Empty(start(name, attrs)));
    }

    /// An element holding only `text`.
    pub fn leaf(&mut self, name: &'static str, attrs: &Attrs, text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close();
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) {
        let text = legal(text);
        self.event(Event::Text(BytesText::new(&text)));
    }

    /// Close the element opened last.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.event(Event::End(BytesEnd::new(name)));
        }
    }

    /// The part's bytes, every element closed.
    pub fn finish(mut self) -> Vec<u8> {
        while !self.open.is_empty() {
            self.close();
        }
        self.writer.into_inner()
    }

    fn event(&mut self, event: Event) {
        // Writing into a Vec cannot fail.
        let _ = self.writer.write_event(event);
    }
}

fn start<'a>(name: &'a str, attrs: &Attrs) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        let value = value.to_string();
        start.push_attribute((*key, legal(&value).as_ref()));
    }
    start
}

/// `text` without the characters XML 1.0 does not allow (controls other
/// than tab, line feed and carriage return; U+FFFE and U+FFFF).
pub fn legal(text: &str) -> Cow<'_, str> {
    let allowed =
        |c: char| !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.chars().all(allowed) {
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
}
