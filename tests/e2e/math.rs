//! Math: formulas drawn as KaTeX-face glyphs, read back from the PDF
//! (text, fonts, tags) and the HTML (role "math"), and formulas that
//! cannot be set reported at their own line and column.

use lopdf::Document;

use crate::harness::{Deck, build, deck, manifest, pdf_text, poppler, stderr, words};

const DECK: &str = "tests/decks/math.toml";

#[test]
fn formulas_are_text_in_the_katex_faces() {
    let (_dir, pdf, _) = build(DECK);
    let notation = pdf_text(&pdf, Some(2));
    for piece in ["Let α, β ∈ R and xi ≥ 0 for every i.", "argmaxθ L(θ) is unbiased.", "∥v∥ = √v12 + v22 ."]
    {
        assert!(notation.contains(piece), "{piece} in:\n{notation}");
    }
    let sums = pdf_text(&pdf, Some(3));
    for piece in ["∑k =", "n(n + 1)(2n + 1)", "∫", "dx = √π", "squares:"] {
        assert!(sums.contains(piece), "{piece} in:\n{sums}");
    }
    let fonts = poppler("pdffonts", &[pdf.to_str().expect("utf-8")]);
    for face in ["KaTeX_Main-Regular", "KaTeX_Math-Italic", "KaTeX_AMS-Regular", "KaTeX_Size1-Regular"] {
        let line = fonts.lines().find(|l| l.contains(face)).unwrap_or_else(|| panic!("{face} in:\n{fonts}"));
        assert!(line.contains("CID TrueType") && line.contains(" yes yes yes "), "{face} embedded: {line}");
    }
}

#[test]
fn an_inline_formula_sits_on_the_line_between_its_words() {
    let (_dir, pdf, _) = build(DECK);
    let page: Vec<_> = words(&pdf).into_iter().filter(|w| w.page == 2).collect();
    let word = |text: &str| page.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("{text} in {page:?}"));
    let every = word("every");
    // The last `i` of the line (the first is a subscript).
    let i = page.iter().filter(|w| w.text == "i").max_by(|a, b| a.x_min.total_cmp(&b.x_min)).expect("i");
    let stop = page.iter().find(|w| w.text == "." && w.line == every.line).expect("the full stop");
    assert_eq!((i.line, stop.line), (every.line, every.line), "one line");
    assert!(every.x_max < i.x_min && i.x_max <= stop.x_min + 0.5, "between its words: {every:?} {i:?} {stop:?}");
    // Same baseline: the bottoms of boxes of one line differ only by the
    // faces' descenders, far less than a line's height.
    assert!((i.y_max - every.y_max).abs() < 4.0, "{i:?} {every:?}");
}

