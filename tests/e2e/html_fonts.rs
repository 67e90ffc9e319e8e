//! The HTML's embedded fonts, read back: only the faces used, each a
//! subset that still has the characters, the layout tables and the
//! feature alternates the browser needs to set each run as layout did.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use harfrust::{Buffer, Feature, ShapeOptions, ShaperFont, Tag};

use crate::harness::{all_decks, build, root, unescape};

/// The GFMD HTML must stay small enough to mail around; it was 996 KB
/// with whole fonts and is about 115 KB with subsets.
const GFMD_HTML_LIMIT: u64 = 180_000;

/// One `@font-face` of the HTML with its class's feature settings.
struct WebFont {
    data: Vec<u8>,
    features: Vec<Feature>,
}

/// Every `deck-N` face of `html`, by N.
fn web_fonts(html: &str) -> BTreeMap<u32, WebFont> {
    let mut fonts = BTreeMap::new();
    for chunk in html.split("@font-face{font-family:\"deck-").skip(1) {
        let (n, rest) = chunk.split_once('"').expect("face name");
        let n: u32 = n.parse().expect("face number");
        let base64 = rest.split("base64,").nth(1).expect("a data: URL").split(')').next().expect("URL end");
        let data = base64::engine::general_purpose::STANDARD.decode(base64).expect("base64 font");
        let class = format!(".f{n}{{");
        let settings = html[html.find(&class).expect("the face's class")..]
            .split("font-feature-settings:")
            .nth(1)
            .expect("feature settings")
            .split(['}', ';'])
            .next()
            .expect("settings end");
        let features = settings
            .split(',')
            .map(|f| {
                let (tag, value) = f.trim().trim_start_matches('"').split_once("\" ").expect("\"tag\" value");
                Feature::new(
                    Tag::new_checked(tag.as_bytes()).expect("a four-letter tag"),
                    value.parse().expect("feature value"),
                    ..,
                )
            })
            .collect();
        fonts.insert(n, WebFont { data, features });
    }
    fonts
}

/// Every text run of each slide: (slide, face N, text).
fn runs(html: &str) -> Vec<(usize, u32, String)> {
    let mut out = Vec::new();
    for (i, section) in html.split("<section ").skip(1).enumerate() {
        let section = section.split("</section>").next().unwrap_or("");
        for chunk in section.split("class=\"r f").skip(1) {
            let (n, rest) = chunk.split_once('"').expect("face class");
            let text = rest.split_once('>').expect("tag end").1;
            let text = &text[..text.find("</").expect("closing tag")];
            out.push((i + 1, n.parse().expect("face number"), unescape(text)));
        }
    }
    out
}

/// A font file as the shaper and as parsed tables (for outline boxes).
struct Shapeable {
    font: harfrust::Font,
    tables: ttf_parser::Face<'static>,
}

impl Shapeable {
    fn new(data: Vec<u8>, index: u32) -> Shapeable {
        let data: &'static [u8] = Box::leak(data.into_boxed_slice());
        Shapeable {
            font: harfrust::Font::new(harfrust::font::Blob::Static(data), index).expect("a font"),
            tables: ttf_parser::Face::parse(data, index).expect("a font"),
        }
    }
}

/// Each glyph as the browser would draw it (HarfBuzz, which HarfRust
/// ports): advance, offset and outline box.
fn shape(face: &Shapeable, features: &[Feature], text: &str) -> Vec<(i32, i32, i32, Option<ttf_parser::Rect>)> {
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    harfrust::shape(&ShaperFont::new(&face.font), &mut buffer, ShapeOptions::new().features(features)).expect("shapes");
    buffer
        .glyph_infos()
        .iter()
        .zip(buffer.glyph_positions())
        .map(|(info, pos)| {
            let id = ttf_parser::GlyphId(info.glyph_id as u16);
            (pos.x_advance, pos.x_offset, pos.y_offset, face.tables.glyph_bounding_box(id))
        })
        .collect()
}

/// The font file a subset came from, by its PostScript name, with the
/// face's index in it: a bundled one, or one of the machine's (a
/// collection's face for the CJK fonts), as fontconfig finds it.
fn original(subset: &ttf_parser::Face) -> (Vec<u8>, u32) {
    let name = subset
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
        .and_then(|n| n.to_string())
        .expect("the subset keeps its PostScript name");
    let bundled = root().join("fonts").join(format!("{name}.ttf"));
    let bundled = if bundled.exists() { bundled } else { root().join("fonts/katex").join(format!("{name}.ttf")) };
    if bundled.exists() {
        return (std::fs::read(bundled).expect("a bundled font"), 0);
    }
    let query = format!(":postscriptname={name}");
    let found =
        std::process::Command::new("fc-list").args(["-f", "%{file}\t%{index}\n", &query]).output().expect("fc-list");
    let found = String::from_utf8_lossy(&found.stdout);
    let (file, index) =
        found.lines().next().and_then(|l| l.split_once('\t')).unwrap_or_else(|| panic!("no font {name}"));
    (std::fs::read(file).expect("the machine's font"), index.parse().expect("an index"))
}

#[test]
fn the_gfmd_html_embeds_small_subsets_of_the_used_faces_only() {
    let (_dir, _, html_path) = build("decks/gfmd/briefing.toml");
    let size = std::fs::metadata(&html_path).unwrap().len();
    assert!(size <= GFMD_HTML_LIMIT, "the GFMD HTML is {size} bytes, over {GFMD_HTML_LIMIT}");
    let html = std::fs::read_to_string(html_path).unwrap();
    let fonts = web_fonts(&html);
    let used: BTreeSet<u32> = runs(&html).into_iter().map(|(_, n, _)| n).collect();
    assert_eq!(fonts.keys().copied().collect::<BTreeSet<_>>(), used, "embedded faces = faces the runs use");
    for (n, font) in &fonts {
        let face = ttf_parser::Face::parse(&font.data, 0).unwrap_or_else(|e| panic!("deck-{n} does not parse: {e}"));
        let (whole, _) = original(&face);
        assert!(font.data.len() * 4 < whole.len(), "deck-{n}: {} bytes of {}", font.data.len(), whole.len());
        let tables = face.tables();
        assert!(
            tables.gsub.is_some() && tables.gpos.is_some() && tables.gdef.is_some(),
            "deck-{n} lost GSUB, GPOS or GDEF"
        );
    }
}

#[test]
fn every_run_shapes_in_its_subset_as_in_the_whole_font() {
    for manifest in all_decks() {
        let (_dir, _, html_path) = build(&manifest);
        let html = std::fs::read_to_string(html_path).unwrap();
        let fonts = web_fonts(&html);
        let faces: BTreeMap<u32, (Shapeable, Shapeable)> = fonts
            .iter()
            .map(|(n, f)| {
                let subset = Shapeable::new(f.data.clone(), 0);
                let (data, index) = original(&subset.tables);
                let whole = Shapeable::new(data, index);
                (*n, (subset, whole))
            })
            .collect();
        let runs = runs(&html);
        assert!(runs.len() > 10, "{manifest}: only {} runs found", runs.len());
        for (slide, n, text) in runs {
            let (subset, whole) = &faces[&n];
            for c in text.chars() {
                assert!(
                    subset.tables.glyph_index(c).is_some(),
                    "{manifest} slide {slide}: deck-{n} has no glyph for {c:?} in {text:?}"
                );
            }
            let features = &fonts[&n].features;
            assert_eq!(
                shape(subset, features, &text),
                shape(whole, features, &text),
                "{manifest} slide {slide}: {text:?} shapes differently in deck-{n}"
            );
        }
    }
}
