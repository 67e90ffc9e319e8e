//! The PDF for distribution: outline, page labels, links, metadata, size,
//! validity.

use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object};

use crate::harness::{build, pdfinfo_field, root};

/// An item's /Title: a PDF text string, in PDFDocEncoding or UTF-16.
pub(crate) fn title(item: &lopdf::Dictionary) -> String {
    item.get(b"Title").and_then(lopdf::decode_text_string).unwrap_or_default()
}

/// A dictionary given directly or by reference.
fn dict<'a>(doc: &'a Document, object: &'a Object) -> &'a lopdf::Dictionary {
    match object {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        other => other.as_dict().unwrap(),
    }
}

/// (depth, title, 1-based page) for every outline item, in order.
pub(crate) fn outline(doc: &Document) -> Vec<(usize, String, usize)> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let mut out = Vec::new();
    let root = doc.catalog().unwrap().get(b"Outlines").and_then(Object::as_reference).unwrap();
    fn walk(
        doc: &Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        pages: &[lopdf::ObjectId],
        out: &mut Vec<(usize, String, usize)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let item = doc.get_dictionary(id).unwrap();
            let dest = item.get(b"Dest").and_then(Object::as_array).unwrap();
            let page = pages.iter().position(|p| *p == dest[0].as_reference().unwrap()).unwrap() + 1;
            out.push((depth, title(item), page));
            walk(doc, item.get(b"First").and_then(Object::as_reference).ok(), depth + 1, pages, out);
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    let first = doc.get_dictionary(root).unwrap().get(b"First").and_then(Object::as_reference).ok();
    walk(doc, first, 0, &pages, &mut out);
    out
}

#[test]
fn the_outline_nests_slides_under_sections_and_continuations_under_slides() {
    let (_dir, pdf, _) = build("decks/gfmd/briefing.toml");
    let doc = Document::load(&pdf).unwrap();
    let items = outline(&doc);
    assert_eq!(items[0], (0, "Global Forum on Migration and Development".into(), 1));
    assert_eq!(items[2], (0, "GFMD I in Brussels".into(), 3));
    assert_eq!(items[3], (1, "GFMD I: Brussels 2007".into(), 4));
    assert_eq!(items.last().unwrap(), &(1, "PLEASE\u{2026}".to_string(), 25));
    let (_dir, pdf, _) = build("tests/decks/overflow.toml");
    let items = outline(&Document::load(&pdf).unwrap());
    assert_eq!(items[1], (0, "Long ordered list (1/4)".into(), 2));
    assert_eq!(items[2], (1, "Long ordered list (2/4)".into(), 3));
}

#[test]
fn page_labels_are_the_slide_numbers() {
    let (_dir, pdf, _) = build("decks/gfmd/briefing.toml");
    let doc = Document::load(&pdf).unwrap();
    let labels = doc.catalog().unwrap().get(b"PageLabels").and_then(Object::as_dict).unwrap();
    let nums = labels.get(b"Nums").and_then(Object::as_array).unwrap();
    assert_eq!(nums[0].as_i64().unwrap(), 0);
    let style = nums[1].as_dict().unwrap();
    assert_eq!(style.get(b"S").and_then(Object::as_name).unwrap(), b"D");
    assert!(style.get(b"St").is_err(), "numbering starts at 1, as on the slides");
}

#[test]
fn links_go_to_slides_and_urls_over_their_text() {
    let (_dir, pdf, html) = build("tests/decks/links.toml");
    let doc = Document::load(&pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let mut found = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let Ok(annots) = doc.get_dictionary(*page).unwrap().get(b"Annots").and_then(Object::as_array) else { continue };
        for a in annots {
            let annot = dict(&doc, a);
            let action = annot.get(b"A").and_then(Object::as_dict).unwrap();
            let target = match action.get(b"URI") {
                Ok(uri) => String::from_utf8_lossy(uri.as_str().unwrap()).into_owned(),
                Err(_) => {
                    let dest = action.get(b"D").and_then(Object::as_array).unwrap();
                    let to = pages.iter().position(|p| *p == dest[0].as_reference().unwrap()).unwrap() + 1;
                    format!("page {to}")
                }
            };
            // Each says what it links, for screen readers.
            let text = annot.get(b"Contents").and_then(lopdf::decode_text_string).unwrap_or_default();
            found.push((n + 1, target, text));
        }
    }
    // The agenda (page 2) links to both sections; page 4 links back and out.
    assert_eq!(
        found,
        [
            (2, "page 3".into(), "Part one".into()),
            (2, "page 5".into(), "Part two".into()),
            (4, "page 3".into(), "back to part one".into()),
            (4, "https://example.org".into(), "the web".into())
        ]
    );
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("href=\"#3\""));
}