#[test]
fn each_formula_is_a_tagged_formula_with_its_source_as_alt_text() {
    let (_dir, pdf, html) = build(DECK);
    let tags = crate::pdf::structure(&Document::load(&pdf).expect("lopdf reads it"));
    let formulas: Vec<String> = tags.into_iter().filter(|(r, _)| r == "Formula").filter_map(|(_, a)| a).collect();
    assert!(formulas.contains(&r"\hat{\theta} = \operatorname{argmax}_\theta L(\theta)".to_string()), "{formulas:?}");
    assert!(formulas.contains(&r"O(n \log n)".to_string()), "the title's and the table's: {formulas:?}");
    assert!(formulas.iter().any(|f| f.contains(r"\begin{pmatrix}")), "{formulas:?}");
    assert_eq!(formulas.len(), 25, "{formulas:?}");
    let html = std::fs::read_to_string(html).expect("the HTML");
    assert_eq!(html.matches("role=\"math\"").count(), 25, "every formula but the title's, and the notes' one");
    assert!(html.contains(
        r#"<span role="math" aria-label="\sum_{k=1}^{n} k^2 = \frac{n(n+1)(2n+1)}{6}"><span aria-hidden="true">"#
    ));
    // A heading holds no role "math": its formula is hidden text there.
    assert!(html.contains(r#"<span class="sr">O(n \log n)</span><span aria-hidden="true">"#));
    assert!(!html.contains("<script src") && !html.contains("katex"), "no script, no network");
    // Notes draw their formula, named by its source.
    assert!(html.contains(r#"Say that <span class="math" role="math" aria-label="\log"><svg "#));
}

#[test]
fn a_formula_that_cannot_be_set_fails_at_its_fault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let talk = "# T\n\nSee $x + \\foo{y}$ here.\n\n---\n\n# U\n\n```math\n\\frac{a}{b}\n\\sqrt[3{x}\n```\n";
    std::fs::write(dir.path().join("talk.md"), talk).expect("write");
    Deck::in_dir(dir.path()).args(["build", "talk.md"]).fails(1).stderr_is(
        "error: this formula cannot be set: Undefined control sequence: \\foo
  --> talk.md:3:10
  |
3 | See $x + \\foo{y}$ here.
  |          ^^^^
  |
  = in slide 1 (“T”) body
  = deck reads formulas as KaTeX does (docs/format.md, \"Math\")

error: this formula cannot be set: Unexpected end of input in a macro argument
   --> talk.md:11:11
   |
11 | \\sqrt[3{x}
   |           ^
   |
   = in slide 2 (“U”) body
   = deck reads formulas as KaTeX does (docs/format.md, \"Math\")

",
    );
    assert!(!dir.path().join("out").exists(), "a failed build writes nothing");
    let out = deck(dir.path(), &["check", "talk.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("talk.md:11:11"), "deck check says it too:\n{}", stderr(&out));
}

#[test]
fn a_toml_escape_that_ate_a_command_is_named_and_faults_in_strings_are_placed() {
    let dir =
        manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"Area $\\\\frac{a}{b$ and $\\theta$\"\n");
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(
        "error: this formula cannot be set: Unexpected end of input in a macro argument
  --> deck.toml:6:26
  |
6 | body = \"Area $\\\\frac{a}{b$ and $\\theta$\"
  |                          ^
  |
  = in slide 2 (“S”) body
  = deck reads formulas as KaTeX does (docs/format.md, \"Math\")

error: `\\t` in a TOML string is an escape, so `\\theta` never reaches the formula
  --> deck.toml:6:33
  |
6 | body = \"Area $\\\\frac{a}{b$ and $\\theta$\"
  |                                 ^^^^^^
  |
  = in slide 2 (“S”) body
  = write the body as a literal string, between ''' and ''', where a backslash is itself; or double each backslash: `\\\\frac`

",
    );
}

#[test]
fn a_display_formula_wider_than_the_slide_is_narrowed_with_a_warning() {
    let terms: Vec<String> = (1..=24).map(|n| format!("a_{{{n}}}")).collect();
    let dir = manifest(&format!(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"Wide\"\nbody = '''\n$${}$$\n'''\n",
        terms.join(" + ")
    ));
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.starts_with("warning: this formula is wider than the slide: it is set at "), "{err}");
    assert!(err.contains("--> deck.toml:7:1"), "{err}");
    assert!(err.contains("= break it into lines: \\begin{aligned} … \\\\ … \\end{aligned}"), "{err}");
    let pdf = dir.path().join("out/deck.pdf");
    let widest = words(&pdf).iter().filter(|w| w.page == 2).map(|w| w.x_max).fold(0.0, f32::max);
    assert!(widest <= 960.0 - 48.0, "inside the slide's margins: {widest}");
    assert!(pdf_text(&pdf, Some(2)).contains("a24"), "the last term is drawn");
}

#[test]
fn the_math_faces_are_added_only_for_a_deck_with_formulas() {
    let (_dir, pdf, html) = build("tests/decks/lists.toml");
    let fonts = poppler("pdffonts", &[pdf.to_str().expect("utf-8")]);
    assert!(!fonts.contains("KaTeX"), "{fonts}");
    assert!(!std::fs::read_to_string(html).expect("html").contains("KaTeX"));
}

#[test]
fn notes_sheets_set_the_formulas_of_speaker_notes() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"Plain\"\nnotes = '''Say $\\frac{a}{b}$ slowly.'''\n",
    );
    let out = deck(dir.path(), &["build", "deck.toml", "--notes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sheets = dir.path().join("out/deck-notes.pdf");
    let fonts = poppler("pdffonts", &[sheets.to_str().expect("utf-8")]);
    assert!(fonts.contains("KaTeX_Math-Italic"), "{fonts}");
    assert!(pdf_text(&sheets, Some(2)).contains("Say ab slowly."), "{}", pdf_text(&sheets, Some(2)));
}

#[test]
fn the_presenter_notes_draw_their_formulas() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"Plain\"\nnotes = '''Say $\\frac{a}{b}$ slowly.\n\n$$\\sqrt{x}$$'''\n",
    );
    let out = deck(dir.path(), &["build", "deck.toml", "--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).expect("html");
    let notes = &html[html.find("<aside class=\"notes\"").expect("notes")..];
    let notes = &notes[..notes.find("</aside>").expect("their end")];
    let inline = notes.find("<span class=\"math\" role=\"math\" aria-label=\"\\frac{a}{b}\">").expect(notes);
    let fraction = &notes[inline..inline + notes[inline..].find("</span>").expect("its end")];
    assert_eq!(fraction.matches("<path d=").count(), 2, "a and b as outlines: {fraction}");
    assert_eq!(fraction.matches("<rect ").count(), 1, "the fraction bar: {fraction}");
    assert!(fraction.contains("fill=\"currentColor\""), "in the notes' colour: {fraction}");
    assert!(notes.contains("<div class=\"math\" role=\"math\" aria-label=\"\\sqrt{x}\""), "{notes}");
    assert!(!notes.contains("<code"), "no formula left as its source: {notes}");
}

#[test]
fn a_toml_escape_inside_a_formula_is_named_at_the_formula() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"Half: $\\frac{1}{2}$\"\n");
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(
        "error: `\\f` in a TOML string is an escape, so `\\frac` never reaches the formula
  --> deck.toml:6:16
  |
6 | body = \"Half: $\\frac{1}{2}$\"
  |                ^^^^^^^^^^^
  |
  = in slide 2 (“S”) body
  = write the body as a literal string, between ''' and ''', where a backslash is itself; or double each backslash: `\\\\frac`

",
    );
}
