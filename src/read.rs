//! Reading a deck: the manifest file, its Markdown and its theme, into a
//! [`model::Deck`](crate::model::Deck), a resolved [`Theme`] and the output plan.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Errors, FileId, Sink, Sources, Span, suggest};
use crate::manifest::{self, DeckTable, Located, ManifestFile, SlideTable};
use crate::markdown::{self, Origin};
use crate::model::{Aspect, Deck, Fit, Layout, Meta, Overflow, Slide, SlideImage};
use crate::theme::{self, Theme};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The paginated PDF.
    Pdf,
    /// The self-contained HTML deck.
    Html,
    /// Speaker notes: each slide with its notes below (`<name>-notes.pdf`).
    Notes,
    /// Several slides per sheet (`<name>-handout.pdf`).
    Handout,
}

impl Format {
    /// Every format name.
    pub const NAMES: [&'static str; 2] = ["pdf", "html"];

    /// The format's name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Notes => "notes",
            Format::Handout => "handout",
        }
    }

    /// The output file's name for outputs named `stem`.
    pub fn file_name(self, stem: &str) -> String {
        match self {
            Format::Pdf => format!("{stem}.pdf"),
            Format::Html => format!("{stem}.html"),
            Format::Notes => format!("{stem}-notes.pdf"),
            Format::Handout => format!("{stem}-handout.pdf"),
        }
    }
}

/// Where the outputs go.
#[derive(Debug, Clone)]
pub struct OutputPlan {
    /// Folder for the outputs.
    pub dir: PathBuf,
    /// File stem.
    pub name: String,
    /// Formats to write, in order.
    pub formats: Vec<Format>,
    /// Also write `<name>-notes.pdf`.
    pub notes: bool,
}

/// Everything read from a deck's files.
#[derive(Debug, Clone)]
pub struct Project {
    /// The content.
    pub deck: Deck,
    /// The resolved theme.
    pub theme: Theme,
    /// The outputs the manifest asks for.
    pub output: OutputPlan,
}

/// Read the manifest at `path` and everything it refers to.
pub fn read(path: &Path, root: Option<&Path>, sources: &mut Sources, sink: &mut Sink) -> Result<Project, Errors> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_MANIFEST_BYTES {
            return Err(vec![Diagnostic::error(format!(
                "`{}` is {} MB; deck reads manifests up to {} MB",
                path.display(),
                meta.len() >> 20,
                MAX_MANIFEST_BYTES >> 20
            ))]);
        }
    }
    let bytes = std::fs::read(path)
        .map_err(|e| vec![Diagnostic::error(format!("cannot read `{}`: {}", path.display(), io_reason(&e)))])?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![Diagnostic::error(format!(
            "`{}` is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
        .with_hint("save the manifest as UTF-8")]
    })?;
    read_text(&text, path, root, sources, sink)
}

/// Read a manifest whose text is already in memory; `path` names it in
/// messages and locates its relative paths.
pub fn read_text(text: &str, path: &Path, root: Option<&Path>, sources: &mut Sources, sink: &mut Sink) -> Result<Project, Errors> {
    let file = sources.add(path.display().to_string(), text);
    let raw = manifest::parse_manifest(text, file).map_err(|d| vec![d])?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let root = root.map_or_else(|| base.clone(), Path::to_path_buf);
    Reader { file, sink, errors: Vec::new(), root }.project(raw, path, &base, sources)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Largest manifest deck reads.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
/// Most `[[slide]]` tables in one deck.
pub const MAX_SLIDES: usize = 10_000;

struct Reader<'s> {
    file: FileId,
    sink: &'s mut Sink,
    errors: Errors,
    /// The folder the deck may read files from.
    root: PathBuf,
}

