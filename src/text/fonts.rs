//! The faces deck sets text in: Inter and JetBrains Mono, embedded in the
//! binary from `fonts/`, or the font files a theme names in their place;
//! plus fallback faces for missing characters. One parsed font per face
//! (read-fonts' model, which HarfRust shapes with) answers the character
//! map, the metrics and the names.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use harfrust::font::Blob;

use super::script::{self, Han};
use crate::paths::{FileError, Stamp};
use harfrust::{Feature, Tag};

/// Which characters a book's faces have (see [`FontBook::coverage`]),
/// for a question asked where the book is not at hand: a picture's text.
pub struct Coverage {
    /// Each face's font file and its index there.
    faces: Vec<(FontData, u32)>,
}

/// A font file's bytes, shared.
type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

impl Coverage {
    /// Whether some face has a glyph for each of `chars` (white space
    /// aside).
    pub fn covers_all(&self, chars: impl IntoIterator<Item = char>) -> bool {
        use read_fonts::TableProvider as _;
        let charmaps: Vec<_> = self
            .faces
            .iter()
            .filter_map(|(data, index)| read_fonts::FontRef::from_index((**data).as_ref(), *index).ok()?.cmap().ok())
            .collect();
        let mut seen = std::collections::HashSet::new();
        chars
            .into_iter()
            .filter(|c| !c.is_whitespace() && seen.insert(*c))
            .all(|c| charmaps.iter().any(|cmap| cmap.map_codepoint(c).is_some_and(|g| g.to_u32() != 0)))
    }
}

/// Index of a face in the [`FontBook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u8);

/// Which face of a family to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FontStyle {
    /// Monospace (code) rather than the text family.
    pub mono: bool,
    /// Bold weight.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

/// One font face, ready for shaping and embedding.
pub struct Face {
    /// PostScript name, e.g. "Inter-Bold".
    pub postscript_name: String,
    /// Family name, e.g. "Inter".
    pub family: String,
    /// Which face of the family this is.
    pub style: FontStyle,
    /// The whole font file: embedded, or shared with the font file cache.
    data: Blob,
    /// Which face of a font collection (.ttc) this is; 0 for a single font.
    index: u32,
    /// How its glyphs are drawn, read once from its tables.
    outlines: Outlines,
    /// The font file it was read from; `None` for the faces built into deck.
    pub path: Option<PathBuf>,
    /// Names the font file's content: equal keys, equal bytes. Shaping
    /// results are kept under it, so an edited font file is shaped anew.
    pub(super) content: u64,
    /// Design units per em.
    pub units_per_em: u16,
    /// Ascender in ems (positive).
    pub ascender: f32,
    /// Descender in ems (negative).
    pub descender: f32,
    /// OpenType features applied when shaping (and in CSS).
    pub features: Vec<([u8; 4], u32)>,
    /// Which of U+0000–U+00FF the face has, a bit each.
    latin1: OnceLock<[u64; 4]>,
    /// The parsed font: tables for the character map and metrics, and the
    /// face for the shaper, which builds its lookup tables on the first run
    /// it shapes (an unused face costs nothing).
    pub(super) shaper: harfrust::Font,
    pub(super) shaper_features: Vec<Feature>,
}

/// How a face draws its glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outlines {
    /// TrueType outlines (`glyf`).
    TrueType,
    /// PostScript outlines (`CFF ` or `CFF2`).
    Cff,
    /// Colour PNG bitmaps only (`CBDT` with `CBLC`).
    ColourBitmaps,
    /// Nothing deck can draw (other bitmap formats).
    None,
}

impl Outlines {
    fn of(data: &[u8], index: u32) -> Outlines {
        let Ok(font) = read_fonts::FontRef::from_index(data, index) else { return Outlines::None };
        let has = |tag: &[u8; 4]| font.table_data(read_fonts::types::Tag::new(tag)).is_some();
        if has(b"glyf") {
            Outlines::TrueType
        } else if has(b"CFF ") || has(b"CFF2") {
            Outlines::Cff
        } else if has(b"CBDT") && has(b"CBLC") {
            Outlines::ColourBitmaps
        } else {
            Outlines::None
        }
    }
}

