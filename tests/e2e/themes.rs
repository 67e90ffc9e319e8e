//! Themes: every built-in theme sets every test deck inside its safe area
//! with its own colours in both outputs; `extends` chains, cycles, missing
//! files and bad values; footer templates, the logo, per-layout
//! backgrounds, font files and features; `deck themes`.

use std::path::{Path, PathBuf};

use deck::diag::{FileId, Sources, Spanned};
use deck::layout::{Marker, Node, Page};
use deck::theme::{Color, Theme, contrast};

use crate::harness::{deck, manifest, pdf_text, poppler, root, stderr, words};

/// Each built-in theme: name, background of bullet slides and of section
/// slides.
const THEMES: [(&str, &str, &str); 4] = [
    ("default", "#ffffff", "#1f5fbf"),
    ("dark", "#0f1620", "#173557"),
    ("institutional", "#ffffff", "#1b3a6b"),
    ("contrast", "#ffffff", "#ffffff"),
];

const DECKS: [&str; 6] = [
    "decks/gfmd/briefing.toml",
    "tests/decks/blocks.toml",
    "tests/decks/links.toml",
    "tests/decks/lists.toml",
    "tests/decks/overflow.toml",
    "tests/decks/pictures.toml",
];

/// The text of `manifest` (relative to the project root) with `[deck]`
/// choosing `theme` instead of its own.
fn with_theme(manifest: &str, theme: &str) -> String {
    let text = std::fs::read_to_string(root().join(manifest)).unwrap();
    let mut table = String::new();
    let mut out = String::new();
    for line in text.lines() {
        if line.starts_with('[') {
            table = line.trim().to_string();
        }
        if table == "[deck]" && line.trim_start().starts_with("theme") && line.contains('=') {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        if line.trim() == "[deck]" {
            out.push_str(&format!("theme = \"{theme}\"\n"));
        }
    }
    out
}

/// A built-in theme, resolved.
fn builtin(name: &str) -> Theme {
    let name = Spanned::new(name.to_string(), None);
    let mut sources = Sources::default();
    deck::theme::resolve(
        Some(&name),
        &Default::default(),
        FileId(0),
        (Path::new("."), &deck::paths::Root::new(Path::new("."))),
        None,
        &mut sources,
    )
    .unwrap()
}

/// The colour of the pixel at (`x`, `y`) pt of `page` (1-based), drawn by poppler at 72 dpi.
fn pixel(pdf: &Path, page: usize, (x, y): (usize, usize)) -> Color {
    let out = tempfile::tempdir().unwrap();
    let prefix = out.path().join("p");
    let n = page.to_string();
    poppler(
        "pdftoppm",
        &["-r", "72", "-f", &n, "-l", &n, "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()],
    );
    let ppm = std::fs::read(out.path().join("p.ppm")).unwrap();
    // "P6\n<w> <h>\n255\n" then RGB bytes.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
    }
    let width: usize = fields[1].parse().unwrap();
    let offset = at + 1 + (y * width + x) * 3;
    Color { r: ppm[offset], g: ppm[offset + 1], b: ppm[offset + 2] }
}

fn write_pdf(dir: &Path, bytes: &[u8]) -> PathBuf {
    let path = dir.join("deck.pdf");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn every_built_in_theme_sets_every_deck_inside_its_safe_area() {
    for (theme, _, _) in THEMES {
        let resolved = builtin(theme);
        let (margin_x, top, bottom) = (resolved.margin_x, resolved.margin_top, resolved.margin_bottom);
        assert!(margin_x >= 40.0 && top >= 30.0 && bottom >= 30.0, "{theme}: margins too small to be safe");
        for manifest in DECKS {
            let text = with_theme(manifest, theme);
            let rendered = deck::render(&text, &root().join(manifest))
                .unwrap_or_else(|f| panic!("{theme} {manifest}: {:?}", f.errors));
            let dir = tempfile::tempdir().unwrap();
            let pdf = write_pdf(dir.path(), &rendered.pdf);
            let (width, height) = rendered.pages[0].size;
            for w in words(&pdf) {
                let place = format!(
                    "{theme} {manifest} page {}: {:?} at {}..{} × {}..{}",
                    w.page, w.text, w.x_min, w.x_max, w.y_min, w.y_max
                );
                assert!(w.x_min >= margin_x - 0.5 && w.x_max <= width - margin_x + 0.5, "{place}");
                assert!(w.y_min >= top - 0.5 && w.y_max <= height - bottom + 0.5, "{place}");
            }
            // Every page reads back with its own title.
            let text = pdf_text(&pdf, None);
            let pages: Vec<&str> = text.split('\u{c}').collect();
            // (An untitled image slide is labelled by its file, not shown.)
            for page in rendered.pages.iter().filter(|p| !p.title.is_empty() && p.layout.name() != "image") {
                let first = page.title.split_whitespace().next().unwrap();
                assert!(
                    pages[page.number - 1].contains(first),
                    "{theme} {manifest} page {}: no {first:?}",
                    page.number
                );
            }
        }
    }
}

#[test]
fn each_theme_paints_its_own_backgrounds_in_pdf_and_html() {
    for (theme, page_bg, section_bg) in THEMES {
        let manifest = "decks/gfmd/briefing.toml";
        let rendered = deck::render(&with_theme(manifest, theme), &root().join(manifest)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let pdf = write_pdf(dir.path(), &rendered.pdf);
        let section = rendered.pages.iter().find(|p| p.layout.name() == "section").unwrap().number;
        // A corner pixel: nothing but the background is drawn there.
        assert_eq!(pixel(&pdf, 2, (940, 3)).hex(), page_bg, "{theme}: bullet page");
        assert_eq!(pixel(&pdf, section, (940, 3)).hex(), section_bg, "{theme}: section page");
        let slide_2 = rendered.html.split("id=\"slide-2\"").nth(1).unwrap();
        assert!(slide_2.split('>').next().unwrap().ends_with(&format!("style=\"background:{page_bg}\"")), "{theme}");
    }
}

#[test]
fn text_contrast_meets_wcag_in_every_theme_and_aaa_in_contrast() {
    for (name, ..) in THEMES {
        let p = builtin(name).palette;
        assert!(contrast(p.text, p.background) >= 7.0, "{name}: text {:.1}:1", contrast(p.text, p.background));
        assert!(contrast(p.muted, p.background) >= 4.5, "{name}: muted {:.1}:1", contrast(p.muted, p.background));
        assert!(contrast(p.link, p.background) >= 4.5, "{name}: links {:.1}:1", contrast(p.link, p.background));
    }
    let p = builtin("contrast").palette;
    for (what, color) in [("text", p.text), ("muted", p.muted), ("link", p.link), ("accent", p.accent)] {
        let ratio = contrast(color, p.background);
        assert!(ratio >= 7.0, "contrast theme: {what} at {ratio:.2}:1");
    }
    assert!((contrast(Color { r: 0, g: 0, b: 0 }, Color { r: 255, g: 255, b: 255 }) - 21.0).abs() < 0.01);
}

/// The first text run of the page's heading (`heading`) or of its first list item.
fn first_run(page: &Page, heading: bool) -> &deck::layout::TextRun {
    page.nodes
        .iter()
        .find_map(|n| match n {
            Node::Heading { lines, .. } if heading => lines.first()?.runs.first(),
            Node::List { items, .. } if !heading => match &items.first()?.children.first()? {
                Node::Paragraph(lines) => lines.first()?.runs.first(),
                _ => None,
            },
            _ => None,
        })
        .unwrap()
}

#[test]
fn extends_chains_resolve_each_level_overriding_one_value() {
    let dir = manifest(
        "[deck]\ntitle = \"Chain\"\ntheme = \"a.toml\"\n\n[[slide]]\ntitle = \"Bullets\"\nbody = \"- one\\n- two\"\n",
    );
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("a.toml"), "extends = \"sub/b.toml\"\ntitle_size = 40\n").unwrap();
    // Relative to b.toml's folder: sub/c.toml.
    std::fs::write(dir.path().join("sub/b.toml"), "extends = \"c.toml\"\naccent = \"#ff0000\"\n").unwrap();
    std::fs::write(
        dir.path().join("sub/c.toml"),
        "extends = \"dark\"\naccent = \"#00ff00\"\nbackground = \"#000011\"\n",
    )
    .unwrap();
    let text = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
    let pages = deck::lay_out(&text, &dir.path().join("deck.toml")).unwrap_or_else(|f| panic!("{:?}", f.errors));
    let page = &pages[1];
    assert_eq!(page.background.hex(), "#000011", "c.toml's background");
    assert_eq!(first_run(page, true).size, 40.0, "a.toml's title size");
    let Node::List { items, .. } = page.nodes.iter().find(|n| matches!(n, Node::List { .. })).unwrap() else {
        unreachable!()
    };
    let Marker::Shape(bullet) = &items[0].marker else { panic!("a disc bullet") };
    assert_eq!(bullet.color.hex(), "#ff0000", "b.toml's accent wins over c.toml's");
    assert_eq!(first_run(page, false).color.hex(), "#e9edf3", "dark's text colour, set by no file of the chain");
}

/// Build `deck.toml` in `dir`; expect exit 1 and exactly `expected` on stderr.
fn fails_in(dir: &Path, expected: &str) {
    let out = deck(dir, &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), expected);
    assert!(!dir.join("out").exists(), "a failed build writes nothing");
}

#[test]
fn a_cycle_of_extends_is_an_error_naming_the_cycle() {
    let dir = manifest("[deck]\ntitle = \"T\"\ntheme = \"a.toml\"\n");
    std::fs::write(dir.path().join("a.toml"), "extends = \"b.toml\"\n").unwrap();
    std::fs::write(dir.path().join("b.toml"), "text = \"#111111\"\nextends = \"a.toml\"\n").unwrap();
    fails_in(
        dir.path(),
        "error: themes extend each other in a cycle: a.toml → b.toml → a.toml
  --> b.toml:2:11
  |
2 | extends = \"a.toml\"
  |           ^^^^^^^^
  |
  = one theme of the cycle must extend a built-in theme, or nothing

",
    );
}

#[test]
fn a_missing_theme_file_suggests_the_file_meant() {
    let dir = manifest("[deck]\ntitle = \"T\"\ntheme = \"a.toml\"\n");
    std::fs::create_dir(dir.path().join("themes")).unwrap();
    std::fs::write(dir.path().join("a.toml"), "extends = \"themes/corporat.toml\"\n").unwrap();
    std::fs::write(dir.path().join("themes/corporate.toml"), "").unwrap();
    fails_in(
        dir.path(),
        "error: cannot read theme file `themes/corporat.toml`: no such file
  --> a.toml:1:11
  |
1 | extends = \"themes/corporat.toml\"
  |           ^^^^^^^^^^^^^^^^^^^^^^
  |
  = did you mean `corporate.toml`?

",
    );
}

/// Build a deck whose `[theme]` table holds `theme`; expect exactly `expected`.
fn theme_fails(theme: &str, expected: &str) {
    let dir = manifest(&format!("[deck]\ntitle = \"T\"\n\n[theme]\n{theme}\n"));
    fails_in(dir.path(), expected);
}

#[test]
fn an_unknown_key_in_a_theme_file_suggests_the_key_meant() {
    let dir = manifest("[deck]\ntitle = \"T\"\ntheme = \"mine.toml\"\n");
    std::fs::write(dir.path().join("mine.toml"), "extends = \"default\"\nacent = \"#123456\"\n").unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: unknown key `acent` in the top level\n  --> mine.toml:2:1\n"), "{err}");
    assert!(err.contains("  = did you mean `accent`?\n"), "{err}");
}

#[test]
fn every_mistake_in_a_theme_file_is_reported_in_one_run() {
    let dir = manifest("[deck]\ntitle = \"T\"\ntheme = \"mine.toml\"\n");
    let theme = "extends = \"default\"\nacent = \"#123456\"\nbackground = 12\n\n[fonts]\nregulr = \"x.ttf\"\n";
    std::fs::write(dir.path().join("mine.toml"), theme).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let firsts: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ") || l.starts_with("  --> ")).collect();
    assert_eq!(
        firsts,
        [
            "error: unknown key `acent` in the top level",
            "  --> mine.toml:2:1",
            "error: wrong type for `background` in the top level: expected a string, found integer `12`",
            "  --> mine.toml:3:14",
            "error: unknown key `regulr` in `[fonts]`",
            "  --> mine.toml:6:1",
        ],
        "{err}"
    );
    assert!(!dir.path().join("out").exists(), "a failed build writes nothing");
}

#[test]
fn a_negative_size_is_out_of_range() {
    theme_fails(
        "body_sizes = [24, -2]",
        "error: theme value -2 for `body_sizes` is out of range
  --> deck.toml:5:14
  |
5 | body_sizes = [24, -2]
  |              ^^^^^^^^
  |
  = `body_sizes` must lie between 6 and 72

",
    );
}

#[test]
fn a_wrong_type_says_what_was_expected() {
    theme_fails(
        "indent = \"wide\"",
        "error: wrong type for `indent` in `[theme]`: expected a number or an array of numbers, found string \"wide\"
  --> deck.toml:5:10
  |
5 | indent = \"wide\"
  |          ^^^^^^

",
    );
}

#[test]
fn a_short_colour_is_refused() {
    theme_fails(
        "link = \"#12\"",
        "error: invalid colour `#12` for theme key `link`
  --> deck.toml:5:8
  |
5 | link = \"#12\"
  |        ^^^^^
  |
  = write colours as \"#rrggbb\" or \"#rgb\"

",
    );
}

#[test]
fn an_unknown_footer_placeholder_suggests_one() {
    theme_fails(
        "footer_right = \"{n}/{totl}\"",
        "error: unknown placeholder `{totl}` in theme key `footer_right`
  --> deck.toml:5:16
  |
5 | footer_right = \"{n}/{totl}\"
  |                ^^^^^^^^^^^^
  |
  = did you mean `{total}`? placeholders: {title}, {section}, {n}, {total}, {date}, {author}, {footer}

",
    );
}

#[test]
fn an_unknown_logo_corner_suggests_one() {
    theme_fails(
        "logo = \"logo.png\"\nlogo_corner = \"top-rigth\"",
        "error: unknown logo corner `top-rigth`
  --> deck.toml:6:15
  |
6 | logo_corner = \"top-rigth\"
  |               ^^^^^^^^^^^
  |
  = did you mean `top-right`? logo corner is one of top-left, top-right, bottom-left, bottom-right

",
    );
}

#[test]
fn a_feature_must_be_a_four_letter_tag() {
    theme_fails(
        "fonts = { features = [\"cv5\"] }",
        "error: `cv5` is not an OpenType feature
  --> deck.toml:5:22
  |
5 | fonts = { features = [\"cv5\"] }
  |                      ^^^^^^^
  |
  = features are four-letter tags such as \"cv05\" (on) or \"-liga\" (off)

",
    );
}

#[test]
fn shrink_steps_go_from_largest_to_smallest() {
    theme_fails(
        "shrink_steps = [0.8, 0.9]",
        "error: theme key `shrink_steps` must go from largest to smallest
  --> deck.toml:5:16
  |
5 | shrink_steps = [0.8, 0.9]
  |                ^^^^^^^^^^
  |
  = e.g. shrink_steps = [0.92, 0.84, 0.76]

",
    );
}

#[test]
fn extends_in_a_manifest_is_refused() {
    theme_fails(
        "extends = \"dark\"",
        "error: `extends` belongs in theme files, not in a manifest's `[theme]`
  --> deck.toml:5:11
  |
5 | extends = \"dark\"
  |           ^^^^^^
  |
  = choose the theme in `[deck]`: theme = \"dark\" (or a path to a theme file)

",
    );
}

#[test]
fn an_unknown_bullet_or_bullet_colour_says_what_is_known() {
    theme_fails(
        "bullets = [\"disk\"]\nbullet_colors = [\"accent\", \"grey\"]",
        "error: unknown bullet `disk`
  --> deck.toml:5:11
  |
5 | bullets = [\"disk\"]
  |           ^^^^^^^^
  |
  = did you mean `disc`? bullet is one of disc, dash, ring, square, one character such as \"▸\"

error: unknown bullet colour `grey`
  --> deck.toml:6:17
  |
6 | bullet_colors = [\"accent\", \"grey\"]
  |                 ^^^^^^^^^^^^^^^^^^
  |
  = a bullet colour is \"accent\", \"muted\", \"text\" or \"#rrggbb\"

",
    );
}

#[test]
fn an_empty_list_of_sizes_is_refused() {
    theme_fails(
        "body_sizes = []",
        "error: theme key `body_sizes` needs at least one value
  --> deck.toml:5:14
  |
5 | body_sizes = []
  |              ^^
  |
  = give one value per list level

",
    );
}

#[test]
fn an_unknown_theme_aspect() {
    theme_fails(
        "aspect = \"16:10\"",
        "error: unknown aspect `16:10`
  --> deck.toml:5:10
  |
5 | aspect = \"16:10\"
  |          ^^^^^^^
  |
  = aspect is \"16:9\" or \"4:3\"

",
    );
}

#[test]
fn a_theme_file_outside_the_deck_folder_is_refused() {
    let dir = manifest("[deck]\ntitle = \"T\"\ntheme = \"../elsewhere.toml\"\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: theme file `../elsewhere.toml`: it is outside the deck's folder `"), "{err}");
    assert!(err.contains("  --> deck.toml:3:9\n"), "{err}");
}

#[test]
fn a_chain_longer_than_sixteen_themes_is_refused() {
    let dir = manifest("[deck]\ntitle = \"T\"\ntheme = \"t0.toml\"\n");
    for i in 0..20 {
        std::fs::write(dir.path().join(format!("t{i}.toml")), format!("extends = \"t{}.toml\"\n", i + 1)).unwrap();
    }
    fails_in(
        dir.path(),
        "error: the theme chain is longer than 16 themes
  --> t15.toml:1:11
  |
1 | extends = \"t16.toml\"
  |           ^^^^^^^^^^

",
    );
}

#[test]
fn a_theme_font_that_is_missing_or_not_a_font_is_an_error() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[theme.fonts]\nregular = \"Body.ttf\"\nbold = \"Bod.ttf\"\n");
    std::fs::write(dir.path().join("Body.ttf"), b"not a font").unwrap();
    fails_in(
        dir.path(),
        "error: font `Body.ttf`: not a TrueType or OpenType font
  --> deck.toml:5:11
  |
5 | regular = \"Body.ttf\"
  |           ^^^^^^^^^^

error: font `Bod.ttf`: no such file
  --> deck.toml:6:8
  |
6 | bold = \"Bod.ttf\"
  |        ^^^^^^^^^
  |
  = did you mean `Body.ttf`?

",
    );
}

#[test]
fn an_unknown_layout_in_backgrounds_suggests_one() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[theme.backgrounds]\nsection = \"#000000\"\nbulets = \"#ffffff\"\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: unknown key `bulets` in `[theme.backgrounds]`\n  --> deck.toml:6:1\n"), "{err}");
    assert!(err.contains("  = did you mean `bullets`?\n"), "{err}");
}

