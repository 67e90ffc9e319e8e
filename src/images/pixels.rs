//! Pixels in 8 bits a channel, and what is done to them: decoded from a
//! picture file (into a buffer kept from the picture before), scaled and
//! cropped (fast_image_resize), encoded as JPEG (jpeg-encoder) or kept
//! lossless beside a PNG; and whether they look like a photo.

use std::io::Cursor;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::png::PngEncoder;
use image::metadata::Orientation;
use image::{ColorType, DynamicImage, ExtendedColorType, ImageEncoder, ImageReader, Limits};

use super::MAX_PIXELS;
use super::prepare::Encoded;
use crate::paths::FileError;

/// Buffers a thread keeps from one picture to the next: a photo's decoded
/// pixels, its scaled pixels and the scaler's own (36, 8 and 15 MB for a
/// 12-megapixel photo on a slide). Allocated afresh for each picture, they
/// went back to the system and were faulted in and zeroed again: a tenth
/// of a photo deck's time.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) decoded: Vec<u8>,
    pub(super) scaled: Vec<u8>,
    resizer: Resizer,
}

/// 8-bit pixels, row by row.
pub(super) struct Pixels {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) channels: Channels,
    pub(super) data: Vec<u8>,
}

/// The channels of [`Pixels`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Channels {
    Grey,
    Rgb,
    Rgba,
}

impl Channels {
    fn pixel_type(self) -> PixelType {
        match self {
            Channels::Grey => PixelType::U8,
            Channels::Rgb => PixelType::U8x3,
            Channels::Rgba => PixelType::U8x4,
        }
    }

    fn count(self) -> usize {
        match self {
            Channels::Grey => 1,
            Channels::Rgb => 3,
            Channels::Rgba => 4,
        }
    }
}

/// `pixels` scaled to `scaled` pixels with a Catmull-Rom filter, of which
/// only `crop` (left, top, right, bottom) is computed, into the thread's
/// scratch buffer (fast_image_resize: on
/// 8-bit channels, SIMD where the processor has it; alpha premultiplied
/// while scaling).
pub(super) fn scale(
    pixels: &Pixels,
    scaled: (u32, u32),
    crop: [u32; 4],
    scratch: &mut Scratch,
) -> Result<Pixels, FileError> {
    let cannot = |e: &dyn std::fmt::Display| FileError::from(format!("cannot scale it: {e}"));
    let kind = pixels.channels.pixel_type();
    let source = ImageRef::new(pixels.width, pixels.height, &pixels.data, kind).map_err(|e| cannot(&e))?;
    let [left, top, right, bottom] = crop;
    let (width, height) = (right - left, bottom - top);
    let mut data = std::mem::take(&mut scratch.scaled);
    // Every byte is written by the scaler: old contents need no clearing.
    data.resize(width as usize * height as usize * pixels.channels.count(), 0);
    let mut target = Image::from_slice_u8(width, height, &mut data, kind).map_err(|e| cannot(&e))?;
    // The kept part, in the source's pixels.
    let (kx, ky) = (f64::from(pixels.width) / f64::from(scaled.0), f64::from(pixels.height) / f64::from(scaled.1));
    // Clamped: a part reaching the picture's edge could pass it by a
    // rounding error, which the scaler refuses.
    let (left, top) = (f64::from(left) * kx, f64::from(top) * ky);
    let right = (f64::from(right) * kx).min(f64::from(pixels.width));
    let bottom = (f64::from(bottom) * ky).min(f64::from(pixels.height));
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom)).crop(
        left,
        top,
        right - left,
        bottom - top,
    );
    scratch.resizer.resize(&source, &mut target, &options).map_err(|e| cannot(&e))?;
    Ok(Pixels { width, height, channels: pixels.channels, data })
}