/// A face's measurements for a PDF font descriptor, in ems.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Height of capital letters.
    pub cap_height: f32,
    /// The box every glyph fits in: left, bottom, right, top.
    pub bbox: [f32; 4],
    /// Slant of upright strokes, degrees counter-clockwise (negative leans right).
    pub italic_angle: f32,
    /// Whether every glyph has the same advance.
    pub monospaced: bool,
}

const NOT_A_FONT: &str = "not a TrueType or OpenType font";

impl Face {
    /// The face in `data`, named by the font's own names where `names` does
    /// not give them; `None` when it is not a font deck can use.
    fn new(
        data: Blob,
        index: u32,
        content: u64,
        names: Option<(&str, &str)>,
        style: FontStyle,
        features: Vec<([u8; 4], u32)>,
    ) -> Option<Face> {
        let shaper = harfrust::Font::new(data.clone(), index)?;
        if !shaper.charmap().has_unicode() {
            return None;
        }
        let metrics = shaper.metrics();
        let upem = f32::from(metrics.units_per_em);
        let line = metrics.h_line()?;
        let (postscript_name, family) = match names {
            Some((postscript, family)) => (postscript.to_string(), family.to_string()),
            None => own_names(&shaper),
        };
        Some(Face {
            postscript_name,
            family,
            style,
            content,
            units_per_em: metrics.units_per_em,
            ascender: line.ascender.to_f32() / upem,
            descender: line.descender.to_f32() / upem,
            shaper_features: shaper_features(&features),
            features,
            latin1: OnceLock::new(),
            shaper,
            outlines: Outlines::of(data.as_ref(), index),
            data,
            index,
            path: None,
        })
    }

    /// Which face of its font file this is (a collection holds several).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// Whether the face draws its glyphs as outlines (TrueType or CFF) that
    /// the PDF can embed, rather than only as bitmaps (colour emoji).
    pub fn has_outlines(&self) -> bool {
        matches!(self.outlines, Outlines::TrueType | Outlines::Cff)
    }

    /// Whether it draws glyphs as colour PNG bitmaps (CBDT, as Noto Color
    /// Emoji does), which the PDF draws as pictures.
    pub fn colour_bitmaps(&self) -> bool {
        self.outlines == Outlines::ColourBitmaps
    }

    /// Whether its outlines are CFF (PostScript) rather than TrueType.
    pub fn is_cff(&self) -> bool {
        self.outlines == Outlines::Cff
    }

    /// The whole font file.
    pub fn data(&self) -> &[u8] {
        self.data.as_ref()
    }

    /// The whole font file, shared rather than copied (usvg's font
    /// database holds it this way).
    pub fn shared_data(&self) -> std::sync::Arc<dyn AsRef<[u8]> + Send + Sync> {
        match &self.data {
            Blob::Static(data) => std::sync::Arc::new(*data),
            Blob::Shared(data) => std::sync::Arc::clone(data),
        }
    }

    /// Names the font file's content: equal keys, equal bytes.
    pub fn content(&self) -> u64 {
        self.content
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        // Every character of a deck is asked about, most of them Latin-1:
        // those are answered from a table made on the first question.
        let latin1 = self.latin1.get_or_init(|| {
            let charmap = self.shaper.charmap();
            let mut bits = [0u64; 4];
            for b in 0u8..=255 {
                if charmap.map_unicode(u32::from(b)).is_some_and(|g| g.to_u32() != 0) {
                    bits[usize::from(b / 64)] |= 1 << (b % 64);
                }
            }
            bits
        });
        match u8::try_from(c) {
            Ok(b) => latin1[usize::from(b / 64)] & (1 << (b % 64)) != 0,
            Err(_) => self.shaper.charmap().map_unicode(c).is_some_and(|g| g.to_u32() != 0),
        }
    }

    /// The face's own glyph for `c` (before shaping chose forms), if any.
    pub fn glyph_of(&self, c: char) -> Option<u16> {
        self.shaper.charmap().map_unicode(c).and_then(|g| u16::try_from(g.to_u32()).ok()).filter(|g| *g != 0)
    }

