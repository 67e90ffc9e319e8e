//! Diagrams: ```mermaid fences drawn as vectors in the PDF (no raster
//! image made of them) with their labels as text set in the deck's face,
//! the same drawing in the HTML, the figure's alternative text, and
//! diagrams that cannot be drawn reported at their fault.

use lopdf::Document;

use crate::harness::{Deck, build, deck, manifest, pdf_text, poppler, stderr};

const DECK: &str = "tests/decks/diagrams.toml";

#[test]
fn every_family_is_a_vector_drawing_with_searchable_labels() {
    let (_dir, pdf, _) = build(DECK);
    let list = poppler("pdfimages", &["-list", pdf.to_str().expect("utf-8")]);
    assert_eq!(list.lines().count(), 2, "no raster image, only the header:\n{list}");
    let pages: [(usize, &[&str]); 7] = [
        (2, &["Write the deck", "Builds?", "yes", "Present", "Read the error"]),
        (3, &["Editor", "Server", "Save talk.md", "Reload the page", "under 100 ms"]),
        (4, &["Deck", "Slide", "+Vec<Slide> slides", "+build() : Result", "holds"]),
        (5, &["Draft", "Review", "Published", "changes asked"]),
        (6, &["CUSTOMER", "ORDER", "LINE_ITEM", "places", "email"]),
        (7, &["Release plan", "Parser", "Layout", "Docs", "Build"]),
        (8, &["Time spent", "Writing", "Rehearsing", "45%"]),
    ];
    for (page, labels) in pages {
        let text = pdf_text(&pdf, Some(page));
        for label in labels {
            assert!(text.contains(label), "page {page}: {label} in:\n{text}");
        }
    }
    // The labels are set in the deck's own face; svg2pdf embedded none.
    let fonts = poppler("pdffonts", &[pdf.to_str().expect("utf-8")]);
    let faces: Vec<&str> = fonts.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
    assert!(faces.iter().all(|f| f.contains("Inter")), "{fonts}");
}

#[test]
fn a_diagram_is_a_figure_named_by_its_kind_and_labels() {
    let (_dir, pdf, html) = build(DECK);
    let tags = crate::pdf::structure(&Document::load(&pdf).expect("lopdf reads it"));
    let figures: Vec<String> = tags.into_iter().filter(|(r, _)| r == "Figure").filter_map(|(_, a)| a).collect();
    assert_eq!(figures.len(), 7, "{figures:?}");
    assert_eq!(figures[0], "Flowchart: yes, no, Write the deck, Builds?, Present, Read the error");
    assert_eq!(figures[6], "Pie chart: 45%, 10%, 30%, 15%, Time spent, Writing, Building, Rehearsing, Presenting");
    let html = std::fs::read_to_string(html).expect("the HTML");
    assert!(html.contains("alt=\"Sequence diagram: "), "the HTML's picture has it too");
    // Its labels are text over the drawing there too, hidden from screen
    // readers (the alt text says them).
    let labels = html.split("<span aria-hidden=\"true\"><span class=\"r f").count() - 1;
    assert_eq!(labels, 7, "one group of labels a diagram");
    assert!(html.contains(">Write the deck</span>") && html.contains(">Save talk.md</span>"));
    assert!(!html.contains("<script src") && !html.contains("foreignObject"), "no script, no network");
}

#[test]
fn a_diagram_that_does_not_parse_fails_at_its_fault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let talk = "# T\n\n```mermaid\nflowchart TD\n  A --> B\n  C[unclosed\n```\n";
    std::fs::write(dir.path().join("talk.md"), talk).expect("write");
    Deck::in_dir(dir.path()).args(["build", "talk.md"]).fails(1).stderr_is(
        "error: this diagram cannot be drawn: Unterminated node label (missing `]`)
  --> talk.md:6:4
  |
6 |   C[unclosed
  |    ^^^^^^^^^
  |
  = in slide 1 (“T”) body
  = deck reads diagrams as Mermaid does (docs/format.md, \"Diagrams\")

",
    );
    assert!(!dir.path().join("out").exists(), "a failed build writes nothing");
    let out = deck(dir.path(), &["check", "talk.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("talk.md:6:4"), "deck check says it too:\n{}", stderr(&out));
}

#[test]
fn a_fault_in_a_toml_string_is_placed_in_the_manifest() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"```mermaid\\nsequenceDiagram\\n  A->>: hi\\n```\"\n",
    );
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(
        "error: this diagram cannot be drawn: unexpected text; expected plus, minus, central, num, actor
  --> deck.toml:6:44
  |
6 | body = \"```mermaid\\nsequenceDiagram\\n  A->>: hi\\n```\"
  |                                            ^^^^
  |
  = in slide 2 (“S”) body
  = deck reads diagrams as Mermaid does (docs/format.md, \"Diagrams\")

",
    );
}

#[test]
fn an_unsupported_diagram_type_names_the_supported_ones() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = '''\n```mermaid\nmindmap\n  root\n```\n\n```mermaid\nnot a diagram\n```\n'''\n",
    );
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(
        "error: this diagram cannot be drawn: deck does not draw `mindmap` diagrams; supported: flowchart, sequence, class, state, er, gantt, pie
  --> deck.toml:8:1
  |
8 | mindmap
  | ^^^^^^^
  |
  = in slide 2 (“S”) body
  = deck reads diagrams as Mermaid does (docs/format.md, \"Diagrams\")

error: this diagram cannot be drawn: no diagram type at its start; deck draws flowchart, sequence, class, state, er, gantt, pie
   --> deck.toml:13:1
   |
13 | not a diagram
   | ^^^
   |
   = in slide 2 (“S”) body
   = deck reads diagrams as Mermaid does (docs/format.md, \"Diagrams\")

",
    );
}

#[test]
fn a_diagram_takes_the_themes_colours() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[theme]\naccent = \"#aa3300\"\ntext = \"#102030\"\n\n[[slide]]\ntitle = \"S\"\nbody = '''\n```mermaid\nflowchart LR\n  A[One] --> B[Two]\n```\n'''\n",
    );
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).expect("the HTML");
    // The boxes framed in the accent (in the drawing), the labels in the text colour.
    let drawings: Vec<String> = html
        .split("data:image/svg+xml;base64,")
        .skip(1)
        .map(|rest| {
            use base64::Engine;
            let data = &rest[..rest.find('"').expect("the URL ends")];
            String::from_utf8(base64::engine::general_purpose::STANDARD.decode(data).expect("base64")).expect("UTF-8")
        })
        .collect();
    assert_eq!(drawings.len(), 1);
    assert!(drawings[0].contains("stroke=\"#aa3300\""), "{}", drawings[0]);
    assert!(html.contains("color:#102030\">One</span>"), "the label in the text colour");
}
