//! Markdown-file decks: a `.md` deck, `[deck] source` and `[[slide]] file`
//! give the same slides as a TOML manifest, and errors point into the
//! Markdown file.

use crate::harness::{build, deck, pdf_text, stderr};

#[test]
fn a_markdown_deck_reads_like_its_toml_twin() {
    let (_toml_dir, toml_pdf, _) = build("tests/decks/twin.toml");
    let (_md_dir, md_pdf, _) = build("tests/decks/twin.md");
    let (_parts_dir, parts_pdf, _) = build("tests/decks/twin-parts.toml");
    let expected = pdf_text(&toml_pdf, None);
    assert!(expected.contains("Bullets and code"), "{expected}");
    // The rule inside the code block stayed in the slide.
    assert!(expected.contains("# a rule inside code is not a separator\n---"), "{expected}");
    assert_eq!(pdf_text(&md_pdf, None), expected);
    assert_eq!(pdf_text(&parts_pdf, None), expected);
}

/// Write `files` into a fresh folder, build `target` there; expect exit 1
/// and exactly `expected` on stderr.
fn fails_with(files: &[(&str, &str)], target: &str, expected: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write file");
    }
    let out = deck(dir.path(), &["build", target]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), expected);
    assert!(!dir.path().join("out").exists(), "a failed build writes nothing");
}

const DECK: &str = "+++\n[deck]\ntitle = \"T\"\n+++\n# One\n\n---\n\n";

#[test]
fn an_unknown_key_in_a_slide_block_points_into_the_markdown_file() {
    fails_with(
        &[("talk.md", &format!("{DECK}+++\nlayout = \"statement\"\ntilte = \"x\"\n+++\n# Two\n"))],
        "talk.md",
        "error: unknown key `tilte` in the `+++` block of slide 3 (“Two”)
   --> talk.md:11:1
   |
11 | tilte = \"x\"
   | ^^^^^
   |
   = did you mean `title`?
   = known keys: `title`, `subtitle`, `layout`, `body`, `left`, `right`, `image`, `caption`, `fit`, `notes`, `overflow`, `id`, `reveal`, `lang`, `dir`, `file`

",
    );
}

#[test]
fn a_bad_value_in_a_slide_block_points_at_the_value() {
    fails_with(
        &[("talk.md", &format!("{DECK}+++\nlayout = \"bulets\"\n+++\n# Two\n"))],
        "talk.md",
        "error: unknown layout `bulets`
   --> talk.md:10:10
   |
10 | layout = \"bulets\"
   |          ^^^^^^^^
   |
   = did you mean `bullets`?
   = known: bullets, title, section, statement, two-column, image, closing, agenda

",
    );
}

#[test]
fn a_slide_block_that_is_not_closed() {
    fails_with(
        &[("talk.md", &format!("{DECK}+++\nlayout = \"statement\"\n# Two\n"))],
        "talk.md",
        "error: the `+++` block of slide 3 is not closed
  --> talk.md:9:1
  |
9 | +++
  | ^^^
  |
  = end the slide's keys with a line holding only `+++`

",
    );
}

#[test]
fn a_markdown_deck_without_a_title() {
    fails_with(
        &[("talk.md", "- just a list\n")],
        "talk.md",
        "error: the Markdown deck `talk.md` has no title
  --> talk.md:1:1
  |
1 | - just a list
  | ^
  |
  = start its first slide with a heading, `# My talk`, or give it front matter:
    ---
    title: My talk
    ---

",
    );
}

#[test]
fn a_missing_source_suggests_the_file_meant() {
    fails_with(
        &[("deck.toml", "[deck]\ntitle = \"T\"\nsource = \"slide.md\"\n"), ("slides.md", "# One\n")],
        "deck.toml",
        "error: Markdown file `slide.md`: no such file
  --> deck.toml:3:10
  |
3 | source = \"slide.md\"
  |          ^^^^^^^^^^
  |
  = did you mean `slides.md`?

",
    );
}

