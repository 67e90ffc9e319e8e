//! Markdown (CommonMark + GFM tables, strikethrough, autolinks, task
//! lists, footnotes, smart punctuation) into [`model`](crate::model) blocks. The only user of comrak.
//!
//! HTML comments are never content: [`comments`] hands them to the reader
//! (in a Markdown deck they are speaker notes or Marp directives), and the
//! conversion leaves them out.

mod convert;
mod diagram;
mod divs;
mod math;

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use comrak::{Arena, Options, parse_document};

use crate::diag::{Diagnostic, Sink, Span};
use crate::model::{Block, Inline};

/// A string token's decoded value, with each byte's place in the token.
pub type Decode = fn(&str) -> Option<(String, Vec<usize>)>;

/// Where a piece of Markdown came from, for warnings.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The TOML string, or the part of a Markdown file, holding the Markdown.
    pub span: Option<Span>,
    /// A human name for it: "slide 4 body".
    pub context: String,
    /// The Markdown is the file's own text at `span` (a Markdown file's
    /// slide, not a TOML string with its quotes and escapes), so each of
    /// its lines is a place in the file.
    pub verbatim: bool,
    /// The text of the file `span` points into, when the Markdown is a
    /// string there, and how to decode the string's token (the manifest's
    /// TOML rules): a place in the Markdown is found in the file by
    /// decoding the token again, and only when a message needs it.
    pub source: Option<(Arc<str>, Decode)>,
    /// The string's token decoded, with each byte's place in the token.
    pub decoded: OnceCell<Option<(String, Vec<usize>)>>,
}

impl Origin {
    /// An origin whose Markdown is not placed more finely than `span`.
    pub fn new(span: Option<Span>, context: impl Into<String>, verbatim: bool) -> Self {
        Self { span, context: context.into(), verbatim, source: None, decoded: OnceCell::new() }
    }

    /// An origin for a string at `span` of the file whose text is
    /// `source`, whose token `decode` reads.
    pub fn in_file(span: Span, context: impl Into<String>, verbatim: bool, source: Option<(Arc<str>, Decode)>) -> Self {
        Self { source, ..Self::new(Some(span), context, verbatim) }
    }

    /// Where bytes `range` of `text`, the Markdown, were written: exactly,
    /// for a Markdown file's own text or a TOML string whose token decodes
    /// to `text`; `None` when only the whole string is known.
    pub fn span_of(&self, text: &str, range: Range<usize>) -> Option<Span> {
        let span = self.span.clone()?;
        let base = span.range.start;
        if self.verbatim {
            return Some(Span { file: span.file, range: base + range.start..base + range.end });
        }
        let decoded = self.decoded.get_or_init(|| {
            let (text, decode) = self.source.as_ref()?;
            decode(text.get(span.range.clone())?)
        });
        let (value, map) = decoded.as_ref().filter(|(value, _)| value == text)?;
        let (start, end) = (map.get(range.start)?, map.get(range.end.min(value.len()))?);
        Some(Span { file: span.file, range: base + start..base + end.max(start) })
    }

    /// Where the text from line `line`, column `column` (1-based, bytes;
    /// comrak's positions) to `end` on the same line was written, and this
    /// origin's name for messages; the name says the line when the place
    /// cannot be shown exactly.
    pub fn place(&self, text: &str, (line, column): (usize, usize), end: (usize, usize)) -> (Option<Span>, String) {
        let starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let offset = |(line, column): (usize, usize)| {
            let start = *starts.get(line.checked_sub(1)?)?;
            let end = starts.get(line).map_or(text.len(), |next| next - 1);
            Some(start.saturating_add(column.saturating_sub(1)).min(end)..end)
        };
        let exact = offset((line, column)).and_then(|from| {
            let to = offset(end).filter(|_| end.0 == line).map_or(from.end, |to| (to.start + 1).min(from.end));
            self.span_of(text, from.start..to.max(from.start))
        });
        match exact {
            Some(span) => (Some(span), self.context.clone()),
            None => (self.at_line(text, line), format!("{}, line {line}", self.context)),
        }
    }

    /// Where line `line` (1-based) of `text`, the Markdown, was written:
    /// that line when the Markdown is verbatim, else the whole of it.
    pub fn at_line(&self, text: &str, line: usize) -> Option<Span> {
        let span = self.span.clone()?;
        if !self.verbatim {
            return Some(span);
        }
        let mut start = 0;
        for (n, piece) in text.split_inclusive('\n').enumerate() {
            if n + 1 == line {
                let shown = piece.trim_end_matches(['\n', '\r']).len();
                return Some(Span {
                    file: span.file,
                    range: span.range.start + start..span.range.start + start + shown,
                });
            }
            start += piece.len();
        }
        Some(span)
    }
}

