//! The faces the HTML shows, each cut down to what its pages need. Unlike
//! the PDF's subsets these stay usable web fonts: the browser shapes the
//! text itself, so cmap, GSUB, GPOS and GDEF are kept, pruned to the glyphs
//! of the characters and the glyphs our shaper chose for them (ligatures,
//! contextual alternates, cv05, cv08). The browser shapes the same runs
//! with the same features, so it needs no glyph beyond those: the subset
//! skips the layout closure (every glyph any kept lookup could produce),
//! which was a fifth of the HTML export's time.

use std::collections::BTreeMap;

use read_fonts::FontRef;
use read_fonts::collections::IntSet;
use read_fonts::types::{GlyphId, NameId, Tag};
use skera::{DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES, Plan, SubsetFlags, subset_font};

use crate::layout::Page;
use crate::text::{Face, FontId};

/// What the pages set in one face: characters for the browser's cmap
/// lookups, and the glyphs our own shaper chose. Bit sets, the subsetter's
/// own type: a deck sets each of a few hundred characters thousands of
/// times.
#[derive(Default)]
pub struct Usage {
    /// Every character of every run in the face.
    pub chars: IntSet<u32>,
    /// Glyph ids layout shaped those runs to.
    pub glyphs: IntSet<GlyphId>,
}

/// What each used face shows over all `pages`.
pub fn usage(pages: &[Page]) -> BTreeMap<FontId, Usage> {
    let mut used: BTreeMap<FontId, Usage> = BTreeMap::new();
    for page in pages {
        page.visit_lines(&mut |line| {
            for run in &line.runs {
                let entry = used.entry(run.font).or_default();
                entry.chars.extend_unsorted(run.text.chars().map(u32::from));
                entry.glyphs.extend_unsorted(run.glyphs.iter().map(|g| GlyphId::new(u32::from(g.id))));
            }
        });
    }
    used
}

/// The font file to embed for `face`: a subset covering `usage`, or the
/// whole file when the subsetter cannot handle it (a user's fallback font
/// in a format it does not know still shows correctly, only larger). A
/// panic inside the subsetter on a malformed user font counts as that too
/// rather than ending the build.
pub fn font_file(face: &Face, usage: &Usage) -> Vec<u8> {
    let cut = || {
        if face.is_cff() {
            super::cff_webfont::cut(face, usage)
        } else {
            // The browser shapes Arabic and Indic text through intermediate
            // glyphs (joining forms, half forms) that our shaper's result
            // does not show: faces other than the built-in Latin ones keep
            // every glyph a kept lookup can produce.
            let closure = face.path.is_some();
            subset(face.data(), face.index(), usage, &face.features, closure)
        }
    };
    // Nothing outlives a failed call: only its result is used.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(cut)).ok().flatten().unwrap_or_else(|| face.data().to_vec())
}

fn subset(data: &[u8], index: u32, usage: &Usage, features: &[([u8; 4], u32)], closure: bool) -> Option<Vec<u8>> {
    let font = FontRef::from_index(data, index).ok()?;
    if cff_outlines(&font) {
        return None;
    }
    let drop_tables: IntSet<Tag> = DEFAULT_DROP_TABLES.iter().copied().collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    // The browser applies its default features plus the ones the CSS turns on.
    let mut layout_features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    layout_features.extend(features.iter().map(|(tag, _)| Tag::new(tag)));
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::from(0)..=NameId::from(6));
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let plan = Plan::new(
        &usage.glyphs,
        &usage.chars,
        &font,
        // Without the closure, a substitution whose result is not kept is
        // pruned with it: in a context layout never shaped, the browser
        // keeps the glyph it had.
        if closure { SubsetFlags::SUBSET_FLAGS_DEFAULT } else { SubsetFlags::SUBSET_FLAGS_NO_LAYOUT_CLOSURE },
        &drop_tables,
        &scripts,
        &layout_features,
        &name_ids,
        &languages,
    );
    subset_font(&font, &plan).ok()
}

/// Whether the outlines are CFF or CFF2: skera 0.9 subsets neither (it
/// has no CFF table subsetter and leaves the table out), so such a font
/// is cut by cff_webfont.rs instead, or goes whole rather than without its
/// outlines.
fn cff_outlines(font: &FontRef) -> bool {
    [*b"CFF ", *b"CFF2"].into_iter().any(|tag| font.table_data(Tag::new(&tag)).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    const INTER: &[u8] = include_bytes!("../../../fonts/Inter-Regular.ttf");

    #[test]
    fn a_face_is_cut_down_to_what_is_used() {
        let usage = Usage { chars: "Il".chars().map(u32::from).collect(), glyphs: IntSet::empty() };
        let cut = subset(INTER, 0, &usage, &[(*b"cv05", 1), (*b"cv08", 1)], false).expect("Inter subsets");
        assert!(cut.len() * 20 < INTER.len(), "{} bytes of {}", cut.len(), INTER.len());
        let face = ttf_parser::Face::parse(&cut, 0).expect("the subset parses");
        assert!(face.glyph_index('I').is_some() && face.glyph_index('l').is_some());
        assert!(face.glyph_index('x').is_none());
    }

    #[test]
    fn a_font_with_cff_outlines_is_not_subset() {
        // An OpenType table directory ("OTTO") with one table, `CFF `.
        let mut otf = b"OTTO".to_vec();
        otf.extend([0, 1, 0, 16, 0, 0, 0, 0]);
        otf.extend(b"CFF ");
        otf.extend([0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 4]);
        otf.extend([1, 0, 4, 1]);
        let font = FontRef::new(&otf).expect("a table directory");
        assert!(cff_outlines(&font));
        assert!(subset(&otf, 0, &Usage::default(), &[], false).is_none(), "left whole");
        assert!(!cff_outlines(&FontRef::new(INTER).expect("Inter")));
    }

    #[test]
    fn what_is_not_a_font_is_not_subset() {
        assert!(subset(b"not a font", 0, &Usage::default(), &[], false).is_none());
    }
}
