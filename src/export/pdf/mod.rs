//! PDF: pages from layout written through printpdf (our shaped glyphs with
//! ToUnicode text, subset fonts), then a final pass with lopdf for what
//! printpdf cannot say (language, outline mode, a reproducible /ID,
//! honest metadata). The only user of printpdf and lopdf.

mod finish;
mod fonts;
mod images;
mod outline;
mod page;
mod tags;

use std::collections::BTreeMap;

use printpdf::{ImageCompression, ImageOptimizationOptions, PdfDocument, PdfPage, PdfSaveOptions, Pt, Rect};

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
    let xobjects = images::embed(&mut doc, pictures);
    let resources = page::Resources { subsets: &subsets, pictures: &xobjects };
    // A link to page N goes to the first PDF page numbered N: with
    // `--steps` a slide's steps share its number.
    let mut first_of = std::collections::HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        first_of.entry(page.number).or_insert(index + 1);
    }
    let page_of = |n: usize| first_of.get(&n).copied().unwrap_or(n);
    let (pdf_pages, page_tags): (Vec<_>, Vec<_>) = pages.iter().map(|p| page::page(p, &resources, &page_of)).unzip();
    doc.pages = pdf_pages;
    let mut lopdf = doc.to_lopdf_document(&save_options(), &mut Vec::new());
    fonts::write_widths(&mut lopdf, &subsets);
    // Every page's operations, now translated: a long deck's largest
    // structure, not needed while the file is written.
    drop(doc);
    let entries = outline::tree(pages);
    let numbers: Vec<usize> = pages.iter().map(|p| p.number).collect();
    outline::write(&mut lopdf, &entries, &numbers);
    tags::write(&mut lopdf, &page_tags);
    drop(page_tags);
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
    doc.pages = sheets
        .iter()
        .map(|sheet| {
            let (w, h) = sheet.size;
            let mut ops = Vec::new();
            let mut links = Vec::new();
            // Sheets are for paper: their content is marked, not tagged.
            let mut tags = tags::Tags::default();
            for placed in &sheet.slides {
                if let Some(slide) = pages.get(placed.page) {
                    let at = page::Placement { scale: placed.scale, x: placed.x, y: placed.y };
                    links.extend(page::slide(&mut ops, slide, &resources, Some(at), h, &mut tags));
                }
            }
            links.extend(page::nodes(&mut ops, &sheet.nodes, h, &resources, &mut tags));
            page::link_annotations(&mut ops, links, &sheet_of);
            let media = Rect::from_wh(Pt(w), Pt(h));
            PdfPage { media_box: media.clone(), trim_box: media.clone(), crop_box: media, ops }
        })
        .collect();
    let mut lopdf = doc.to_lopdf_document(&save_options(), &mut Vec::new());
    fonts::write_widths(&mut lopdf, &subsets);
    drop(doc);
    finish::finish(lopdf, meta, false)
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
