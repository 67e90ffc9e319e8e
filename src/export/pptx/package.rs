//! The OPC package: parts with their content types, relationships
//! between them, and the zip they travel in. The zip is reproducible:
//! entries in the order they were added, each dated 1980-01-01 (the
//! zip format's first day) with fixed permissions, so one deck built
//! twice gives the same bytes.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xml::Xml;

/// Relationship types, by what they point at.
pub mod rel {
    /// The main part.
    pub const OFFICE_DOCUMENT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    /// Core properties (title, author).
    pub const CORE: &str = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    /// Application properties.
    pub const EXTENDED: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
    /// A slide master.
    pub const SLIDE_MASTER: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster";
    /// A slide layout.
    pub const SLIDE_LAYOUT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout";
    /// A slide.
    pub const SLIDE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide";
    /// A theme.
    pub const THEME: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
    /// The notes master.
    pub const NOTES_MASTER: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster";
    /// A slide's notes.
    pub const NOTES_SLIDE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide";
    /// Presentation properties.
    pub const PRES_PROPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps";
    /// View properties.
    pub const VIEW_PROPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps";
    /// Table styles.
    pub const TABLE_STYLES: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles";
    /// A picture.
    pub const IMAGE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
    /// A hyperlink to a URL.
    pub const HYPERLINK: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
}

/// Content types of the parts named one by one.
pub mod content {
    /// presentation.xml.
    pub const PRESENTATION: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml";
    /// A slide.
    pub const SLIDE: &str = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml";
    /// A slide layout.
    pub const LAYOUT: &str = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml";
    /// A slide master.
    pub const MASTER: &str = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml";
    /// The notes master.
    pub const NOTES_MASTER: &str = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml";
    /// A notes slide.
    pub const NOTES: &str = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml";
    /// Presentation properties.
    pub const PRES_PROPS: &str = "application/vnd.openxmlformats-officedocument.presentationml.presProps+xml";
    /// View properties.
    pub const VIEW_PROPS: &str = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml";
    /// Table styles.
    pub const TABLE_STYLES: &str = "application/vnd.openxmlformats-officedocument.presentationml.tableStyles+xml";
    /// A theme.
    pub const THEME: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
    /// Core properties.
    pub const CORE: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    /// Application properties.
    pub const EXTENDED: &str = "application/vnd.openxmlformats-officedocument.extended-properties+xml";
}

/// File extensions with the content type every part so named has.
const DEFAULTS: [(&str, &str); 5] = [
    ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
    ("xml", "application/xml"),
    ("png", "image/png"),
    ("jpeg", "image/jpeg"),
    ("svg", "image/svg+xml"),
];

/// Parts smaller than this many bytes are stored, not deflated.
const SMALL: usize = 1024;

/// A part: its name in the package (no leading slash), bytes, and the
/// content type it overrides the default of its extension with.
struct Part {
    name: String,
    bytes: Vec<u8>,
    content_type: Option<&'static str>,
}

/// The parts of a package, in the order they are zipped.
#[derive(Default)]
pub struct Package {
    parts: Vec<Part>,
}

impl Package {
    /// Add an XML part of content type `content_type`.
    pub fn add(&mut self, name: impl Into<String>, content_type: &'static str, bytes: Vec<u8>) {
        self.parts.push(Part { name: name.into(), bytes, content_type: Some(content_type) });
    }

    /// Add a part whose extension names its type (relationships, media).
    pub fn add_plain(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.parts.push(Part { name: name.into(), bytes, content_type: None });
    }

