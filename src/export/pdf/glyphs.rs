//! A run's glyphs in the content stream: each where the shaper put it,
//! measured against the widths the font's /W gives.

use pdf_writer::{Content, Name, Str, TextStr};

use super::fonts::Subset;
use super::paint::{fill_color, round};
use crate::layout::TextRun;

/// One run: its glyphs with TJ offsets that put each glyph exactly where
/// the shaper placed it, measured against the widths written in /W. A
/// glyph no font has (id 0) is shown on its own, marked with its
/// /ActualText so that text extraction still gets the character.
///
/// Right-to-left glyphs stand in visual order, each mapped to its own
/// characters by /ToUnicode, as word processors write them: readers
/// (poppler, pdf.js, Acrobat) put such text back in reading order
/// themselves, and reverse an /ActualText in reading order a second time.
pub fn show(out: &mut Content, height: f32, run: &TextRun, subset: &Subset) {
    out.set_font(Name(subset.resource.as_bytes()), round(run.size));
    fill_color(out, run.color);
    // Where the shaper put each glyph's origin.
    let mut origins = Vec::with_capacity(run.glyphs.len());
    let mut pen = run.x;
    for glyph in &run.glyphs {
        origins.push(pen + glyph.offset_x);
        pen += glyph.advance;
    }
    let mut start = 0;
    while start < run.glyphs.len() {
        let (end, actual) = next_segment(run, start);
        if let Some(text) = actual {
            out.begin_marked_content_with_properties(Name(b"Span")).properties().actual_text(TextStr(text));
        }
        let marked = actual.is_some();
        // Marks raised or lowered by the shaper (Arabic vowels, Thai and
        // Devanagari signs) are shown with the text rise set for them.
        let mut from = start;
        while from < end {
            let rise = run.glyphs[from].offset_y;
            let to = run.glyphs[from..end].iter().position(|g| g.offset_y != rise).map_or(end, |p| from + p);
            if rise != 0.0 {
                out.set_rise(round(rise));
            }
            segment(out, height, run, subset, &origins, from..to);
            if rise != 0.0 {
                out.set_rise(0.0);
            }
            from = to;
        }
        if marked {
            out.end_marked_content();
        }
        start = end;
    }
}

/// Where the segment from glyph `start` ends, and the /ActualText it
/// carries: a glyph no font has alone with its character; in a
/// left-to-right run, a cluster of several glyphs (a Devanagari syllable
/// whose vowel sign is drawn before its consonant) with its text in
/// reading order; otherwise as many plain glyphs as follow.
fn next_segment(run: &TextRun, start: usize) -> (usize, Option<&str>) {
    let glyphs = &run.glyphs;
    let cluster_end =
        |i: usize| glyphs[i..].iter().position(|g| g.cluster != glyphs[i].cluster).map_or(glyphs.len(), |p| i + p);
    if glyphs[start].id == 0 {
        return (start + 1, Some(run.glyph_text(start)));
    }
    let end = cluster_end(start);
    if !run.rtl && end - start > 1 {
        return (end, Some(run.glyph_text(start)));
    }
    let mut i = start;
    while i < glyphs.len() && glyphs[i].id != 0 && (run.rtl || cluster_end(i) - i == 1) {
        i = cluster_end(i);
    }
    (i.max(start + 1), None)
}

/// Where each colour emoji of `run` (set in a Type 3 `subset` of
/// `bitmaps`) is drawn: its picture's resource name and the matrix that
/// places the picture's unit square.
pub fn pictures(
    height: f32,
    run: &TextRun,
    subset: &Subset,
    bitmaps: &[Option<super::bitmaps::Bitmap>],
) -> Vec<(String, [f32; 6])> {
    let per_unit = run.size / 1000.0;
    let baseline = height - run.y;
    let mut pen = run.x;
    let mut out = Vec::new();
    for glyph in &run.glyphs {
        let (code, _) = subset.code_and_width(glyph.id);
        if let Some(Some(bitmap)) = bitmaps.get(usize::from(code)) {
            let [x, y, w, h] = bitmap.place.map(|v| v * per_unit);
            let (left, bottom) = (pen + glyph.offset_x + x, baseline + glyph.offset_y + y);
            out.push((super::bitmaps::picture_name(&subset.resource, code), [w, 0.0, 0.0, h, left, bottom]));
        }
        pen += glyph.advance;
    }
    out
}

/// The largest gap, in thousandths of an em, left between where the viewer
/// draws a glyph and where the shaper put it (0.0022 pt at 44 pt).
const DRIFT: f32 = 0.05;

/// Glyphs `range` of a run, from the origin of the first.
fn segment(
    out: &mut Content,
    height: f32,
    run: &TextRun,
    subset: &Subset,
    origins: &[f32],
    range: std::ops::Range<usize>,
) {
    let per_unit = run.size / 1000.0;
    let first = origins[range.start];
    let mut pen = first; // where the viewer will draw the next glyph
    out.set_text_matrix([1.0, 0.0, 0.0, 1.0, round(first), round(height - run.y)]);
    let mut shown = out.show_positioned();
    let mut items = shown.items();
    // Two-byte codes without a correction between them share one string.
    let mut codes = Vec::with_capacity(range.len() * 2);
    for i in range.clone() {
        let glyph = run.glyphs[i];
        let (code, width) = subset.code_and_width(glyph.id);
        pen += width * per_unit;
        // Kerning needs a correction; the widths' rounding to 0.01 does not
        // until it adds up to DRIFT (the pen keeps the viewer's position, so
        // the error never grows past it).
        let gap = origins.get(i + 1).filter(|_| i + 1 < range.end).map_or(0.0, |next_at| (pen - next_at) / per_unit);
        let offset = if gap.abs() >= DRIFT { (gap * 100.0).round() / 100.0 } else { 0.0 };
        pen -= offset * per_unit;
        // TJ numbers move the pen back: a positive one moves the next glyph left.
        // A Type 3 font (colour emoji) takes one-byte codes.
        if subset.bitmaps.is_some() {
            codes.push(code as u8);
        } else {
            codes.extend_from_slice(&code.to_be_bytes());
        }
        if offset != 0.0 {
            items.show(Str(&codes));
            items.adjust(offset);
            codes.clear();
        }
    }
    if !codes.is_empty() {
        items.show(Str(&codes));
    }
}
