//! The HTML of the GFMD and test decks is valid HTML for the Nu HTML
//! checker (vnu.jar from npm's vnu-jar, run with Java).

use std::process::Command;

use crate::harness::{all_decks, browser_dir, build};

#[test]
fn the_nu_html_checker_finds_no_error_in_any_deck() {
    let vnu = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    let built: Vec<_> = all_decks().iter().map(|m| build(m)).collect();
    // A page with known errors shows the checker is really checking.
    let broken_dir = tempfile::tempdir().expect("temp dir");
    let broken = broken_dir.path().join("broken.html");
    std::fs::write(&broken, "<!DOCTYPE html>\n<html lang=\"en\"><title>x</title><p><span></div></p></html>\n")
        .expect("write");
    let out = Command::new("java")
        .args(["-jar".as_ref(), vnu.as_os_str(), "--errors-only".as_ref(), "--format".as_ref(), "gnu".as_ref()])
        .args(built.iter().map(|(_, _, html)| html.as_os_str()))
        .arg(&broken)
        .output()
        .unwrap_or_else(|e| panic!("cannot run java ({e}): install Debian's default-jre-headless"));
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        report.lines().any(|l| l.contains("broken.html") && l.contains(": error: ")),
        "the checker missed known errors:\n{report}"
    );
    let errors: Vec<&str> = report.lines().filter(|l| !l.contains("broken.html")).collect();
    assert!(errors.is_empty(), "the Nu HTML checker reports:\n{}", errors.join("\n"));
}
