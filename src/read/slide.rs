//! One `[[slide]]` table into a [`Slide`]: layout, overflow, Markdown,
//! picture and id, with warnings for keys its layout does not read.

use super::reader::Reader;
use super::source::SlideSource;
use crate::diag::{Diagnostic, Span, suggest};
use crate::manifest::{Located, SlideTable};
use crate::markdown::{self, Origin};
use crate::model::{Block, Dir, Fit, Layout, Overflow, Reveal, Slide, SlideImage};

impl Reader<'_> {
    /// The slide `source` describes, or `None` with its errors recorded.
    pub fn slide(&mut self, source: &SlideSource) -> Option<Slide> {
        // Spans of this slide's values point into its own file.
        let manifest = std::mem::replace(&mut self.file, source.file);
        let slide = self.slide_in_file(source);
        self.file = manifest;
        slide
    }

    fn slide_in_file(&mut self, source: &SlideSource) -> Option<Slide> {
        let (table, context) = (&source.table, source.context.as_str());
        let span = self.span(table);
        let raw = &table.value;
        let mut layout = match &raw.layout {
            None => Layout::Bullets,
            Some(name) => match Layout::from_name(&name.value) {
                Some(layout) => layout,
                None => {
                    self.errors.push(unknown("layout", &name.value, &Layout::NAMES, self.span(name)));
                    return None;
                }
            },
        };
        let overflow =
            self.choice("overflow", &raw.overflow, Overflow::from_name, &Overflow::NAMES, Overflow::Continue);
        let reveal = self.choice("reveal", &raw.reveal, Reveal::from_name, &Reveal::NAMES, Reveal::All);
        let dir = self.choice("dir", &raw.dir, Dir::from_name, &Dir::NAMES, Dir::Auto);
        let lang = match &raw.lang {
            Some(l) if !super::dates::is_language_tag(&l.value) => {
                self.errors.push(not_a_language_tag(&l.value, self.span(l)));
                None
            }
            other => other.as_ref().map(|l| l.value.clone()),
        };
        self.misplaced_keys(raw, layout);
        let file = self.file;
        // A TOML string's range includes its quotes; a value from a Markdown
        // file's slide is the file's own text, as long as its range.
        let file_text = self.source_text(file);
        let origin = |what: &str, l: &Located<String>| {
            let verbatim = l.value.len() == l.range.len();
            let source = file_text.clone().map(|s| (s, crate::manifest::decode_string as crate::markdown::Decode));
            Origin::in_file(l.span(file), format!("{context} {what}"), verbatim, source)
        };
        let inlines = |this: &mut Self, what: &str, l: &Option<Located<String>>| {
            l.as_ref().map(|t| markdown::inlines(&t.value, &origin(what, t), this.sink))
        };
        let blocks = |this: &mut Self, what: &str, l: &Option<Located<String>>| {
            let Some(b) = l else { return Vec::new() };
            if !this.within_limits(&b.value, this.span(b)) {
                return Vec::new();
            }
            markdown::blocks(&b.value, &origin(what, b), this.sink).unwrap_or_else(|e| {
                this.errors.push(e);
                Vec::new()
            })
        };
        let texts = [("title", &raw.title), ("subtitle", &raw.subtitle), ("caption", &raw.caption)];
        let bodies = [("body", &raw.body), ("left", &raw.left), ("right", &raw.right)];
        let mut chars: Vec<(char, Span)> = Vec::new();
        for (what, located) in texts.into_iter().chain(bodies) {
            let Some(located) = located.as_ref().filter(|l| !l.value.is_ascii()) else { continue };
            let origin = origin(what, located);
            for (at, c) in located.value.char_indices().filter(|(_, c)| !c.is_ascii()) {
                if chars.iter().all(|(known, _)| *known != c) {
                    let span = origin.span_of(&located.value, at..at + c.len_utf8()).unwrap_or(located.span(file));
                    chars.push((c, span));
                }
            }
        }
        let title = inlines(self, "title", &raw.title);
        let mut subtitle = inlines(self, "subtitle", &raw.subtitle);
        let mut body = blocks(self, "body", &raw.body);
        if source.may_be_title && matches!(body.as_slice(), [] | [Block::Paragraph(_)]) {
            layout = Layout::Title;
        }
        if source.markdown && matches!(layout, Layout::Title | Layout::Section) {
            self.cover_body(&mut body, &mut subtitle, layout, raw);
        }
        let left = blocks(self, "left", &raw.left);
        let right = blocks(self, "right", &raw.right);
        let caption = inlines(self, "caption", &raw.caption);
        let notes_body = match &raw.notes {
            Some(notes) if self.within_limits(notes, span.clone()) => {
                markdown::blocks(notes, &Origin::new(span.clone(), format!("{context} notes"), false), self.sink)
                    .unwrap_or_else(|e| {
                        self.errors.push(e);
                        Vec::new()
                    })
            }
            _ => Vec::new(),
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
                        .with_hint(
                            "use letters, digits, `-` and `_`, e.g. id = \"themes\"; link to it with [text](#themes)",
                        ),
                );
            }
            ok.then(|| id.value.clone())
        });
        let listed = |blocks: &[Block]| blocks.iter().any(|b| matches!(b, Block::List { .. }));
        let laid_out = match layout {
            Layout::TwoColumn => listed(&left) || listed(&right),
            Layout::Agenda => true, // its list is made from the sections
            _ => listed(&body),
        };
        if let Some(r) = raw.reveal.as_ref().filter(|_| reveal == Reveal::Items && !laid_out) {
            self.sink.warn(
                Diagnostic::warning(format!(
                    "`reveal = \"items\"` does nothing on this `{}` slide: it shows no list",
                    layout.name()
                ))
                .with_span(self.span(r))
                .with_hint("the items of a list in the body appear one at a time; remove `reveal` or add a list"),
            );
        }
        Some(Slide {
            layout,
            title,
            subtitle,
            body,
            left,
            right,
            image,
            notes: raw.notes.clone(),
            notes_body,
            id,
            overflow,
            reveal,
            lang,
            dir,
            span,
            chars,
        })
    }

    /// The picture of an `image` slide: `image` is required, `fit` checked.
    fn slide_image(
        &mut self,
        raw: &SlideTable,
        layout: Layout,
        caption: Option<Vec<crate::model::Inline>>,
        slide: Option<Span>,
    ) -> Option<SlideImage> {
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

    /// A Markdown title or section slide: the first paragraph of its body
    /// is the subtitle; anything else is not shown, with a warning.
    fn cover_body(
        &mut self,
        body: &mut Vec<Block>,
        subtitle: &mut Option<Vec<crate::model::Inline>>,
        layout: Layout,
        raw: &SlideTable,
    ) {
        if subtitle.is_none()
            && let Some(Block::Paragraph(first)) = body.first()
        {
            *subtitle = Some(first.clone());
            body.remove(0);
        }
        if let (false, Some(written)) = (body.is_empty(), &raw.body) {
            self.sink.warn(
                Diagnostic::warning(format!(
                    "a `{}` slide shows its title and one paragraph under it; the rest of the slide is not shown",
                    layout.name()
                ))
                .with_span(self.span(written))
                .with_hint("move the rest to a slide of its own, after a line holding only `---`"),
            );
            body.clear();
        }
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
                    Diagnostic::warning(format!(
                        "`{key}` is ignored on a `{}` slide: only the `{}` layout uses it",
                        layout.name(),
                        owner.name()
                    ))
                    .with_span(self.span(value)),
                );
            }
        }
        if layout == Layout::TwoColumn
            && let Some(body) = &raw.body
        {
            self.sink.warn(
                Diagnostic::warning("`body` is ignored on a `two-column` slide: write `left` and `right`")
                    .with_span(self.span(body)),
            );
        }
    }
}

