//! The HTML deck in a real headless Chromium: keys, `#N`, reload, scaling,
//! fonts, no requests (tests/browser/player.mjs, playwright-core).

use std::process::Command;

use crate::harness::{build, root};

#[test]
fn the_player_navigates_by_keys_and_url_in_chromium() {
    let browser_dir = root().join("tests/browser");
    let installed = ["playwright-core", "axe-core"].iter().all(|m| browser_dir.join("node_modules").join(m).is_dir());
    if !installed {
        let npm = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&browser_dir)
            .status()
            .expect("npm runs (install Node.js)");
        assert!(npm.success(), "npm ci in tests/browser failed");
    }
    let (_dir, _, html) = build("decks/gfmd/briefing.toml");
    let out = Command::new("node")
        .arg(browser_dir.join("player.mjs"))
        .arg(&html)
        .arg("25")
        .output()
        .expect("node runs (install Node.js and Debian's chromium)");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{report}");
    assert!(report.contains(" passed, 0 failed"), "{report}");
}
