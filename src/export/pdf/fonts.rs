//! Subsetting each used face to the glyphs the pages show, and the glyph
//! id mapping the content streams must use.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{FontId as PdfFontId, ParsedFont, PdfDocument};
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
    /// Advance widths as printpdf writes them in /W: whole thousandths of an em, truncated.
    pub widths: BTreeMap<u16, f32>,
}

/// Subset and register every face the drawn nodes use.
pub fn embed(
    doc: &mut PdfDocument,
    surfaces: &[&[Node]],
    book: &FontBook,
) -> Result<BTreeMap<FontId, Subset>, Diagnostic> {
    let mut used: BTreeMap<FontId, BTreeSet<u16>> = BTreeMap::new();
    for nodes in surfaces {
        visit_lines(nodes, &mut |line| {
            for run in &line.runs {
                used.entry(run.font).or_default().extend(run.glyphs.iter().map(|g| g.id));
            }
        });
    }
    let mut subsets = BTreeMap::new();
    for (n, (font, glyphs)) in used.into_iter().enumerate() {
        let face = book.face(font);
        let glyphs: Vec<u16> = glyphs.into_iter().collect();
        let remap = GlyphRemapper::new_from_glyphs_sorted(&glyphs);
        let bytes = subsetter::subset(face.data, 0, &remap)
            .map_err(|e| Diagnostic::error(format!("cannot subset font {}: {e}", face.postscript_name)))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| Diagnostic::error(format!("cannot embed font {}", face.postscript_name)))?;
        parsed.font_name = Some(format!("{}+{}", subset_tag(&glyphs, n), face.postscript_name));
        let upem = face.units_per_em as f32;
        let widths = glyphs
            .iter()
            .map(|&old| {
                let new = remap.get(old).unwrap_or(0);
                let w = parsed.get_glyph_width(new).unwrap_or(0);
                (old, (w as f32 * 1000.0 / upem) as i64 as f32)
            })
            .collect();
        let resource = PdfFontId(format!("F{}", n + 1));
        doc.resources.fonts.map.insert(resource.clone(), printpdf::font::PdfFont::new(parsed));
        subsets.insert(font, Subset { resource, remap, widths });
    }
    Ok(subsets)
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
