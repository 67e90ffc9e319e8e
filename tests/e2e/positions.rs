//! Where words land: the grid every bullet slide shares, hanging indents,
//! nothing outside the page's safe area horizontally.

use std::collections::BTreeMap;

use crate::harness::{Word, build, deck, root, words};

const LEFT: f32 = 64.0;
const RIGHT: f32 = 960.0 - 64.0;
const TOP: f32 = 44.0;
const BOTTOM: f32 = 540.0 - 40.0;
const INDENT: f32 = 30.0;
/// Lines starting below this are the footer.
const FOOTER: f32 = 470.0;

/// Page number → layout name, from `deck check`.
fn layouts(manifest: &str) -> BTreeMap<usize, String> {
    let out = deck(&root(), &["check", manifest]);
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("slide "))
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (cols[3].parse().unwrap(), cols[4].to_string())
        })
        .collect()
}

fn lines_of(words: &[Word], page: usize) -> Vec<Vec<&Word>> {
    let mut lines: BTreeMap<usize, Vec<&Word>> = BTreeMap::new();
    for w in words.iter().filter(|w| w.page == page) {
        lines.entry(w.line).or_default().push(w);
    }
    lines.into_values().collect()
}

fn near(a: f32, b: f32) -> bool {
    (a - b).abs() <= 0.5
}

/// Check every bullets page of `manifest`; returns how many were checked.
fn bullet_grid(manifest: &str) -> usize {
    let (_dir, pdf, _) = build(manifest);
    let words = words(&pdf);
    let layouts = layouts(manifest);
    let mut title_y = None;
    let mut body_y = None;
    let mut checked = 0;
    for (page, layout) in &layouts {
        if layout != "bullets" {
            continue;
        }
        let lines = lines_of(&words, *page);
        let title = lines[0][0];
        assert!(near(title.x_min, LEFT), "page {page}: title starts at {}", title.x_min);
        let ty = *title_y.get_or_insert(title.y_max);
        assert!(near(title.y_max, ty), "page {page}: title at y {} not {ty}", title.y_max);
        // Bodies that open with a list item put it at one height.
        let body = lines[1][0];
        if near(body.x_min, LEFT + INDENT) {
            let by = *body_y.get_or_insert(body.y_min);
            assert!(near(body.y_min, by), "page {page}: first item at y {} not {by}", body.y_min);
        }
        for line in lines[1..].iter().filter(|l| l[0].y_min < FOOTER) {
            let x = line[0].x_min;
            let level = ((x - LEFT) / INDENT).round();
            let numbered = line[0].text.trim_end_matches('.').parse::<u32>().is_ok();
            assert!(
                numbered || (level >= 1.0 && near(x, LEFT + level * INDENT)),
                "page {page}: line {:?} starts at {x}, off the indent grid",
                line.iter().map(|w| &w.text).collect::<Vec<_>>()
            );
        }
        checked += 1;
    }
    checked
}

#[test]
fn gfmd_bullet_slides_share_one_grid() {
    assert_eq!(bullet_grid("decks/gfmd/briefing.toml"), 15);
}

#[test]
fn nested_and_long_bullets_keep_the_grid() {
    assert!(bullet_grid("tests/decks/lists.toml") >= 3);
}

#[test]
fn every_word_lies_inside_the_safe_area() {
    for manifest in
        ["decks/gfmd/briefing.toml", "tests/decks/lists.toml", "tests/decks/blocks.toml", "tests/decks/overflow.toml"]
    {
        let (_dir, pdf, _) = build(manifest);
        for w in words(&pdf) {
            assert!(
                w.x_min >= LEFT - 0.5 && w.x_max <= RIGHT + 0.5,
                "{manifest} page {}: {:?} at {}..{}",
                w.page,
                w.text,
                w.x_min,
                w.x_max
            );
            assert!(
                w.y_min >= TOP - 0.5 && w.y_max <= BOTTOM + 0.5,
                "{manifest} page {}: {:?} at y {}..{}",
                w.page,
                w.text,
                w.y_min,
                w.y_max
            );
        }
    }
}

#[test]
fn wrapped_lines_hang_under_the_first_letter() {
    let (_dir, pdf, _) = build("tests/decks/lists.toml");
    let words = words(&pdf);
    // Page 2 is the long-bullets slide: every body line is at level 1's text column.
    let lines = lines_of(&words, 2);
    let body: Vec<_> = lines[1..].iter().filter(|l| l[0].y_min < FOOTER).collect();
    assert!(body.len() >= 6, "expected wrapped lines, got {}", body.len());
    for line in body {
        assert!(near(line[0].x_min, LEFT + INDENT), "{:?} at {}", line[0].text, line[0].x_min);
    }
}
