//! Diagrams in Markdown (```` ```mermaid ````), checked as they are read:
//! one that cannot be drawn fails the build at the line and column of its
//! fault, in the Markdown file or in the TOML string.

use comrak::nodes::AstNode;

use super::convert::Converter;
use crate::diag::Diagnostic;

const SYNTAX: &str = "deck reads diagrams as Mermaid does (docs/format.md, \"Diagrams\")";

impl Converter<'_, '_> {
    /// Check the diagram `source` of the fence `node`; a fault is an
    /// error recorded where it is.
    pub(super) fn diagram<'a>(&mut self, node: &'a AstNode<'a>, source: &str) {
        let Err(e) = crate::diagram::check(source) else { return };
        let exact = e.range.and_then(|range| {
            let start = self.in_markdown(node, source, range.start)?;
            // The fault's own bytes when they stay on its line; else its start.
            let end = self
                .in_markdown(node, source, range.end)
                .filter(|end| *end >= start && !self.text.get(start..*end).is_some_and(|t| t.contains('\n')));
            self.origin.span_of(self.text, start..end.unwrap_or(start))
        });
        let place = match exact {
            Some(span) => (Some(span), self.origin.context.clone()),
            None => self.fence_place(node),
        };
        self.sink.error(
            Diagnostic::error(format!("this diagram cannot be drawn: {}", e.message))
                .with_place(place)
                .with_hint(SYNTAX),
        );
    }

    /// The byte of the Markdown where byte `at` of the fence's `source`
    /// was written. A fence indented in a list loses its indent from
    /// each line, so each line is found as the end of its Markdown line.
    fn in_markdown<'a>(&self, node: &'a AstNode<'a>, source: &str, at: usize) -> Option<usize> {
        let first = node.data().sourcepos.start.line; // the opening fence
        let line = source.get(..at)?.matches('\n').count();
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let written = source.get(line_start..)?.split('\n').next()?;
        // Line `first + 1 + line` (1-based) begins after newline number `first + line`.
        let md_start = self.text.match_indices('\n').nth((first + line).checked_sub(1)?).map(|(i, _)| i + 1)?;
        let md_line = self.text.get(md_start..)?.split('\n').next()?;
        let md_line = md_line.strip_suffix('\r').unwrap_or(md_line);
        let indent = md_line.len().checked_sub(written.len()).filter(|_| md_line.ends_with(written))?;
        Some(md_start + indent + (at - line_start))
    }

    fn fence_place<'a>(&self, node: &'a AstNode<'a>) -> (Option<crate::diag::Span>, String) {
        let pos = node.data().sourcepos;
        let line = self.text.lines().nth(pos.start.line.saturating_sub(1)).unwrap_or("");
        let end = pos.start.column + line.trim().len().saturating_sub(1);
        self.origin.place(self.text, (pos.start.line, pos.start.column), (pos.start.line, end))
    }
}