/// A picture file's pixels in 8 bits a channel, `orientation` applied;
/// decoded into `buffer` when the file holds such pixels upright (a
/// photo), to spare an allocation.
pub(super) fn decode(bytes: &[u8], orientation: Orientation, mut buffer: Vec<u8>) -> Result<Pixels, FileError> {
    let cannot = |e: image::ImageError| FileError::from(format!("cannot decode it: {e}"));
    let reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| format!("cannot read it: {e}"))?;
    let mut decoder = reader.into_decoder().map_err(cannot)?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    image::ImageDecoder::set_limits(&mut decoder, limits).map_err(cannot)?;
    let (width, height) = image::ImageDecoder::dimensions(&decoder);
    let channels = match image::ImageDecoder::color_type(&decoder) {
        ColorType::L8 => Some(Channels::Grey),
        ColorType::Rgb8 => Some(Channels::Rgb),
        ColorType::Rgba8 => Some(Channels::Rgba),
        _ => None,
    };
    if let (Some(channels), Orientation::NoTransforms) = (channels, orientation) {
        let len = usize::try_from(image::ImageDecoder::total_bytes(&decoder))
            .map_err(|_| FileError::from("too large to decode"))?;
        // Every byte is written by the decoder: old contents need no clearing.
        buffer.resize(len, 0);
        image::ImageDecoder::read_image(decoder, &mut buffer).map_err(cannot)?;
        return Ok(Pixels { width, height, channels, data: buffer });
    }
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(cannot)?;
    pixels.apply_orientation(orientation);
    let (width, height) = (pixels.width(), pixels.height());
    Ok(match (pixels.color().has_alpha(), pixels.color().has_color()) {
        (true, _) => Pixels { width, height, channels: Channels::Rgba, data: pixels.into_rgba8().into_raw() },
        (false, true) => Pixels { width, height, channels: Channels::Rgb, data: pixels.into_rgb8().into_raw() },
        (false, false) => Pixels { width, height, channels: Channels::Grey, data: pixels.into_luma8().into_raw() },
    })
}

/// Grey or RGB `pixels` encoded as JPEG (jpeg-encoder: AVX2 where the
/// processor has it); grey stays grey.
pub(super) fn jpeg(pixels: &Pixels, quality: u8) -> Result<Encoded, FileError> {
    let too_large = || FileError::from("too wide or tall to encode as JPEG");
    let (w, h) =
        (u16::try_from(pixels.width).map_err(|_| too_large())?, u16::try_from(pixels.height).map_err(|_| too_large())?);
    let (color, components) = match pixels.channels {
        Channels::Grey => (jpeg_encoder::ColorType::Luma, 1),
        Channels::Rgb | Channels::Rgba => (jpeg_encoder::ColorType::Rgb, 3),
    };
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, quality.clamp(1, 100))
        .encode(&pixels.data, w, h, color)
        .map_err(|e| format!("cannot encode it as JPEG: {e}"))?;
    Ok(Encoded::Jpeg { bytes, components })
}

/// Distinct colours past which an opaque RGB picture counts as a photo.
/// A chart, a diagram or a screenshot has a few hundred to a few thousand
/// (its flat colours and their antialiased edges); a photo has tens of
/// thousands even at a megapixel.
const PHOTO_COLOURS: u32 = 8192;

/// Whether `pixels` look like a photo: RGB without alpha, in more than
/// [`PHOTO_COLOURS`] colours.
pub(super) fn photographic(pixels: &Pixels) -> bool {
    if pixels.channels != Channels::Rgb {
        return false;
    }
    // One bit for each of the 2^24 colours: 2 MB.
    let mut seen = vec![0u64; 1 << 18];
    let mut colours = 0;
    for pixel in pixels.data.chunks_exact(3) {
        let colour = usize::from(pixel[0]) << 16 | usize::from(pixel[1]) << 8 | usize::from(pixel[2]);
        let (word, bit) = (colour >> 6, 1u64 << (colour & 63));
        if seen[word] & bit == 0 {
            seen[word] |= bit;
            colours += 1;
            if colours > PHOTO_COLOURS {
                return true;
            }
        }
    }
    false
}

