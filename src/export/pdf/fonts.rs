//! Each used face subset to the glyphs the pages show and written as a
//! composite (Type0) font: the subset file, its exact widths, a descriptor
//! and a /ToUnicode map from the texts layout shaped, so that text copied
//! or extracted from the PDF reads as it was written.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};
use read_fonts::collections::IntSet;
use subsetter::GlyphRemapper;

use super::content::{push_hex, push_int, push_utf16_hex};
use super::serialize::{FNV_OFFSET, fnv1a};

use crate::diag::Diagnostic;
use crate::layout::{Node, visit_lines};
use crate::text::{FontBook, FontId};

/// One embedded subset.
pub struct Subset {
    /// The PDF resource name ("F1", …).
    pub resource: String,
    /// Old glyph id → id in the subset.
    remap: GlyphRemapper,
    /// The font's /BaseFont name ("ABCDEF+Inter-Regular").
    base_font: String,
    /// Advance widths by id in the subset (the CID), in thousandths of an
    /// em to 0.01, as /W gives them.
    cid_widths: Vec<f32>,
    /// The subset font file.
    file: Vec<u8>,
}

impl Subset {
    /// The code a glyph of the whole face has in the subset, and its width
    /// as /W gives it.
    pub fn code_and_width(&self, glyph: u16) -> (u16, f32) {
        let code = self.remap.get(glyph).unwrap_or(0);
        (code, self.cid_widths.get(usize::from(code)).copied().unwrap_or(0.0))
    }
}

/// Subset every face the drawn nodes use.
pub fn subset_all(surfaces: &[&[Node]], book: &FontBook) -> Result<BTreeMap<FontId, Subset>, Diagnostic> {
    // A bit set per face, as the HTML export keeps them: cheaper than a
    // tree for the thousands of glyphs of a long deck.
    let mut used: BTreeMap<FontId, IntSet<u16>> = BTreeMap::new();
    for nodes in surfaces {
        visit_lines(nodes, &mut |line| {
            for run in &line.runs {
                used.entry(run.font).or_default().extend_unsorted(run.glyphs.iter().map(|g| g.id));
            }
        });
    }
    let mut subsets = BTreeMap::new();
    for (n, (font, used)) in used.into_iter().enumerate() {
        let face = book.face(font);
        let glyphs: Vec<u16> = used.iter().collect();
        let remap = GlyphRemapper::new_from_glyphs_sorted(&glyphs);
        let cannot =
            |e: &dyn std::fmt::Display| Diagnostic::error(format!("cannot subset font {}: {e}", face.postscript_name));
        let file = subsetter::subset(face.data(), 0, &remap).map_err(|e| cannot(&e))?;
        let cid_widths = widths(&file).ok_or_else(|| cannot(&"the subset does not parse"))?;
        let base_font = format!("{}+{}", subset_tag(&glyphs, n), face.postscript_name);
        subsets.insert(font, Subset { resource: format!("F{}", n + 1), remap, base_font, cid_widths, file });
    }
    Ok(subsets)
}

/// Every glyph's advance in the subset `file`, including the components
/// of composite glyphs that the subsetter adds after the ones asked for,
/// in thousandths of an em to 0.01.
fn widths(file: &[u8]) -> Option<Vec<f32>> {
    use read_fonts::TableProvider;
    let font = read_fonts::FontRef::new(file).ok()?;
    let upem = f32::from(font.head().ok()?.units_per_em());
    let glyphs = font.maxp().ok()?.num_glyphs();
    let hmtx = font.hmtx().ok()?;
    let advance = |id: u16| hmtx.advance(read_fonts::types::GlyphId::new(u32::from(id))).unwrap_or(0);
    Some((0..glyphs).map(|id| (f32::from(advance(id)) * 100_000.0 / upem).round() / 100.0).collect())
}