#[test]
fn a_missing_logo_suggests_the_file_meant() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[theme]\nlogo = \"logo.pgn\"\n");
    std::fs::copy(root().join("tests/decks/images/alpha.png"), dir.path().join("logo.png")).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: theme picture `logo.pgn`: no such file\n  --> deck.toml:5:8\n"), "{err}");
    assert!(err.contains("  = did you mean `logo.png`?\n"), "{err}");
}

#[test]
fn footer_templates_fill_in_page_section_and_title() {
    let dir = manifest(
        "[deck]\ntitle = \"Forum\"\ndate = \"17 December 2007\"\n\n[theme]\nfooter_left = \"{title} · {section} · {date}\"\nfooter_right = \"{n}/{total}\"\n\n\
         [[slide]]\nlayout = \"section\"\ntitle = \"Brussels\"\n\n[[slide]]\ntitle = \"One\"\nbody = \"- a\"\n\n[[slide]]\ntitle = \"Two\"\nbody = \"- b\"\n",
    );
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("out/deck.pdf");
    for (page, number) in [(3, "3/4"), (4, "4/4")] {
        let text = pdf_text(&pdf, Some(page));
        assert!(text.contains("Forum · Brussels · 17 December 2007"), "page {page}: {text}");
        assert!(text.contains(number), "page {page}: {text}");
    }
    // Title and section slides have no footer.
    assert!(!pdf_text(&pdf, Some(2)).contains("2/4"));
}

