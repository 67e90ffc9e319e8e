//! SVG pictures: vectors in the PDF (no raster image made of them), their
//! text set in the deck's faces, the same drawing in the HTML with
//! nothing of the file but what it draws, and every bad file refused
//! with its name and why.

use std::path::Path;

use base64::Engine;

use crate::harness::{Deck, build, manifest, poppler, root};

const DECK: &str = "tests/decks/svg.toml";

/// The SVG files the HTML carries, decoded.
fn html_svgs(html: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(html).expect("the HTML");
    // An `<img>` drawn once, or a style sheet class for one drawn more often.
    html.split("data:image/svg+xml;base64,")
        .skip(1)
        .map(|rest| {
            let data = &rest[..rest.find('"').expect("the URL ends")];
            let bytes = base64::engine::general_purpose::STANDARD.decode(data).expect("base64");
            String::from_utf8(bytes).expect("UTF-8 SVG")
        })
        .collect()
}

/// The page rendered at 72 dpi (one pixel a point).
fn page_pixels(pdf: &Path, page: usize) -> image::RgbImage {
    let dir = tempfile::tempdir().expect("temp dir");
    let prefix = dir.path().join("p");
    let n = page.to_string();
    poppler(
        "pdftoppm",
        &["-r", "72", "-png", "-f", &n, "-l", &n, "-singlefile"]
            .iter()
            .copied()
            .chain([pdf.to_str().unwrap(), prefix.to_str().unwrap()])
            .collect::<Vec<_>>(),
    );
    image::open(dir.path().join("p.png")).expect("the rendered page").into_rgb8()
}

#[test]
fn svg_pictures_are_vectors_in_the_pdf_and_keep_their_pictures_as_they_are() {
    let (_dir, pdf, _) = build(DECK);
    // The only raster image is the JPEG inside picture.svg, embedded as
    // the JPEG it is; no SVG became pixels.
    let list = poppler("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = list.lines().skip(2).map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows.len(), 1, "{list}");
    assert_eq!((rows[0][0], rows[0][3], rows[0][4], rows[0][8]), ("5", "400", "300", "jpeg"), "{list}");
    // Every picture is a form of vector drawing on the page.
    let doc = lopdf::Document::load(&pdf).expect("lopdf reads the PDF");
    let forms = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Form"))
        .count();
    assert!(forms >= 4, "shapes, chart, picture and logo are forms: {forms}");
}

#[test]
fn svg_drawings_are_drawn_where_they_are_placed() {
    let (_dir, pdf, _) = build(DECK);
    // Slide 3 covers the body with shapes.svg: sky blue at the top, the
    // hill green at the bottom, the sun's orange on the right.
    let page = page_pixels(&pdf, 3);
    let (w, h) = page.dimensions();
    let at = |x: f32, y: f32| page.get_pixel((w as f32 * x) as u32, (h as f32 * y) as u32).0.map(i32::from);
    let [r, g, b] = at(0.45, 0.12);
    assert!(b > r + 80 && b > g, "sky at the top: {:?}", [r, g, b]);
    let [r, g, b] = at(0.1, 0.8);
    assert!(g > r + 40 && g > b, "hill at the bottom: {:?}", [r, g, b]);
    let [r, g, b] = at(0.7, 0.38);
    assert!(r > 200 && g > 120 && b < 120, "the sun: {:?}", [r, g, b]);
    // The logo on the title page's top-right corner: the theme's blue.
    let title = page_pixels(&pdf, 1);
    let (w, _) = title.dimensions();
    let blue = (w - 80..w).flat_map(|x| (0..60).map(move |y| (x, y))).filter(|&(x, y)| {
        let [r, g, b] = title.get_pixel(x, y).0.map(i32::from);
        b > 150 && r < 80 && g < 130
    });
    assert!(blue.count() > 100, "the SVG logo is drawn");
}

#[test]
fn text_inside_an_svg_is_set_in_the_decks_faces() {
    let (_dir, pdf, html) = build(DECK);
    // shapes.svg asks for Helvetica and the chart for DejaVu Sans: no font
    // but the deck's own is in the PDF, and none is asked of the browser.
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    for line in fonts.lines().skip(2) {
        let name = line.split_whitespace().next().unwrap_or("");
        assert!(name.contains("Inter") || name.contains("JetBrainsMono"), "{fonts}");
    }
    for svg in html_svgs(&html) {
        assert!(!svg.contains("<text"), "text drawn as outlines: {svg}");
        assert!(!svg.contains("font-family"), "no font asked of the browser");
    }
}

#[test]
fn the_html_carries_each_svg_as_it_is_drawn_with_its_alt_text() {
    let (_dir, _, html) = build(DECK);
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.contains("alt=\"A bar chart of participating states, 2007 to 2019\""), "alt text kept");
    let svgs = html_svgs(&html);
    assert!(svgs.len() >= 4, "{} SVG pictures", svgs.len());
    for svg in &svgs {
        assert!(svg.starts_with("<svg"), "{svg}");
    }
    // The JPEG inside picture.svg travels inside its SVG.
    assert!(svgs.iter().any(|s| s.contains("data:image/jpeg;base64,")), "the embedded JPEG");
}

