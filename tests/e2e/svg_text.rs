//! The text inside SVG pictures: set by deck in its own faces where usvg
//! drew it, so that a search finds it and a copy takes it, on every path
//! a picture takes; what cannot be set again exactly stays in the drawing.

use std::path::{Path, PathBuf};

use crate::harness::{deck, normalize, pdf_text, poppler, root, stderr};

/// `tests/decks/svg/labels.svg`: a chart's kinds of text (a title, bold,
/// centred, code, letter-spaced, placed word by word, turned).
fn labels_svg() -> String {
    std::fs::read_to_string(root().join("tests/decks/svg/labels.svg")).expect("labels.svg")
}

/// The same drawing with its text inside a group faded by a thousandth:
/// usvg draws the same letters, and deck leaves them in the drawing.
fn faded(svg: &str) -> String {
    let (start, end) = (svg.find("  <text").expect("text"), svg.rfind("</svg>").expect("end"));
    format!("{}<g opacity=\"0.999\">\n{}</g>\n{}", &svg[..start], &svg[start..end], &svg[end..])
}

/// A deck of one slide per `(file, svg)` picture in a body, built to
/// PDF and HTML.
fn built(pictures: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, String) {
    let mut toml = String::from("[deck]\ntitle = \"Labels\"\n");
    for (file, _) in pictures {
        toml.push_str(&format!("\n[[slide]]\ntitle = \"{file}\"\nbody = \"![A chart]({file})\"\n"));
    }
    let dir = crate::harness::manifest(&toml);
    for (file, svg) in pictures {
        std::fs::write(dir.path().join(file), svg).expect("write svg");
    }
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).expect("the HTML");
    let pdf = dir.path().join("out/deck.pdf");
    (dir, pdf, html)
}

/// Page `page` at 144 dpi, grey, blurred by 1.5 pixels: what is left of a
/// difference between two renderings is where their ink lies, not how
/// text and outlines are smoothed.
fn page_ink(pdf: &Path, page: usize) -> image::GrayImage {
    let dir = tempfile::tempdir().expect("temp dir");
    let prefix = dir.path().join("p");
    let n = page.to_string();
    let args = ["-r", "144", "-gray", "-png", "-f", &n, "-l", &n, "-singlefile"];
    let args: Vec<&str> = args.iter().copied().chain([pdf.to_str().unwrap(), prefix.to_str().unwrap()]).collect();
    poppler("pdftoppm", &args);
    let page = image::open(dir.path().join("p.png")).expect("the rendered page").into_luma8();
    image::imageops::blur(&page, 1.5)
}

#[test]
fn an_svgs_text_is_searchable_and_sits_where_the_drawing_had_it() {
    let svg = labels_svg();
    let (_dir, pdf, html) = built(&[("lifted.svg", &svg), ("faded.svg", &faded(&svg))]);
    let lifted = normalize(&pdf_text(&pdf, Some(2)));
    for words in ["Arrivals by region", "Bold, red", "Centred", "code_label = 42", "Left", "Placed"] {
        assert!(lifted.contains(&normalize(words)), "{words} in:\n{lifted}");
    }
    // Each letter placed on its own, where the spacing put it.
    assert!(lifted.contains("Spacedout"), "{lifted}");
    assert!(!lifted.contains("Turned"), "turned text stays in the drawing:\n{lifted}");
    let faded_text = pdf_text(&pdf, Some(3));
    assert!(!faded_text.contains("Arrivals"), "faded text stays in the drawing:\n{faded_text}");
    // In the faces it asked for: the code face for monospace.
    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("JetBrainsMono-Regular") && fonts.contains("Inter-Bold"), "{fonts}");
    // The HTML sets it over the drawing too, which no longer has it.
    for words in [">Arrivals by region<", ">Bold, red<", ">code_label = 42<", ">Placed<"] {
        assert!(html.contains(words), "{words} in the HTML");
    }
    // Where the drawing had it: the two pages' ink differs by smoothing
    // alone (a glyph one pixel off doubles the difference).
    let (a, b) = (page_ink(&pdf, 2), page_ink(&pdf, 3));
    let top = a.height() / 4;
    let (mut ink, mut moved) = (0u32, 0u32);
    for y in top..a.height() * 7 / 8 {
        for x in 0..a.width() {
            let (p, q) = (a.get_pixel(x, y).0[0], b.get_pixel(x, y).0[0]);
            ink += u32::from(p < 128);
            moved += u32::from(p.abs_diff(q) > 40);
        }
    }
    assert!(ink > 5000, "the picture's text is on the page: {ink}");
    let ratio = f64::from(moved) / f64::from(ink);
    assert!(ratio < 0.3, "lifted text sits on the drawing's letters: {moved} of {ink} pixels moved ({ratio:.2})");
}

