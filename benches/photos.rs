//! Writes photo-like JPEGs for the picture benchmarks: `cargo run --release
//! --example photos -- DIR COUNT [WIDTH HEIGHT]` (default ten 4000 × 3000,
//! a 12-megapixel phone's size). Each is a sky-to-ground gradient under
//! several octaves of value noise and a sensor's grain, encoded at quality
//! 90: about as large, and as hard to compress, as a camera's own file.

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().map_or("photos", String::as_str));
    let count: u32 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    let width: u32 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(4000);
    let height: u32 = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(3000);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    for n in 0..count {
        let pixels = image::RgbImage::from_fn(width, height, |x, y| photo(n, x, y, width, height));
        let path = dir.join(format!("photo-{n:03}.jpg"));
        let file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(std::io::BufWriter::new(file), 90);
        encoder.encode_image(&pixels).unwrap_or_else(|e| panic!("cannot encode {}: {e}", path.display()));
        println!("{}", path.display());
    }
}

/// Photo `n`'s pixel at (`x`, `y`).
fn photo(n: u32, x: u32, y: u32, width: u32, height: u32) -> image::Rgb<u8> {
    let (u, v) = (x as f32 / width as f32, y as f32 / height as f32);
    let hue = n as f32 * 0.37;
    let sky = [90.0 + 60.0 * hue.sin(), 140.0 + 40.0 * (hue * 1.3).cos(), 220.0];
    let ground = [70.0 + 50.0 * (hue * 0.7).cos(), 110.0 + 30.0 * hue.sin(), 50.0];
    let horizon = 0.45 + 0.1 * (u * 6.0 + hue).sin();
    let t = ((v - horizon) * 8.0).clamp(-1.0, 1.0) * 0.5 + 0.5;
    let mut detail = 0.0;
    let mut amplitude = 48.0;
    let mut scale = 24.0;
    for octave in 0..5 {
        detail += amplitude * (noise(u * scale, v * scale * 0.75, n * 8 + octave) - 0.5);
        amplitude *= 0.55;
        scale *= 2.3;
    }
    let grain = (hash(x, y, n) % 9) as f32 - 4.0;
    let channel = |c: usize| (sky[c] * (1.0 - t) + ground[c] * t + detail + grain).clamp(0.0, 255.0) as u8;
    image::Rgb([channel(0), channel(1), channel(2)])
}

/// Smooth value noise in 0..1.
fn noise(x: f32, y: f32, seed: u32) -> f32 {
    let (xi, yi) = (x.floor(), y.floor());
    let (fx, fy) = (x - xi, y - yi);
    let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
    let at = |dx: u32, dy: u32| (hash(xi as u32 + dx, yi as u32 + dy, seed) % 1024) as f32 / 1023.0;
    let top = at(0, 0) + (at(1, 0) - at(0, 0)) * sx;
    let bottom = at(0, 1) + (at(1, 1) - at(0, 1)) * sx;
    top + (bottom - top) * sy
}

fn hash(x: u32, y: u32, seed: u32) -> u32 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ seed.wrapping_mul(0xC2B2_AE3D);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^ (h >> 12)
}
