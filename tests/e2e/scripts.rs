//! The world's scripts: Article 1 of the Universal Declaration in the UN's
//! six languages and four more, set in the machine's fonts where Inter
//! lacks the script (CI installs Debian's fonts-noto-core and
//! fonts-noto-cjk), read back from the PDF and the HTML.

use crate::harness::{build, deck, manifest, normalize, pdf_text, poppler, stderr, words};

const DECK: &str = "tests/decks/scripts.toml";

/// The slide bodies of the test deck, by page (the title slide is page 1).
fn sentences() -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(crate::harness::root().join(DECK)).expect("the deck");
    let table: toml::Table = text.parse().expect("TOML");
    let slides = table["slide"].as_array().expect("slides");
    slides.iter().enumerate().map(|(i, s)| (i + 2, s["body"].as_str().expect("a body").to_string())).collect()
}

/// Text without its list markers, whitespace, Arabic vowel marks (which
/// poppler sets apart from their letters when they are raised) and the
/// direction marks pdftotext adds around right-to-left lines.
fn comparable(text: &str) -> String {
    let no_marks: String = text
        .chars()
        .filter(|c| !matches!(u32::from(*c), 0x064B..=0x065F | 0x0670 | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069))
        .collect();
    normalize(&no_marks.replace("- ", ""))
}

#[test]
fn every_language_is_drawn_and_extracts_as_written() {
    let (_dir, pdf, html) = build(DECK);
    let out = deck(&crate::harness::root(), &["check", DECK]);
    assert!(!stderr(&out).contains("no font has a glyph"), "{}", stderr(&out));
    for (page, sentence) in sentences() {
        let extracted = pdf_text(&pdf, Some(page));
        if page == 7 {
            // Arabic: poppler splits a line at the raised tanwin marks and
            // may put its parts out of order; every word is there.
            for word in sentence.split_whitespace().filter(|w| *w != "-") {
                let word: String =
                    word.chars().filter(|c| !matches!(u32::from(*c), 0x064B..=0x065F) && *c != '.').collect();
                assert!(comparable(&extracted).contains(&word), "page {page}: {word} in {extracted}");
            }
        } else {
            assert!(
                comparable(&extracted).contains(&comparable(&sentence)),
                "page {page}: {sentence}\nread: {extracted}"
            );
        }
    }
    let fonts = poppler("pdffonts", &[pdf.to_str().expect("utf-8")]);
    for face in
        ["NotoSansArabic", "NotoSansHebrew", "NotoSansDevanagari", "NotoSansCJKsc", "NotoSansCJKjp", "NotoSansCJKkr"]
    {
        assert!(fonts.contains(face), "{face} embedded:\n{fonts}");
    }
    // The CJK faces are cut to what the pages use, not embedded whole (16 MB).
    let size = std::fs::metadata(&html).expect("the HTML").len();
    assert!(size < 1_000_000, "HTML of {size} bytes");
}

#[test]
fn right_to_left_words_run_from_the_right() {
    let (_dir, pdf, _html) = build(DECK);
    for page in [7, 8] {
        let on_page: Vec<_> = words(&pdf).into_iter().filter(|w| w.page == page).collect();
        let title = on_page.first().expect("a title");
        // Flush right in the safe area, as the English title is flush left.
        assert!(title.x_max > 960.0 - 64.0 - 2.0, "page {page}: title ends at {}", title.x_max);
        // Of two words of the first sentence, the one read first stands
        // further right (poppler may give a word's letters either way round).
        let (first, later) = if page == 7 { ("يولد", "الناس") } else { ("כל", "האדם") };
        let at = |word: &str| {
            let reversed: String = word.chars().rev().collect();
            on_page
                .iter()
                .find(|w| w.text == word || w.text == reversed)
                .unwrap_or_else(|| panic!("{word} on page {page}: {on_page:?}"))
                .x_min
        };
        assert!(at(first) > at(later) + 10.0, "page {page}: {first} at {}, {later} at {}", at(first), at(later));
    }
}