#[test]
fn the_logo_sits_in_its_corner_of_the_margin_in_both_outputs() {
    for (corner, left, top) in [
        ("top-left", true, true),
        ("top-right", false, true),
        ("bottom-left", true, false),
        ("bottom-right", false, false),
    ] {
        let text = format!(
            "[deck]\ntitle = \"T\"\n\n[theme]\nlogo = \"logo.png\"\nlogo_corner = \"{corner}\"\nlogo_size = 24\n\n[[slide]]\ntitle = \"S\"\nbody = \"- a\"\n"
        );
        let dir = manifest(&text);
        std::fs::copy(root().join("tests/decks/images/alpha.png"), dir.path().join("logo.png")).unwrap();
        let rendered = deck::render(&text, &dir.path().join("deck.toml")).unwrap_or_else(|f| panic!("{:?}", f.errors));
        for page in &rendered.pages {
            let logo = page.artwork.last().unwrap_or_else(|| panic!("{corner}: page {} has no logo", page.number));
            assert_eq!(logo.h, 24.0, "{corner}");
            let x_edge = if left { logo.x } else { 960.0 - logo.x - logo.w };
            assert!((x_edge - 64.0).abs() < 0.01, "{corner}: {logo:?}");
            let (y_top, y_bottom) = (logo.y, logo.y + logo.h);
            if top {
                assert!(y_top >= 0.0 && y_bottom <= 44.0, "{corner}: {logo:?}");
            } else {
                assert!(y_top >= 500.0 && y_bottom <= 540.0, "{corner}: {logo:?}");
            }
        }
        // The PDF draws it on every page; the HTML shows it as decoration.
        let pdf = write_pdf(dir.path(), &rendered.pdf);
        let list = poppler("pdfimages", &["-list", pdf.to_str().unwrap()]);
        let pages: Vec<&str> = list
            .lines()
            .skip(2)
            .filter(|l| l.split_whitespace().nth(2) == Some("image"))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert_eq!(pages, ["1", "2"], "{corner}: {list}");
        // Drawn on both pages, it is carried once (a style sheet class) and
        // hidden from assistive technology on each.
        assert_eq!(rendered.html.matches("data:image/png;base64,").count(), 1, "{corner}");
        assert_eq!(rendered.html.matches("<div class=\"i p").count(), 2, "{corner}");
        assert!(rendered.html.contains("\" aria-hidden=\"true\" style=\"left:"), "{corner}");
    }
}

