//! The walk over comrak's AST.

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

use super::Origin;
use crate::diag::{Diagnostic, Sink, Span};
use crate::model::{Block, Inline, ListItem, TableAlign};

/// Deepest nesting of lists and quotes deck lays out.
pub const MAX_NESTING: usize = 16;
/// Deepest nesting of inline styles (emphasis in emphasis…) kept as such.
const MAX_INLINE_NESTING: usize = 32;

pub(super) struct Converter<'o, 's> {
    pub origin: &'o Origin,
    /// The Markdown being converted.
    pub text: &'o str,
    pub sink: &'s mut Sink,
    /// Lists and quotes we are inside.
    pub depth: usize,
    /// Inline styles we are inside.
    pub inline_depth: usize,
    /// Set when content was nested deeper than [`MAX_NESTING`].
    pub too_deep: Option<usize>,
}

impl Converter<'_, '_> {
    pub fn blocks<'a>(&mut self, parent: &'a AstNode<'a>) -> Vec<Block> {
        let mut out = Vec::new();
        for node in parent.children() {
            self.block(node, &mut out);
        }
        out
    }

    /// Everything inside `parent` as one run of inlines (for titles).
    pub fn flat_inlines<'a>(&mut self, parent: &'a AstNode<'a>) -> Vec<Inline> {
        let mut out = Vec::new();
        for (i, node) in parent.children().enumerate() {
            if i > 0 {
                out.push(Inline::Text(" ".into()));
            }
            match &node.data().value {
                NodeValue::Paragraph | NodeValue::Heading(_) => out.extend(self.inlines(node)),
                _ => out.extend(self.flat_inlines(node)),
            }
        }
        if out.is_empty() {
            out.extend(self.inlines(parent));
        }
        out
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>, out: &mut Vec<Block>) {
        let line = node.data().sourcepos.start.line;
        let value = node.data().value.clone();
        match value {
            NodeValue::Paragraph => match lone_image(node) {
                Some((src, alt, image)) => out.push(Block::Image { src, alt, span: self.place(image).0 }),
                None => out.push(Block::Paragraph(self.inlines(node))),
            },
            NodeValue::Heading(h) => out.push(Block::Heading { level: h.level, content: self.inlines(node) }),
            NodeValue::List(_) | NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_)
                if self.depth >= MAX_NESTING =>
            {
                self.too_deep.get_or_insert(line);
            }
            NodeValue::List(list) => {
                let start = match list.list_type {
                    ListType::Bullet => None,
                    ListType::Ordered => Some(list.start as u64),
                };
                self.depth += 1;
                let items = node.children().map(|item| ListItem { blocks: self.blocks(item) }).collect();
                self.depth -= 1;
                out.push(Block::List { start, items });
            }
            NodeValue::CodeBlock(code) => {
                let lang = code.info.split_whitespace().next().map(str::to_string);
                let text = code.literal.strip_suffix('\n').unwrap_or(&code.literal).to_string();
                let span = lang.as_deref().and_then(|lang| self.word_on_line(line, lang));
                out.push(Block::Code { lang, text, span });
            }
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                self.depth += 1;
                let inner = self.blocks(node);
                self.depth -= 1;
                out.push(Block::Quote(inner))
            }
            NodeValue::Table(table) => {
                let align = table.alignments.iter().map(|a| convert_align(*a)).collect();
                let rows = node.children().map(|row| row.children().map(|cell| self.inlines(cell)).collect()).collect();
                out.push(Block::Table { align, rows });
            }
            NodeValue::ThematicBreak => out.push(Block::Rule),
            NodeValue::HtmlBlock(html) => {
                self.raw_html(node);
                let text = html.literal.trim_end_matches('\n').to_string();
                out.push(Block::Paragraph(vec![Inline::Text(text)]));
            }
            _ => {
                // Containers deck has no block for (footnotes, alerts): keep their content.
                let inner = self.blocks(node);
                if inner.is_empty() {
                    let inlines = self.inlines(node);
                    if !inlines.is_empty() {
                        out.push(Block::Paragraph(inlines));
                    }
                } else {
                    out.extend(inner);
                }
            }
        }
    }

    fn inlines<'a>(&mut self, parent: &'a AstNode<'a>) -> Vec<Inline> {
        if self.inline_depth >= MAX_INLINE_NESTING {
            // Keep the words, drop the styles nested past any reason.
            let mut text = String::new();
            for d in parent.descendants() {
                match &d.data().value {
                    NodeValue::Text(t) => text.push_str(t),
                    NodeValue::Code(code) => text.push_str(&code.literal),
                    _ => {}
                }
            }
            return vec![Inline::Text(text)];
        }
        self.inline_depth += 1;
        let out = self.inline_children(parent);
        self.inline_depth -= 1;
        out
    }

    fn inline_children<'a>(&mut self, parent: &'a AstNode<'a>) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        for node in parent.children() {
            let value = node.data().value.clone();
            let inline = match value {
                NodeValue::Text(t) => Inline::Text(t.to_string()),
                NodeValue::SoftBreak => Inline::SoftBreak,
                NodeValue::LineBreak => Inline::LineBreak,
                NodeValue::Code(c) => Inline::Code(c.literal),
                NodeValue::Strong => Inline::Strong(self.inlines(node)),
                NodeValue::Emph => Inline::Emph(self.inlines(node)),
                NodeValue::Strikethrough => Inline::Strike(self.inlines(node)),
                NodeValue::Link(link) if is_script_url(&link.url) => {
                    let (span, context) = self.place(node);
                    self.sink.warn(
                        Diagnostic::warning(format!(
                            "link target `{}` is dropped: deck never links to script or data URLs",
                            link.url
                        ))
                        .with_span(span)
                        .with_context(context),
                    );
                    for inline in self.inlines(node) {
                        push_merged(&mut out, inline);
                    }
                    continue;
                }
                NodeValue::Link(link) => {
                    // Only a link to a slide can be wrong later, when ids are known.
                    let span = if link.url.starts_with('#') { self.place(node).0 } else { None };
                    Inline::Link { url: link.url.clone(), content: self.inlines(node), span }
                }
                NodeValue::Image(_) => {
                    let (span, context) = self.place(node);
                    self.sink.warn(
                        Diagnostic::warning("inline images are not supported yet; showing the alt text")
                            .with_span(span)
                            .with_context(context),
                    );
                    Inline::Emph(self.inlines(node))
                }
                NodeValue::HtmlInline(html) => {
                    self.raw_html(node);
                    Inline::Text(html)
                }
                _ => Inline::Text(crate::model::plain_text(&self.inlines(node))),
            };
            push_merged(&mut out, inline);
        }
        out
    }

    /// Where `node` was written (its first line), and the name for messages.
    fn place<'a>(&self, node: &'a AstNode<'a>) -> (Option<Span>, String) {
        let pos = node.data().sourcepos;
        self.origin.place(self.text, (pos.start.line, pos.start.column), (pos.end.line, pos.end.column))
    }

    /// Where `word` was written on line `line` of the Markdown (a code
    /// fence's language).
    fn word_on_line(&self, line: usize, word: &str) -> Option<Span> {
        let text = self.text.lines().nth(line.checked_sub(1)?)?;
        let column = text.find(word)? + 1;
        self.origin.place(self.text, (line, column), (line, column + word.len() - 1)).0
    }

    fn raw_html<'a>(&mut self, node: &'a AstNode<'a>) {
        // The tags of one line are one warning, shown from the first `<` to
        // the last `>`: `<b>bold</b>` is one slip, not two.
        let line = node.data().sourcepos.start.line;
        let tags = self.text.lines().nth(line.saturating_sub(1)).and_then(|l| Some((l.find('<')?, l.rfind('>')?)));
        let (span, context) = match tags {
            Some((first, last)) if matches!(node.data().value, NodeValue::HtmlInline(_)) && first <= last => {
                self.origin.place(self.text, (line, first + 1), (line, last + 1))
            }
            _ => self.place(node),
        };
        self.sink.warn(
            Diagnostic::warning("raw HTML is shown as text, not passed through")
                .with_span(span)
                .with_context(context)
                .with_hint("write Markdown instead, or escape the `<` as `\\<`"),
        );
    }
}

