//! Diagnostics as values: every stage reports problems as [`Diagnostic`]s
//! pointing into a [`Sources`] registry; only `cli/` renders and prints them.

use std::ops::Range;

/// Index of a file registered in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId(pub usize);

/// A byte range inside one registered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The file the range points into.
    pub file: FileId,
    /// Byte offsets into that file's text.
    pub range: Range<usize>,
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value itself.
    pub value: T,
    /// Where it came from; `None` for values made by deck itself.
    pub span: Option<Span>,
}

impl<T> Spanned<T> {
    /// A value with a known source position.
    pub fn new(value: T, span: Option<Span>) -> Self {
        Self { value, span }
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build goes on, the user should look.
    Warning,
    /// The build fails.
    Error,
}

/// One message for the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence without a trailing full stop.
    pub message: String,
    /// Where it is wrong, if a source position is known.
    pub span: Option<Span>,
    /// Where in the deck, when no byte position is known (e.g. "slide 4").
    pub context: Option<String>,
    /// What to do about it ("did you mean `title`?").
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    /// A new warning.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Self { severity, message, span: None, context: None, hints: Vec::new() }
    }

    /// Attach a source position.
    pub fn with_span(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// Attach a place in the deck that is not a byte position.
    pub fn with_context(mut self, context: impl Into<String>) -> Self {
        self.context = Some(context.into());
        self
    }

    /// Attach a place and the name of where it is, as
    /// `Origin::place` gives them.
    pub fn with_place(self, (span, context): (Option<Span>, String)) -> Self {
        self.with_span(span).with_context(context)
    }

    /// Attach a hint shown below the message.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// A failed stage returns all the errors it found.
pub type Errors = Vec<Diagnostic>;

/// One source file as read.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user should see it.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// All files a build read, so diagnostics can show the offending lines.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<Source>,
}

impl Sources {
    /// Register a file and get its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.push(Source { name: name.into(), text: text.into() });
        FileId(self.files.len() - 1)
    }

    /// The bytes of text of every file registered so far.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.text.len() as u64).sum()
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> Option<&Source> {
        self.files.get(id.0)
    }

    /// Every registered file, in order of registration.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &Source)> {
        self.files.iter().enumerate().map(|(i, s)| (FileId(i), s))
    }
}

/// Collects warnings during a build; printed once, after it.
#[derive(Debug, Default)]
pub struct Sink {
    warnings: Vec<Diagnostic>,
    /// Errors found where only warnings are usually found (a formula
    /// that does not parse, met while a body's Markdown is read): the
    /// reader adds them to its own.
    errors: Vec<Diagnostic>,
    /// Kinds of warning given once per build, already given.
    given: Vec<&'static str>,
}

impl Sink {
    /// Record a warning (identical warnings are kept once).
    pub fn warn(&mut self, diagnostic: Diagnostic) {
        if !self.warnings.contains(&diagnostic) {
            self.warnings.push(diagnostic);
        }
    }

    /// Record a warning of `kind` unless one of that kind was already
    /// recorded: for habits that would otherwise warn on every slide.
    pub fn warn_once(&mut self, kind: &'static str, diagnostic: Diagnostic) {
        if !self.given.contains(&kind) {
            self.given.push(kind);
            self.warn(diagnostic);
        }
    }

    /// Record an error: the build fails when the reading is done.
    pub fn error(&mut self, diagnostic: Diagnostic) {
        self.errors.push(diagnostic);
    }

    /// The errors recorded so far, taken out of the sink.
    pub fn take_errors(&mut self) -> Vec<Diagnostic> {
        // In the order they were written, as a reader meets them.
        self.errors.sort_by_key(|d| d.span.as_ref().map(|s| (s.file.0, s.range.start)));
        std::mem::take(&mut self.errors)
    }

    /// All warnings so far, in the order they were found.
    pub fn into_warnings(self) -> Vec<Diagnostic> {
        self.warnings
    }
}

/// Where the first byte of `bytes` that is not UTF-8 lies (`valid_up_to`,
/// as `std::str::Utf8Error` gives it), in a message's words: "byte 0xE9
/// at line 2, column 12", columns counted in characters from 1.
pub fn not_utf8_at(bytes: &[u8], valid_up_to: usize) -> String {
    let valid = std::str::from_utf8(&bytes[..valid_up_to.min(bytes.len())]).unwrap_or_default();
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    match bytes.get(valid_up_to) {
        Some(byte) => format!("byte 0x{byte:02X} at line {line}, column {column}"),
        None => format!("a character cut short at line {line}, column {column}"),
    }
}

/// A slide's name in every message: "slide 3", or "slide 3 (“Context”)"
/// when it has a title. Slides are counted as the deck shows them, the
/// title slide first.
pub fn slide_name(number: usize, title: Option<&str>) -> String {
    let title = title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty());
    match title {
        Some(t) if t.chars().count() > MAX_TITLE_SHOWN => {
            let short: String = t.chars().take(MAX_TITLE_SHOWN - 1).collect();
            format!("slide {number} (“{}…”)", short.trim_end())
        }
        Some(t) => format!("slide {number} (“{t}”)"),
        None => format!("slide {number}"),
    }
}

/// Longest title [`slide_name`] shows whole, in characters.
const MAX_TITLE_SHOWN: usize = 40;

/// The closest candidate to a misspelled name, if one is close enough to be
/// what the user meant.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let keys = ["title", "subtitle", "author"];
        assert_eq!(suggest("tilte", keys), Some("title"));
        assert_eq!(suggest("autor", keys), Some("author"));
        assert_eq!(suggest("zzz", keys), None);
    }

    #[test]
    fn slides_are_named_by_number_and_title() {
        assert_eq!(slide_name(3, Some("  Context\n")), "slide 3 (“Context”)");
        assert_eq!(slide_name(1, None), "slide 1");
        assert_eq!(slide_name(2, Some(" ")), "slide 2");
        let long = "A title that goes on and on for far longer than any slide title should";
        assert_eq!(slide_name(4, Some(long)), "slide 4 (“A title that goes on and on for far lon…”)");
    }
}