#[test]
fn backgrounds_per_layout_take_a_colour_or_a_picture() {
    let text = "[deck]\ntitle = \"T\"\n\n[theme.backgrounds]\ntitle = \"cover.png\"\nbullets = \"#fdf6e3\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"- a\"\n\n[[slide]]\nlayout = \"statement\"\nbody = \"Calm.\"\n";
    let dir = manifest(text);
    std::fs::copy(root().join("tests/decks/images/alpha.png"), dir.path().join("cover.png")).unwrap();
    let rendered = deck::render(text, &dir.path().join("deck.toml")).unwrap_or_else(|f| panic!("{:?}", f.errors));
    let cover = &rendered.pages[0].artwork[0];
    let clip = cover.clip.clone().unwrap();
    assert_eq!((clip.x, clip.y, clip.w, clip.h), (0.0, 0.0, 960.0, 540.0));
    assert!(cover.w >= 960.0 && cover.h >= 540.0, "the picture covers the page: {cover:?}");
    assert_eq!(rendered.pages[1].background.hex(), "#fdf6e3");
    assert_eq!(rendered.pages[2].background.hex(), "#ffffff", "statement slides keep the palette's");
    let pdf = write_pdf(dir.path(), &rendered.pdf);
    assert_eq!(pixel(&pdf, 2, (940, 3)).hex(), "#fdf6e3");
}