/// Write every subset's font objects into `doc`; returns the /Font
/// resource dictionary naming them.
pub fn write(
    doc: &mut Document,
    surfaces: &[&[Node]],
    subsets: BTreeMap<FontId, Subset>,
    book: &FontBook,
) -> Dictionary {
    let mut texts = unicode_texts(surfaces, &subsets);
    let mut resources = Dictionary::new();
    for (font, subset) in subsets {
        let face = book.face(font);
        let metrics = face.metrics();
        let thousandths = |em: f32| Object::Integer((em * 1000.0).round() as i64);
        let base_font = Object::from(subset.base_font.as_str());
        let length = Dictionary::from_iter([("Length1", Object::Integer(subset.file.len() as i64))]);
        let file = doc.add_object(Stream::new(length, subset.file));
        // Nonsymbolic (32): the glyphs are Latin-text ones; fixed pitch (1)
        // and italic (64) as the face says.
        let flags = 32 | i64::from(metrics.monospaced) | if metrics.italic_angle != 0.0 { 64 } else { 0 };
        let descriptor = doc.add_object(Dictionary::from_iter([
            ("Type", "FontDescriptor".into()),
            ("FontName", base_font.clone()),
            ("Flags", Object::Integer(flags)),
            ("FontBBox", Object::Array(metrics.bbox.iter().map(|&v| thousandths(v)).collect())),
            ("ItalicAngle", Object::Real(metrics.italic_angle)),
            ("Ascent", thousandths(face.ascender)),
            ("Descent", thousandths(face.descender)),
            ("CapHeight", thousandths(metrics.cap_height)),
            // Not in the font file; 80 is the usual stand-in for a regular weight.
            ("StemV", Object::Integer(if face.style.bold { 140 } else { 80 })),
            ("FontFile2", Object::Reference(file)),
        ]));
        let widths = subset.cid_widths.iter().map(|&w| Object::Real(w)).collect();
        let cid_font = Dictionary::from_iter([
            ("Type", "Font".into()),
            ("Subtype", "CIDFontType2".into()),
            ("BaseFont", base_font.clone()),
            (
                "CIDSystemInfo",
                Object::Dictionary(Dictionary::from_iter([
                    ("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal)),
                    ("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal)),
                    ("Supplement", Object::Integer(0)),
                ])),
            ),
            ("FontDescriptor", Object::Reference(descriptor)),
            ("CIDToGIDMap", "Identity".into()),
            ("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)])),
        ]);
        let map = to_unicode(&texts.remove(&font).unwrap_or_default());
        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), map));
        let type0 = doc.add_object(Dictionary::from_iter([
            ("Type", "Font".into()),
            ("Subtype", "Type0".into()),
            ("BaseFont", base_font),
            ("Encoding", "Identity-H".into()),
            ("DescendantFonts", Object::Array(vec![Object::Dictionary(cid_font)])),
            ("ToUnicode", Object::Reference(to_unicode)),
        ]));
        resources.set(subset.resource.as_bytes(), Object::Reference(type0));
    }
    resources
}

/// By font, by code in the subset: the text each glyph stands for, the
/// last one shown with it when several are.
fn unicode_texts<'a>(
    surfaces: &[&'a [Node]],
    subsets: &BTreeMap<FontId, Subset>,
) -> BTreeMap<FontId, Vec<Option<&'a str>>> {
    let mut texts: BTreeMap<FontId, Vec<Option<&'a str>>> = BTreeMap::new();
    for nodes in surfaces {
        visit_lines(nodes, &mut |line| {
            for run in &line.runs {
                let Some(subset) = subsets.get(&run.font) else { continue };
                let texts = texts.entry(run.font).or_insert_with(|| vec![None; subset.cid_widths.len().max(1)]);
                for (i, glyph) in run.glyphs.iter().enumerate() {
                    // A glyph no font has shows its text through /ActualText instead.
                    let text = if glyph.id == 0 { "" } else { super::page::glyph_text(run, i) };
                    if let Some(slot) = texts.get_mut(usize::from(subset.code_and_width(glyph.id).0)) {
                        *slot = Some(text);
                    }
                }
            }
        });
    }
    texts
}

/// A /ToUnicode CMap: each code with a text to its UTF-16 text.
fn to_unicode(texts: &[Option<&str>]) -> Vec<u8> {
    let pairs: Vec<(u16, &str)> =
        (0u16..).zip(texts).filter_map(|(code, text)| Some((code, (*text)?)).filter(|(_, t)| !t.is_empty())).collect();
    let mut out = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        .to_vec();
    // At most 100 entries a block (PDF 32000-1, 9.10.3).
    for block in pairs.chunks(100) {
        push_int(&mut out, block.len() as i64);
        out.extend_from_slice(b" beginbfchar\n");
        for (code, text) in block {
            out.push(b'<');
            push_hex(&mut out, &code.to_be_bytes());
            out.extend_from_slice(b"> <");
            push_utf16_hex(&mut out, text);
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

/// Six capital letters derived from the glyph set: the same input gives the
/// same tag, so builds are reproducible.
fn subset_tag(glyphs: &[u16], salt: usize) -> String {
    let hash = glyphs.iter().fold(FNV_OFFSET ^ salt as u64, |h, &g| fnv1a(h, u64::from(g)));
    (0..6).map(|i| (b'A' + ((hash >> (i * 5)) % 26) as u8) as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unicode_map_gives_each_code_its_text_in_blocks_of_a_hundred() {
        let mut texts = vec![None, Some("A"), Some(""), Some("fi"), Some("\u{1F600}")];
        texts.extend((0..150).map(|_| Some("x")));
        let map = String::from_utf8(to_unicode(&texts)).unwrap();
        assert!(map.contains("100 beginbfchar\n<0001> <0041>\n<0003> <00660069>\n<0004> <D83DDE00>\n"), "{map}");
        assert!(map.contains("\n53 beginbfchar\n"), "{map}");
        // The codespace range names <0000> too; the entries follow it.
        let entries = map.split_once("endcodespacerange\n").expect("a codespace range").1;
        assert!(!entries.contains("<0000> <"), "code 0 has no text: {map}");
        assert!(!entries.contains("<0002> <"), "an empty text is left out: {map}");
    }
}
