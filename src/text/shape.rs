//! Shaping one run of text in one face and size.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use harfrust::{Buffer, Direction, Script, ShapeOptions, ShapePlan, ShaperFont};

use super::{Face, FontBook, FontId};

/// One positioned glyph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Glyph id in its face.
    pub id: u16,
    /// Byte offset of the first character it shows, in the shaped text.
    pub cluster: usize,
    /// Pen advance, pt.
    pub advance: f32,
    /// Horizontal displacement from the pen position, pt.
    pub offset_x: f32,
    /// Vertical displacement (up), pt.
    pub offset_y: f32,
}

/// The result of shaping.
#[derive(Debug, Clone, PartialEq)]
pub struct Shaped {
    /// Glyphs in visual (left-to-right) order.
    pub glyphs: Vec<Glyph>,
    /// Characters the face has no glyph for.
    pub missing: Vec<char>,
}

impl Shaped {
    /// Total advance, pt.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// Shape `text` in `font` at `size` pt with the face's features, left to
/// right or, when `rtl`, right to left (glyphs still come in visual order).
///
/// Shaping does not depend on the size (no hinting), so results are kept
/// per face and text in font units and scaled here: a paragraph measured
/// at several sizes (titles stepping down, shrink steps) is shaped once.
pub fn shape(book: &FontBook, font: FontId, size: f32, text: &str, rtl: bool) -> Shaped {
    let face = book.face(font);
    let units = cached(face, text, rtl);
    let scale = size / face.units_per_em as f32;
    let glyphs = units
        .glyphs
        .iter()
        .map(|g| Glyph {
            id: g.id,
            cluster: g.cluster as usize,
            advance: g.advance as f32 * scale,
            offset_x: g.offset_x as f32 * scale,
            offset_y: g.offset_y as f32 * scale,
        })
        .collect();
    Shaped { glyphs, missing: units.missing.clone() }
}

/// A shaping result in font units.
struct Units {
    glyphs: Vec<UnitGlyph>,
    missing: Vec<char>,
}

struct UnitGlyph {
    id: u16,
    cluster: u32,
    advance: i32,
    offset_x: i32,
    offset_y: i32,
}

/// Cached results and shape plans stop growing past this many entries.
const CACHE_LIMIT: usize = 100_000;

/// What a shape plan depends on besides the face's features.
type PlanKey = (FaceKey, Direction, Option<Script>);

thread_local! {
    static SHAPED: RefCell<HashMap<(FaceKey, bool, String), Rc<Units>>> = RefCell::new(HashMap::new());
    static PLANS: RefCell<HashMap<PlanKey, Rc<ShapePlan>>> = RefCell::new(HashMap::new());
}

/// Forget this thread's shaping results and plans: for benchmarks that
/// time shaping itself rather than the cache.
pub fn clear_cache() {
    SHAPED.with(|c| c.borrow_mut().clear());
    PLANS.with(|p| p.borrow_mut().clear());
}

/// A face as shaped: its font file's content key (an edited font file is
/// a new key) and a digest of its features (a theme may change them).
type FaceKey = (u64, u64);

fn key(face: &Face) -> FaceKey {
    let features = face.features.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, (tag, on)| {
        (h ^ (u64::from(u32::from_be_bytes(*tag)) << 1 | u64::from(*on))).wrapping_mul(0x0100_0000_01b3)
    });
    (face.content, features)
}

fn cached(face: &Face, text: &str, rtl: bool) -> Rc<Units> {
    let key = (key(face), rtl, text.to_string());
    if let Some(hit) = SHAPED.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let units = Rc::new(shape_units(face, text, rtl));
    SHAPED.with(|c| insert_bounded(&mut c.borrow_mut(), key, units.clone()));
    units
}

/// Insert into a cache, emptying it first when it has grown past
/// [`CACHE_LIMIT`] (a long `serve` session must not grow without end).
fn insert_bounded<K: std::hash::Hash + Eq, V>(cache: &mut HashMap<K, V>, key: K, value: V) {
    if cache.len() >= CACHE_LIMIT {
        cache.clear();
    }
    cache.insert(key, value);
}

fn shape_units(face: &Face, text: &str, rtl: bool) -> Units {
    let missing = text.chars().filter(|c| !c.is_control() && !face.covers(*c)).collect();
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    // The paragraph's bidi levels decide, not the first letter: digits in
    // Arabic text are a left-to-right run.
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    let (direction, script) = (buffer.direction(), buffer.script());
    let plan_key = (key(face), direction, script);
    let plan = PLANS.with(|p| p.borrow().get(&plan_key).cloned()).unwrap_or_else(|| {
        let plan = Rc::new(ShapePlan::new(&face.shaper, direction, script, None, &face.shaper_features));
        PLANS.with(|p| insert_bounded(&mut p.borrow_mut(), plan_key, plan.clone()));
        plan
    });
    let options = ShapeOptions::new().plan(Some(&plan)).features(&face.shaper_features);
    // The plan was made for this buffer's direction and script, and the
    // buffer holds text: shaping cannot fail; if it ever did, the text
    // would show as missing glyphs rather than stop the build.
    if harfrust::shape(&ShaperFont::new(&face.shaper), &mut buffer, options).is_err() {
        return Units { glyphs: Vec::new(), missing: text.chars().filter(|c| !c.is_control()).collect() };
    }
    let output = buffer;
    let glyphs = output
        .glyph_infos()
        .iter()
        .zip(output.glyph_positions())
        .map(|(info, pos)| UnitGlyph {
            id: info.glyph_id as u16,
            cluster: info.cluster,
            advance: pos.x_advance,
            offset_x: pos.x_offset,
            offset_y: pos.y_offset,
        })
        .collect();
    Units { glyphs, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_tightens_pairs() {
        let book = FontBook::builtin();
        let av = shape(&book, FontId(0), 100.0, "AV", false).width();
        let a = shape(&book, FontId(0), 100.0, "A", false).width();
        let v = shape(&book, FontId(0), 100.0, "V", false).width();
        assert!(av < a + v - 1.0, "AV {av} vs A+V {}", a + v);
    }

    #[test]
    fn reports_missing_characters() {
        let book = FontBook::builtin();
        assert_eq!(shape(&book, FontId(0), 10.0, "a\u{0627}b", false).missing, vec!['\u{0627}']);
    }
}