#[test]
fn an_included_file_must_stay_inside_the_deck_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inner = dir.path().join("deck");
    std::fs::create_dir(&inner).expect("folder");
    std::fs::write(dir.path().join("outside.md"), "# Out\n").expect("write");
    std::fs::write(inner.join("deck.toml"), "[deck]\ntitle = \"T\"\n\n[[slide]]\nfile = \"../outside.md\"\n")
        .expect("write");
    let out = deck(&inner, &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: Markdown file `../outside.md`: it is outside the deck's folder `"), "{err}");
    assert!(err.contains("5 | file = \"../outside.md\"\n  |        ^^^^^^^^^^^^^^^\n"), "{err}");
    assert!(
        err.contains(
            "= a deck reads files only inside the folder of its manifest; `--root DIR` allows a larger folder"
        ),
        "{err}"
    );
    let widened = deck(&inner, &["build", "deck.toml", "--root", ".."]);
    assert!(widened.status.success(), "{}", stderr(&widened));
}

#[test]
fn an_included_slide_takes_no_other_keys() {
    fails_with(
        &[
            ("deck.toml", "[deck]\ntitle = \"T\"\n\n[[slide]]\nfile = \"part.md\"\ntitle = \"x\"\n"),
            ("part.md", "# One\n"),
        ],
        "deck.toml",
        "error: a `[[slide]]` with `file` takes no other keys
  --> deck.toml:6:9
  |
6 | title = \"x\"
  |         ^^^
  |
  = give the included slides their keys in `+++` blocks in the Markdown file

",
    );
}

#[test]
fn a_body_key_and_markdown_below_the_block_conflict() {
    fails_with(
        &[("talk.md", &format!("{DECK}+++\nbody = \"- a\"\n+++\n# Two\n- b\n"))],
        "talk.md",
        "error: slide 3 (“Two”) has a `body` key and Markdown below its `+++` block
   --> talk.md:10:8
   |
10 | body = \"- a\"
   |        ^^^^^
   |
   = keep one: the Markdown below the block is the body

",
    );
}

#[test]
fn slides_in_the_deck_block_are_refused() {
    fails_with(
        &[("talk.md", "+++\n[deck]\ntitle = \"T\"\n[[slide]]\ntitle = \"x\"\n+++\n# One\n")],
        "talk.md",
        "error: a Markdown deck's `+++` block holds no `[[slide]]` tables
  --> talk.md:4:1
  |
4 | [[slide]]
  | ^^^^^^^^^
  |
  = write the slides below the block, separated by lines holding only `---`

",
    );
}

#[test]
fn markdown_errors_point_at_their_line_in_the_file() {
    let deep = ">".repeat(17);
    fails_with(
        &[("talk.md", &format!("{DECK}# Two\n\n{deep} x\n"))],
        "talk.md",
        &format!(
            "error: lists and quotes are nested more than 16 levels deep
   --> talk.md:11:1
   |
11 | {deep} x
   | ^^^^^^^^^^^^^^^^^^^
   |
   = in slide 3 (“Two”) body
   = flatten the structure; no slide can show that many levels

"
        ),
    );
}

#[test]
fn a_deck_block_that_is_not_closed() {
    fails_with(
        &[("talk.md", "+++\n[deck]\ntitle = \"T\"\n# One\n")],
        "talk.md",
        "error: the deck's `+++` block is not closed
  --> talk.md:1:1
  |
1 | +++
  | ^^^
  |
  = end the `[deck]` table with a line holding only `+++`

",
    );
}

#[test]
fn a_markdown_deck_has_no_source() {
    fails_with(
        &[("talk.md", "+++\n[deck]\ntitle = \"T\"\nsource = \"more.md\"\n+++\n# One\n")],
        "talk.md",
        "error: a Markdown deck has no `source`: its slides follow its `+++` block
  --> talk.md:4:10
  |
4 | source = \"more.md\"
  |          ^^^^^^^^^

",
    );
}

#[test]
fn a_slide_block_cannot_include_files() {
    fails_with(
        &[("talk.md", &format!("{DECK}+++\nfile = \"more.md\"\n+++\n"))],
        "talk.md",
        "error: `file` cannot be used in the `+++` block of slide 3
   --> talk.md:10:8
   |
10 | file = \"more.md\"
   |        ^^^^^^^^^
   |
   = include Markdown files from the TOML manifest: [[slide]] file = \"part.md\"

",
    );
}

#[test]
fn notes_key_and_notes_line_conflict() {
    fails_with(
        &[("talk.md", &format!("{DECK}+++\nnotes = \"a\"\n+++\n# Two\n???\nb\n"))],
        "talk.md",
        "error: slide 3 (“Two”) has a `notes` key and notes after `???`
   --> talk.md:13:1
   |
13 | ???
   | ^^^
   |
   = keep one: the text after the `???` line is the notes

",
    );
}

