//! Links between slides: `[text](#id)` to the slide with that id.

use super::reader::Reader;
use crate::diag::{Diagnostic, suggest};
use crate::model::{Slide, Target};

impl Reader<'_> {
    /// `[text](#id)` links become links to the slide with that id; an id no
    /// slide has, or two slides with one id, are errors.
    pub fn resolve_links(&mut self, slides: &mut [Slide]) {
        let mut ids: Vec<(String, usize)> = Vec::new();
        for (index, slide) in slides.iter().enumerate() {
            if let Some(id) = &slide.id {
                if ids.iter().any(|(known, _)| known == id) {
                    self.errors.push(
                        Diagnostic::error(format!("two slides have the id `{id}`")).with_span(slide.span.clone()),
                    );
                }
                ids.push((id.clone(), index));
            }
        }
        for (index, slide) in slides.iter_mut().enumerate() {
            let span = slide.span.clone();
            let name = slide.name(index);
            let mut unknown = Vec::new();
            for blocks in [&mut slide.body, &mut slide.left, &mut slide.right] {
                crate::model::links_mut(blocks, &mut |link, at| {
                    let Target::Url(url) = link else { return };
                    let Some(target) = url.strip_prefix('#') else { return };
                    match ids.iter().find(|(id, _)| id == target) {
                        Some((_, index)) => *link = Target::Slide(*index),
                        None => unknown.push((target.to_string(), at.cloned().or_else(|| span.clone()))),
                    }
                });
            }
            for (target, at) in unknown {
                let mut d =
                    Diagnostic::error(format!("no slide has the id `{target}`")).with_span(at).with_context(&name);
                if let Some(meant) = suggest(&target, ids.iter().map(|(id, _)| id.as_str())) {
                    d = d.with_hint(format!("did you mean `#{meant}`?"));
                }
                self.errors.push(d.with_hint("give the target slide `id = \"…\"` and link with [text](#…)"));
            }
        }
    }
}
