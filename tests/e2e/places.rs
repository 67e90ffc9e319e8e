//! Mistakes inside a body are shown at their own line and column: in a
//! TOML string (escapes, line-ending backslashes and all) or in a Markdown
//! deck, with that line in the snippet.

use crate::harness::{deck, manifest, stderr};

/// Build `name` in `dir`; its messages, the build's summary line left out.
fn messages(dir: &std::path::Path, name: &str) -> String {
    let out = deck(dir, &["build", name]);
    let err = stderr(&out).replace(&format!("{}/", dir.display()), "DIR/");
    err.split("built ").next().unwrap_or_default().to_string()
}

#[test]
fn a_broken_link_in_a_multi_line_string_is_shown_at_its_line() {
    let dir = manifest(concat!(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"Context\"\nbody = \"\"\"\n",
        "- a \\\"quoted\\\" word, then [here](#nope)\n",
        "- a long line \\\n    that goes on [there](#nada)\n\"\"\"\n",
    ));
    assert_eq!(
        messages(dir.path(), "deck.toml"),
        "error: no slide has the id `nope`
  --> deck.toml:7:27
  |
7 | - a \\\"quoted\\\" word, then [here](#nope)
  |                           ^^^^^^^^^^^^^
  |
  = in slide 2 (“Context”)
  = give the target slide `id = \"…\"` and link with [text](#…)

error: no slide has the id `nada`
  --> deck.toml:9:18
  |
9 |     that goes on [there](#nada)
  |                  ^^^^^^^^^^^^^^
  |
  = in slide 2 (“Context”)
  = give the target slide `id = \"…\"` and link with [text](#…)

"
    );
}

#[test]
fn a_missing_picture_in_a_body_is_shown_at_its_line() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"Pictures\"\nbody = \"\"\"\nFirst a line.\n\n![a chart](chart.png)\n\"\"\"\n",
    );
    assert_eq!(
        messages(dir.path(), "deck.toml"),
        "error: image `chart.png`: no such file
  --> deck.toml:9:1
  |
9 | ![a chart](chart.png)
  | ^^^^^^^^^^^^^^^^^^^^^
  |
  = in slide 2 (“Pictures”)

"
    );
}

#[test]
fn an_unknown_code_language_is_shown_at_its_fence() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"Code\"\nbody = '''\nSome code:\n\n```klingon\nQapla'\n```\n'''\n",
    );
    assert_eq!(
        messages(dir.path(), "deck.toml"),
        "warning: no syntax highlighting for language `klingon`; the code is shown plain
  --> deck.toml:9:4
  |
9 | ```klingon
  |    ^^^^^^^
  |
  = in slide 2 (“Code”)
  = name the language as in a Markdown fence or by its file extension (rust, python, ts, toml, sh, console, …), or write `text` for plain code

"
    );
}

#[test]
fn a_character_no_font_has_is_shown_where_it_was_written_even_as_an_escape() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[output]\nsystem_fonts = false\n\n[[slide]]\ntitle = \"Logic\"\nbody = \"- For all: \\u2200x\"\n",
    );
    assert_eq!(
        messages(dir.path(), "deck.toml"),
        "warning: no font has a glyph for `∀` (U+2200); it is drawn as an empty box
  --> deck.toml:9:20
  |
9 | body = \"- For all: \\u2200x\"
  |                    ^^^^^^
  |
  = in slide 2 (“Logic”)
  = add a font that has it: [theme] fallback = [\"fonts/SomeFont.ttf\"], or install one on this machine

"
    );
}

#[test]
fn a_markdown_deck_shows_each_slip_at_its_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("talk.md"),
        "+++\n[deck]\ntitle = \"T\"\n+++\n\n# One\n\nText with <span>html</span> and ![icon](i.png) inline.\n\n---\n\n+++\ntitle = \"Two\"\nbody = \"see [y](#gone)\"\n+++\n",
    )
    .unwrap();
    assert_eq!(
        messages(dir.path(), "talk.md"),
        "warning: raw HTML is shown as text, not passed through
  --> talk.md:8:11
  |
8 | Text with <span>html</span> and ![icon](i.png) inline.
  |           ^^^^^^^^^^^^^^^^^
  |
  = in slide 2 (“One”) body
  = write Markdown instead, or escape the `<` as `\\<`

warning: inline images are not supported yet; showing the alt text
  --> talk.md:8:33
  |
8 | Text with <span>html</span> and ![icon](i.png) inline.
  |                                 ^^^^^^^^^^^^^^
  |
  = in slide 2 (“One”) body

error: no slide has the id `gone`
   --> talk.md:14:13
   |
14 | body = \"see [y](#gone)\"
   |             ^^^^^^^^^^
   |
   = in slide 3 (“Two”)
   = give the target slide `id = \"…\"` and link with [text](#…)

"
    );
}
