//! Each placed picture decoded, scaled to the resolution its largest
//! placement needs (the theme's `picture_ppi`, never more than the source
//! has) and encoded for both exporters: a JPEG stays a JPEG (the file
//! itself when it needs no change, else encoded again at the theme's
//! `jpeg_quality`), anything else stays lossless. Two at a time, each
//! dropped once encoded, so memory does not grow with the number of
//! pictures; kept by content and settings for the next build of the same
//! process (`deck serve`, `--watch`), and on disk for the next process
//! ([`super::cache`]).

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use image::metadata::Orientation;

use super::{ImageId, ImageStore, Kind, MAX_PIXELS, Picture, Svg, cache, jpeg_components, read};
use crate::diag::Errors;
use crate::paths::FileError;

/// How pictures are prepared: the theme's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    /// Pixels per inch at the placed size.
    pub ppi: f32,
    /// JPEG quality of a picture encoded again, 1-100.
    pub jpeg: u8,
}

/// A picture ready for both exporters.
#[derive(Debug)]
pub struct Prepared {
    /// Width and height as embedded, in pixels.
    pub size: (u32, u32),
    /// The bytes both exporters embed.
    pub encoded: Encoded,
    /// The source's size when it was downsampled.
    pub downsampled_from: Option<(u32, u32)>,
}

/// A prepared picture's bytes.
#[derive(Debug)]
pub enum Encoded {
    /// A JPEG file (the PDF's /DCTDecode stream and the HTML's
    /// `image/jpeg`) and its colour components (1 grey, 3 RGB).
    Jpeg {
        /// The file.
        bytes: Vec<u8>,
        /// Colour components.
        components: u8,
    },
    /// 8-bit RGB pixels for the PDF, with the alpha plane when it hides
    /// anything, and the same picture as a PNG file for the HTML.
    Lossless {
        /// RGB, row by row.
        rgb: Vec<u8>,
        /// Alpha, one byte a pixel.
        alpha: Option<Vec<u8>>,
        /// The PNG file.
        png: Vec<u8>,
    },
    /// An SVG picture: vectors in the PDF, usvg's rewriting in the HTML.
    Svg(Arc<Svg>),
}

/// What makes two preparations the same: the file as it is, the size it
/// is wanted at, the settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    want: (u32, u32),
    ppi_bits: u32,
    jpeg: u8,
}

/// Most pixels a deck's pictures hold together: 250 photos of 12
/// megapixels, which take some 20 seconds to prepare on two cores.
pub const MAX_DECK_PIXELS: u64 = 3_000_000_000;

/// Bytes of decoded pictures held at once, over all threads: two 12-
/// megapixel photos fit side by side; a picture larger than the budget is
/// decoded alone.
const DECODE_BUDGET: u64 = 512 << 20;

/// The budget of decoded bytes, shared by the threads preparing pictures.
static DECODING: Gate = Gate::new(DECODE_BUDGET);

/// Bytes a picture's pixels take decoded.
fn decoded_bytes(picture: &Picture) -> u64 {
    match &picture.kind {
        Kind::Raster { decoded, .. } => *decoded,
        Kind::Vector(_) => 0,
    }
}

/// A budget of bytes that threads take from and give back, each waiting
/// until what it asks for is free; one asking for more than all of it
/// waits until it is all free, and goes alone.
struct Gate {
    free: Mutex<u64>,
    given_back: std::sync::Condvar,
    all: u64,
}

/// Bytes taken from a [`Gate`], given back when dropped.
struct Room<'g> {
    gate: &'g Gate,
    bytes: u64,
}

impl Gate {
    const fn new(all: u64) -> Gate {
        Gate { free: Mutex::new(all), given_back: std::sync::Condvar::new(), all }
    }

    fn enter(&self, bytes: u64) -> Room<'_> {
        let bytes = bytes.min(self.all);
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        while *free < bytes {
            free = self.given_back.wait(free).unwrap_or_else(PoisonError::into_inner);
        }
        *free -= bytes;
        Room { gate: self, bytes }
    }
}

