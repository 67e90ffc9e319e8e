//! SVG pictures, parsed and normalised by usvg: styles resolved, `<use>`
//! expanded, units converted, text laid out with the deck's own faces.
//! Both exporters draw from that one tree: the PDF as vectors (svg2pdf,
//! in `export/pdf/vectors.rs`), the HTML from usvg's rewriting of it. The
//! rewriting holds only what usvg understood, so nothing else of the file
//! (scripts, event handlers, foreign objects, external references) reaches
//! the HTML.

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use usvg::fontdb;

use crate::paths::{FileError, Root};
use crate::text::{FontBook, FontStyle};

/// Most XML nodes an SVG may hold (elements, text and entity
/// expansions): a chart or logo drawn by hand or exported has thousands;
/// a map of a country tens of thousands. Bounds the work of any file.
pub const MAX_NODES: u32 = 250_000;

/// Deepest nesting of elements deck reads: the XML parser and usvg walk
/// the tree by recursion, and a file nested 100,000 deep would overflow
/// the stack. Drawing tools nest a few dozen levels.
pub const MAX_DEPTH: usize = 256;

/// Deepest nesting of groups drawn in a PDF: svg2pdf saves the graphics
/// state once a group, and stops past 28 saved states (the PDF
/// reference's implementation limit), two of which it takes itself.
pub const MAX_GROUP_DEPTH: usize = 26;

/// Largest SVG text deck reads, after decompressing an `.svgz` file.
const MAX_TEXT_BYTES: u64 = 32 * 1024 * 1024;

/// One SVG picture, ready for both exporters.
pub struct Svg {
    /// The file's name, for messages.
    name: String,
    /// Its size, CSS pixels.
    size: (f32, f32),
    /// The normalised tree, text as outlines, and that tree written back
    /// as SVG for the HTML.
    outlines: Outlines,
    /// The text it shows, each piece once, in drawing order.
    labels: Vec<String>,
    /// Its text, lifted out of the drawing for deck to set (a chart's labels, a diagram's).
    lifted: Vec<super::labels::Label>,
    /// The drawing without the lifted text, for the PDF, and as SVG
    /// for the HTML.
    bare: Option<(usvg::Tree, String)>,
}

/// A picture's tree with text as outlines, and its SVG.
enum Outlines {
    /// Made when the picture was read.
    Made((usvg::Tree, String)),
    /// Made the first time they are asked for; see [`Outlined`].
    Later(Box<Outlined>, OnceLock<(usvg::Tree, String)>),
}

/// A picture whose text deck sets itself (a chart's, a diagram's) is drawn with
/// outlines only in a PowerPoint file: it keeps its tree with the text
/// and the faces, and makes the outlines the first time they are asked
/// for (a PDF and HTML build saves a rewriting and a reading per picture).
struct Outlined {
    with_text: usvg::Tree,
    fontdb: Arc<fontdb::Database>,
    family: String,
}

impl Outlined {
    fn make(&self) -> (usvg::Tree, String) {
        let markup = self.with_text.to_string(&usvg::WriteOptions { preserve_text: false, ..Default::default() });
        let options =
            usvg::Options { font_family: self.family.clone(), fontdb: Arc::clone(&self.fontdb), ..Default::default() };
        // usvg reads back what it wrote; failing that, the drawing without its text.
        let tree = usvg::Tree::from_str(&markup, &options).unwrap_or_else(|_| self.with_text.clone());
        (tree, markup)
    }
}

impl Svg {
    /// A picture of `tree`, written as `markup`, with nothing lifted.
    fn new(name: String, tree: usvg::Tree, markup: String) -> Svg {
        let size = (tree.size().width(), tree.size().height());
        Svg { name, size, outlines: Outlines::Made((tree, markup)), labels: Vec::new(), lifted: Vec::new(), bare: None }
    }
}

impl std::fmt::Debug for Svg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Svg").field("size", &self.size()).finish_non_exhaustive()
    }
}

impl Svg {
    /// Width and height in CSS pixels (96 to the inch).
    pub fn size(&self) -> (f32, f32) {
        self.size
    }

    /// The file's name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text it shows, each piece once, in drawing order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The normalised tree, text as outlines.
    pub fn tree(&self) -> &usvg::Tree {
        &self.outlined().0
    }

    /// The tree the PDF draws: without the text deck sets over it, when
    /// its text was lifted.
    pub fn pdf_tree(&self) -> &usvg::Tree {
        self.bare.as_ref().map_or_else(|| self.tree(), |(tree, _)| tree)
    }