/// Parse a body into blocks; content nested past [`convert::MAX_NESTING`]
/// levels is an error.
pub fn blocks(text: &str, origin: &Origin, sink: &mut Sink) -> Result<Vec<Block>, Diagnostic> {
    let arena = Arena::new();
    let marked = divs::mark(text);
    let root = parse_document(&arena, marked.as_ref().map_or(text, |(m, _)| m.as_str()), &options());
    let mut converter = convert::Converter::new(origin, text, sink);
    converter.whitespace_escapes();
    converter.fences = marked.map(|(_, fences)| fences).unwrap_or_default();
    let mut blocks = converter.top(root);
    if !converter.footnotes.is_empty() {
        blocks.push(Block::Footnotes(std::mem::take(&mut converter.footnotes)));
    }
    match converter.too_deep {
        None => Ok(blocks),
        Some(line) => Err(Diagnostic::error(format!(
            "lists and quotes are nested more than {} levels deep",
            convert::MAX_NESTING
        ))
        .with_place(origin.place(text, (line, 1), (line, usize::MAX)))
        .with_hint("flatten the structure; no slide can show that many levels")),
    }
}

/// Parse a one-line text (a title) into inline content.
pub fn inlines(text: &str, origin: &Origin, sink: &mut Sink) -> Vec<Inline> {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    convert::Converter::new(origin, text, sink).flat_inlines(root)
}

/// An HTML comment of a body: its text between `<!--` and `-->`, trimmed,
/// and where that text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Line of the body where the comment starts (1-based).
    pub line: usize,
    /// Byte range of `text` in the body.
    pub range: std::ops::Range<usize>,
    /// What is inside it.
    pub text: String,
}

/// The HTML comments of a body, in order; comments inside code are code.
pub fn comments(text: &str) -> Vec<Comment> {
    if !text.contains("<!--") {
        return Vec::new();
    }
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    let line_starts: Vec<usize> = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut out = Vec::new();
    for node in root.descendants() {
        let data = node.data();
        let literal = match &data.value {
            comrak::nodes::NodeValue::HtmlBlock(html) => html.literal.as_str(),
            comrak::nodes::NodeValue::HtmlInline(html) => html.as_str(),
            _ => continue,
        };
        let (line, column) = (data.sourcepos.start.line, data.sourcepos.start.column);
        let at = line_starts.get(line.saturating_sub(1)).map_or(0, |s| s + column.saturating_sub(1));
        // Where the literal sits in the body: found from its first line on.
        let from = text.get(at..).and_then(|rest| rest.find(literal.trim_end())).map_or(at, |i| at + i);
        let mut offset = 0;
        while let Some(start) = literal[offset..].find("<!--") {
            let open = offset + start + 4;
            let inside = &literal[open..];
            let length = inside.find("-->").unwrap_or(inside.len());
            let raw = &inside[..length];
            let lead = raw.len() - raw.trim_start().len();
            let shown = raw.trim();
            let begin = from + open + lead;
            out.push(Comment {
                line: line + literal[..open].matches('\n').count(),
                range: begin..begin + shown.len(),
                text: shown.to_string(),
            });
            offset = (open + length + 3).min(literal.len());
        }
    }
    out
}

/// `html` with its comments taken out.
fn without_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start + 4..].split_once("-->").map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