#[test]
fn metadata_is_complete_and_dated_from_the_deck_never_the_clock() {
    let (_dir, pdf, _) = build("tests/decks/links.toml");
    assert_eq!(pdfinfo_field(&pdf, "Keywords"), "migration,GFMD");
    assert_eq!(pdfinfo_field(&pdf, "CreationDate"), "Mon Dec 17 00:00:00 2007 UTC");
    assert_eq!(pdfinfo_field(&pdf, "Creator"), format!("deck {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(pdfinfo_field(&pdf, "PDF version"), "1.7");
    let info = crate::harness::poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(!info.contains("PDF/X") && !info.contains("PDF/A"), "{info}");
    let doc = Document::load(&pdf).unwrap();
    let prefs = doc.catalog().unwrap().get(b"ViewerPreferences").and_then(Object::as_dict).unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
}

#[test]
fn the_decks_own_date_dates_the_pdf_and_source_date_epoch_only_a_deck_without_one() {
    let dir = crate::harness::manifest("[deck]\ntitle = \"Undated\"\ndate = \"Spring, some year\"\n");
    let epoch_2020 = "1577836800";
    let build = |manifest: &Path, epoch: Option<&str>, out: &str| {
        let mut command = crate::harness::deck_command(&root());
        command.arg("build").arg(manifest).args(["--format", "pdf", "--out-dir"]).arg(dir.path().join(out));
        command.env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            command.env("SOURCE_DATE_EPOCH", epoch);
        }
        let built = command.output().unwrap();
        assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    };
    // The GFMD deck is dated 17 December 2007: an epoch in 2020 changes nothing.
    build(Path::new("decks/gfmd/briefing.toml"), Some(epoch_2020), "dated");
    assert_eq!(pdfinfo_field(&dir.path().join("dated/briefing.pdf"), "CreationDate"), "Mon Dec 17 00:00:00 2007 UTC");
    // A date that is no calendar date: the epoch dates the file; without it nothing does.
    let undated = dir.path().join("deck.toml");
    build(&undated, Some(epoch_2020), "epoch");
    assert_eq!(pdfinfo_field(&dir.path().join("epoch/deck.pdf"), "CreationDate"), "Wed Jan  1 00:00:00 2020 UTC");
    build(&undated, None, "none");
    let info = crate::harness::poppler("pdfinfo", &[dir.path().join("none/deck.pdf").to_str().unwrap()]);
    assert!(!info.contains("CreationDate:") && !info.contains("ModDate:"), "{info}");
}

#[test]
fn a_rebuild_replaces_both_outputs_and_leaves_nothing_else() {
    let slide = |title: &str| format!("[deck]\ntitle = \"T\"\n\n[[slide]]\ntitle = \"{title}\"\n");
    let dir = crate::harness::manifest(&slide("Brussels"));
    let first = crate::harness::deck(dir.path(), &["build", "deck.toml"]);
    assert!(first.status.success(), "{}", crate::harness::stderr(&first));
    std::fs::write(dir.path().join("deck.toml"), slide("Manila")).unwrap();
    let second = crate::harness::deck(dir.path(), &["build", "deck.toml"]);
    assert!(second.status.success(), "{}", crate::harness::stderr(&second));
    let out = dir.path().join("out");
    let text = crate::harness::pdf_text(&out.join("deck.pdf"), None);
    assert!(text.contains("Manila") && !text.contains("Brussels"), "{text}");
    let html = std::fs::read_to_string(out.join("deck.html")).unwrap();
    assert!(html.contains("Manila") && !html.contains("Brussels"));
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["deck.html", "deck.pdf"], "no temporary or previous file is left");
}

#[test]
fn the_gfmd_pdf_is_small_and_valid() {
    let (_dir, pdf, _) = build("decks/gfmd/briefing.toml");
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size <= 100_000, "GFMD PDF is {size} bytes");
    let qpdf = Command::new("qpdf").arg("--check").arg(&pdf).output().expect("qpdf runs (install Debian's qpdf)");
    assert!(qpdf.status.success(), "{}", String::from_utf8_lossy(&qpdf.stdout));
    let mutool = Command::new("mutool")
        .args(["draw", "-q", "-o", "/dev/null"])
        .arg(&pdf)
        .output()
        .expect("mutool runs (install Debian's mupdf-tools)");
    assert!(mutool.status.success());
    // Debian's mutool is built without colour management and says so on
    // every run: that line is about the tool, not the file.
    let stderr = String::from_utf8_lossy(&mutool.stderr);
    let warnings: Vec<&str> =
        stderr.lines().filter(|l| !l.trim().is_empty() && !l.contains("ICC support is not available")).collect();
    assert!(warnings.is_empty(), "mutool: {warnings:?}");
}

