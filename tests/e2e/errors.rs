//! Bad input: exit code 1 (2 for bad usage) and the exact message.

use crate::harness::{Deck, manifest};

/// Build `text` as `deck.toml`; expect exit 1 and exactly `expected` on stderr.
fn fails_with(text: &str, expected: &str) {
    let dir = manifest(text);
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(expected);
    assert!(!dir.path().join("out").exists(), "a failed build writes nothing");
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    fails_with(
        "[deck]\ntitle = \"GFMD\n",
        "error: TOML syntax error: invalid basic string, expected `\"`
  --> deck.toml:2:14
  |
2 | title = \"GFMD
  |              ^

",
    );
}

#[test]
fn unknown_key_suggests_the_key_meant() {
    fails_with(
        "[deck]\ntilte = \"GFMD\"\n",
        "error: unknown key `tilte` in `[deck]`
  --> deck.toml:2:1
  |
2 | tilte = \"GFMD\"
  | ^^^^^
  |
  = did you mean `title`?
  = known keys: `title`, `subtitle`, `author`, `date`, `lang`, `dir`, `theme`, `aspect`, `title_slide`, `footer`, `subject`, `keywords`, `source`

",
    );
}

#[test]
fn unknown_slide_key_names_the_slide() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"a\"\n\n[[slide]]\nbdy = \"- x\"\n",
        "error: unknown key `bdy` in slide 3
  --> deck.toml:8:1
  |
8 | bdy = \"- x\"
  | ^^^
  |
  = did you mean `body`?
  = known keys: `title`, `subtitle`, `layout`, `body`, `left`, `right`, `image`, `caption`, `fit`, `notes`, `overflow`, `id`, `reveal`, `lang`, `dir`, `file`

",
    );
}

#[test]
fn wrong_type_says_what_was_expected() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = 3\n",
        "error: wrong type for `title` in slide 2: expected a string, found integer `3`
  --> deck.toml:5:9
  |
5 | title = 3
  |         ^

",
    );
}

#[test]
fn missing_deck_title() {
    fails_with(
        "[deck]\nauthor = \"A\"\n",
        "error: `[deck]` has no `title`
  --> deck.toml:1:1
  |
1 | [deck]
  | ^^^^^^
  |
  = add a line such as: title = \"My talk\"

",
    );
}

#[test]
fn empty_file_has_no_deck_table() {
    fails_with(
        "",
        "error: the manifest has no `[deck]` table
  --> deck.toml:1:1
  |
1 | 
  | ^
  |
  = start the file with:
    [deck]
    title = \"My talk\"

",
    );
}

#[test]
fn unknown_layout_suggests_one() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"bulets\"\n",
        "error: unknown layout `bulets`
  --> deck.toml:5:10
  |
5 | layout = \"bulets\"
  |          ^^^^^^^^
  |
  = did you mean `bullets`?
  = known: bullets, title, section, statement, two-column, image, closing, agenda

",
    );
}

#[test]
fn an_image_slide_needs_an_image() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\n",
        "error: an `image` slide needs an `image` key
  --> deck.toml:4:1
  |
4 | [[slide]]
  | ^^^^^^^^^
  |
  = add a line such as: image = \"photo.jpg\" (a path relative to the manifest)

",
    );
}

#[test]
fn unknown_fit() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"a.png\"\nfit = \"fill\"\n",
        "error: unknown fit `fill`
  --> deck.toml:7:7
  |
7 | fit = \"fill\"
  |       ^^^^^^
  |
  = known: contain, cover

",
    );
}

#[test]
fn unknown_overflow_policy() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\noverflow = \"shrnk\"\n",
        "error: unknown overflow `shrnk`
  --> deck.toml:5:12
  |
5 | overflow = \"shrnk\"
  |            ^^^^^^^
  |
  = did you mean `shrink`?
  = known: continue, shrink, error

",
    );
}

