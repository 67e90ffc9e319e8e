//! Colour emoji: glyphs a face has only as PNG bitmaps (CBDT, as in Noto
//! Color Emoji). Each is drawn on the page as its picture, and shown as
//! text too in a Type 3 font whose glyphs draw nothing: the emoji keep
//! their colours and stay text (read back through the font's /ToUnicode).
//! Pictures inside Type 3 glyphs would be simpler, but cairo before 1.18
//! (Evince, pdftocairo) paints them as silhouettes in the text colour.

use pdf_writer::{Content, Filter, Name, Rect, Ref};
use read_fonts::tables::bitmap::{BitmapContent, BitmapDataFormat, BitmapMetrics};
use read_fonts::types::GlyphId;
use read_fonts::{FontRef, TableProvider};

use super::deflate::Deflated;
use super::file::Objects;
use crate::text::Face;

/// One glyph's picture, placed in the glyph's own space (thousandths of an
/// em, the baseline at 0).
pub struct Bitmap {
    /// RGB pixels, 8 bits each.
    pub rgb: Vec<u8>,
    /// Opacity, 8 bits a pixel.
    pub alpha: Vec<u8>,
    /// Width and height in pixels.
    pub pixels: (u32, u32),
    /// Left, bottom, width and height in thousandths of an em.
    pub place: [f32; 4],
}

/// The picture of each of `glyphs` from the face's largest strike (`None`
/// for a glyph it has no PNG for, drawn empty).
pub fn pictures(face: &Face, glyphs: &[u16]) -> Result<Vec<Option<Bitmap>>, String> {
    let font = FontRef::from_index(face.data(), face.index()).map_err(|e| e.to_string())?;
    let (cblc, cbdt) = (font.cblc().map_err(|e| e.to_string())?, font.cbdt().map_err(|e| e.to_string())?);
    let strike = cblc.bitmap_sizes().iter().max_by_key(|s| s.ppem_y()).ok_or("no bitmap sizes")?;
    let per_pixel = 1000.0 / f32::from(strike.ppem_y().max(1));
    Ok(glyphs
        .iter()
        .map(|&glyph| {
            let location = strike.location(cblc.offset_data(), GlyphId::new(u32::from(glyph))).ok()?;
            let data = cbdt.data(&location).ok()?;
            let BitmapContent::Data(BitmapDataFormat::Png, png) = data.content else { return None };
            let (bearing_x, bearing_y) = match data.metrics {
                BitmapMetrics::Small(m) => (m.bearing_x(), m.bearing_y()),
                BitmapMetrics::Big(m) => (m.hori_bearing_x(), m.hori_bearing_y()),
            };
            let rgba = image::load_from_memory_with_format(png, image::ImageFormat::Png).ok()?.into_rgba8();
            let (w, h) = rgba.dimensions();
            let mut rgb = Vec::with_capacity((w * h * 3) as usize);
            let mut alpha = Vec::with_capacity((w * h) as usize);
            for pixel in rgba.pixels() {
                rgb.extend_from_slice(&pixel.0[..3]);
                alpha.push(pixel.0[3]);
            }
            let top = f32::from(bearing_y) * per_pixel;
            let (width, height) = (w as f32 * per_pixel, h as f32 * per_pixel);
            Some(Bitmap {
                rgb,
                alpha,
                pixels: (w, h),
                place: [f32::from(bearing_x) * per_pixel, top - height, width, height],
            })
        })
        .collect())
}

/// The page resource name of the picture of `code` in the font named
/// `resource`.
pub fn picture_name(resource: &str, code: u16) -> String {
    format!("E{resource}c{code}")
}

/// Write the Type 3 font (one empty glyph procedure per code, `widths` in
/// thousandths of an em, the /ToUnicode `cmap`) and each glyph's picture
/// (`images[code]`: its pixels and opacity, compressed). Returns the
/// font's reference and the pictures' resource names and references.
pub fn write(
    objects: &mut Objects,
    name: &str,
    resource: &str,
    bitmaps: &[Option<Bitmap>],
    images: &[Option<(&Deflated, &Deflated)>],
    widths: &[f32],
    cmap: &Deflated,
) -> (Ref, Vec<(String, Ref)>) {
    let font = objects.alloc();
    let cmap_id = objects.alloc();
    objects.stream(cmap_id, cmap);
    let mut procs = Vec::new();
    let mut xobjects = Vec::new();
    for (code, (bitmap, image)) in bitmaps.iter().zip(images).enumerate() {
        let width = widths.get(code).copied().unwrap_or(0.0);
        let mut content = Content::new();
        content.start_color_glyph(width);
        if let (Some(bitmap), Some((rgb, alpha))) = (bitmap, image) {
            xobjects.push((picture_name(resource, code as u16), picture(objects, bitmap, rgb, alpha)));
        }
        let id = objects.alloc();
        let bytes = Deflated { bytes: content.finish().into_vec(), compressed: false };
        objects.stream(id, &bytes);
        procs.push((format!("g{code}"), id));
    }
    // Text extraction (poppler) guesses a Type 3 font's size from the
    // width of its glyph named "m", taken as 0.6 em: one, never shown,
    // keeps the emoji on their line in the extracted text.
    let m = objects.alloc();
    let mut content = Content::new();
    content.start_color_glyph(600.0);
    objects.stream(m, &Deflated { bytes: content.finish().into_vec(), compressed: false });
    procs.push(("m".to_string(), m));
    let widths: Vec<f32> = widths.iter().copied().take(procs.len() - 1).chain([600.0]).collect();
    // The box every picture fits in (readers take the line's height from it).
    let places = bitmaps.iter().flatten().map(|b| b.place);
    let bbox = places
        .fold([0.0f32, 0.0, 0.0, 0.0], |[l, b, r, t], [x, y, w, h]| [l.min(x), b.min(y), r.max(x + w), t.max(y + h)]);
    let mut type3 = objects.small(font).type3_font(font);
    type3.name(Name(name.as_bytes()));
    type3.bbox(Rect::new(bbox[0], bbox[1], bbox[2], bbox[3])).matrix([0.001, 0.0, 0.0, 0.001, 0.0, 0.0]);
    {
        let mut char_procs = type3.char_procs();
        for (name, id) in &procs {
            char_procs.pair(Name(name.as_bytes()), *id);
        }
    }
    type3.encoding_custom().differences().consecutive(0, procs.iter().map(|(name, _)| Name(name.as_bytes())));
    type3.first_char(0).last_char(procs.len().saturating_sub(1) as u8).widths(widths);
    type3.to_unicode(cmap_id);
    drop(type3);
    (font, xobjects)
}

/// One glyph's picture as an image XObject with its opacity as a soft mask.
fn picture(objects: &mut Objects, bitmap: &Bitmap, rgb: &Deflated, alpha: &Deflated) -> Ref {
    let (w, h) = (bitmap.pixels.0 as i32, bitmap.pixels.1 as i32);
    let mask = objects.alloc();
    let mut image = objects.direct(mask).image_xobject(mask, &alpha.bytes);
    if alpha.compressed {
        image.filter(Filter::FlateDecode);
    }
    image.width(w).height(h).color_space_name(Name(b"DeviceGray")).bits_per_component(8);
    drop(image);
    let id = objects.alloc();
    let mut image = objects.direct(id).image_xobject(id, &rgb.bytes);
    if rgb.compressed {
        image.filter(Filter::FlateDecode);
    }
    image.width(w).height(h).color_space_name(Name(b"DeviceRGB")).bits_per_component(8).s_mask(mask);
    id
}