    /// What a PDF font descriptor says of the face.
    pub fn metrics(&self) -> Metrics {
        let metrics = self.shaper.metrics();
        let style = self.shaper.style_metrics();
        let upem = f32::from(self.units_per_em);
        let em = |v: f32| v / upem;
        let b = metrics.bounds;
        Metrics {
            cap_height: metrics.cap_height.map_or(self.ascender, |h| em(h.to_f32())),
            bbox: [em(b.x_min.to_f32()), em(b.y_min.to_f32()), em(b.x_max.to_f32()), em(b.y_max.to_f32())],
            italic_angle: style.italic_angle.map_or(0.0, |a| a.to_f32()),
            monospaced: style.is_fixed_pitch.unwrap_or(false),
        }
    }

    /// The CSS `font-feature-settings` value matching the shaper's features.
    pub fn css_features(&self) -> String {
        let list: Vec<String> =
            self.features.iter().map(|(tag, on)| format!("\"{}\" {on}", String::from_utf8_lossy(tag))).collect();
        list.join(", ")
    }
}

/// A font's PostScript and family names, from its `name` table.
fn own_names(font: &harfrust::Font) -> (String, String) {
    use harfrust::font::name::NameId;
    let names = font.names();
    let name = |id| names.get(id).and_then(|n| n.english_or_first()).map(|n| n.name().to_string());
    let postscript = name(NameId::POSTSCRIPT_NAME).unwrap_or_else(|| "Fallback".into()).replace(' ', "");
    let family = name(NameId::FAMILY_NAME).unwrap_or_else(|| postscript.clone());
    (postscript, family)
}

/// Inter's I and l look alike: cv05 (tailed l) and cv08 (serifed I) fix it.
const INTER_FEATURES: &[(&[u8; 4], u32)] = &[(b"kern", 1), (b"cv05", 1), (b"cv08", 1)];
const MONO_FEATURES: &[(&[u8; 4], u32)] = &[(b"kern", 1)];
const FALLBACK_FEATURES: &[(&[u8; 4], u32)] = &[(b"kern", 1)];
const SOLID_FEATURES: &[(&[u8; 4], u32)] = &[(b"kern", 0)];

fn owned(features: &[(&[u8; 4], u32)]) -> Vec<([u8; 4], u32)> {
    features.iter().map(|(tag, on)| (**tag, *on)).collect()
}

fn shaper_features(features: &[([u8; 4], u32)]) -> Vec<Feature> {
    features.iter().map(|(tag, value)| Feature::new(Tag::new(tag), *value, ..)).collect()
}

/// A font file's face with its names and metrics, or why it cannot be used.
fn user_face(path: &Path, style: FontStyle, features: Vec<([u8; 4], u32)>) -> Result<Face, FileError> {
    let file = read_font_file(path)?;
    let face = Face::new(Blob::Shared(file.data), 0, file.content, None, style, features).ok_or(NOT_A_FONT)?;
    Ok(Face { path: Some(path.to_path_buf()), ..face })
}

/// A font file as last read.
#[derive(Clone)]
struct FontFile {
    stamp: Stamp,
    data: Arc<Vec<u8>>,
    content: u64,
}

/// A font file's bytes and content key. A long-running `serve` keeps the
/// last version of each file it read and reads a file again only when its
/// [`Stamp`] changed: an edited font is used at the next rebuild, and an
/// unchanged one costs a `stat`.
fn read_font_file(path: &Path) -> Result<FontFile, FileError> {
    static FILES: OnceLock<Mutex<HashMap<PathBuf, FontFile>>> = OnceLock::new();
    let stamp = Stamp::from(&crate::paths::regular_file(path)?);
    let files = FILES.get_or_init(Default::default);
    if let Some(known) = files.lock().unwrap_or_else(PoisonError::into_inner).get(path)
        && known.stamp == stamp
        && stamp.is_known()
    {
        return Ok(known.clone());
    }
    let bytes = std::fs::read(path)?;
    let file = FontFile { stamp, content: digest(&bytes), data: Arc::new(bytes) };
    // One entry per path: a new version replaces the old one.
    files.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_path_buf(), file.clone());
    Ok(file)
}

