//! What `deck check` says of every bundled deck, human and JSON, kept as
//! snapshots in tests/snapshots/: a change in a count, a warning or its
//! wording shows up as a diff. Refresh on purpose with
//! `DECK_BLESS=1 cargo test --test e2e snapshots`, then review the diff.

use crate::harness::{all_decks, deck, root, snapshot, stderr, stdout};

/// A deck's path as a snapshot's file name: `tests/decks/lists.toml` is
/// `tests-decks-lists`.
fn name(deck: &str) -> String {
    deck.trim_end_matches(".toml").trim_end_matches(".md").replace('/', "-")
}

#[test]
fn check_reports_every_deck_as_before() {
    for file in all_decks() {
        let out = deck(&root(), &["check", &file]);
        let said = format!(
            "exit {}\n--- stdout\n{}--- stderr\n{}",
            out.status.code().unwrap_or(-1),
            stdout(&out),
            stderr(&out)
        );
        snapshot(&format!("tests/snapshots/check/{}.txt", name(&file)), &said);
    }
}

#[test]
fn check_json_reports_the_gfmd_deck_as_before() {
    let out = deck(&root(), &["check", "decks/gfmd/briefing.toml", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    snapshot("tests/snapshots/check/gfmd-json.txt", &stdout(&out));
}