/// Build a deck with extra flags into a fresh folder.
fn build_with(manifest: &str, flags: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["build", manifest, "--format", "pdf", "--out-dir", out.path().to_str().unwrap()];
    args.extend_from_slice(flags);
    let result = crate::harness::deck(&root(), &args);
    assert!(result.status.success(), "{}", crate::harness::stderr(&result));
    out
}

#[test]
fn notes_pages_put_each_slide_over_its_notes() {
    let out = build_with("decks/gfmd/briefing.toml", &["--notes"]);
    let notes = out.path().join("briefing-notes.pdf");
    assert_eq!(crate::harness::page_count(&notes), 25);
    assert_eq!(pdfinfo_field(&notes, "Page size"), "595.28 x 841.89 pts (A4)");
    let text = crate::harness::pdf_text(&notes, Some(2));
    let slide = text.find("Initiative of Belgium").expect("the slide");
    let note = text.find("The Forum grew out of the 2006 UN General Assembly").expect("its notes");
    assert!(slide < note, "notes below the slide:\n{text}");
}

#[test]
fn handouts_hold_n_slides_per_sheet_as_vectors_with_working_links() {
    for (n, sheets) in [(1, 5), (2, 3), (3, 2), (4, 2), (6, 1)] {
        let out = build_with("tests/decks/links.toml", &["--handout", &n.to_string(), "--paper", "letter"]);
        let handout = out.path().join("links-handout.pdf");
        assert_eq!(crate::harness::page_count(&handout), sheets, "{n} per sheet");
        assert_eq!(pdfinfo_field(&handout, "Page size"), "612 x 792 pts (letter)");
        // Vectors, not pictures: the slides' text is text, and no image is embedded.
        assert!(crate::harness::pdf_text(&handout, Some(1)).contains("Links"));
        assert_eq!(crate::harness::poppler("pdfimages", &["-list", handout.to_str().unwrap()]).lines().count(), 2);
        let doc = Document::load(&handout).unwrap();
        let annots: usize = doc
            .get_pages()
            .values()
            .filter_map(|p| doc.get_dictionary(*p).unwrap().get(b"Annots").ok())
            .map(|a| a.as_array().unwrap().len())
            .sum();
        assert_eq!(annots, 4, "the agenda's and the slide's links survive at {n} per sheet");
    }
}

/// Roles of the structure elements under the document, depth-first, with
/// their alt text.
pub(crate) fn structure(doc: &Document) -> Vec<(String, Option<String>)> {
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").and_then(Object::as_reference).unwrap();
    let document = doc.get_dictionary(root).unwrap().get(b"K").and_then(Object::as_reference).unwrap();
    let mut out = Vec::new();
    fn walk(doc: &Document, id: lopdf::ObjectId, out: &mut Vec<(String, Option<String>)>) {
        let elem = doc.get_dictionary(id).unwrap();
        let role = String::from_utf8_lossy(elem.get(b"S").and_then(Object::as_name).unwrap()).into_owned();
        let alt = elem.get(b"Alt").ok().map(|a| lopdf::decode_text_string(a).unwrap());
        out.push((role, alt));
        if let Ok(kids) = elem.get(b"K").and_then(Object::as_array) {
            for kid in kids {
                if let Ok(child) = kid.as_reference() {
                    walk(doc, child, out);
                }
            }
        }
    }
    walk(doc, document, &mut out);
    out
}

#[test]
fn the_pdf_is_tagged_with_headings_lists_and_figures() {
    let (_dir, pdf, _) = build("decks/gfmd/briefing.toml");
    assert_eq!(pdfinfo_field(&pdf, "Tagged"), "yes");
    let doc = Document::load(&pdf).unwrap();
    let roles: Vec<String> = structure(&doc).into_iter().map(|(r, _)| r).collect();
    assert_eq!(roles[0], "Document");
    assert_eq!(roles[1], "H1", "the title slide's title");
    assert_eq!(roles.iter().filter(|r| *r == "H1").count(), 1);
    // Slide 2: its title, then a list of five items, each a label-less LI with an LBody holding a P.
    let gfmd = roles.iter().position(|r| r == "H2").unwrap();
    assert_eq!(&roles[gfmd..gfmd + 5], ["H2", "L", "LI", "LBody", "P"]);
    assert!(roles.iter().filter(|r| *r == "LI").count() >= 80);
    let (_dir, pdf, _) = build("tests/decks/pictures.toml");
    let figures: Vec<Option<String>> =
        structure(&Document::load(&pdf).unwrap()).into_iter().filter(|(r, _)| r == "Figure").map(|(_, a)| a).collect();
    assert!(figures.contains(&Some("A wide gradient with a yellow disc".to_string())), "{figures:?}");
}

