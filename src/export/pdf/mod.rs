//! PDF: pages drawn as content streams of our shaped glyphs, the fonts
//! subset with their /ToUnicode maps, pictures, links, the outline, page
//! labels and the structure tree, all written with pdf-writer; the small
//! objects packed into object streams (file.rs). The only user of
//! pdf-writer.

mod bitmaps;
mod deflate;
mod file;
mod fonts;
mod glyphs;
mod images;
mod info;
mod outline;
mod page;
mod paint;
mod tags;
mod vectors;

use std::collections::BTreeMap;
use std::sync::Arc;

use pdf_writer::types::{ActionType, AnnotationType, PageMode, TabOrder};
use pdf_writer::{Name, Rect, Ref, Str, TextStr};

use crate::diag::Diagnostic;
use crate::images::{Encoded, ImageId, Part, Prepared};
use crate::layout::sheets::Sheet;
use crate::layout::{Node, Page};
use crate::model::Meta;
use crate::text::FontBook;
use deflate::deflate_all;
use file::Objects;
use page::{Drawn, Goes, Link};

/// The PDF of `pages`: the document's slides, or its steps.
pub fn write(pages: &[Page], document: &super::Document) -> Result<Vec<u8>, Diagnostic> {
    let super::Document { meta, book, pictures, .. } = *document;
    let artwork: Vec<Node> = pages.iter().flat_map(Page::artwork_with_text).collect();
    let mut surfaces: Vec<&[Node]> = pages.iter().map(|p| p.nodes.as_slice()).collect();
    surfaces.push(&artwork);
    let subsets = fonts::subset_all(&surfaces, book)?;
    crate::timing::mark("pdf: fonts subset");
    let names = resource_names(pictures);
    let resources = page::Resources { subsets: &subsets, pictures: &names };
    let drawn: Vec<Drawn> = pages.iter().map(|p| page::page(p, &resources)).collect();
    let drawings = vectors::draw_all(pictures)?;
    crate::timing::mark("pdf: pages drawn");
    // A link to page N goes to the first PDF page numbered N: with
    // `--steps` a slide's steps share its number.
    let mut first_of = std::collections::HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        first_of.entry(page.number).or_insert(index);
    }
    let outline = outline::tree(pages);
    let numbers: Vec<usize> = pages.iter().map(|p| p.number).collect();
    let document = Document {
        meta,
        book,
        pictures,
        drawings: &drawings,
        surfaces: &surfaces,
        drawn,
        page_of: &|n| first_of.get(&n).copied().unwrap_or(n.saturating_sub(1)),
        outline: &outline,
        labels: Some(&numbers),
    };
    Ok(document.finish(subsets))
}

/// The PDF bytes of printed sheets (notes pages, handouts): each slide
/// drawn from its own page, scaled, as vectors, its links kept.
pub fn write_sheets(sheets: &[Sheet], document: &super::Document) -> Result<Vec<u8>, Diagnostic> {
    let super::Document { pages, meta, book, pictures, .. } = *document;
    let artwork: Vec<Node> = pages.iter().flat_map(Page::artwork_with_text).collect();
    let mut surfaces: Vec<&[Node]> = pages.iter().map(|p| p.nodes.as_slice()).collect();
    surfaces.push(&artwork);
    surfaces.extend(sheets.iter().map(|s| s.nodes.as_slice()));
    let subsets = fonts::subset_all(&surfaces, book)?;
    let drawings = vectors::draw_all(pictures)?;
    let names = resource_names(pictures);
    let resources = page::Resources { subsets: &subsets, pictures: &names };
    let drawn = sheets
        .iter()
        .map(|sheet| {
            let (_, h) = sheet.size;
            let mut out = page::content();
            let mut links = Vec::new();
            // Sheets are for paper: their content is marked, not tagged.
            let mut tags = tags::Tags::default();
            for placed in &sheet.slides {
                if let Some(slide) = pages.get(placed.page) {
                    let at = page::Placement { scale: placed.scale, x: placed.x, y: placed.y };
                    links.extend(page::slide(&mut out, slide, &resources, Some(at), h, &mut tags));
                }
            }
            links.extend(page::nodes(&mut out, &[], &sheet.nodes, h, &resources, &mut tags));
            Drawn { size: sheet.size, content: out.finish().into_vec(), links, tags: None }
        })
        .collect();
    // A link to slide page N goes to the first sheet showing it.
    let sheet_of = |n: usize| sheets.iter().position(|s| s.slides.iter().any(|p| p.page + 1 == n)).unwrap_or(0);
    let document = Document {
        meta,
        book,
        pictures,
        drawings: &drawings,
        surfaces: &surfaces,
        drawn,
        page_of: &sheet_of,
        outline: &[],
        labels: None,
    };
    Ok(document.finish(subsets))
}

