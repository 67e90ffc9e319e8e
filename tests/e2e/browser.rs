//! The HTML deck in a real headless Chromium: keys, `#N`, reload, scaling,
//! fonts, no requests (tests/browser/player.mjs, playwright-core).

use crate::harness::{build, node};

#[test]
fn the_player_navigates_by_keys_and_url_in_chromium() {
    let (_dir, _, html) = build("decks/gfmd/briefing.toml");
    let out = node("player.mjs", &[html.as_os_str(), "25".as_ref()]);
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{report}");
    assert!(report.contains(" passed, 0 failed"), "{report}");
}
