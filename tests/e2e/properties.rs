//! Property test: random Markdown bodies never panic and never put a
//! glyph outside the safe area.

use std::path::Path;

use proptest::prelude::*;

const SAFE: (f32, f32, f32, f32) = (64.0, 44.0, 960.0 - 64.0, 540.0 - 40.0);
/// Ascender and descender in ems (hhea): Inter is faces 0–3, JetBrains Mono 4–7.
fn extent(font: u8) -> (f32, f32) {
    if font >= 4 { (1.02, 0.30) } else { (0.969, 0.242) }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[a-zA-Z]{1,12}",
        1 => "[a-z]{30,90}",
        1 => "https://example\\.org/[a-z/]{10,80}",
        1 => "[0-9]{1,6}[.,:;!?]?",
        1 => Just("\u{e9}t\u{e9} na\u{ef}ve \u{201c}q\u{201d}".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((word(), 0..6u8), 1..30).prop_map(|words| {
        words
            .into_iter()
            .map(|(w, style)| match style {
                0 => format!("**{w}**"),
                1 => format!("*{w}*"),
                2 => format!("`{w}`"),
                _ => w,
            })
            .collect::<Vec<_>>()
            .join(" ")
    })
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0..4usize, text()).prop_map(|(level, t)| format!("{}- {t}", "  ".repeat(level))),
        2 => text(),
        1 => (1..200u32, text()).prop_map(|(n, t)| format!("{n}. {t}")),
        1 => text().prop_map(|t| format!("## {t}")),
        1 => text().prop_map(|t| format!("> {t}")),
        1 => prop::collection::vec(text(), 1..40).prop_map(|lines| format!("```\n{}\n```", lines.join("\n"))),
        1 => prop::collection::vec((word(), word()), 1..30).prop_map(|rows| {
            let body: Vec<String> = rows.iter().map(|(a, b)| format!("| {a} | {b} |")).collect();
            format!("| A | B |\n|---|--:|\n{}", body.join("\n"))
        }),
    ]
}

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 0..25).prop_map(|blocks| blocks.join("\n\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bodies_stay_inside_the_safe_area(body in body(), shrink in any::<bool>()) {
        let overflow = if shrink { "shrink" } else { "continue" };
        let manifest = format!(
            "[deck]\ntitle = \"Property\"\nfooter = \"f\"\n\n[[slide]]\ntitle = \"Random\"\noverflow = \"{overflow}\"\nbody = '''\n{body}\n'''\n"
        );
        let pages = match deck::lay_out(&manifest, Path::new("p.toml")) {
            Ok(pages) => pages,
            Err(f) => return Err(TestCaseError::fail(format!("{:?}", f.errors))),
        };
        prop_assert!(!pages.is_empty());
        let (left, top, right, bottom) = SAFE;
        for page in &pages {
            deck::layout::visit_lines(&page.nodes, &mut |line| {
                for run in &line.runs {
                    let (ascent, descent) = extent(run.font.0);
                    let ok = run.x >= left - 0.5
                        && run.x + run.width <= right + 0.5
                        && run.y - ascent * run.size >= top - 0.5
                        && run.y + descent * run.size <= bottom + 0.5;
                    assert!(ok, "page {}: {:?} at x {}..{}, baseline {} (size {})", page.number, run.text, run.x, run.x + run.width, run.y, run.size);
                }
            });
        }
    }
}
