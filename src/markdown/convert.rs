//! The walk over comrak's AST.

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};

use super::Origin;
use super::divs::Fence;
use crate::diag::{Diagnostic, Sink, Span};
use crate::model::{Block, Column, Inline, ListItem, TableAlign};

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
    /// The footnotes met so far, in the order comrak numbered them.
    pub footnotes: Vec<ListItem>,
    /// The body's fenced-div lines (see [`divs`](super::divs)).
    pub fences: Vec<(usize, Fence)>,
}

impl<'o, 's> Converter<'o, 's> {
    pub fn new(origin: &'o Origin, text: &'o str, sink: &'s mut Sink) -> Self {
        Converter {
            origin,
            text,
            sink,
            depth: 0,
            inline_depth: 0,
            too_deep: None,
            footnotes: Vec::new(),
            fences: Vec::new(),
        }
    }
}

/// A fenced div being read.
enum Div {
    Columns { line: usize, columns: Vec<Column> },
    Column(Column),
    Other,
}

impl Converter<'_, '_> {
    /// A whole body: its blocks, grouped by its fenced divs.
    pub fn top<'a>(&mut self, root: &'a AstNode<'a>) -> Vec<Block> {
        if self.fences.is_empty() {
            return self.blocks(root);
        }
        let mut out = Vec::new();
        let mut open: Vec<Div> = Vec::new();
        for node in root.children() {
            let line = node.data().sourcepos.start.line;
            let fence = match &node.data().value {
                NodeValue::HtmlBlock(_) => self.fences.iter().find(|(l, _)| *l == line).map(|(_, f)| f.clone()),
                _ => None,
            };
            let Some(fence) = fence else {
                let mut blocks = Vec::new();
                self.block(node, &mut blocks);
                self.add_to_open(&mut open, &mut out, blocks, line);
                continue;
            };
            let in_columns = matches!(open.last(), Some(Div::Columns { .. }));
            let nested = open.iter().any(|d| matches!(d, Div::Columns { .. }));
            match fence {
                Fence::Columns if !nested => open.push(Div::Columns { line, columns: Vec::new() }),
                Fence::Column(width) if in_columns => open.push(Div::Column(Column { width, blocks: Vec::new() })),
                Fence::Close => match open.pop() {
                    Some(div) => self.close(div, &mut open, &mut out),
                    None => self.div_warning(line, "`:::` closes no div; it is left out", "remove it"),
                },
                other => {
                    let (message, hint) = match &other {
                        Fence::Columns => (
                            "`::: columns` inside columns is not supported: its columns are shown one after another"
                                .to_string(),
                            "put the columns side by side in one `::: columns`",
                        ),
                        Fence::Column(_) => (
                            "`::: column` outside `::: columns` is shown as it is".to_string(),
                            "put the columns inside `::: columns` … `:::`",
                        ),
                        Fence::Other(name) => (
                            format!("fenced div `::: {name}` is not supported: its content is shown as it is"),
                            "deck reads `::: columns` with `::: column` inside; notes go after a line holding only `???`",
                        ),
                        Fence::Close => continue,
                    };
                    self.div_warning(line, &message, hint);
                    open.push(Div::Other);
                }
            }
        }
        while let Some(div) = open.pop() {
            if let Div::Columns { line, .. } = &div {
                self.div_warning(
                    *line,
                    "`::: columns` is never closed",
                    "end the columns with a line holding only `:::`",
                );
            }
            self.close(div, &mut open, &mut out);
        }
        out
    }

    /// Blocks read inside the divs `open`: into the innermost column, else
    /// where the divs are.
    fn add_to_open(&mut self, open: &mut [Div], out: &mut Vec<Block>, blocks: Vec<Block>, line: usize) {
        for div in open.iter_mut().rev() {
            match div {
                Div::Column(column) => return column.blocks.extend(blocks),
                Div::Columns { .. } if !blocks.is_empty() => {
                    self.div_warning(
                        line,
                        "content inside `::: columns` but in no `::: column` is shown above the columns",
                        "put it inside a `::: column` … `:::`",
                    );
                    break;
                }
                _ => {}
            }
        }
        out.extend(blocks);
    }

    fn close(&mut self, div: Div, open: &mut [Div], out: &mut Vec<Block>) {
        match div {
            Div::Column(column) => match open.last_mut() {
                Some(Div::Columns { columns, .. }) => columns.push(column),
                _ => out.extend(column.blocks),
            },
            Div::Columns { columns, .. } => {
                let block = if columns.is_empty() { Vec::new() } else { vec![Block::Columns(columns)] };
                self.add_to_open(open, out, block, 0);
            }
            Div::Other => {}
        }
    }

    fn div_warning(&mut self, line: usize, message: &str, hint: &str) {
        self.sink.warn(Diagnostic::warning(message).with_place(self.line_place(line)).with_hint(hint));
    }

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
                // A title is one line of text: what Markdown would make a
                // block of HTML, or code by its indent, is that text.
                NodeValue::HtmlBlock(html) => {
                    let text = super::without_comments(&html.literal).trim().to_string();
                    if !text.is_empty() {
                        self.raw_html(node);
                        out.push(Inline::Text(text));
                    }
                }
                NodeValue::CodeBlock(code) if !code.fenced => out.push(Inline::Text(code.literal.trim().to_string())),
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
                Some((src, alt, image)) => {
                    let alt = self.marp_image_keywords(&alt, line);
                    out.push(Block::Image { src, alt, span: self.place(image).0 })
                }
                None if has_display_math(node) => self.display_math(node, out),
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
                let items = node
                    .children()
                    .map(|item| {
                        let task = match &item.data().value {
                            NodeValue::TaskItem(task) => Some(task.symbol.is_some()),
                            _ => None,
                        };
                        ListItem { blocks: self.blocks(item), task }
                    })
                    .collect();
                self.depth -= 1;
                out.push(Block::List { start, items });
            }
            NodeValue::CodeBlock(code) => {
                // A Markdown file's fences are checked where its slides are cut.
                if code.fenced && !code.closed && !self.origin.verbatim {
                    let fence = (code.fence_char as char).to_string().repeat(code.fence_length);
                    self.sink.warn(
                        Diagnostic::warning("this code block is never closed")
                            .with_place(self.line_place(line))
                            .with_hint(format!(
                                "everything after it is shown as code; close it with a line holding only {fence}"
                            )),
                    );
                }
                let lang = code.info.split_whitespace().next().map(str::to_string);
                let text = code.literal.strip_suffix('\n').unwrap_or(&code.literal).to_string();
                if code.fenced && lang.as_deref() == Some("math") {
                    let tex = self.formula(node, &text).unwrap_or(text);
                    out.push(Block::Math { tex, span: self.place(node).0 });
                    return;
                }
                if code.fenced && lang.as_deref() == Some("mermaid") {
                    self.diagram(node, &text);
                    out.push(Block::Diagram { source: text, span: self.place(node).0 });
                    return;
                }
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
            NodeValue::FootnoteDefinition(_) => {
                // comrak moves them to the end, in the order of their numbers.
                let blocks = self.blocks(node);
                self.footnotes.push(ListItem { blocks, task: None });
            }
            NodeValue::HtmlBlock(html) => {
                // Comments are never drawn: the reader makes them notes.
                let text = super::without_comments(&html.literal).trim_end_matches('\n').to_string();
                if !text.trim().is_empty() {
                    self.raw_html(node);
                    out.push(Block::Paragraph(vec![Inline::Text(text)]));
                }
            }
            NodeValue::Math(math) => {
                let tex = self.formula(node, &math.literal).unwrap_or(math.literal);
                out.push(Block::Math { tex, span: self.place(node).0 });
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
        self.inline_list(parent.children())
    }

    /// A paragraph holding `$$…$$`: each such formula a block of its own
    /// (as KaTeX and Pandoc show it), the text around it paragraphs.
    fn display_math<'a>(&mut self, paragraph: &'a AstNode<'a>, out: &mut Vec<Block>) {
        let mut text: Vec<&'a AstNode<'a>> = Vec::new();
        let flush = |this: &mut Self, text: &mut Vec<&'a AstNode<'a>>, out: &mut Vec<Block>| {
            this.inline_depth += 1;
            let mut inlines = this.inline_list(text.drain(..));
            this.inline_depth -= 1;
            let blank = |i: &Inline| match i {
                Inline::SoftBreak | Inline::LineBreak => true,
                Inline::Text(t) => t.trim().is_empty(),
                _ => false,
            };
            while inlines.first().is_some_and(blank) {
                inlines.remove(0);
            }
            while inlines.last().is_some_and(blank) {
                inlines.pop();
            }
            if !inlines.is_empty() {
                out.push(Block::Paragraph(inlines));
            }
        };
        for node in paragraph.children() {
            match &node.data().value {
                NodeValue::Math(math) if math.display_math => {
                    flush(self, &mut text, out);
                    let literal = math.literal.clone();
                    let tex = self.formula(node, &literal).unwrap_or(literal);
                    out.push(Block::Math { tex, span: self.place(node).0 });
                }
                _ => text.push(node),
            }
        }
        flush(self, &mut text, out);
    }

    fn inline_list<'a>(&mut self, nodes: impl Iterator<Item = &'a AstNode<'a>>) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        for node in nodes {
            let value = node.data().value.clone();
            let inline = match value {
                NodeValue::Text(t) => Inline::Text(self.printable(&t, node)),
                NodeValue::SoftBreak => Inline::SoftBreak,
                NodeValue::LineBreak => Inline::LineBreak,
                NodeValue::Code(c) => Inline::Code(self.printable(&c.literal, node)),
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
                    Inline::Link { target: crate::model::Target::written(&link.url), content: self.inlines(node), span }
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
                NodeValue::HtmlInline(html) if html.starts_with("<!--") => continue,
                NodeValue::FootnoteReference(reference) => Inline::Text(superscript(reference.ix)),
                NodeValue::HtmlInline(html) => {
                    self.raw_html(node);
                    Inline::Text(html)
                }
                NodeValue::Math(math) => match self.formula(node, &math.literal) {
                    Some(tex) => Inline::Math(tex),
                    None => Inline::Text(math.literal),
                },
                _ => Inline::Text(crate::model::plain_text(&self.inlines(node))),
            };
            push_merged(&mut out, inline);
        }
        out
    }

    /// Marp's picture keywords in an alt text (`bg`, `w:300`, `sepia`…)
    /// are left out of it, with one warning per build for each kind.
    fn marp_image_keywords(&mut self, alt: &str, line: usize) -> String {
        let words: Vec<&str> = alt.split_whitespace().collect();
        let background = words.first() == Some(&"bg");
        let keyword = |w: &&str| {
            let name = w.split_once(':').map_or(*w, |(name, _)| name);
            (w.contains(':') && matches!(name, "w" | "h" | "width" | "height"))
                || MARP_FILTERS.contains(&name)
                || (background && (MARP_BACKGROUND.contains(w) || w.ends_with('%')))
        };
        let sized = words.iter().skip(usize::from(background)).find(|w| keyword(w));
        if background {
            self.sink.warn_once(
                "marp-bg",
                Diagnostic::warning("Marp's background pictures (`![bg](…)`) are not supported: the picture is shown in the body")
                    .with_place(self.line_place(line))
                    .with_hint("for a picture that fills a slide, give the slide `layout = \"image\"`, `image = \"…\"` and `fit = \"cover\"`"),
            );
        }
        if let Some(word) = sized {
            self.sink.warn_once(
                "marp-size",
                Diagnostic::warning(format!(
                    "Marp's picture keywords (`{word}`) are not supported: they are left out of the alt text"
                ))
                .with_place(self.line_place(line))
                .with_hint(
                    "deck sets a picture at its natural size at 96 dpi, shrunk to fit: resize or crop the file itself",
                ),
            );
        }
        if !background && sized.is_none() {
            return alt.to_string();
        }
        words.iter().skip(usize::from(background)).filter(|w| !keyword(w)).copied().collect::<Vec<_>>().join(" ")
    }

    /// Where line `line` of the Markdown was written, from its first
    /// non-blank character, and the name for messages.
    fn line_place(&self, line: usize) -> (Option<Span>, String) {
        let text = self.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let start = text.len() - text.trim_start().len() + 1;
        self.origin.place(self.text, (line, start), (line, text.trim_end().len().max(start)))
    }

    /// `text` without control characters (a tab, a line end aside), which
    /// a slide cannot show and the HTML must not carry; leaving any out
    /// is a warning at `node`.
    fn printable<'a>(&mut self, text: &str, node: &'a AstNode<'a>) -> String {
        let unprintable = crate::model::unprintable;
        if !text.chars().any(unprintable) {
            return text.to_string();
        }
        let mut found: Vec<String> = Vec::new();
        for c in text.chars().filter(|&c| unprintable(c)) {
            let code = format!("U+{:04X}", c as u32);
            if !found.contains(&code) {
                found.push(code);
            }
        }
        let message = format!(
            "control character{} {} left out of the text",
            if found.len() == 1 { "" } else { "s" },
            found.join(", ")
        );
        self.sink.warn(
            Diagnostic::warning(message)
                .with_place(self.place(node))
                .with_hint("a slide shows no control characters: remove them (a `\\u0000`-style escape, or text pasted from a terminal)"),
        );
        text.chars().filter(|&c| !unprintable(c)).collect()
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

/// A footnote's number in superscript digits, as the reference shows it.
fn superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|d| match d {
            '1' => '\u{b9}',
            '2' => '\u{b2}',
            '3' => '\u{b3}',
            d => char::from_u32(0x2070 + d.to_digit(10).unwrap_or(0)).unwrap_or(d),
        })
        .collect()
}

/// Marp's image filters, written in an alt text as `name` or `name:value`.
const MARP_FILTERS: [&str; 10] = [
    "blur",
    "brightness",
    "contrast",
    "drop-shadow",
    "grayscale",
    "hue-rotate",
    "invert",
    "opacity",
    "saturate",
    "sepia",
];
/// Words after Marp's `bg` that place the background.
const MARP_BACKGROUND: [&str; 7] = ["contain", "cover", "fit", "auto", "left", "right", "vertical"];

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

/// Whether a paragraph holds a `$$…$$` formula of its own.
fn has_display_math<'a>(paragraph: &'a AstNode<'a>) -> bool {
    paragraph.children().any(|c| matches!(&c.data().value, NodeValue::Math(m) if m.display_math))
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
