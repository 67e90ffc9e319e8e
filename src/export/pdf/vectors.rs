//! SVG pictures as form XObjects, drawn by svg2pdf from usvg's tree:
//! paths, strokes and dashes, gradients, opacity, clip paths, masks,
//! patterns and embedded pictures, all as vectors. svg2pdf writes with
//! an older pdf-writer than deck; its objects are renumbered into this
//! file's numbers and copied as they were written. Like a picture, the
//! form fills the unit square, so it is placed the same way.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use pdf_writer::Ref;
use pdf_writer_svg as svg_writer;

use super::file::Objects;
use crate::diag::Diagnostic;
use crate::images::{Encoded, ImageId, Prepared, Svg};

/// One SVG picture drawn, in svg2pdf's own numbering.
pub struct Drawing {
    chunk: svg_writer::Chunk,
    form: svg_writer::Ref,
}

/// Every SVG picture of `pictures`, drawn.
pub fn draw_all(pictures: &BTreeMap<ImageId, Arc<Prepared>>) -> Result<BTreeMap<ImageId, Drawing>, Diagnostic> {
    let mut drawings = BTreeMap::new();
    for (id, picture) in pictures {
        if let Encoded::Svg(svg) = &picture.encoded {
            drawings.insert(*id, draw(svg)?);
        }
    }
    Ok(drawings)
}

fn draw(svg: &Svg) -> Result<Drawing, Diagnostic> {
    let options = svg2pdf::ConversionOptions {
        compress: true,
        // Text arrives as outlines: usvg set it in deck's faces.
        embed_text: false,
        ..svg2pdf::ConversionOptions::default()
    };
    let (chunk, form) = svg2pdf::to_chunk(svg.pdf_tree(), options)
        .map_err(|e| Diagnostic::error(format!("SVG picture `{}`: cannot draw it: {e}", svg.name())))?;
    Ok(Drawing { chunk, form })
}

/// Copy `drawing` into `objects`, numbered anew; returns its form's number.
pub fn write(objects: &mut Objects, drawing: &Drawing) -> Ref {
    let mut numbers: HashMap<svg_writer::Ref, svg_writer::Ref> = HashMap::new();
    let renumbered = drawing
        .chunk
        .renumber(|old| *numbers.entry(old).or_insert_with(|| svg_writer::Ref::new(objects.alloc().get())));
    let bytes = renumbered.as_bytes();
    let ids: Vec<i32> = renumbered.refs().map(|r| r.get()).collect();
    // pdf-writer writes each object as `N 0 obj\n…\nendobj\n\n`, one after
    // another in the order `refs` gives: an object ends where the next
    // one's header follows that end.
    let mut start = 0;
    for (k, &id) in ids.iter().enumerate() {
        let end = match ids.get(k + 1) {
            Some(next) => {
                let boundary = format!("\nendobj\n\n{next} 0 obj\n");
                let at = find(&bytes[start..], boundary.as_bytes())
                    .unwrap_or_else(|| unreachable!("svg2pdf's objects follow one another"));
                start + at + "\nendobj\n\n".len()
            }
            None => bytes.len(),
        };
        objects.raw(Ref::new(id), bytes[start..end].to_vec());
        start = end;
    }
    Ref::new(numbers[&drawing.form].get())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
