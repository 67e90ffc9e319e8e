//! The OPC package: parts with their content types, relationships
//! between them, and the zip they travel in. The zip is reproducible:
//! entries in the order they were added, `[Content_Types].xml` last,
//! each dated 1980-01-01 (the
//! zip format's first day) with fixed permissions, so one deck built
//! twice gives the same bytes.

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::sync::mpsc;
use std::thread::{Scope, ScopedJoinHandle};

use zip::result::ZipResult;
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

/// Bytes of parts handed to the compressor at a time.
const BATCH: usize = 32 << 10;

/// A part's entry in `[Content_Types].xml`: its name in the package (no
/// leading slash) and the content type it overrides the default of its
/// extension with.
struct Entry {
    name: String,
    content_type: Option<&'static str>,
}

/// The parts of a package, in the order they are zipped. The parts are
/// zipped on a thread of their own while the next ones are written: the
/// XML and the deflating then share the two cores instead of taking
/// turns (GFMD deck: the parts take about 1.7 ms to write and 1.2 ms to
/// deflate). One zip writer deflates them all, so the encoder's state
/// is made once and reset between parts rather than made for each.
pub struct Package<'scope> {
    entries: Vec<Entry>,
    /// Parts not yet handed to the compressor, and their bytes: they go
    /// in batches, since waking the compressor for each of a hundred
    /// small parts costs more than it saves.
    batch: Vec<(String, Vec<u8>)>,
    batch_bytes: usize,
    to_compressor: mpsc::Sender<Vec<(String, Vec<u8>)>>,
    compressor: ScopedJoinHandle<'scope, ZipResult<Vec<u8>>>,
}

impl<'scope> Package<'scope> {
    /// A package whose compressor runs in `scope`.
    pub fn new<'env>(scope: &'scope Scope<'scope, 'env>) -> Self {
        let (to_compressor, batches) = mpsc::channel::<Vec<(String, Vec<u8>)>>();
        let compressor = scope.spawn(move || {
            let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(1 << 20)));
            for (name, bytes) in batches.into_iter().flatten() {
                zip.start_file(name.as_str(), options(&name, &bytes))?;
                zip.write_all(&bytes)?;
            }
            Ok(zip.finish()?.into_inner())
        });
        Package { entries: Vec::new(), batch: Vec::new(), batch_bytes: 0, to_compressor, compressor }
    }

    /// Add an XML part of content type `content_type`.
    pub fn add(&mut self, name: impl Into<String>, content_type: &'static str, bytes: Vec<u8>) {
        self.push(name.into(), Some(content_type), bytes);
    }

    /// Add a part whose extension names its type (relationships, media).
    pub fn add_plain(&mut self, name: impl Into<String>, bytes: Vec<u8>) {
        self.push(name.into(), None, bytes);
    }

    fn push(&mut self, name: String, content_type: Option<&'static str>, bytes: Vec<u8>) {
        self.entries.push(Entry { name: name.clone(), content_type });
        self.batch_bytes += bytes.len();
        self.batch.push((name, bytes));
        if self.batch_bytes >= BATCH {
            self.send();
        }
    }

    fn send(&mut self) {
        self.batch_bytes = 0;
        // The compressor stops only when this package is dropped, so the
        // send fails only if it panicked; zip() then reports that.
        let _ = self.to_compressor.send(std::mem::take(&mut self.batch));
    }

    /// The zip file: the parts, then `[Content_Types].xml` (last, as
    /// LibreOffice writes it too: it names every part, so it is known
    /// only now, and the parts are already in the zip).
    pub fn zip(mut self) -> Result<Vec<u8>, String> {
        let error = |e: &dyn std::fmt::Display| format!("cannot write the PPTX package: {e}");
        let types = self.content_types();
        self.batch.push(("[Content_Types].xml".to_string(), types));
        self.send();
        let Package { to_compressor, compressor, .. } = self;
        drop(to_compressor);
        compressor.join().map_err(|_| error(&"the compressing thread failed"))?.map_err(|e| error(&e))
    }

    fn content_types(&self) -> Vec<u8> {
        let mut xml = Xml::new();
        xml.open("Types", &[("xmlns", &"http://schemas.openxmlformats.org/package/2006/content-types")]);
        for (extension, content_type) in DEFAULTS {
            xml.empty("Default", &[("Extension", &extension), ("ContentType", &content_type)]);
        }
        for part in &self.entries {
            if let Some(content_type) = part.content_type {
                let name = format!("/{}", part.name);
                xml.empty("Override", &[("PartName", &name), ("ContentType", &content_type)]);
            }
        }
        xml.finish()
    }
}

/// How the part `name` is zipped: deflated, or stored when deflate
/// would gain little.
fn options(name: &str, bytes: &[u8]) -> SimpleFileOptions {
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
    // Pictures are compressed already, and a part of a few hundred bytes
    // (most are relationships) gains little from deflate and costs an
    // encoder reset each.
    let store = bytes.len() < SMALL || [".png", ".jpeg"].iter().any(|x| name.ends_with(x));
    if store { deflated.compression_method(CompressionMethod::Stored).compression_level(None) } else { deflated }
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
