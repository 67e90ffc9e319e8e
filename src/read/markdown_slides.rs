//! The slides of a Markdown file as slide tables: each slide's `+++` keys
//! parsed as a `[[slide]]` table, its first `# ` heading as the title, the
//! rest as the body, the text after `???` as the notes. Every value keeps
//! its place in the Markdown file.

use super::habits;
use super::reader::Reader;
use super::source::SlideSource;
use super::split::{Part, split};
use super::yaml::{self, Entry};
use crate::diag::{Diagnostic, FileId, Span, slide_name};
use crate::manifest::{self, DeckTable, Located, SlideTable};
use crate::markdown;

/// What a Markdown file's slides may change beyond themselves.
pub struct Around<'d> {
    /// The deck's own table, when the file is a Markdown deck: Marp's
    /// global directives (`theme`, `size`…) set it.
    pub deck: Option<&'d mut DeckTable>,
    /// Keys for the first slide from the deck's front matter (Slidev's
    /// `layout` there is the first slide's).
    pub opening: Vec<Entry>,
}

impl Reader<'_> {
    /// The slides of `text` (file `file`, shown as `name`) from byte `from`
    /// on; the first is slide `first` of the deck.
    pub fn markdown_slides(
        &mut self,
        file: FileId,
        text: &str,
        from: usize,
        name: &str,
        mut around: Around,
        first: usize,
    ) -> Vec<SlideSource> {
        let mut carried: Option<Entry> = None;
        let mut slides = Vec::new();
        for (n, part) in split(text, from).into_iter().enumerate() {
            let context = slide_name(first + n, part.title.clone().map(|t| &text[t]));
            let opening = if n == 0 { std::mem::take(&mut around.opening) } else { Vec::new() };
            let mut keys = Vec::new();
            if let Some(yaml) = &part.yaml {
                match yaml::entries(&text[yaml.clone()], yaml.start) {
                    Ok(entries) => keys.extend(entries),
                    Err((why, range)) => {
                        self.errors.push(
                            Diagnostic::error(format!("the YAML block of {context} is not valid YAML: {why}"))
                                .with_span(Some(Span { file, range })),
                        );
                        continue;
                    }
                }
            }
            let slide = Slide { file, text, part, name, context, opening, keys, n };
            if let Some(source) = self.markdown_slide(slide, &mut around, &mut carried) {
                slides.push(source);
            }
        }
        slides
    }

    /// Marp's directives in a slide's comments: global ones onto the deck,
    /// local ones onto the slide (or carried to the slides after it).
    fn directives(
        &mut self,
        slide: &Slide,
        entries: Vec<Entry>,
        around: &mut Around,
        carried: &mut Option<Entry>,
        table_keys: &mut Vec<Entry>,
    ) {
        let place = format!("a directive of {}", slide.context);
        for entry in entries {
            let spot = entry.key.starts_with('_');
            match entry.key.trim_start_matches('_') {
                "class" => {
                    if !spot {
                        *carried = Some(entry.clone());
                    }
                    table_keys.push(entry);
                }
                "paginate" | "header" | "backgroundColor" | "backgroundImage" | "backgroundPosition"
                | "backgroundRepeat" | "backgroundSize" | "color" => table_keys.push(entry),
                "footer" if !spot && slide.n == 0 && around.deck.is_some() => {
                    if let Some(deck) = around.deck.as_deref_mut() {
                        self.deck_keys(slide.file, vec![entry], deck, &mut Vec::new(), &place);
                    }
                }
                "footer" => self.sink.warn(
                    Diagnostic::warning(format!(
                        "`{}` in {place} is left out: deck has one footer for the whole deck",
                        entry.key
                    ))
                    .with_span(Some(Span { file: slide.file, range: entry.key_range.clone() }))
                    .with_hint("set it once, in the front matter: `footer: …`"),
                ),
                _ => match around.deck.as_deref_mut() {
                    Some(deck) => self.deck_keys(slide.file, vec![entry], deck, &mut Vec::new(), &place),
                    None => self.sink.warn(
                        Diagnostic::warning(format!(
                            "`{}` in {place} is left out: it is a setting of the whole deck",
                            entry.key
                        ))
                        .with_span(Some(Span { file: slide.file, range: entry.key_range.clone() }))
                        .with_hint("set it in the manifest's `[deck]` table"),
                    ),
                },
            }
        }
    }

    fn markdown_slide(
        &mut self,
        slide: Slide,
        around: &mut Around,
        carried: &mut Option<Entry>,
    ) -> Option<SlideSource> {
        let Slide { file, text, ref part, name, ref context, .. } = slide;
        let (part, context) = (part.clone(), context.clone());
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
                let (table, problems) = manifest::parse_slide_block(text, keys.clone(), file, &place);
                self.errors.extend(problems);
                table?.value
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
        if let Some(fence) = &part.open_fence {
            let line = text[..fence.start].matches('\n').count() + 1;
            let mark: String =
                text[fence.clone()].trim_start().chars().take_while(|c| *c == '`' || *c == '~').collect();
            self.sink.warn(
                Diagnostic::warning(format!("the code block opened on line {line} of `{name}` is never closed"))
                    .with_span(at(fence.clone()))
                    .with_hint(format!("it takes in the rest of the file, the slides after it included; close it with a line holding only {mark}")),
            );
        }
        // A YAML block's keys count as the `+++` block's: a `title` there
        // leaves the heading in the body.
        let first = slide.n == 0 && around.deck.is_some();
        self.slide_keys(file, slide.keys.clone(), &mut table, first, &format!("the YAML block of {context}"));
        self.slide_keys(file, slide.opening.clone(), &mut table, first, &format!("the front matter of `{name}`"));
        let title_taken = table.title.is_none() && part.title.is_some();
        if let (true, Some(title)) = (title_taken, &part.title) {
            table.title = Some(Located { value: text[title.clone()].to_string(), range: title.clone() });
        }
        let body = body_text(text, &part, title_taken);
        let comments = markdown::comments(&body);
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
        // Comments are speaker notes (Marp's convention), after any
        // others, unless they are Marp's directives.
        let mut said = Vec::new();
        let mut directives = Vec::new();
        for comment in comments {
            let at = part.body.start + comment.range.start;
            match habits::is_directive(&comment.text).then(|| yaml::entries(&comment.text, at)) {
                Some(Ok(entries)) => directives.extend(entries),
                _ if comment.text.is_empty() => {}
                _ => said.push(comment.text),
            }
        }
        let mut local = Vec::new();
        let before = carried.clone();
        self.directives(&slide, directives, around, carried, &mut local);
        if !local.iter().any(|e| e.key.trim_start_matches('_') == "class") {
            local.extend(before);
        }
        self.slide_keys(file, local, &mut table, first, &format!("a directive of {context}"));
        if let Some(body) = table.body.take() {
            self.two_cols(body, &mut table);
        }
        if !said.is_empty() {
            let notes = table.notes.take().into_iter().chain(said).collect::<Vec<_>>().join("\n\n");
            table.notes = Some(notes);
        }
        Some(SlideSource {
            table: Located { value: table, range: part.whole },
            file,
            context,
            markdown: true,
            opens_deck: false,
            may_be_title: false,
        })
    }
}