impl Drop for Room<'_> {
    fn drop(&mut self) {
        *self.gate.free.lock().unwrap_or_else(PoisonError::into_inner) += self.bytes;
        self.gate.given_back.notify_all();
    }
}

/// The last build's prepared pictures.
static CACHE: Mutex<Option<HashMap<Key, Arc<Prepared>>>> = Mutex::new(None);

/// Prepare every picture for its largest placed size in pt (`placed`),
/// taking what it can from the cache folder `disk` and keeping there what
/// it prepares.
pub fn prepare(
    store: &ImageStore,
    placed: &BTreeMap<ImageId, (f32, f32)>,
    quality: Quality,
    disk: Option<&std::path::Path>,
) -> Result<BTreeMap<ImageId, Arc<Prepared>>, Errors> {
    let px_per_pt = quality.ppi / 72.0;
    let jobs: Vec<(ImageId, &Picture, Key)> = placed
        .iter()
        .filter_map(|(&id, &(w_pt, h_pt))| {
            let picture = store.get(id)?;
            let want = ((w_pt * px_per_pt).ceil().max(1.0) as u32, (h_pt * px_per_pt).ceil().max(1.0) as u32);
            let meta = std::fs::metadata(&picture.path).ok();
            let key = Key {
                path: picture.path.clone(),
                len: meta.as_ref().map_or(0, |m| m.len()),
                modified: meta.and_then(|m| m.modified().ok()),
                want,
                ppi_bits: quality.ppi.to_bits(),
                jpeg: quality.jpeg,
            };
            Some((id, picture, key))
        })
        .collect();
    // The time a build spends on pictures grows with their pixels: a
    // deck holds so many that a build takes seconds, cache or not.
    let pixels: u64 = jobs
        .iter()
        .filter(|(_, p, _)| matches!(p.kind, Kind::Raster { .. }))
        .map(|(_, p, _)| u64::from(p.size.0) * u64::from(p.size.1))
        .sum();
    if pixels > MAX_DECK_PIXELS {
        return Err(vec![
            crate::diag::Diagnostic::error(format!(
                "the deck's pictures hold {} megapixels; deck decodes at most {} megapixels for one deck",
                pixels / 1_000_000,
                MAX_DECK_PIXELS / 1_000_000
            ))
            .with_hint("scale the photos down before adding them (2,000 pixels wide fill a slide), or split the deck"),
        ]);
    }
    let cached = CACHE.lock().unwrap_or_else(PoisonError::into_inner).take().unwrap_or_default();
    let results = run(&jobs, crate::tuning::PICTURE_THREADS, |(_, picture, key)| match cached.get(key) {
        Some(done) => Ok((Arc::clone(done), false)),
        None => prepare_cached(picture, key.want, quality, disk)
            .map(|(done, kept)| (Arc::new(done), kept))
            .map_err(|why| picture.error(&why)),
    });
    if let Some(dir) = disk
        && results.iter().any(|r| r.as_ref().is_ok_and(|(_, wrote)| *wrote))
    {
        cache::prune(dir, cache::MAX_BYTES);
    }
    let mut prepared = BTreeMap::new();
    let mut keep = HashMap::new();
    let mut errors = Vec::new();
    for ((id, _, key), result) in jobs.into_iter().zip(results) {
        match result {
            Ok((done, _)) => {
                keep.insert(key, Arc::clone(&done));
                prepared.insert(id, done);
            }
            Err(e) => errors.push(e),
        }
    }
    // Only this build's pictures stay: the cache holds one deck at most.
    *CACHE.lock().unwrap_or_else(PoisonError::into_inner) = Some(keep);
    if errors.is_empty() { Ok(prepared) } else { Err(errors) }
}

