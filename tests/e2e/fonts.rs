//! Fallback fonts, characters no font has, and the 4:3 page.

use crate::harness::{deck, manifest, page_count, pdf_text, pdfinfo_field, poppler, root, stderr, words};

const BODY: &str =
    "[[slide]]\ntitle = \"Logic\"\nbody = \"- For all: \u{2200}x \u{2208} \u{2115}, box: \u{250c}\u{2500}\u{2510}\"\n";

#[test]
fn a_fallback_font_supplies_what_inter_lacks() {
    let dir = manifest(&format!("[deck]\ntitle = \"F\"\n\n[theme]\nfallback = [\"fonts/Mono.ttf\"]\n\n{BODY}"));
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::copy(root().join("fonts/JetBrainsMono-Regular.ttf"), dir.path().join("fonts/Mono.ttf")).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let pdf = dir.path().join("out/deck.pdf");
    assert!(pdf_text(&pdf, Some(2)).contains("\u{2200}x \u{2208} \u{2115}, box: \u{250c}\u{2500}\u{2510}"));
    assert!(poppler("pdffonts", &[pdf.to_str().unwrap()]).contains("+JetBrainsMono-Regular"));
}

#[test]
fn characters_no_font_has_warn_once_per_slide_and_still_extract() {
    // The machine's fonts have these: only the built-in ones are asked.
    let dir = manifest(&format!("[deck]\ntitle = \"F\"\n\n[output]\nsystem_fonts = false\n\n{BODY}"));
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    // One warning for the slide's text face, naming each character once.
    assert_eq!(warnings.len(), 1, "{err}");
    assert_eq!(
        warnings[0],
        "warning: no font has a glyph for 6 characters: `\u{2200}` (U+2200), `\u{2208}` (U+2208), `\u{2115}` (U+2115), \
         `\u{250c}` (U+250C), `\u{2500}` (U+2500), `\u{2510}` (U+2510); they are drawn as empty boxes"
    );
    assert!(err.contains("= in slide 2 (“Logic”)\n"), "{err}");
    // /ActualText keeps each character in the extracted text.
    let pdf = dir.path().join("out/deck.pdf");
    assert!(pdf_text(&pdf, Some(2)).contains("\u{2200}x \u{2208} \u{2115}, box: \u{250c}\u{2500}\u{2510}"));
}

#[test]
fn a_missing_fallback_font_is_an_error() {
    let dir = manifest("[deck]\ntitle = \"F\"\n\n[theme]\nfallback = [\"nope.ttf\"]\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: fallback font `"), "{err}");
    assert!(err.contains("nope.ttf`: no such file\n  --> deck.toml:5:12\n"), "{err}");
}

#[test]
fn four_by_three_pages_keep_the_safe_area() {
    let body: String =
        (1..=14).map(|i| format!("- Bullet {i} with enough words to wrap on a narrower page than usual\n")).collect();
    let dir = manifest(&format!(
        "[deck]\ntitle = \"Four by three\"\naspect = \"4:3\"\n\n[[slide]]\ntitle = \"Narrow\"\nbody = \"\"\"\n{body}\"\"\"\n"
    ));
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("out/deck.pdf");
    assert_eq!(pdfinfo_field(&pdf, "Page size"), "720 x 540 pts");
    assert!(page_count(&pdf) >= 3, "the long body continues");
    for w in words(&pdf) {
        assert!(w.x_min >= 63.5 && w.x_max <= 720.0 - 63.5, "{:?} at {}..{}", w.text, w.x_min, w.x_max);
        assert!(w.y_min >= 43.5 && w.y_max <= 500.5, "{:?} at y {}..{}", w.text, w.y_min, w.y_max);
    }
}

#[test]
fn a_long_decks_warnings_come_in_slide_order() {
    // Enough slides to be laid out on several threads (150 or more); slide
    // i shows a CJK ideograph no bundled font has, so each warns once.
    let letters: Vec<char> = (0x4E00..0x4E00 + 200).filter_map(char::from_u32).collect();
    let slides: String =
        letters.iter().enumerate().map(|(i, c)| format!("[[slide]]\ntitle = \"S{i}\"\nbody = \"- {c}\"\n\n")).collect();
    let dir = manifest(&format!("[deck]\ntitle = \"F\"\n\n[output]\nsystem_fonts = false\n\n{slides}"));
    let out = deck(dir.path(), &["check", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let warned: Vec<String> = err
        .lines()
        .filter_map(|l| l.strip_prefix("warning: no font has a glyph for `"))
        .filter_map(|l| l.split('`').next().map(str::to_string))
        .collect();
    let expected: Vec<String> = letters.iter().map(char::to_string).collect();
    assert_eq!(warned, expected, "{err}");
}
