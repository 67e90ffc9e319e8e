//! Speaker notes as HTML: the blocks the notes were read into (the one
//! Markdown dialect deck reads), kept hidden in each slide's `<section>`
//! for the presenter view, which shows copies of them.

use std::fmt::Write;

use super::formula::formula;
use super::markup::escape;
use crate::model::{Block, Inline, ListItem};
use crate::text::FontBook;

/// `<aside class="notes" hidden>` with `blocks`, or nothing for no
/// notes; `book` draws their formulas.
pub fn aside(out: &mut String, blocks: &[Block], book: &FontBook) {
    if blocks.is_empty() {
        return;
    }
    out.push_str("<aside class=\"notes\" hidden>");
    self::blocks(out, book, blocks);
    out.push_str("</aside>\n");
}

fn blocks(out: &mut String, book: &FontBook, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(content) => wrap(out, book, "p", content),
            Block::Heading { level, content } => wrap(out, book, &format!("h{}", (*level).clamp(3, 6)), content),
            Block::List { start, items } => {
                match start {
                    Some(1) => out.push_str("<ol>"),
                    Some(n) => {
                        let _ = write!(out, "<ol start=\"{n}\">");
                    }
                    None => out.push_str("<ul>"),
                }
                list_items(out, book, items);
                out.push_str(if start.is_some() { "</ol>" } else { "</ul>" });
            }
            Block::Footnotes(items) => {
                out.push_str("<ol class=\"footnotes\">");
                list_items(out, book, items);
                out.push_str("</ol>");
            }
            Block::Code { text, .. } => {
                let _ = write!(out, "<pre><code>{}</code></pre>", escape(text));
            }
            Block::Quote(inner) => {
                out.push_str("<blockquote>");
                self::blocks(out, book, inner);
                out.push_str("</blockquote>");
            }
            Block::Table { rows, .. } => {
                out.push_str("<table>");
                for (r, row) in rows.iter().enumerate() {
                    out.push_str("<tr>");
                    let cell = if r == 0 { "th" } else { "td" };
                    for content in row {
                        wrap(out, book, cell, content);
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>");
            }
            Block::Rule => out.push_str("<hr>"),
            // The presenter reads notes: a picture in them is named, not shown.
            Block::Image { alt, .. } => {
                let _ = write!(out, "<p>[{}]</p>", escape(alt));
            }
            Block::Columns(columns) => columns.iter().for_each(|c| self::blocks(out, book, &c.blocks)),
            Block::Math { tex, .. } => {
                if !formula(out, book, tex, true) {
                    let _ = write!(out, "<p><code class=\"math\">{}</code></p>", escape(tex));
                }
            }
            // As a picture is: named, not shown.
            Block::Diagram { source, .. } => {
                let _ = write!(out, "<p>[{}]</p>", escape(&crate::layout::diagram_alt(source)));
            }
        }
    }
}

fn list_items(out: &mut String, book: &FontBook, items: &[ListItem]) {
    for item in items {
        out.push_str("<li>");
        match item.task {
            Some(true) => out.push_str("\u{2611} "),
            Some(false) => out.push_str("\u{2610} "),
            None => {}
        }
        // A one-paragraph item is its text, as in a tight Markdown list.
        match item.blocks.as_slice() {
            [Block::Paragraph(content)] => inlines(out, book, content),
            other => self::blocks(out, book, other),
        }
        out.push_str("</li>");
    }
}

fn wrap(out: &mut String, book: &FontBook, tag: &str, content: &[Inline]) {
    let _ = write!(out, "<{tag}>");
    inlines(out, book, content);
    let _ = write!(out, "</{tag}>");
}

fn inlines(out: &mut String, book: &FontBook, list: &[Inline]) {
    for inline in list {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Strong(c) => wrap(out, book, "strong", c),
            Inline::Emph(c) => wrap(out, book, "em", c),
            Inline::Strike(c) => wrap(out, book, "s", c),
            Inline::Code(text) => {
                let _ = write!(out, "<code>{}</code>", escape(text));
            }
            Inline::Math(tex) => {
                if !formula(out, book, tex, false) {
                    let _ = write!(out, "<code class=\"math\">{}</code>", escape(tex));
                }
            }
            Inline::Link { target, content, .. } => match super::markup::href(target) {
                Some(href) => {
                    let _ = write!(out, "<a href=\"{href}\">");
                    inlines(out, book, content);
                    out.push_str("</a>");
                }
                None => inlines(out, book, content),
            },
            Inline::SoftBreak => out.push(' '),
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_their_structure_and_their_text_stays_text() {
        let text = |t: &str| Inline::Text(t.into());
        let notes = vec![
            Block::Paragraph(vec![text("Look <img src=x onerror=\"alert(1)\"> "), Inline::Strong(vec![text("here")])]),
            Block::List {
                start: None,
                items: vec![
                    ListItem { blocks: vec![Block::Paragraph(vec![Inline::Code("a < b".into())])], task: None },
                    ListItem { blocks: vec![Block::Paragraph(vec![text("done")])], task: Some(true) },
                ],
            },
        ];
        let mut out = String::new();
        aside(&mut out, &notes, &FontBook::builtin());
        assert_eq!(
            out,
            "<aside class=\"notes\" hidden><p>Look &lt;img src=x onerror=&quot;alert(1)&quot;&gt; <strong>here</strong></p>\
             <ul><li><code>a &lt; b</code></li><li>\u{2611} done</li></ul></aside>\n"
        );
        let mut none = String::new();
        aside(&mut none, &[], &FontBook::builtin());
        assert_eq!(none, "");
    }
}
