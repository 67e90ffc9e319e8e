//! Pictures: read as far as their headers when the deck is read (size,
//! orientation, format: all layout needs), then, once layout has placed
//! them, each decoded, scaled to its largest placement and encoded for
//! both exporters, a few at a time ([`prepare`]). SVG pictures are
//! parsed whole when read ([`svg`]): they are small, and drawn as vectors.
//! The only user of the `image` crate and of usvg.

pub mod cache;
mod labels;
mod pixels;
mod prepare;
mod svg;

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::metadata::Orientation;
use image::{ImageDecoder, ImageFormat, ImageReader};

pub use labels::Label;
pub use prepare::{Encoded, Part, Placed, Prepared, Quality, prepare};
pub use svg::Svg;

use crate::diag::{Diagnostic, Errors, Span};
use crate::model::{Deck, visit_images};
use crate::paths::{FileError, Root};
use crate::text::FontBook;

/// Largest picture deck decodes, in pixels (a 12 000 × 8 000 photo).
pub const MAX_PIXELS: u64 = 96_000_000;
/// Largest picture file deck reads, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Index of a picture in the [`ImageStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageId(pub usize);

/// One picture, known by its header.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The path as written in the deck.
    pub src: String,
    /// The file it was read from.
    pub path: PathBuf,
    /// Width and height in pixels, orientation applied (an SVG's CSS
    /// pixels, rounded).
    size: (u32, u32),
    /// Pixels, or vectors.
    kind: Kind,
    /// What a message about it says first ("image `a.png`"), where it was
    /// asked for, and in which slide.
    label: String,
    at: Option<Span>,
    context: Option<String>,
}

/// What a picture is drawn from.
#[derive(Debug, Clone)]
enum Kind {
    /// Pixels, decoded once layout has placed them.
    Raster {
        /// The file's format.
        format: ImageFormat,
        /// The EXIF orientation to apply after decoding.
        orientation: Orientation,
        /// A JPEG's colour components (1 grey, 3 RGB), when the file can
        /// be embedded as it is: upright, and grey or RGB.
        jpeg: Option<u8>,
        /// Bytes its pixels take once decoded, as the file stores them.
        decoded: u64,
    },
    /// An SVG file, parsed.
    Vector(Arc<Svg>),
}

impl Picture {
    /// The text an SVG picture shows, each piece of text once, in the
    /// order it is drawn; none for a raster picture.
    pub fn labels(&self) -> &[String] {
        match &self.kind {
            Kind::Vector(svg) => svg.labels(),
            Kind::Raster { .. } => &[],
        }
    }

    /// An SVG picture's text lifted out of the PDF's drawing, which
    /// layout sets over it (a diagram's labels); none for other pictures.
    pub fn lifted(&self) -> &[Label] {
        match &self.kind {
            Kind::Vector(svg) => svg.lifted(),
            Kind::Raster { .. } => &[],
        }
    }

    /// Width and height in pixels, orientation applied; an SVG's in CSS
    /// pixels (96 to the inch), fractions kept.
    pub fn size(&self) -> (f32, f32) {
        match &self.kind {
            Kind::Vector(svg) => svg.size(),
            Kind::Raster { .. } => (self.size.0 as f32, self.size.1 as f32),
        }
    }

    /// A message about this picture: its label, `why`, where it was asked for.
    fn error(&self, why: &FileError) -> Diagnostic {
        let mut d = Diagnostic::error(format!("{}: {why}", self.label)).with_span(self.at.clone());
        if let Some(context) = &self.context {
            d = d.with_context(context);
        }
        d
    }
}

/// Every picture a deck uses, each read once.
pub struct ImageStore {
    pictures: Vec<Picture>,
    by_src: HashMap<String, ImageId>,
    /// The folder pictures are read from, and what SVG pictures refer to.
    root: Root,
    /// The faces an SVG's text is set in.
    fonts: svg::Fonts,
    /// What reading the pictures found to say.
    warnings: Vec<Diagnostic>,
}

impl ImageStore {
    /// No pictures yet: they will be read inside `root`, an SVG's text set
    /// in the faces of `book`.
    pub fn new(root: &Root, book: &FontBook) -> ImageStore {
        ImageStore {
            pictures: Vec::new(),
            by_src: HashMap::new(),
            root: root.clone(),
            fonts: svg::Fonts::new(book),
            warnings: Vec::new(),
        }
    }