#[test]
fn nothing_of_a_hostile_svg_but_its_drawing_reaches_the_outputs() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"art/hostile.svg\"\n");
    std::fs::create_dir(dir.path().join("art")).unwrap();
    std::fs::copy(root().join("tests/decks/svg/hostile.svg"), dir.path().join("art/hostile.svg")).unwrap();
    let ran = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).succeeds();
    let err = ran.stderr();
    assert!(
        err.contains(
            "warning: image `art/hostile.svg`: its picture `https://example.com/tracker.png` is a URL, which deck does not fetch: left out\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("warning: image `art/hostile.svg`: its picture `../../../../etc/hostname`: it is outside the deck's folder `"),
        "{err}"
    );
    let svgs = html_svgs(&dir.path().join("out/deck.html"));
    assert_eq!(svgs.len(), 1);
    let svg = svgs[0].to_ascii_lowercase();
    for gone in
        ["script", "onload", "onclick", "alert", "javascript", "foreignobject", "example.com", "hostname", "<a "]
    {
        assert!(!svg.contains(gone), "{gone} in {svg}");
    }
    // The red rectangle is still drawn.
    assert!(svg.contains("#dc2626"), "{svg}");
}

/// Build a deck whose image slide shows `file` holding `bytes`; it must
/// fail, and its first line is returned. Nothing may be left in `out/`.
fn refused(file: &str, bytes: &[u8]) -> String {
    let dir = manifest(&format!("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"{file}\"\n"));
    std::fs::write(dir.path().join(file), bytes).unwrap();
    let err = Deck::in_dir(dir.path()).args(["build", "deck.toml"]).fails(1).stderr();
    assert!(!dir.path().join("out").exists(), "no output left");
    err.lines().next().unwrap_or("").to_string()
}

#[test]
fn an_svg_that_is_not_xml_is_refused_where_it_breaks() {
    assert_eq!(
        refused("broken.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>"),
        "error: image `broken.svg`: not an SVG file: expected 'g' tag, not 'svg' at 1:44"
    );
    assert_eq!(
        refused("latin1.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><title>\xe9</title></svg>"),
        "error: image `latin1.svg`: not an SVG file: not UTF-8 text (byte 0xE9 at line 1, column 48)"
    );
    assert_eq!(
        refused("html.svg", b"<html><body>not a drawing</body></html>"),
        "error: image `html.svg`: not an SVG file: the root element is <html>, not <svg>"
    );
}