    /// The picture as an SVG file for the HTML: [`markup`](Self::markup),
    /// or without the text deck sets over it when its text was lifted.
    pub fn html_markup(&self) -> &str {
        self.bare.as_ref().map_or_else(|| self.markup(), |(_, markup)| markup)
    }

    /// Its text, when it was lifted out of the PDF's drawing for deck to
    /// set (see [`pdf_tree`](Self::pdf_tree)); else none.
    pub fn lifted(&self) -> &[super::labels::Label] {
        &self.lifted
    }

    /// The picture as an SVG file for the HTML: usvg's rewriting, which
    /// keeps only what it draws.
    pub fn markup(&self) -> &str {
        &self.outlined().1
    }

    fn outlined(&self) -> &(usvg::Tree, String) {
        match &self.outlines {
            Outlines::Made(made) => made,
            Outlines::Later(later, made) => made.get_or_init(|| later.make()),
        }
    }

    /// A drawing deck made itself (paths and fills, no text, nothing
    /// linked), kept as written; `None` if usvg cannot read it.
    pub fn drawn(name: &str, markup: String) -> Option<Svg> {
        let tree = usvg::Tree::from_str(&markup, &usvg::Options::default()).ok()?;
        Some(Svg::new(name.to_string(), tree, markup))
    }
}

/// The deck's faces as usvg finds them by family: the generic families
/// (and any family the deck does not have) take the text face, or the
/// code face for `monospace`. Made on the first SVG of a build.
pub struct Fonts {
    /// Each font file once, shared with the font book.
    files: Vec<Arc<dyn AsRef<[u8]> + Send + Sync>>,
    text: String,
    mono: String,
    /// Text in a script the deck's faces lack is drawn from the machine's fonts.
    machine: bool,
    /// What the deck's faces have: the machine's are read only for text
    /// that needs them.
    coverage: crate::text::Coverage,
    /// Names these faces: equal keys, equal faces (their files' content).
    pub(super) key: u64,
    db: OnceLock<Arc<fontdb::Database>>,
    /// The same with the machine's faces after the deck's.
    with_machine: OnceLock<Arc<fontdb::Database>>,
}

impl Fonts {
    /// The faces of `book`, by family.
    pub fn new(book: &FontBook) -> Fonts {
        let mut seen = Vec::new();
        let mut files = Vec::new();
        for (_, face) in book.faces() {
            if !seen.contains(&face.content()) {
                seen.push(face.content());
                files.push(face.shared_data());
            }
        }
        let family = |mono| book.face(book.select(FontStyle { mono, ..FontStyle::default() })).family.clone();
        Fonts {
            files,
            text: family(false),
            mono: family(true),
            machine: book.uses_machine_fonts(),
            coverage: book.coverage(),
            key: book
                .faces()
                .fold(crate::fingerprint::FNV_OFFSET, |h, (_, face)| crate::fingerprint::fnv1a(h, face.content()))
                ^ u64::from(book.uses_machine_fonts()),
            db: OnceLock::new(),
            with_machine: OnceLock::new(),
        }
    }

    /// The faces for an SVG whose text is `text`: the deck's, and the
    /// machine's beside them only when the text has a character the
    /// deck's lack (reading every installed face takes some 8 ms).
    fn database<'a>(&self, text: impl IntoIterator<Item = &'a str>) -> Arc<fontdb::Database> {
        let machine = self.machine && !self.coverage.covers_all(text.into_iter().flat_map(str::chars));
        let db = if machine { &self.with_machine } else { &self.db };
        let db = db.get_or_init(|| {
            let mut db = fontdb::Database::new();
            for file in &self.files {
                db.load_font_source(fontdb::Source::Binary(Arc::clone(file)));
            }
            if machine {
                // After the deck's own: usvg takes these only for characters
                // those lack (SVG text becomes outlines, so nothing of them
                // is embedded).
                db.load_system_fonts();
            }
            db.set_serif_family(self.text.clone());
            db.set_sans_serif_family(self.text.clone());
            db.set_cursive_family(self.text.clone());
            db.set_fantasy_family(self.text.clone());
            db.set_monospace_family(self.mono.clone());
            Arc::new(db)
        });
        Arc::clone(db)
    }
}

