//! Pictures: downsampled to what their placement needs, JPEGs passed
//! through, alpha kept, EXIF orientation honoured, described in the HTML.

use crate::harness::{build, deck, manifest, poppler, root, stderr};

const DECK: &str = "tests/decks/pictures.toml";

/// pdfimages -list rows: (page, type, width, height, encoding).
fn images(pdf: &std::path::Path) -> Vec<(usize, String, u32, u32, String)> {
    poppler("pdfimages", &["-list", pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            (c[0].parse().unwrap(), c[2].to_string(), c[3].parse().unwrap(), c[4].parse().unwrap(), c[8].to_string())
        })
        .collect()
}

#[test]
fn pictures_are_embedded_at_twice_their_placed_size_at_most() {
    let (_dir, pdf, _) = build(DECK);
    let list = images(&pdf);
    // wide.jpg (3000 × 1600) fills the 832 pt body width at most: 2 × 832 pt at 96 dpi.
    let wide: Vec<_> = list.iter().filter(|i| i.2 == 2220).collect();
    assert_eq!(wide.len(), 3, "one picture drawn on three pages: {list:?}");
    // A photo scaled down is a JPEG again, not lossless pixels.
    assert!(wide.iter().all(|i| i.3 == 1184 && i.4 == "jpeg"), "{list:?}");
    // small.jpg is smaller than its placement needs: the file itself, as JPEG.
    assert!(list.iter().any(|i| (i.2, i.3, i.4.as_str()) == (400, 300, "jpeg")), "{list:?}");
    // alpha.png keeps its transparency as a soft mask.
    assert!(list.iter().any(|i| i.1 == "smask" && (i.2, i.3) == (600, 400)), "{list:?}");
}

#[test]
fn a_photo_scaled_down_is_one_jpeg_in_the_pdf_and_the_html() {
    let (dir, pdf, html) = build(DECK);
    let prefix = dir.path().join("wide");
    poppler("pdfimages", &["-j", "-f", "2", "-l", "2", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let jpeg = std::fs::read(dir.path().join("wide-000.jpg")).expect("the page's picture, as the PDF holds it");
    assert!(jpeg.starts_with(&[0xFF, 0xD8]), "a JPEG file");
    assert!(jpeg.len() < 400_000, "{} bytes for 2220 × 1184 px", jpeg.len());
    let html = std::fs::read_to_string(html).unwrap();
    let encoded = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &jpeg);
    assert!(html.contains(&format!("data:image/jpeg;base64,{encoded}\"")), "the HTML carries the same bytes");
}

#[test]
fn exif_orientation_is_applied() {
    let (_dir, pdf, _) = build(DECK);
    // rotated.jpg is stored 500 × 300 with orientation 6: shown 300 wide, 500 high (then downsampled).
    let list = images(&pdf);
    let portrait = list.iter().find(|i| i.0 == 5 && i.1 == "image" && i.2 < i.3);
    assert!(portrait.is_some(), "{list:?}");
}

#[test]
fn check_reports_downsampled_pictures() {
    let out = deck(&root(), &["check", DECK]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("image images/wide.jpg: 3000 × 1600 px, embedded at 2220 × 1184 px"), "{stdout}");
}

#[test]
fn html_pictures_are_data_urls_with_alt_text() {
    let (_dir, _, html) = build(DECK);
    let html = std::fs::read_to_string(html).unwrap();
    // wide.jpg is drawn on three pages: carried once, in the style sheet,
    // and described where it is drawn.
    assert!(html.contains("role=\"img\" aria-label=\"A wide gradient with a yellow disc\""));
    assert!(html.contains("<img class=\"i\" src=\"data:image/jpeg;base64,"));
    assert!(html.contains("<img class=\"i\" src=\"data:image/png;base64,"));
    assert!(html.contains("<div class=\"c\" style=\""), "the cover picture is cropped by a box");
}

#[test]
fn a_missing_picture_is_an_error_naming_the_slide() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"S\"\nbody = \"![gone](nope.png)\"\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: image `nope.png`: no such file\n"), "{err}");
    assert!(err.contains("= in slide 2 (“S”)\n"), "{err}");
}

