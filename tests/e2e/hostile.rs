//! Hostile input and faults: files outside the deck, script in every field,
//! limits, failed and killed builds that must not touch the last outputs.

use std::time::Duration;

use crate::harness::{deck, manifest, root, stderr};

#[test]
fn files_outside_the_deck_folder_are_refused() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nbody = \"![p](../outside.png)\"\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: image `../outside.png`: it is outside the deck's folder `"), "{err}");
    assert!(
        err.contains(
            "= a deck reads files only inside the folder of its manifest; `--root DIR` allows a larger folder"
        ),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_pointing_out_are_refused_and_root_widens_the_fence() {
    let outer = tempfile::tempdir().unwrap();
    let inner = outer.path().join("deck");
    std::fs::create_dir(&inner).unwrap();
    std::fs::copy(root().join("tests/decks/images/small.jpg"), outer.path().join("pic.jpg")).unwrap();
    std::os::unix::fs::symlink(outer.path().join("pic.jpg"), inner.join("link.jpg")).unwrap();
    std::fs::write(inner.join("deck.toml"), "[deck]\ntitle = \"T\"\n\n[[slide]]\nbody = \"![p](link.jpg)\"\n").unwrap();
    let out = deck(&inner, &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("error: image `link.jpg`: it is outside the deck's folder"), "{}", stderr(&out));
    let wider = outer.path().to_str().unwrap();
    let out = deck(&inner, &["build", "deck.toml", "--root", wider]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn nothing_from_the_source_is_live_in_the_html() {
    let evil = r#"<script>alert(1)</script><img src=x onerror=alert(2)>\"'</script>"#;
    let text = format!(
        "[deck]\ntitle = '''{evil}'''\nauthor = '''{evil}'''\nfooter = '''{evil}'''\n\n[[slide]]\ntitle = '''{evil}'''\nnotes = '''{evil} </aside></section><script>alert(3)</script>'''\nbody = '''\n- [click](javascript:alert(4)) and [x](<JaVaScRiPt:alert(5)>) and [d](data:text/html,hi)\n- {evil}\n- <b onmouseover=alert(6)>raw</b>\n'''\n"
    );
    let dir = manifest(&text);
    let out = deck(dir.path(), &["build", "deck.toml", "--format", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).unwrap();
    let lower = html.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "only the player's script");
    assert_eq!(lower.matches("</script").count(), 1);
    // Every `<` outside the style and script is a tag deck wrote: check each
    // tag's name and attributes against what deck writes.
    let body = &html[html.find("</style>").unwrap()..html.find("<script>").unwrap()];
    let tags = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "section",
        "div",
        "span",
        "h1",
        "h2",
        "h3",
        "p",
        "ul",
        "ol",
        "li",
        "a",
        "s",
        "footer",
        "pre",
        "blockquote",
        "table",
        "tr",
        "td",
        "th",
        "aside",
        "img",
        "script",
    ];
    let attributes = [
        "class",
        "style",
        "id",
        "lang",
        "href",
        "src",
        "alt",
        "aria-label",
        "aria-hidden",
        "aria-roledescription",
        "data-layout",
        "hidden",
        "start",
    ];
    for tag in body.split('<').skip(1).map(|t| t.split('>').next().unwrap()) {
        let tag = tag.trim_start_matches('/');
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(tags.contains(&name), "unexpected tag <{tag}>");
        // Attribute values are quoted and escaped: drop them, keep the names.
        let names: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        for attr in names.split_whitespace().skip(1).map(|a| a.trim_end_matches('=')) {
            assert!(attributes.contains(&attr), "unexpected attribute {attr} in <{tag}>");
        }
        for href in tag.split("href=\"").skip(1) {
            let href = href.split('"').next().unwrap().to_ascii_lowercase();
            assert!(!href.starts_with("javascript:") && !href.starts_with("data:"), "live link {href}");
        }
    }
    // The text itself is kept, escaped.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let err = stderr(&out);
    assert_eq!(err.matches("is dropped: deck never links to script or data URLs").count(), 3, "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let body = ">".repeat(40) + " deep";
    let dir = manifest(&format!("[deck]\ntitle = \"T\"\n\n[[slide]]\nbody = '''{body}'''\n"));
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: lists and quotes are nested more than 16 levels deep\n"), "{err}");
    assert!(err.contains("  --> deck.toml:5:11\n"), "the line inside the string: {err}");
    assert!(err.contains("= in slide 2 body\n"), "{err}");
}

#[test]
fn too_many_slides_is_an_error() {
    let slides = "[[slide]]\ntitle = \"s\"\n".repeat(10_001);
    let dir = manifest(&format!("[deck]\ntitle = \"T\"\n\n{slides}"));
    let out = deck(dir.path(), &["check", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: the deck has 10001 slides; deck lays out at most 10000\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_oversized_manifest_is_refused_before_reading() {
    let dir = manifest("");
    std::fs::write(dir.path().join("deck.toml"), vec![b'#'; 17 * 1024 * 1024]).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: `deck.toml` is 17 MB; deck reads manifests up to 16 MB\n\n");
}

#[test]
fn an_output_folder_that_cannot_be_made_is_an_error() {
    let dir = manifest("[deck]\ntitle = \"T\"\n");
    std::fs::write(dir.path().join("file"), b"not a folder").unwrap();
    let out = deck(dir.path(), &["build", "deck.toml", "--out-dir", "file/out"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: cannot create the output folder `file/out`: "), "{err}");
}

#[test]
fn a_failed_build_leaves_the_previous_outputs_untouched() {
    let dir = manifest("[deck]\ntitle = \"Good\"\n\n[[slide]]\ntitle = \"One\"\n");
    assert!(deck(dir.path(), &["build", "deck.toml"]).status.success());
    let pdf = std::fs::read(dir.path().join("out/deck.pdf")).unwrap();
    let html = std::fs::read(dir.path().join("out/deck.html")).unwrap();
    std::fs::write(dir.path().join("deck.toml"), "[deck]\ntitle = \"Bad\"\n\n[[slide]]\nlayout = \"nope\"\n").unwrap();
    assert_eq!(deck(dir.path(), &["build", "deck.toml"]).status.code(), Some(1));
    assert!(std::fs::read(dir.path().join("out/deck.pdf")).unwrap() == pdf);
    assert!(std::fs::read(dir.path().join("out/deck.html")).unwrap() == html);
}

#[test]
fn a_killed_build_leaves_whole_files_only() {
    // A big deck takes long enough to be killed in the middle of writing.
    let manifest_text = std::fs::read_to_string(root().join("decks/gfmd/briefing.toml")).unwrap();
    let (head, slides) = manifest_text.split_at(manifest_text.find("[[slide]]").unwrap());
    let dir = manifest(&format!("{head}{}", slides.repeat(60)));
    assert!(deck(dir.path(), &["build", "deck.toml"]).status.success());
    let pdf_path = dir.path().join("out/deck.pdf");
    let html_path = dir.path().join("out/deck.html");
    let old_pdf = std::fs::read(&pdf_path).unwrap();
    let old_html = std::fs::read(&html_path).unwrap();
    std::fs::write(
        dir.path().join("deck.toml"),
        format!("{}{}", head.replace("GFMD II briefing", "changed"), slides.repeat(60)),
    )
    .unwrap();
    for delay in [5, 20, 60, 150, 300] {
        let mut child = crate::harness::deck_command(dir.path()).args(["build", "deck.toml"]).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let pdf = std::fs::read(&pdf_path).unwrap();
        let html = std::fs::read(&html_path).unwrap();
        assert!(pdf == old_pdf || pdf.trim_ascii_end().ends_with(b"%%EOF"), "half a PDF after a kill at {delay} ms");
        assert!(html == old_html || html.ends_with(b"</html>\n"), "half an HTML after a kill at {delay} ms");
    }
}

/// Run `deck` in `dir`; a run longer than 20 s is killed and fails the
/// test (a pipe where a file goes used to hang the build).
fn deck_within_20s(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut child = crate::harness::deck_command(dir)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("deck runs");
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("deck {args:?} still running after 20 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_pipe_where_a_file_goes_is_refused_at_once() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"pipe.jpg\"\n");
    for pipe in ["pipe.jpg", "pipe.toml"] {
        let made = std::process::Command::new("mkfifo").arg(dir.path().join(pipe)).status().expect("mkfifo runs");
        assert!(made.success());
    }
    let out = deck_within_20s(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: image `pipe.jpg`: it is not a regular file (a pipe or a device)\n"),
        "{}",
        stderr(&out)
    );
    let out = deck_within_20s(dir.path(), &["build", "pipe.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: cannot read `pipe.toml`: it is not a regular file (a pipe or a device)\n\n");
}

#[test]
fn a_title_markdown_would_make_a_block_is_shown_as_its_text() {
    let dir = manifest("[deck]\ntitle = \"<div>x</div>\"\n\n[[slide]]\ntitle = \"    indented\"\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "warning: raw HTML is shown as text, not passed through
  --> deck.toml:2:10
  |
2 | title = \"<div>x</div>\"
  |          ^^^^^^^^^^^^
  |
  = in deck title
"
        ),
        "{}",
        stderr(&out)
    );
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).unwrap();
    assert!(html.contains("<title>&lt;div&gt;x&lt;/div&gt;</title>"), "the document's title is the text");
    let text = crate::harness::pdf_text(&dir.path().join("out/deck.pdf"), None);
    assert!(text.contains("<div>x</div>") && text.contains("indented"), "{text}");
}

#[test]
fn control_characters_are_left_out_with_a_warning_and_never_reach_the_html() {
    let dir = manifest(
        "[deck]\ntitle = \"A\\u0000B\\u0007C\"\n\n[[slide]]\ntitle = \"Red\\u001b[31m\"\nbody = \"- one\\u0000two\\n- `co\\u0008de`\"\n",
    );
    let ran = crate::harness::Deck::in_dir(dir.path()).args(["build", "deck.toml"]).succeeds();
    let err = ran.stderr();
    assert!(
        err.starts_with("warning: control characters U+0000, U+0007 left out of the text\n  --> deck.toml:2:10\n"),
        "{err}"
    );
    assert!(err.contains("warning: control character U+001B left out of the text\n  --> deck.toml:5:10\n"), "{err}");
    assert!(err.contains("warning: control character U+0008 left out of the text\n"), "{err}");
    let html = std::fs::read(dir.path().join("out/deck.html")).unwrap();
    let controls: Vec<u8> = html.iter().copied().filter(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')).collect();
    assert!(controls.is_empty(), "control bytes in the HTML: {controls:?}");
    let text = crate::harness::pdf_text(&dir.path().join("out/deck.pdf"), None);
    assert!(text.contains("ABC") && text.contains("onetwo") && text.contains("code"), "{text}");
}
