//! Pictures: decoding (PNG, JPEG, GIF, WebP) with EXIF orientation
//! applied, within limits, once per file; and, after layout has placed
//! them, downsampling to twice their placed size at 96 dpi
//! ([`prepare`]). The only user of the `image` crate.

mod prepare;

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

pub use prepare::{Prepared, prepare};

use crate::diag::{Diagnostic, Errors, Span};
use crate::model::{Deck, visit_images};
use crate::paths::FileError;

/// Largest picture deck decodes, in pixels (a 12 000 × 8 000 photo).
pub const MAX_PIXELS: u64 = 96_000_000;
/// Largest picture file deck reads, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Index of a decoded picture in the [`ImageStore`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImageId(pub usize);

/// One decoded picture.
pub struct Picture {
    /// The path as written in the deck.
    pub src: String,
    /// The file it was read from.
    pub path: PathBuf,
    /// Its pixels, orientation applied.
    pub pixels: DynamicImage,
    /// The file's bytes and colour components (1 grey, 3 RGB) when it is a
    /// JPEG that needs no rotation: the PDF and HTML can carry it unchanged
    /// when it is not downsampled.
    pub jpeg: Option<(Vec<u8>, u8)>,
}

impl Picture {
    /// Width and height in pixels, orientation applied.
    pub fn size(&self) -> (u32, u32) {
        (self.pixels.width(), self.pixels.height())
    }
}

/// Every picture a deck uses, decoded once.
#[derive(Default)]
pub struct ImageStore {
    pictures: Vec<Picture>,
    by_src: HashMap<String, ImageId>,
}

impl ImageStore {
    /// The picture written as `src`, if it was loaded.
    pub fn find(&self, src: &str) -> Option<(ImageId, &Picture)> {
        let id = *self.by_src.get(src)?;
        self.pictures.get(id.0).map(|p| (id, p))
    }

    /// Every picture's file.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.pictures.iter().map(|p| p.path.as_path())
    }

    /// The picture behind an id.
    pub fn get(&self, id: ImageId) -> Option<&Picture> {
        self.pictures.get(id.0)
    }

    /// Decode the file at `path` (already confined to the deck's folder)
    /// and keep it under the name `src`; a name already kept is not read again.
    pub fn add_file(&mut self, src: &str, path: &Path) -> Result<(), FileError> {
        if self.by_src.contains_key(src) {
            return Ok(());
        }
        let picture = decode(path)?;
        self.by_src.insert(src.to_string(), ImageId(self.pictures.len()));
        self.pictures.push(Picture { src: src.to_string(), path: path.to_path_buf(), ..picture });
        Ok(())
    }
}

/// Decode every picture of `deck` (paths relative to `deck.base`).
pub fn load(deck: &Deck) -> Result<ImageStore, Errors> {
    let mut store = ImageStore::default();
    let mut errors = Vec::new();
    for (index, slide) in deck.slides.iter().enumerate() {
        let mut wanted: Vec<(&str, Option<Span>)> = Vec::new();
        for blocks in [&slide.body, &slide.left, &slide.right] {
            visit_images(blocks, &mut |src, at| wanted.push((src, at.cloned().or_else(|| slide.span.clone()))));
        }
        if let Some(image) = &slide.image {
            wanted.push((&image.src, image.span.clone()));
        }
        for (src, span) in wanted {
            if store.by_src.contains_key(src) {
                continue;
            }
            let decoded =
                deck.root.confine(&deck.base.join(src)).and_then(|path| decode(&path).map(|picture| (path, picture)));
            match decoded {
                Ok((path, picture)) => {
                    store.by_src.insert(src.to_string(), ImageId(store.pictures.len()));
                    store.pictures.push(Picture { src: src.to_string(), path, ..picture });
                }
                Err(why) => {
                    let mut d = Diagnostic::error(format!("image `{src}`: {why}"))
                        .with_span(span)
                        .with_context(slide.name(index));
                    for hint in why.hints(&deck.base.join(src)) {
                        d = d.with_hint(hint);
                    }
                    errors.push(d);
                }
            }
        }
    }
    if errors.is_empty() { Ok(store) } else { Err(errors) }
}

fn decode(path: &Path) -> Result<Picture, FileError> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        let (mb, limit) = (size >> 20, MAX_FILE_BYTES >> 20);
        return Err(format!("the file is {mb} MB; deck reads pictures up to {limit} MB").into());
    }
    let bytes = std::fs::read(path)?;
    let reader =
        ImageReader::new(Cursor::new(&bytes)).with_guessed_format().map_err(|e| format!("cannot read it: {e}"))?;
    let format = reader.format().ok_or("not a PNG, JPEG, GIF or WebP picture")?;
    let mut decoder = reader.into_decoder().map_err(|e| format!("cannot decode it: {e}"))?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(
            format!("{w} × {h} pixels is more than deck decodes ({} megapixels)", MAX_PIXELS / 1_000_000).into()
        );
    }
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    decoder.set_limits(limits).map_err(|e| format!("cannot decode it: {e}"))?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode it: {e}"))?;
    pixels.apply_orientation(orientation);
    let upright = orientation == image::metadata::Orientation::NoTransforms;
    let components = if format == ImageFormat::Jpeg && upright { jpeg_components(&bytes) } else { None };
    let jpeg = components.filter(|c| matches!(c, 1 | 3)).map(|c| (bytes, c));
    Ok(Picture { src: String::new(), path: PathBuf::new(), pixels, jpeg })
}

/// The number of colour components in a JPEG's frame header.
fn jpeg_components(bytes: &[u8]) -> Option<u8> {
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        let length = u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize;
        // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            return bytes.get(at + 9).copied();
        }
        at += 2 + length;
    }
    None
}
