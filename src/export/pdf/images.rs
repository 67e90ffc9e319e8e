//! Pictures as image XObjects: JPEGs as /DCTDecode streams (the file
//! itself, or the picture encoded again at its placed size), everything
//! else as Flate-compressed pixels with an alpha channel as a soft mask.

use pdf_writer::{Filter, Name, Ref};

use super::deflate::Deflated;
use super::file::Objects;
use crate::images::{Encoded, Prepared};

/// Write one picture: `color` is its JPEG file or its compressed RGB
/// pixels, `alpha` its compressed mask. Returns the image's reference.
pub fn write(objects: &mut Objects, picture: &Prepared, color: &Deflated, alpha: Option<&Deflated>) -> Ref {
    let (w, h) = (picture.size.0 as i32, picture.size.1 as i32);
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
    match &picture.encoded {
        Encoded::Jpeg { components, .. } => {
            image.filter(Filter::DctDecode);
            image.color_space_name(Name(if *components == 1 { b"DeviceGray" } else { b"DeviceRGB" }));
        }
        Encoded::Lossless { .. } => {
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