#[test]
fn unknown_theme_suggests_a_built_in_one() {
    fails_with(
        "[deck]\ntitle = \"T\"\ntheme = \"defualt\"\n",
        "error: unknown theme `defualt`
  --> deck.toml:3:9
  |
3 | theme = \"defualt\"
  |         ^^^^^^^^^
  |
  = did you mean `default`?
  = built-in themes: default, dark, institutional, contrast; or give a path to a theme .toml file

",
    );
}

#[test]
fn invalid_theme_colour() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[theme]\naccent = \"blue\"\n",
        "error: invalid colour `blue` for theme key `accent`
  --> deck.toml:5:10
  |
5 | accent = \"blue\"
  |          ^^^^^^
  |
  = write colours as \"#rrggbb\" or \"#rgb\"

",
    );
}

#[test]
fn unknown_output_format() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[output]\nformats = [\"pdf\", \"docx\"]\n",
        "error: unknown format `docx`
  --> deck.toml:5:19
  |
5 | formats = [\"pdf\", \"docx\"]
  |                   ^^^^^^
  |
  = known: pdf, html, pptx

",
    );
}

#[test]
fn overflow_error_names_the_slide_and_the_excess() {
    let body: String = (0..30).map(|i| format!("- item {i}\n")).collect();
    let text = format!(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"Long\"\noverflow = \"error\"\nbody = \"\"\"\n{body}\"\"\"\n"
    );
    let dir = manifest(&text);
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr();
    let first = err.lines().next().unwrap();
    assert!(first.starts_with("error: slide 2 (“Long”) does not fit: its body is "), "{err}");
    assert!(first.ends_with(" pt too tall for the 348 pt available"), "{err}");
    assert!(err.contains("--> deck.toml:4:1"), "{err}");
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    Deck::in_dir(dir.path())
        .args(["build", "nope.toml"])
        .fails(1)
        .stderr_is("error: cannot read `nope.toml`: no such file\n\n");
}

#[test]
fn binary_input_is_refused_as_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("deck.toml"), b"[deck]\ntitle = \"\xff\xfe\"\n").unwrap();
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(
        "error: `deck.toml` is not UTF-8 text (byte 0xFF at line 2, column 10)\n = save the manifest as UTF-8\n\n",
    );
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    Deck::in_dir(dir.path()).args(["build"]).fails(2).stderr_has("required arguments were not provided");
    Deck::in_dir(dir.path())
        .args(["build", "x.toml", "--format", "docx"])
        .fails(2)
        .stderr_has("invalid value 'docx' for '--format <FORMAT>'");
}

#[test]
fn raw_html_is_a_warning_not_an_error() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"a <b>bold</b> claim\"\n");
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).succeeds().stderr();
    assert!(err.contains("\nbuilt 2 slides"), "{err}");
    assert_eq!(
        err.split("built 2 slides").next().unwrap_or_default(),
        "warning: raw HTML is shown as text, not passed through
  --> deck.toml:6:11
  |
6 | body = \"a <b>bold</b> claim\"
  |           ^^^^^^^^^^^
  |
  = in slide 2 (“S”) body
  = write Markdown instead, or escape the `<` as `\\<`

"
    );
}

#[test]
fn theme_sizes_out_of_range() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[theme]\ntitle_size = 400\n",
        "error: theme value 400 for `title_size` is out of range
  --> deck.toml:5:14
  |
5 | title_size = 400
  |              ^^^
  |
  = `title_size` must lie between 8 and 96

",
    );
}

#[test]
fn missing_files_suggest_the_name_meant() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[theme]\nfallback = [\"Noto.ttf\"]\n\n[[slide]]\nbody = \"![p](photo.jpeg)\"\n",
    );
    std::fs::write(dir.path().join("photo.jpg"), b"x").unwrap();
    std::fs::write(dir.path().join("NotoSans.ttf"), b"x").unwrap();
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr();
    assert!(err.contains("error: fallback font `"), "{err}");
    assert!(err.contains("= did you mean `NotoSans.ttf`?"), "{err}");
    // Fonts are checked before pictures: fix the font, then the picture speaks.
    std::fs::write(dir.path().join("deck.toml"), "[deck]\ntitle = \"T\"\n\n[[slide]]\nbody = \"![p](photo.jpeg)\"\n")
        .unwrap();
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr();
    assert!(err.starts_with("error: image `photo.jpeg`: no such file\n"), "{err}");
    assert!(err.contains("= did you mean `photo.jpg`?"), "{err}");
}

