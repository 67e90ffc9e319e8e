//! The HTML deck: one section per PDF page, holding the same text.

use crate::harness::{build, page_count, pdf_text, unescape};

/// The visible text of each `<section>`, notes left out.
fn sections(html: &str) -> Vec<String> {
    html.split("<section ")
        .skip(1)
        .map(|s| {
            let body = s.split("</section>").next().unwrap_or("");
            let body = body.split_once('>').map_or("", |(_, rest)| rest);
            let body = match body.find("<aside") {
                Some(i) => &body[..i],
                None => body,
            };
            let mut text = String::new();
            let mut in_tag = false;
            for c in body.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            unescape(&text)
        })
        .collect()
}

fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    words.sort();
    words
}

#[test]
fn every_html_slide_holds_the_same_text_as_its_pdf_page() {
    let (_dir, pdf, html) = build("decks/gfmd/briefing.toml");
    let html = std::fs::read_to_string(html).unwrap();
    let slides = sections(&html);
    assert_eq!(slides.len(), page_count(&pdf));
    for (i, slide) in slides.iter().enumerate() {
        let page = pdf_text(&pdf, Some(i + 1));
        assert_eq!(words(slide), words(&page), "slide {}", i + 1);
    }
}

#[test]
fn the_html_is_self_contained_and_semantic() {
    let (_dir, _, html) = build("decks/gfmd/briefing.toml");
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<title>Global Forum on Migration and Development</title>"));
    assert!(html.contains("src:url(data:font/ttf;base64,"));
    for needle in ["http://", "https://", "<link", "<img", "src=\""] {
        assert!(!html.contains(needle), "found {needle}");
    }
    for section in html.split("<section ").skip(1) {
        let section = section.split("</section>").next().unwrap();
        let headings = section.matches("<h1>").count() + section.matches("<h2>").count();
        assert_eq!(headings, 1, "one heading per slide: {}", &section[..120]);
    }
    assert!(html.contains("<ul><li>"));
    assert!(html.contains("<aside class=\"notes\" hidden>"));
}

#[test]
fn an_untitled_slide_has_no_empty_heading_and_its_own_headings_skip_no_level() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("talk.md"),
        "# Talk\n\n---\n\n## Where we went\n\n- Day one\n\n---\n\n- Just a list\n",
    )
    .unwrap();
    let out = crate::harness::deck(dir.path(), &["build", "talk.md"]);
    assert!(out.status.success(), "{}", crate::harness::stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/talk.html")).unwrap();
    assert!(!html.contains("<h2></h2>"), "no empty heading");
    let slide2 = html.split("id=\"slide-2\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(slide2.contains("<h2><span") && slide2.contains("Where we went</span></h2>"), "{slide2}");
    assert!(!slide2.contains("<h3"), "{slide2}");
}
