//! Code highlighting: blocks in the languages people put on slides come out
//! in several colours in the PDF (read back with mutool's trace of each
//! page) and in the HTML (the colours of the spans in each `<pre>`), the
//! usual aliases give the same colours as the full names, and an unknown
//! language is a warning with a hint.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::harness::{deck, stderr};

/// Build a Markdown deck with one slide per `(lang, code)` block into its
/// folder's `out/`; return the folder and stderr. The deck's title slide
/// comes first, so block `i` is on page `i + 2`.
fn build_blocks(blocks: &[(&str, &str)]) -> (tempfile::TempDir, String) {
    build_themed(blocks, "default")
}

/// [`build_blocks`] with the deck's `theme`.
fn build_themed(blocks: &[(&str, &str)], theme: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut md = format!("+++\n[deck]\ntitle = \"Code\"\ntheme = \"{theme}\"\n+++\n");
    for (i, (lang, code)) in blocks.iter().enumerate() {
        if i > 0 {
            md.push_str("\n---\n\n");
        }
        md.push_str(&format!("# Block {i}\n\n```{lang}\n{code}\n```\n"));
    }
    std::fs::write(dir.path().join("talk.md"), md).expect("write deck");
    let out = deck(dir.path(), &["build", "talk.md", "--out-dir", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, stderr(&out))
}

/// The fill colours of the code (JetBrains Mono) glyphs on `page`.
fn pdf_code_colours(pdf: &Path, page: usize) -> BTreeSet<String> {
    let out = Command::new("mutool")
        .args(["draw", "-F", "trace", "-o", "-"])
        .arg(pdf)
        .arg(page.to_string())
        .output()
        .expect("mutool runs (install Debian's mupdf-tools)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let trace = String::from_utf8_lossy(&out.stdout);
    let mut colours = BTreeSet::new();
    let mut colour = None;
    for line in trace.lines() {
        let line = line.trim_start();
        if line.starts_with("<fill_text") {
            colour = line.split("color=\"").nth(1).and_then(|rest| rest.split('"').next()).map(str::to_string);
        } else if line.starts_with("<span font=\"") && line.contains("JetBrainsMono") {
            colours.insert(colour.clone().expect("a fill_text before its span"));
        }
    }
    colours
}

/// The inside of each `<pre>` of the HTML, in order.
fn html_blocks(html: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(html).expect("read HTML");
    html.split("<pre").skip(1).map(|rest| rest.split("</pre>").next().unwrap_or("").to_string()).collect()
}

/// The colours of the spans of one `<pre>`.
fn html_colours(block: &str) -> BTreeSet<String> {
    block.split("color:").skip(1).map(|rest| rest.chars().take_while(|c| *c != '"' && *c != ';').collect()).collect()
}

const NEW_LANGUAGES: &[(&str, &str)] = &[
    ("toml", "[package]\nname = \"deck\" # the name\nversion = 1"),
    ("tsx", "const App = ({ n }: { n: number }) => <div className=\"x\">{n}</div>;"),
    ("dockerfile", "FROM rust:1.85 AS build\nRUN cargo build --release\nENTRYPOINT [\"deck\"]"),
    ("kotlin", "fun main() {\n    val s = \"hi\"\n    println(s)\n}"),
    ("zig", "const std = @import(\"std\");\npub fn main() void {}"),
    ("hcl", "resource \"aws_instance\" \"web\" {\n  ami   = var.ami\n  count = 2\n}"),
    ("console", "$ ls -l | grep deck\n-rw-r--r-- 1 me me 42 deck.toml"),
    ("diff", "--- a/x.rs\n+++ b/x.rs\n@@ -1 +1 @@\n-old\n+new"),
];

#[test]
fn newly_supported_languages_come_out_coloured_in_pdf_and_html() {
    let (dir, err) = build_blocks(NEW_LANGUAGES);
    assert!(!err.contains("warning"), "{err}");
    let pdf = dir.path().join("out/talk.pdf");
    let blocks = html_blocks(&dir.path().join("out/talk.html"));
    assert_eq!(blocks.len(), NEW_LANGUAGES.len());
    for (i, (lang, _)) in NEW_LANGUAGES.iter().enumerate() {
        let pdf_colours = pdf_code_colours(&pdf, i + 2);
        assert!(pdf_colours.len() > 1, "{lang} in the PDF: {pdf_colours:?}");
        let html_colours = html_colours(&blocks[i]);
        assert!(html_colours.len() > 1, "{lang} in the HTML: {html_colours:?}");
    }
}

#[test]
fn aliases_colour_like_the_full_names() {
    let pairs = [
        ("ts", "typescript", "let n: number = 1; // one"),
        ("js", "javascript", "const s = `x${1}`; // one"),
        ("sh", "bash", "for f in *.md; do echo \"$f\"; done"),
        ("yml", "yaml", "name: CI # build\non: [push]"),
        ("cs", "csharp", "var s = \"hi\"; // one"),
        ("kt", "kotlin", "val s = \"hi\" // one"),
    ];
    let blocks: Vec<(&str, &str)> =
        pairs.iter().flat_map(|(short, long, code)| [(*short, *code), (*long, *code)]).collect();
    let (dir, err) = build_blocks(&blocks);
    assert!(!err.contains("warning"), "{err}");
    let html = html_blocks(&dir.path().join("out/talk.html"));
    let pdf = dir.path().join("out/talk.pdf");
    for (i, (short, long, _)) in pairs.iter().enumerate() {
        let (alias, full) = (&html[2 * i], &html[2 * i + 1]);
        assert!(html_colours(alias).len() > 1, "{short}: {alias}");
        assert_eq!(alias, full, "{short} and {long}");
        assert_eq!(pdf_code_colours(&pdf, 2 * i + 2), pdf_code_colours(&pdf, 2 * i + 3), "{short} and {long}");
    }
}

/// The lines of a warning without the source snippet and the slide it is
/// in: its first line and its hints.
fn warning_lines(err: &str) -> Vec<String> {
    let start = err.find("warning: ").expect("a warning");
    let warning = err[start..].split("\n\n").next().unwrap_or("");
    let mut lines = vec![warning.lines().next().unwrap_or("").to_string()];
    lines.extend(
        warning
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("= "))
            .filter(|hint| !hint.starts_with("in slide"))
            .map(str::to_string),
    );
    lines
}

#[test]
fn an_unknown_language_warns_with_the_closest_name_and_the_way_to_name_one() {
    let (_dir, err) = build_blocks(&[("pyhton", "print(1)")]);
    assert_eq!(
        warning_lines(&err),
        [
            "warning: no syntax highlighting for language `pyhton`; the code is shown plain",
            "did you mean `python`?",
            "name the language as in a Markdown fence or by its file extension (rust, python, ts, toml, sh, \
             console, …), or write `text` for plain code",
        ],
        "{err}"
    );
    let (_dir, err) = build_blocks(&[("klingon", "qapla'")]);
    assert_eq!(
        warning_lines(&err),
        [
            "warning: no syntax highlighting for language `klingon`; the code is shown plain",
            "name the language as in a Markdown fence or by its file extension (rust, python, ts, toml, sh, \
             console, …), or write `text` for plain code",
        ],
        "{err}"
    );
}

#[test]
fn text_blocks_are_plain_without_a_warning() {
    let (dir, err) = build_blocks(&[("text", "let x = \"not highlighted\";"), ("", "let x = \"not highlighted\";")]);
    assert!(!err.contains("warning"), "{err}");
    let html = html_blocks(&dir.path().join("out/talk.html"));
    assert_eq!(html[0], html[1]);
    assert_eq!(html_colours(&html[0]).len(), 1, "{}", html[0]);
    let pdf = dir.path().join("out/talk.pdf");
    assert_eq!(pdf_code_colours(&pdf, 2).len(), 1);
    assert_eq!(pdf_code_colours(&pdf, 2), pdf_code_colours(&pdf, 3));
}

#[test]
fn a_dark_code_box_takes_the_dark_palette() {
    let block = [("rust", "fn main() { let s = \"hi\"; }")];
    let (light, _) = build_themed(&block, "default");
    let (dark, err) = build_themed(&block, "dark");
    assert!(!err.contains("warning"), "{err}");
    let colours = |dir: &tempfile::TempDir| html_colours(&html_blocks(&dir.path().join("out/talk.html"))[0]);
    // InspiredGitHub's keyword and string colours on the light box,
    // base16-ocean.dark's on the dark one.
    assert!(colours(&light).is_superset(&["#a71d5d", "#183691"].map(String::from).into()), "{:?}", colours(&light));
    assert!(colours(&dark).is_superset(&["#b48ead", "#a3be8c"].map(String::from).into()), "{:?}", colours(&dark));
}

#[test]
fn tabs_in_code_indent_to_every_fourth_column_in_pdf_and_html() {
    // gofmt indents with tabs, and a Makefile's recipe lines start with one.
    let (dir, _) = build_blocks(&[
        ("go", "func main() {\n\tif ok {\n\t\tgo run()\n\t}\n}"),
        ("text", "ab\tc\n\td"),
        ("makefile", "all: x\n\tcc -o x x.c"),
    ]);
    let pdf = dir.path().join("out/talk.pdf");
    let words = crate::harness::words(&pdf);
    let word = |page: usize, text: &str| {
        words.iter().find(|w| w.page == page && w.text == text).unwrap_or_else(|| panic!("{text} on page {page}"))
    };
    let columns_from = |start: &crate::harness::Word, other: &crate::harness::Word| {
        // JetBrains Mono: every character one column wide.
        let column = (start.x_max - start.x_min) / start.text.chars().count() as f32;
        (other.x_min - start.x_min) / column
    };
    let func = word(2, "func");
    for (text, columns) in [("if", 4.0), ("go", 8.0)] {
        let at = columns_from(func, word(2, text));
        assert!((at - columns).abs() < 0.1, "`{text}` at column {at}, not {columns}");
    }
    let ab = word(3, "ab");
    for (text, columns) in [("c", 4.0), ("d", 4.0)] {
        let at = columns_from(ab, word(3, text));
        assert!((at - columns).abs() < 0.1, "`{text}` at column {at}, not {columns}");
    }
    assert!(pdf_code_colours(&pdf, 4).len() > 1, "the Makefile is highlighted with its tabs");
    // The browser, left to itself, would put tab stops every 8 columns.
    let blocks = html_blocks(&dir.path().join("out/talk.html"));
    assert_eq!(blocks.len(), 3);
    assert!(blocks.iter().all(|b| !b.contains('\t')), "{blocks:?}");
}