#[test]
fn svg_work_is_bounded_however_the_file_is_made() {
    // Entities expanding into entities ("billion laughs").
    let mut laughs = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY a \"aaaaaaaaaa\">\n");
    for (name, inner) in ["b", "c", "d", "e", "f", "g", "h"].iter().zip(["a", "b", "c", "d", "e", "f", "g"]) {
        laughs.push_str(&format!("<!ENTITY {name} \"{}\">\n", format!("&{inner};").repeat(10)));
    }
    laughs.push_str("]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&h;</text></svg>");
    assert_eq!(
        refused("laughs.svg", laughs.as_bytes()),
        "error: image `laughs.svg`: its XML entities expand into each other too far (at 4:31)"
    );
    // Nesting that would overflow a recursive parser's stack.
    let deep =
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\">{}{}</svg>", "<g>".repeat(100_000), "</g>".repeat(100_000));
    assert_eq!(
        refused("deep.svg", deep.as_bytes()),
        "error: image `deep.svg`: its elements nest more than 256 deep, more than deck reads"
    );
    // Too many elements.
    let many = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\">{}</svg>",
        "<rect width=\"1\" height=\"1\"/>".repeat(260_000)
    );
    assert_eq!(
        refused("many.svg", many.as_bytes()),
        "error: image `many.svg`: the SVG has more than 250000 XML nodes, more than deck reads"
    );
    // A small .svgz holding hundreds of megabytes.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, b"<svg xmlns=\"http://www.w3.org/2000/svg\">").unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..64 {
        std::io::Write::write_all(&mut gz, &spaces).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 200_000, "{} bytes", bomb.len());
    assert_eq!(refused("bomb.svgz", &bomb), "error: image `bomb.svgz`: the .svgz file holds more than 32 MB of SVG");
}

#[test]
fn groups_nest_as_deep_as_a_pdf_draws_and_no_deeper() {
    let nested = |levels: usize| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">{}<rect width=\"5\" height=\"5\"/>{}</svg>",
            "<g opacity=\"0.9\">".repeat(levels),
            "</g>".repeat(levels)
        )
    };
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[[slide]]\nlayout = \"image\"\nimage = \"n.svg\"\n");
    std::fs::write(dir.path().join("n.svg"), nested(25)).unwrap();
    Deck::in_dir(dir.path()).args(["build", "deck.toml"]).succeeds();
    assert_eq!(
        refused("n.svg", nested(26).as_bytes()),
        "error: image `n.svg`: its groups nest 27 deep, more than the 26 a PDF draws: ungroup some in the drawing program"
    );
}

#[test]
fn svg_text_in_scripts_the_deck_lacks_is_drawn_from_the_machines_fonts() {
    // Arabic and Chinese in an SVG whose deck text is Latin only: drawn
    // with the machine's fonts, and left out without them.
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"120\" viewBox=\"0 0 400 120\">\
               <text x=\"20\" y=\"70\" font-size=\"40\" font-family=\"sans-serif\">\u{645}\u{631}\u{62D}\u{628}\u{627} \u{4E2D}\u{6587}</text></svg>";
    let page = |system: bool| {
        let dir = crate::harness::manifest(&format!(
            "[deck]\ntitle = \"S\"\n\n[output]\nsystem_fonts = {system}\n\n[[slide]]\ntitle = \"Chart\"\nbody = \"![chart](chart.svg)\"\n"
        ));
        std::fs::write(dir.path().join("chart.svg"), svg).unwrap();
        let out = crate::harness::deck(dir.path(), &["build", "deck.toml", "--format", "pdf"]);
        assert!(out.status.success(), "{}", crate::harness::stderr(&out));
        page_pixels(&dir.path().join("out/deck.pdf"), 2)
    };
    // Without them the letters are the text face's empty boxes.
    let (with, without) = (page(true), page(false));
    let changed = with
        .pixels()
        .zip(without.pixels())
        .filter(|(a, b)| a.0.iter().zip(b.0).any(|(x, y)| x.abs_diff(y) > 64))
        .count();
    assert!(changed > 300, "the words drawn from the machine's fonts: {changed} pixels differ");
}

#[test]
fn a_deck_of_svg_pictures_builds_to_the_same_bytes_every_time() {
    // svg2pdf lists a form's resources in an order that changes from
    // process to process: each build of five would differ from the first
    // with a chance of at least three in four.
    let builds: Vec<_> = (0..5).map(|_| build(DECK)).collect();
    let read = |path: &Path| std::fs::read(path).expect("an output");
    let (pdf, html) = (read(&builds[0].1), read(&builds[0].2));
    for (k, (_dir, other_pdf, other_html)) in builds.iter().enumerate().skip(1) {
        assert!(read(other_pdf) == pdf, "build {} wrote another PDF", k + 1);
        assert!(read(other_html) == html, "build {} wrote another HTML", k + 1);
    }
}