/// Whether `bytes` look like SVG rather than a raster picture: XML text
/// (after a byte-order mark and blank space), or an `.svgz` file.
pub fn looks_like_svg(bytes: &[u8], path: &Path) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    text.trim_ascii_start().starts_with(b"<") || matches!(extension.as_deref(), Some("svg" | "svgz"))
}

/// Parse the SVG file `bytes`, read from `path`. Pictures it refers to are
/// read when they lie inside `root`; others, and URLs, are left out with
/// a warning (returned beside the picture, in words). Its text is lifted
/// out of the PDF's drawing for deck to set, when it can be. A drawing
/// deck `generated` (a diagram) has its hairlines thickened.
pub fn parse(
    bytes: &[u8],
    path: &Path,
    root: &Root,
    fonts: &Fonts,
    generated: bool,
) -> Result<(Svg, Vec<String>), FileError> {
    let text = decompress(bytes)?;
    let text = std::str::from_utf8(&text).map_err(|e| {
        format!("not an SVG file: not UTF-8 text ({})", crate::diag::not_utf8_at(&text, e.valid_up_to()))
    })?;
    if nesting(text) > MAX_DEPTH {
        return Err(format!("its elements nest more than {MAX_DEPTH} deep, more than deck reads").into());
    }
    let xml = roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions { allow_dtd: true, nodes_limit: MAX_NODES },
    )
    .map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => {
            FileError::from(format!("the SVG has more than {MAX_NODES} XML nodes, more than deck reads"))
        }
        roxmltree::Error::EntityReferenceLoop(at) => {
            FileError::from(format!("its XML entities expand into each other too far (at {at})"))
        }
        e => FileError::from(format!("not an SVG file: {e}")),
    })?;
    let top = xml.root_element().tag_name().name();
    if top != "svg" {
        return Err(format!("not an SVG file: the root element is <{top}>, not <svg>").into());
    }
    let warnings = Arc::new(Mutex::new(Vec::new()));
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let options = usvg::Options {
        resources_dir: None,
        font_family: fonts.text.clone(),
        fontdb: fonts.database(svg_text(&xml)),
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: linked_picture(dir, root.clone(), Arc::clone(&warnings)),
        },
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_xmltree(&xml, &options).map_err(|e| FileError::from(format!("not an SVG file: {e}")))?;
    // A diagram's hairlines: drawn at least MIN_STROKE wide, in usvg's
    // rewriting, where styles are resolved.
    let with_text = usvg::WriteOptions { preserve_text: true, ..usvg::WriteOptions::default() };
    let thick = generated.then(|| thickened(&tree.to_string(&with_text)));
    let tree = match &thick {
        Some(thick) => read_back(thick, &options)?,
        None => tree,
    };
    let groups = group_depth(tree.root());
    if groups > MAX_GROUP_DEPTH {
        return Err(format!(
            "its groups nest {groups} deep, more than the {MAX_GROUP_DEPTH} a PDF draws: ungroup some in the drawing program"
        )
        .into());
    }
    let mut warnings = std::mem::take(&mut *warnings.lock().unwrap_or_else(PoisonError::into_inner));
    if has_filters(tree.root()) {
        warnings.push("its filter effects (blur, shadows, lighting) are not drawn".to_string());
    }
    let mut labels = Vec::new();
    collect_labels(tree.root(), &mut labels);
    let lifted = if tree.has_text_nodes() {
        super::labels::lift(&tree, (&fonts.text, &fonts.mono))
    } else {
        super::labels::Lifted::default()
    };
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if !lifted.labels.is_empty() {
        // From usvg's rewriting, where styles are resolved: taking the text
        // out of the file itself would change what its CSS selectors match.
        let rewritten = thick.unwrap_or_else(|| tree.to_string(&with_text));
        let xml =
            roxmltree::Document::parse(&rewritten).map_err(|e| FileError::from(format!("not an SVG file: {e}")))?;
        if let Some(bare) = super::labels::without_text(&rewritten, &xml, &lifted.taken) {
            // Text left in the drawing (turned, faded) is outlines there.
            let (bare, markup) = with_outlines(read_back(&bare, &options)?, &options)?;
            let later = Outlined { with_text: tree, fontdb: Arc::clone(&options.fontdb), family: fonts.text.clone() };
            let svg = Svg {
                name,
                size: (later.with_text.size().width(), later.with_text.size().height()),
                outlines: Outlines::Later(Box::new(later), OnceLock::new()),
                labels,
                lifted: lifted.labels,
                bare: Some((bare, markup)),
            };
            return Ok((svg, warnings));
        }
    }
    let (tree, markup) = with_outlines(tree, &options)?;
    Ok((Svg { labels, ..Svg::new(name, tree, markup) }, warnings))
}

