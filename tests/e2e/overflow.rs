//! Bodies that do not fit: continuation pages, shrink steps, numbering
//! carried on, parents kept with their children, table headers repeated.

use crate::harness::{build, deck, pdf_text, root, words};

const DECK: &str = "tests/decks/overflow.toml";

#[test]
fn check_reports_continuations_and_the_shrink_step() {
    let out = deck(&root(), &["check", DECK]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "slide   1  page   1  title      Overflow test deck
slide   2  page   2  bullets    Long ordered list (1/4)  (continued on 4 pages)
slide   3  page   6  bullets    Huge code block (1/5)  (continued on 5 pages)
slide   4  page  11  bullets    Long table (1/6)  (continued on 6 pages)
slide   5  page  17  bullets    One very long paragraph (1/2)  (continued on 2 pages)
slide   6  page  19  bullets    Parents stay with their children (1/2)  (continued on 2 pages)
slide   7  page  21  bullets    Shrunk one step  (shrunk to 92 %)
slide   8  page  22  bullets    A long URL
8 slides, 22 pages, 3 warnings
"
    );
    // More than three pages for one slide is worth a warning, at its table.
    let out = deck(&root(), &["check", DECK, "--diagnostic-format", "short"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "tests/decks/overflow.toml:9:1: warning: slide 2 (“Long ordered list”) continues onto 4 pages
tests/decks/overflow.toml:40:1: warning: slide 3 (“Huge code block”) continues onto 5 pages
tests/decks/overflow.toml:107:1: warning: slide 4 (“Long table”) continues onto 6 pages
"
    );
}

#[test]
fn continued_pages_mark_their_titles_and_carry_numbering_on() {
    let (_dir, pdf, _) = build(DECK);
    for (page, title, first) in [
        (2, "Long ordered list (1/4)", "1. Item number 1 "),
        (3, "Long ordered list (2/4)", "9. Item number 9 "),
        (5, "Long ordered list (4/4)", "25. Item number 25 "),
    ] {
        let text = pdf_text(&pdf, Some(page));
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines[0], title, "page {page}");
        assert!(lines[1].starts_with(first), "page {page}: {:?}", lines[1]);
    }
}

#[test]
fn long_blocks_split_by_lines_and_rows_never_clipped() {
    let (_dir, pdf, _) = build(DECK);
    let all = pdf_text(&pdf, None);
    for i in 1..=60 {
        assert!(all.contains(&format!("let value_{i} = compute({i}, ")), "code line {i} missing");
    }
    for i in 1..=40 {
        assert!(all.contains(&format!("Meeting {i}")), "table row {i} missing");
    }
    // Every continued table page starts with the header row again: the
    // words of the second row of text from the top, left to right.
    let words = words(&pdf);
    for page in 12..=16 {
        let mut on_page: Vec<_> = words.iter().filter(|w| w.page == page).collect();
        on_page.sort_by(|a, b| a.y_min.total_cmp(&b.y_min).then(a.x_min.total_cmp(&b.x_min)));
        let title_y = on_page[0].y_min;
        let row_y = on_page.iter().find(|w| w.y_min > title_y + 1.0).map(|w| w.y_min).unwrap();
        let header: Vec<&str> =
            on_page.iter().filter(|w| (w.y_min - row_y).abs() < 1.0).map(|w| w.text.as_str()).collect();
        assert_eq!(header, ["#", "Forum", "City", "Year"], "page {page}");
    }
}

#[test]
fn a_parent_item_is_never_left_alone_at_the_bottom() {
    let (_dir, pdf, _) = build(DECK);
    let words = words(&pdf);
    let page_of = |text: &str| words.iter().find(|w| w.text == text).map(|w| w.page);
    assert_eq!(page_of("Parent"), page_of("Child"));
    assert_eq!(page_of("Parent"), Some(20));
    let text = pdf_text(&pdf, Some(19));
    assert!(text.contains("Filler item 7"), "{text}");
}
