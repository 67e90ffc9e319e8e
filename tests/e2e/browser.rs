//! The HTML deck in a real headless Chromium: keys, `#N`, reload, scaling,
//! fonts, no requests (tests/browser/player.mjs, playwright-core).

use crate::harness::{browser_checks, build, node};

#[test]
fn the_player_navigates_by_keys_and_url_in_chromium() {
    let (_dir, _, html) = build("decks/gfmd/briefing.toml");
    let out = node("player.mjs", &[html.as_os_str(), "25".as_ref()]);
    let ran = browser_checks(
        &out,
        &[
            "presenter shows slide",
            "notes shown with their paragraphs",
            "nothing in the notes ran",
            "an inline script deck did not write is refused",
        ],
    );
    assert!(ran.len() > 50, "{} checks ran", ran.len());
}
