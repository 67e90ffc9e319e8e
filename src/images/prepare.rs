//! Each placed picture decoded, scaled to the resolution its largest
//! placement needs (the theme's `picture_ppi`, never more than the source
//! has) and encoded for both exporters: a JPEG stays a JPEG (the file
//! itself when it needs no change, else encoded again at the theme's
//! `jpeg_quality`), anything else stays lossless unless it is a photo
//! that takes half the bytes as JPEG; a cropped placement keeps only the
//! part it shows. Two at a time, each
//! dropped once encoded, so memory does not grow with the number of
//! pictures; kept by content and settings for the next build of the same
//! process (`deck serve`, `--watch`), and on disk for the next process
//! ([`super::cache`]).

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use image::{ImageFormat, ImageReader};

use super::pixels::{Channels, Pixels, Scratch, decode, jpeg, lossless, photographic, planes, scale, smaller};
use super::{ImageId, ImageStore, Kind, Picture, Svg, cache, jpeg_components, read};
use crate::diag::Errors;
use crate::paths::{FileError, Stamp};

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
    /// The part of the picture these pixels show: all of it, or what
    /// its placements leave visible when they crop it.
    pub part: Part,
}

/// A rectangle within a picture, its edges as fractions of the picture's
/// width and height from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    /// Left edge.
    pub left: f32,
    /// Top edge.
    pub top: f32,
    /// Right edge.
    pub right: f32,
    /// Bottom edge.
    pub bottom: f32,
}

impl Part {
    /// The whole picture.
    pub const WHOLE: Part = Part { left: 0.0, top: 0.0, right: 1.0, bottom: 1.0 };

    /// Where this part is drawn when the whole picture is placed at `x`,
    /// `y` with size `w` × `h` (any unit).
    pub fn place(self, x: f32, y: f32, w: f32, h: f32) -> (f32, f32, f32, f32) {
        (x + self.left * w, y + self.top * h, (self.right - self.left) * w, (self.bottom - self.top) * h)
    }