#[test]
fn a_cropped_pictures_text_is_cropped_with_it_and_a_logos_is_on_every_page() {
    // A banner far wider than the slide, covering it: its left end is cut
    // off. The logo's name is set on every page, as page furniture.
    let banner = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"3000\" height=\"300\" viewBox=\"0 0 3000 300\">\
                  <rect width=\"3000\" height=\"300\" fill=\"#dde6f3\"/>\
                  <text x=\"20\" y=\"160\" font-size=\"48\">Cut off the left</text>\
                  <text x=\"1500\" y=\"160\" font-size=\"48\" text-anchor=\"middle\">Kept in the middle</text></svg>";
    let logo = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"40\" viewBox=\"0 0 160 40\">\
                <text x=\"4\" y=\"30\" font-size=\"28\" font-weight=\"bold\" fill=\"#2a6fdb\">Forum</text></svg>";
    let dir = crate::harness::manifest(
        "[deck]\ntitle = \"Cropped\"\n\n[theme]\nlogo = \"logo.svg\"\n\n\
         [[slide]]\nlayout = \"image\"\nimage = \"banner.svg\"\nfit = \"cover\"\n\n\
         [[slide]]\ntitle = \"After\"\nbody = \"- A point\"\n",
    );
    std::fs::write(dir.path().join("banner.svg"), banner).expect("write");
    std::fs::write(dir.path().join("logo.svg"), logo).expect("write");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("out/deck.pdf");
    let cover = pdf_text(&pdf, Some(2));
    assert!(cover.contains("Kept in the middle"), "{cover}");
    assert!(!cover.contains("Cut off"), "what the crop hides is not found either:\n{cover}");
    for page in 1..=3 {
        assert!(pdf_text(&pdf, Some(page)).contains("Forum"), "the logo's name on page {page}");
    }
    let html = std::fs::read_to_string(dir.path().join("out/deck.html")).expect("the HTML");
    assert!(html.contains(">Kept in the middle<") && !html.contains("Cut off"), "the HTML crops it the same");
    assert_eq!(html.matches(">Forum<").count(), 3, "the logo's name on every slide of the HTML");
}

#[test]
fn text_a_clip_path_cuts_stays_in_the_drawing() {
    // A clip holding its text whole lets it be set; one that cuts it, or
    // leaves nothing of it, keeps it in the drawing (where the clip works).
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"300\" viewBox=\"0 0 600 300\">\
               <clipPath id=\"all\"><rect x=\"0\" y=\"0\" width=\"600\" height=\"150\"/></clipPath>\
               <clipPath id=\"half\"><rect x=\"0\" y=\"150\" width=\"90\" height=\"150\"/></clipPath>\
               <clipPath id=\"none\"><rect x=\"400\" y=\"200\" width=\"10\" height=\"10\"/></clipPath>\
               <g clip-path=\"url(#all)\"><text x=\"20\" y=\"80\" font-size=\"40\">Wholly inside</text></g>\
               <g clip-path=\"url(#half)\"><text x=\"20\" y=\"220\" font-size=\"40\">Cut in two</text></g>\
               <g clip-path=\"url(#all)\"><g clip-path=\"url(#none)\"><text x=\"20\" y=\"120\" font-size=\"30\">Nowhere</text></g></g>\
               </svg>";
    let (_dir, pdf, html) = built(&[("clipped.svg", svg)]);
    let text = pdf_text(&pdf, Some(2));
    assert!(text.contains("Wholly inside"), "{text}");
    assert!(!text.contains("Cut in") && !text.contains("Nowhere"), "{text}");
    assert!(!html.contains(">Cut in two<") && !html.contains(">Nowhere<"), "cut text is not set in the HTML either");
}