#[test]
fn an_oversized_picture_is_refused_before_decoding() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"huge.png\"\n");
    // A PNG header claiming 20 000 × 20 000 pixels (400 megapixels).
    std::fs::write(dir.path().join("huge.png"), png_header(20_000, 20_000)).unwrap();
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr();
    assert!(
        err.starts_with("error: image `huge.png`: 20000 × 20000 pixels is more than deck decodes (96 megapixels)\n"),
        "{err}"
    );
}

/// A PNG file whose header claims `width` × `height` RGB pixels and whose
/// data holds none: refused or counted before anything is decoded.
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(width.to_be_bytes());
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png.extend((13u32).to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    for chunk in [b"IDAT", b"IEND"] {
        png.extend(0u32.to_be_bytes());
        png.extend(chunk);
        png.extend(crc32(chunk).to_be_bytes());
    }
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn an_output_that_cannot_be_written_names_its_path() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"A\"\n");
    std::fs::create_dir_all(dir.path().join("out/deck.pdf")).expect("a folder where the PDF goes");
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml", "--format", "pdf"]).fails(1).stderr();
    assert!(err.starts_with("error: cannot write `out/deck.pdf`: "), "{err}");
    assert!(dir.path().join("out/deck.pdf").is_dir(), "the folder in the way is left as it was");
    let left: Vec<_> =
        std::fs::read_dir(dir.path().join("out")).expect("out").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("deck.pdf")], "no temporary file is left behind");
}

#[test]
fn every_mistake_in_a_manifest_is_reported_in_one_run() {
    fails_with(
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"Context\"\nbdy = \"- x\"\n\n[[slide]]\ntitle = 3\nlayout = \"bulets\"\n\n[[slide]]\nlayout = \"sectoin\"\ncolour = \"red\"\n",
        "error: unknown key `bdy` in slide 2 (“Context”)
  --> deck.toml:6:1
  |
6 | bdy = \"- x\"
  | ^^^
  |
  = did you mean `body`?
  = known keys: `title`, `subtitle`, `layout`, `body`, `left`, `right`, `image`, `caption`, `fit`, `notes`, `overflow`, `id`, `reveal`, `lang`, `dir`, `file`

error: wrong type for `title` in slide 3: expected a string, found integer `3`
  --> deck.toml:9:9
  |
9 | title = 3
  |         ^

error: unknown key `colour` in slide 4
   --> deck.toml:14:1
   |
14 | colour = \"red\"
   | ^^^^^^
   |
   = known keys: `title`, `subtitle`, `layout`, `body`, `left`, `right`, `image`, `caption`, `fit`, `notes`, `overflow`, `id`, `reveal`, `lang`, `dir`, `file`

error: unknown layout `bulets`
   --> deck.toml:10:10
   |
10 | layout = \"bulets\"
   |          ^^^^^^^^
   |
   = did you mean `bullets`?
   = known: bullets, title, section, statement, two-column, image, closing, agenda

error: unknown layout `sectoin`
   --> deck.toml:13:10
   |
13 | layout = \"sectoin\"
   |          ^^^^^^^^^
   |
   = did you mean `section`?
   = known: bullets, title, section, statement, two-column, image, closing, agenda

",
    );
}

