//! Where `deck build` writes and what it reads: `-o FILE` (the format from
//! the extension), `-o -` (standard output), `-` (a deck on standard
//! input), several decks in one command, `--open`, and the summary line's
//! counts.

use std::path::Path;

use crate::harness::{Deck, deck, deck_command, deck_stdin, page_count, pdf_text, root, stderr, stdout};

const REVEAL: &str = "tests/decks/reveal.toml";

/// The summary line without its time ("… in 12 ms"), which varies.
fn untimed(line: &str) -> String {
    let (rest, time) = line.trim_end().rsplit_once(" in ").unwrap_or_else(|| panic!("no time in {line:?}"));
    assert!(time.ends_with(" ms"), "{line:?}");
    rest.to_string()
}

/// The sizes in a summary line ("(12 KB)") as "(N KB)".
fn sizeless(line: &str) -> String {
    let mut out = String::new();
    for (i, part) in line.split(" (").enumerate() {
        if i > 0 {
            out.push_str(" (");
            match part.split_once(" KB)") {
                Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => {
                    out.push_str("N KB)");
                    out.push_str(rest);
                }
                _ => out.push_str(part),
            }
        } else {
            out.push_str(part);
        }
    }
    out
}

fn usage_error(args: &[&str], message: &str) {
    let out = deck(&root(), args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("error: {message}\n\nUsage: deck build [OPTIONS] <FILE>...\n\nFor more information, try '--help'.\n"),
        "{args:?}"
    );
}