#[test]
fn an_unknown_reveal_suggests_the_one_meant() {
    fails_with(
        &[("talk.md", &format!("{DECK}+++\nreveal = \"item\"\n+++\n# Two\n- a\n"))],
        "talk.md",
        "error: unknown reveal `item`
   --> talk.md:10:10
   |
10 | reveal = \"item\"
   |          ^^^^^^
   |
   = did you mean `items`?
   = known: all, items

",
    );
}

#[test]
fn an_include_that_is_a_folder_or_not_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("part.md")).expect("folder");
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n").expect("write");
    let manifest = "[deck]\ntitle = \"T\"\n\n[[slide]]\nfile = \"part.md\"\n\n[[slide]]\nfile = \"latin1.md\"\n";
    std::fs::write(dir.path().join("deck.toml"), manifest).expect("write");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: Markdown file `part.md`: it is a folder
  --> deck.toml:5:8
  |
5 | file = \"part.md\"
  |        ^^^^^^^^^

error: Markdown file `latin1.md`: it is not UTF-8 text (byte 0xE9 at line 1, column 6)
  --> deck.toml:8:8
  |
8 | file = \"latin1.md\"
  |        ^^^^^^^^^^^

"
    );
}

#[test]
fn an_include_larger_than_the_limit_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let huge = std::fs::File::create(dir.path().join("huge.md")).expect("create");
    huge.set_len(17 << 20).expect("a sparse 17 MB file");
    std::fs::write(dir.path().join("deck.toml"), "[deck]\ntitle = \"T\"\nsource = \"huge.md\"\n").expect("write");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: Markdown file `huge.md`: it is 17 MB; deck reads Markdown files up to 16 MB
  --> deck.toml:3:10
  |
3 | source = \"huge.md\"
  |          ^^^^^^^^^

"
    );
}

#[test]
fn deck_settings_in_an_included_file_are_left_out_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("marp.md"), "---\nmarp: true\ntheme: gaia\n---\n\n# One\n\n- a\n").expect("write");
    std::fs::write(dir.path().join("deck.toml"), "[deck]\ntitle = \"T\"\nsource = \"marp.md\"\n").expect("write");
    let out = deck(dir.path(), &["check", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(report.contains("slide   2  page   2  bullets    One\n2 slides, 2 pages, 1 warning"), "{report}");
    assert_eq!(
        stderr(&out),
        "warning: `theme` in the YAML block of slide 2 (“One”) is left out: it is a setting of the whole deck
  --> marp.md:3:1
  |
3 | theme: gaia
  | ^^^^^
  |
  = set it in the front matter of a Markdown deck, or in the manifest's `[deck]` table

"
    );
}

#[test]
fn every_mistake_in_a_markdown_decks_blocks_is_told_in_one_run() {
    // The keys in file order, then the values checked: a layout's name.
    // With no `title` in `[deck]`, the first heading is the title and
    // there is no automatic title slide: "Two" is slide 2.
    let talk = "+++\ntitle = \"T\"\n[deck]\nauthor = 5\n[output]\nwat = true\n+++\n\n# One\n\n---\n\n+++\nlayout = \"nope\"\nzzz = 1\n+++\n# Two\n";
    fails_with(
        &[("talk.md", talk)],
        "talk.md",
        "error: unknown key `title` in the deck's `+++` block
  --> talk.md:2:1
  |
2 | title = \"T\"
  | ^^^^^
  |
  = known keys: `deck`, `theme`, `output`, `slide`
  = `title` is a key of `[deck]`: write `[deck]` on a line above it

error: wrong type for `author` in `[deck]`: expected a string, found integer `5`
  --> talk.md:4:10
  |
4 | author = 5
  |          ^

error: unknown key `wat` in `[output]`
  --> talk.md:6:1
  |
6 | wat = true
  | ^^^
  |
  = known keys: `formats`, `dir`, `name`, `notes`, `system_fonts`

error: unknown key `zzz` in the `+++` block of slide 2 (“Two”)
   --> talk.md:15:1
   |
15 | zzz = 1
   | ^^^
   |
   = known keys: `title`, `subtitle`, `layout`, `body`, `left`, `right`, `image`, `caption`, `fit`, `notes`, `overflow`, `id`, `reveal`, `lang`, `dir`, `file`

error: unknown layout `nope`
   --> talk.md:14:10
   |
14 | layout = \"nope\"
   |          ^^^^^^
   |
   = known: bullets, title, section, statement, two-column, image, closing, agenda

",
    );
}
