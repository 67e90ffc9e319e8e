//! SVG pictures as form XObjects, drawn by svg2pdf from usvg's tree:
//! paths, strokes and dashes, gradients, opacity, clip paths, masks,
//! patterns and embedded pictures, all as vectors. svg2pdf writes with
//! an older pdf-writer than deck; its objects are renumbered into this
//! file's numbers and copied as they were written. Like a picture, the
//! form fills the unit square, so it is placed the same way. svg2pdf
//! lists a form's resources in hash-map order, which changes from run to
//! run: they are put in name order, so that a deck builds to the same
//! bytes every time.

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
        objects.raw(Ref::new(id), in_key_order(&bytes[start..end]));
        start = end;
    }
    Ref::new(numbers[&drawing.form].get())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `object` with each run of references in its dictionaries (pdf-writer
/// writes `/Name N 0 R` a line each, indented by depth) sorted by name.
/// Only the dictionary is touched, never a stream's bytes.
fn in_key_order(object: &[u8]) -> Vec<u8> {
    let head_end = find(object, b"\nstream\n").unwrap_or(object.len());
    let (head, stream) = object.split_at(head_end);
    let mut out = Vec::with_capacity(object.len());
    let mut run: Vec<&[u8]> = Vec::new();
    let mut run_indent = 0;
    for line in head.split_inclusive(|&b| b == b'\n') {
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let entry = is_reference_entry(&line[indent..]);
        if !entry || indent != run_indent {
            flush_sorted(&mut run, &mut out);
        }
        if entry {
            run_indent = indent;
            run.push(line);
        } else {
            out.extend_from_slice(line);
        }
    }
    flush_sorted(&mut run, &mut out);
    out.extend_from_slice(stream);
    out
}

fn flush_sorted(run: &mut Vec<&[u8]>, out: &mut Vec<u8>) {
    // The last line of a dictionary may lack its newline: sort without it.
    let last_has_newline = run.last().is_some_and(|l| l.ends_with(b"\n"));
    let mut lines: Vec<&[u8]> = run.drain(..).map(|l| l.strip_suffix(b"\n").unwrap_or(l)).collect();
    lines.sort_by_key(|l| l.trim_ascii_start());
    let count = lines.len();
    for (k, line) in lines.into_iter().enumerate() {
        out.extend_from_slice(line);
        if k + 1 < count || last_has_newline {
            out.push(b'\n');
        }
    }
}

/// `/Name N 0 R`, with or without its newline.
fn is_reference_entry(line: &[u8]) -> bool {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let Some(rest) = line.strip_prefix(b"/") else { return false };
    let mut parts = rest.split(|&b| b == b' ');
    let name = parts.next().unwrap_or_default();
    let number = parts.next().unwrap_or_default();
    !name.is_empty()
        && !number.is_empty()
        && number.iter().all(u8::is_ascii_digit)
        && parts.next() == Some(b"0")
        && parts.next() == Some(b"R")
        && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_a_dictionary_are_put_in_name_order_and_the_stream_is_left_alone() {
        let object = b"7 0 obj\n<<\n  /Resources <<\n    /ExtGState <<\n      /gs1 9 0 R\n      /gs0 8 0 R\n    >>\n    \
/Pattern <<\n      /po1 4 0 R\n      /po0 5 0 R\n    >>\n  >>\n  /Length 12\n>>\nstream\n/b 1 0 R\n/a 2 0 R\nendstream\nendobj\n\n";
        let sorted = String::from_utf8(in_key_order(object)).unwrap();
        assert_eq!(
            sorted,
            "7 0 obj\n<<\n  /Resources <<\n    /ExtGState <<\n      /gs0 8 0 R\n      /gs1 9 0 R\n    >>\n    \
/Pattern <<\n      /po0 5 0 R\n      /po1 4 0 R\n    >>\n  >>\n  /Length 12\n>>\nstream\n/b 1 0 R\n/a 2 0 R\nendstream\nendobj\n\n"
        );
    }
}
