//! The HTML deck looks like the PDF: every slide of every deck, shot in
//! headless Chromium at 1280×720 (tests/browser/shots.mjs), against the
//! same PDF page rendered by pdftocairo at that size. They agree when at
//! most 20 pixels are "hard" differences: anti-aliasing and sub-pixel
//! placement score about 0, one changed digit over 50.

use std::path::{Path, PathBuf};
use std::process::Command;

use image::{Rgb, RgbImage};

use crate::harness::{all_decks, build, node};

/// Most hard pixels two renders of the same slide may differ by.
const HARD_PX_LIMIT: usize = 20;
/// A channel is hard when it lies more than 20% of full scale outside the
/// other image's 3×3 neighbourhood (51 of 255 is exactly 20%).
const HARD_STEP: u8 = 51;

/// The minimum and maximum of channel `c` over the 3×3 neighbourhood of
/// (x, y), clamped at the edges.
fn neighbourhood(img: &RgbImage, x: u32, y: u32, c: usize) -> (u8, u8) {
    let (w, h) = img.dimensions();
    let (mut lo, mut hi) = (u8::MAX, u8::MIN);
    for yy in y.saturating_sub(1)..=(y + 1).min(h - 1) {
        for xx in x.saturating_sub(1)..=(x + 1).min(w - 1) {
            let v = img.get_pixel(xx, yy).0[c];
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    (lo, hi)
}

/// Which pixels differ "hard", both ways: a channel of one image more
/// than [`HARD_STEP`] outside the other's neighbourhood range. A channel
/// can only be that far from a range holding the other image's own value
/// when the two values differ by more than the step, so only such pixels
/// are looked at closely (which keeps the test quick in a debug build).
fn hard_pixels(a: &RgbImage, b: &RgbImage) -> Vec<bool> {
    let outside = |v: u8, (lo, hi): (u8, u8)| v.saturating_sub(hi).max(lo.saturating_sub(v)) > HARD_STEP;
    let width = a.width() as usize;
    a.as_raw()
        .chunks_exact(3)
        .zip(b.as_raw().chunks_exact(3))
        .enumerate()
        .map(|(p, (pa, pb))| {
            if !(0..3).any(|c| pa[c].abs_diff(pb[c]) > HARD_STEP) {
                return false;
            }
            let (x, y) = ((p % width) as u32, (p / width) as u32);
            (0..3).any(|c| outside(pa[c], neighbourhood(b, x, y, c)) || outside(pb[c], neighbourhood(a, x, y, c)))
        })
        .collect()
}

/// `a` faded, with the hard pixels (and a pixel around each) in red.
fn diff_image(a: &RgbImage, hard: &[bool]) -> RgbImage {
    let (w, h) = a.dimensions();
    let near_hard = |x: u32, y: u32| {
        (y.saturating_sub(1)..=(y + 1).min(h - 1))
            .any(|yy| (x.saturating_sub(1)..=(x + 1).min(w - 1)).any(|xx| hard[(yy * w + xx) as usize]))
    };
    RgbImage::from_fn(w, h, |x, y| {
        if near_hard(x, y) {
            Rgb([255, 0, 0])
        } else {
            Rgb(a.get_pixel(x, y).0.map(|v| 178 + (u16::from(v) * 77 / 255) as u8))
        }
    })
}

fn load(path: &Path) -> RgbImage {
    image::open(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())).to_rgb8()
}

/// The PDF's pages as 1280×720 PNGs in `dir`, in page order.
fn render_pdf(pdf: &Path, dir: &Path) -> Vec<PathBuf> {
    let prefix = dir.join("pdf");
    let status = Command::new("pdftocairo")
        .args(["-png", "-scale-to-x", "1280", "-scale-to-y", "720"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap_or_else(|e| panic!("cannot run pdftocairo ({e}): install Debian's poppler-utils"));
    assert!(status.success(), "pdftocairo failed on {}", pdf.display());
    // pdftocairo pads page numbers to the width of the page count.
    let mut pages: Vec<(usize, PathBuf)> = std::fs::read_dir(dir)
        .expect("render folder")
        .map(|e| e.expect("entry").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let n = name.strip_prefix("pdf-")?.strip_suffix(".png")?.parse().ok()?;
            Some((n, p))
        })
        .collect();
    pages.sort();
    pages.into_iter().map(|(_, p)| p).collect()
}

#[test]
fn every_html_slide_matches_its_pdf_page_in_chromium() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pixels");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("output folder");
    let built: Vec<_> = all_decks().iter().map(|m| build(m)).collect();
    let mut args: Vec<&std::ffi::OsStr> = vec![out.as_os_str()];
    args.extend(built.iter().map(|(_, _, html)| html.as_os_str()));
    let shots = node("shots.mjs", &args);
    let report = format!("{}{}", String::from_utf8_lossy(&shots.stdout), String::from_utf8_lossy(&shots.stderr));
    assert!(shots.status.success(), "shots.mjs failed:\n{report}");

    let mut failures = Vec::new();
    let mut slides = 0;
    for (_dir, pdf, html) in &built {
        let stem = html.file_stem().expect("stem").to_string_lossy().into_owned();
        let dir = out.join(&stem);
        let pages = render_pdf(pdf, &dir);
        let count = std::fs::read_dir(&dir)
            .expect("shots")
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("slide-")))
            .count();
        assert_eq!(count, pages.len(), "{stem}: {count} HTML slides, {} PDF pages", pages.len());
        let mut worst = 0;
        for (i, page) in pages.iter().enumerate() {
            let n = i + 1;
            let shot = load(&dir.join(format!("slide-{n}.png")));
            let rendered = load(page);
            assert_eq!(
                shot.dimensions(),
                rendered.dimensions(),
                "{stem} slide {n}: screenshot and PDF render differ in size"
            );
            let hard = hard_pixels(&shot, &rendered);
            let hard_px = hard.iter().filter(|&&h| h).count();
            worst = worst.max(hard_px);
            slides += 1;
            if hard_px > HARD_PX_LIMIT {
                let diff = dir.join(format!("diff-{n}.png"));
                diff_image(&shot, &hard).save(&diff).expect("write diff image");
                failures.push(format!("{stem} slide {n}: hard_px {hard_px} (see {})", diff.display()));
            }
        }
        println!("{stem}: {} slides, worst hard_px {worst}", pages.len());
    }
    assert!(slides >= 30, "only {slides} slides compared");
    assert!(failures.is_empty(), "HTML and PDF differ (hard_px over {HARD_PX_LIMIT}):\n{}", failures.join("\n"));
}

#[test]
fn the_hard_pixel_count_ignores_a_one_pixel_shift_but_not_a_changed_mark() {
    // A dark bar 20 px wide with soft edges, as a glyph stem is drawn.
    let bar = |left: u32| {
        RgbImage::from_fn(64, 32, |x, y| {
            let inside = (8..24).contains(&y) && (left..left + 20).contains(&x);
            let edge = (8..24).contains(&y) && (x + 1 == left || x == left + 20);
            Rgb([if inside {
                20
            } else if edge {
                140
            } else {
                255
            }; 3])
        })
    };
    let count = |a: &RgbImage, b: &RgbImage| hard_pixels(a, b).iter().filter(|&&h| h).count();
    assert_eq!(count(&bar(10), &bar(10)), 0);
    assert_eq!(count(&bar(10), &bar(11)), 0, "one pixel over is anti-aliasing");
    assert!(count(&bar(10), &bar(13)) > HARD_PX_LIMIT, "three pixels over is a real move");
    let mut marked = bar(10);
    for x in 40..50 {
        for y in 10..15 {
            marked.put_pixel(x, y, Rgb([0, 0, 0]));
        }
    }
    assert_eq!(count(&bar(10), &marked), 50, "a new mark is counted pixel by pixel");
}
