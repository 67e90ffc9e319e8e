//! Each used face subset to the glyphs the pages show and written as a
//! composite (Type0) font: the subset file, its exact widths, a descriptor
//! and a /ToUnicode map from the texts layout shaped, so that text copied
//! or extracted from the PDF reads as it was written.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Name, Rect, Ref, Str};
use read_fonts::collections::IntSet;
use subsetter::GlyphRemapper;

use super::deflate::Deflated;
use super::file::Objects;
use crate::fingerprint::{FNV_OFFSET, fnv1a};

use crate::diag::Diagnostic;
use crate::layout::{Node, TextRun, visit_lines};
use crate::text::{FontBook, FontId};

/// One embedded subset.
pub struct Subset {
    /// The PDF resource name ("F1", …).
    pub resource: String,
    /// Old glyph id → id in the subset.
    remap: GlyphRemapper,
    /// The font's /BaseFont name ("ABCDEF+Inter-Regular").
    pub base_font: String,
    /// Advance widths by id in the subset (the CID), in thousandths of an
    /// em to 0.01, as /W gives them.
    cid_widths: Vec<f32>,
    /// The subset font file (taken out to be compressed): a TrueType
    /// font, or for CFF outlines the bare CFF program.
    pub file: Vec<u8>,
    /// The outlines are CFF (PostScript): a CIDFontType0 with /FontFile3.
    cff: bool,
    /// The glyphs are colour pictures (emoji): a Type 3 font drawing
    /// these, by code, with one-byte codes.
    pub bitmaps: Option<Vec<Option<super::bitmaps::Bitmap>>>,
}

impl Subset {
    /// The code a glyph of the whole face has in the subset, and its width
    /// as /W gives it.
    pub fn code_and_width(&self, glyph: u16) -> (u16, f32) {
        let code = self.remap.get(glyph).unwrap_or(0);
        (code, self.cid_widths.get(usize::from(code)).copied().unwrap_or(0.0))
    }

    /// Each code's advance in thousandths of an em, as /W or /Widths give it.
    pub fn widths(&self) -> &[f32] {
        &self.cid_widths
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
        if face.colour_bitmaps() {
            if glyphs.len() > 254 {
                return Err(cannot(&"a deck may show at most 254 different colour emoji"));
            }
            // By code: .notdef, then the glyphs in order, as the remapper numbers them.
            let mut by_code: Vec<u16> = glyphs.iter().copied().filter(|g| *g != 0).collect();
            by_code.insert(0, 0);
            let cid_widths = face_widths(face, &by_code).ok_or_else(|| cannot(&"no widths"))?;
            let bitmaps = super::bitmaps::pictures(face, &by_code).map_err(|e| cannot(&e))?;
            let base_font = format!("{}+{}", subset_tag(&glyphs, n), face.postscript_name);
            let resource = format!("F{}", n + 1);
            let subset =
                Subset { resource, remap, base_font, cid_widths, file: Vec::new(), cff: false, bitmaps: Some(bitmaps) };
            subsets.insert(font, subset);
            continue;
        }
        let file = subsetter::subset(face.data(), face.index(), &remap).map_err(|e| cannot(&e))?;
        let cid_widths = widths(&file).ok_or_else(|| cannot(&"the subset does not parse"))?;
        let base_font = format!("{}+{}", subset_tag(&glyphs, n), face.postscript_name);
        // A CFF font is embedded as its CFF program alone (/FontFile3
        // /CIDFontType0C): the subsetter makes it CID-keyed, CID = glyph.
        let cff = cff_program(&file);
        let cff_flag = cff.is_some();
        let file = cff.unwrap_or(file);
        let subset = Subset {
            resource: format!("F{}", n + 1),
            remap,
            base_font,
            cid_widths,
            file,
            cff: cff_flag,
            bitmaps: None,
        };
        subsets.insert(font, subset);
    }
    Ok(subsets)
}

/// The advances of `glyphs` in the whole face, in thousandths of an em.
fn face_widths(face: &crate::text::Face, glyphs: &[u16]) -> Option<Vec<f32>> {
    use read_fonts::TableProvider;
    let font = read_fonts::FontRef::from_index(face.data(), face.index()).ok()?;
    let upem = f32::from(font.head().ok()?.units_per_em());
    let hmtx = font.hmtx().ok()?;
    let advance = |id: u16| hmtx.advance(read_fonts::types::GlyphId::new(u32::from(id))).unwrap_or(0);
    Some(glyphs.iter().map(|&id| (f32::from(advance(id)) * 100_000.0 / upem).round() / 100.0).collect())
}

