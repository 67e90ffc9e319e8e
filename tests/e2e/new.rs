//! `deck new`: a deck that builds as it is and shows every layout.

use crate::harness::{deck, stderr};

#[test]
fn a_new_deck_builds_without_warnings_and_shows_every_layout() {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = deck(dir.path(), &["new", "quarterly-review", "--theme", "default"]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert_eq!(
        stderr(&made),
        "created quarterly-review/quarterly-review.toml; build it with: deck build quarterly-review/quarterly-review.toml\n"
    );
    assert!(dir.path().join("quarterly-review/picture.png").is_file());
    let manifest =
        std::fs::read_to_string(dir.path().join("quarterly-review/quarterly-review.toml")).expect("manifest");
    assert!(manifest.contains("title = \"Quarterly review\""), "{manifest}");
    let built = deck(dir.path(), &["build", "quarterly-review/quarterly-review.toml"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!stderr(&built).contains("warning"), "{}", stderr(&built));
    assert!(dir.path().join("quarterly-review/out/quarterly-review.pdf").is_file());
    let checked = deck(dir.path(), &["check", "quarterly-review/quarterly-review.toml"]);
    let report = String::from_utf8_lossy(&checked.stdout).into_owned();
    assert!(report.ends_with(" 0 warnings\n"), "{report}");
    for layout in deck::model::Layout::NAMES {
        let shown = report.lines().any(|l| l.split_whitespace().nth(4) == Some(layout));
        assert!(shown, "no `{layout}` slide in:\n{report}");
    }
}

#[test]
fn a_new_deck_never_overwrites_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("talk")).expect("folder");
    std::fs::write(dir.path().join("talk/notes.txt"), "mine").expect("file");
    let out = deck(dir.path(), &["new", "talk"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: `talk` already exists and is not empty\n = give a new folder name; deck new never overwrites files\n\n"
    );
    assert_eq!(std::fs::read_dir(dir.path().join("talk")).expect("folder").count(), 1);
    // An empty folder is fine to fill.
    std::fs::create_dir(dir.path().join("empty")).expect("folder");
    assert!(deck(dir.path(), &["new", "empty"]).status.success());
}

#[test]
fn a_new_deck_takes_only_built_in_themes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = deck(dir.path(), &["new", "talk", "--theme", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: invalid value 'nope' for '--theme <THEME>'\n  [possible values: default"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("talk").exists());
}

#[test]
fn a_new_deck_is_not_made_over_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("talk"), "mine").expect("file");
    let out = deck(dir.path(), &["new", "talk"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: `talk` exists and is not a folder\n\n");
    assert_eq!(std::fs::read_to_string(dir.path().join("talk")).expect("file"), "mine");
}

#[test]
fn a_new_deck_keeps_its_comments_in_one_column_whatever_the_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = deck(dir.path(), &["new", "q", "--theme", "institutional"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let manifest = std::fs::read_to_string(dir.path().join("q/q.toml")).expect("manifest");
    for key in ["title = \"Q\"", "theme = \"institutional\"", "footer = \"Q\"", "aspect = \"16:9\""] {
        let line =
            manifest.lines().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("no `{key}` in:\n{manifest}"));
        assert_eq!(line.find(" # ").map(|c| c + 1), Some(39), "{line:?}");
    }
}

#[test]
fn a_new_markdown_deck_has_the_same_slides_as_a_new_manifest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = deck(dir.path(), &["new", "talk", "--md", "--theme", "dark"]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert_eq!(stderr(&made), "created talk/talk.md; build it with: deck build talk/talk.md\n");
    assert!(dir.path().join("talk/picture.png").is_file());
    assert!(!dir.path().join("talk/talk.toml").exists());
    let text = std::fs::read_to_string(dir.path().join("talk/talk.md")).expect("deck");
    assert!(text.starts_with("+++\n# A Markdown deck made by `deck new --md`."), "{text}");
    assert!(text.contains("#     deck build talk/talk.md\n"), "{text}");
    let line = text.lines().find(|l| l.starts_with("theme = ")).expect("a theme line");
    assert_eq!(line.find(" # ").map(|c| c + 1), Some(39), "{line:?}");
    assert!(line.starts_with("theme = \"dark\""), "{line:?}");
    let built = deck(dir.path(), &["build", "talk/talk.md", "--notes"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!stderr(&built).contains("warning"), "{}", stderr(&built));
    assert!(crate::harness::pdf_text(&dir.path().join("talk/out/talk-notes.pdf"), None).contains("Speaker notes"));
    // Slide for slide what the manifest template shows.
    assert!(deck(dir.path(), &["new", "toml/talk"]).status.success());
    let markdown = deck(dir.path(), &["check", "talk/talk.md"]);
    let manifest = deck(dir.path(), &["check", "toml/talk/talk.toml"]);
    let report = String::from_utf8_lossy(&markdown.stdout).into_owned();
    assert_eq!(report, String::from_utf8_lossy(&manifest.stdout), "markdown:\n{report}");
    for layout in deck::model::Layout::NAMES {
        let shown = report.lines().any(|l| l.split_whitespace().nth(4) == Some(layout));
        assert!(shown, "no `{layout}` slide in:\n{report}");
    }
}
