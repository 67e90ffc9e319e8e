//! PDF: pages from layout written through printpdf (our shaped glyphs with
//! ToUnicode text, subset fonts), then a final pass with lopdf for what
//! printpdf cannot say (language, outline mode, a reproducible /ID,
//! honest metadata). The only user of printpdf and lopdf.

mod finish;
mod fonts;
mod images;
mod outline;
mod page;

use std::collections::BTreeMap;

use printpdf::{ImageCompression, ImageOptimizationOptions, PdfDocument, PdfSaveOptions};

use crate::diag::Diagnostic;
use crate::images::{ImageId, Prepared};
use crate::layout::Page;
use crate::model::{Meta, plain_text};
use crate::text::FontBook;

/// The PDF bytes of `pages`.
pub fn write(pages: &[Page], meta: &Meta, book: &FontBook, pictures: &BTreeMap<ImageId, Prepared>) -> Result<Vec<u8>, Diagnostic> {
    let title = plain_text(&meta.title);
    let mut doc = PdfDocument::new(&title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone().unwrap_or_default();
    info.subject = meta.subject.clone().or_else(|| meta.subtitle.as_deref().map(plain_text)).unwrap_or_default();
    info.keywords = meta.keywords.clone();
    info.creator = format!("deck {}", env!("CARGO_PKG_VERSION"));
    info.producer = info.creator.clone();

    let subsets = fonts::embed(&mut doc, pages, book)?;
    let xobjects = images::embed(&mut doc, pictures);
    doc.pages = pages.iter().map(|p| page::page(p, &subsets, &xobjects)).collect();
    let mut warnings = Vec::new();
    // Pixels are already at the size layout chose: compress them losslessly
    // and change nothing else (printpdf's default re-encodes them as JPEG).
    let lossless = ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: None,
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(ImageCompression::Flate),
    };
    let options = PdfSaveOptions { image_optimization: Some(lossless), ..PdfSaveOptions::default() };
    let mut lopdf = doc.to_lopdf_document(&options, &mut warnings);
    let entries = outline::tree(pages);
    outline::write(&mut lopdf, &entries);
    finish::finish(lopdf, meta, !entries.is_empty())
}