#[test]
fn theme_fonts_replace_the_embedded_faces_and_features_reach_both_outputs() {
    let text = "[deck]\ntitle = \"AVATAR\"\n\n[theme]\nfonts = { regular = \"fonts/Body.ttf\", features = [\"-kern\", \"ss01\"] }\n\n[[slide]]\ntitle = \"AVATAR\"\nbody = \"- AVATAR\"\n";
    let dir = manifest(text);
    std::fs::create_dir(dir.path().join("fonts")).unwrap();
    std::fs::copy(root().join("fonts/JetBrainsMono-Regular.ttf"), dir.path().join("fonts/Body.ttf")).unwrap();
    let rendered = deck::render(text, &dir.path().join("deck.toml")).unwrap_or_else(|f| panic!("{:?}", f.errors));
    let pdf = write_pdf(dir.path(), &rendered.pdf);
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("JetBrainsMono-Regular"), "{fonts}");
    assert!(!fonts.contains("Inter"), "every text face falls back to the one named: {fonts}");
    assert!(
        rendered.html.contains("font-feature-settings:\"kern\" 0, \"ss01\" 1"),
        "the CSS carries the theme's features"
    );
    // Without kerning Inter's "AVATAR" is wider than with it.
    let width = |text: &str| {
        deck::lay_out(text, &dir.path().join("deck.toml")).unwrap()[1].nodes.iter().find_map(|n| match n {
            Node::Heading { lines, .. } => Some(lines[0].runs[0].width),
            _ => None,
        })
    };
    let inter_plain = width(&text.replace("regular = \"fonts/Body.ttf\", ", "")).unwrap();
    let inter_kerned =
        width(&text.replace("fonts = { regular = \"fonts/Body.ttf\", features = [\"-kern\", \"ss01\"] }", "")).unwrap();
    assert!(inter_plain > inter_kerned + 1.0, "kern off {inter_plain} vs on {inter_kerned}");
}

