//! Markdown files a deck names (`[deck] source`, `[[slide]] file`): found
//! inside the deck's folder, read, and registered in [`Sources`] so that
//! errors can point into them.

use std::path::Path;

use super::MAX_MANIFEST_BYTES;
use super::reader::Reader;
use crate::diag::{Diagnostic, FileId, Sources};
use crate::manifest::Located;
use crate::paths::FileError;

impl Reader<'_> {
    /// The file `name` names, relative to `base`: its id and text, or
    /// `None` with the error recorded.
    pub fn include(&mut self, name: &Located<String>, base: &Path, sources: &mut Sources) -> Option<(FileId, String)> {
        if self.over_budget {
            return None;
        }
        let wanted = base.join(&name.value);
        let read = self.root.confine(&wanted).and_then(|path| {
            let meta = crate::paths::regular_file(&path)?;
            if let Err(why) = super::within_budget(sources, meta.len()) {
                self.over_budget = true;
                return Err(why);
            }
            read_markdown(&path)
        });
        match read {
            Ok(text) => {
                let file = sources.add(wanted.display().to_string(), text.as_str());
                self.texts.push((file, text.as_str().into()));
                Some((file, text))
            }
            Err(why) => {
                let mut d =
                    Diagnostic::error(format!("Markdown file `{}`: {why}", name.value)).with_span(self.span(name));
                for hint in why.hints(&wanted) {
                    d = d.with_hint(hint);
                }
                self.errors.push(d);
                None
            }
        }
    }
}

fn read_markdown(path: &Path) -> Result<String, FileError> {
    let meta = crate::paths::regular_file(path)?;
    if meta.len() > MAX_MANIFEST_BYTES {
        let (mb, limit) = (meta.len() >> 20, MAX_MANIFEST_BYTES >> 20);
        return Err(format!("it is {mb} MB; deck reads Markdown files up to {limit} MB").into());
    }
    let bytes = std::fs::read(path)?;
    String::from_utf8(bytes).map_err(|e| {
        format!("it is not UTF-8 text ({})", crate::diag::not_utf8_at(e.as_bytes(), e.utf8_error().valid_up_to()))
            .into()
    })
}