/// `work` on every job, on up to `threads` threads taking the next job
/// as each finishes one; results in the jobs' order.
fn run<J: Sync, R: Send>(jobs: &[J], threads: usize, work: impl Fn(&J) -> R + Sync) -> Vec<R> {
    if threads <= 1 || jobs.len() <= 1 {
        return jobs.iter().map(&work).collect();
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { return done };
            done.push((i, work(job)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads.min(jobs.len())).map(|_| scope.spawn(take)).collect();
        let mut all = take();
        for other in others {
            // A panic in a worker is a bug; pass it on.
            all.extend(other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// One picture prepared, from the cache folder `disk` when it holds it,
/// else made and kept there; and whether it was kept.
fn prepare_cached(
    picture: &Picture,
    want: (u32, u32),
    quality: Quality,
    disk: Option<&std::path::Path>,
) -> Result<(Prepared, bool), FileError> {
    // A JPEG embedded as it is needs no entry: it is its own file.
    let (Some(dir), Kind::Raster { .. }, None) = (disk, &picture.kind, as_is(picture, want)) else {
        return Ok((prepare_one(picture, None, want, quality)?, false));
    };
    let bytes = read(&picture.path)?;
    let key = cache::Key { content: crate::fingerprint::digest(&bytes), want, ppi: quality.ppi, quality: quality.jpeg };
    if let Some(prepared) = cache::get(dir, &key).and_then(|(kept, jpeg)| from_cache(picture, want, kept, jpeg)) {
        return Ok((prepared, false));
    }
    let prepared = prepare_one(picture, Some(bytes), want, quality)?;
    let made = match &prepared.encoded {
        Encoded::Jpeg { bytes, .. } => Some((bytes, true)),
        Encoded::Lossless { png, .. } => Some((png, false)),
        Encoded::Svg(_) => None,
    };
    let kept = made.is_some();
    if let Some((file, jpeg)) = made {
        cache::put(dir, &key, file, jpeg);
    }
    Ok((prepared, kept))
}

/// A picture as the cache kept it, `kept` being a JPEG when `jpeg` and
/// else a PNG; `None` when the entry does not read.
fn from_cache(picture: &Picture, want: (u32, u32), kept: Vec<u8>, jpeg: bool) -> Option<Prepared> {
    let downsampled_from = shrinks(picture, want).then_some(picture.size);
    let reader = ImageReader::new(Cursor::new(&kept)).with_guessed_format().ok()?;
    if jpeg {
        let size = reader.into_dimensions().ok()?;
        let components = jpeg_components(&kept).filter(|c| matches!(c, 1 | 3))?;
        return Some(Prepared { size, encoded: Encoded::Jpeg { bytes: kept, components }, downsampled_from });
    }
    let pixels = reader.decode().ok()?;
    let size = (pixels.width(), pixels.height());
    Some(Prepared { size, encoded: planes(pixels, kept), downsampled_from })
}

/// Whether `picture` is larger than `want` both ways, and so scaled down.
fn shrinks(picture: &Picture, (want_w, want_h): (u32, u32)) -> bool {
    picture.size.0 > want_w && picture.size.1 > want_h
}

/// A JPEG's colour components when the file itself is embedded: upright,
/// grey or RGB, and not scaled down for `want`.
fn as_is(picture: &Picture, want: (u32, u32)) -> Option<u8> {
    match picture.kind {
        Kind::Raster { jpeg, .. } if !shrinks(picture, want) => jpeg,
        _ => None,
    }
}

/// One picture, for placements needing `want` pixels at most; `bytes`
/// are its file's when they were read already.
fn prepare_one(
    picture: &Picture,
    bytes: Option<Vec<u8>>,
    (want_w, want_h): (u32, u32),
    quality: Quality,
) -> Result<Prepared, FileError> {
    let (format, orientation) = match &picture.kind {
        Kind::Vector(svg) => {
            return Ok(Prepared { size: picture.size, encoded: Encoded::Svg(Arc::clone(svg)), downsampled_from: None });
        }
        Kind::Raster { format, orientation, .. } => (*format, *orientation),
    };
    let (w, h) = picture.size;
    let shrink = shrinks(picture, (want_w, want_h));
    let bytes = match bytes {
        Some(bytes) => bytes,
        None => read(&picture.path)?,
    };
    if let Some(components) = as_is(picture, (want_w, want_h)) {
        return Ok(Prepared { size: (w, h), encoded: Encoded::Jpeg { bytes, components }, downsampled_from: None });
    }
    // Decoded, a picture takes its pixels and a copy of them in 8-bit RGB
    // or RGBA (or in the other orientation): taken from the budget that
    // keeps two 96-megapixel pictures from being decoded at once.
    let _room = DECODING.enter(decoded_bytes(picture).saturating_mul(2));
    let mut pixels = decode(&bytes, orientation)?;
    if shrink {
        let factor = (want_w as f32 / w as f32).max(want_h as f32 / h as f32);
        let (nw, nh) = (((w as f32) * factor).round().max(1.0) as u32, ((h as f32) * factor).round().max(1.0) as u32);
        pixels = scale(pixels, nw, nh)?;
    }
    let size = (pixels.width(), pixels.height());
    let downsampled_from = shrink.then_some((w, h));
    let encoded = if format == ImageFormat::Jpeg && !pixels.color().has_alpha() {
        jpeg(pixels, quality.jpeg)?
    } else {
        lossless(pixels)
    };
    Ok(Prepared { size, encoded, downsampled_from })
}

/// `pixels` scaled to `width` × `height` with a Catmull-Rom filter, on
/// 8-bit channels (fast_image_resize: no floating-point copy of a photo,
/// SIMD where the processor has it; alpha premultiplied while scaling).
fn scale(pixels: DynamicImage, width: u32, height: u32) -> Result<DynamicImage, FileError> {
    let pixels = match (pixels.color().has_alpha(), pixels.color().has_color()) {
        (true, _) => DynamicImage::ImageRgba8(pixels.into_rgba8()),
        (false, true) => DynamicImage::ImageRgb8(pixels.into_rgb8()),
        (false, false) => DynamicImage::ImageLuma8(pixels.into_luma8()),
    };
    let mut scaled = DynamicImage::new(width, height, pixels.color());
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new().resize(&pixels, &mut scaled, &options).map_err(|e| format!("cannot scale it: {e}"))?;
    Ok(scaled)
}

/// A picture file's pixels, `orientation` applied.
fn decode(bytes: &[u8], orientation: Orientation) -> Result<DynamicImage, FileError> {
    let reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| format!("cannot read it: {e}"))?;
    let mut decoder = reader.into_decoder().map_err(|e| format!("cannot decode it: {e}"))?;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    image::ImageDecoder::set_limits(&mut decoder, limits).map_err(|e| format!("cannot decode it: {e}"))?;
    let mut pixels = DynamicImage::from_decoder(decoder).map_err(|e| format!("cannot decode it: {e}"))?;
    pixels.apply_orientation(orientation);
    Ok(pixels)
}

/// A photo encoded again as JPEG (jpeg-encoder: AVX2 where the processor
/// has it); grey stays grey.
fn jpeg(pixels: DynamicImage, quality: u8) -> Result<Encoded, FileError> {
    let grey = !pixels.color().has_color();
    let too_large = || FileError::from("too wide or tall to encode as JPEG");
    let (w, h) = (
        u16::try_from(pixels.width()).map_err(|_| too_large())?,
        u16::try_from(pixels.height()).map_err(|_| too_large())?,
    );
    let (data, color, components) = if grey {
        (pixels.into_luma8().into_raw(), jpeg_encoder::ColorType::Luma, 1)
    } else {
        (pixels.into_rgb8().into_raw(), jpeg_encoder::ColorType::Rgb, 3)
    };
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, quality.clamp(1, 100))
        .encode(&data, w, h, color)
        .map_err(|e| format!("cannot encode it as JPEG: {e}"))?;
    Ok(Encoded::Jpeg { bytes, components })
}

/// Pixels kept as they are: RGB and alpha planes, and a PNG.
fn lossless(pixels: DynamicImage) -> Encoded {
    let pixels = if pixels.color().has_alpha() {
        DynamicImage::ImageRgba8(pixels.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(pixels.to_rgb8())
    };
    let mut png = Vec::new();
    // Encoding RGB(A)8 pixels into memory cannot fail.
    let _ = pixels.write_to(&mut Cursor::new(&mut png), ImageFormat::Png);
    planes(pixels, png)
}

/// `pixels` as the PDF takes them (RGB, and alpha when it hides
/// anything), beside `png`, the same pixels as a file for the HTML.
fn planes(pixels: DynamicImage, png: Vec<u8>) -> Encoded {
    let (rgb, alpha) = match pixels {
        DynamicImage::ImageRgba8(rgba) => {
            let mut rgb = Vec::with_capacity(rgba.len() / 4 * 3);
            let mut alpha = Vec::with_capacity(rgba.len() / 4);
            for pixel in rgba.pixels() {
                rgb.extend_from_slice(&pixel.0[..3]);
                alpha.push(pixel.0[3]);
            }
            // An alpha channel that hides nothing needs no mask.
            (rgb, alpha.iter().any(|&a| a != 255).then_some(alpha))
        }
        other => (other.to_rgb8().into_raw(), None),
    };
    Encoded::Lossless { rgb, alpha, png }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decoding_budget_lets_in_what_fits_and_a_large_picture_alone() {
        let gate = Gate::new(100);
        let first = gate.enter(60);
        let second = gate.enter(40);
        assert_eq!(*gate.free.lock().unwrap(), 0);
        // A third waits until one leaves.
        let waited = std::thread::scope(|scope| {
            let third = scope.spawn(|| {
                let _room = gate.enter(30);
                std::time::Instant::now()
            });
            std::thread::sleep(std::time::Duration::from_millis(50));
            let left = std::time::Instant::now();
            drop(first);
            third.join().expect("the third enters") >= left
        });
        assert!(waited, "the third entered only once the first left");
        drop(second);
        // More than the whole budget: taken whole, so it goes alone.
        let large = gate.enter(1_000);
        assert_eq!((large.bytes, *gate.free.lock().unwrap()), (100, 0));
    }

    fn store(file: &std::path::Path) -> ImageStore {
        let root = crate::paths::Root::new(file.parent().expect("a folder"));
        let mut store = ImageStore::new(&root, &crate::text::FontBook::builtin());
        store.add_file("wide.jpg", file).expect("a picture");
        store
    }

    #[test]
    fn a_second_build_takes_its_pictures_from_the_first_until_one_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("wide.jpg");
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/decks/images/wide.jpg");
        std::fs::copy(&source, &file).expect("copy");
        let placed = BTreeMap::from([(ImageId(0), (300.0, 160.0))]);
        let quality = Quality { ppi: 192.0, jpeg: 85 };
        let first = prepare(&store(&file), &placed, quality, None).expect("prepared");
        let again = prepare(&store(&file), &placed, quality, None).expect("prepared");
        assert!(Arc::ptr_eq(&first[&ImageId(0)], &again[&ImageId(0)]), "the same preparation");
        // 300 × 160 pt at 192 ppi is 800 × 427 px: the 3000 × 1600 file is scaled
        // to cover both, its aspect kept.
        assert_eq!(first[&ImageId(0)].size, (801, 427));
        // Another size, other settings, or another file: prepared again.
        let wider = BTreeMap::from([(ImageId(0), (600.0, 320.0))]);
        let other = prepare(&store(&file), &wider, quality, None).expect("prepared");
        assert!(!Arc::ptr_eq(&first[&ImageId(0)], &other[&ImageId(0)]));
        let finer = prepare(&store(&file), &wider, Quality { ppi: 192.0, jpeg: 60 }, None).expect("prepared");
        assert!(!Arc::ptr_eq(&other[&ImageId(0)], &finer[&ImageId(0)]));
        let mut bytes = std::fs::read(&source).expect("read");
        bytes.extend_from_slice(b"\0");
        std::fs::write(&file, bytes).expect("rewrite");
        let changed = prepare(&store(&file), &wider, Quality { ppi: 192.0, jpeg: 60 }, None).expect("prepared");
        assert!(!Arc::ptr_eq(&finer[&ImageId(0)], &changed[&ImageId(0)]));
    }
}
