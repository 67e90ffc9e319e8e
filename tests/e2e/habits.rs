//! Markdown as people write it for Marp and Slidev: comments, front
//! matter, directives, per-slide YAML blocks, fences left open and syntax
//! deck does not support, each read, mapped or warned about.

use std::path::{Path, PathBuf};

use crate::harness::{deck, pdf_text, root, stderr};

/// A fresh folder holding `files`; `deck build target` run there must
/// succeed. Returns the folder, stderr, and the PDF and HTML paths.
pub fn built(files: &[(&str, &str)], target: &str, args: &[&str]) -> (tempfile::TempDir, String, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write file");
    }
    let picture = root().join("tests/decks/images/alpha.png");
    std::fs::copy(picture, dir.path().join("pic.png")).expect("copy a picture");
    let mut all = vec!["build", target];
    all.extend_from_slice(args);
    let out = deck(dir.path(), &all);
    assert!(out.status.success(), "{}", stderr(&out));
    let stem = Path::new(target).file_stem().expect("stem").to_string_lossy().into_owned();
    let pdf = dir.path().join("out").join(format!("{stem}.pdf"));
    let html = dir.path().join("out").join(format!("{stem}.html"));
    let err = stderr(&out);
    let warnings = err.split("built ").next().unwrap_or_default().to_string();
    (dir, warnings, pdf, html)
}

#[test]
fn comments_are_never_drawn_and_are_notes_in_a_markdown_deck() {
    let talk = "+++\n[deck]\ntitle = \"T\"\n+++\n# One\n\nBefore <!-- an aside --> after.\n\n<!--\nSay hello\nto all\n-->\n\n- item\n";
    let (dir, err, pdf, html) = built(&[("talk.md", talk)], "talk.md", &["--notes"]);
    assert_eq!(err, "");
    let text = pdf_text(&pdf, None);
    assert!(text.contains("Before after.") && text.contains("item"), "{text}");
    assert!(!text.contains("aside") && !text.contains("hello") && !text.contains("<!--"), "{text}");
    let html = std::fs::read_to_string(html).expect("html");
    assert!(html.contains("<aside class=\"notes\" hidden>an aside\n\nSay hello\nto all</aside>"), "notes in the HTML");
    let notes = pdf_text(&dir.path().join("out/talk-notes.pdf"), None);
    assert!(notes.contains("an aside") && notes.contains("Say hello"), "{notes}");
}

#[test]
fn comments_in_a_manifest_body_are_left_out_silently() {
    let manifest = "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"One\"\nbody = \"\"\"\nShown <!-- secretword --> too.\n\n<!-- gone -->\n\"\"\"\n";
    let (_dir, err, pdf, html) = built(&[("deck.toml", manifest)], "deck.toml", &[]);
    assert_eq!(err, "");
    let text = pdf_text(&pdf, None);
    assert!(text.contains("Shown too.") && !text.contains("secretword") && !text.contains("gone"), "{text}");
    assert!(!std::fs::read_to_string(html).expect("html").contains("secretword"));
}

#[test]
fn a_code_fence_left_open_is_a_warning_at_its_line() {
    let talk = "+++\n[deck]\ntitle = \"T\"\n+++\n# One\n\n~~~~ sh\nls\n\n---\n\n# Two\n";
    let (_dir, err, pdf, _) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(
        err,
        "warning: the code block opened on line 7 of `talk.md` is never closed
  --> talk.md:7:1
  |
7 | ~~~~ sh
  | ^^^^^^^
  |
  = it takes in the rest of the file, the slides after it included; close it with a line holding only ~~~~

"
    );
    // The rest of the file, separator and heading included, is code.
    let text = pdf_text(&pdf, None);
    assert!(text.contains("One\nls\n") && text.contains("# Two"), "{text}");
}

#[test]
fn a_code_fence_left_open_in_a_manifest_body() {
    let manifest =
        "[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"One\"\nbody = \"\"\"\nText\n\n```rust\nfn main() {}\n\"\"\"\n";
    let (_dir, err, _, _) = built(&[("deck.toml", manifest)], "deck.toml", &[]);
    // Where the snippet points inside a TOML string is another matter;
    // the message, the place named and the hint are this test's.
    assert!(err.starts_with("warning: the code block opened on line 3 is never closed\n"), "{err}");
    assert!(err.contains("  = in `[[slide]]` #1 body, line 3\n"), "{err}");
    assert!(
        err.ends_with("  = everything after it is shown as code; close it with a line holding only ```\n\n"),
        "{err}"
    );
    assert_eq!(err.matches("warning").count(), 1, "{err}");
}

#[test]
fn math_and_marp_picture_keywords_warn_once_each() {
    let talk = "+++\n[deck]\ntitle = \"T\"\n+++\n# One\n\n$E = mc^2$ costs $5 or $10.\n\n![bg](pic.png)\n\n![w:300 A cat sepia](pic.png)\n\n---\n\n# Two\n\n$a$ and ![bg left](pic.png)\n\n![h:20](pic.png)\n";
    let (_dir, err, pdf, html) = built(&[("talk.md", talk)], "talk.md", &[]);
    assert_eq!(
        err,
        "warning: math (`$…$`) is not supported yet: it is shown as written
  --> talk.md:7:1
  |
7 | $E = mc^2$ costs $5 or $10.
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = in slide 1 of `talk.md` body, line 3
  = write the formula as text or code (`E = mc²`), or as a picture; escape a dollar sign as `\\$`

warning: Marp's background pictures (`![bg](…)`) are not supported: the picture is shown in the body
  --> talk.md:9:1
  |
9 | ![bg](pic.png)
  | ^^^^^^^^^^^^^^
  |
  = in slide 1 of `talk.md` body, line 5
  = for a picture that fills a slide, give the slide `layout = \"image\"`, `image = \"…\"` and `fit = \"cover\"`

warning: Marp's picture keywords (`w:300`) are not supported: they are left out of the alt text
   --> talk.md:11:1
   |
11 | ![w:300 A cat sepia](pic.png)
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = in slide 1 of `talk.md` body, line 7
   = deck sets a picture at its natural size at 96 dpi, shrunk to fit: resize or crop the file itself

warning: inline images are not supported yet; showing the alt text
   --> talk.md:17:1
   |
17 | $a$ and ![bg left](pic.png)
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = in slide 2 of `talk.md` body, line 4

"
    );
    assert!(pdf_text(&pdf, None).contains("$E = mc^2$ costs $5 or $10."));
    let html = std::fs::read_to_string(html).expect("html");
    assert!(html.contains("alt=\"A cat\""), "the keywords are left out of the alt text");
}
