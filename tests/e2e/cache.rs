//! The picture cache on disk: a second process takes prepared pictures
//! from it, gives the same bytes as a build without it, survives a broken
//! entry, and `deck cache` shows and empties it.

use std::path::Path;

use crate::harness::{Deck, root};

const DECK: &str = "tests/decks/pictures.toml";

/// Build the picture deck into `out` with `cache` as the cache folder.
fn build(cache: &Path, out: &Path) -> (Vec<u8>, String) {
    Deck::in_dir(&root())
        .args(["build", DECK, "--out-dir", out.to_str().unwrap()])
        .env("DECK_CACHE_DIR", cache)
        .succeeds();
    let pdf = std::fs::read(out.join("pictures.pdf")).expect("the PDF");
    let html = std::fs::read_to_string(out.join("pictures.html")).expect("the HTML");
    (pdf, html)
}

/// The cache's entries with `extension`.
fn entries(cache: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(cache)
        .expect("the cache folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    found.sort();
    found
}

#[test]
fn a_second_build_takes_its_pictures_from_the_cache_and_writes_the_same_bytes() {
    let cache = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let (first_pdf, first_html) = build(cache.path(), &out.path().join("a"));
    // The photo scaled down (a JPEG) and the lossless pictures are kept; a
    // JPEG embedded as it is needs no entry.
    let jpegs = entries(cache.path(), "jpg");
    assert!(!jpegs.is_empty(), "the downsampled photo is kept");
    assert!(!entries(cache.path(), "png").is_empty(), "the lossless pictures are kept");
    let (pdf, html) = build(cache.path(), &out.path().join("b"));
    assert!(pdf == first_pdf && html == first_html, "a build from the cache writes the same bytes");

    // An entry stands in for the picture: one replaced by a red picture of
    // its size shows red in the next build's HTML, so it was read.
    let (w, h) = image::image_dimensions(&jpegs[0]).unwrap();
    let red = image::RgbImage::from_pixel(w, h, image::Rgb([255, 0, 0]));
    red.save_with_format(&jpegs[0], image::ImageFormat::Jpeg).unwrap();
    let red_bytes = std::fs::read(&jpegs[0]).unwrap();
    let (_, html) = build(cache.path(), &out.path().join("c"));
    let encoded = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &red_bytes);
    assert!(html.contains(&encoded), "the entry was taken as it is");

    // An entry that does not read is prepared again, and the build is as
    // without the cache.
    std::fs::write(&jpegs[0], b"not a picture").unwrap();
    let (pdf, html) = build(cache.path(), &out.path().join("d"));
    assert!(pdf == first_pdf && html == first_html, "a broken entry is made again");
}

#[test]
fn deck_cache_shows_the_folder_and_clear_empties_it() {
    let cache = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    build(cache.path(), out.path());
    let count = std::fs::read_dir(cache.path()).unwrap().count();
    // DECK_CACHE_DIR may name a folder holding other things: never counted
    // or removed.
    std::fs::write(cache.path().join("notes.txt"), "mine").unwrap();
    std::fs::write(cache.path().join("photo.jpg"), "mine too").unwrap();
    let shown = Deck::in_dir(&root()).args(["cache"]).env("DECK_CACHE_DIR", cache.path()).succeeds().stdout();
    let folder = cache.path().display().to_string();
    assert!(shown.starts_with(&format!("{folder}: {count} prepared pictures (")), "{shown}");
    let cleared =
        Deck::in_dir(&root()).args(["cache", "--clear"]).env("DECK_CACHE_DIR", cache.path()).succeeds().stdout();
    assert!(cleared.starts_with(&format!("removed {count} prepared pictures (")), "{cleared}");
    assert!(cleared.ends_with(&format!(" MB) from {folder}\n")), "{cleared}");
    let mut left: Vec<String> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["notes.txt", "photo.jpg"]);
}

#[test]
fn the_cache_folder_follows_xdg_and_can_be_turned_off() {
    let home = tempfile::tempdir().unwrap();
    let xdg = home.path().join("xdg");
    let shown = Deck::in_dir(home.path())
        .args(["cache"])
        .env("DECK_CACHE_DIR", "")
        .env("XDG_CACHE_HOME", &xdg)
        .succeeds()
        .stdout();
    assert_eq!(shown, format!("{}: 0 prepared pictures (0.0 MB)\n", xdg.join("deck/pictures").display()));
    let shown = Deck::in_dir(home.path())
        .args(["cache"])
        .env("DECK_CACHE_DIR", "")
        .env("HOME", home.path())
        .succeeds()
        .stdout();
    assert_eq!(
        shown,
        format!("{}: 0 prepared pictures (0.0 MB)\n", home.path().join(".cache/deck/pictures").display())
    );
    Deck::in_dir(home.path())
        .args(["cache"])
        .env("DECK_CACHE_DIR", "off")
        .succeeds()
        .stdout_is("no cache: DECK_CACHE_DIR is \"off\", or neither XDG_CACHE_HOME nor HOME is set\n");
}
