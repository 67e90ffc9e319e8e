//! Golden dumps of laid-out pages (positions rounded to 0.1 pt). A change
//! in layout shows up here as a readable diff. Refresh on purpose with
//! `DECK_BLESS=1 cargo test --test e2e golden`, then review the diff.

use std::path::Path;

use crate::harness::root;

fn golden(deck: &str, golden: &str) {
    let path = root().join(deck);
    let text = std::fs::read_to_string(&path).unwrap();
    let rendered = deck::render(&text, Path::new(deck)).unwrap_or_else(|f| panic!("{deck}: {:?}", f.errors));
    let dump = deck::layout::dump(&rendered.pages);
    let file = root().join("tests/golden").join(golden);
    if std::env::var_os("DECK_BLESS").is_some() {
        std::fs::write(&file, &dump).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("{} is missing: run DECK_BLESS=1 cargo test --test e2e golden", file.display()));
    if dump != expected {
        let first = dump.lines().zip(expected.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "layout of {deck} changed at line {}:\n  now:      {}\n  expected: {}\n(review, then refresh with DECK_BLESS=1)",
            first + 1,
            dump.lines().nth(first).unwrap_or(""),
            expected.lines().nth(first).unwrap_or("")
        );
    }
}

#[test]
fn lists_deck_layout_is_unchanged() {
    golden("tests/decks/lists.toml", "lists.txt");
}

#[test]
fn blocks_deck_layout_is_unchanged() {
    golden("tests/decks/blocks.toml", "blocks.txt");
}

#[test]
fn gfmd_layout_is_unchanged() {
    golden("decks/gfmd/briefing.toml", "gfmd.txt");
}