/// usvg's rewriting `svg` read back.
fn read_back(svg: &str, options: &usvg::Options) -> Result<usvg::Tree, FileError> {
    usvg::Tree::from_str(svg, options).map_err(|e| FileError::from(format!("not an SVG file: {e}")))
}

/// `tree` with its text as outlines, and its rewriting for the HTML:
/// svg2pdf sets text with fonts of its own, or leaves it out, so a tree
/// with text is read back from the rewriting, where text is already
/// outlines in deck's faces.
fn with_outlines(tree: usvg::Tree, options: &usvg::Options) -> Result<(usvg::Tree, String), FileError> {
    let markup = tree.to_string(&usvg::WriteOptions { preserve_text: false, ..usvg::WriteOptions::default() });
    let tree = if tree.has_text_nodes() { read_back(&markup, options)? } else { tree };
    Ok((tree, markup))
}

/// The text an SVG document shows: the character data inside its
/// `<text>` elements.
fn svg_text<'a>(xml: &'a roxmltree::Document) -> impl Iterator<Item = &'a str> {
    xml.descendants().filter(|n| n.is_text() && n.ancestors().any(|a| a.has_tag_name("text"))).filter_map(|n| n.text())
}

/// Thinnest line of a diagram, CSS pixels. Mermaid draws 1 px lines,
/// which a projected slide barely shows, and which PDF viewers snap to
/// whole device pixels while browsers blend them over two: at 2 px both
/// draw the line's middle in its full colour.
const MIN_STROKE: f32 = 2.0;

/// usvg's rewriting `svg` (every shape a `<path>`, styles as attributes,
/// no `stroke-width` where it is 1) with each stroke at least
/// [`MIN_STROKE`] wide, and anti-aliased everywhere.
fn thickened(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 8);
    let mut rest = svg;
    while let Some(at) = rest.find("<path ") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        rest = &rest[end..];
        // `crispEdges` turns anti-aliasing off in a browser, never in a PDF.
        let unsnapped;
        let tag = match tag.find(" shape-rendering=\"") {
            Some(at) => {
                let value = at + " shape-rendering=\"".len();
                let end = tag[value..].find('"').map_or(tag.len(), |e| value + e + 1);
                unsnapped = format!("{}{}", &tag[..at], &tag[end..]);
                unsnapped.as_str()
            }
            None => tag,
        };
        if !tag.contains(" stroke=\"") || tag.contains(" stroke=\"none\"") {
            out.push_str(tag);
            continue;
        }
        match tag.find(" stroke-width=\"") {
            Some(w) => {
                let value_at = w + " stroke-width=\"".len();
                let value_end = tag[value_at..].find('"').map_or(tag.len(), |e| value_at + e);
                // Zero stays zero: Mermaid hides some lines that way.
                let width = tag[value_at..value_end].parse::<f32>().unwrap_or(1.0);
                let width = if width > 0.0 { width.max(MIN_STROKE) } else { width };
                out.push_str(&tag[..value_at]);
                out.push_str(&width.to_string());
                out.push_str(&tag[value_end..]);
            }
            None => {
                out.push_str("<path stroke-width=\"");
                out.push_str(&MIN_STROKE.to_string());
                out.push_str("\" ");
                out.push_str(&tag["<path ".len()..]);
            }
        }
    }
    out.push_str(rest);
    out
}