#[test]
fn every_table_is_checked_and_nested_keys_are_named_in_full() {
    fails_with(
        "[deck]\ntilte = \"T\"\nslides = 2\n\n[theme]\nfonts = { regular = 1 }\n\n[slides]\nx = 1\n",
        "error: unknown key `tilte` in `[deck]`
  --> deck.toml:2:1
  |
2 | tilte = \"T\"
  | ^^^^^
  |
  = did you mean `title`?
  = known keys: `title`, `subtitle`, `author`, `date`, `lang`, `dir`, `theme`, `aspect`, `title_slide`, `footer`, `subject`, `keywords`, `source`

error: unknown key `slides` in `[deck]`
  --> deck.toml:3:1
  |
3 | slides = 2
  | ^^^^^^
  |
  = known keys: `title`, `subtitle`, `author`, `date`, `lang`, `dir`, `theme`, `aspect`, `title_slide`, `footer`, `subject`, `keywords`, `source`

error: wrong type for `fonts.regular` in `[theme]`: expected a string, found integer `1`
  --> deck.toml:6:21
  |
6 | fonts = { regular = 1 }
  |                     ^

error: unknown key `slides` in the top level
  --> deck.toml:8:2
  |
8 | [slides]
  |  ^^^^^^
  |
  = did you mean `slide`?
  = known keys: `deck`, `theme`, `output`, `slide`

",
    );
}

#[test]
fn single_brackets_for_slides_are_named_as_the_slip() {
    let expected = |line: usize| {
        format!(
            "error: slides are written `[[slide]]`, with two brackets
  --> deck.toml:{line}:1
  |
{line} | [slide]
  | ^^^^^^^
  |
  = `[[slide]]` starts a new slide each time; `[slide]` names one table, which cannot be given twice

"
        )
    };
    fails_with("[deck]\ntitle = \"T\"\n\n[slide]\ntitle = \"a\"\n", &expected(4));
    fails_with("[deck]\ntitle = \"T\"\n\n[slide]\ntitle = \"a\"\n\n[slide]\ntitle = \"b\"\n", &expected(7));
}

#[test]
fn an_unclosed_multi_line_string_is_shown_where_it_opens() {
    let expected = |quotes: &str| {
        format!(
            "error: this `{quotes}` string is never closed
  --> deck.toml:6:8
  |
6 | body = {quotes}
  |        ^^^
  |
  = end it with `{quotes}`; everything after it was read as part of the string

"
        )
    };
    let text = |q: &str| {
        format!(
            "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"One\"\nbody = {q}\n- a\n\n[[slide]]\ntitle = \"Two\"\nbody = {q}\n- b\n{q}\n"
        )
    };
    fails_with(&text("\"\"\""), &expected("\"\"\""));
    fails_with(&text("'''"), &expected("'''"));
}

#[test]
fn an_unquoted_aspect_is_told_to_be_quoted() {
    fails_with(
        "[deck]\ntitle = \"T\"\naspect = 16:9\n",
        "error: the value of `aspect` needs quotes
  --> deck.toml:3:10
  |
3 | aspect = 16:9
  |          ^^^^
  |
  = quote it: aspect = \"16:9\"

",
    );
}

#[test]
fn a_key_given_twice_is_named_with_its_table() {
    fails_with(
        "[deck]\ntitle = \"A\"\ntitle = \"B\"\n",
        "error: key `title` is given twice in `[deck]`
  --> deck.toml:3:1
  |
3 | title = \"B\"
  | ^^^^^
  |
  = keep one: each key is set once in its table

",
    );
}

#[test]
fn a_wrong_type_under_a_sub_table_header_names_its_key_and_keeps_the_rest_of_the_table() {
    // The rest of `[theme]` is still read: a wrong font leaves the accent
    // beside it checked (the second case finds both).
    fails_with(
        "[deck]\ntitle = \"A\"\n\n[theme]\naccent = \"#1F5FBF\"\n\n[theme.fonts]\nregular = 3\n",
        "error: wrong type for `regular` in `[theme.fonts]`: expected a string, found integer `3`
  --> deck.toml:8:11
  |
8 | regular = 3
  |           ^

",
    );
    fails_with(
        "[deck]\ntitle = \"A\"\n\n[theme]\naccent = \"nope\"\nfonts = { regular = 3 }\n",
        "error: wrong type for `fonts.regular` in `[theme]`: expected a string, found integer `3`
  --> deck.toml:6:21
  |
6 | fonts = { regular = 3 }
  |                     ^

error: invalid colour `nope` for theme key `accent`
  --> deck.toml:5:10
  |
5 | accent = \"nope\"
  |          ^^^^^^
  |
  = write colours as \"#rrggbb\" or \"#rgb\"

",
    );
}

