//! The PPTX, read back as its readers read it: python-pptx for its
//! structure (a slide per PDF page with that page's words, list levels,
//! tables, pictures, links, notes), LibreOffice Impress for where its
//! words land against deck's own PDF, and the bytes of two builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::{Deck, deck, manifest, page_count, pdf_text, root, stderr, words};

const GFMD: &str = "decks/gfmd/briefing.toml";

/// Build `manifest` (from the project root) as PDF and PPTX into a fresh
/// folder; returns the folder and both files.
fn build(manifest: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let out = tempfile::tempdir().expect("temp dir");
    let dir = out.path().to_str().expect("utf-8 temp path").to_string();
    let result = deck(&root(), &["build", manifest, "--format", "pdf", "--format", "pptx", "--out-dir", &dir]);
    assert!(result.status.success(), "deck build {manifest} failed:\n{}", stderr(&result));
    let stem = Path::new(manifest).file_stem().expect("stem").to_string_lossy().into_owned();
    let (pdf, pptx) = (out.path().join(format!("{stem}.pdf")), out.path().join(format!("{stem}.pptx")));
    (out, pdf, pptx)
}

/// What tests/pptx/read.py finds in `pptx` with python-pptx.
fn read_back(pptx: &Path) -> Value {
    let output = Command::new("python3")
        .arg(root().join("tests/pptx/read.py"))
        .arg(pptx)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 ({e}): install Python 3 and python-pptx"));
    assert!(
        output.status.success(),
        "reading {} failed (pip install python-pptx):\n{}",
        pptx.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("read.py prints JSON")
}

fn slides(read: &Value) -> &Vec<Value> {
    read["slides"].as_array().expect("slides")
}

/// Words as a sorted list, split after hyphens and slashes too (a
/// compound split across lines in the PDF is whole in the PPTX), list
/// numbers left out (the PDF prints them, PowerPoint numbers the
/// paragraphs itself).
fn word_list(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .replace('\u{200b}', "")
        .split_whitespace()
        .flat_map(|w| {
            let mut parts = Vec::new();
            let mut current = String::new();
            for c in w.chars() {
                current.push(c);
                if matches!(c, '-' | '/') {
                    parts.push(std::mem::take(&mut current));
                }
            }
            if !current.is_empty() {
                parts.push(current);
            }
            parts
        })
        .filter(|w| !(w.trim_end_matches(['.', ')']).parse::<u64>().is_ok() && w.ends_with(['.', ')'])))
        .collect();
    out.sort();
    out
}

fn slide_text(slide: &Value) -> String {
    let mut text = String::new();
    for p in slide["paragraphs"].as_array().expect("paragraphs") {
        text.push_str(p["text"].as_str().expect("text"));
        text.push('\n');
    }
    for table in slide["tables"].as_array().expect("tables") {
        for row in table["rows"].as_array().expect("rows") {
            for cell in row.as_array().expect("cells") {
                text.push_str(cell.as_str().expect("cell"));
                text.push('\n');
            }
        }
    }
    text
}

#[test]
fn every_pdf_page_is_a_slide_with_its_words() {
    for manifest in [GFMD, "tests/decks/lists.toml", "tests/decks/blocks.toml", "tests/decks/overflow.toml"] {
        let (_dir, pdf, pptx) = build(manifest);
        let read = read_back(&pptx);
        let slides = slides(&read);
        assert_eq!(slides.len(), page_count(&pdf), "{manifest}");
        for (i, slide) in slides.iter().enumerate() {
            let page = pdf_text(&pdf, Some(i + 1));
            assert_eq!(word_list(&slide_text(slide)), word_list(&page), "{manifest}, slide {}", i + 1);
        }
    }
}

#[test]
fn slides_keep_the_decks_size_and_layouts() {
    let (_dir, _pdf, pptx) = build(GFMD);
    let read = read_back(&pptx);
    assert_eq!((read["width"].as_f64(), read["height"].as_f64()), (Some(960.0), Some(540.0)));
    let layouts: Vec<&str> = read["layouts"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert_eq!(layouts, ["Title Slide", "Title and Content", "Section Header", "Title Only", "Blank"]);
    let slides = slides(&read);
    assert_eq!(slides[0]["layout"], "Title Slide");
    assert_eq!(slides[0]["title"], "Global Forum on Migration and Development");
    assert_eq!(slides[2]["layout"], "Section Header");
    assert_eq!(slides[3]["title"], "GFMD I: Brussels 2007");
    // The footer's page number is PowerPoint's slide-number field.
    let number = slides[3]["paragraphs"].as_array().unwrap().iter().find(|p| p["text"] == "4").expect("page number");
    assert_eq!(number["fields"], serde_json::json!(["slidenum"]));
    assert!(number["shape"].as_str().unwrap().starts_with("Footer"));

    let dir = manifest("[deck]\ntitle = \"Square\"\naspect = \"4:3\"\n\n[[slide]]\ntitle = \"One\"\nbody = \"- a\"\n");
    Deck::in_dir(dir.path()).args(["build", "deck.toml", "--format", "pptx"]).succeeds();
    let read = read_back(&dir.path().join("out/deck.pptx"));
    assert_eq!((read["width"].as_f64(), read["height"].as_f64()), (Some(720.0), Some(540.0)));
}

/// (text, level, bullet) of a slide's body paragraphs, title and footer left out.
fn body(slide: &Value) -> Vec<(String, u64, Option<String>)> {
    slide["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["shape"].as_str().is_some_and(|s| s.starts_with("Text")))
        .map(|p| {
            (
                p["text"].as_str().unwrap().to_string(),
                p["level"].as_u64().unwrap(),
                p["bullet"].as_str().map(String::from),
            )
        })
        .collect()
}

#[test]
fn a_line_break_of_the_authors_stays_a_line_break() {
    let dir = manifest(
        "[deck]\ntitle = \"Poem\"\n\n[[slide]]\ntitle = \"Verse\"\nbody = \"Roses are red,\\\\\\nviolets are blue\"\n",
    );
    Deck::in_dir(dir.path()).args(["build", "deck.toml", "--format", "pptx"]).succeeds();
    let read = read_back(&dir.path().join("out/deck.pptx"));
    // python-pptx reads <a:br/> as a vertical tab.
    assert_eq!(body(&slides(&read)[1])[0].0, "Roses are red,\u{b}violets are blue");
}

#[test]
fn lists_keep_their_levels_bullets_and_numbers() {
    let (_dir, _pdf, pptx) = build("tests/decks/lists.toml");
    let read = read_back(&pptx);
    let slides = slides(&read);
    let item = |text: &str, level: u64, bullet: &str| (text.to_string(), level, Some(bullet.to_string()));
    assert_eq!(
        body(&slides[2]),
        vec![
            item("Level one", 0, "char:•"),
            item("Level two", 1, "char:–"),
            item("Level three", 2, "char:◦"),
            item(
                "Level four, whose text wraps because it keeps going well past the right edge of the body box",
                3,
                "char:–"
            ),
            item("Back to one", 0, "char:•"),
        ]
    );
    // Wrapped lines are one paragraph: the reader breaks them again.
    assert_eq!(
        body(&slides[1])[1].0,
        "A second bullet, also long, so that its wrapped lines must start under its first letter rather than under the bullet glyph that marks it, as the style guide requires."
    );
    let ordered = body(&slides[3]);
    assert_eq!(ordered[0], item("Third, because this list starts at three", 0, "number:arabicPeriod:3"));
    assert_eq!(ordered[2].2.as_deref(), Some("number:arabicPeriod:3"), "numbering runs on from the start");
}

#[test]
fn speaker_notes_are_on_the_notes_pages() {
    let (_dir, _pdf, pptx) = build(GFMD);
    let read = read_back(&pptx);
    let slides = slides(&read);
    assert_eq!(slides[0]["notes"], Value::Null, "no notes, no notes page");
    assert_eq!(
        slides[1]["notes"],
        "The Forum grew out of the 2006 UN General Assembly High Level Dialogue on International Migration and \
         Development. It is informal, voluntary and led by States; international organizations and civil society \
         take part as observers."
    );
    assert_eq!(slides[2]["notes"], "First part: what the first Forum in Brussels did, and the actions it started.");
}

#[test]
fn tables_are_tables_and_links_go_where_the_pdfs_go() {
    let (_dir, _pdf, pptx) = build("tests/decks/blocks.toml");
    let read = read_back(&pptx);
    let table = &slides(&read)[1]["tables"][0];
    assert_eq!(
        table["rows"],
        serde_json::json!([["Forum", "City", "Year"], ["GFMD I", "Brussels", "2007"], ["GFMD II", "Manila", "2008"]])
    );
    // Where layout put it: the body's width, rows as tall as laid out.
    assert_eq!(table["box"][0], 64.0);
    assert_eq!(table["box"][2], 832.0);

    let (_dir, _pdf, pptx) = build("tests/decks/links.toml");
    let read = read_back(&pptx);
    let links: Vec<&Value> = slides(&read).iter().flat_map(|s| s["links"].as_array().unwrap()).collect();
    assert!(links.iter().any(|l| l["text"] == "the web" && l["url"] == "https://example.org"), "{links:?}");
    // Page 3 is the section "Part one".
    let back = links.iter().find(|l| l["text"] == "back to part one").expect("a link to a slide");
    assert_eq!(
        (&back["slide"], &back["action"]),
        (&Value::from("slide3.xml"), &Value::from("ppaction://hlinksldjump"))
    );
}

#[test]
fn pictures_are_placed_and_svg_has_a_png_to_fall_back_on() {
    let (_dir, _pdf, pptx) = build("tests/decks/pictures.toml");
    let read = read_back(&pptx);
    let first = &slides(&read)[1]["pictures"][0];
    assert_eq!(first["type"], "image/jpeg");
    assert_eq!(first["descr"], "A wide gradient with a yellow disc");

    let (_dir, _pdf, pptx) = build("tests/decks/svg.toml");
    let read = read_back(&pptx);
    let pictures: Vec<&Value> = slides(&read).iter().flat_map(|s| s["pictures"].as_array().unwrap()).collect();
    assert!(!pictures.is_empty());
    for picture in &pictures {
        assert_eq!((&picture["type"], &picture["svg"]), (&Value::from("image/png"), &Value::from(true)), "{picture}");
    }
}

#[test]
fn a_display_formula_is_a_drawing_described_by_its_source() {
    let (_dir, _pdf, pptx) = build("tests/decks/math.toml");
    let read = read_back(&pptx);
    let sums = &slides(&read)[2];
    let pictures = sums["pictures"].as_array().expect("pictures");
    let described: Vec<&str> = pictures.iter().map(|p| p["descr"].as_str().unwrap_or_default()).collect();
    assert_eq!(
        described,
        [r"\sum_{k=1}^{n} k^2 = \frac{n(n+1)(2n+1)}{6}", r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}"]
    );
    assert!(pictures.iter().all(|p| p["svg"] == true && p["type"] == "image/png"), "{pictures:?}");
    // The text around them stays text; an inline formula is its characters.
    let text: String =
        sums["paragraphs"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap_or_default()).collect();
    assert!(text.contains("The sum of the first n squares:") && text.contains("and the Gaussian integral:"), "{text}");
    // Inline: Office's math face, KaTeX's slant, scripts raised and lowered.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&pptx).expect("the PPTX")).expect("a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("ppt/slides/slide2.xml").expect("slide 2"), &mut xml).expect("XML");
    let italic_x = xml.find(r#"<a:t>x</a:t>"#).expect("the x of x_i");
    let props = &xml[xml[..italic_x].rfind("<a:rPr").expect("its properties")..italic_x];
    assert!(props.contains(r#"i="1""#) && props.contains(r#"typeface="Cambria Math""#), "{props}");
    let subscript = &xml[italic_x..];
    let props =
        &subscript[subscript.find("<a:rPr").expect("the i's properties")..subscript.find("<a:t>i</a:t>").expect("i")];
    assert!(props.contains(r#"baseline="-"#), "a subscript is lowered: {props}");
}

#[test]
fn the_same_deck_gives_the_same_bytes() {
    let (_a, _, first) = build(GFMD);
    let (_b, _, second) = build(GFMD);
    let (first, second) = (std::fs::read(first).unwrap(), std::fs::read(second).unwrap());
    assert!(first == second, "two builds differ");
    // A zip's first entry: its local header, dated 1980-01-01 00:00 in
    // DOS form, then its name.
    assert_eq!(&first[..4], b"PK\x03\x04");
    assert_eq!(&first[10..14], &[0, 0, 0x21, 0], "time 00:00, date 1980-01-01");
    assert_eq!(&first[30..41], b"_rels/.rels");
}

/// A fontconfig file naming the project's fonts, beside the system's.
fn fonts_conf(dir: &Path) -> PathBuf {
    let conf = dir.join("fonts.conf");
    let text = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n  \
         <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
        root().join("fonts").display(),
        dir.join("cache").display()
    );
    std::fs::write(&conf, text).expect("write fonts.conf");
    conf
}

/// `pptx` converted to PDF by LibreOffice Impress, headless, with the
/// project's fonts installed.
fn libreoffice_pdf(pptx: &Path, dir: &Path) -> PathBuf {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let out = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(pptx)
        .env("FONTCONFIG_FILE", fonts_conf(dir))
        .env("HOME", dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run soffice ({e}): install Debian's libreoffice-impress"));
    assert!(out.status.success(), "LibreOffice failed: {}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.join(pptx.with_extension("pdf").file_name().expect("name"));
    assert!(pdf.exists(), "LibreOffice wrote no PDF: {}", String::from_utf8_lossy(&out.stdout));
    pdf
}

#[test]
fn libreoffice_puts_the_words_where_decks_pdf_has_them() {
    for manifest in [GFMD, "tests/decks/lists.toml", "tests/decks/blocks.toml"] {
        let (dir, pdf, pptx) = build(manifest);
        let converted = libreoffice_pdf(&pptx, dir.path());
        assert_eq!(page_count(&converted), page_count(&pdf), "{manifest}");
        let mut theirs: BTreeMap<usize, Vec<crate::harness::Word>> = BTreeMap::new();
        for word in words(&converted) {
            theirs.entry(word.page).or_default().push(word);
        }
        let ours = words(&pdf);
        let mut placed = 0;
        let mut misplaced = Vec::new();
        let mut next: BTreeMap<usize, usize> = BTreeMap::new();
        for word in &ours {
            let list = theirs.get(&word.page).map(Vec::as_slice).unwrap_or_default();
            let from = next.get(&word.page).copied().unwrap_or(0);
            // The same word next in reading order, bullets and such skipped.
            let found = (from..list.len().min(from + 8)).find(|&k| list[k].text == word.text);
            let close = found.is_some_and(|k| {
                (list[k].x_min - word.x_min).abs() <= 12.0 && (list[k].y_max - word.y_max).abs() <= 6.0
            });
            if let Some(k) = found {
                next.insert(word.page, k + 1);
            }
            if close {
                placed += 1;
            } else {
                misplaced.push(format!("page {} {:?}", word.page, word.text));
            }
        }
        let share = placed as f32 / ours.len() as f32;
        assert!(
            share >= 0.9,
            "{manifest}: {placed} of {} words where deck's PDF has them; misplaced: {misplaced:?}",
            ours.len()
        );
    }
}

#[test]
fn a_folder_in_the_way_of_the_pptx_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("talk.pptx")).unwrap();
    let target = dir.path().join("talk.pptx");
    let out = deck(&root(), &["build", GFMD, "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), format!("error: cannot write `{}`: a folder is in the way\n\n", target.display()));
}

#[test]
fn pptx_is_a_format_by_name_and_by_extension() {
    let dir = manifest("[deck]\ntitle = \"T\"\n\n[output]\nformats = [\"pptx\"]\n\n[[slide]]\ntitle = \"One\"\n");
    let out = deck(dir.path(), &["build", "deck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("out/deck.pptx").exists());
    assert!(!dir.path().join("out/deck.pdf").exists(), "only what formats names");
    let target = dir.path().join("other.PPTX");
    let out = deck(dir.path(), &["build", "deck.toml", "-o", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(&std::fs::read(&target).unwrap()[..4], b"PK\x03\x04");
}

#[test]
fn the_parts_validate_against_the_ooxml_schemas() {
    for manifest in [
        GFMD,
        "tests/decks/blocks.toml",
        "tests/decks/pictures.toml",
        "tests/decks/svg.toml",
        "tests/decks/links.toml",
        "tests/decks/math.toml",
    ] {
        let (_dir, _pdf, pptx) = build(manifest);
        // openxml-audit checks every part against the ECMA-376 schemas and
        // Office's own rules; it exits 1 on any violation, and names them.
        let out = Command::new("python3")
            .args(["-m", "openxml_audit", "--quiet", "--max-errors", "20"])
            .arg(&pptx)
            .output()
            .unwrap_or_else(|e| panic!("cannot run python3 ({e}): install Python 3 and openxml-audit"));
        assert!(
            out.status.success(),
            "{manifest} (pip install openxml-audit):\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn right_to_left_paragraphs_read_right_to_left_where_the_pdf_has_them() {
    let (dir, pdf, pptx) = build("tests/decks/scripts.toml");
    // Pages 7 and 8: Article 1 in Arabic (a list) and Hebrew (a paragraph).
    let slide = |n: usize| {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&pptx).expect("the PPTX")).expect("a zip");
        let mut part = zip.by_name(&format!("ppt/slides/slide{n}.xml")).expect("the slide's part");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("XML");
        xml
    };
    for n in [7, 8] {
        let xml = slide(n);
        assert!(xml.contains(r#"algn="r" rtl="1""#), "slide {n} has right-to-left paragraphs:\n{xml}");
    }
    assert!(!slide(2).contains("rtl="), "English stays left to right");
    let converted = libreoffice_pdf(&pptx, dir.path());
    let theirs = words(&converted);
    for page in [7, 8] {
        let ours: Vec<_> = words(&pdf).into_iter().filter(|w| w.page == page).collect();
        let placed = ours
            .iter()
            .filter(|w| {
                theirs.iter().any(|t| {
                    t.page == page
                        && t.text == w.text
                        && (t.x_min - w.x_min).abs() <= 12.0
                        && (t.y_max - w.y_max).abs() <= 6.0
                })
            })
            .count();
        assert!(
            placed * 10 >= ours.len() * 8,
            "page {page}: {placed} of {} words where deck's PDF has them",
            ours.len()
        );
    }
}
