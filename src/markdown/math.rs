//! Formulas in Markdown (`$…$`, `$$…$$`, ```` ```math ````), checked as
//! they are read: one that cannot be set fails the build at the line and
//! column of its fault, in the Markdown file or in the TOML string.

use comrak::nodes::AstNode;

use super::convert::Converter;
use crate::diag::Diagnostic;

const ESCAPE_HINT: &str = "write the body as a literal string, between ''' and ''', where a backslash is itself; \
                           or double each backslash: `\\\\frac`";

const SYNTAX: &str = "deck reads formulas as KaTeX does (docs/format.md, \"Math\")";

impl Converter<'_, '_> {
    /// The formula `literal` written at `node`: its source when it can be
    /// set; otherwise an error recorded where the fault is, and `None`.
    pub(super) fn formula<'a>(&mut self, node: &'a AstNode<'a>, literal: &str) -> Option<String> {
        let pos = node.data().sourcepos;
        let from = self.offset(pos.start.line, pos.start.column);
        let at = from.and_then(|from| self.text.get(from..)?.find(literal).map(|i| from + i));
        let whole = || self.place_node(node);
        let place = |this: &Self, range: std::ops::Range<usize>| match at {
            Some(at) => match this.origin.span_of(this.text, at + range.start..at + range.end) {
                Some(span) => (Some(span), this.origin.context.clone()),
                None => this.place_node(node),
            },
            None => this.place_node(node),
        };
        if let Some((escape, command)) = at.and_then(|at| self.toml_escape(at..at + literal.len())) {
            let place = place(self, 0..literal.len());
            self.sink.error(
                Diagnostic::error(format!(
                    "`{escape}` in a TOML string is an escape, so `{command}` never reaches the formula"
                ))
                .with_place(place)
                .with_hint(ESCAPE_HINT),
            );
            return None;
        }
        match crate::math::check(literal) {
            Ok(()) => Some(literal.to_string()),
            Err(e) => {
                let place = match e.range {
                    Some(range) => place(self, range),
                    None => whole(),
                };
                self.sink.error(
                    Diagnostic::error(format!("this formula cannot be set: {}", e.message))
                        .with_place(place)
                        .with_hint(SYNTAX),
                );
                None
            }
        }
    }

    /// Byte offset of line `line`, column `column` (1-based, comrak's) in
    /// the Markdown.
    fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let start =
            if line == 1 { 0 } else { self.text.match_indices('\n').nth(line.checked_sub(2)?).map(|(i, _)| i + 1)? };
        Some(start + column.saturating_sub(1)).filter(|&at| at <= self.text.len())
    }

    /// When bytes `range` of the Markdown come from a TOML basic string
    /// and were written with an escape that turned a LaTeX command into
    /// a control character (`\f` of `\frac`, `\t` of `\theta`, `\n` of
    /// `\neq`): the escape and the command it ate.
    fn toml_escape(&self, range: std::ops::Range<usize>) -> Option<(String, String)> {
        if self.origin.verbatim {
            return None;
        }
        let (file, _) = self.origin.source.as_ref()?;
        // A literal string ('…', '''…''') has no escapes.
        let token = self.origin.span.as_ref().and_then(|s| file.get(s.range.clone()))?;
        if token.starts_with('\'') {
            return None;
        }
        let span = self.origin.span_of(self.text, range)?;
        let written = file.get(span.range)?;
        let bytes = written.as_bytes();
        let mut i = 0;
        while i + 1 < bytes.len() {
            if bytes[i] != b'\\' {
                i += 1;
                continue;
            }
            if matches!(bytes[i + 1], b'b' | b'f' | b'n' | b'r' | b't' | b'e') {
                let command: String =
                    written[i + 1..].chars().take_while(char::is_ascii_alphabetic).collect::<String>();
                return Some((written[i..i + 2].to_string(), format!("\\{command}")));
            }
            i += 2; // `\\` and the other escapes
        }
        None
    }

    /// A formula of a TOML basic string whose first command an escape
    /// turned into white space (`$\theta$`, `$\nu$`, `$\rho$`): Markdown
    /// then sees no formula at all, and the text shows dollars. Each is an
    /// error at the escape.
    pub(super) fn whitespace_escapes(&mut self) {
        let (Some((file, _)), Some(span)) = (self.origin.source.as_ref(), self.origin.span.as_ref()) else { return };
        let Some(token) = file.get(span.range.clone()) else { return };
        if self.origin.verbatim || token.starts_with('\'') {
            return;
        }
        let mut found = Vec::new();
        for (at, _) in token.match_indices('$') {
            let after = &token.as_bytes()[at + 1..];
            if after.len() >= 3 && after[0] == b'\\' && matches!(after[1], b't' | b'n' | b'r') {
                let command: String = token[at + 2..].chars().take_while(char::is_ascii_alphabetic).collect();
                // Only where a formula was meant: a LaTeX command, and a
                // closing dollar after it (`$\ndef` in code is neither).
                let closed = token[at + 2 + command.len()..].contains('$');
                if closed && crate::math::check(&format!("\\{command}")).is_ok() {
                    found.push((at + 1, command));
                }
            }
        }
        for (at, command) in found {
            let range = span.range.start + at..span.range.start + at + 1 + command.len();
            self.sink.error(
                Diagnostic::error(format!(
                    "`\\{}` in a TOML string is an escape, so `\\{command}` never reaches the formula",
                    &command[..1]
                ))
                .with_span(Some(crate::diag::Span { file: span.file, range }))
                .with_context(self.origin.context.clone())
                .with_hint(ESCAPE_HINT),
            );
        }
    }

    fn place_node<'a>(&self, node: &'a AstNode<'a>) -> (Option<crate::diag::Span>, String) {
        let pos = node.data().sourcepos;
        self.origin.place(self.text, (pos.start.line, pos.start.column), (pos.end.line, pos.end.column))
    }
}