    /// The smallest part holding both.
    pub fn union(self, other: Part) -> Part {
        Part {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }
}

/// Where pictures are placed: the largest box each is drawn in (pt), and
/// the part of it any placement shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Width and height of the largest box the whole picture is drawn in.
    pub size: (f32, f32),
    /// What the placements leave visible.
    pub visible: Part,
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
    stamp: Stamp,
    want: (u32, u32),
    visible: [u32; 4],
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
    placed: &BTreeMap<ImageId, Placed>,
    quality: Quality,
    disk: Option<&std::path::Path>,
) -> Result<BTreeMap<ImageId, Arc<Prepared>>, Errors> {
    let px_per_pt = quality.ppi / 72.0;
    let jobs: Vec<(ImageId, &Picture, Key)> = placed
        .iter()
        .filter_map(|(&id, &Placed { size: (w_pt, h_pt), visible })| {
            let picture = store.get(id)?;
            let want = ((w_pt * px_per_pt).ceil().max(1.0) as u32, (h_pt * px_per_pt).ceil().max(1.0) as u32);
            let key = Key {
                path: picture.path.clone(),
                stamp: Stamp::of(&picture.path),
                want,
                visible: [visible.left, visible.top, visible.right, visible.bottom].map(f32::to_bits),
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
    let results = run(&jobs, crate::tuning::PICTURE_THREADS, |scratch, (_, picture, key)| match cached.get(key) {
        Some(done) => Ok((Arc::clone(done), false)),
        None => prepare_cached(picture, &Want::of(key), quality, disk, scratch)
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
/// as each finishes one, each thread with its own [`Scratch`] (dropped
/// when the jobs are done); results in the jobs' order.
fn run<J: Sync, R: Send>(jobs: &[J], threads: usize, work: impl Fn(&mut Scratch, &J) -> R + Sync) -> Vec<R> {
    if threads <= 1 || jobs.len() <= 1 {
        let mut scratch = Scratch::default();
        return jobs.iter().map(|job| work(&mut scratch, job)).collect();
    }
    let next = AtomicUsize::new(0);
    let take = || {
        let mut scratch = Scratch::default();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { return done };
            done.push((i, work(&mut scratch, job)));
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

/// What a picture is prepared for: the pixels its largest placement
/// needs, and the part of it the placements show.
#[derive(Debug, Clone, Copy)]
struct Want {
    size: (u32, u32),
    visible: Part,
}

impl Want {
    fn of(key: &Key) -> Want {
        let [left, top, right, bottom] = key.visible.map(f32::from_bits);
        Want { size: key.want, visible: Part { left, top, right, bottom } }
    }
}

/// How a picture larger than it is wanted is scaled: to `scaled` pixels
/// (the aspect kept, covering the wanted size), of which `crop` (left,
/// top, right, bottom, in scaled pixels) is kept: what the placements
/// show, rounded out to whole pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Plan {
    scaled: (u32, u32),
    crop: [u32; 4],
}

impl Plan {
    /// The plan for `picture` wanted as `want`; `None` when it is not
    /// larger than wanted, and so kept whole at its own size.
    fn new(picture: &Picture, want: &Want) -> Option<Plan> {
        if !shrinks(picture, want.size) {
            return None;
        }
        let ((w, h), (want_w, want_h)) = (picture.size, want.size);
        let factor = (want_w as f32 / w as f32).max(want_h as f32 / h as f32);
        let scaled @ (sw, sh) =
            (((w as f32) * factor).round().max(1.0) as u32, ((h as f32) * factor).round().max(1.0) as u32);
        let v = want.visible;
        let floor = |f: f32, n: u32| ((f.clamp(0.0, 1.0) * n as f32).floor() as u32).min(n - 1);
        let ceil = |f: f32, n: u32| ((f.clamp(0.0, 1.0) * n as f32).ceil() as u32).clamp(1, n);
        let (left, top) = (floor(v.left, sw), floor(v.top, sh));
        let crop = [left, top, ceil(v.right, sw).max(left + 1), ceil(v.bottom, sh).max(top + 1)];
        Some(Plan { scaled, crop })
    }

    /// Width and height of what is kept.
    fn size(&self) -> (u32, u32) {
        let [left, top, right, bottom] = self.crop;
        (right - left, bottom - top)
    }

    /// What is kept, as a part of the picture.
    fn part(&self) -> Part {
        let [left, top, right, bottom] = self.crop.map(|v| v as f32);
        let (w, h) = (self.scaled.0 as f32, self.scaled.1 as f32);
        Part { left: left / w, top: top / h, right: right / w, bottom: bottom / h }
    }
}

/// One picture prepared, from the cache folder `disk` when it holds it,
/// else made and kept there; and whether it was kept.
fn prepare_cached(
    picture: &Picture,
    want: &Want,
    quality: Quality,
    disk: Option<&std::path::Path>,
    scratch: &mut Scratch,
) -> Result<(Prepared, bool), FileError> {
    // A JPEG embedded as it is needs no entry: it is its own file.
    let (Some(dir), Kind::Raster { .. }, None) = (disk, &picture.kind, as_is(picture, want.size)) else {
        return Ok((prepare_one(picture, None, want, quality, scratch)?, false));
    };
    let bytes = read(&picture.path)?;
    let plan = Plan::new(picture, want);
    let key = cache::Key {
        content: crate::fingerprint::digest(&bytes),
        want: want.size,
        crop: plan.map(|p| p.crop),
        ppi: quality.ppi,
        quality: quality.jpeg,
    };
    if let Some(prepared) = cache::get(dir, &key).and_then(|(kept, jpeg)| from_cache(picture, plan, kept, jpeg)) {
        return Ok((prepared, false));
    }
    let prepared = prepare_one(picture, Some(bytes), want, quality, scratch)?;
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

/// A picture as the cache kept it for `plan`, `kept` being a JPEG when
/// `jpeg` and else a PNG; `None` when the entry does not read or is not
/// the size planned.
fn from_cache(picture: &Picture, plan: Option<Plan>, kept: Vec<u8>, jpeg: bool) -> Option<Prepared> {
    let downsampled_from = plan.is_some().then_some(picture.size);
    let part = plan.map_or(Part::WHOLE, |p| p.part());
    let expected = plan.map_or(picture.size, |p| p.size());
    let reader = ImageReader::new(Cursor::new(&kept)).with_guessed_format().ok()?;
    if jpeg {
        let size = reader.into_dimensions().ok().filter(|&s| s == expected)?;
        let components = jpeg_components(&kept).filter(|c| matches!(c, 1 | 3))?;
        return Some(Prepared { size, encoded: Encoded::Jpeg { bytes: kept, components }, downsampled_from, part });
    }
    let pixels = reader.decode().ok()?;
    let size = (pixels.width(), pixels.height());
    if size != expected {
        return None;
    }
    let pixels = if pixels.color().has_alpha() {
        Pixels { width: size.0, height: size.1, channels: Channels::Rgba, data: pixels.into_rgba8().into_raw() }
    } else {
        Pixels { width: size.0, height: size.1, channels: Channels::Rgb, data: pixels.into_rgb8().into_raw() }
    };
    Some(Prepared { size, encoded: planes(pixels, kept), downsampled_from, part })
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

/// One picture, for placements wanting `want`; `bytes` are its file's
/// when they were read already.
fn prepare_one(
    picture: &Picture,
    bytes: Option<Vec<u8>>,
    want: &Want,
    quality: Quality,
    scratch: &mut Scratch,
) -> Result<Prepared, FileError> {
    let (format, orientation) = match &picture.kind {
        Kind::Vector(svg) => {
            return Ok(Prepared {
                size: picture.size,
                encoded: Encoded::Svg(Arc::clone(svg)),
                downsampled_from: None,
                part: Part::WHOLE,
            });
        }
        Kind::Raster { format, orientation, .. } => (*format, *orientation),
    };
    let bytes = match bytes {
        Some(bytes) => bytes,
        None => read(&picture.path)?,
    };
    if let Some(components) = as_is(picture, want.size) {
        return Ok(Prepared {
            size: picture.size,
            encoded: Encoded::Jpeg { bytes, components },
            downsampled_from: None,
            part: Part::WHOLE,
        });
    }
    // Decoded, a picture takes its pixels and a copy of them in 8-bit RGB
    // or RGBA (or in the other orientation): taken from the budget that
    // keeps two 96-megapixel pictures from being decoded at once.
    let _room = DECODING.enter(decoded_bytes(picture).saturating_mul(2));
    let decoded = decode(&bytes, orientation, std::mem::take(&mut scratch.decoded))?;
    drop(bytes);
    // Judged on the file's own pixels: scaling blends a chart's few colours.
    let photographic = format != ImageFormat::Jpeg && photographic(&decoded);
    let plan = Plan::new(picture, want);
    let pixels = match plan {
        Some(plan) => {
            let scaled = scale(&decoded, plan.scaled, plan.crop, scratch)?;
            scratch.decoded = decoded.data;
            scaled
        }
        None => decoded,
    };
    // JPEG pixels (grey or RGB) become a JPEG again.
    let encoded = if format == ImageFormat::Jpeg && pixels.channels != Channels::Rgba {
        jpeg(&pixels, quality.jpeg)?
    } else if photographic {
        smaller(&pixels, quality.jpeg)?
    } else {
        lossless(&pixels)
    };
    let size = (pixels.width, pixels.height);
    // Kept for the thread's next picture.
    if plan.is_some() {
        scratch.scaled = pixels.data;
    } else {
        scratch.decoded = pixels.data;
    }
    Ok(Prepared {
        size,
        encoded,
        downsampled_from: plan.map(|_| picture.size),
        part: plan.map_or(Part::WHOLE, |p| p.part()),
    })
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

    #[test]
    fn a_cropped_placement_keeps_the_part_it_shows_in_whole_pixels() {
        let picture = Picture {
            src: String::new(),
            path: PathBuf::new(),
            size: (4000, 3000),
            kind: Kind::Raster {
                format: ImageFormat::Jpeg,
                orientation: image::metadata::Orientation::NoTransforms,
                jpeg: Some(3),
                decoded: 0,
            },
            label: String::new(),
            at: None,
            context: None,
        };
        // A 4:3 photo covering a 16:9 box: the middle three quarters of its rows.
        let visible = Part { left: 0.0, top: 0.125, right: 1.0, bottom: 0.875 };
        let plan = Plan::new(&picture, &Want { size: (2000, 1500), visible }).expect("scaled down");
        assert_eq!(plan, Plan { scaled: (2000, 1500), crop: [0, 187, 2000, 1313] });
        assert_eq!(plan.size(), (2000, 1126));
        let part = plan.part();
        assert!(part.top <= 0.125 && part.bottom >= 0.875 && part.left == 0.0 && part.right == 1.0, "{part:?}");
        // Placed at 0, 0 in a 400 × 300 box, its pixels fill the rows shown.
        let (x, y, w, h) = part.place(0.0, 0.0, 400.0, 300.0);
        assert_eq!((x, w), (0.0, 400.0));
        assert!((y - 37.4).abs() < 1e-3 && (h - 225.2).abs() < 1e-3, "{y} {h}");
        // Not larger than wanted: kept whole, at its own size.
        assert_eq!(Plan::new(&picture, &Want { size: (4000, 3000), visible }), None);
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
        let whole = |size| Placed { size, visible: Part::WHOLE };
        let placed = BTreeMap::from([(ImageId(0), whole((300.0, 160.0)))]);
        let quality = Quality { ppi: 192.0, jpeg: 85 };
        let first = prepare(&store(&file), &placed, quality, None).expect("prepared");
        let again = prepare(&store(&file), &placed, quality, None).expect("prepared");
        assert!(Arc::ptr_eq(&first[&ImageId(0)], &again[&ImageId(0)]), "the same preparation");
        // 300 × 160 pt at 192 ppi is 800 × 427 px: the 3000 × 1600 file is scaled
        // to cover both, its aspect kept.
        assert_eq!(first[&ImageId(0)].size, (801, 427));
        // Another size, other settings, or another file: prepared again.
        let wider = BTreeMap::from([(ImageId(0), whole((600.0, 320.0)))]);
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