#[test]
fn a_build_that_cannot_write_every_output_changes_none() {
    let dir = manifest("[deck]\ntitle = \"First\"\n\n[[slide]]\ntitle = \"A\"\n");
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).succeeds();
    let before = std::fs::read(dir.path().join("out/deck.pdf")).unwrap();
    // The HTML cannot be replaced: a folder stands where it goes.
    std::fs::remove_file(dir.path().join("out/deck.html")).unwrap();
    std::fs::create_dir(dir.path().join("out/deck.html")).unwrap();
    std::fs::write(dir.path().join("deck.toml"), "[deck]\ntitle = \"Second\"\n\n[[slide]]\ntitle = \"A\"\n").unwrap();
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr();
    assert!(err.starts_with("error: cannot write `out/deck.html`: "), "{err}");
    assert!(std::fs::read(dir.path().join("out/deck.pdf")).unwrap() == before, "the PDF is the first build's");
    let mut left: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["deck.html", "deck.pdf"], "no temporary file is left");
}

#[test]
fn a_killed_builds_temporary_files_are_removed_by_the_next_build() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"A\"\n");
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    // Process 4194304 cannot exist (above Linux's largest pid); this test's own runs.
    let dead = dir.path().join("out/.deck.pdf.4194304.tmp");
    let running = dir.path().join(format!("out/.deck.pdf.{}.tmp", std::process::id()));
    std::fs::write(&dead, "half a PDF").unwrap();
    std::fs::write(&running, "another build's").unwrap();
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).succeeds();
    assert!(!dead.exists(), "the dead build's temporary file is gone");
    assert!(running.exists(), "a running build's is left alone");
}

#[test]
fn text_that_is_not_utf8_is_placed_by_line_and_column_wherever_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // A theme file in Latin-1 after UTF-8 on the same line: columns count
    // characters, not bytes.
    std::fs::write(dir.path().join("deck.toml"), "[deck]\ntitle = \"T\"\ntheme = \"look.toml\"\n").unwrap();
    std::fs::write(dir.path().join("look.toml"), b"# notes\nextends = \"default\" # \xc3\xa9t\xc3\xa9 caf\xe9\n")
        .unwrap();
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr();
    assert!(
        err.starts_with(
            "error: cannot read theme file `look.toml`: it is not UTF-8 text (byte 0xE9 at line 2, column 30)\n"
        ),
        "{err}"
    );
    // A character cut short at the end of a manifest.
    std::fs::write(dir.path().join("deck.toml"), b"[deck]\ntitle = \"\xe2\x82").unwrap();
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(
        "error: `deck.toml` is not UTF-8 text (byte 0xE2 at line 2, column 10)\n = save the manifest as UTF-8\n\n",
    );
}

#[test]
fn a_deck_reads_at_most_32_mb_of_text_in_all_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    // 11 MB each (a code fence, quick to read): the third inclusion would
    // make 33 MB, and the ones after it are not reported one by one.
    let fence = format!("```\n{}\n```\n", "x".repeat(11 << 20));
    std::fs::write(dir.path().join("big.md"), &fence).unwrap();
    let slides = "\n[[slide]]\nfile = \"big.md\"\n".repeat(5);
    std::fs::write(dir.path().join("deck.toml"), format!("[deck]\ntitle = \"T\"\n{slides}")).unwrap();
    let err = Deck::in_dir(dir.path()).args(["check", "deck.toml"]).fails(1).stderr();
    let message = "reading it would bring the deck's text to 33 MB; deck reads at most 32 MB of text for one deck (manifest, Markdown and theme files together)";
    assert!(err.starts_with(&format!("error: Markdown file `big.md`: {message}\n   --> deck.toml:11:8\n")), "{err}");
    // (Each file read is also too long for one slide: those errors stand.)
    assert_eq!(err.matches("reading it would bring").count(), 1, "{err}");
    // A theme file counts too.
    let slides = "\n[[slide]]\nfile = \"big.md\"\n".repeat(2);
    std::fs::write(dir.path().join("deck.toml"), format!("[deck]\ntitle = \"T\"\ntheme = \"look.toml\"\n{slides}"))
        .unwrap();
    std::fs::write(dir.path().join("look.toml"), format!("#{}\nextends = \"default\"\n", " ".repeat(11 << 20)))
        .unwrap();
    let err = Deck::in_dir(dir.path()).args(["check", "deck.toml"]).fails(1).stderr();
    assert!(err.contains(&format!("error: cannot read theme file `look.toml`: {message}\n")), "{err}");
}

