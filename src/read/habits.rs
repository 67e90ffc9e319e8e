//! The keys Marp and Slidev decks are written with, mapped onto deck's:
//! YAML front matter onto `[deck]`, a slide's YAML block and Marp's
//! directives in comments onto the slide's keys. Whatever has no
//! counterpart is a warning naming the key and what to write instead.

use super::reader::Reader;
use super::yaml::{Entry, Value};
use crate::diag::{Diagnostic, FileId, Span, suggest};
use crate::manifest::{DeckTable, Located, SlideTable};
use crate::theme::BUILTINS;

/// Keys of the front matter deck reads.
const DECK_KEYS: [&str; 17] = [
    "title",
    "subtitle",
    "author",
    "date",
    "lang",
    "dir",
    "theme",
    "footer",
    "size",
    "aspectRatio",
    "aspect",
    "description",
    "info",
    "subject",
    "keywords",
    "title_slide",
    "marp",
];

/// Keys of a slide's YAML block deck reads.
const SLIDE_KEYS: [&str; 13] = [
    "layout",
    "class",
    "title",
    "subtitle",
    "id",
    "routeAlias",
    "overflow",
    "reveal",
    "image",
    "caption",
    "fit",
    "lang",
    "dir",
];

/// Marp's directives: a comment made of these (`_` in front for one slide)
/// is a directive, not a note.
const MARP_DIRECTIVES: [&str; 22] = [
    "theme",
    "style",
    "headingDivider",
    "size",
    "math",
    "title",
    "author",
    "description",
    "keywords",
    "url",
    "image",
    "marp",
    "lang",
    "paginate",
    "header",
    "footer",
    "class",
    "backgroundColor",
    "backgroundImage",
    "backgroundPosition",
    "backgroundRepeat",
    "backgroundSize",
];

/// Why a Marp or Slidev key has no counterpart, and what to write instead.
fn without_counterpart(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key.trim_start_matches('_') {
        "header" => ("deck has no header", "put the text in the slide's title, or in the deck's `footer`"),
        "backgroundColor" | "backgroundImage" | "backgroundPosition" | "backgroundRepeat" | "backgroundSize"
        | "color" | "background" => (
            "deck takes colours and backgrounds from the theme",
            "set them in the `[theme]` table of a `+++` block: `background`, `text`, or `backgrounds` per layout (docs/themes.md)",
        ),
        "style" => ("deck has no CSS", "write a theme file and name it: `theme: mytheme.toml`"),
        "headingDivider" => ("deck does not cut slides at headings", "separate slides with lines holding only `---`"),
        "transition" => ("deck has no slide transitions", "leave it out"),
        "url" | "image" | "favicon" | "download" | "exportFilename" | "routerMode" | "addons" | "drawings" | "mdc"
        | "highlighter" | "lineNumbers" | "fonts" | "canvasWidth" | "colorSchema" | "titleTemplate" | "defaults"
        | "clicks" | "hideInToc" | "level" | "preload" | "zoom" | "dragPos" | "record" | "presenter"
        | "browserExporter" | "selectable" | "contextMenu" | "wakeLock" | "themeConfig" => {
            ("deck has no such setting", "leave it out")
        }
        _ => return None,
    })
}

/// Whether `text` (a comment's inside) is one or more Marp directives.
pub fn is_directive(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty()).peekable();
    lines.peek().is_some()
        && lines.all(|line| {
            line.split_once(':').is_some_and(|(key, _)| MARP_DIRECTIVES.contains(&key.trim().trim_start_matches('_')))
        })
}

/// A slide layout as Slidev names it: deck's name for it, or `None` when
/// deck has no counterpart. Names deck does not know pass unchanged, to
/// be checked (and corrected) as any layout name.
fn slidev_layout(name: &str) -> Option<String> {
    Some(
        match name {
            "default" => "bullets",
            "cover" | "intro" => "title",
            "center" | "fact" | "quote" => "statement",
            "end" => "closing",
            "two-cols" => "two-column",
            "image-left" | "image-right" | "iframe" | "iframe-left" | "iframe-right" | "full" | "none"
            | "two-cols-header" => return None,
            other => other,
        }
        .to_string(),
    )
}