/// How deep the elements of the XML `text` nest, at most, found by a
/// scan of its tags: the XML parser and usvg both descend by recursion,
/// so a file nested 100,000 deep must be refused before either reads it.
/// Comments, CDATA sections, processing instructions and the document
/// type are skipped; quoted attribute values may hold `>`.
fn nesting(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    let skip_past = |from: usize, end: &[u8]| {
        bytes[from..].windows(end.len()).position(|w| w == end).map_or(bytes.len(), |p| from + p + end.len())
    };
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        let open = at + found;
        let rest = &bytes[open..];
        at = if rest.starts_with(b"<!--") {
            skip_past(open, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_past(open, b"]]>")
        } else if rest.starts_with(b"<?") {
            skip_past(open, b"?>")
        } else if rest.starts_with(b"<!") {
            // The document type, with its internal subset when it has one.
            let close = skip_past(open, b">");
            if bytes[open..close].contains(&b'[') { skip_past(open, b"]>") } else { close }
        } else if rest.starts_with(b"</") {
            depth = depth.saturating_sub(1);
            skip_past(open, b">")
        } else {
            // A start tag: to its `>`, past quoted values.
            let mut quote = None;
            let mut end = open + 1;
            while end < bytes.len() {
                match (quote, bytes[end]) {
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                end += 1;
            }
            if bytes.get(end.wrapping_sub(1)) != Some(&b'/') {
                depth += 1;
                deepest = deepest.max(depth);
            }
            end + 1
        };
    }
    deepest
}

/// The file's text: as it is, or an `.svgz` file decompressed within the
/// limit.
fn decompress(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, FileError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes.into());
    }
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut text)
        .map_err(|e| FileError::from(format!("cannot decompress the .svgz file: {e}")))?;
    if text.len() as u64 > MAX_TEXT_BYTES {
        return Err(format!("the .svgz file holds more than {} MB of SVG", MAX_TEXT_BYTES >> 20).into());
    }
    Ok(text.into())
}

/// usvg's reader of `<image href="…">`: a file inside the deck's folder,
/// relative to the SVG's own, as deck reads any picture; never a URL.
fn linked_picture(
    dir: std::path::PathBuf,
    root: Root,
    warnings: Arc<Mutex<Vec<String>>>,
) -> usvg::ImageHrefStringResolverFn<'static> {
    let data = usvg::ImageHrefResolver::default_data_resolver();
    Box::new(move |href: &str, options: &usvg::Options| {
        let warn = |why: String| warnings.lock().unwrap_or_else(PoisonError::into_inner).push(why);
        if href.contains("://") || href.starts_with("//") {
            warn(format!("its picture `{href}` is a URL, which deck does not fetch: left out"));
            return None;
        }
        let read = root.confine(&dir.join(href)).and_then(|file| super::read(&file));
        match read {
            Ok(bytes) => {
                let picture = data("text/plain", Arc::new(bytes), options);
                if picture.is_none() {
                    warn(format!("its picture `{href}` is not a PNG, JPEG, GIF, WebP or SVG file: left out"));
                }
                picture
            }
            Err(why) => {
                warn(format!("its picture `{href}`: {why}: left out"));
                None
            }
        }
    })
}

/// How deep groups nest in `group`, itself counted (at most
/// [`MAX_DEPTH`] levels, which the scan before parsing has checked).
fn group_depth(group: &usvg::Group) -> usize {
    let inner = group.children().iter().filter_map(|node| match node {
        usvg::Node::Group(g) => Some(group_depth(g)),
        _ => None,
    });
    1 + inner.max().unwrap_or(0)
}

/// Whether anything in `group` has a filter effect, which svg2pdf draws
/// only through a rasteriser deck does not carry.
fn has_filters(group: &usvg::Group) -> bool {
    !group.filters().is_empty()
        || group.children().iter().any(|node| match node {
            usvg::Node::Group(g) => has_filters(g),
            _ => false,
        })
}

/// The text of every text element in `group`, each once, in drawing
/// order: what a picture says, for its alternative text.
fn collect_labels(group: &usvg::Group, out: &mut Vec<String>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => collect_labels(g, out),
            usvg::Node::Text(text) => {
                let words: String = text.chunks().iter().map(|c| c.text()).collect::<Vec<_>>().join(" ");
                let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
                if !words.is_empty() && !out.contains(&words) {
                    out.push(words);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hairlines_are_thickened() {
        let svg = r#"<svg><path fill="red" d="M0 0"/><path stroke="blue" d="M0 0"/><path stroke="blue" stroke-width="0.5" d="M0 0"/><path stroke="blue" stroke-width="3" d="M0 0"/><path stroke="blue" stroke-width="0" d="M0 0"/><path shape-rendering="crispEdges" fill="red" d="M0 0"/></svg>"#;
        assert_eq!(
            thickened(svg),
            r#"<svg><path fill="red" d="M0 0"/><path stroke-width="2" stroke="blue" d="M0 0"/><path stroke="blue" stroke-width="2" d="M0 0"/><path stroke="blue" stroke-width="3" d="M0 0"/><path stroke="blue" stroke-width="0" d="M0 0"/><path fill="red" d="M0 0"/></svg>"#
        );
    }
}