/// An unknown name among `known`, with the one probably meant.
impl Reader<'_> {
    /// The value a key names, `default` when it is absent; a name not among
    /// `names` is an error listing them (and `default` stands in).
    pub(super) fn choice<T>(
        &mut self,
        key: &str,
        value: &Option<Located<String>>,
        from_name: fn(&str) -> Option<T>,
        names: &[&str],
        default: T,
    ) -> T {
        let Some(value) = value else { return default };
        from_name(&value.value).unwrap_or_else(|| {
            self.errors.push(unknown(key, &value.value, names, self.span(value)));
            default
        })
    }
}

/// A `lang` that is not a BCP 47 tag.
pub(super) fn not_a_language_tag(value: &str, span: Option<Span>) -> Diagnostic {
    Diagnostic::error(format!("`{value}` is not a language tag"))
        .with_span(span)
        .with_hint("use a BCP 47 tag such as \"en\", \"ar\", \"zh-Hant\" or \"pt-BR\"")
}

pub(super) fn unknown(what: &str, value: &str, known: &[&str], span: Option<Span>) -> Diagnostic {
    let mut d = Diagnostic::error(format!("unknown {what} `{value}`")).with_span(span);
    if let Some(meant) = suggest(value, known.iter().copied()) {
        d = d.with_hint(format!("did you mean `{meant}`?"));
    }
    d.with_hint(format!("known: {}", known.join(", ")))
}
