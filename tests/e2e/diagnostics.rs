//! How diagnostics are printed: `--diagnostic-format human|short|json`,
//! `--color auto|always|never` and NO_COLOR, and `deck check --format json`.

use std::process::Command;

use crate::harness::{Deck, deck, manifest, root, stderr, stdout};

const TYPO: &str = "[deck]\ntitle = \"T\"\ntilte = 1\n";

#[test]
fn short_diagnostics_take_one_line_each() {
    let dir = manifest(TYPO);
    let out = deck(dir.path(), &["check", "deck.toml", "--diagnostic-format", "short"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "deck.toml:3:1: error: unknown key `tilte` in `[deck]`\n");
    // Without a place in a file, the line starts with the severity.
    let out = deck(dir.path(), &["build", "missing.toml", "--diagnostic-format", "short"]);
    assert_eq!(stderr(&out), "error: cannot read `missing.toml`: no such file\n");
}

#[test]
fn json_diagnostics_are_one_object_a_line() {
    let dir = manifest(TYPO);
    let out = deck(dir.path(), &["build", "deck.toml", "--diagnostic-format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert_eq!(text.lines().count(), 1, "{text}");
    let d: serde_json::Value = serde_json::from_str(&text).expect("a JSON object");
    assert_eq!(d["file"], "deck.toml");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(1)));
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(3), Some(6)));
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "unknown key `tilte` in `[deck]`");
    assert_eq!(d["hints"][0], "did you mean `title`?");
    assert!(d["context"].is_null());
    // Columns count characters, not bytes; the context comes along.
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"A\"\nbody = \"é <b>é</b>\"\n");
    let out = deck(dir.path(), &["check", "deck.toml", "--diagnostic-format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let d: serde_json::Value = serde_json::from_str(&stderr(&out)).expect("a JSON object");
    assert_eq!(
        d,
        serde_json::json!({
            "file": "deck.toml", "line": 6, "column": 11, "end_line": 6, "end_column": 19,
            "severity": "warning", "message": "raw HTML is shown as text, not passed through",
            "context": "slide 2 (“A”) body",
            "hints": ["write Markdown instead, or escape the `<` as `\\<`"]
        })
    );
    let missing = deck(dir.path(), &["build", "nope.toml", "--diagnostic-format", "json"]);
    let d: serde_json::Value = serde_json::from_str(&stderr(&missing)).expect("a JSON object");
    assert!(d["file"].is_null() && d["line"].is_null() && d["end_column"].is_null(), "{d}");
    assert_eq!(d["message"], "cannot read `nope.toml`: no such file");
}

#[test]
fn colour_is_used_when_asked_or_on_a_terminal_without_no_color() {
    let dir = manifest(TYPO);
    let run = |args: &[&str], no_color: Option<&str>| {
        let mut run = Deck::in_dir(dir.path()).args(["check", "deck.toml"]).args(args.iter().copied());
        if let Some(value) = no_color {
            run = run.env("NO_COLOR", value);
        }
        run.run().stderr()
    };
    let red = "deck.toml:3:1: \u{1b}[0m\u{1b}[1m\u{1b}[38;5;9merror:\u{1b}[0m unknown key `tilte` in `[deck]`\n";
    let plain = "deck.toml:3:1: error: unknown key `tilte` in `[deck]`\n";
    let short = ["--diagnostic-format", "short"];
    assert_eq!(run(&[&short[..], &["--color", "always"]].concat(), None), red);
    // An explicit --color always wins over NO_COLOR.
    assert_eq!(run(&[&short[..], &["--color", "always"]].concat(), Some("1")), red);
    assert_eq!(run(&[&short[..], &["--color", "never"]].concat(), None), plain);
    // auto: standard error is a pipe here.
    assert_eq!(run(&short, None), plain);
    // The human form is coloured too.
    let human = run(&["--color", "always", "--diagnostic-format", "human"], None);
    assert!(human.starts_with("\u{1b}[0m\u{1b}[1m\u{1b}[38;5;9merror\u{1b}[0m"), "{human:?}");
}

/// `deck check` on a terminal, through `script`'s pseudo-terminal: what
/// the terminal shows.
fn on_a_terminal(dir: &std::path::Path, no_color: Option<&str>) -> String {
    let deck = env!("CARGO_BIN_EXE_deck");
    let mut command = Command::new("script");
    command
        .args(["-qec", &format!("{deck} check deck.toml --diagnostic-format short"), "/dev/null"])
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("TERM", "xterm");
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let out = command.output().unwrap_or_else(|e| panic!("cannot run `script` ({e}): install Debian's bsdutils"));
    stdout(&out)
}

#[test]
fn auto_colours_a_terminal_unless_no_color_is_set() {
    let dir = manifest(TYPO);
    assert_eq!(
        on_a_terminal(dir.path(), None),
        "deck.toml:3:1: \u{1b}[0m\u{1b}[1m\u{1b}[38;5;9merror:\u{1b}[0m unknown key `tilte` in `[deck]`\r\n"
    );
    assert_eq!(on_a_terminal(dir.path(), Some("1")), "deck.toml:3:1: error: unknown key `tilte` in `[deck]`\r\n");
    // An empty NO_COLOR does not count.
    assert!(on_a_terminal(dir.path(), Some("")).contains('\u{1b}'));
}

#[test]
fn unknown_color_and_diagnostic_format_values_are_usage_errors() {
    let out = deck(&root(), &["check", "x.toml", "--color", "sometimes"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid value 'sometimes' for '--color <WHEN>'\n  [possible values: auto, always, never]\n\nFor more information, try '--help'.\n"
    );
    let out = deck(&root(), &["build", "x.toml", "--diagnostic-format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid value 'xml' for '--diagnostic-format <FORMAT>'\n  [possible values: human, short, json]\n\nFor more information, try '--help'.\n"
    );
    // The flags are global: before the command too.
    let out = deck(&root(), &["--diagnostic-format", "short", "check", "missing.toml"]);
    assert_eq!(stderr(&out), "error: cannot read `missing.toml`: no such file\n");
}

#[test]
fn check_as_json_reports_every_slide_and_its_warnings() {
    let out = deck(&root(), &["check", "tests/decks/overflow.toml", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "the diagnostics are in the document");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(report["ok"], true);
    assert_eq!(report["totals"], serde_json::json!({"slides": 8, "pages": 22, "warnings": 3, "errors": 0}));
    let slides = report["slides"].as_array().expect("slides");
    assert_eq!(slides.len(), 8);
    assert_eq!(
        slides[1],
        serde_json::json!({"slide": 2, "page": 2, "layout": "bullets", "title": "Long ordered list (1/4)", "pages": 4, "steps": 1, "scale": 1.0})
    );
    assert_eq!(slides[6]["scale"], 0.92);
    let warnings = report["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(warnings.len(), 3);
    assert_eq!(warnings[0]["message"], "slide 2 (“Long ordered list”) continues onto 4 pages");
    assert_eq!(
        (warnings[0]["file"].as_str(), warnings[0]["line"].as_u64()),
        (Some("tests/decks/overflow.toml"), Some(9))
    );
    // A deck with errors: the document says so, and the exit code.
    let dir = manifest(TYPO);
    let out = deck(dir.path(), &["check", "deck.toml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON document");
    assert_eq!(report["ok"], false);
    assert_eq!(report["slides"], serde_json::json!([]));
    assert_eq!(report["totals"]["errors"], 1);
    assert_eq!(report["diagnostics"][0]["message"], "unknown key `tilte` in `[deck]`");
    Deck::in_dir(dir.path()).args(["check", "deck.toml", "--format", "yaml"]).fails(2).stderr_is(
        "error: invalid value 'yaml' for '--format <FORMAT>'\n  [possible values: text, json]\n\nFor more information, try '--help'.\n",
    );
}

#[test]
fn check_counts_one_warning_in_the_singular() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"A\"\nbody = \"<b>bold</b>\"\n");
    let out = Deck::in_dir(dir.path()).args(["check", "deck.toml"]).succeeds().stdout();
    assert!(out.ends_with("\n2 slides, 2 pages, 1 warning\n"), "{out}");
}