/// A 64-bit digest of a font file's bytes (not the embedded fonts, which
/// are told apart by their place in the book).
fn digest(bytes: &[u8]) -> u64 {
    // Embedded faces take keys 0 to 7; a file's digest never does.
    crate::fingerprint::digest(bytes) | 1 << 63
}

macro_rules! face {
    ($file:literal, $ps:literal, $family:literal, $mono:expr, $bold:expr, $italic:expr, $features:expr) => {
        (
            include_bytes!(concat!("../../fonts/", $file)) as &'static [u8],
            $ps,
            $family,
            FontStyle { mono: $mono, bold: $bold, italic: $italic },
            $features,
        )
    };
}

mod katex;
mod machine;

/// All faces deck can set text in.
pub struct FontBook {
    faces: Vec<Face>,
    /// User fonts tried, in order, for characters a face lacks.
    fallbacks: Vec<FontId>,
    /// Faces taken from the machine, tried after the user's fallbacks.
    system: Vec<SystemFace>,
    /// An installed face that had characters the deck needs only as
    /// colour bitmaps (Noto Color Emoji), which the PDF cannot embed as
    /// glyphs: left for a face with outlines.
    skipped_bitmaps: Option<String>,
    /// The family of the face that draws the deck's emoji, in monochrome.
    emoji: Option<String>,
    /// The machine's fonts may stand in for missing characters.
    machine: bool,
    /// The math faces by the names formulas use, once added.
    math: Vec<(&'static str, FontId)>,
}

/// A face the machine has, taken for characters the deck's faces lack.
struct SystemFace {
    id: FontId,
    /// The family name it was asked for by, or "" when it was taken as
    /// the last resort (any face that has the character).
    family: String,
}

impl FontBook {
    /// The embedded faces.
    pub fn builtin() -> FontBook {
        let sources = [
            face!("Inter-Regular.ttf", "Inter-Regular", "Inter", false, false, false, INTER_FEATURES),
            face!("Inter-Bold.ttf", "Inter-Bold", "Inter", false, true, false, INTER_FEATURES),
            face!("Inter-Italic.ttf", "Inter-Italic", "Inter", false, false, true, INTER_FEATURES),
            face!("Inter-BoldItalic.ttf", "Inter-BoldItalic", "Inter", false, true, true, INTER_FEATURES),
            face!(
                "JetBrainsMono-Regular.ttf",
                "JetBrainsMono-Regular",
                "JetBrains Mono",
                true,
                false,
                false,
                MONO_FEATURES
            ),
            face!("JetBrainsMono-Bold.ttf", "JetBrainsMono-Bold", "JetBrains Mono", true, true, false, MONO_FEATURES),
            face!(
                "JetBrainsMono-Italic.ttf",
                "JetBrainsMono-Italic",
                "JetBrains Mono",
                true,
                false,
                true,
                MONO_FEATURES
            ),
            face!(
                "JetBrainsMono-BoldItalic.ttf",
                "JetBrainsMono-BoldItalic",
                "JetBrains Mono",
                true,
                true,
                true,
                MONO_FEATURES
            ),
        ];
        let faces = sources
            .into_iter()
            .enumerate()
            .filter_map(|(n, (data, postscript_name, family, style, features))| {
                // The embedded files are fixed at compile time and checked by tests.
                Face::new(Blob::Static(data), 0, n as u64, Some((postscript_name, family)), style, owned(features))
            })
            .collect();
        FontBook {
            faces,
            fallbacks: Vec::new(),
            system: Vec::new(),
            skipped_bitmaps: None,
            emoji: None,
            machine: false,
            math: Vec::new(),
        }
    }

