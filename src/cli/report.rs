//! Rendering diagnostics for the terminal, in the form `--diagnostic-format`
//! chose: `human` (the source line, a caret under the offending text, the
//! hints), `short` (one line each) or `json` (one JSON object a line, for
//! editors); in colour when `--color` allows it.

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use clap::ValueEnum;
use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::termcolor::{Ansi, ColorSpec, NoColor, WriteColor};
use codespan_reporting::term::{self, Chars, Config};
use deck::Failure;
use deck::diag::{Diagnostic, Severity, Sources};
use serde::Serialize;

/// `--color`: when diagnostics are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard error is a terminal, NO_COLOR is unset or empty and TERM is not `dumb`.
    Auto,
    /// Always, even into a pipe or with NO_COLOR set.
    Always,
    /// Never.
    Never,
}

/// `--diagnostic-format`: how diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// The source line with the offending text marked, and the hints.
    Human,
    /// One line each: `file:line:column: severity: message`.
    Short,
    /// One JSON object a line, for editors.
    Json,
}

/// How diagnostics are printed, set once from the command line.
#[derive(Debug, Clone, Copy)]
struct Style {
    color: bool,
    format: DiagnosticFormat,
}

static STYLE: OnceLock<Style> = OnceLock::new();

/// Choose how the diagnostics of this run are printed.
pub fn set_style(color: ColorChoice, format: DiagnosticFormat) {
    let color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    };
    let _ = STYLE.set(Style { color, format });
}

fn style() -> Style {
    STYLE.get().copied().unwrap_or(Style { color: false, format: DiagnosticFormat::Human })
}

/// Print a failed build's warnings, then its errors.
pub fn failure(failure: &Failure) {
    diagnostics(&failure.warnings, &failure.sources);
    diagnostics(&failure.errors, &failure.sources);
}

/// Print diagnostics to stderr, as the command line asked.
pub fn diagnostics(list: &[Diagnostic], sources: &Sources) {
    if list.is_empty() {
        return;
    }
    let style = style();
    let mut text = Vec::new();
    let files = files(sources);
    match style.format {
        DiagnosticFormat::Human if style.color => human(list, &files, &mut Ansi::new(&mut text)),
        DiagnosticFormat::Human => human(list, &files, &mut NoColor::new(&mut text)),
        DiagnosticFormat::Short if style.color => short(list, &files, &mut Ansi::new(&mut text)),
        DiagnosticFormat::Short => short(list, &files, &mut NoColor::new(&mut text)),
        DiagnosticFormat::Json => {
            for d in list {
                if let Ok(line) = serde_json::to_string(&json(d, &files)) {
                    text.extend_from_slice(line.as_bytes());
                    text.push(b'\n');
                }
            }
        }
    }
    // One write, so diagnostics of threads never interleave.
    let _ = std::io::stderr().lock().write_all(&text);
}

/// Print one diagnostic about no file (a port taken, a watcher that
/// cannot start), as the command line asked.
pub fn say(diagnostic: Diagnostic) {
    diagnostics(&[diagnostic], &Sources::default());
}

/// Print the stage timings recorded since the last call (only recorded
/// with `DECK_TIMINGS` set).
pub fn timings() {
    for line in deck::timing::take() {
        eprintln!("{line}");
    }
}

/// A failed build's errors as plain text, for the browser's error overlay.
pub fn failure_text(failure: &Failure) -> String {
    let mut text = Vec::new();
    human(&failure.errors, &files(&failure.sources), &mut NoColor::new(&mut text));
    String::from_utf8_lossy(&text).into_owned()
}

type SourceFiles = SimpleFiles<String, String>;

fn files(sources: &Sources) -> SourceFiles {
    let mut files = SimpleFiles::new();
    for (_, source) in sources.iter() {
        files.add(source.name.clone(), source.text.clone());
    }
    files
}

fn human(list: &[Diagnostic], files: &SourceFiles, out: &mut dyn WriteColor) {
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    for d in list {
        let mut rendered = Rendered::new(severity(d.severity)).with_message(&d.message);
        if let Some(span) = &d.span {
            rendered = rendered.with_labels(vec![Label::primary(span.file.0, span.range.clone())]);
        }
        let mut notes: Vec<String> = d.context.iter().map(|c| format!("in {c}")).collect();
        notes.extend(d.hints.iter().cloned());
        rendered = rendered.with_notes(notes);
        let _ = term::emit(out, &config, files, &rendered);
    }
}

/// `file:line:column: severity: message (in context)`, one line each, the
/// severity coloured as in the human form.
fn short(list: &[Diagnostic], files: &SourceFiles, out: &mut dyn WriteColor) {
    let styles = Config::default().styles;
    for d in list {
        let place = place(d, files);
        if let Some(Place { file, start: (line, column), .. }) = &place {
            let _ = write!(out, "{file}:{line}:{column}: ");
        }
        let _ = out.set_color(styles.header(severity(d.severity)));
        let _ = write!(out, "{}:", name(d.severity));
        let _ = out.set_color(&ColorSpec::new());
        let _ = write!(out, " {}", d.message);
        if let Some(context) = &d.context {
            let _ = write!(out, " (in {context})");
        }
        let _ = writeln!(out);
    }
}

/// One diagnostic as editors read it: lines and columns count from 1,
/// columns in characters; the end is just past the marked text.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: &'static str,
    message: String,
    context: Option<String>,
    hints: Vec<String>,
}

/// `list` as JSON objects, for `deck check --format json`.
pub fn json_list(list: &[Diagnostic], sources: &Sources) -> Vec<JsonDiagnostic> {
    let files = files(sources);
    list.iter().map(|d| json(d, &files)).collect()
}

fn json(d: &Diagnostic, files: &SourceFiles) -> JsonDiagnostic {
    let place = place(d, files);
    JsonDiagnostic {
        file: place.as_ref().map(|p| p.file.clone()),
        line: place.as_ref().map(|p| p.start.0),
        column: place.as_ref().map(|p| p.start.1),
        end_line: place.as_ref().map(|p| p.end.0),
        end_column: place.as_ref().map(|p| p.end.1),
        severity: name(d.severity),
        message: d.message.clone(),
        context: d.context.clone(),
        hints: d.hints.clone(),
    }
}

/// Where a diagnostic's span is: the file's name, and the (line, column)
/// of its start and of its end.
struct Place {
    file: String,
    start: (usize, usize),
    end: (usize, usize),
}

fn place(d: &Diagnostic, files: &SourceFiles) -> Option<Place> {
    let span = d.span.as_ref()?;
    let file = files.get(span.file.0).ok()?;
    let at = |byte: usize| files.location(span.file.0, byte).ok().map(|l| (l.line_number, l.column_number));
    Some(Place { file: file.name().clone(), start: at(span.range.start)?, end: at(span.range.end)? })
}

fn severity(severity: Severity) -> RenderedSeverity {
    match severity {
        Severity::Error => RenderedSeverity::Error,
        Severity::Warning => RenderedSeverity::Warning,
    }
}

fn name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// "62 KB", "1.3 MB".
pub fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 { format!("{:.1} MB", bytes as f64 / 1e6) } else { format!("{} KB", bytes.div_ceil(1000)) }
}

/// "1 slide", "2 slides": a count with its noun, singular or plural.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_are_singular_only_for_one() {
        assert_eq!(count(0, "warning"), "0 warnings");
        assert_eq!(count(1, "slide"), "1 slide");
        assert_eq!(count(2, "page"), "2 pages");
    }
}