/// A paragraph holding one image and nothing else is a block image.
fn lone_image<'a>(paragraph: &'a AstNode<'a>) -> Option<(String, String, &'a AstNode<'a>)> {
    let mut children = paragraph.children().filter(|c| {
        !matches!(&c.data().value, NodeValue::SoftBreak | NodeValue::LineBreak)
            && !matches!(&c.data().value, NodeValue::Text(t) if t.trim().is_empty())
    });
    let image = children.next()?;
    if children.next().is_some() {
        return None;
    }
    let NodeValue::Image(link) = &image.data().value else { return None };
    let mut alt = String::new();
    for d in image.descendants() {
        if let NodeValue::Text(t) = &d.data().value {
            alt.push_str(t);
        }
    }
    Some((link.url.clone(), alt, image))
}

/// `javascript:`, `vbscript:` and `data:` targets, however disguised with
/// case, whitespace or control characters (browsers ignore those).
fn is_script_url(url: &str) -> bool {
    let cleaned: String =
        url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"].iter().any(|scheme| cleaned.starts_with(scheme))
}

/// Adjacent text (split by comrak at quotes and entities) becomes one run.
fn push_merged(out: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(prev)), Inline::Text(next)) = (out.last_mut(), &inline) {
        prev.push_str(next);
        return;
    }
    out.push(inline);
}

fn convert_align(align: TableAlignment) -> TableAlign {
    match align {
        TableAlignment::Left => TableAlign::Left,
        TableAlignment::Center => TableAlign::Center,
        TableAlignment::Right => TableAlign::Right,
        TableAlignment::None => TableAlign::None,
    }
}
