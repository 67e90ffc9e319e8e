//! Pictures as image XObjects: JPEGs passed through unchanged (/DCTDecode),
//! everything else as Flate-compressed pixels with an alpha mask.

use std::collections::BTreeMap;

use printpdf::{
    DictItem, ExternalStream, ExternalXObject, PdfDocument, Px, RawImage, RawImageData, RawImageFormat, XObject,
    XObjectId,
};

use super::content::Content;

use crate::images::{ImageId, Prepared};
use crate::layout::ImageBox;

/// Register every prepared picture; returns each one's resource id.
pub fn embed(doc: &mut PdfDocument, prepared: &BTreeMap<ImageId, Prepared>) -> BTreeMap<ImageId, XObjectId> {
    let mut ids = BTreeMap::new();
    for (id, picture) in prepared {
        let resource = XObjectId(format!("Im{}", id.0 + 1));
        let (w, h) = (picture.pixels.width(), picture.pixels.height());
        let object = match &picture.jpeg {
            Some((bytes, components)) => XObject::External(jpeg(bytes, *components, w, h)),
            None => XObject::Image(raw(picture)),
        };
        doc.resources.xobjects.map.insert(resource.clone(), object);
        ids.insert(*id, resource);
    }
    ids
}

fn jpeg(bytes: &[u8], components: u8, w: u32, h: u32) -> ExternalXObject {
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let space = if components == 1 { "DeviceGray" } else { "DeviceRGB" };
    let dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(w as i64)),
        ("Height".to_string(), DictItem::Int(h as i64)),
        ("ColorSpace".to_string(), name(space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
        ("Filter".to_string(), name("DCTDecode")),
    ]);
    ExternalXObject {
        stream: ExternalStream { dict, content: bytes.to_vec(), compress: false },
        width: Some(Px(w as usize)),
        height: Some(Px(h as usize)),
        dpi: Some(72.0),
    }
}

fn raw(picture: &Prepared) -> RawImage {
    let alpha = picture.pixels.color().has_alpha();
    let (pixels, data_format) = if alpha {
        (picture.pixels.to_rgba8().into_raw(), RawImageFormat::RGBA8)
    } else {
        (picture.pixels.to_rgb8().into_raw(), RawImageFormat::RGB8)
    };
    RawImage {
        pixels: RawImageData::U8(pixels),
        width: picture.pixels.width() as usize,
        height: picture.pixels.height() as usize,
        data_format,
        tag: Vec::new(),
    }
}

/// Draw one placed picture, clipped to its visible part when cropped. An
/// image XObject fills the unit square: the matrix scales it to its box.
pub fn draw(out: &mut Content, height: f32, image: &ImageBox, resource: &XObjectId) {
    out.save();
    if let Some(clip) = image.clip {
        out.rect(clip.x, height - clip.y - clip.h, clip.w, clip.h);
        out.clip();
    }
    out.transform([image.w, 0.0, 0.0, image.h, image.x, height - image.y - image.h]);
    out.x_object(&resource.0);
    out.restore();
}
