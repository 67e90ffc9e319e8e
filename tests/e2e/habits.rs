//! Markdown as people write it for Marp and Slidev: comments, front
//! matter, directives, per-slide YAML blocks, fences left open and syntax
//! deck does not support, each read, mapped or warned about.

use std::path::{Path, PathBuf};

use crate::harness::{deck, pdf_text, root, stderr};

/// A fresh folder holding `files`; `deck build target` run there must
/// succeed. Returns the folder, stderr, and the PDF and HTML paths.
pub fn built(files: &[(&str, &str)], target: &str, args: &[&str]) -> (tempfile::TempDir, String, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write file");
    }
    let picture = root().join("tests/decks/images/alpha.png");
    std::fs::copy(picture, dir.path().join("pic.png")).expect("copy a picture");
    let mut all = vec!["build", target];
    all.extend_from_slice(args);
    let out = deck(dir.path(), &all);
    assert!(out.status.success(), "{}", stderr(&out));
    let stem = Path::new(target).file_stem().expect("stem").to_string_lossy().into_owned();
    let pdf = dir.path().join("out").join(format!("{stem}.pdf"));
    let html = dir.path().join("out").join(format!("{stem}.html"));
    let err = stderr(&out);
    let warnings = err.split("built ").next().unwrap_or_default().to_string();
    (dir, warnings, pdf, html)
}

#[test]
fn comments_are_never_drawn_and_are_notes_in_a_markdown_deck() {
    let talk = "+++\n[deck]\ntitle = \"T\"\n+++\n# One\n\nBefore <!-- an aside --> after.\n\n<!--\nSay hello\nto all\n-->\n\n- item\n";
    let (dir, err, pdf, html) = built(&[("talk.md", talk)], "talk.md", &["--notes"]);
    assert_eq!(err, "");
    let text = pdf_text(&pdf, None);
    assert!(text.contains("Before after.") && text.contains("item"), "{text}");
    assert!(!text.contains("aside") && !text.contains("hello") && !text.contains("<!--"), "{text}");
    let html = std::fs::read_to_string(html).expect("html");
    assert!(
        html.contains("<aside class=\"notes\" hidden><p>an aside</p><p>Say hello to all</p></aside>"),
        "notes in the HTML"
    );
    let notes = pdf_text(&dir.path().join("out/talk-notes.pdf"), None);
    assert!(notes.contains("an aside") && notes.contains("Say hello"), "{notes}");
}

#[test]
fn comments_in_a_manifest_body_are_left_out_silently() {
    let manifest = "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"One\"\nbody = \"\"\"\nShown <!-- secretword --> too.\n\n<!-- gone -->\n\"\"\"\n";
    let (_dir, err, pdf, html) = built(&[("deck.toml", manifest)], "deck.toml", &[]);
    assert_eq!(err, "");
    let text = pdf_text(&pdf, None);
    assert!(text.contains("Shown too.") && !text.contains("secretword") && !text.contains("gone"), "{text}");
    assert!(!std::fs::read_to_string(html).expect("html").contains("secretword"));
}

#[test]
fn a_code_fence_left_open_is_a_warning_at_its_line() {
    let talk = "+++\n[deck]\ntitle = \"T\"\n+++\n# One\n\n~~~~ sh\nls\n\n---\n\n# Two\n";
    let (_dir, err, pdf, _) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(
        err,
        "warning: the code block opened on line 7 of `talk.md` is never closed
  --> talk.md:7:1
  |
7 | ~~~~ sh
  | ^^^^^^^
  |
  = it takes in the rest of the file, the slides after it included; close it with a line holding only ~~~~

"
    );
    // The rest of the file, separator and heading included, is code.
    let text = pdf_text(&pdf, None);
    assert!(text.contains("One\nls\n") && text.contains("# Two"), "{text}");
}

