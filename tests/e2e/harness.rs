//! Running `deck` and reading its outputs back.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the `deck` binary with `args` in `dir`.
pub fn deck(dir: &Path, args: &[&str]) -> Output {
    deck_command(dir).args(args).output().expect("the deck binary runs")
}

/// The `deck` binary as a command to run in `dir`, for tests that set its
/// environment or standard input themselves. Its environment holds PATH
/// and HOME only, with the picture cache off: a developer's
/// SOURCE_DATE_EPOCH, NO_COLOR, TERM, DECK_TIMINGS or cached pictures
/// never change what a test sees, nor do tests fill the developer's
/// cache; a test that needs one sets it.
pub fn deck_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_deck"));
    command.current_dir(dir).env_clear();
    for kept in ["PATH", "HOME"] {
        if let Some(value) = std::env::var_os(kept) {
            command.env(kept, value);
        }
    }
    command.env("DECK_CACHE_DIR", "off");
    command
}

/// A `deck` run to set up and check in one chain (in the style of
/// ripgrep's and mdBook's test harnesses):
///
/// ```ignore
/// Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr_is("error: …\n\n");
/// ```
pub struct Deck {
    command: Command,
    input: Option<Vec<u8>>,
}

impl Deck {
    /// `deck` to run in `dir`, its environment cleared ([`deck_command`]).
    pub fn in_dir(dir: &Path) -> Deck {
        Deck { command: deck_command(dir), input: None }
    }

    /// Add arguments.
    pub fn args<'a>(mut self, args: impl IntoIterator<Item = &'a str>) -> Deck {
        self.command.args(args);
        self
    }

    /// Set one environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Deck {
        self.command.env(key, value);
        self
    }

    /// Give `input` on standard input.
    pub fn stdin(mut self, input: &[u8]) -> Deck {
        self.input = Some(input.to_vec());
        self
    }

    /// Run it to the end.
    pub fn run(mut self) -> Ran {
        let output = match self.input {
            Some(input) => {
                use std::io::Write;
                let mut child = self
                    .command
                    .stdin(std::process::Stdio::piped())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("the deck binary runs");
                // deck may refuse before reading: a closed pipe is not the test's failure.
                let _ = child.stdin.take().expect("stdin").write_all(&input);
                child.wait_with_output().expect("deck finishes")
            }
            None => self.command.output().expect("the deck binary runs"),
        };
        Ran { output }
    }

    /// Run it; it must exit 0.
    pub fn succeeds(self) -> Ran {
        let ran = self.run();
        assert!(ran.output.status.success(), "deck failed:\n{}", ran.stderr());
        ran
    }

    /// Run it; it must exit with `code`.
    pub fn fails(self, code: i32) -> Ran {
        let ran = self.run();
        assert_eq!(ran.output.status.code(), Some(code), "exit code; stderr:\n{}", ran.stderr());
        ran
    }
}

/// A finished `deck` run.
pub struct Ran {
    /// What it exited with and wrote.
    pub output: Output,
}

impl Ran {
    /// Its standard output as text.
    pub fn stdout(&self) -> String {
        stdout(&self.output)
    }

    /// Its standard error as text.
    pub fn stderr(&self) -> String {
        stderr(&self.output)
    }

    /// Its standard error is exactly `expected`.
    pub fn stderr_is(&self, expected: &str) -> &Ran {
        assert_eq!(self.stderr(), expected);
        self
    }

    /// Its standard error holds `part`.
    pub fn stderr_has(&self, part: &str) -> &Ran {
        let err = self.stderr();
        assert!(err.contains(part), "no {part:?} in:\n{err}");
        self
    }

    /// Its standard output is exactly `expected`.
    pub fn stdout_is(&self, expected: &str) -> &Ran {
        assert_eq!(self.stdout(), expected);
        self
    }
}

/// Compare `actual` with the snapshot file `path` (from the project's
/// root); `DECK_BLESS=1` writes it instead, to be reviewed in the diff.
/// A difference fails naming its first line.
pub fn snapshot(path: &str, actual: &str) {
    let file = root().join(path);
    if std::env::var_os("DECK_BLESS").is_some() {
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder).expect("snapshot folder");
        }
        std::fs::write(&file, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&file)
        .unwrap_or_else(|_| panic!("{path} is missing: run DECK_BLESS=1 cargo test --test e2e, then review it"));
    if actual != expected {
        let first = actual.lines().zip(expected.lines()).position(|(a, b)| a != b);
        let first = first.unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "{path} differs at line {}:\n  now:      {}\n  expected: {}\n(review, then refresh with DECK_BLESS=1)",
            first + 1,
            actual.lines().nth(first).unwrap_or("(end)"),
            expected.lines().nth(first).unwrap_or("(end)")
        );
    }
}

/// Run `deck` with `args` in `dir`, `input` on its standard input.
pub fn deck_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    Deck::in_dir(dir).args(args.iter().copied()).stdin(input).run().output
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh folder holding `deck.toml` with `text`.
pub fn manifest(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("deck.toml"), text).expect("write manifest");
    dir
}

/// Build `manifest` (a path relative to the project root) into a fresh
/// folder; returns the folder and the PDF and HTML paths.
pub fn build(manifest: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let out = tempfile::tempdir().expect("temp dir");
    let out_dir = out.path().to_str().expect("utf-8 temp path").to_string();
    let result = deck(&root(), &["build", manifest, "--out-dir", &out_dir]);
    assert!(result.status.success(), "deck build {manifest} failed:\n{}", stderr(&result));
    let stem = Path::new(manifest).file_stem().expect("stem").to_string_lossy().into_owned();
    let pdf = out.path().join(format!("{stem}.pdf"));
    let html = out.path().join(format!("{stem}.html"));
    (out, pdf, html)
}

