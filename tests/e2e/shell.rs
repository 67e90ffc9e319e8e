//! `deck completions bash|zsh|fish` and `deck man`: generated from the
//! command-line definitions, so they know every command and flag.

use std::process::Command;

use crate::harness::{deck, root, stderr, stdout};

const COMMANDS: [&str; 9] = ["build", "check", "serve", "themes", "new", "cache", "fonts", "completions", "man"];

fn ok(args: &[&str]) -> String {
    let out = deck(&root(), args);
    assert!(out.status.success(), "deck {args:?}: {}", stderr(&out));
    stdout(&out)
}

/// What bash completes after `line` (the words typed so far, the last one
/// being completed), with deck's script loaded.
fn bash_completes(script: &str, line: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("deck.bash");
    std::fs::write(&file, script).expect("write");
    let words = line.iter().map(|w| format!("'{w}'")).collect::<Vec<_>>().join(" ");
    let program = format!(
        "source {}; COMP_WORDS=({words}); COMP_CWORD={}; COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
         _deck deck '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display(),
        line.len() - 1,
        line.join(" "),
        line[line.len() - 1],
        line[line.len() - 2],
    );
    let out = Command::new("bash").args(["-c", &program]).output().expect("bash runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    stdout(&out).lines().map(str::to_string).collect()
}

#[test]
fn bash_completes_commands_and_flags() {
    let script = ok(&["completions", "bash"]);
    assert_eq!(bash_completes(&script, &["deck", "bu"]), ["build"]);
    assert_eq!(bash_completes(&script, &["deck", "build", "--out"]), ["--output", "--out-dir"]);
    assert_eq!(bash_completes(&script, &["deck", "check", "--diagnostic-f"]), ["--diagnostic-format"]);
    assert_eq!(bash_completes(&script, &["deck", "new", "--m"]), ["--md"]);
}

#[test]
fn zsh_and_fish_scripts_name_every_command_and_flag() {
    let zsh = ok(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef deck\n"), "{}", &zsh[..40]);
    // Folders complete as folders.
    assert!(zsh.contains("its own folder)]:DIR:_files -/'"), "{zsh}");
    let fish = ok(&["completions", "fish"]);
    for command in COMMANDS {
        assert!(zsh.contains(&format!("'{command}:")), "zsh lacks {command}");
        assert!(fish.contains(&format!("-a \"{command}\"")), "fish lacks {command}");
    }
    for flag in ["out-dir", "steps", "diagnostic-format", "color", "open"] {
        assert!(zsh.contains(&format!("'--{flag}")), "zsh lacks --{flag}");
        assert!(fish.contains(&format!("-l {flag}")), "fish lacks --{flag}");
    }
}

#[test]
fn completions_know_only_three_shells() {
    let out = deck(&root(), &["completions", "powershell"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid value 'powershell' for '<SHELL>'\n  [possible values: bash, zsh, fish]\n\nFor more information, try '--help'.\n"
    );
}

/// A roff page as `man` shows it.
fn rendered(roff: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("page.1");
    std::fs::write(&file, roff).expect("write");
    let out = Command::new("man")
        .args(["-l", file.to_str().expect("utf-8")])
        .env("MANWIDTH", "200")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap_or_else(|e| panic!("cannot run man ({e}): install Debian's man-db"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // man marks bold and underlined text with backspaces.
    let text = stdout(&out);
    let mut plain = String::new();
    for c in text.chars() {
        if c == '\u{8}' {
            plain.pop();
        } else {
            plain.push(c);
        }
    }
    plain
}

#[test]
fn man_prints_the_page_of_deck_or_of_one_command() {
    let page = rendered(&ok(&["man"]));
    assert!(page.starts_with("deck(1)"), "{page}");
    for command in COMMANDS {
        assert!(page.contains(&format!("deck-{command}(1)")), "no deck-{command}(1) in:\n{page}");
    }
    let build = rendered(&ok(&["man", "build"]));
    assert!(build.starts_with("deck-build(1)"), "{build}");
    assert!(build.contains("-o, --output <FILE>"), "{build}");
    assert!(build.contains("--diagnostic-format <FORMAT>"), "{build}");
    let out = deck(&root(), &["man", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: invalid value 'nope' for '[COMMAND]'\n  [possible values: build, check,"));
}

#[test]
fn man_writes_every_page_into_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pages = dir.path().join("man1");
    let out = deck(dir.path(), &["man", "--out-dir", "man1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "wrote the manual pages into man1\n");
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| format!("deck-{c}.1")).collect();
    expected.push("deck.1".into());
    expected.sort();
    assert_eq!(names, expected);
    assert!(
        rendered(&std::fs::read_to_string(pages.join("deck-check.1")).expect("page")).contains("--format <FORMAT>")
    );
    // A file where the folder should be.
    std::fs::write(dir.path().join("taken"), "").expect("write");
    let out = deck(dir.path(), &["man", "--out-dir", "taken"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "error: cannot write the manual pages into `taken`: File exists (os error 17)\n\n");
}
