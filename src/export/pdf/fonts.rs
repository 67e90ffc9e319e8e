//! Subsetting each used face to the glyphs the pages show, and the glyph
//! id mapping the content streams must use.

use std::collections::BTreeMap;

use lopdf::Object;
use printpdf::{Codepoint, FontId as PdfFontId, Op, ParsedFont, PdfDocument, PdfFontHandle, Pt, TextItem};
use subsetter::GlyphRemapper;

use crate::diag::Diagnostic;
use crate::layout::{Node, visit_lines};
use crate::text::{FontBook, FontId};

/// One embedded subset.
pub struct Subset {
    /// The PDF resource id ("F1", …).
    pub resource: PdfFontId,
    /// Old glyph id → id in the subset.
    pub remap: GlyphRemapper,
    /// The font's /BaseFont name ("ABCDEF+Inter-Regular").
    base_font: String,
    /// Advance widths by id in the subset (the CID), in thousandths of an
    /// em to 0.01, as [`write_widths`] puts them in /W.
    cid_widths: Vec<f32>,
}

impl Subset {
    /// The code a glyph of the whole face has in the subset, and its width
    /// as /W gives it.
    pub fn code_and_width(&self, glyph: u16) -> (u16, f32) {
        let code = self.remap.get(glyph).unwrap_or(0);
        (code, self.cid_widths.get(usize::from(code)).copied().unwrap_or(0.0))
    }
}

/// Subset and register every face the drawn nodes use.
pub fn embed(
    doc: &mut PdfDocument,
    surfaces: &[&[Node]],
    book: &FontBook,
) -> Result<BTreeMap<FontId, Subset>, Diagnostic> {
    // A flag per glyph id: cheaper than a set for the thousands of glyphs
    // of a long deck.
    let mut used: BTreeMap<FontId, Vec<bool>> = BTreeMap::new();
    for nodes in surfaces {
        visit_lines(nodes, &mut |line| {
            for run in &line.runs {
                let flags = used.entry(run.font).or_insert_with(|| vec![false; usize::from(u16::MAX) + 1]);
                for glyph in &run.glyphs {
                    flags[usize::from(glyph.id)] = true;
                }
            }
        });
    }
    let mut subsets = BTreeMap::new();
    for (n, (font, flags)) in used.into_iter().enumerate() {
        let face = book.face(font);
        let glyphs: Vec<u16> = (0..=u16::MAX).filter(|&id| flags[usize::from(id)]).collect();
        let remap = GlyphRemapper::new_from_glyphs_sorted(&glyphs);
        let bytes = subsetter::subset(face.data, 0, &remap)
            .map_err(|e| Diagnostic::error(format!("cannot subset font {}: {e}", face.postscript_name)))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| Diagnostic::error(format!("cannot embed font {}", face.postscript_name)))?;
        let base_font = format!("{}+{}", subset_tag(&glyphs, n), face.postscript_name);
        parsed.font_name = Some(base_font.clone());
        // Every glyph of the subset, including the components of composite
        // glyphs that the subsetter adds after the ones asked for.
        let upem = face.units_per_em as f32;
        let count = parsed.glyph_widths.keys().next_back().map_or(0, |last| usize::from(*last) + 1);
        let mut cid_widths = vec![0.0; count];
        for (&gid, &advance) in &parsed.glyph_widths {
            cid_widths[usize::from(gid)] = (f32::from(advance) * 100_000.0 / upem).round() / 100.0;
        }
        let resource = PdfFontId(format!("F{}", n + 1));
        doc.resources.fonts.map.insert(resource.clone(), printpdf::font::PdfFont::new(parsed));
        subsets.insert(font, Subset { resource, remap, base_font, cid_widths });
    }
    Ok(subsets)
}

/// Put each subset's widths in its /W to 0.01 thousandths of an em.
/// printpdf truncates them to whole thousandths, which left nearly every
/// glyph of a line with a small correction in its TJ array (and viewers
/// that ignore TJ corrections, such as text extraction, with drifting
/// positions); with exact widths only kerning needs one.
pub fn write_widths(doc: &mut lopdf::Document, subsets: &BTreeMap<FontId, Subset>) {
    let by_name: BTreeMap<&[u8], &Subset> = subsets.values().map(|s| (s.base_font.as_bytes(), s)).collect();
    for object in doc.objects.values_mut() {
        let Object::Dictionary(font) = object else { continue };
        let is_type0 = font.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Type0");
        let Some(subset) = font.get(b"BaseFont").and_then(Object::as_name).ok().and_then(|n| by_name.get(n)) else {
            continue;
        };
        if !is_type0 {
            continue;
        }
        let widths: Vec<Object> = subset.cid_widths.iter().map(|w| Object::Real(*w)).collect();
        if let Ok(Object::Array(descendants)) = font.get_mut(b"DescendantFonts") {
            for descendant in descendants {
                if let Object::Dictionary(cid_font) = descendant {
                    cid_font.set("W", Object::Array(vec![Object::Integer(0), Object::Array(widths.clone())]));
                }
            }
        }
    }
}

/// Every glyph of every subset shown once, with the text it stands for:
/// printpdf builds each font's /ToUnicode map from the glyphs it sees in
/// a page's operations, and the pages' own content streams are written
/// without it. A glyph shown with several texts keeps the last, as when
/// printpdf saw every page.
pub fn census<'a>(surfaces: &[&'a [Node]], subsets: &BTreeMap<FontId, Subset>) -> Vec<Op> {
    // By font, by code in the subset: the text last shown with it.
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
    let mut ops = Vec::new();
    for (font, glyphs) in texts {
        let Some(subset) = subsets.get(&font) else { continue };
        ops.push(Op::SetFont { font: PdfFontHandle::External(subset.resource.clone()), size: Pt(1.0) });
        let items = (0u16..)
            .zip(glyphs)
            .filter_map(|(code, text)| Some(Codepoint::with_cid(code, 0.0, text?.to_string())))
            .collect();
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(items)] });
    }
    ops
}

/// Six capital letters derived from the glyph set: the same input gives the
/// same tag, so builds are reproducible.
fn subset_tag(glyphs: &[u16], salt: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ salt as u64;
    for g in glyphs {
        hash = (hash ^ *g as u64).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|i| (b'A' + ((hash >> (i * 5)) % 26) as u8) as char).collect()
}
