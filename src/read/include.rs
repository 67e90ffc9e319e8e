//! Markdown files a deck names (`[deck] source`, `[[slide]] file`): found
//! inside the deck's folder, read, and registered in [`Sources`] so that
//! errors can point into them.

use std::path::Path;

use super::reader::Reader;
use super::{MAX_MANIFEST_BYTES, io_reason};
use crate::diag::{Diagnostic, FileId, Sources};
use crate::manifest::Located;
use crate::paths;

impl Reader<'_> {
    /// The file `name` names, relative to `base`: its id and text, or
    /// `None` with the error recorded.
    pub fn include(&mut self, name: &Located<String>, base: &Path, sources: &mut Sources) -> Option<(FileId, String)> {
        let wanted = base.join(&name.value);
        let read = self.root.confine(&wanted).and_then(|path| read_markdown(&path));
        match read {
            Ok(text) => {
                let file = sources.add(wanted.display().to_string(), text.as_str());
                self.texts.push((file, text.as_str().into()));
                Some((file, text))
            }
            Err(why) => {
                let mut d =
                    Diagnostic::error(format!("Markdown file `{}`: {why}", name.value)).with_span(self.span(name));
                if why.contains("outside the deck's folder") {
                    d = d.with_hint(paths::HINT);
                }
                if why == "no such file" {
                    if let Some(meant) = paths::similar_file(&wanted) {
                        d = d.with_hint(format!("did you mean `{meant}`?"));
                    }
                }
                self.errors.push(d);
                None
            }
        }
    }
}

fn read_markdown(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if meta.is_dir() {
        return Err("it is a folder".into());
    }
    if meta.len() > MAX_MANIFEST_BYTES {
        return Err(format!(
            "it is {} MB; deck reads Markdown files up to {} MB",
            meta.len() >> 20,
            MAX_MANIFEST_BYTES >> 20
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| io_reason(&e))?;
    String::from_utf8(bytes)
        .map_err(|e| format!("it is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}