#[test]
fn the_slides_language_picks_the_han_form() {
    // 骨 is drawn differently in Chinese and Japanese: each slide takes the
    // face of its language.
    let dir = manifest(
        "[deck]\ntitle = \"Han\"\n\n[[slide]]\ntitle = \"zh\"\nlang = \"zh-Hant\"\nbody = \"骨\"\n\n[[slide]]\ntitle = \"ja\"\nlang = \"ja\"\nbody = \"骨\"\n",
    );
    let out = deck(dir.path(), &["build", "deck.toml", "--format", "pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fonts = poppler("pdffonts", &[dir.path().join("out/deck.pdf").to_str().expect("utf-8")]);
    assert!(fonts.contains("NotoSansCJKtc") && fonts.contains("NotoSansCJKjp"), "{fonts}");
}

#[test]
fn without_system_fonts_a_missing_script_is_warned() {
    let dir = manifest("[deck]\ntitle = \"No\"\n\n[[slide]]\ntitle = \"ar\"\nbody = \"سلام\"\n");
    for (args, key) in [(vec!["build", "deck.toml", "--no-system-fonts"], false), (vec!["build", "deck.toml"], true)] {
        if key {
            let text = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
            std::fs::write(dir.path().join("deck.toml"), format!("{text}\n[output]\nsystem_fonts = false\n")).unwrap();
        }
        let out = deck(dir.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "warning: no font has a glyph for 4 characters: `س` (U+0633), `ل` (U+0644), `ا` (U+0627), `م` \
                 (U+0645); they are drawn as empty boxes"
            ),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn emoji_are_drawn_in_colour_and_stay_text() {
    let dir = manifest(
        "[deck]\ntitle = \"E\"\n\n[[slide]]\ntitle = \"Emoji\"\nbody = \"Done \u{2705}, hello \u{1F600} \u{1F30D}\"\n",
    );
    let out = deck(dir.path(), &["build", "deck.toml", "--format", "pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let pdf = dir.path().join("out/deck.pdf");
    assert!(pdf_text(&pdf, Some(2)).contains("Done \u{2705}, hello \u{1F600} \u{1F30D}"));
    assert!(poppler("pdffonts", &[pdf.to_str().expect("utf-8")]).contains("Type 3"));
    // Drawn as pictures in their colours, in every renderer (cairo too).
    let png = dir.path().join("page");
    poppler(
        "pdftocairo",
        &["-png", "-f", "2", "-l", "2", "-r", "72", "-singlefile", pdf.to_str().unwrap(), png.to_str().unwrap()],
    );
    let page = image::open(dir.path().join("page.png")).expect("the page").into_rgb8();
    let coloured = page.pixels().filter(|p| {
        let [r, g, b] = p.0.map(i32::from);
        (r - g).abs() > 60 || (g - b).abs() > 60 || (r - b).abs() > 60
    });
    assert!(coloured.count() > 200, "the emoji are in colour");
}

#[test]
fn a_bad_direction_or_language_is_an_error() {
    let dir = manifest("[deck]\ntitle = \"D\"\ndir = \"rtr\"\n\n[[slide]]\ntitle = \"x\"\nlang = \"not a tag\"\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error: unknown dir `rtr`"), "{err}");
    assert!(err.contains("known: auto, ltr, rtl"), "{err}");
    assert!(err.contains("error: `not a tag` is not a language tag"), "{err}");
}

/// Every list item of a page: its marker's left edge and its text's.
fn markers_and_text(page: &deck::layout::Page) -> Vec<(f32, f32)> {
    use deck::layout::{Marker, Node};
    let mut out = Vec::new();
    for node in &page.nodes {
        if let Node::List { items, .. } = node {
            for item in items {
                let marker = match &item.marker {
                    Marker::Shape(s) => s.x,
                    Marker::Text(line) => line.runs.first().map_or(0.0, |r| r.x),
                    Marker::None => continue,
                };
                let mut text = f32::MAX;
                deck::layout::visit_lines(&item.children, &mut |line| {
                    text = text.min(line.runs.first().map_or(f32::MAX, |r| r.x));
                });
                out.push((marker, text));
            }
        }
    }
    out
}

#[test]
fn right_to_left_items_hang_their_markers_on_the_right() {
    let manifest = "[deck]\ntitle = \"M\"\n\n[[slide]]\ntitle = \"عربي\"\nlang = \"ar\"\nbody = \"- أولا\\n- ثانيا\\n\\n1. واحد\\n2. اثنان\"\n\n[[slide]]\ntitle = \"Mixed\"\nbody = \"- English first\\n- مرحبا بكم\"\n";
    let pages = deck::lay_out(manifest, std::path::Path::new("m.toml")).expect("lays out");
    let arabic = markers_and_text(&pages[1]);
    assert_eq!(arabic.len(), 4, "{arabic:?}");
    for (marker, text) in &arabic {
        assert!(marker > text, "marker at {marker} right of its text at {text}");
    }
    // On a left-to-right slide each item follows its own direction.
    let mixed = markers_and_text(&pages[2]);
    assert!(mixed[0].0 < mixed[0].1 && mixed[1].0 > mixed[1].1, "{mixed:?}");
}

#[test]
fn deck_fonts_lists_each_face_its_file_and_characters() {
    let out = deck(&crate::harness::root(), &["fonts", DECK]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = crate::harness::stdout(&out);
    assert!(said.starts_with("Inter-Regular\n  built into deck\n  "), "{said}");
    let arabic = said.split("NotoSansArabic-Regular\n").nth(1).expect("the Arabic face");
    let mut lines = arabic.lines();
    assert!(lines.next().is_some_and(|file| file.trim_start().ends_with("NotoSansArabic-Regular.ttf")), "{arabic}");
    let chars = lines.next().expect("its characters");
    let (_, drawn) = chars.split_once(" characters: ").expect("a count");
    assert!(drawn.contains('ب') && !drawn.contains('a'), "{chars}");
    // Without the machine's fonts only the built-in faces remain.
    let out = deck(&crate::harness::root(), &["fonts", DECK, "--no-system-fonts"]);
    let said = crate::harness::stdout(&out);
    assert!(!said.contains("/usr/"), "{said}");
    assert!(stderr(&out).contains("no font has a glyph for"), "{}", stderr(&out));
}

#[test]
fn deck_fonts_on_a_missing_deck_is_an_error() {
    let dir = manifest("");
    let out = deck(dir.path(), &["fonts", "nope.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: cannot read `nope.toml`: no such file\n\n");
}

#[test]
fn each_slides_language_is_in_the_pdf_structure_and_the_html() {
    let (_dir, pdf, html) = build(DECK);
    let doc = lopdf::Document::load(&pdf).expect("lopdf reads the PDF");
    let langs: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").is_ok() && d.get(b"P").is_ok())
        .filter_map(|d| {
            d.get(b"Lang").ok().and_then(|l| l.as_str().ok()).map(|l| String::from_utf8_lossy(l).into_owned())
        })
        .collect();
    for lang in ["ar", "he", "zh-Hans", "ja", "ko", "hi"] {
        assert!(langs.iter().any(|l| l == lang), "a structure element in {lang}: {langs:?}");
    }
    let html = std::fs::read_to_string(html).expect("the HTML");
    assert!(html.contains("id=\"slide-7\" lang=\"ar\""), "the Arabic slide's section");
    assert!(html.contains("dir=\"rtl\""), "right-to-left runs");
}

#[test]
fn a_right_to_left_two_column_slide_reads_from_the_right() {
    let manifest = "[deck]\ntitle = \"C\"\nlang = \"he\"\n\n[[slide]]\nlayout = \"two-column\"\ntitle = \"עמודות\"\nleft = \"ראשון\"\nright = \"שני\"\n";
    let pages = deck::lay_out(manifest, std::path::Path::new("c.toml")).expect("lays out");
    let mut first = f32::MAX;
    let mut second = f32::MAX;
    deck::layout::visit_lines(&pages[1].nodes, &mut |line| {
        for run in &line.runs {
            if run.text.contains("ראשון") {
                first = run.x;
            } else if run.text.contains("שני") {
                second = run.x;
            }
        }
    });
    assert!(first > 480.0 && second < 480.0, "left at {first}, right at {second}");
}

#[test]
fn more_colour_emoji_than_a_type_3_font_holds_is_an_error() {
    // 400 different emoji (animals, objects, symbols: one glyph each).
    let emoji: String = (0x1F400..0x1F5FF).filter_map(char::from_u32).take(400).map(|c| format!("{c} ")).collect();
    let dir = manifest(&format!("[deck]\ntitle = \"E\"\n\n[[slide]]\ntitle = \"Many\"\nbody = \"{emoji}\"\n"));
    let out = deck(dir.path(), &["build", "deck.toml", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot subset font NotoColorEmoji: a deck may show at most 254 different colour emoji"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out/deck.pdf").exists(), "no output left");
}