    /// Load a font file as a fallback face, tried after the faces before it.
    pub fn add_fallback(&mut self, path: &Path) -> Result<FontId, FileError> {
        let id = FontId(u8::try_from(self.faces.len()).map_err(|_| "too many fonts")?);
        self.faces.push(user_face(path, FontStyle::default(), owned(FALLBACK_FEATURES))?);
        self.fallbacks.push(id);
        Ok(id)
    }

    /// Set the face of `style` from a font file (a theme's own fonts);
    /// text faces keep the book's text features.
    pub fn replace(&mut self, style: FontStyle, path: &Path) -> Result<(), FileError> {
        let index = self.faces.iter().position(|f| f.style == style).ok_or("no such face")?;
        let features = self.faces[index].features.clone();
        self.faces[index] = user_face(path, style, features)?;
        Ok(())
    }

    /// Shape the text faces (not code) with these OpenType features.
    pub fn set_text_features(&mut self, features: &[([u8; 4], u32)]) {
        let math: Vec<usize> = self.math.iter().map(|(_, id)| usize::from(id.0)).collect();
        let text = self.faces.iter_mut().enumerate().filter(|(i, f)| !f.style.mono && !math.contains(i));
        for (_, face) in text {
            face.features = features.to_vec();
            face.shaper_features = shaper_features(features);
        }
    }

    /// Split `text`, meant for `font`, into runs each set in the first face
    /// that has its characters: `font`, then the fallbacks. Characters no
    /// face has stay with `font` (and are reported when shaped).
    pub fn itemize(&self, font: FontId, text: &str, han: Han) -> Vec<(std::ops::Range<usize>, FontId)> {
        let mut runs: Vec<(std::ops::Range<usize>, FontId)> = Vec::new();
        for (at, c) in text.char_indices() {
            let previous = runs.last().map(|(_, f)| *f).filter(|f| *f != font);
            let chosen = if c.is_whitespace() || c.is_control() {
                font
            } else if let Some(previous) = previous.filter(|f| script::is_shared(c) && self.face(*f).covers(c)) {
                // A mark or punctuation stays in the fallback face of the
                // letters before it: tanwin with its Arabic letter.
                previous
            } else if self.face(font).covers(c) {
                font
            } else {
                self.fallback_for(c, han, self.face(font).style.bold).unwrap_or(font)
            };
            let end = at + c.len_utf8();
            match runs.last_mut() {
                Some((range, f)) if *f == chosen => range.end = end,
                // Whitespace joins the run before it rather than splitting a fallback run.
                _ => runs.push((at..end, chosen)),
            }
        }
        runs
    }

    /// The face behind an id.
    ///
    /// # Panics
    /// When `id` is not one of this book's: ids come only from the book.
    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[usize::from(id.0)]
    }

    /// Every face with its id.
    pub fn faces(&self) -> impl Iterator<Item = (FontId, &Face)> {
        self.faces.iter().enumerate().map(|(i, f)| (FontId(i as u8), f))
    }

    /// Which characters the book's faces have, to ask away from the book.
    pub fn coverage(&self) -> Coverage {
        Coverage { faces: self.faces.iter().map(|f| (f.shared_data(), f.index)).collect() }
    }

    /// The face for a style (exact match; the embedded set has every style).
    pub fn select(&self, style: FontStyle) -> FontId {
        self.faces().find(|(_, f)| f.style == style).map_or(FontId(0), |(id, _)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_face_parses() {
        let book = FontBook::builtin();
        assert_eq!(book.faces().count(), 8);
        let bold = book.face(book.select(FontStyle { bold: true, ..Default::default() }));
        assert_eq!(bold.postscript_name, "Inter-Bold");
        assert!(bold.ascender > 0.9 && bold.descender < -0.2);
    }

    #[test]
    fn coverage_answers_for_every_face_of_the_book() {
        let coverage = FontBook::builtin().coverage();
        assert!(coverage.covers_all("Déjà vu — “quoted” → ok".chars()), "Inter has these");
        assert!(!coverage.covers_all("移民".chars()), "no built-in face has Chinese");
        assert!(!coverage.covers_all("Latin, then مرحبا".chars()), "one missing character is enough");
        assert!(coverage.covers_all("  \n\t".chars()), "white space needs no face");
    }
}
