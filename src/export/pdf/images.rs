//! Pictures as image XObjects: JPEGs as /DCTDecode streams (the file
//! itself, or the picture encoded again at its placed size), everything
//! else as Flate-compressed pixels with an alpha channel as a soft mask.

use pdf_writer::{Filter, Name, Ref};

use super::deflate::Deflated;
use super::file::Objects;
use crate::images::{Encoded, Prepared};

/// Write one picture: its JPEG file, or its RGB pixels as `pixels`
/// compressed with the rest, and its mask as `alpha`. Returns the image's
/// reference.
pub fn write(objects: &mut Objects, picture: &Prepared, pixels: Option<&Deflated>, alpha: Option<&Deflated>) -> Ref {
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
    let (data, compressed) = match (pixels, &picture.encoded) {
        (Some(pixels), _) => (pixels.bytes.as_slice(), pixels.compressed),
        (None, Encoded::Jpeg { bytes, .. }) => (bytes.as_slice(), false),
        (None, Encoded::Lossless { rgb, .. }) => (rgb.as_slice(), false),
        (None, Encoded::Svg(_)) => unreachable!("SVG pictures are drawn as vectors"),
    };
    let mut image = objects.direct(id).image_xobject(id, data);
    match &picture.encoded {
        Encoded::Jpeg { components, .. } => {
            image.filter(Filter::DctDecode);
            image.color_space_name(Name(if *components == 1 { b"DeviceGray" } else { b"DeviceRGB" }));
        }
        Encoded::Svg(_) => unreachable!("SVG pictures are drawn as vectors"),
        Encoded::Lossless { .. } => {
            if compressed {
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