/// The GFMD deck and every test deck, as manifest paths from the root.
pub fn all_decks() -> Vec<String> {
    let mut decks: Vec<String> = std::fs::read_dir(root().join("tests/decks"))
        .expect("tests/decks")
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| format!("tests/decks/{}", p.file_name().expect("name").to_string_lossy()))
        .collect();
    decks.sort();
    decks.insert(0, "decks/gfmd/briefing.toml".to_string());
    decks
}

/// tests/browser with its npm packages installed (`npm ci` when one of
/// them is missing); a missing npm fails the test saying what to install.
pub fn browser_dir() -> PathBuf {
    let dir = root().join("tests/browser");
    let package: String = std::fs::read_to_string(dir.join("package.json")).expect("tests/browser/package.json");
    let dependencies = package.split("\"dependencies\"").nth(1).expect("package.json lists dependencies");
    let dependencies = dependencies.split('}').next().unwrap_or("");
    let names: Vec<&str> = dependencies.split(',').filter_map(|d| d.split('"').nth(1)).collect();
    if !names.iter().all(|m| dir.join("node_modules").join(m).is_dir()) {
        let npm = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--silent"])
            .current_dir(&dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run npm ({e}): install Debian's nodejs and npm"));
        assert!(npm.success(), "npm ci in tests/browser failed");
    }
    dir
}

/// Run a Node script of tests/browser with `args`; a missing node or
/// chromium fails the test saying what to install.
pub fn node(script: &str, args: &[&std::ffi::OsStr]) -> Output {
    let dir = browser_dir();
    Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): install Debian's nodejs and chromium"))
}

/// Check a browser script's report (tests/browser/harness.mjs prints each
/// check as "ok: …" or "FAIL: …"): it exited cleanly, no check failed, and
/// a check naming each of `expected` ran, so none was skipped unnoticed.
/// Returns the checks' names.
pub fn browser_checks(out: &Output, expected: &[&str]) -> Vec<String> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report = format!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    let failed: Vec<&str> = stdout.lines().filter_map(|l| l.strip_prefix("FAIL: ")).collect();
    assert!(failed.is_empty(), "failed in the browser:\n  {}\n\n{report}", failed.join("\n  "));
    assert!(out.status.success(), "{report}");
    let ran: Vec<String> = stdout.lines().filter_map(|l| l.strip_prefix("ok: ")).map(str::to_string).collect();
    for name in expected {
        assert!(ran.iter().any(|r| r.contains(name)), "no check named {name:?} ran:\n{report}");
    }
    ran
}

/// Run a poppler tool; a missing tool fails the test with what to install.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{tool}` ({e}): install Debian's poppler-utils"));
    assert!(output.status.success(), "{tool} {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of page `page` (1-based), or of all pages when `None`.
pub fn pdf_text(pdf: &Path, page: Option<usize>) -> String {
    let path = pdf.to_str().expect("utf-8 path");
    match page {
        Some(n) => {
            let n = n.to_string();
            poppler("pdftotext", &["-f", &n, "-l", &n, path, "-"])
        }
        None => poppler("pdftotext", &[path, "-"]),
    }
}

/// Number of pages, from pdfinfo.
pub fn page_count(pdf: &Path) -> usize {
    pdfinfo_field(pdf, "Pages").parse().expect("page count")
}

/// One field of pdfinfo's report.
pub fn pdfinfo_field(pdf: &Path, field: &str) -> String {
    let info = poppler("pdfinfo", &[pdf.to_str().expect("utf-8 path")]);
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| panic!("pdfinfo has no {field}:\n{info}"))
}

/// A word's box on a page, in pt from the top-left corner.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
    /// Index of the line the word is on, counted over the whole page.
    pub line: usize,
}

/// Every word of the PDF with its box (pdftotext -bbox-layout).
pub fn words(pdf: &Path) -> Vec<Word> {
    let xml = poppler("pdftotext", &["-bbox-layout", pdf.to_str().expect("utf-8 path"), "-"]);
    let mut out = Vec::new();
    let mut page = 0;
    let mut line = 0;
    for raw in xml.lines().map(str::trim) {
        if raw.starts_with("<page ") {
            page += 1;
            line = 0;
        } else if raw.starts_with("<line ") {
            line += 1;
        } else if raw.starts_with("<word ") {
            let attr = |name: &str| -> f32 {
                let key = format!("{name}=\"");
                let start = raw.find(&key).expect("attribute") + key.len();
                raw[start..].split('"').next().expect("value").parse().expect("number")
            };
            let text = raw.split('>').nth(1).and_then(|t| t.split('<').next()).unwrap_or("");
            out.push(Word {
                page,
                text: unescape(text),
                x_min: attr("xMin"),
                y_min: attr("yMin"),
                x_max: attr("xMax"),
                y_max: attr("yMax"),
                line,
            });
        }
    }
    out
}

/// Undo XML/HTML escaping.
pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Text with typographic punctuation made plain and all whitespace removed,
/// for comparing what a reader sees with what the source says.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => "'".to_string(),
            '\u{201c}' | '\u{201d}' => "\"".to_string(),
            '\u{2026}' => "...".to_string(),
            '\u{2013}' => "--".to_string(),
            c => c.to_string(),
        })
        .collect()
}