#[test]
fn a_deck_of_more_than_a_quarter_of_a_million_lines_of_markdown_is_refused_at_once() {
    // Four million bullets took 52 s and 7.2 GB before. Here five bodies
    // of 52,000 lines (blank, quick to read): the fifth passes the limit,
    // and is not parsed.
    let dir = tempfile::tempdir().unwrap();
    let slides: String =
        (0..5).map(|n| format!("\n[[slide]]\ntitle = \"S{n}\"\nbody = '''\n{}'''\n", "\n".repeat(52_000))).collect();
    std::fs::write(dir.path().join("deck.toml"), format!("[deck]\ntitle = \"T\"\n{slides}")).unwrap();
    Deck::in_dir(dir.path()).args(["check", "deck.toml"]).fails(1).stderr_is(
        "error: the deck's Markdown goes past 250000 lines here; deck lays out at most that many for one deck
       --> deck.toml:208026:8
       |
208026 | body = '''
       |        ^
       |
       = split it into several decks

",
    );
}

#[test]
fn a_slide_text_over_256_kb_and_a_deck_over_5000_pages_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let body = "word ".repeat(60_000);
    std::fs::write(
        dir.path().join("deck.toml"),
        format!("[deck]\ntitle = \"T\"\n\n[[slide]]\nbody = '''\n{body}'''\n"),
    )
    .unwrap();
    Deck::in_dir(dir.path()).args(["check", "deck.toml"]).fails(1).stderr_is(
        "error: this text is 292 KB; a slide's body, column or notes hold at most 256 KB
  --> deck.toml:5:8
  |
5 | body = '''
  |        ^
  |
  = split it over several slides

",
    );
    // 45 slides of 1,000 bullets continue onto some 125 pages each.
    let slides: String =
        (0..45).map(|n| format!("\n[[slide]]\ntitle = \"S{n}\"\nbody = '''\n{}'''\n", "- x\n".repeat(1000))).collect();
    std::fs::write(dir.path().join("deck.toml"), format!("[deck]\ntitle = \"T\"\n{slides}")).unwrap();
    let err = Deck::in_dir(dir.path()).args(["check", "deck.toml"]).fails(1).stderr();
    assert!(
        err.starts_with(
            "error: the deck makes more than 5000 pages by slide 41 (“S39”); deck lays out at most that many\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("= split it into several decks, or shorten the slides that continue onto many pages"),
        "{err}"
    );
}

#[test]
fn a_deck_whose_pictures_hold_over_3000_megapixels_is_refused_before_any_is_decoded() {
    // 34 pictures whose headers say 9,000 × 10,000 pixels (the files hold
    // no pixels: none is decoded).
    let slides: String = (0..34).map(|n| format!("\n[[slide]]\nlayout = \"image\"\nimage = \"p{n}.png\"\n")).collect();
    let dir = manifest(&format!("[deck]\ntitle = \"T\"\n{slides}"));
    let png = png_header(9_000, 10_000);
    for n in 0..34 {
        std::fs::write(dir.path().join(format!("p{n}.png")), &png).unwrap();
    }
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is(
        "error: the deck's pictures hold 3060 megapixels; deck decodes at most 3000 megapixels for one deck
 = scale the photos down before adding them (2,000 pixels wide fill a slide), or split the deck

",
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
}