#[test]
fn a_theme_aspect_sets_the_page_unless_the_deck_does() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[theme]\naspect = \"4:3\"\n");
    let text = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
    let pages = deck::lay_out(&text, &dir.path().join("deck.toml")).unwrap();
    assert_eq!(pages[0].size, (720.0, 540.0));
    let text = text.replace("title = \"T\"", "title = \"T\"\naspect = \"16:9\"");
    let pages = deck::lay_out(&text, &dir.path().join("deck.toml")).unwrap();
    assert_eq!(pages[0].size, (960.0, 540.0));
}

#[test]
fn deck_themes_lists_the_built_in_themes() {
    let out = deck(&root(), &["themes"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "default        White page, navy-blue accent, Inter and JetBrains Mono
dark           Light text on blue-black, bright blue accent, for dim rooms
institutional  Restrained navy on white, square bullets, \"n / total\" footer
contrast       Black on white, larger type, AAA contrast, print-friendly

Use one with theme = \"NAME\" in [deck]; docs/themes.md describes every key.
"
    );
}

#[test]
fn a_theme_file_over_the_size_limit_is_refused_unread() {
    let dir = manifest("[deck]\ntitle = \"T\"\ntheme = \"big.toml\"\n");
    // 17 MB, sparse: the size is all the check looks at.
    let file = std::fs::File::create(dir.path().join("big.toml")).unwrap();
    file.set_len(17 << 20).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: cannot read theme file `big.toml`: it is 17 MB; deck reads theme files up to 16 MB
  --> deck.toml:3:9
  |
3 | theme = \"big.toml\"
  |         ^^^^^^^^^^

"
    );
}