#[test]
fn one_process_renders_the_same_bytes_twice_and_poppler_draws_without_warnings() {
    let text = std::fs::read_to_string(root().join("tests/decks/pictures.toml")).unwrap();
    let path = root().join("tests/decks/pictures.toml");
    let a = deck::render(&text, &path).unwrap_or_else(|f| panic!("{:?}", f.errors));
    let b = deck::render(&text, &path).unwrap_or_else(|f| panic!("{:?}", f.errors));
    assert!(a.pdf == b.pdf, "PDF differs within one process");
    assert!(a.html == b.html, "HTML differs within one process");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("p.pdf");
    std::fs::write(&pdf, &a.pdf).unwrap();
    let out =
        Command::new("pdftocairo").args(["-png", "-r", "20"]).arg(&pdf).arg(dir.path().join("p")).output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "poppler: {}", String::from_utf8_lossy(&out.stderr));
}

/// Every embedded font's /W gives each glyph the advance its font file
/// has (to 0.01 thousandths of an em): viewers and text extraction place
/// glyphs by /W, so a truncated width drifts along a line, and the TJ
/// arrays then need a correction on nearly every glyph.
#[test]
fn glyph_widths_in_the_pdf_are_the_fonts_own_and_corrections_are_for_kerning_only() {
    let (_dir, pdf, _) = build("decks/gfmd/briefing.toml");
    let doc = Document::load(&pdf).unwrap();
    let mut fonts = 0;
    for object in doc.objects.values() {
        let Ok(font) = object.as_dict() else { continue };
        if font.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0") {
            continue;
        }
        let cid_font = dict(&doc, &font.get(b"DescendantFonts").and_then(Object::as_array).unwrap()[0]);
        let descriptor = doc.get_dictionary(cid_font.get(b"FontDescriptor").unwrap().as_reference().unwrap()).unwrap();
        let file = doc.get_object(descriptor.get(b"FontFile2").unwrap().as_reference().unwrap()).unwrap();
        let data = file.as_stream().unwrap().decompressed_content().unwrap();
        let face = ttf_parser::Face::parse(&data, 0).unwrap();
        let w = cid_font.get(b"W").and_then(Object::as_array).unwrap();
        let mut checked = 0;
        for pair in w.chunks(2) {
            let first = pair[0].as_i64().unwrap() as u16;
            for (i, width) in pair[1].as_array().unwrap().iter().enumerate() {
                let width = width.as_float().unwrap();
                let advance = face.glyph_hor_advance(ttf_parser::GlyphId(first + i as u16)).unwrap();
                let want = advance as f32 * 1000.0 / face.units_per_em() as f32;
                assert!((width - want).abs() <= 0.006, "glyph {}: /W {width}, font {want}", first + i as u16);
                checked += 1;
            }
        }
        assert_eq!(checked, face.number_of_glyphs() as usize, "/W covers every glyph of the subset");
        fonts += 1;
    }
    assert!(fonts >= 2, "only {fonts} fonts");
    // Corrections in TJ arrays: kerning pairs only, about one glyph in
    // eight in the GFMD deck (truncated widths needed one on nearly all).
    let (mut glyphs, mut corrections) = (0, 0);
    for page in doc.get_pages().values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(*page)).unwrap();
        for op in content.operations.iter().filter(|op| op.operator == "TJ") {
            for item in op.operands[0].as_array().unwrap() {
                match item {
                    Object::String(bytes, _) => glyphs += bytes.len() / 2,
                    _ => corrections += 1,
                }
            }
        }
    }
    assert!(glyphs > 3000, "{glyphs} glyphs");
    assert!(corrections * 5 < glyphs, "{corrections} corrections for {glyphs} glyphs");
}