/// Each picture's resource name, and the part of it its pixels show.
fn resource_names(pictures: &BTreeMap<ImageId, Arc<Prepared>>) -> BTreeMap<ImageId, (String, Part)> {
    pictures.iter().map(|(id, p)| (*id, (picture_name(*id), p.part))).collect()
}

/// A picture's resource name on every page.
fn picture_name(id: ImageId) -> String {
    format!("Im{}", id.0 + 1)
}

/// Everything one PDF file holds, its pages drawn.
struct Document<'a> {
    meta: &'a Meta,
    book: &'a FontBook,
    pictures: &'a BTreeMap<ImageId, Arc<Prepared>>,
    /// The SVG pictures, drawn as vectors.
    drawings: &'a BTreeMap<ImageId, vectors::Drawing>,
    /// What the fonts were subset for.
    surfaces: &'a [&'a [Node]],
    drawn: Vec<Drawn>,
    /// The index of the page a `#N` link goes to.
    page_of: &'a dyn Fn(usize) -> usize,
    outline: &'a [outline::Entry],
    /// The numbers printed on the pages, when they have page labels.
    labels: Option<&'a [usize]>,
}

impl Document<'_> {
    fn finish(self, mut subsets: BTreeMap<crate::text::FontId, fonts::Subset>) -> Vec<u8> {
        let mut objects = Objects::new();
        let [catalog, info, tree, resources] = [(); 4].map(|_| objects.alloc());
        let page_ids: Vec<Ref> = self.drawn.iter().map(|_| objects.alloc()).collect();

        // Every stream compressed at once, on two threads for a long deck:
        // `raw` holds them, the rest their indices in it.
        let mut raw: Vec<Vec<u8>> = Vec::new();
        let mut add = |bytes: Vec<u8>| {
            raw.push(bytes);
            raw.len() - 1
        };
        let mut pages = Vec::with_capacity(self.drawn.len());
        for drawn in self.drawn {
            pages.push((drawn.size, add(drawn.content), drawn.links, drawn.tags));
        }
        let font_streams: Vec<(usize, usize)> = {
            let maps = fonts::unicode_maps(self.surfaces, &subsets, self.book);
            subsets.values_mut().zip(maps).map(|(s, map)| (add(std::mem::take(&mut s.file)), add(map))).collect()
        };
        // A colour emoji font's pictures: pixels and opacity, by code.
        let bitmap_streams: Vec<Vec<Option<(usize, usize)>>> = subsets
            .values()
            .map(|s| {
                let pictures = s.bitmaps.iter().flatten();
                pictures.map(|b| b.as_ref().map(|b| (add(b.rgb.clone()), add(b.alpha.clone())))).collect()
            })
            .collect();
        // A JPEG goes in as it is; pixels are compressed with the rest.
        let picture_streams: Vec<Option<(usize, Option<usize>)>> = self
            .pictures
            .values()
            .map(|picture| match &picture.encoded {
                Encoded::Jpeg { .. } | Encoded::Svg(_) => None,
                Encoded::Lossless { rgb, alpha, .. } => Some((add(rgb.clone()), alpha.clone().map(&mut add))),
            })
            .collect();
        let streams = deflate_all(raw);
        crate::timing::mark("pdf: streams compressed");

        let content_refs: Vec<Ref> = pages
            .iter()
            .map(|(_, content, ..)| {
                let id = objects.alloc();
                objects.stream(id, &streams[*content]);
                id
            })
            .collect();
        let mut emoji_refs: Vec<(String, Ref)> = Vec::new();
        let font_refs: Vec<(&str, Ref)> = subsets
            .iter()
            .zip(font_streams)
            .zip(bitmap_streams)
            .map(|(((font, subset), (file, map)), pictures)| {
                let face = self.book.face(*font);
                let reference = match &subset.bitmaps {
                    Some(bitmaps) => {
                        let images: Vec<_> =
                            pictures.iter().map(|p| p.map(|(rgb, a)| (&streams[rgb], &streams[a]))).collect();
                        let resource = subset.resource.as_str();
                        let (font, drawn) = bitmaps::write(
                            &mut objects,
                            &subset.base_font,
                            resource,
                            bitmaps,
                            &images,
                            subset.widths(),
                            &streams[map],
                        );
                        emoji_refs.extend(drawn);
                        font
                    }
                    None => fonts::write(&mut objects, subset, face, &streams[file], &streams[map]),
                };
                (subset.resource.as_str(), reference)
            })
            .collect();
        let picture_refs: Vec<(String, Ref)> = self
            .pictures
            .iter()
            .zip(picture_streams)
            .map(|((id, picture), streams_of)| {
                let reference = match (self.drawings.get(id), streams_of) {
                    (Some(drawing), _) => vectors::write(&mut objects, drawing),
                    (None, Some((pixels, alpha))) => {
                        images::write(&mut objects, picture, Some(&streams[pixels]), alpha.map(|a| &streams[a]))
                    }
                    // A JPEG goes in as it is.
                    (None, None) => images::write(&mut objects, picture, None, None),
                };
                (picture_name(*id), reference)
            })
            .collect();

        // One resource dictionary for every page: the document's fonts and pictures.
        {
            let mut dict = objects.small(resources).indirect(resources).dict();
            if !font_refs.is_empty() {
                let mut fonts = dict.insert(Name(b"Font")).dict();
                for &(name, reference) in &font_refs {
                    fonts.pair(Name(name.as_bytes()), reference);
                }
            }
            if !picture_refs.is_empty() || !emoji_refs.is_empty() {
                let mut xobjects = dict.insert(Name(b"XObject")).dict();
                for (name, reference) in picture_refs.iter().chain(&emoji_refs) {
                    xobjects.pair(Name(name.as_bytes()), *reference);
                }
            }
        }

        let tagged: Vec<&tags::Tags> = pages.iter().filter_map(|page| page.3.as_ref()).collect();
        let is_tagged = !tagged.is_empty() && tagged.len() == page_ids.len();
        let struct_root = is_tagged.then(|| tags::write(&mut objects, &tagged, &page_ids));
        crate::timing::mark("pdf: structure tree");

        for (index, (&id, ((w, h), _, links, _))) in page_ids.iter().zip(pages).enumerate() {
            let annotations: Vec<Ref> =
                links.into_iter().map(|link| annotation(&mut objects, link, &page_ids, self.page_of)).collect();
            let mut page = objects.small(id).page(id);
            page.parent(tree).media_box(Rect::new(0.0, 0.0, w, h)).contents(content_refs[index]);
            page.pair(Name(b"Resources"), resources);
            if !annotations.is_empty() {
                page.annotations(annotations);
            }
            if is_tagged {
                page.struct_parents(index as i32).tab_order(TabOrder::StructureOrder);
            }
        }
        objects.small(tree).pages(tree).kids(page_ids.iter().copied()).count(page_ids.len() as i32);

        let outline_root = outline::write(&mut objects, self.outline, &page_ids);
        crate::timing::mark("pdf: outline");
        {
            let mut cat = objects.small(catalog).indirect(catalog).start::<pdf_writer::writers::Catalog>();
            cat.pages(tree);
            cat.lang(TextStr(&self.meta.lang));
            cat.page_mode(if outline_root.is_some() { PageMode::UseOutlines } else { PageMode::UseNone });
            cat.viewer_preferences().display_doc_title(true);
            if let Some(root) = outline_root {
                cat.outlines(root);
            }
            if let Some(numbers) = self.labels {
                outline::labels(&mut cat, numbers);
            }
            if let Some(root) = struct_root {
                cat.insert(Name(b"StructTreeRoot")).primitive(root);
                cat.mark_info().marked(true);
            }
        }
        info::write(&mut objects, info, self.meta);
        let bytes = objects.finish(catalog, info);
        crate::timing::mark("pdf: file written");
        bytes
    }
}

/// A link annotation over `link`'s rectangle.
fn annotation(objects: &mut Objects, link: Link, pages: &[Ref], page_of: &dyn Fn(usize) -> usize) -> Ref {
    let id = objects.alloc();
    let [left, bottom, right, top] = link.rect.map(paint::round);
    let mut annotation = objects.small(id).annotation(id);
    annotation.subtype(AnnotationType::Link).rect(Rect::new(left, bottom, right, top)).border(0.0, 0.0, 0.0, None);
    annotation.contents(TextStr(&link.text));
    let mut action = annotation.action();
    match link.target {
        Goes::Page(number) => {
            let page = pages.get(page_of(number)).or(pages.first()).copied().unwrap_or(id);
            action.action_type(ActionType::GoTo).destination().page(page).fit();
        }
        Goes::Uri(url) => {
            action.action_type(ActionType::Uri).uri(Str(url.as_bytes()));
        }
    }
    id
}