/// The `CFF ` table of a subset font, when its outlines are CFF.
fn cff_program(file: &[u8]) -> Option<Vec<u8>> {
    let font = read_fonts::FontRef::new(file).ok()?;
    font.table_data(read_fonts::types::Tag::new(b"CFF ")).map(|data| data.as_bytes().to_vec())
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

/// Write a subset's font objects, with its `file` and its /ToUnicode
/// `cmap` compressed; returns the font dictionary's reference.
pub fn write(
    objects: &mut Objects,
    subset: &Subset,
    face: &crate::text::Face,
    file: &Deflated,
    cmap: &Deflated,
) -> Ref {
    let [type0, cid, descriptor, file_id, cmap_id] = [(); 5].map(|_| objects.alloc());
    let metrics = face.metrics();
    let thousandths = |em: f32| (em * 1000.0).round();
    let base_font = Name(subset.base_font.as_bytes());
    // A Type0 font over a CIDFontType0 is named with its encoding.
    let type0_name = format!("{}-Identity-H", subset.base_font);
    let type0_font = if subset.cff { Name(type0_name.as_bytes()) } else { base_font };
    if subset.cff {
        objects.stream(file_id, file).pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        objects.stream(file_id, file).pair(Name(b"Length1"), subset.file.len() as i32);
    }
    objects.stream(cmap_id, cmap);
    // Nonsymbolic: the glyphs are Latin-text ones; fixed pitch and italic
    // as the face says.
    let mut flags = FontFlags::NON_SYMBOLIC;
    flags.set(FontFlags::FIXED_PITCH, metrics.monospaced);
    flags.set(FontFlags::ITALIC, metrics.italic_angle != 0.0);
    let [left, bottom, right, top] = metrics.bbox.map(thousandths);
    let mut described = objects.small(descriptor).font_descriptor(descriptor);
    described
        .name(base_font)
        .flags(flags)
        .bbox(Rect::new(left, bottom, right, top))
        .italic_angle(metrics.italic_angle)
        .ascent(thousandths(face.ascender))
        .descent(thousandths(face.descender))
        .cap_height(thousandths(metrics.cap_height))
        // Not in the font file; 80 is the usual stand-in for a regular weight.
        .stem_v(if face.style.bold { 140.0 } else { 80.0 });
    if subset.cff {
        described.font_file3(file_id);
    } else {
        described.font_file2(file_id);
    }
    drop(described);
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };
    {
        let mut font = objects.small(cid).cid_font(cid);
        font.subtype(if subset.cff { CidFontType::Type0 } else { CidFontType::Type2 })
            .base_font(base_font)
            .system_info(system)
            .font_descriptor(descriptor);
        if !subset.cff {
            font.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        font.widths().consecutive(0, subset.cid_widths.iter().copied());
    }
    objects
        .small(type0)
        .type0_font(type0)
        .base_font(type0_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_id);
    type0
}

/// Each subset's /ToUnicode map, in the order of `subsets`.
pub fn unicode_maps(surfaces: &[&[Node]], subsets: &BTreeMap<FontId, Subset>, book: &FontBook) -> Vec<Vec<u8>> {
    let mut texts = unicode_texts(surfaces, subsets, book);
    subsets
        .iter()
        .map(|(font, subset)| {
            let texts = texts.remove(font).unwrap_or_default();
            if subset.bitmaps.is_some() { to_unicode_bytes(&texts) } else { to_unicode(&texts) }
        })
        .collect()
}

/// By font, by code in the subset: the text each glyph stands for, the
/// last one shown with it when several are.
fn unicode_texts<'a>(
    surfaces: &[&'a [Node]],
    subsets: &BTreeMap<FontId, Subset>,
    book: &FontBook,
) -> BTreeMap<FontId, Vec<Option<Cow<'a, str>>>> {
    let mut texts: BTreeMap<FontId, Vec<Option<Cow<'a, str>>>> = BTreeMap::new();
    for nodes in surfaces {
        visit_lines(nodes, &mut |line| {
            for run in &line.runs {
                let Some(subset) = subsets.get(&run.font) else { continue };
                let texts = texts.entry(run.font).or_insert_with(|| vec![None; subset.cid_widths.len().max(1)]);
                for (i, text) in glyph_texts(run, book.face(run.font)).into_iter().enumerate() {
                    // A glyph no font has shows its text through /ActualText instead.
                    let glyph = run.glyphs[i];
                    let text = if glyph.id == 0 { Cow::Borrowed("") } else { text };
                    if let Some(slot) = texts.get_mut(usize::from(subset.code_and_width(glyph.id).0)) {
                        *slot = Some(text);
                    }
                }
            }
        });
    }
    texts
}