#[test]
fn a_code_fence_left_open_in_a_manifest_body() {
    let manifest =
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"One\"\nbody = \"\"\"\nText\n\n```rust\nfn main() {}\n\"\"\"\n";
    let (_dir, err, _, _) = built(&[("deck.toml", manifest)], "deck.toml", &[]);
    assert!(
        err.starts_with(
            "warning: this code block is never closed\n  --> deck.toml:9:1\n  |\n9 | ```rust\n  | ^^^^^^^\n  |\n  = in slide 2 (“One”) body\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("  = everything after it is shown as code; close it with a line holding only ```\n\n"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
}

#[test]
fn marp_picture_keywords_warn_once_each_and_prices_are_not_math() {
    let talk = "+++\n[deck]\ntitle = \"T\"\n+++\n# One\n\n$E = mc^2$ costs $5 or $10.\n\n![bg](pic.png)\n\n![w:300 A cat sepia](pic.png)\n\n---\n\n# Two\n\n$a$ and ![bg left](pic.png)\n\n![h:20](pic.png)\n";
    let (_dir, err, pdf, html) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(
        err,
        "warning: Marp's background pictures (`![bg](…)`) are not supported: the picture is shown in the body
  --> talk.md:9:1
  |
9 | ![bg](pic.png)
  | ^^^^^^^^^^^^^^
  |
  = in slide 2 (“One”) body
  = for a picture that fills a slide, give the slide `layout = \"image\"`, `image = \"…\"` and `fit = \"cover\"`

warning: Marp's picture keywords (`w:300`) are not supported: they are left out of the alt text
   --> talk.md:11:1
   |
11 | ![w:300 A cat sepia](pic.png)
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = in slide 2 (“One”) body
   = deck sets a picture at its natural size at 96 dpi, shrunk to fit: resize or crop the file itself

warning: inline images are not supported yet; showing the alt text
   --> talk.md:17:9
   |
17 | $a$ and ![bg left](pic.png)
   |         ^^^^^^^^^^^^^^^^^^^
   |
   = in slide 3 (“Two”) body

"
    );
    assert!(pdf_text(&pdf, None).contains("E = mc2 costs $5 or $10."), "{}", pdf_text(&pdf, None));
    let html = std::fs::read_to_string(html).expect("html");
    // The picture is drawn twice: carried once, described where drawn.
    assert!(html.contains("aria-label=\"A cat\""), "the keywords are left out of the alt text");
}

const MARP: &str = "---
marp: true
theme: gaia
paginate: true
title: Quarterly review
author: Ana Lima
size: 4:3
transition: fade
---

<!-- _class: lead -->

# Quarterly review

From Q1 to Q2

---

<!-- footer: Acme -->
<!-- backgroundColor: white -->

# Where we are

- Revenue up

<!-- Mention the hires by name. -->

---

<!-- _class: lead -->

# Part two

---

# Last
";

#[test]
fn a_marp_deck_reads_its_front_matter_and_directives() {
    let (_dir, err, pdf, html) = built(&[("marp.md", MARP)], "marp.md", &[]);
    assert_eq!(
        err,
        "warning: theme `gaia` in the front matter of `marp.md` is not one of deck's: the `default` theme is used
  --> marp.md:3:8
  |
3 | theme: gaia
  |        ^^^^
  |
  = deck's themes: default, dark, institutional, contrast; or a theme file: `theme: mytheme.toml`

warning: `transition` in the front matter of `marp.md` is left out
  --> marp.md:8:1
  |
8 | transition: fade
  | ^^^^^^^^^^
  |
  = deck has no slide transitions; leave it out

warning: `footer` in a directive of slide 2 (“Where we are”) is left out: deck has one footer for the whole deck
   --> marp.md:19:6
   |
19 | <!-- footer: Acme -->
   |      ^^^^^^
   |
   = set it once, in the front matter: `footer: …`

warning: `backgroundColor` in a directive of slide 2 (“Where we are”) is left out
   --> marp.md:20:6
   |
20 | <!-- backgroundColor: white -->
   |      ^^^^^^^^^^^^^^^
   |
   = deck takes colours and backgrounds from the theme; set them in the `[theme]` table of a `+++` block: `background`, `text`, or `backgrounds` per layout (docs/themes.md)

"
    );
    // The lead slide is the title slide: no second one; the next lead slide
    // is a section divider. Nothing of the YAML or the directives is drawn.
    assert_eq!(
        pdf_text(&pdf, None),
        "Quarterly review\nFrom Q1 to Q2\n\nAna Lima\n\n\u{c}Where we are\nRevenue up\n\n2\n\n\u{c}Part 1\n\nPart two\n\n\u{c}Last\n\n4\n\n\u{c}"
    );
    assert_eq!(crate::harness::pdfinfo_field(&pdf, "Title"), "Quarterly review");
    assert_eq!(crate::harness::pdfinfo_field(&pdf, "Author"), "Ana Lima");
    assert_eq!(crate::harness::pdfinfo_field(&pdf, "Page size"), "720 x 540 pts");
    let html = std::fs::read_to_string(html).expect("html");
    assert!(html.contains("<aside class=\"notes\" hidden><p>Mention the hires by name.</p></aside>"));
    assert!(!html.contains("_class") && !html.contains("backgroundColor"));
}

const SLIDEV: &str = "---
theme: dark
title: Slidev talk
layout: cover
---

# Slidev talk

A subtitle

---
layout: two-cols
---

# Compare

- Left item

::right::

- Right item

---
layout: center
class: text-center
---

# Statement

Big words.

---
layout: end
routeAlias: last
---

# Thanks
";

#[test]
fn a_slidev_deck_reads_its_blocks_and_layouts() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("slidev.md"), SLIDEV).expect("write");
    let out = deck(dir.path(), &["check", "slidev.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "slide   1  page   1  title      Slidev talk
slide   2  page   2  two-column Compare
slide   3  page   3  statement  Statement
slide   4  page   4  closing    Thanks
4 slides, 4 pages, 1 warning
"
    );
    assert_eq!(
        stderr(&out),
        "warning: class `text-center` in the YAML block of slide 3 (“Statement”) is left out
   --> slidev.md:25:8
   |
25 | class: text-center
   |        ^^^^^^^^^^^
   |
   = give the slide a layout instead: `layout: section` in its YAML block, or `<!-- _class: lead -->`

"
    );
    let (_dir, _, pdf, _) = built(&[("slidev.md", SLIDEV)], "slidev.md", &[]);
    let text = pdf_text(&pdf, None);
    assert!(text.starts_with("Slidev talk\nA subtitle\n\n\u{c}Compare\nLeft item\n\nRight item\n"), "{text}");
    assert!(!text.contains("layout") && !text.contains("::right::") && !text.contains("---"), "{text}");
}