impl Reader<'_> {
    fn left_out(&mut self, file: FileId, entry: &Entry, place: &str, known: &[&str]) {
        let mut d = Diagnostic::warning(format!("`{}` in {place} is left out", entry.key))
            .with_span(Some(Span { file, range: entry.key_range.clone() }));
        match without_counterpart(&entry.key) {
            Some((why, instead)) => d = d.with_hint(format!("{why}; {instead}")),
            None => {
                if let Some(meant) = suggest(&entry.key, known.iter().copied()) {
                    d = d.with_hint(format!("did you mean `{meant}`?"));
                }
                d = d.with_hint(format!("deck reads here: {}", known.join(", ")));
            }
        }
        self.sink.warn(d);
    }

    fn not_text(&mut self, file: FileId, entry: &Entry, place: &str) {
        self.sink.warn(
            Diagnostic::warning(format!("`{}` in {place} is left out: it is not a single value", entry.key))
                .with_span(Some(Span { file, range: entry.range.clone() })),
        );
    }

    /// Front matter (or a global directive) onto `[deck]`; keys that set
    /// the first slide (Slidev's `layout`, `class`) go to `first`.
    pub fn deck_keys(
        &mut self,
        file: FileId,
        entries: Vec<Entry>,
        deck: &mut DeckTable,
        first: &mut Vec<Entry>,
        place: &str,
    ) {
        for entry in entries {
            let at = |value: String| Some(Located { value, range: entry.range.clone() });
            let key = entry.key.trim_start_matches('_');
            if SLIDE_KEYS.contains(&key) && !DECK_KEYS.contains(&key) {
                first.push(entry);
                continue;
            }
            let text = entry.value.text();
            match (key, text) {
                // Formulas are always on, in KaTeX's syntax (MathJax's is the same LaTeX).
                ("marp" | "math", _) => {}
                ("keywords", _) => match &entry.value {
                    Value::List(words) => deck.keywords = Some(words.clone()),
                    Value::Text(words) => {
                        deck.keywords = Some(words.split(',').map(|w| w.trim().to_string()).collect());
                    }
                    _ => self.not_text(file, &entry, place),
                },
                ("paginate", Some(on)) if on == "true" => {} // deck numbers every content slide
                ("paginate", _) => self.paginate_off(file, &entry, place),
                ("title_slide", _) => match entry.value {
                    Value::Flag(on) => deck.title_slide = Some(on),
                    _ => self.not_text(file, &entry, place),
                },
                (_, None) if DECK_KEYS.contains(&key) => self.not_text(file, &entry, place),
                ("title", Some(t)) => deck.title = deck.title.take().or(at(t)),
                ("subtitle", Some(t)) => deck.subtitle = deck.subtitle.take().or(at(t)),
                ("author", Some(t)) => deck.author = deck.author.take().or(Some(t)),
                ("date", Some(t)) => deck.date = deck.date.take().or(Some(t)),
                ("lang", Some(t)) => deck.lang = deck.lang.take().or(at(t)),
                ("dir", Some(t)) => deck.dir = deck.dir.take().or(at(t)),
                ("footer", Some(t)) => deck.footer = deck.footer.take().or(Some(t)),
                ("description" | "info" | "subject", Some(t)) => deck.subject = deck.subject.take().or(Some(t)),
                ("theme", Some(t)) => {
                    if BUILTINS.iter().any(|b| b.name == t) || t.ends_with(".toml") {
                        deck.theme = deck.theme.take().or(at(t));
                    } else {
                        let names: Vec<&str> = BUILTINS.iter().map(|b| b.name).collect();
                        self.sink.warn(
                            Diagnostic::warning(format!(
                                "theme `{t}` in {place} is not one of deck's: the `default` theme is used"
                            ))
                            .with_span(Some(Span { file, range: entry.range.clone() }))
                            .with_hint(format!(
                                "deck's themes: {}; or a theme file: `theme: mytheme.toml`",
                                names.join(", ")
                            )),
                        );
                    }
                }
                ("size" | "aspectRatio" | "aspect", Some(t)) => match t.replace('/', ":").as_str() {
                    ratio @ ("16:9" | "4:3") => deck.aspect = deck.aspect.take().or(at(ratio.to_string())),
                    _ => self.sink.warn(
                        Diagnostic::warning(format!(
                            "`{key}: {t}` in {place} is not a size deck knows: the deck is 16:9"
                        ))
                        .with_span(Some(Span { file, range: entry.range.clone() }))
                        .with_hint("write `16:9` or `4:3`"),
                    ),
                },
                _ => self.left_out(file, &entry, place, &DECK_KEYS),
            }
        }
    }

    fn paginate_off(&mut self, file: FileId, entry: &Entry, place: &str) {
        self.sink.warn(
            Diagnostic::warning(format!("`{}` in {place} is left out: deck numbers every content slide", entry.key))
                .with_span(Some(Span { file, range: entry.range.clone() }))
                .with_hint("to show no numbers, set `footer_right = \"\"` in the `[theme]` table of a `+++` block"),
        );
    }

    /// A slide's YAML block or directives onto its keys; keys its `+++`
    /// block sets win. `first` is whether this is the file's first slide.
    pub fn slide_keys(&mut self, file: FileId, entries: Vec<Entry>, table: &mut SlideTable, first: bool, place: &str) {
        for entry in entries {
            let at = |value: String| Some(Located { value, range: entry.range.clone() });
            let key = entry.key.trim_start_matches('_');
            if key == "marp" {
                continue;
            }
            if DECK_KEYS.contains(&key) && !SLIDE_KEYS.contains(&key) {
                self.sink.warn(
                    Diagnostic::warning(format!(
                        "`{}` in {place} is left out: it is a setting of the whole deck",
                        entry.key
                    ))
                    .with_span(Some(Span { file, range: entry.key_range.clone() }))
                    .with_hint("set it in the front matter of a Markdown deck, or in the manifest's `[deck]` table"),
                );
                continue;
            }
            let Some(text) = entry.value.text() else {
                if SLIDE_KEYS.contains(&key) {
                    self.not_text(file, &entry, place);
                } else {
                    self.left_out(file, &entry, place, &SLIDE_KEYS);
                }
                continue;
            };
            let slot = match key {
                "title" => &mut table.title,
                "subtitle" => &mut table.subtitle,
                "id" | "routeAlias" => &mut table.id,
                "overflow" => &mut table.overflow,
                "reveal" => &mut table.reveal,
                "image" => &mut table.image,
                "caption" => &mut table.caption,
                "fit" => &mut table.fit,
                "lang" => &mut table.lang,
                "dir" => &mut table.dir,
                "layout" => match slidev_layout(&text) {
                    Some(name) => {
                        table.layout = table.layout.take().or(at(name));
                        continue;
                    }
                    None => {
                        self.no_such_layout(file, &entry, &text, place);
                        continue;
                    }
                },
                "class" => {
                    self.class(file, &entry, &text, table, first, place);
                    continue;
                }
                "paginate" if text == "true" => continue,
                "paginate" => {
                    self.paginate_off(file, &entry, place);
                    continue;
                }
                _ => {
                    self.left_out(file, &entry, place, &SLIDE_KEYS);
                    continue;
                }
            };
            *slot = slot.take().or(at(text));
        }
    }

    fn no_such_layout(&mut self, file: FileId, entry: &Entry, name: &str, place: &str) {
        self.sink.warn(
            Diagnostic::warning(format!("layout `{name}` in {place} has no counterpart in deck: the slide is a `bullets` slide"))
                .with_span(Some(Span { file, range: entry.range.clone() }))
                .with_hint(
                    "deck's layouts: bullets, title, section, statement, two-column, image, closing, agenda (Slidev's cover, center, end and two-cols are read as title, statement, closing and two-column)",
                ),
        );
    }

    /// Marp's `class`: `lead` is a title slide as the file's first slide,
    /// a section divider elsewhere.
    fn class(&mut self, file: FileId, entry: &Entry, classes: &str, table: &mut SlideTable, first: bool, place: &str) {
        for class in classes.split_whitespace() {
            let hint = match class {
                "lead" => {
                    let layout = if first { "title" } else { "section" };
                    let located = Located { value: layout.to_string(), range: entry.range.clone() };
                    table.layout = table.layout.take().or(Some(located));
                    continue;
                }
                "invert" => "for dark slides use a dark theme for the whole deck: `theme: dark`".to_string(),
                _ => "give the slide a layout instead: `layout: section` in its YAML block, or `<!-- _class: lead -->`"
                    .to_string(),
            };
            self.sink.warn(
                Diagnostic::warning(format!("class `{class}` in {place} is left out"))
                    .with_span(Some(Span { file, range: entry.range.clone() }))
                    .with_hint(hint),
            );
        }
    }
}
