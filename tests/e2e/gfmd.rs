//! The GFMD briefing, built and read back.

use crate::harness::{build, deck, normalize, page_count, pdf_text, pdfinfo_field, poppler, root, stderr};

const DECK: &str = "decks/gfmd/briefing.toml";

/// The seed's content lines, without list markers, title bullets and `**`.
fn seed_lines() -> Vec<String> {
    let seed = std::fs::read_to_string(root().join("tests/fixtures/gfmd-briefing.txt")).expect("seed text");
    seed.lines()
        .map(str::trim)
        .map(|l| l.strip_prefix("• ").or_else(|| l.strip_prefix("- ")).unwrap_or(l))
        .map(|l| l.replace("**", "").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn every_line_of_the_seed_appears_in_the_pdf_in_order() {
    let (_dir, pdf, _) = build(DECK);
    let text = normalize(&pdf_text(&pdf, None));
    let lines = seed_lines();
    assert!(lines.len() > 80, "seed has {} lines", lines.len());
    let mut at = 0;
    for line in lines {
        let wanted = normalize(&line);
        match text[at..].find(&wanted) {
            Some(found) => at += found + wanted.len(),
            None => panic!("seed line not found after offset {at}: {line:?}\nPDF text from there: {:?}", &text[at..]),
        }
    }
}

#[test]
fn one_page_per_slide_plus_the_title_slide_at_960_by_540() {
    let (_dir, pdf, _) = build(DECK);
    let manifest = std::fs::read_to_string(root().join(DECK)).expect("manifest");
    let slides = manifest.lines().filter(|l| l.trim() == "[[slide]]").count();
    let pages = page_count(&pdf);
    assert_eq!(pages, slides + 1);
    let sizes = poppler("pdfinfo", &["-f", "1", "-l", &pages.to_string(), pdf.to_str().unwrap()]);
    let page_sizes: Vec<&str> = sizes.lines().filter(|l| l.starts_with("Page") && l.contains("size:")).collect();
    assert_eq!(page_sizes.len(), pages);
    for line in page_sizes {
        assert!(line.ends_with("960 x 540 pts"), "{line}");
    }
}

#[test]
fn every_font_is_embedded_subset_and_mapped_to_unicode() {
    let (_dir, pdf, _) = build(DECK);
    let report = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = report.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{report}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let tag = name.split('+').next().unwrap();
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "subset tag in {name}");
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "emb sub uni: {row}");
    }
    assert!(report.contains("+Inter-Regular") && report.contains("+Inter-Bold"), "{report}");
}

#[test]
fn metadata_and_outline_name_the_deck_and_its_slides() {
    let (_dir, pdf, _) = build(DECK);
    assert_eq!(pdfinfo_field(&pdf, "Title"), "Global Forum on Migration and Development");
    assert_eq!(pdfinfo_field(&pdf, "Author"), "GFMD II Chair");
    assert_eq!(pdfinfo_field(&pdf, "Page size"), "960 x 540 pts");
    let doc = lopdf::Document::load(&pdf).expect("lopdf reads the PDF");
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(catalog.get(b"Lang").and_then(lopdf::Object::as_str).unwrap(), b"en");
    assert_eq!(catalog.get(b"PageMode").and_then(lopdf::Object::as_name).unwrap(), b"UseOutlines");
    let toc = doc.get_toc().expect("outline");
    let titles: Vec<&str> = toc.toc.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles.len(), page_count(&pdf));
    assert_eq!(titles[0], "Global Forum on Migration and Development");
    assert_eq!(titles[1], "GFMD");
    assert_eq!(titles.last().copied(), Some("PLEASE\u{2026}"));
    let pages: Vec<usize> = toc.toc.iter().map(|t| t.page).collect();
    assert_eq!(pages, (1..=titles.len()).collect::<Vec<_>>());
}

#[test]
fn build_writes_both_files_beside_the_manifest_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(DECK), dir.path().join("briefing.toml")).unwrap();
    let out = deck(dir.path(), &["build", "briefing.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("out/briefing.pdf").is_file());
    assert!(dir.path().join("out/briefing.html").is_file());
    let summary = stderr(&out);
    let line = summary.lines().last().unwrap();
    assert!(line.starts_with("built 25 slides, 25 pages: out/briefing.pdf ("), "{line}");
    assert!(line.contains("), out/briefing.html (") && line.ends_with(" ms"), "{line}");
}

#[test]
fn format_flag_writes_only_that_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(DECK), dir.path().join("briefing.toml")).unwrap();
    let out = deck(dir.path(), &["build", "briefing.toml", "--format", "pdf", "--out-dir", "only"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("only/briefing.pdf").is_file());
    assert!(!dir.path().join("only/briefing.html").exists());
}

#[test]
fn check_reports_every_slide_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join(DECK), dir.path().join("briefing.toml")).unwrap();
    let out = deck(dir.path(), &["check", "briefing.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("slide  17  page  17  bullets    RDT 3:  (shrunk to 92 %)"), "{stdout}");
    assert!(stdout.ends_with("25 slides, 25 pages, 0 warnings\n"), "{stdout}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn two_builds_give_the_same_bytes() {
    let (_a, pdf_a, html_a) = build(DECK);
    let (_b, pdf_b, html_b) = build(DECK);
    assert!(std::fs::read(pdf_a).unwrap() == std::fs::read(pdf_b).unwrap(), "PDF differs between builds");
    assert!(std::fs::read(html_a).unwrap() == std::fs::read(html_b).unwrap(), "HTML differs between builds");
}

/// `DECK_TIMINGS=1` lists each stage's end on stderr once the build is
/// done, `end of main` last; without it, no stage is listed.
#[test]
fn deck_timings_lists_the_stages_of_a_build() {
    let out_dir = tempfile::tempdir().unwrap();
    let run = |timings: bool| {
        let mut command = crate::harness::deck_command(&root());
        command.args(["build", DECK, "--out-dir", out_dir.path().to_str().unwrap()]);
        if timings {
            command.env("DECK_TIMINGS", "1");
        } else {
            command.env_remove("DECK_TIMINGS");
        }
        let out = command.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    let err = run(true);
    let stages: Vec<&str> = err.lines().filter(|l| l.contains(" ms  ")).filter_map(|l| l.split("  ").last()).collect();
    for stage in ["main", "read", "laid out", "pdf: fonts subset", "pdf", "html", "all exported", "written"] {
        assert!(stages.contains(&stage), "no `{stage}` in {stages:?}");
    }
    assert_eq!(stages.last(), Some(&"end of main"), "{err}");
    assert!(!run(false).contains(" ms  "));
}