#[test]
fn unknown_and_unusable_keys_of_a_slide_block_are_named() {
    let talk = "# One\n\n---\nlayuot: section\nid: [a, b]\n---\n# Two\n";
    let (_dir, err, pdf, _) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(
        err,
        "warning: `layuot` in the YAML block of slide 2 (“Two”) is left out
  --> talk.md:4:1
  |
4 | layuot: section
  | ^^^^^^
  |
  = did you mean `layout`?
  = deck reads here: layout, class, title, subtitle, id, routeAlias, overflow, reveal, image, caption, fit, lang, dir

warning: `id` in the YAML block of slide 2 (“Two”) is left out: it is not a single value
  --> talk.md:5:5
  |
5 | id: [a, b]
  |     ^^^^^

"
    );
    assert_eq!(pdf_text(&pdf, None), "One\n\n\u{c}Two\n\n2\n\n\u{c}");
}

#[test]
fn front_matter_that_is_not_yaml_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("talk.md"), "---\ntitle: [oops\n---\n# One\n").expect("write");
    let out = deck(dir.path(), &["build", "talk.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: the front matter of `talk.md` is not valid YAML: while parsing a flow sequence, expected ',' or ']'
  --> talk.md:3:1
  |
3 | ---
  | ^

"
    );
}

/// The layout of each slide, as `deck check` reports it.
fn layouts(talk: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("talk.md"), talk).expect("write");
    let out = deck(dir.path(), &["check", "talk.md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_deck_that_opens_with_its_own_title_slide_gets_no_second() {
    // Its heading is the deck's title, with one paragraph under it.
    let own = "+++\n[deck]\ntitle = \"Talk\"\n+++\n# Talk\n\nA subtitle\n\n---\n\n# Next\n";
    assert_eq!(
        layouts(own),
        "slide   1  page   1  title      Talk\nslide   2  page   2  bullets    Next\n2 slides, 2 pages, 0 warnings\n"
    );
    // Another heading, or more than a paragraph: the automatic one comes first.
    let other = "+++\n[deck]\ntitle = \"Talk\"\n+++\n# Intro\n\nWords\n";
    assert_eq!(
        layouts(other),
        "slide   1  page   1  title      Talk\nslide   2  page   2  bullets    Intro\n2 slides, 2 pages, 0 warnings\n"
    );
    let longer = "+++\n[deck]\ntitle = \"Talk\"\n+++\n# Talk\n\n- a point\n";
    assert_eq!(
        layouts(longer),
        "slide   1  page   1  title      Talk\nslide   2  page   2  bullets    Talk\n2 slides, 2 pages, 0 warnings\n"
    );
    // No title in the settings: the first heading is the deck's title, and
    // there is no automatic title slide.
    let untitled = "# Intro\n\n- a point\n\n---\n\n# Next\n";
    assert_eq!(
        layouts(untitled),
        "slide   1  page   1  bullets    Intro\nslide   2  page   2  bullets    Next\n2 slides, 2 pages, 0 warnings\n"
    );
    // `layout: title` (or `cover`, or `_class: lead`) makes it one, whatever it says.
    let written = "---\ntitle: Talk\n---\n<!-- _class: lead -->\n# Welcome\n";
    assert_eq!(layouts(written), "slide   1  page   1  title      Welcome\n1 slide, 1 page, 0 warnings\n");
}

#[test]
fn a_title_slide_shows_one_paragraph_under_its_title() {
    let talk = "---\nlayout: cover\n---\n# Talk\n\nThe subtitle\n\n- not shown\n";
    let (_dir, err, pdf, _) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(
        err,
        "warning: a `title` slide shows its title and one paragraph under it; the rest of the slide is not shown
  --> talk.md:4:1
  |  
4 | / # Talk
5 | | 
6 | | The subtitle
7 | | 
8 | | - not shown
9 | | 
  | \\^
  |  
  = move the rest to a slide of its own, after a line holding only `---`

"
    );
    assert_eq!(pdf_text(&pdf, None), "Talk\nThe subtitle\n\n\u{c}");
}

#[test]
fn task_lists_and_footnotes_show_in_the_pdf_and_the_html() {
    let (_dir, pdf, html) = crate::harness::build("tests/decks/habits.toml");
    let text = pdf_text(&pdf, None);
    for shown in [
        "Write the draft\u{b9}",
        "\u{25a1} Review it with the team",
        "Book the room",
        "A plain item beside them\u{b2}",
        "1. The first draft is due on Monday.\n2. Room 2, second floor.",
        "Right column, with a note.\u{b9}\n1. Notes number per column.",
    ] {
        assert!(text.contains(shown), "{shown:?} in {text}");
    }
    // A box for each of the six tasks, ticked for the four done.
    assert_eq!(text.matches('\u{25a1}').count(), 6, "{text}");
    assert_eq!(text.matches('\u{2713}').count(), 4, "{text}");
    for hidden in ["[x]", "[ ]", "[^", "::right::", "Mention", "layout", "_class", "---"] {
        assert!(!text.contains(hidden), "{hidden:?} in {text}");
    }
    let html = std::fs::read_to_string(html).expect("html");
    assert_eq!(html.matches(">\u{25a1}</span>").count(), 6);
    assert_eq!(html.matches(">\u{2713}</span>").count(), 4);
    assert!(html.contains(">The first draft is due on </span>"), "footnotes in the HTML");
    assert!(html.contains("<aside class=\"notes\" hidden><p>Mention the deadline.</p></aside>"));
}

#[test]
fn fenced_columns_sit_side_by_side_in_the_pdf_and_the_html() {
    let (_dir, pdf, html) = crate::harness::build("tests/decks/habits.toml");
    let words = crate::harness::words(&pdf);
    let page = words.iter().find(|w| w.text == "Fenced").expect("the columns slide").page;
    let find = |text: &str| words.iter().find(|w| w.page == page && w.text == text).expect(text).clone();
    let (above, left, right, code, below) = (find("Above"), find("one"), find("Right"), find("ls"), find("Below"));
    assert!((left.y_min - right.y_min).abs() < 1.0, "the columns start on one line: {left:?} {right:?}");
    assert!(left.x_max < right.x_min && right.x_min > 300.0, "the right column starts past 40 %: {right:?}");
    assert!(above.y_max < left.y_min && code.y_max < below.y_min, "the columns sit between the paragraphs");
    let text = pdf_text(&pdf, Some(page));
    assert!(text.contains("1. A note from the left column."), "{text}");
    assert!(!text.contains(":::") && !text.contains("{.column"), "{text}");
    let html = std::fs::read_to_string(html).expect("html");
    assert!(html.contains(">Right paragraph, long enough to wrap</span>"), "each line placed");
    assert!(html.contains(">onto a second line here.</span>"), "each line placed");
    assert!(!html.contains(":::"));
}

#[test]
fn fenced_divs_deck_does_not_read_are_warnings() {
    let talk =
        "# One\n\n::: notes\nSaid aloud\n:::\n\n::: column\nAlone\n:::\n\n:::: columns\nStray\n::: column\nIn\n:::\n";
    let (_dir, err, pdf, _) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(
        err,
        "warning: fenced div `::: notes` is not supported: its content is shown as it is
  --> talk.md:3:1
  |
3 | ::: notes
  | ^^^^^^^^^
  |
  = in slide 1 (“One”) body
  = deck reads `::: columns` with `::: column` inside; notes go after a line holding only `???`

warning: `::: column` outside `::: columns` is shown as it is
  --> talk.md:7:1
  |
7 | ::: column
  | ^^^^^^^^^^
  |
  = in slide 1 (“One”) body
  = put the columns inside `::: columns` … `:::`

warning: content inside `::: columns` but in no `::: column` is shown above the columns
   --> talk.md:12:1
   |
12 | Stray
   | ^^^^^
   |
   = in slide 1 (“One”) body
   = put it inside a `::: column` … `:::`

warning: `::: columns` is never closed
   --> talk.md:11:1
   |
11 | :::: columns
   | ^^^^^^^^^^^^
   |
   = in slide 1 (“One”) body
   = end the columns with a line holding only `:::`

"
    );
    assert_eq!(pdf_text(&pdf, None), "One\nSaid aloud\nAlone\nStray\nIn\n\n1\n\n\u{c}");
}

#[test]
fn columns_taller_than_the_page_are_set_one_after_another() {
    let items: Vec<String> = (0..14).map(|i| format!("- item {i}")).collect();
    let talk = format!("# Tall\n\n::: columns\n::: column\n{}\n:::\n::: column\nshort\n:::\n:::\n", items.join("\n"));
    let (_dir, err, pdf, _) = built(&[("talk.md", &talk)], "talk.md", &[]);
    assert!(
        err.starts_with("warning: these columns are taller than the page: they are set one after another\n"),
        "{err}"
    );
    assert!(err.contains("  = shorten them, or split the slide in two\n"), "{err}");
    assert_eq!(crate::harness::page_count(&pdf), 2);
    let text = pdf_text(&pdf, None);
    assert!(text.contains("item 13") && text.contains("short"), "nothing is lost: {text}");
}

#[test]
fn a_title_in_a_slide_block_leaves_the_heading_in_the_body() {
    let talk = "# Deck\n\n---\ntitle: From YAML\n---\n# Heading stays\n\ntext\n";
    let (_dir, err, pdf, _) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(err, "");
    assert_eq!(pdf_text(&pdf, Some(2)), "From YAML\nHeading stays\ntext\n\n2\n\n\u{c}");
}