#[test]
fn dash_o_writes_one_file_in_the_format_of_its_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("sub/talk.pdf");
    let out = deck(&root(), &["build", REVEAL, "-o", pdf.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sizeless(&untimed(&stderr(&out))), format!("built 3 slides, 3 pages: {} (N KB)", pdf.display()));
    assert_eq!(page_count(&pdf), 3);
    assert_eq!(std::fs::read_dir(dir.path().join("sub")).expect("folder").count(), 1, "only the PDF");
    // .htm is HTML too; notes go beside the file, named after it.
    let html = dir.path().join("talk.HTM");
    let out = deck(&root(), &["build", REVEAL, "--output", html.to_str().expect("utf-8"), "--notes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&html).expect("html");
    assert!(text.starts_with("<!DOCTYPE html>"), "{}", &text[..40]);
    assert!(pdf_text(&dir.path().join("talk-notes.pdf"), Some(2)).contains("Three steps"));
}

#[test]
fn dash_o_dash_writes_the_one_format_to_standard_output() {
    let out = deck(&root(), &["build", REVEAL, "-o", "-", "--format", "pdf", "--steps"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.starts_with(b"%PDF-"), "{:?}", &out.stdout[..8]);
    // A page per step, as the summary counts them.
    assert_eq!(sizeless(&untimed(&stderr(&out))), "built 3 slides, 5 pages: standard output (N KB)");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("out.pdf");
    std::fs::write(&pdf, &out.stdout).expect("write");
    assert_eq!(page_count(&pdf), 5);
    let out = deck(&root(), &["build", REVEAL, "-o", "-", "--format", "html"]);
    assert!(stdout(&out).starts_with("<!DOCTYPE html>"));
    assert_eq!(sizeless(&untimed(&stderr(&out))), "built 3 slides, 3 pages: standard output (N KB)");
}

#[test]
fn the_summary_counts_the_pdf_pages_with_steps_and_says_one_slide() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().to_str().expect("utf-8");
    let out = deck(&root(), &["build", REVEAL, "--steps", "--out-dir", d]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sizeless(&untimed(&stderr(&out))),
        format!("built 3 slides, 5 pages: {d}/reveal.pdf (N KB), {d}/reveal.html (N KB)")
    );
    assert_eq!(page_count(&dir.path().join("reveal.pdf")), 5);
    // Without a PDF, the steps add no pages.
    let out = deck(&root(), &["build", REVEAL, "--steps", "--format", "html", "--out-dir", d]);
    assert_eq!(sizeless(&untimed(&stderr(&out))), format!("built 3 slides, 3 pages: {d}/reveal.html (N KB)"));
    std::fs::write(dir.path().join("one.toml"), "[deck]\ntitle = \"One\"\n").expect("write");
    let out = deck(dir.path(), &["build", "one.toml", "--format", "pdf"]);
    assert_eq!(sizeless(&untimed(&stderr(&out))), "built 1 slide, 1 page: out/one.pdf (N KB)");
}

#[test]
fn contradictory_outputs_are_usage_errors() {
    usage_error(
        &["build", REVEAL, "-o", "talk.docx"],
        "cannot tell the format of `talk.docx` from its extension: name it .pdf or .html, or write -o - --format FORMAT",
    );
    usage_error(
        &["build", REVEAL, "-o", "talk"],
        "cannot tell the format of `talk` from its extension: name it .pdf or .html, or write -o - --format FORMAT",
    );
    usage_error(
        &["build", REVEAL, "-o", "talk.pdf", "--format", "html"],
        "-o FILE takes its format from the extension: leave out --format",
    );
    usage_error(
        &["build", REVEAL, "-o", "-"],
        "-o - writes one format to standard output: add --format pdf or --format html",
    );
    usage_error(
        &["build", REVEAL, "-o", "-", "--format", "pdf,html"],
        "-o - writes one format to standard output: add --format pdf or --format html",
    );
    usage_error(
        &["build", REVEAL, "-o", "-", "--format", "pdf", "--notes"],
        "-o - writes one file: --notes and --handout need -o FILE or --out-dir",
    );
    usage_error(
        &["build", REVEAL, "-o", "-", "--format", "pdf", "--open"],
        "--open needs a file to open: write one with -o FILE",
    );
    usage_error(
        &["build", REVEAL, "-o", "-", "--format", "pdf", "--watch"],
        "--watch cannot write to standard output: give -o FILE",
    );
    usage_error(
        &["build", REVEAL, REVEAL, "-o", "talk.pdf"],
        "-o names the output of one deck: build several decks with --out-dir, or one at a time",
    );
    usage_error(&["build", REVEAL, REVEAL, "--watch"], "--watch follows one deck: give one FILE");
    usage_error(&["build", "-", "-", "-o", "-"], "standard input (`-`) can be read only once");
    usage_error(&["build", "-"], "a deck read from standard input needs -o FILE or -o -: its outputs have no name");
    usage_error(&["build", "-", "--watch", "-o", "x.pdf"], "--watch needs a deck file: standard input does not change");
    let out = deck(&root(), &["build", REVEAL, "-o", "x.pdf", "--out-dir", "d"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: the argument '--output <FILE>' cannot be used with '--out-dir <DIR>'"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_manifest_on_standard_input_reads_its_pictures_from_the_current_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(root().join("src/cli/new/picture.png"), dir.path().join("picture.png")).expect("copy");
    let manifest =
        "[deck]\ntitle = \"Piped\"\n\n[[slide]]\nlayout = \"image\"\ntitle = \"A picture\"\nimage = \"picture.png\"\n";
    let out = deck_stdin(dir.path(), &["build", "-", "-o", "piped.pdf"], manifest.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sizeless(&untimed(&stderr(&out))), "built 2 slides, 2 pages: piped.pdf (N KB)");
    assert!(pdf_text(&dir.path().join("piped.pdf"), Some(2)).contains("A picture"));
    // Errors name standard input, as a manifest.
    let out = deck_stdin(dir.path(), &["check", "-"], b"[deck]\ntitle = \"T\"\ntilte = 1\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: unknown key `tilte` in `[deck]`\n  --> <stdin>.toml:3:1\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_markdown_deck_on_standard_input_is_told_by_its_first_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let markdown = "\n+++\n[deck]\ntitle = \"Piped\"\n+++\n\n# One\n\n- a\n\n---\n\n# Two\n";
    let out = deck_stdin(dir.path(), &["check", "-"], markdown.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "slide   1  page   1  title      Piped\nslide   2  page   2  bullets    One\nslide   3  page   3  bullets    Two\n3 slides, 3 pages, 0 warnings\n"
    );
    // Marp's `---` front matter marks Markdown too: read as such, with the
    // first heading as the deck's title.
    let marp = "---\nmarp: true\n---\n# One\n";
    Deck::in_dir(dir.path())
        .args(["check", "-", "--diagnostic-format", "short"])
        .stdin(marp.as_bytes())
        .succeeds()
        .stdout_is("slide   1  page   1  title      One\n1 slide, 1 page, 0 warnings\n");
    // A bare Markdown deck, headings and no block, is Markdown too: no
    // manifest lacks a table header.
    Deck::in_dir(dir.path())
        .args(["check", "-"])
        .stdin(b"# Talk\n\n- a point\n\n---\n\n# Two\n\n- b\n".as_slice())
        .succeeds()
        .stdout_is("slide   1  page   1  bullets    Talk\nslide   2  page   2  bullets    Two\n2 slides, 2 pages, 0 warnings\n");
    // A manifest may open with a comment: `#` is not a Markdown heading here.
    Deck::in_dir(dir.path())
        .args(["check", "-"])
        .stdin(b"# my deck\n[deck]\ntitle = \"T\"\n")
        .succeeds()
        .stdout_is("slide   1  page   1  title      T\n1 slide, 1 page, 0 warnings\n");
}

#[test]
fn standard_input_that_cannot_be_read_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = deck_stdin(dir.path(), &["check", "-"], b"[deck]\ntitle = \"\xff\"\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: standard input is not UTF-8 text (byte 0xFF at line 2, column 10)\n = save the deck as UTF-8\n\n"
    );
    // A folder on standard input cannot be read.
    let folder = std::fs::File::open(dir.path()).expect("open the folder");
    let out = deck_command(dir.path()).args(["check", "-"]).stdin(folder).output().expect("deck runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: cannot read the deck from standard input: Is a directory (os error 21)\n\n");
    let huge = vec![b'#'; 16 * 1024 * 1024 + 1];
    let out = deck_stdin(dir.path(), &["check", "-"], &huge);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: standard input holds more than 16 MB; deck reads decks up to 16 MB\n\n");
}

#[test]
fn several_decks_build_each_with_a_line_and_fail_if_one_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.toml"), "[deck]\ntitle = \"A\"\n").expect("write");
    std::fs::write(dir.path().join("b.md"), "+++\n[deck]\ntitle = \"B\"\n+++\n# One\n").expect("write");
    std::fs::write(dir.path().join("bad.toml"), "[deck]\n").expect("write");
    let out = deck(dir.path(), &["build", "a.toml", "bad.toml", "b.md", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(sizeless(&untimed(lines[0])), "built 1 slide, 1 page: out/a.pdf (N KB)");
    assert_eq!(lines[1], "error: `[deck]` has no `title`", "{text}");
    assert!(text.contains("\nfailed: bad.toml (1 error)\n"), "{text}");
    assert_eq!(sizeless(&untimed(lines.last().expect("a line"))), "built 2 slides, 2 pages: out/b.pdf (N KB)");
    assert!(dir.path().join("out/a.pdf").is_file() && dir.path().join("out/b.pdf").is_file());
    let out = deck(dir.path(), &["build", "a.toml", "b.md", "--format", "pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 2, "{}", stderr(&out));
}

#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_built_html_to_the_desktop_opener() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("folder");
    let opener = bin.join("xdg-open");
    let log = dir.path().join("opened.txt");
    std::fs::write(
        &opener,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > {}.tmp && mv {}.tmp {}\n",
            log.display(),
            log.display(),
            log.display()
        ),
    )
    .expect("write");
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::write(dir.path().join("a.toml"), "[deck]\ntitle = \"A\"\n").expect("write");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out =
        deck_command(dir.path()).args(["build", "a.toml", "--open"]).env("PATH", path).output().expect("deck runs");
    assert!(out.status.success(), "{}", stderr(&out));
    // The opener runs on its own; wait for it to have written its log.
    for _ in 0..200 {
        if log.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let opened = std::fs::read_to_string(&log).expect("the opener ran");
    let expected = dir.path().canonicalize().expect("canonical").join("out/a.html");
    assert_eq!(Path::new(opened.trim()).canonicalize().expect("the opened file exists"), expected);
}

#[test]
fn the_manifest_writes_inside_the_decks_folder_and_the_command_line_anywhere() {
    let outer = tempfile::tempdir().expect("temp dir");
    let deck_dir = outer.path().join("talk");
    std::fs::create_dir(&deck_dir).unwrap();
    std::fs::write(deck_dir.join("deck.toml"), "[deck]\ntitle = \"T\"\n\n[output]\ndir = \"../elsewhere\"\n").unwrap();
    let err = Deck::in_dir(&deck_dir).args(["build", "deck.toml"]).fails(1).stderr();
    assert!(err.starts_with("error: `[output] dir` `../elsewhere` is outside the deck's folder `"), "{err}");
    assert!(
        err.ends_with("= choose a folder inside it, or name any folder on the command line with --out-dir\n\n"),
        "{err}"
    );
    assert!(!outer.path().join("elsewhere").exists(), "nothing written outside");
    Deck::in_dir(&deck_dir).args(["build", "deck.toml", "--out-dir", "../elsewhere"]).succeeds();
    assert!(outer.path().join("elsewhere/deck.pdf").exists());
}