fn options() -> Options<'static> {
    let mut options = Options::default();
    // `$…$` and `$$…$$`: formulas (src/math/).
    options.extension.math_dollars = true;
    options.extension.strikethrough = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.parse.smart = true;
    options
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ListItem;

    fn parse(text: &str) -> (Vec<Block>, usize) {
        let mut sink = Sink::default();
        let origin = Origin::new(None, "test", false);
        let blocks = blocks(text, &origin, &mut sink).unwrap();
        (blocks, sink.into_warnings().len())
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn nested_bullets_keep_their_levels() {
        let (blocks, _) = parse("- one\n  - two\n    - three\n- four");
        let Block::List { start: None, items } = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].blocks[0], Block::Paragraph(vec![text("one")]));
        let Block::List { items: inner, .. } = &items[0].blocks[1] else { panic!() };
        let Block::List { items: inner2, .. } = &inner[0].blocks[1] else { panic!() };
        assert_eq!(inner2[0], ListItem { blocks: vec![Block::Paragraph(vec![text("three")])], task: None });
    }

    #[test]
    fn task_items_and_footnotes() {
        let (blocks, _) = parse("- [x] done[^b]\n- [ ] open[^a]\n- plain\n\n[^a]: A.\n[^b]: B.\n[^c]: unused.\n");
        let Block::List { items, .. } = &blocks[0] else { panic!("{blocks:?}") };
        let tasks: Vec<Option<bool>> = items.iter().map(|i| i.task).collect();
        assert_eq!(tasks, [Some(true), Some(false), None]);
        assert_eq!(items[0].blocks[0], Block::Paragraph(vec![text("done\u{b9}")]));
        assert_eq!(items[1].blocks[0], Block::Paragraph(vec![text("open\u{b2}")]));
        // Numbered by first reference; a note nothing refers to is left out.
        let notes = vec![
            ListItem { blocks: vec![Block::Paragraph(vec![text("B.")])], task: None },
            ListItem { blocks: vec![Block::Paragraph(vec![text("A.")])], task: None },
        ];
        assert_eq!(blocks[1], Block::Footnotes(notes));
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn ordered_lists_keep_their_start() {
        let (blocks, _) = parse("3. c\n4. d");
        assert!(matches!(blocks[0], Block::List { start: Some(3), .. }));
    }

    #[test]
    fn inline_styles_and_smart_punctuation() {
        let (blocks, _) = parse("**Bold** and *it* -- \"quoted\"... `x<y`");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![
                Inline::Strong(vec![text("Bold")]),
                text(" and "),
                Inline::Emph(vec![text("it")]),
                text(" \u{2013} \u{201c}quoted\u{201d}\u{2026} "),
                Inline::Code("x<y".into()),
            ])]
        );
    }

    #[test]
    fn script_links_lose_their_target() {
        for url in ["javascript:alert(1)", " JaVa\tScRiPt:x", "vbscript:x", "data:text/html,x"] {
            let (blocks, warnings) = parse(&format!("[click](<{url}>)"));
            assert_eq!(blocks, vec![Block::Paragraph(vec![text("click")])], "{url}");
            assert_eq!(warnings, 1);
        }
        let (blocks, _) = parse("[ok](https://example.org)");
        assert!(matches!(&blocks[0], Block::Paragraph(i) if matches!(i[0], Inline::Link { .. })));
    }

    #[test]
    fn comments_and_their_places() {
        let text = "# T\n\n<!--\nnote one\n-->\n\nSay <!-- two --> it.\n\n```\n<!-- code -->\n```\n";
        let found = comments(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].line, found[0].text.as_str()), (3, "note one"));
        assert_eq!(&text[found[0].range.clone()], "note one");
        assert_eq!((found[1].line, &text[found[1].range.clone()]), (7, "two"));
        let (blocks, warnings) = parse(text);
        assert_eq!(warnings, 0);
        assert_eq!(blocks[1], Block::Paragraph(vec![text_("Say  it.")]));
    }

    fn text_(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn raw_html_is_text_with_a_warning() {
        let (blocks, warnings) = parse("a <b>bold</b>");
        assert_eq!(blocks, vec![Block::Paragraph(vec![text("a <b>bold</b>")])]);
        assert_eq!(warnings, 1);
    }

    #[test]
    fn source_hyphens_stay_hyphens() {
        let (blocks, _) = parse("- -Submit 9-11 July");
        let Block::List { items, .. } = &blocks[0] else { panic!() };
        assert_eq!(items[0].blocks[0], Block::Paragraph(vec![text("-Submit 9-11 July")]));
    }

    #[test]
    fn nesting_past_the_limit_is_an_error() {
        let mut sink = Sink::default();
        let origin = Origin::new(None, "test", false);
        let deep = ">".repeat(convert::MAX_NESTING + 1) + " x";
        let error = blocks(&deep, &origin, &mut sink).unwrap_err();
        assert_eq!(error.message, "lists and quotes are nested more than 16 levels deep");
        let fine = ">".repeat(convert::MAX_NESTING) + " x";
        assert!(blocks(&fine, &origin, &mut sink).is_ok());
    }

    #[test]
    fn titles_flatten_to_inlines() {
        let mut sink = Sink::default();
        let origin = Origin::new(None, "t", false);
        assert_eq!(
            inlines("**GFMD I** Follow-Up", &origin, &mut sink),
            vec![Inline::Strong(vec![text("GFMD I")]), text(" Follow-Up")]
        );
    }
}
