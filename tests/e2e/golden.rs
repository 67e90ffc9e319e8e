//! Golden dumps of laid-out pages (positions rounded to 0.1 pt). A change
//! in layout shows up here as a readable diff. Refresh on purpose with
//! `DECK_BLESS=1 cargo test --test e2e golden`, then review the diff.

use std::path::Path;

use crate::harness::{root, snapshot};

fn golden(deck: &str, golden: &str) {
    let path = root().join(deck);
    let text = std::fs::read_to_string(&path).unwrap();
    let rendered = deck::render(&text, Path::new(deck)).unwrap_or_else(|f| panic!("{deck}: {:?}", f.errors));
    let dump = deck::layout::dump(&rendered.pages);
    snapshot(&format!("tests/golden/{golden}"), &dump);
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