#[test]
fn a_corrupt_picture_is_an_error() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"bad.png\"\n");
    std::fs::write(dir.path().join("bad.png"), b"\x89PNG\r\n\x1a\nnot really a png").unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: image `bad.png`: cannot decode it: "), "{err}");
    assert!(err.contains("--> deck.toml:6:9"), "{err}");
}

#[test]
fn a_jpeg_cut_short_is_an_error_and_nothing_is_written() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"half.jpg\"\n");
    let whole = std::fs::read(root().join("tests/decks/images/wide.jpg")).unwrap();
    std::fs::write(dir.path().join("half.jpg"), &whole[..whole.len() / 2]).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: image `half.jpg`: the JPEG file is cut short: it has no end-of-image marker
  --> deck.toml:6:9
  |
6 | image = \"half.jpg\"
  |         ^^^^^^^^^^
  |
  = in slide 2

"
    );
    assert!(!dir.path().join("out").exists(), "nothing written");
    // The whole file, with a phone's video after its end, is a picture.
    let mut motion = whole.clone();
    motion.extend_from_slice(b"\0\0\0\x18ftypmp42 not a picture");
    std::fs::write(dir.path().join("half.jpg"), motion).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_picture_whose_data_does_not_decode_is_an_error_at_its_place_and_nothing_is_written() {
    // The header reads (layout places it); the pixels, decoded after
    // layout, do not.
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"mid.png\"\n");
    let mut png = std::fs::read(root().join("tests/decks/images/alpha.png")).unwrap();
    let middle = png.len() / 2;
    png[middle] ^= 0xFF;
    std::fs::write(dir.path().join("mid.png"), png).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("error: image `mid.png`: cannot decode it: "), "{err}");
    assert!(err.contains("--> deck.toml:6:9\n") && err.ends_with("  = in slide 2\n\n"), "{err}");
    assert!(!dir.path().join("out").exists(), "nothing written");
}

/// A photo-like picture: a sky-to-ground gradient under smooth blotches
/// and a sensor's grain (as benches/photos.rs makes them, smaller).
fn photo(width: u32, height: u32) -> image::RgbImage {
    let hash = |x: u32, y: u32| {
        let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
        h ^= h >> 15;
        h = h.wrapping_mul(0x2C1B_3C6D);
        h ^ (h >> 12)
    };
    image::RgbImage::from_fn(width, height, |x, y| {
        let (u, v) = (x as f32 / width as f32, y as f32 / height as f32);
        let t = ((v - 0.45 - 0.1 * (u * 6.0).sin()) * 8.0).clamp(-1.0, 1.0) * 0.5 + 0.5;
        let blotch = 40.0 * ((u * 23.0).sin() * (v * 17.0).cos() + (u * 7.0 + v * 11.0).sin()) / 2.0;
        let grain = (hash(x, y) % 9) as f32 - 4.0;
        let mix = |sky: f32, ground: f32| (sky * (1.0 - t) + ground * t + blotch + grain).clamp(0.0, 255.0) as u8;
        image::Rgb([mix(90.0, 70.0), mix(150.0, 120.0), mix(220.0, 50.0)])
    })
}