    /// The zip file: `[Content_Types].xml` first, then the parts.
    pub fn zip(self) -> Result<Vec<u8>, String> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(1 << 20)));
        // Level 1: the parts are many small XML files. GFMD deck, release
        // build on a loaded 2-core machine, CPU time of `deck build
        // --format pptx` over `--format pdf`: 1.36 at the default level
        // (79 KB file), 1.13 at level 1 (98 KB), 1.06 with the parts
        // under 1 KB stored (110 KB).
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(1))
            .last_modified_time(DateTime::DEFAULT)
            .unix_permissions(0o644);
        let stored = deflated.compression_method(CompressionMethod::Stored).compression_level(None);
        let types = self.content_types();
        let error = |e: &dyn std::fmt::Display| format!("cannot write the PPTX package: {e}");
        let entries = std::iter::once(("[Content_Types].xml", types.as_slice()))
            .chain(self.parts.iter().map(|p| (p.name.as_str(), p.bytes.as_slice())));
        for (name, bytes) in entries {
            // Pictures are compressed already, and a part of a few hundred
            // bytes (most are relationships) gains little from deflate and
            // costs an encoder reset each.
            let store = bytes.len() < SMALL || [".png", ".jpeg"].iter().any(|x| name.ends_with(x));
            zip.start_file(name, if store { stored } else { deflated }).map_err(|e| error(&e))?;
            zip.write_all(bytes).map_err(|e| error(&e))?;
        }
        Ok(zip.finish().map_err(|e| error(&e))?.into_inner())
    }

    fn content_types(&self) -> Vec<u8> {
        let mut xml = Xml::new();
        xml.open("Types", &[("xmlns", &"http://schemas.openxmlformats.org/package/2006/content-types")]);
        for (extension, content_type) in DEFAULTS {
            xml.empty("Default", &[("Extension", &extension), ("ContentType", &content_type)]);
        }
        for part in &self.parts {
            if let Some(content_type) = part.content_type {
                let name = format!("/{}", part.name);
                xml.empty("Override", &[("PartName", &name), ("ContentType", &content_type)]);
            }
        }
        xml.finish()
    }
}

/// The relationships of one part, numbered rId1, rId2… in the order
/// they are added.
#[derive(Default)]
pub struct Rels {
    list: Vec<(&'static str, String, bool)>,
}

impl Rels {
    /// A relationship to the part at `target` (relative to the source
    /// part's folder); returns its id.
    pub fn add(&mut self, kind: &'static str, target: impl Into<String>) -> String {
        self.list.push((kind, target.into(), false));
        format!("rId{}", self.list.len())
    }

    /// A relationship to a URL outside the package; the same URL twice
    /// is one relationship.
    pub fn external(&mut self, kind: &'static str, url: &str) -> String {
        if let Some(i) = self.list.iter().position(|(k, t, e)| *e && *k == kind && t == url) {
            return format!("rId{}", i + 1);
        }
        self.list.push((kind, url.to_string(), true));
        format!("rId{}", self.list.len())
    }

    /// The id of the relationship to `target` of `kind`, added if new.
    pub fn once(&mut self, kind: &'static str, target: &str) -> String {
        match self.list.iter().position(|(k, t, e)| !*e && *k == kind && t == target) {
            Some(i) => format!("rId{}", i + 1),
            None => self.add(kind, target),
        }
    }

    /// The `.rels` part.
    pub fn finish(self) -> Vec<u8> {
        let mut xml = Xml::new();
        xml.open("Relationships", &[("xmlns", &"http://schemas.openxmlformats.org/package/2006/relationships")]);
        for (i, (kind, target, external)) in self.list.iter().enumerate() {
            let id = format!("rId{}", i + 1);
            if *external {
                xml.empty(
                    "Relationship",
                    &[("Id", &id), ("Type", kind), ("Target", target), ("TargetMode", &"External")],
                );
            } else {
                xml.empty("Relationship", &[("Id", &id), ("Type", kind), ("Target", target)]);
            }
        }
        xml.finish()
    }
}

/// The name of the relationships part of `part` ("ppt/slides/slide1.xml"
/// → "ppt/slides/_rels/slide1.xml.rels").
pub fn rels_name(part: &str) -> String {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let mut name = String::new();
    if !dir.is_empty() {
        let _ = write!(name, "{dir}/");
    }
    let _ = write!(name, "_rels/{file}.rels");
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationships_are_numbered_and_shared() {
        let mut rels = Rels::default();
        assert_eq!(rels.add(rel::SLIDE_LAYOUT, "../slideLayouts/slideLayout2.xml"), "rId1");
        assert_eq!(rels.external(rel::HYPERLINK, "https://example.org/"), "rId2");
        assert_eq!(rels.external(rel::HYPERLINK, "https://example.org/"), "rId2");
        assert_eq!(rels.once(rel::IMAGE, "../media/image1.png"), "rId3");
        assert_eq!(rels.once(rel::IMAGE, "../media/image1.png"), "rId3");
        let xml = String::from_utf8(rels.finish()).unwrap();
        assert!(xml.contains("Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://example.org/\" TargetMode=\"External\""), "{xml}");
    }

    #[test]
    fn rels_parts_sit_beside_their_part() {
        assert_eq!(rels_name("ppt/slides/slide1.xml"), "ppt/slides/_rels/slide1.xml.rels");
        assert_eq!(rels_name(""), "_rels/.rels");
    }
}