impl Reader<'_> {
    fn span<T>(&self, located: &Located<T>) -> Option<Span> {
        Some(located.span(self.file))
    }

    fn project(mut self, raw: ManifestFile, path: &Path, base: &Path, sources: &mut Sources) -> Result<Project, Errors> {
        let Some(deck_table) = raw.deck else {
            let d = Diagnostic::error("the manifest has no `[deck]` table")
                .with_span(Some(Span { file: self.file, range: 0..0 }))
                .with_hint("start the file with:\n[deck]\ntitle = \"My talk\"");
            return Err(vec![d]);
        };
        if raw.slide.len() > MAX_SLIDES {
            return Err(vec![Diagnostic::error(format!("the deck has {} slides; deck lays out at most {MAX_SLIDES}", raw.slide.len()))
                .with_span(self.span(&raw.slide[MAX_SLIDES]))
                .with_hint("split it into several decks")]);
        }
        let deck_span = self.span(&deck_table);
        let deck_table = deck_table.value;
        let meta = self.meta(&deck_table, deck_span);
        let aspect = self.aspect(&deck_table);
        let output = self.output(&raw.output, path, base);
        let mut slides = Vec::new();
        if deck_table.title_slide != Some(false) {
            slides.push(Slide {
                layout: Layout::Title,
                title: None,
                subtitle: None,
                body: Vec::new(),
                left: Vec::new(),
                right: Vec::new(),
                image: None,
                notes: None,
                notes_body: Vec::new(),
                id: None,
                overflow: Overflow::Continue,
                span: None,
            });
        }
        for (n, table) in raw.slide.iter().enumerate() {
            if let Some(slide) = self.slide(table, n + 1) {
                slides.push(slide);
            }
        }
        self.resolve_links(&mut slides);
        let size = match aspect {
            Aspect::Wide => (960.0, 540.0),
            Aspect::Standard => (720.0, 540.0),
        };
        let theme_name = deck_table.theme.as_ref().map(|t| t.spanned(self.file));
        let theme = theme::resolve(theme_name.as_ref(), &raw.theme, self.file, (base, &self.root), size, sources);
        let theme = match theme {
            Ok(theme) => Some(theme),
            Err(mut e) => {
                self.errors.append(&mut e);
                None
            }
        };
        match (meta, theme) {
            (Some(meta), Some(theme)) if self.errors.is_empty() => {
                Ok(Project { deck: Deck { meta, slides, base: base.to_path_buf(), root: self.root.clone() }, theme, output })
            }
            _ => Err(self.errors),
        }
    }

    fn meta(&mut self, deck: &DeckTable, deck_span: Option<Span>) -> Option<Meta> {
        let Some(title) = &deck.title else {
            self.errors.push(
                Diagnostic::error("`[deck]` has no `title`")
                    .with_span(deck_span)
                    .with_hint("add a line such as: title = \"My talk\""),
            );
            return None;
        };
        let origin = |what: &str, l: &Located<String>| Origin { span: Some(l.span(self.file)), context: what.to_string() };
        let title_origin = origin("deck title", title);
        let subtitle_origin = deck.subtitle.as_ref().map(|s| origin("deck subtitle", s));
        let lang = match &deck.lang {
            Some(lang) if !is_language_tag(&lang.value) => {
                self.errors.push(
                    Diagnostic::error(format!("`{}` is not a language tag", lang.value))
                        .with_span(self.span(lang))
                        .with_hint("use a BCP 47 tag such as \"en\", \"fr\" or \"pt-BR\""),
                );
                "en".to_string()
            }
            Some(lang) => lang.value.clone(),
            None => "en".to_string(),
        };
        Some(Meta {
            title: markdown::inlines(&title.value, &title_origin, self.sink),
            subtitle: deck
                .subtitle
                .as_ref()
                .zip(subtitle_origin)
                .map(|(s, o)| markdown::inlines(&s.value, &o, self.sink)),
            author: deck.author.clone(),
            date: deck.date.clone(),
            lang,
            footer: deck.footer.clone(),
            subject: deck.subject.clone(),
            keywords: deck.keywords.clone().unwrap_or_default(),
            calendar_date: deck.date.as_deref().and_then(parse_date),
        })
    }

    fn aspect(&mut self, deck: &DeckTable) -> Aspect {
        match deck.aspect.as_ref().map(|a| (a, a.value.as_str())) {
            None | Some((_, "16:9")) => Aspect::Wide,
            Some((_, "4:3")) => Aspect::Standard,
            Some((located, other)) => {
                self.errors.push(
                    Diagnostic::error(format!("unknown aspect `{other}`"))
                        .with_span(self.span(located))
                        .with_hint("aspect is \"16:9\" or \"4:3\""),
                );
                Aspect::Wide
            }
        }
    }

    fn output(&mut self, table: &manifest::OutputTable, path: &Path, base: &Path) -> OutputPlan {
        let mut formats = Vec::new();
        for f in table.formats.iter().flatten() {
            match f.value.as_str() {
                "pdf" => formats.push(Format::Pdf),
                "html" => formats.push(Format::Html),
                other => self.errors.push(unknown("format", other, &Format::NAMES, self.span(f))),
            }
        }
        if table.formats.is_none() {
            formats = vec![Format::Pdf, Format::Html];
        }
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "deck".into());
        let name = match &table.name {
            Some(n) if n.value.is_empty() || n.value.contains(['/', '\\']) || n.value.starts_with('.') => {
                self.errors.push(
                    Diagnostic::error(format!("output name `{}` is not a plain file name", n.value))
                        .with_span(self.span(n))
                        .with_hint("give a name without folders, e.g. name = \"briefing\"; set the folder with `dir`"),
                );
                stem
            }
            Some(n) => n.value.clone(),
            None => stem,
        };
        OutputPlan { dir: base.join(table.dir.as_deref().unwrap_or("out")), name, formats, notes: table.notes.unwrap_or(false) }
    }

    fn slide(&mut self, table: &Located<SlideTable>, n: usize) -> Option<Slide> {
        let span = self.span(table);
        let raw = &table.value;
        let layout = match &raw.layout {
            None => Layout::Bullets,
            Some(name) => match Layout::from_name(&name.value) {
                Some(layout) => layout,
                None => {
                    self.errors.push(unknown("layout", &name.value, &Layout::NAMES, self.span(name)));
                    return None;
                }
            },
        };
        let overflow = match &raw.overflow {
            None => Overflow::Continue,
            Some(o) => Overflow::from_name(&o.value).unwrap_or_else(|| {
                self.errors.push(unknown("overflow", &o.value, &Overflow::NAMES, self.span(o)));
                Overflow::Continue
            }),
        };
        self.misplaced_keys(raw, layout);
        let context = format!("`[[slide]]` #{n}");
        let file = self.file;
        let origin = |what: &str, l: &Located<String>| Origin { span: Some(l.span(file)), context: format!("{context} {what}") };
        let inlines = |this: &mut Self, what: &str, l: &Option<Located<String>>| {
            l.as_ref().map(|t| markdown::inlines(&t.value, &origin(what, t), this.sink))
        };
        let blocks = |this: &mut Self, what: &str, l: &Option<Located<String>>| {
            let Some(b) = l else { return Vec::new() };
            markdown::blocks(&b.value, &origin(what, b), this.sink).unwrap_or_else(|e| {
                this.errors.push(e);
                Vec::new()
            })
        };
        let title = inlines(self, "title", &raw.title);
        let subtitle = inlines(self, "subtitle", &raw.subtitle);
        let body = blocks(self, "body", &raw.body);
        let left = blocks(self, "left", &raw.left);
        let right = blocks(self, "right", &raw.right);
        let caption = inlines(self, "caption", &raw.caption);
        let notes_body = match &raw.notes {
            Some(notes) => markdown::blocks(notes, &Origin { span: span.clone(), context: format!("{context} notes") }, self.sink).unwrap_or_else(|e| {
                self.errors.push(e);
                Vec::new()
            }),
            None => Vec::new(),
        };
        let image = self.slide_image(raw, layout, caption, span.clone());
        if layout == Layout::Image && image.is_none() {
            return None;
        }
        let id = raw.id.as_ref().and_then(|id| {
            let ok = !id.value.is_empty() && id.value.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !ok {
                self.errors.push(
                    Diagnostic::error(format!("slide id `{}` is not a plain name", id.value))
                        .with_span(self.span(id))
                        .with_hint("use letters, digits, `-` and `_`, e.g. id = \"themes\"; link to it with [text](#themes)"),
                );
            }
            ok.then(|| id.value.clone())
        });
        Some(Slide { layout, title, subtitle, body, left, right, image, notes: raw.notes.clone(), notes_body, id, overflow, span })
    }

    /// `[text](#id)` links become links to the slide with that id; an id no
    /// slide has, or two slides with one id, are errors.
    fn resolve_links(&mut self, slides: &mut [Slide]) {
        let mut ids: Vec<(String, usize)> = Vec::new();
        for (index, slide) in slides.iter().enumerate() {
            if let Some(id) = &slide.id {
                if ids.iter().any(|(known, _)| known == id) {
                    self.errors.push(Diagnostic::error(format!("two slides have the id `{id}`")).with_span(slide.span.clone()));
                }
                ids.push((id.clone(), index));
            }
        }
        for slide in slides.iter_mut() {
            let span = slide.span.clone();
            let mut unknown = Vec::new();
            for blocks in [&mut slide.body, &mut slide.left, &mut slide.right] {
                crate::model::links_mut(blocks, &mut |url| {
                    let Some(target) = url.strip_prefix('#') else { return };
                    if target.chars().all(|c| c.is_ascii_digit()) {
                        return; // a page number: the viewer's own kind of link
                    }
                    match ids.iter().find(|(id, _)| id == target) {
                        Some((_, index)) => *url = crate::model::slide_link(*index),
                        None => unknown.push(target.to_string()),
                    }
                });
            }
            for target in unknown {
                let mut d = Diagnostic::error(format!("no slide has the id `{target}`")).with_span(span.clone());
                if let Some(meant) = suggest(&target, ids.iter().map(|(id, _)| id.as_str())) {
                    d = d.with_hint(format!("did you mean `#{meant}`?"));
                }
                self.errors.push(d.with_hint("give the target slide `id = \"…\"` and link with [text](#…)"));
            }
        }
    }

    /// The picture of an `image` slide: `image` is required, `fit` checked.
    fn slide_image(&mut self, raw: &SlideTable, layout: Layout, caption: Option<Vec<crate::model::Inline>>, slide: Option<Span>) -> Option<SlideImage> {
        if layout != Layout::Image {
            return None;
        }
        let fit = match &raw.fit {
            None => Fit::Contain,
            Some(f) if f.value == "contain" => Fit::Contain,
            Some(f) if f.value == "cover" => Fit::Cover,
            Some(f) => {
                self.errors.push(unknown("fit", &f.value, &["contain", "cover"], self.span(f)));
                Fit::Contain
            }
        };
        let Some(src) = &raw.image else {
            self.errors.push(
                Diagnostic::error("an `image` slide needs an `image` key")
                    .with_span(slide)
                    .with_hint("add a line such as: image = \"photo.jpg\" (a path relative to the manifest)"),
            );
            return None;
        };
        Some(SlideImage { src: src.value.clone(), caption, fit, span: self.span(src) })
    }

    /// Keys that only some layouts read are warnings elsewhere.
    fn misplaced_keys(&mut self, raw: &SlideTable, layout: Layout) {
        let keys = [
            ("left", &raw.left, Layout::TwoColumn),
            ("right", &raw.right, Layout::TwoColumn),
            ("image", &raw.image, Layout::Image),
            ("caption", &raw.caption, Layout::Image),
            ("fit", &raw.fit, Layout::Image),
        ];
        for (key, value, owner) in keys {
            if let Some(value) = value.as_ref().filter(|_| layout != owner) {
                self.sink.warn(
                    Diagnostic::warning(format!("`{key}` is ignored on a `{}` slide: only the `{}` layout uses it", layout.name(), owner.name()))
                        .with_span(self.span(value)),
                );
            }
        }
        if layout == Layout::TwoColumn {
            if let Some(body) = &raw.body {
                self.sink.warn(
                    Diagnostic::warning("`body` is ignored on a `two-column` slide: write `left` and `right`")
                        .with_span(self.span(body)),
                );
            }
        }
    }
}

