//! PDF: pages from layout written through printpdf (our shaped glyphs with
//! ToUnicode text, subset fonts), then a final pass with lopdf for what
//! printpdf cannot say (language, outline mode, a reproducible /ID,
//! honest metadata). The only user of printpdf and lopdf.

mod finish;
mod fonts;
mod page;

use printpdf::{PdfDocument, PdfSaveOptions};

use crate::diag::Diagnostic;
use crate::layout::Page;
use crate::model::{Meta, plain_text};
use crate::text::FontBook;

/// The PDF bytes of `pages`.
pub fn write(pages: &[Page], meta: &Meta, book: &FontBook) -> Result<Vec<u8>, Diagnostic> {
    let title = plain_text(&meta.title);
    let mut doc = PdfDocument::new(&title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone().unwrap_or_default();
    info.subject = meta.subtitle.as_deref().map(plain_text).unwrap_or_default();
    info.creator = format!("deck {}", env!("CARGO_PKG_VERSION"));
    info.producer = info.creator.clone();

    let subsets = fonts::embed(&mut doc, pages, book)?;
    doc.pages = pages.iter().map(|p| page::page(p, &subsets)).collect();
    for p in pages.iter().filter(|p| p.part.0 == 1) {
        doc.add_bookmark(&p.title, p.number);
    }
    let mut warnings = Vec::new();
    let lopdf = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    finish::finish(lopdf, meta, !pages.is_empty())
}
