//! Rendering diagnostics for the terminal: the source line, a caret under
//! the offending text, and the hints.

use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label, Severity as RenderedSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Chars, Config};
use deck::Failure;
use deck::diag::{Diagnostic, Severity, Sources};

/// Print a failed build's warnings, then its errors.
pub fn failure(failure: &Failure) {
    diagnostics(&failure.warnings, &failure.sources);
    diagnostics(&failure.errors, &failure.sources);
}

/// Print diagnostics to stderr.
pub fn diagnostics(list: &[Diagnostic], sources: &Sources) {
    render(list, sources, &mut std::io::stderr().lock());
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
    render(&failure.errors, &failure.sources, &mut text);
    String::from_utf8_lossy(&text).into_owned()
}

fn render(list: &[Diagnostic], sources: &Sources, out: &mut dyn std::io::Write) {
    let mut files = SimpleFiles::new();
    for (_, source) in sources.iter() {
        files.add(source.name.clone(), source.text.clone());
    }
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    for d in list {
        let severity = match d.severity {
            Severity::Error => RenderedSeverity::Error,
            Severity::Warning => RenderedSeverity::Warning,
        };
        let mut rendered = Rendered::new(severity).with_message(&d.message);
        if let Some(span) = &d.span {
            rendered = rendered.with_labels(vec![Label::primary(span.file.0, span.range.clone())]);
        }
        let mut notes: Vec<String> = d.context.iter().map(|c| format!("in {c}")).collect();
        notes.extend(d.hints.iter().cloned());
        rendered = rendered.with_notes(notes);
        let _ = term::emit(out, &config, &files, &rendered);
    }
}

/// "62 KB", "1.3 MB".
pub fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 { format!("{:.1} MB", bytes as f64 / 1e6) } else { format!("{} KB", bytes.div_ceil(1000)) }
}