/// The mean structural similarity of two grey pictures of one size, over
/// 8 × 8 windows four pixels apart (Wang et al., 2004).
fn ssim(a: &image::GrayImage, b: &image::GrayImage) -> f64 {
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let (w, h) = a.dimensions();
    let mut total = 0.0;
    let mut windows = 0;
    for y in (0..h - 8).step_by(4) {
        for x in (0..w - 8).step_by(4) {
            let pixels = || (0..8).flat_map(move |dy| (0..8).map(move |dx| (x + dx, y + dy)));
            let n = 64.0;
            let mean =
                |img: &image::GrayImage| pixels().map(|(x, y)| f64::from(img.get_pixel(x, y).0[0])).sum::<f64>() / n;
            let (ma, mb) = (mean(a), mean(b));
            let (mut va, mut vb, mut cov) = (0.0, 0.0, 0.0);
            for (x, y) in pixels() {
                let (da, db) = (f64::from(a.get_pixel(x, y).0[0]) - ma, f64::from(b.get_pixel(x, y).0[0]) - mb);
                va += da * da;
                vb += db * db;
                cov += da * db;
            }
            let (va, vb, cov) = (va / (n - 1.0), vb / (n - 1.0), cov / (n - 1.0));
            total += ((2.0 * ma * mb + c1) * (2.0 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            windows += 1;
        }
    }
    total / f64::from(windows)
}

#[test]
fn a_photo_scaled_down_shows_no_visible_loss() {
    // A 2400 × 1600 photo covering an untitled image slide: downsampled to
    // the theme's 192 ppi and encoded again as JPEG.
    let dir = manifest(
        "[deck]\ntitle = \"T\"\ntitle_slide = false\n\n[[slide]]\nlayout = \"image\"\nimage = \"photo.jpg\"\nfit = \"cover\"\n",
    );
    let source = photo(2400, 1600);
    source.save_with_format(dir.path().join("photo.jpg"), image::ImageFormat::Jpeg).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml", "--format", "pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("out/deck.pdf");
    let list = images(&pdf);
    assert!(list[0].2 < 2400 && list[0].4 == "jpeg", "downsampled as JPEG: {list:?}");
    // Cropped to what the slide shows: wider than the photo's 3:2.
    assert!(list[0].2 * 1600 > list[0].3 * 2400 * 11 / 10, "only the part shown is embedded: {list:?}");

    // The page at 96 dpi; the picture fills the rows and columns that are
    // mostly not white.
    let prefix = dir.path().join("page");
    poppler("pdftoppm", &["-r", "96", "-png", "-singlefile", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let page = image::open(dir.path().join("page.png")).unwrap().into_rgb8();
    let coloured = |x: u32, y: u32| page.get_pixel(x, y).0.iter().any(|&c| c < 230);
    let rows: Vec<u32> = (0..page.height())
        .filter(|&y| (0..page.width()).filter(|&x| coloured(x, y)).count() as u32 > page.width() / 2)
        .collect();
    let columns: Vec<u32> = (0..page.width())
        .filter(|&x| (0..page.height()).filter(|&y| coloured(x, y)).count() as u32 > page.height() / 2)
        .collect();
    let (x0, y0) = (columns[0], rows[0]);
    let (w, h) = (columns[columns.len() - 1] - x0 + 1, rows[rows.len() - 1] - y0 + 1);
    let shown = image::imageops::crop_imm(&page, x0, y0, w, h).to_image();

    // The photo scaled and cropped the same way: cover, centred.
    let scale = (w as f32 / 2400.0).max(h as f32 / 1600.0);
    let (sw, sh) = ((2400.0 * scale).round() as u32, (1600.0 * scale).round() as u32);
    let scaled = image::imageops::resize(&source, sw, sh, image::imageops::FilterType::CatmullRom);
    let expected = image::imageops::crop_imm(&scaled, (sw - w) / 2, (sh - h) / 2, w, h).to_image();
    let grey = |img: &image::RgbImage| image::DynamicImage::ImageRgb8(img.clone()).into_luma8();
    let score = ssim(&grey(&shown), &grey(&expected));
    // 0.977 when written; 0.898 with the theme's jpeg_quality at 3.
    assert!(score >= 0.9, "SSIM {score:.3} over {w} × {h} px");
}

#[test]
fn a_picture_drawn_on_every_page_is_carried_once_in_the_html() {
    // A background picture for every bullet slide, and a logo: each is in
    // the HTML once, however many pages draw it.
    let dir = manifest(
        "[deck]\ntitle = \"T\"\n\n[theme]\nlogo = \"logo.png\"\n\n[theme.backgrounds]\nbullets = \"paper.jpg\"\n\n[[slide]]\ntitle = \"One\"\nbody = \"- a\"\n\n[[slide]]\ntitle = \"Two\"\nbody = \"- b\"\n\n[[slide]]\ntitle = \"Three\"\nbody = \"- c\"\n",
    );
    std::fs::copy(root().join("tests/decks/images/small.jpg"), dir.path().join("paper.jpg")).unwrap();
    std::fs::copy(root().join("tests/decks/images/alpha.png"), dir.path().join("logo.png")).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).unwrap();
    let jpeg = std::fs::read(dir.path().join("paper.jpg")).unwrap();
    let encoded = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &jpeg);
    assert_eq!(html.matches(&encoded).count(), 1, "the background's JPEG once");
    assert_eq!(html.matches("data:image/png;base64,").count(), 1, "the logo once");
    // Drawn on every page all the same: the three slides and the title page.
    let class = |name: &str| html.matches(&format!("<div class=\"i {name}\" aria-hidden=\"true\"")).count();
    let classes: Vec<String> = html
        .split("<div class=\"i p")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(|n| format!("p{n}")))
        .collect();
    let mut distinct = classes.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 2, "{classes:?}");
    let counts: Vec<usize> = distinct.iter().map(|c| class(c)).collect();
    assert!(counts.contains(&4) && counts.contains(&3), "logo on 4 pages, background on 3: {counts:?}");
}

