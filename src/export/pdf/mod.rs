//! PDF: pages from layout written through printpdf (our shaped glyphs with
//! ToUnicode text, subset fonts), then a final pass with lopdf for what
//! printpdf cannot say (language, outline mode, a reproducible /ID,
//! honest metadata). The only user of printpdf and lopdf.

mod content;
mod deflate;
mod finish;
mod fonts;
mod images;
mod outline;
mod page;
mod serialize;
mod tags;

use std::collections::BTreeMap;

use printpdf::{ImageCompression, ImageOptimizationOptions, PdfDocument, PdfSaveOptions};

use crate::diag::Diagnostic;
use crate::images::{ImageId, Prepared};
use crate::layout::sheets::Sheet;
use crate::layout::{Node, Page};
use crate::model::{Meta, plain_text};
use crate::text::FontBook;

/// The PDF bytes of `pages`.
pub fn write(
    pages: &[Page],
    meta: &Meta,
    book: &FontBook,
    pictures: &BTreeMap<ImageId, Prepared>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut doc = document(meta);
    let surfaces: Vec<&[Node]> = pages.iter().map(|p| p.nodes.as_slice()).collect();
    let subsets = fonts::embed(&mut doc, &surfaces, book)?;
    crate::timing::mark("pdf: fonts subset");
    let xobjects = images::embed(&mut doc, pictures);
    let resources = page::Resources { subsets: &subsets, pictures: &xobjects };
    // A link to page N goes to the first PDF page numbered N: with
    // `--steps` a slide's steps share its number.
    let mut first_of = std::collections::HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        first_of.entry(page.number).or_insert(index + 1);
    }
    let page_of = |n: usize| first_of.get(&n).copied().unwrap_or(n);
    let mut contents = Vec::with_capacity(pages.len());
    let mut page_tags = Vec::with_capacity(pages.len());
    for p in pages {
        let (pdf_page, content, tags) = page::page(p, &resources, &page_of);
        doc.pages.push(pdf_page);
        contents.push(content);
        page_tags.push(tags);
    }
    crate::timing::mark("pdf: pages drawn");
    let mut lopdf = serialise(doc, &surfaces, &subsets, contents)?;
    crate::timing::mark("pdf: printpdf's objects");
    let entries = outline::tree(pages);
    let numbers: Vec<usize> = pages.iter().map(|p| p.number).collect();
    outline::write(&mut lopdf, &entries, &numbers);
    tags::write(&mut lopdf, &page_tags);
    drop(page_tags);
    crate::timing::mark("pdf: outline and tags");
    finish::finish(lopdf, meta, !entries.is_empty())
}

/// The PDF bytes of printed sheets (notes pages, handouts): each slide
/// drawn from its own page, scaled, as vectors, its links kept.
pub fn write_sheets(
    pages: &[Page],
    sheets: &[Sheet],
    meta: &Meta,
    book: &FontBook,
    pictures: &BTreeMap<ImageId, Prepared>,
) -> Result<Vec<u8>, Diagnostic> {
    let mut doc = document(meta);
    let mut surfaces: Vec<&[Node]> = pages.iter().map(|p| p.nodes.as_slice()).collect();
    surfaces.extend(sheets.iter().map(|s| s.nodes.as_slice()));
    let subsets = fonts::embed(&mut doc, &surfaces, book)?;
    let xobjects = images::embed(&mut doc, pictures);
    let resources = page::Resources { subsets: &subsets, pictures: &xobjects };
    // A link to slide page N goes to the first sheet showing it.
    let sheet_of = |n: usize| sheets.iter().position(|s| s.slides.iter().any(|p| p.page + 1 == n)).map_or(1, |i| i + 1);
    let sheet_pages = sheets
        .iter()
        .map(|sheet| {
            let (w, h) = sheet.size;
            let mut out = content::Content::default();
            let mut links = Vec::new();
            // Sheets are for paper: their content is marked, not tagged.
            let mut tags = tags::Tags::default();
            for placed in &sheet.slides {
                if let Some(slide) = pages.get(placed.page) {
                    let at = page::Placement { scale: placed.scale, x: placed.x, y: placed.y };
                    links.extend(page::slide(&mut out, slide, &resources, Some(at), h, &mut tags));
                }
            }
            links.extend(page::nodes(&mut out, &sheet.nodes, h, &resources, &mut tags));
            let mut ops = Vec::new();
            page::link_annotations(&mut ops, links, &sheet_of);
            (page::pdf_page(w, h, ops), out.into_bytes())
        })
        .unzip::<_, _, Vec<_>, Vec<_>>();
    doc.pages = sheet_pages.0;
    let lopdf = serialise(doc, &surfaces, &subsets, sheet_pages.1)?;
    finish::finish(lopdf, meta, false)
}

/// printpdf's document as lopdf's, each page's content stream then set to
/// the bytes drawn for it. printpdf writes the fonts (subset, /ToUnicode
/// from the glyph texts it sees shown, so the first page briefly shows
/// every glyph once: see [`fonts::census`]), the pictures, the page tree
/// and the link annotations.
fn serialise(
    mut doc: PdfDocument,
    surfaces: &[&[Node]],
    subsets: &BTreeMap<crate::text::FontId, fonts::Subset>,
    contents: Vec<Vec<u8>>,
) -> Result<lopdf::Document, Diagnostic> {
    if let Some(first) = doc.pages.first_mut() {
        first.ops.extend(fonts::census(surfaces, subsets));
    }
    let mut lopdf = doc.to_lopdf_document(&save_options(), &mut Vec::new());
    drop(doc);
    fonts::write_widths(&mut lopdf, subsets);
    let ids: Vec<lopdf::ObjectId> = lopdf.get_pages().into_values().collect();
    if ids.len() != contents.len() {
        return Err(Diagnostic::error(format!(
            "cannot write the PDF: {} pages drawn, {} written",
            contents.len(),
            ids.len()
        )));
    }
    for (id, bytes) in ids.into_iter().zip(contents) {
        let stream = lopdf
            .get_dictionary(id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .and_then(|contents| lopdf.get_object_mut(contents))
            .and_then(lopdf::Object::as_stream_mut)
            .map_err(|e| Diagnostic::error(format!("cannot write the PDF: {e}")))?;
        stream.set_content(bytes);
    }
    Ok(lopdf)
}

fn document(meta: &Meta) -> PdfDocument {
    let title = plain_text(&meta.title);
    let mut doc = PdfDocument::new(&title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone().unwrap_or_default();
    info.subject = meta.subject.clone().or_else(|| meta.subtitle.as_deref().map(plain_text)).unwrap_or_default();
    info.keywords = meta.keywords.clone();
    info.creator = format!("deck {}", env!("CARGO_PKG_VERSION"));
    info.producer = info.creator.clone();
    doc
}

/// Pixels are already at the size layout chose: compress them losslessly
/// and change nothing else (printpdf's default re-encodes them as JPEG).
fn save_options() -> PdfSaveOptions {
    let lossless = ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: None,
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(ImageCompression::Flate),
    };
    PdfSaveOptions { image_optimization: Some(lossless), ..PdfSaveOptions::default() }
}