/// The text each glyph of `run` stands for. A cluster of one glyph has its
/// text; in a cluster of several (a base with its marks, a conjunct), each
/// glyph that is a character's own glyph gets that character, and the
/// rest of the cluster's text goes to its first other glyph, so that a
/// mark shared by many words does not carry one word's letter with it.
fn glyph_texts<'a>(run: &'a TextRun, face: &crate::text::Face) -> Vec<Cow<'a, str>> {
    let mut out: Vec<Cow<'a, str>> = (0..run.glyphs.len()).map(|i| Cow::Borrowed(run.glyph_text(i))).collect();
    let mut i = 0;
    while i < run.glyphs.len() {
        let cluster = run.glyphs[i].cluster;
        let end = run.glyphs[i..].iter().position(|g| g.cluster != cluster).map_or(run.glyphs.len(), |p| i + p);
        if end - i > 1 {
            let text = run.glyph_text(i);
            let mut taken = vec![false; text.len()];
            let mut own: Vec<Option<&'a str>> = vec![None; end - i];
            for (k, glyph) in run.glyphs[i..end].iter().enumerate() {
                let found = text.char_indices().find(|(at, c)| !taken[*at] && face.glyph_of(*c) == Some(glyph.id));
                if let Some((at, c)) = found {
                    taken[at] = true;
                    own[k] = text.get(at..at + c.len_utf8());
                }
            }
            let rest: String = text.char_indices().filter(|(at, _)| !taken[*at]).map(|(_, c)| c).collect();
            let first_other = own.iter().position(Option::is_none);
            for (k, slot) in out[i..end].iter_mut().enumerate() {
                *slot = match own[k] {
                    Some(c) => Cow::Borrowed(c),
                    None if Some(k) == first_other => Cow::Owned(rest.clone()),
                    None => Cow::Borrowed(""),
                };
            }
        }
        i = end;
    }
    if run.rtl {
        // Readers put right-to-left text back in reading order by reversing
        // it, a ligature's characters (lam-alef) with the rest: they are
        // written reversed so that the reversal restores them.
        for text in &mut out {
            if text.chars().nth(1).is_some() {
                *text = Cow::Owned(text.chars().rev().collect());
            }
        }
    }
    out
}

/// A /ToUnicode CMap: each code with a text to its UTF-16 text.
fn to_unicode(texts: &[Option<Cow<str>>]) -> Vec<u8> {
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 };
    let mut cmap = UnicodeCmap::<u16>::new(Name(b"Adobe-Identity-UCS"), system);
    for (code, text) in (0u16..).zip(texts) {
        if let Some(text) = text.as_ref().filter(|t| !t.is_empty()) {
            cmap.pair_with_multiple(code, text.chars());
        }
    }
    cmap.finish().into_vec()
}

/// A /ToUnicode CMap for one-byte codes (a Type 3 font's).
fn to_unicode_bytes(texts: &[Option<Cow<str>>]) -> Vec<u8> {
    let system = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 };
    let mut cmap = UnicodeCmap::<u8>::new(Name(b"Adobe-Identity-UCS"), system);
    for (code, text) in (0u8..=255).zip(texts) {
        if let Some(text) = text.as_ref().filter(|t| !t.is_empty()) {
            cmap.pair_with_multiple(code, text.chars());
        }
    }
    cmap.finish().into_vec()
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
        let mut texts: Vec<Option<Cow<str>>> =
            [None, Some("A"), Some(""), Some("fi"), Some("\u{1F600}")].map(|t| t.map(Cow::Borrowed)).to_vec();
        texts.extend((0..150).map(|_| Some(Cow::Borrowed("x"))));
        let map = String::from_utf8(to_unicode(&texts)).unwrap();
        assert!(map.contains("100 beginbfchar\n<0001> <0041>\n<0003> <00660069>\n<0004> <D83DDE00>\n"), "{map}");
        assert!(map.contains("\n53 beginbfchar\n"), "{map}");
        // The codespace range names <0000> too; the entries follow it.
        let entries = map.split_once("endcodespacerange\n").expect("a codespace range").1;
        assert!(!entries.contains("<0000> <"), "code 0 has no text: {map}");
        assert!(!entries.contains("<0002> <"), "an empty text is left out: {map}");
    }
}