/// A photographic picture as JPEG when that takes at most half the bytes
/// of its PNG, else lossless.
pub(super) fn smaller(pixels: &Pixels, quality: u8) -> Result<Encoded, FileError> {
    let lossless = lossless(pixels);
    let jpeg = jpeg(pixels, quality)?;
    Ok(match (&jpeg, &lossless) {
        (Encoded::Jpeg { bytes, .. }, Encoded::Lossless { png, .. }) if bytes.len() * 2 <= png.len() => jpeg,
        _ => lossless,
    })
}

/// Pixels kept as they are (grey made RGB): RGB and alpha planes, and a
/// PNG.
pub(super) fn lossless(pixels: &Pixels) -> Encoded {
    let (width, height) = (pixels.width, pixels.height);
    let (channels, data) = match pixels.channels {
        Channels::Grey => (Channels::Rgb, pixels.data.iter().flat_map(|&v| [v, v, v]).collect()),
        other => (other, pixels.data.clone()),
    };
    let colour = if channels == Channels::Rgba { ExtendedColorType::Rgba8 } else { ExtendedColorType::Rgb8 };
    let mut png = Vec::new();
    // Encoding RGB(A)8 pixels of the right length into memory cannot fail.
    let _ = PngEncoder::new(&mut png).write_image(&data, width, height, colour);
    planes(Pixels { width, height, channels, data }, png)
}

/// RGB or RGBA `pixels` as the PDF takes them (RGB, and alpha when it
/// hides anything), beside `png`, the same pixels as a file for the HTML.
pub(super) fn planes(pixels: Pixels, png: Vec<u8>) -> Encoded {
    if pixels.channels != Channels::Rgba {
        return Encoded::Lossless { rgb: pixels.data, alpha: None, png };
    }
    let mut rgb = Vec::with_capacity(pixels.data.len() / 4 * 3);
    let mut alpha = Vec::with_capacity(pixels.data.len() / 4);
    for pixel in pixels.data.chunks_exact(4) {
        rgb.extend_from_slice(&pixel[..3]);
        alpha.push(pixel[3]);
    }
    // An alpha channel that hides nothing needs no mask.
    let alpha = alpha.iter().any(|&a| a != 255).then_some(alpha);
    Encoded::Lossless { rgb, alpha, png }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_has_many_colours_and_a_chart_few() {
        let pixels = |channels, data: Vec<u8>| Pixels { width: 256, height: 256, channels, data };
        // 65,536 colours: a photo.
        let many: Vec<u8> = (0..256u32 * 256).flat_map(|i| [(i >> 8) as u8, i as u8, 7]).collect();
        assert!(photographic(&pixels(Channels::Rgb, many.clone())));
        // The same pixels with alpha, or 256 colours: kept lossless.
        let with_alpha: Vec<u8> = many.chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect();
        assert!(!photographic(&pixels(Channels::Rgba, with_alpha)));
        let few: Vec<u8> = (0..256u32 * 256).flat_map(|i| [(i % 256) as u8, 0, 0]).collect();
        assert!(!photographic(&pixels(Channels::Rgb, few)));
    }

    #[test]
    fn a_part_reaching_the_edges_scales_whatever_the_ratio() {
        // 307 × (3000 / 307) and 151 × (1600 / 151) round past 3000 and
        // 1600 in f64.
        for (w, h, sw, sh) in [(3000, 1600, 307, 151), (3000, 1600, 2220, 1184), (4000, 3000, 2219, 1664)] {
            let pixels = Pixels { width: w, height: h, channels: Channels::Rgb, data: vec![128; (w * h * 3) as usize] };
            for crop in [[0, 0, sw, sh], [1, 1, sw, sh], [0, sh / 3, sw, sh]] {
                let scaled = scale(&pixels, (sw, sh), crop, &mut Scratch::default()).expect("scaled");
                assert_eq!((scaled.width, scaled.height), (crop[2] - crop[0], crop[3] - crop[1]));
                assert!(scaled.data.iter().all(|&v| v == 128), "a flat picture stays flat");
            }
        }
    }
}
