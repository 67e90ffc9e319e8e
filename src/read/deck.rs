//! The `[deck]` and `[output]` tables: document facts, page shape, outputs.

use std::path::Path;

use super::dates::{is_language_tag, parse_date};
use super::reader::Reader;
use super::slide::unknown;
use super::{Format, OutputPlan};
use crate::diag::{Diagnostic, Span};
use crate::manifest::{self, DeckTable, Located};
use crate::markdown::{self, Origin};
use crate::model::{Aspect, Dir, Meta};

impl Reader<'_> {
    pub fn meta(&mut self, deck: &DeckTable, deck_span: Option<Span>) -> Option<Meta> {
        let Some(title) = &deck.title else {
            self.errors.push(
                Diagnostic::error("`[deck]` has no `title`")
                    .with_span(deck_span)
                    .with_hint("add a line such as: title = \"My talk\""),
            );
            return None;
        };
        let source = self.source_text(self.file);
        let origin = |what: &str, l: &Located<String>| {
            Origin::in_file(
                l.span(self.file),
                what,
                false,
                source.clone().map(|s| (s, crate::manifest::decode_string as crate::markdown::Decode)),
            )
        };
        let title_origin = origin("deck title", title);
        let subtitle_origin = deck.subtitle.as_ref().map(|s| origin("deck subtitle", s));
        let lang = match &deck.lang {
            Some(lang) if !is_language_tag(&lang.value) => {
                self.errors.push(super::slide::not_a_language_tag(&lang.value, self.span(lang)));
                "en".to_string()
            }
            Some(lang) => lang.value.clone(),
            None => "en".to_string(),
        };
        let dir = self.choice("dir", &deck.dir, Dir::from_name, &Dir::NAMES, Dir::Auto);
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
            dir,
            footer: deck.footer.clone(),
            subject: deck.subject.clone(),
            keywords: deck.keywords.clone().unwrap_or_default(),
            calendar_date: deck.date.as_deref().and_then(parse_date),
        })
    }

    pub fn aspect(&mut self, deck: &DeckTable) -> Aspect {
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

    pub fn output(&mut self, table: &manifest::OutputTable, path: &Path, base: &Path) -> OutputPlan {
        let mut formats = Vec::new();
        for f in table.formats.iter().flatten() {
            match Format::from_name(&f.value) {
                Some(format) => formats.push(format),
                None => self.errors.push(unknown("format", &f.value, &Format::NAMES, self.span(f))),
            }
        }
        if table.formats.is_none() {
            formats = Format::DEFAULT.to_vec();
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
        OutputPlan {
            dir: base.join(table.dir.as_deref().unwrap_or("out")),
            name,
            formats,
            notes: table.notes.unwrap_or(false),
            system_fonts: table.system_fonts.unwrap_or(true),
        }
    }
}
