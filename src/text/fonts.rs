//! The faces deck sets text in: Inter and JetBrains Mono, embedded in the
//! binary from `fonts/` and parsed once per process, or the font files a
//! theme names in their place; plus fallback faces for missing characters.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use harfrust::{Feature, Tag};

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
    pub postscript_name: &'static str,
    /// Family name for CSS, e.g. "Inter".
    pub family: &'static str,
    /// Which face of the family this is.
    pub style: FontStyle,
    /// The whole font file.
    pub data: &'static [u8],
    /// Design units per em.
    pub units_per_em: u16,
    /// Ascender in ems (positive).
    pub ascender: f32,
    /// Descender in ems (negative).
    pub descender: f32,
    /// OpenType features applied when shaping (and in CSS).
    pub features: Vec<([u8; 4], u32)>,
    /// The parsed tables: names, metrics, the character map.
    parsed: ttf_parser::Face<'static>,
    /// Which of U+0000–U+00FF the face has, a bit each.
    latin1: OnceLock<[u64; 4]>,
    /// The face for the shaper, which builds its lookup tables on the first
    /// run it shapes (an unused face costs nothing).
    pub(super) shaper: harfrust::Font,
    pub(super) shaper_features: Vec<Feature>,
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

impl Face {
    fn new(
        data: &'static [u8],
        parsed: ttf_parser::Face<'static>,
        (postscript_name, family, style): (&'static str, &'static str, FontStyle),
        features: Vec<([u8; 4], u32)>,
    ) -> Option<Face> {
        let shaper = harfrust::Font::new(harfrust::font::Blob::Static(data), 0)?;
        let upem = parsed.units_per_em() as f32;
        Some(Face {
            postscript_name,
            family,
            style,
            data,
            units_per_em: parsed.units_per_em(),
            ascender: parsed.ascender() as f32 / upem,
            descender: parsed.descender() as f32 / upem,
            shaper_features: shaper_features(&features),
            features,
            parsed,
            latin1: OnceLock::new(),
            shaper,
        })
    }

    /// Whether the face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        // Every character of a deck is asked about, most of them Latin-1:
        // those are answered from a table made on the first question.
        let latin1 = self.latin1.get_or_init(|| {
            let mut bits = [0u64; 4];
            for c in (0u8..=255).map(char::from) {
                if self.parsed.glyph_index(c).is_some() {
                    bits[usize::from(c as u8 / 64)] |= 1 << (c as u8 % 64);
                }
            }
            bits
        });
        match u8::try_from(c) {
            Ok(b) => latin1[usize::from(b / 64)] & (1 << (b % 64)) != 0,
            Err(_) => self.parsed.glyph_index(c).is_some(),
        }
    }

    /// What a PDF font descriptor says of the face.
    pub fn metrics(&self) -> Metrics {
        let upem = f32::from(self.units_per_em);
        let em = |v: i16| f32::from(v) / upem;
        let b = self.parsed.global_bounding_box();
        Metrics {
            cap_height: self.parsed.capital_height().map_or(self.ascender, em),
            bbox: [em(b.x_min), em(b.y_min), em(b.x_max), em(b.y_max)],
            italic_angle: self.parsed.italic_angle(),
            monospaced: self.parsed.is_monospaced(),
        }
    }

    /// The CSS `font-feature-settings` value matching the shaper's features.
    pub fn css_features(&self) -> String {
        let list: Vec<String> =
            self.features.iter().map(|(tag, on)| format!("\"{}\" {on}", String::from_utf8_lossy(tag))).collect();
        list.join(", ")
    }
}

/// Inter's I and l look alike: cv05 (tailed l) and cv08 (serifed I) fix it.
const INTER_FEATURES: &[(&[u8; 4], u32)] = &[(b"kern", 1), (b"cv05", 1), (b"cv08", 1)];
const MONO_FEATURES: &[(&[u8; 4], u32)] = &[(b"kern", 1)];
const FALLBACK_FEATURES: &[(&[u8; 4], u32)] = &[(b"kern", 1)];

fn owned(features: &[(&[u8; 4], u32)]) -> Vec<([u8; 4], u32)> {
    features.iter().map(|(tag, on)| (**tag, *on)).collect()
}