    /// What reading the pictures found to say, taken once.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.warnings)
    }

    /// The picture written as `src`, if it was loaded.
    pub fn find(&self, src: &str) -> Option<(ImageId, &Picture)> {
        let id = *self.by_src.get(src)?;
        self.pictures.get(id.0).map(|p| (id, p))
    }

    /// Every picture's file.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.pictures.iter().map(|p| p.path.as_path())
    }

    /// The picture behind an id.
    pub fn get(&self, id: ImageId) -> Option<&Picture> {
        self.pictures.get(id.0)
    }

    /// Read the header of the file at `path` (already confined to the
    /// deck's folder), a theme's picture, and keep it under the name `src`;
    /// a name already kept is not read again.
    pub fn add_file(&mut self, src: &str, path: &Path) -> Result<(), FileError> {
        if self.by_src.contains_key(src) {
            return Ok(());
        }
        let (picture, notes) = self.probe(path)?;
        self.keep(Picture { src: src.to_string(), label: format!("theme picture `{src}`"), ..picture }, notes);
        Ok(())
    }

    /// The SVG document `document`, made by deck (a diagram) and named
    /// `src`, parsed and its text lifted, for [`ImageStore::add_generated`]:
    /// apart from it, so that several are parsed at once.
    pub fn parse_generated(&self, src: &str, document: &str) -> Result<Generated, FileError> {
        generated(document, src, &self.root, &self.fonts).map(Generated)
    }

    /// Keep `generated` under the name `src`; `label` is what a message
    /// about it says first, `at` where it was asked for, in `context`.
    pub fn add_generated(
        &mut self,
        src: &str,
        generated: Generated,
        label: String,
        at: Option<Span>,
        context: Option<String>,
    ) {
        if self.by_src.contains_key(src) {
            return;
        }
        let (svg, notes) = generated.0;
        let (w, h) = svg.size();
        let picture = Picture {
            src: src.to_string(),
            path: PathBuf::new(),
            size: (w.round().max(1.0) as u32, h.round().max(1.0) as u32),
            kind: Kind::Vector(svg),
            label,
            at,
            context,
        };
        self.keep(picture, notes);
    }

    /// Keep `picture`, with what reading it found to say.
    fn keep(&mut self, picture: Picture, notes: Vec<String>) {
        for note in notes {
            let mut d = Diagnostic::warning(format!("{}: {note}", picture.label)).with_span(picture.at.clone());
            if let Some(context) = &picture.context {
                d = d.with_context(context);
            }
            self.warnings.push(d);
        }
        self.by_src.insert(picture.src.clone(), ImageId(self.pictures.len()));
        self.pictures.push(picture);
    }

    /// A picture's header, or a whole SVG: format, size and orientation,
    /// checked against the limits before anything is decoded; and what
    /// reading it found to say.
    fn probe(&self, path: &Path) -> Result<(Picture, Vec<String>), FileError> {
        let bytes = read(path)?;
        let (size, kind, notes) = if svg::looks_like_svg(&bytes, path) {
            let (svg, notes) = svg::parse(&bytes, path, &self.root, &self.fonts, false)?;
            let (w, h) = svg.size();
            ((w.round().max(1.0) as u32, h.round().max(1.0) as u32), Kind::Vector(Arc::new(svg)), notes)
        } else {
            let (size, kind) = raster(&bytes)?;
            (size, kind, Vec::new())
        };
        let picture = Picture {
            src: String::new(),
            path: path.to_path_buf(),
            size,
            kind,
            label: String::new(),
            at: None,
            context: None,
        };
        Ok((picture, notes))
    }
}

/// A generated SVG picture, parsed: see [`ImageStore::parse_generated`].
pub struct Generated(Parsed);

/// Generated SVG pictures parsed by this process, by document and faces:
/// `deck serve` parses again only the diagrams an edit changed.
type Parsed = (Arc<Svg>, Vec<String>);
static GENERATED: std::sync::Mutex<Option<HashMap<(u64, u64), Parsed>>> = std::sync::Mutex::new(None);

/// Generated pictures kept in [`GENERATED`] at most; past it the cache starts over.
const GENERATED_LIMIT: usize = 256;