fn unknown(what: &str, value: &str, known: &[&str], span: Option<Span>) -> Diagnostic {
    let mut d = Diagnostic::error(format!("unknown {what} `{value}`")).with_span(span);
    if let Some(meant) = suggest(value, known.iter().copied()) {
        d = d.with_hint(format!("did you mean `{meant}`?"));
    }
    d.with_hint(format!("known: {}", known.join(", ")))
}

/// A date as people write it on title slides: "2007-12-17",
/// "17 December 2007", "December 17, 2007" (month names in English, full or
/// three letters).
fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    const MONTHS: [&str; 12] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ];
    let month_of = |word: &str| {
        let word = word.trim_end_matches('.').to_ascii_lowercase();
        let known = |m: &&str| *m == word || (word.len() == 3 && m.starts_with(word.as_str())) || (word == "sept" && *m == "september");
        MONTHS.iter().position(known).map(|i| i as u32 + 1)
    };
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let (y, m, d) = match words.as_slice() {
        [iso] => {
            let mut parts = iso.split('-');
            (parts.next()?.parse().ok()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?)
        }
        [d, m, y] if d.chars().all(|c| c.is_ascii_digit()) => (y.parse().ok()?, month_of(m)?, d.parse().ok()?),
        [m, d, y] => (y.parse().ok()?, month_of(m)?, d.parse().ok()?),
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1000..=9999).contains(&y)).then_some((y, m, d))
}

fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| !part.is_empty() && part.len() <= 8 && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn reads_dates_as_written_on_title_slides() {
        assert_eq!(parse_date("17 December 2007"), Some((2007, 12, 17)));
        assert_eq!(parse_date("Dec. 17, 2007"), Some((2007, 12, 17)));
        assert_eq!(parse_date("2007-12-17"), Some((2007, 12, 17)));
        assert_eq!(parse_date("Winter 2007"), None);
        assert_eq!(parse_date("17 Decimber 2007"), None);
    }
}
