//! Each placed picture at the resolution its largest placement needs:
//! twice its size at 96 dpi, never more than the source has.

use std::collections::BTreeMap;
use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat};

use super::{ImageId, ImageStore};

/// A picture ready for both exporters.
pub struct Prepared {
    /// Pixels to embed (RGB or RGBA, 8 bits).
    pub pixels: DynamicImage,
    /// The original JPEG and its colour components, when it can be embedded unchanged.
    pub jpeg: Option<(Vec<u8>, u8)>,
    /// PNG encoding of `pixels`, for the HTML (empty when `jpeg` is used).
    pub png: Vec<u8>,
    /// The source's size when it was downsampled.
    pub downsampled_from: Option<(u32, u32)>,
}

/// Prepare every picture for its largest placed size in pt (`placed`).
pub fn prepare(store: &ImageStore, placed: &BTreeMap<ImageId, (f32, f32)>) -> BTreeMap<ImageId, Prepared> {
    placed
        .iter()
        .filter_map(|(&id, &(w_pt, h_pt))| {
            let picture = store.get(id)?;
            let (w, h) = picture.size();
            // 2 × the placed size in CSS pixels (96 per inch, 72 pt per inch).
            let want_w = (w_pt * 96.0 / 72.0 * 2.0).ceil().max(1.0) as u32;
            let want_h = (h_pt * 96.0 / 72.0 * 2.0).ceil().max(1.0) as u32;
            let shrink = w > want_w && h > want_h;
            let mut pixels = if shrink {
                let scale = (want_w as f32 / w as f32).max(want_h as f32 / h as f32);
                let (nw, nh) =
                    (((w as f32) * scale).round().max(1.0) as u32, ((h as f32) * scale).round().max(1.0) as u32);
                picture.pixels.resize_exact(nw, nh, FilterType::CatmullRom)
            } else {
                picture.pixels.clone()
            };
            pixels = if pixels.color().has_alpha() {
                DynamicImage::ImageRgba8(pixels.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(pixels.to_rgb8())
            };
            let jpeg = if shrink { None } else { picture.jpeg.clone() };
            let mut png = Vec::new();
            if jpeg.is_none() {
                // Encoding into memory cannot fail for RGB(A)8 pixels.
                let _ = pixels.write_to(&mut Cursor::new(&mut png), ImageFormat::Png);
            }
            Some((id, Prepared { pixels, jpeg, png, downsampled_from: shrink.then_some((w, h)) }))
        })
        .collect()
}