/// The generated SVG `document` parsed (its text lifted), or as parsed before.
fn generated(document: &str, src: &str, root: &Root, fonts: &svg::Fonts) -> Result<Parsed, FileError> {
    let key = (crate::fingerprint::digest(document.as_bytes()), fonts.key);
    let lock = || GENERATED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(parsed) = lock().as_ref().and_then(|kept| kept.get(&key)) {
        return Ok((Arc::clone(&parsed.0), parsed.1.clone()));
    }
    let (svg, notes) = svg::parse(document.as_bytes(), Path::new(src), root, fonts, true)?;
    let parsed = (Arc::new(svg), notes);
    let mut kept = lock();
    let kept = kept.get_or_insert_with(HashMap::new);
    if kept.len() >= GENERATED_LIMIT {
        kept.clear();
    }
    kept.insert(key, (Arc::clone(&parsed.0), parsed.1.clone()));
    Ok(parsed)
}

/// Read the header of every picture of `deck` (paths relative to
/// `deck.base`); an SVG's text is set in the faces of `book`.
pub fn load(deck: &Deck, book: &FontBook) -> Result<ImageStore, Errors> {
    let mut store = ImageStore::new(&deck.root, book);
    let mut errors = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        let mut wanted: Vec<(&str, Option<Span>)> = Vec::new();
        for blocks in [&slide.body, &slide.left, &slide.right] {
            visit_images(blocks, &mut |src, at| wanted.push((src, at.cloned().or_else(|| slide.span.clone()))));
        }
        if let Some(image) = &slide.image {
            wanted.push((&image.src, image.span.clone()));
        }
        for (src, span) in wanted {
            if store.by_src.contains_key(src) {
                continue;
            }
            let probed = deck.root.confine(&deck.base.join(src)).and_then(|path| store.probe(&path));
            match probed {
                Ok((picture, notes)) => store.keep(
                    Picture {
                        src: src.to_string(),
                        label: format!("image `{src}`"),
                        at: span,
                        context: Some(slide.name(index)),
                        ..picture
                    },
                    notes,
                ),
                Err(why) => {
                    let mut d = Diagnostic::error(format!("image `{src}`: {why}"))
                        .with_span(span)
                        .with_context(slide.name(index));
                    for hint in why.hints(&deck.base.join(src)) {
                        d = d.with_hint(hint);
                    }
                    errors.push(d);
                }
            }
        }
    }
    if errors.is_empty() { Ok(store) } else { Err(errors) }
}

/// The file's bytes, within the size limit.
fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    let size = crate::paths::regular_file(path)?.len();
    if size > MAX_FILE_BYTES {
        let (mb, limit) = (size >> 20, MAX_FILE_BYTES >> 20);
        return Err(format!("the file is {mb} MB; deck reads pictures up to {limit} MB").into());
    }
    Ok(std::fs::read(path)?)
}

/// A raster picture's size (orientation applied) and kind, from its
/// header, checked against the limits before anything is decoded.
fn raster(bytes: &[u8]) -> Result<((u32, u32), Kind), FileError> {
    let reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| format!("cannot read it: {e}"))?;
    let format = reader.format().ok_or("not a PNG, JPEG, GIF, WebP or SVG picture")?;
    // The JPEG decoder fills a cut-short file with grey and says nothing.
    if format == ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err("the JPEG file is cut short: it has no end-of-image marker".into());
    }
    let mut decoder = reader.into_decoder().map_err(|e| format!("cannot decode it: {e}"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(
            format!("{w} × {h} pixels is more than deck decodes ({} megapixels)", MAX_PIXELS / 1_000_000).into()
        );
    }
    let decoded = decoder.total_bytes();
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let turned = matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    );
    let upright = orientation == Orientation::NoTransforms;
    let jpeg = if format == ImageFormat::Jpeg && upright { jpeg_components(bytes) } else { None };
    let size = if turned { (h, w) } else { (w, h) };
    Ok((size, Kind::Raster { format, orientation, jpeg: jpeg.filter(|c| matches!(c, 1 | 3)), decoded }))
}

/// Whether a JPEG's image data ends: an end-of-image marker after its
/// first scan (where a 0xFF byte is always followed by 0 or a restart
/// marker, so the marker cannot be mistaken). Data after it (a phone's
/// motion-photo video) is allowed.
fn jpeg_complete(bytes: &[u8]) -> bool {
    let scan = bytes.windows(2).position(|w| w == [0xFF, 0xDA]);
    // Sought from the end, where it is: scanning a 12-megapixel photo
    // from its first scan took 1-2 ms, before any thread could help.
    let end = bytes.windows(2).rposition(|w| w == [0xFF, 0xD9]);
    matches!((scan, end), (Some(scan), Some(end)) if end > scan)
}

/// The number of colour components in a JPEG's frame header.
pub(super) fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return bytes.get(at + 9).copied();
        }
        at += 2 + length;
    }
    None
}
