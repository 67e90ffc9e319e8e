//! Step-by-step reveal (`reveal = "items"`): the PDF shows the final state,
//! or a page per step with `--steps`; the HTML player shows one item per
//! key press (tests/browser/reveal.mjs in Chromium).

use std::process::Command;

use lopdf::{Document, Object};

use crate::harness::{build, deck, manifest, page_count, pdf_text, root, stderr};
use crate::pdf::outline;

#[test]
fn the_pdf_shows_the_final_state_by_default() {
    let (_dir, pdf, _) = build("tests/decks/reveal.toml");
    assert_eq!(page_count(&pdf), 3);
    let text = pdf_text(&pdf, Some(2));
    assert!(text.contains("Shown from the start.") && text.contains("Second") && text.contains("Third"), "{text}");
}

#[test]
fn steps_give_a_page_per_step_named_once() {
    let out = tempfile::tempdir().expect("temp dir");
    let dir = out.path().to_str().expect("utf-8 path");
    let built = deck(&root(), &["build", "tests/decks/reveal.toml", "--steps", "--out-dir", dir, "--format", "pdf"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let pdf = out.path().join("reveal.pdf");
    assert_eq!(page_count(&pdf), 5);
    let items = |page| {
        let text = pdf_text(&pdf, Some(page));
        assert!(text.contains("Three steps") && text.contains("Shown from the start."), "{text}");
        ["First", "Second", "nested", "Third"].iter().filter(|w| text.contains(*w)).copied().collect::<Vec<_>>()
    };
    assert_eq!(items(2), ["First"]);
    assert_eq!(items(3), ["First", "Second", "nested"]);
    assert_eq!(items(4), ["First", "Second", "nested", "Third"]);
    assert!(pdf_text(&pdf, Some(5)).contains("All at once"));
    let doc = Document::load(&pdf).expect("a PDF lopdf reads");
    let titles: Vec<(String, usize)> = outline(&doc).into_iter().map(|(_, title, page)| (title, page)).collect();
    assert_eq!(titles, [("Reveal".to_string(), 1), ("Three steps".to_string(), 2), ("All at once".to_string(), 5)]);
    // Page labels: the number printed on each page, 1 2 2 2 3.
    let labels = doc.catalog().and_then(|c| c.get(b"PageLabels")).and_then(Object::as_dict).expect("page labels");
    let nums = labels.get(b"Nums").and_then(Object::as_array).expect("Nums");
    let ranges: Vec<(i64, i64)> = nums
        .chunks(2)
        .map(|r| {
            (
                r[0].as_i64().expect("index"),
                r[1].as_dict().and_then(|d| d.get(b"St")).and_then(Object::as_i64).unwrap_or(1),
            )
        })
        .collect();
    assert_eq!(ranges, [(0, 1), (2, 2), (3, 2)]);
}

#[test]
fn the_player_reveals_items_one_key_press_at_a_time_in_chromium() {
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
    let (_dir, _, html) = build("tests/decks/reveal.toml");
    let out = Command::new("node")
        .arg(browser_dir.join("reveal.mjs"))
        .arg(&html)
        .output()
        .expect("node runs (install Node.js and Debian's chromium)");
    crate::harness::browser_checks(
        &out,
        &["a nested item waits for its parent's step", "print shows every item", "no script errors"],
    );
}

#[test]
fn reveal_on_a_slide_without_a_list_is_a_warning() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"statement\"\nreveal = \"items\"\nbody = \"Hi\"\n\n[[slide]]\nlayout = \"agenda\"\nreveal = \"items\"\n",
    );
    let out = deck(dir.path(), &["check", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: `reveal = \"items\"` does nothing on this `statement` slide: it shows no list
  --> deck.toml:6:10
  |
6 | reveal = \"items\"
  |          ^^^^^^^
  |
  = the items of a list in the body appear one at a time; remove `reveal` or add a list

"
    );
}
