//! Block and inline content of slide bodies.

use crate::diag::Span;

/// A block of body content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of inline content.
    Paragraph(Vec<Inline>),
    /// A heading inside a body (`##` and deeper); level 1–6.
    Heading {
        /// Markdown heading level.
        level: u8,
        /// Heading text.
        content: Vec<Inline>,
    },
    /// A bullet or numbered list.
    List {
        /// `Some(start)` for ordered lists.
        start: Option<u64>,
        /// The items in order.
        items: Vec<ListItem>,
    },
    /// A code block, kept verbatim.
    Code {
        /// The info string's first word, if any (a language name).
        lang: Option<String>,
        /// The code, with its line breaks.
        text: String,
        /// Where its opening fence was written.
        span: Option<Span>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A table: a header row, then body rows.
    Table {
        /// Column alignments.
        align: Vec<TableAlign>,
        /// Rows of cells; the first is the header.
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A horizontal rule.
    Rule,
    /// A picture on a line of its own: `![alt](src)`.
    Image {
        /// The file, relative to the manifest's folder, as written.
        src: String,
        /// Text describing it.
        alt: String,
        /// Where `![alt](src)` was written.
        span: Option<Span>,
    },
    /// A body's footnotes (`[^name]: …`), numbered 1, 2, … in the order
    /// of their first reference; set at the end of the body.
    Footnotes(Vec<ListItem>),
    /// Columns side by side inside a body (`::: columns`, `::: column`).
    Columns(Vec<Column>),
    /// A formula set on its own line, centred: `$$…$$` alone in a
    /// paragraph, or a ```` ```math ```` fence.
    Math {
        /// Its LaTeX source, without the dollars or fence.
        tex: String,
        /// Where the source was written.
        span: Option<Span>,
    },
    /// A diagram: a ```` ```mermaid ```` fence, drawn as a picture.
    Diagram {
        /// Its Mermaid source, without the fence.
        source: String,
        /// Where the source was written.
        span: Option<Span>,
    },
}

/// One column of [`Block::Columns`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Its share of the width (`width="40%"` is 0.4); `None`: an equal
    /// share of what the others leave.
    pub width: Option<f32>,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// Call `f` on the `src` of every image in `blocks`, nested ones
/// included, and where it was written.
pub fn visit_images<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a str, Option<&'a Span>)) {
    for block in blocks {
        match block {
            Block::Image { src, span, .. } => f(src, span.as_ref()),
            Block::List { items, .. } | Block::Footnotes(items) => {
                items.iter().for_each(|i| visit_images(&i.blocks, f))
            }
            Block::Quote(inner) => visit_images(inner, f),
            Block::Columns(columns) => columns.iter().for_each(|c| visit_images(&c.blocks, f)),
            _ => {}
        }
    }
}

/// Call `f` on the source of every diagram in `blocks`, nested ones
/// included, and where it was written.
pub fn visit_diagrams<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a str, Option<&'a Span>)) {
    for block in blocks {
        match block {
            Block::Diagram { source, span } => f(source, span.as_ref()),
            Block::List { items, .. } | Block::Footnotes(items) => {
                items.iter().for_each(|i| visit_diagrams(&i.blocks, f))
            }
            Block::Quote(inner) => visit_diagrams(inner, f),
            Block::Columns(columns) => columns.iter().for_each(|c| visit_diagrams(&c.blocks, f)),
            _ => {}
        }
    }
}

/// Whether `blocks` hold a formula anywhere (in text, lists, quotes,
/// tables, columns or on a line of its own).
pub fn has_math(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::Math { .. } => true,
        Block::Paragraph(c) | Block::Heading { content: c, .. } => inlines_have_math(c),
        Block::List { items, .. } | Block::Footnotes(items) => items.iter().any(|i| has_math(&i.blocks)),
        Block::Quote(inner) => has_math(inner),
        Block::Columns(columns) => columns.iter().any(|c| has_math(&c.blocks)),
        Block::Table { rows, .. } => rows.iter().flatten().any(|cell| inlines_have_math(cell)),
        Block::Code { .. } | Block::Rule | Block::Image { .. } | Block::Diagram { .. } => false,
    })
}

/// Whether `inlines` hold a formula, nested ones included.
pub fn inlines_have_math(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Math(_) => true,
        Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) | Inline::Link { content: c, .. } => {
            inlines_have_math(c)
        }
        _ => false,
    })
}

/// One list item: its blocks (the first is usually a paragraph).
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// The item's content, nested lists included.
    pub blocks: Vec<Block>,
    /// An item of a task list: `Some(false)` for `- [ ]`, `Some(true)` for `- [x]`.
    pub task: Option<bool>,
}

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableAlign {
    /// No alignment given: left.
    None,
    /// Left-aligned.
    Left,
    /// Centred.
    Center,
    /// Right-aligned.
    Right,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text (already with typographic quotes and dashes).
    Text(String),
    /// Bold.
    Strong(Vec<Inline>),
    /// Italic.
    Emph(Vec<Inline>),
    /// Struck through.
    Strike(Vec<Inline>),
    /// Inline code in the monospace face.
    Code(String),
    /// A hyperlink around inline content.
    Link {
        /// Where it goes.
        target: super::Target,
        /// The linked content.
        content: Vec<Inline>,
        /// Where the link was written.
        span: Option<Span>,
    },
    /// A formula within the text: `$…$`. Its LaTeX source.
    Math(String),
    /// A soft line break: a space when set.
    SoftBreak,
    /// A hard line break.
    LineBreak,
}

pub(super) fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) | Inline::Math(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) => push_plain(c, out),
            Inline::Link { content, .. } => push_plain(content, out),
            Inline::SoftBreak | Inline::LineBreak => out.push(' '),
        }
    }
}

/// Call `f` on every link target in `blocks`, nested ones included, and
/// where the link was written.
pub fn links_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut super::Target, Option<&Span>)) {
    fn inlines(list: &mut [Inline], f: &mut impl FnMut(&mut super::Target, Option<&Span>)) {
        for inline in list {
            match inline {
                Inline::Link { target, content, span } => {
                    f(target, span.as_ref());
                    inlines(content, f);
                }
                Inline::Strong(c) | Inline::Emph(c) | Inline::Strike(c) => inlines(c, f),
                _ => {}
            }
        }
    }
    for block in blocks {
        match block {
            Block::Paragraph(c) | Block::Heading { content: c, .. } => inlines(c, f),
            Block::List { items, .. } | Block::Footnotes(items) => {
                items.iter_mut().for_each(|i| links_mut(&mut i.blocks, f))
            }
            Block::Quote(inner) => links_mut(inner, f),
            Block::Columns(columns) => columns.iter_mut().for_each(|c| links_mut(&mut c.blocks, f)),
            Block::Table { rows, .. } => rows.iter_mut().flatten().for_each(|cell| inlines(cell, f)),
            _ => {}
        }
    }
}