/// One slide of a file being read.
struct Slide<'t> {
    file: FileId,
    text: &'t str,
    part: Part,
    name: &'t str,
    /// "slide 2 of `talk.md`".
    context: String,
    /// Keys for it from the deck's front matter (the first slide's).
    opening: Vec<Entry>,
    /// Its YAML block's keys.
    keys: Vec<Entry>,
    /// Its index in the file.
    n: usize,
}

impl Reader<'_> {
    /// Slidev's `two-cols` body: `::right::` starts the right column.
    fn two_cols(&mut self, body: Located<String>, table: &mut SlideTable) {
        let two = table.layout.as_ref().is_some_and(|l| l.value == "two-column");
        let split = body.value.match_indices("::right::").map(|(i, _)| i).find(|&i| {
            let line_start = body.value[..i].rfind('\n').map_or(0, |n| n + 1);
            let line_end = body.value[i..].find('\n').map_or(body.value.len(), |n| i + n);
            body.value[line_start..line_end].trim() == "::right::"
        });
        match split.filter(|_| two && table.left.is_none() && table.right.is_none()) {
            Some(at) => {
                let blank = |s: &str| s.replace("::left::", "        ").replace("::right::", "         ");
                let (left, right) = (blank(&body.value[..at]), blank(&body.value[at..]));
                let start = body.range.start;
                table.left = Some(Located { range: start..start + left.len(), value: left });
                table.right = Some(Located { range: start + at..body.range.end, value: right });
            }
            None => table.body = Some(body),
        }
    }
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
