//! Markdown (CommonMark + GFM tables, strikethrough, autolinks, smart
//! punctuation) into [`model`](crate::model) blocks. The only user of comrak.

mod convert;

use comrak::{Arena, Options, parse_document};

use crate::diag::{Sink, Span};
use crate::model::{Block, Inline};

/// Where a piece of Markdown came from, for warnings.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The TOML string holding the Markdown.
    pub span: Option<Span>,
    /// A human name for it: "slide 4 body".
    pub context: String,
}

/// Parse a body into blocks.
pub fn blocks(text: &str, origin: &Origin, sink: &mut Sink) -> Vec<Block> {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    convert::Converter { origin, sink }.blocks(root)
}

/// Parse a one-line text (a title) into inline content.
pub fn inlines(text: &str, origin: &Origin, sink: &mut Sink) -> Vec<Inline> {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    convert::Converter { origin, sink }.flat_inlines(root)
}

fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
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
        let origin = Origin { span: None, context: "test".into() };
        let blocks = blocks(text, &origin, &mut sink);
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
        assert_eq!(inner2[0], ListItem { blocks: vec![Block::Paragraph(vec![text("three")])] });
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
    fn raw_html_is_text_with_a_warning() {
        let (blocks, warnings) = parse("a <b>bold</b>");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![text("a <b>bold</b>")])]
        );
        assert_eq!(warnings, 1);
    }

    #[test]
    fn source_hyphens_stay_hyphens() {
        let (blocks, _) = parse("- -Submit 9-11 July");
        let Block::List { items, .. } = &blocks[0] else { panic!() };
        assert_eq!(items[0].blocks[0], Block::Paragraph(vec![text("-Submit 9-11 July")]));
    }

    #[test]
    fn titles_flatten_to_inlines() {
        let mut sink = Sink::default();
        let origin = Origin { span: None, context: "t".into() };
        assert_eq!(
            inlines("**GFMD I** Follow-Up", &origin, &mut sink),
            vec![Inline::Strong(vec![text("GFMD I")]), text(" Follow-Up")]
        );
    }
}