#[test]
fn a_photographic_png_becomes_a_jpeg_and_one_with_alpha_or_few_colours_stays_lossless() {
    let dir = manifest(
        "[deck]\ntitle = \"T\"\ntitle_slide = false\n\n[[slide]]\nlayout = \"image\"\nimage = \"photo.png\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"chart.png\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"cutout.png\"\n",
    );
    // A photo saved as PNG (18,596 colours); a bar chart in four colours,
    // edges antialiased by a gradient; the photo with a transparent band.
    let source = photo(1200, 800);
    source.save(dir.path().join("photo.png")).unwrap();
    let chart = image::RgbImage::from_fn(1200, 800, |x, y| {
        let bar = [300, 550, 700, 450][(x / 300) as usize];
        if 800 - y < bar && x % 300 > 40 {
            image::Rgb([40, 90, (x / 300 * 60) as u8])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    chart.save(dir.path().join("chart.png")).unwrap();
    let cutout = image::RgbaImage::from_fn(1200, 800, |x, y| {
        let [r, g, b] = source.get_pixel(x, y).0;
        image::Rgba([r, g, b, if x < 200 { 0 } else { 255 }])
    });
    cutout.save(dir.path().join("cutout.png")).unwrap();
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("out/deck.pdf");
    let list = images(&pdf);
    let on = |page: usize| list.iter().filter(|i| i.0 == page).collect::<Vec<_>>();
    assert!(matches!(on(1)[..], [i] if (i.2, i.3, i.4.as_str()) == (1200, 800, "jpeg")), "{list:?}");
    assert!(matches!(on(2)[..], [i] if i.1 == "image" && i.4 != "jpeg"), "{list:?}");
    assert!(on(3).iter().any(|i| i.1 == "smask") && on(3).iter().all(|i| i.4 != "jpeg"), "{list:?}");

    // The JPEG as the PDF holds it (/DCTDecode) reads back as the photo.
    let prefix = dir.path().join("photo");
    poppler("pdfimages", &["-j", "-f", "1", "-l", "1", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    let jpeg = std::fs::read(dir.path().join("photo-000.jpg")).expect("the page's picture as a JPEG file");
    let png = std::fs::metadata(dir.path().join("photo.png")).unwrap().len() as usize;
    assert!(jpeg.len() * 2 <= png, "{} bytes as JPEG, {png} as PNG", jpeg.len());
    let shown = image::load_from_memory(&jpeg).unwrap().into_luma8();
    let score = ssim(&shown, &image::DynamicImage::ImageRgb8(source).into_luma8());
    // 0.922 when written (the grain is what JPEG loses); the issue's bar
    // for no visible loss is 0.9.
    assert!(score >= 0.9, "SSIM {score:.3}");
    // The HTML carries the same JPEG, and the other two as PNG.
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).unwrap();
    let encoded = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &jpeg);
    assert!(html.contains(&format!("data:image/jpeg;base64,{encoded}\"")), "the HTML carries the same bytes");
    assert_eq!(html.matches("data:image/png;base64,").count(), 2);
}
