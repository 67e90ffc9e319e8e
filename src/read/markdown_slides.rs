//! The slides of a Markdown file as slide tables: each slide's `+++` keys
//! parsed as a `[[slide]]` table, its first `# ` heading as the title, the
//! rest as the body, the text after `???` as the notes. Every value keeps
//! its place in the Markdown file.

use super::reader::Reader;
use super::slide::SlideSource;
use super::split::{Part, split};
use crate::diag::{Diagnostic, FileId, Span, slide_name};
use crate::manifest::{self, Located, SlideTable};

impl Reader<'_> {
    /// The slides of `text` (file `file`, shown as `name`) from byte `from`
    /// on; the first is slide `first` of the deck.
    pub fn markdown_slides(
        &mut self,
        file: FileId,
        text: &str,
        from: usize,
        name: &str,
        first: usize,
    ) -> Vec<SlideSource> {
        let mut parts = split(text, from);
        if let Some(yaml) = parts.first().filter(|part| is_yaml_front_matter(text, from, part)) {
            self.sink.warn(
                Diagnostic::warning(format!("`{name}` opens with YAML front matter, which deck does not read; it is left out"))
                    .with_span(Some(Span { file, range: yaml.whole.start..yaml.whole.start + text[yaml.whole.clone()].trim_end().len() }))
                    .with_hint("a Markdown deck takes its settings in TOML, in a `+++` block at the top:\n+++\n[deck]\ntitle = \"My talk\"\n+++"),
            );
            parts.remove(0);
        }
        parts
            .into_iter()
            .enumerate()
            .filter_map(|(n, part)| {
                let title = part.title.clone().map(|t| &text[t]);
                self.markdown_slide(file, text, part, slide_name(first + n, title))
            })
            .collect()
    }

    fn markdown_slide(&mut self, file: FileId, text: &str, part: Part, context: String) -> Option<SlideSource> {
        let at = |range: std::ops::Range<usize>| Some(Span { file, range });
        if let Some(opening) = part.unclosed {
            self.errors.push(
                Diagnostic::error(format!("the `+++` block of {context} is not closed"))
                    .with_span(at(opening))
                    .with_hint("end the slide's keys with a line holding only `+++`"),
            );
            return None;
        }
        let mut table: SlideTable = match &part.keys {
            None => SlideTable::default(),
            Some(keys) => {
                let place = format!("the `+++` block of {context}");
                match manifest::parse_block(&text[keys.clone()], keys.start, file, &place) {
                    Ok(table) => table,
                    Err(d) => {
                        self.errors.push(d);
                        return None;
                    }
                }
            }
        };
        if let Some(include) = &table.file {
            self.errors.push(
                Diagnostic::error(format!("`file` cannot be used in the `+++` block of {context}"))
                    .with_span(at(include.range.clone()))
                    .with_hint("include Markdown files from the TOML manifest: [[slide]] file = \"part.md\""),
            );
            return None;
        }
        let title_taken = table.title.is_none() && part.title.is_some();
        if let (true, Some(title)) = (title_taken, &part.title) {
            table.title = Some(Located { value: text[title.clone()].to_string(), range: title.clone() });
        }
        let body = body_text(text, &part, title_taken);
        if !body.trim().is_empty() {
            if let Some(keyed) = &table.body {
                self.errors.push(
                    Diagnostic::error(format!("{context} has a `body` key and Markdown below its `+++` block"))
                        .with_span(at(keyed.range.clone()))
                        .with_hint("keep one: the Markdown below the block is the body"),
                );
                return None;
            }
            table.body = Some(Located { value: body, range: part.body.clone() });
        }
        if let Some(notes) = part.notes.clone().map(|r| text[r].trim().to_string()).filter(|n| !n.is_empty()) {
            if table.notes.is_some() {
                self.errors.push(
                    Diagnostic::error(format!("{context} has a `notes` key and notes after `???`"))
                        .with_span(at(part.notes_line.clone().unwrap_or(part.whole.clone())))
                        .with_hint("keep one: the text after the `???` line is the notes"),
                );
                return None;
            }
            table.notes = Some(notes);
        }
        Some(SlideSource { table: Located { value: table, range: part.whole }, file, context })
    }
}

/// Marp's `---`-fenced YAML at the top of a file: a first slide after a
/// leading `---`, made of `key: value` lines only.
fn is_yaml_front_matter(text: &str, from: usize, part: &Part) -> bool {
    let fenced = text.get(from..part.whole.start).is_some_and(|before| before.trim() == "---");
    let mut lines = text[part.whole.clone()].lines().map(str::trim).filter(|l| !l.is_empty()).peekable();
    let keyed = |line: &str| {
        line.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '$')
        })
    };
    fenced && part.keys.is_none() && lines.peek().is_some() && lines.all(keyed)
}

/// The body's Markdown; a heading taken as the title is blanked out with
/// spaces, so that every other byte keeps its place in the file.
fn body_text(text: &str, part: &Part, title_taken: bool) -> String {
    let body = &text[part.body.clone()];
    match part.title_line.as_ref().filter(|_| title_taken) {
        Some(line) if line.start >= part.body.start && line.end <= part.body.end => {
            let (start, end) = (line.start - part.body.start, line.end - part.body.start);
            format!("{}{}{}", &body[..start], " ".repeat(end - start), &body[end..])
        }
        _ => body.to_string(),
    }
}
