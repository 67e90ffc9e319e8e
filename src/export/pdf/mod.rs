//! PDF: the page tree, pictures and link annotations through printpdf;
//! the pages' content streams (our shaped glyphs), the subset fonts with
//! their /ToUnicode maps, the outline and the structure tree written by
//! this module into lopdf's objects; then a final pass for what printpdf
//! cannot say (language, outline mode, a reproducible /ID, honest
//! metadata) and our own file writer. The only user of printpdf and lopdf.

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
    let subsets = fonts::subset_all(&surfaces, book)?;
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
    let mut lopdf = serialise(doc, &surfaces, subsets, book, contents)?;
    crate::timing::mark("pdf: printpdf's objects");
    let entries = outline::tree(pages);
    let numbers: Vec<usize> = pages.iter().map(|p| p.number).collect();
    outline::write(&mut lopdf, &entries, &numbers);
    crate::timing::mark("pdf: outline");
    let tree = tags::write(&mut lopdf, &page_tags);
    drop(page_tags);
    crate::timing::mark("pdf: structure tree");
    finish::finish(lopdf, &tree, meta, !entries.is_empty())
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
    let subsets = fonts::subset_all(&surfaces, book)?;
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
    let lopdf = serialise(doc, &surfaces, subsets, book, sheet_pages.1)?;
    finish::finish(lopdf, &serialize::Written::new(), meta, false)
}

/// printpdf's document as lopdf's (the page tree, pictures and link
/// annotations), with the fonts written and each page's content stream set
/// to the bytes drawn for it. Every page shares one resource dictionary:
/// the fonts and the pictures of the whole document.
fn serialise(
    doc: PdfDocument,
    surfaces: &[&[Node]],
    subsets: BTreeMap<crate::text::FontId, fonts::Subset>,
    book: &FontBook,
    contents: Vec<Vec<u8>>,
) -> Result<lopdf::Document, Diagnostic> {
    let mut lopdf = doc.to_lopdf_document(&save_options(), &mut Vec::new());
    drop(doc);
    let ids: Vec<lopdf::ObjectId> = lopdf.get_pages().into_values().collect();
    if ids.len() != contents.len() {
        return Err(Diagnostic::error(format!(
            "cannot write the PDF: {} pages drawn, {} written",
            contents.len(),
            ids.len()
        )));
    }
    let fonts = fonts::write(&mut lopdf, surfaces, subsets, book);
    let resources = shared_resources(&mut lopdf, &ids, fonts);
    for (id, bytes) in ids.into_iter().zip(contents) {
        let page = lopdf.get_dictionary_mut(id).map_err(finish::fail)?;
        page.set("Resources", lopdf::Object::Reference(resources));
        let contents = page.get(b"Contents").and_then(lopdf::Object::as_reference).map_err(finish::fail)?;
        lopdf.get_object_mut(contents).and_then(lopdf::Object::as_stream_mut).map_err(finish::fail)?.set_content(bytes);
    }
    Ok(lopdf)
}

/// One resource dictionary for `pages`: `fonts` and the pictures printpdf
/// listed for the first page (it lists every picture on every page); the
/// per-page dictionaries printpdf wrote are removed.
fn shared_resources(doc: &mut lopdf::Document, pages: &[lopdf::ObjectId], fonts: lopdf::Dictionary) -> lopdf::ObjectId {
    use lopdf::Object;
    let mut unused = Vec::new();
    let mut pictures = None;
    for &page in pages {
        let Ok(Object::Reference(old)) = doc.get_dictionary(page).and_then(|p| p.get(b"Resources")).cloned() else {
            continue;
        };
        unused.push(old);
        let Ok(dict) = doc.get_dictionary(old) else { continue };
        unused.extend(dict.iter().filter_map(|(_, v)| v.as_reference().ok()));
        if pictures.is_none() {
            pictures = match dict.get(b"XObject") {
                Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok().cloned(),
                Ok(Object::Dictionary(d)) => Some(d.clone()),
                _ => None,
            };
        }
    }
    for id in unused {
        doc.objects.remove(&id);
    }
    let mut shared = lopdf::Dictionary::new();
    if !fonts.is_empty() {
        shared.set("Font", Object::Dictionary(fonts));
    }
    if let Some(pictures) = pictures.filter(|p| !p.is_empty()) {
        shared.set("XObject", Object::Dictionary(pictures));
    }
    doc.add_object(shared)
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
