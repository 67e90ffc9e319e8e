//! Pictures as image XObjects: JPEGs passed through unchanged (/DCTDecode),
//! everything else as Flate-compressed pixels, with an alpha channel as a
//! soft mask.

use pdf_writer::{Filter, Name, Ref};

use super::deflate::Deflated;
use super::file::Objects;
use crate::images::Prepared;

/// A picture's samples before compression: the JPEG file as it is, or
/// colour and alpha planes.
pub enum Samples {
    /// A JPEG file and its colour components (1 or 3).
    Jpeg(Vec<u8>, u8),
    /// 8-bit RGB pixels, and the alpha plane when the picture has one.
    Pixels(Vec<u8>, Option<Vec<u8>>),
}

/// The samples of a prepared picture.
pub fn samples(picture: &Prepared) -> Samples {
    if let Some((bytes, components)) = &picture.jpeg {
        return Samples::Jpeg(bytes.clone(), *components);
    }
    if !picture.pixels.color().has_alpha() {
        return Samples::Pixels(picture.pixels.to_rgb8().into_raw(), None);
    }
    let rgba = picture.pixels.to_rgba8();
    let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
    let mut alpha = Vec::with_capacity(rgba.len() / 4);
    for pixel in rgba.pixels() {
        rgb.extend_from_slice(&pixel.0[..3]);
        alpha.push(pixel.0[3]);
    }
    // An alpha channel that hides nothing needs no mask.
    let mask = alpha.iter().any(|&a| a != 255).then_some(alpha);
    Samples::Pixels(rgb, mask)
}

/// Write one picture: `color` is its JPEG file or its compressed RGB
/// pixels, `alpha` its compressed mask. Returns the image's reference.
pub fn write(
    objects: &mut Objects,
    picture: &Prepared,
    components: Option<u8>,
    color: &Deflated,
    alpha: Option<&Deflated>,
) -> Ref {
    let (w, h) = (picture.pixels.width() as i32, picture.pixels.height() as i32);
    let id = objects.alloc();
    let mask = alpha.map(|alpha| {
        let mask = objects.alloc();
        let mut image = objects.direct(mask).image_xobject(mask, &alpha.bytes);
        if alpha.compressed {
            image.filter(Filter::FlateDecode);
        }
        image.width(w).height(h).color_space_name(Name(b"DeviceGray")).bits_per_component(8);
        mask
    });
    let mut image = objects.direct(id).image_xobject(id, &color.bytes);
    match components {
        Some(components) => {
            image.filter(Filter::DctDecode);
            image.color_space_name(Name(if components == 1 { b"DeviceGray" } else { b"DeviceRGB" }));
        }
        None => {
            if color.compressed {
                image.filter(Filter::FlateDecode);
            }
            image.color_space_name(Name(b"DeviceRGB"));
        }
    }
    image.width(w).height(h).bits_per_component(8);
    if let Some(mask) = mask {
        image.s_mask(mask);
    }
    id
}