/// Each font descriptor describes its own face: the italic ones slant and
/// say so, the monospaced ones say they are fixed-pitch, and the cap
/// height is the face's, not its ascent (a viewer substituting a font
/// sizes it from these).
#[test]
fn font_descriptors_describe_their_faces() {
    let dir = crate::harness::manifest(
        "[deck]\ntitle = \"F\"\n\n[[slide]]\ntitle = \"Faces\"\nbody = \"- Upright, *italic* and `mono`\"\n",
    );
    let out = crate::harness::deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", crate::harness::stderr(&out));
    let doc = Document::load(dir.path().join("out/deck.pdf")).unwrap();
    let mut seen = std::collections::BTreeMap::new();
    for object in doc.objects.values() {
        let Ok(descriptor) = object.as_dict() else { continue };
        if descriptor.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name = String::from_utf8_lossy(descriptor.get(b"FontName").and_then(Object::as_name).unwrap()).into_owned();
        let face = name.split_once('+').unwrap().1.to_string();
        let number =
            |key: &[u8]| descriptor.get(key).and_then(|v| v.as_float().or_else(|_| v.as_i64().map(|i| i as f32)));
        let flags = descriptor.get(b"Flags").and_then(Object::as_i64).unwrap();
        seen.insert(
            face,
            (flags, number(b"ItalicAngle").unwrap(), number(b"CapHeight").unwrap(), number(b"Ascent").unwrap()),
        );
    }
    let (flags, angle, cap, ascent) = seen["Inter-Regular"];
    assert_eq!((flags, angle), (32, 0.0), "{seen:?}");
    assert!(cap > 600.0 && cap < ascent, "cap height {cap}, ascent {ascent}");
    let (flags, angle, ..) = seen["Inter-Italic"];
    assert_eq!(flags, 32 | 64, "{seen:?}");
    assert!(angle < -5.0 && angle > -15.0, "italic angle {angle}");
    let (flags, angle, ..) = seen["JetBrainsMono-Regular"];
    assert_eq!((flags, angle), (32 | 1, 0.0), "{seen:?}");
}

#[test]
fn link_boxes_cover_exactly_their_words() {
    let (_dir, pdf, _) = build("tests/decks/links.toml");
    link_boxes_cover(&pdf, 4, &["back", "to", "part", "one", "the", "web"], "and");
    // In the monospaced face, whose ascender and descender reach further
    // than Inter's: the box follows the face.
    let dir = crate::harness::manifest(
        "[deck]\ntitle = \"Links\"\n\n[[slide]]\ntitle = \"Code\"\nbody = \"Run [`deck --help`](https://example.org/help) first\"\n",
    );
    let (_out, pdf, _) = build(dir.path().join("deck.toml").to_str().expect("utf-8 path"));
    link_boxes_cover(&pdf, 2, &["deck", "--help"], "Run");
}

/// Page `number`'s link annotations cover each of `linked` (as pdftotext
/// boxes it, from the face's ascender to its descender), are no taller
/// than those words, and leave `unlinked` out.
fn link_boxes_cover(pdf: &Path, number: u32, linked: &[&str], unlinked: &str) {
    let doc = Document::load(pdf).unwrap();
    let page = *doc.get_pages().get(&number).unwrap();
    let height = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap()[3].as_float().unwrap();
    // Each annotation's /Rect, as (left, top, right, bottom) from the page's top-left.
    let rects: Vec<[f32; 4]> = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Annots")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .map(|a| {
            let rect = dict(&doc, a).get(b"Rect").unwrap().as_array().unwrap();
            let r: Vec<f32> = rect.iter().map(|v| v.as_float().unwrap()).collect();
            [r[0], height - r[3], r[2], height - r[1]]
        })
        .collect();
    let words: Vec<_> = crate::harness::words(pdf).into_iter().filter(|w| w.page == number as usize).collect();
    let covered = |w: &crate::harness::Word| {
        rects
            .iter()
            .any(|r| w.x_min >= r[0] - 0.5 && w.x_max <= r[2] + 0.5 && w.y_min >= r[1] - 0.5 && w.y_max <= r[3] + 0.5)
    };
    for text in linked {
        let word = words.iter().find(|w| w.text == *text).unwrap_or_else(|| panic!("{text} on page {number}"));
        assert!(covered(word), "{text} {word:?} under a link box: {rects:?}");
        let tallest = rects.iter().map(|r| r[3] - r[1]).fold(0.0, f32::max);
        assert!(tallest <= word.y_max - word.y_min + 0.5, "link boxes {rects:?} taller than {word:?}");
    }
    let other = words.iter().find(|w| w.text == unlinked).unwrap_or_else(|| panic!("{unlinked} on page {number}"));
    assert!(!covered(other), "`{unlinked}` is not linked: {rects:?}");
}