fn shaper_features(features: &[([u8; 4], u32)]) -> Vec<Feature> {
    features.iter().map(|(tag, value)| Feature::new(Tag::new(tag), *value, ..)).collect()
}

/// A font file's face with its names and metrics, or why it cannot be used.
fn user_face(path: &Path, style: FontStyle, features: Vec<([u8; 4], u32)>) -> Result<Face, String> {
    let data = read_once(path)?;
    const NOT_A_FONT: &str = "not a TrueType or OpenType font";
    let parsed = ttf_parser::Face::parse(data, 0).map_err(|_| NOT_A_FONT)?;
    let name =
        |id: u16| parsed.names().into_iter().filter(|n| n.name_id == id && n.is_unicode()).find_map(|n| n.to_string());
    let postscript: &'static str =
        Box::leak(name(6).unwrap_or_else(|| "Fallback".into()).replace(' ', "").into_boxed_str());
    let family: &'static str = Box::leak(name(1).unwrap_or_else(|| postscript.to_string()).into_boxed_str());
    Face::new(data, parsed, (postscript, family, style), features).ok_or_else(|| NOT_A_FONT.to_string())
}

/// A font file's bytes, read once per process and kept for its life (the
/// shaper borrows them; a long-running `serve` re-reads nothing).
fn read_once(path: &Path) -> Result<&'static [u8], String> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, &'static [u8]>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().map_err(|_| "font cache poisoned")?;
    if let Some(data) = cache.get(path) {
        return Ok(data);
    }
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        _ => e.to_string(),
    })?;
    let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    cache.insert(path.to_path_buf(), data);
    Ok(data)
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

/// All faces deck can set text in.
pub struct FontBook {
    faces: Vec<Face>,
    /// User fonts tried, in order, for characters a face lacks.
    fallbacks: Vec<FontId>,
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
            .filter_map(|(data, postscript_name, family, style, features)| {
                // The embedded files are fixed at compile time and checked by tests.
                let parsed = ttf_parser::Face::parse(data, 0).ok()?;
                Face::new(data, parsed, (postscript_name, family, style), owned(features))
            })
            .collect();
        FontBook { faces, fallbacks: Vec::new() }
    }

    /// Load a font file as a fallback face, tried after the faces before it.
    pub fn add_fallback(&mut self, path: &Path) -> Result<FontId, String> {
        let id = FontId(u8::try_from(self.faces.len()).map_err(|_| "too many fonts")?);
        self.faces.push(user_face(path, FontStyle::default(), owned(FALLBACK_FEATURES))?);
        self.fallbacks.push(id);
        Ok(id)
    }

    /// Set the face of `style` from a font file (a theme's own fonts);
    /// text faces keep the book's text features.
    pub fn replace(&mut self, style: FontStyle, path: &Path) -> Result<(), String> {
        let index = self.faces.iter().position(|f| f.style == style).ok_or("no such face")?;
        let features = self.faces[index].features.clone();
        self.faces[index] = user_face(path, style, features)?;
        Ok(())
    }

    /// Shape the text faces (not code) with these OpenType features.
    pub fn set_text_features(&mut self, features: &[([u8; 4], u32)]) {
        for face in self.faces.iter_mut().filter(|f| !f.style.mono) {
            face.features = features.to_vec();
            face.shaper_features = shaper_features(features);
        }
    }

    /// Split `text`, meant for `font`, into runs each set in the first face
    /// that has its characters: `font`, then the fallbacks. Characters no
    /// face has stay with `font` (and are reported when shaped).
    pub fn itemize(&self, font: FontId, text: &str) -> Vec<(std::ops::Range<usize>, FontId)> {
        let mut runs: Vec<(std::ops::Range<usize>, FontId)> = Vec::new();
        for (at, c) in text.char_indices() {
            let chosen = if c.is_whitespace() || c.is_control() || self.face(font).covers(c) {
                font
            } else {
                self.fallbacks.iter().copied().find(|f| self.face(*f).covers(c)).unwrap_or(font)
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
    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[id.0 as usize % self.faces.len()]
    }

    /// Every face with its id.
    pub fn faces(&self) -> impl Iterator<Item = (FontId, &Face)> {
        self.faces.iter().enumerate().map(|(i, f)| (FontId(i as u8), f))
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
}
