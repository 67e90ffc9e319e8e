//! Fuzz target: the two readers the `deck` target reaches least, fed
//! directly. Errors (`Err(Failure)`) are fine; panics, hangs and outputs
//! that do not start as a PDF and an HTML file are what we hunt.
//!
//! # Input format
//!
//! ```text
//! byte 0 even  the rest, as lossy UTF-8, is a Markdown-file deck (`fuzz.md`):
//!              front matter (`+++` TOML or `---` YAML), `---` between slides,
//!              `+++` slide keys, `<!-- -->` notes and directives, `:::` divs
//! byte 0 odd   the rest is a theme file (`theme.toml`, beside the manifest),
//!              read by a fixed three-slide deck that names it: `extends`,
//!              colours, sizes, fonts and pictures (missing files are errors),
//!              backgrounds per layout
//! ```

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

/// The deck that reads the fuzzed theme: one slide of each kind the
/// theme styles most.
const THEMED: &str = "[deck]\ntitle = \"Themed\"\nauthor = \"A\"\ntheme = \"theme.toml\"\nfooter = \"F\"\n\n\
[[slide]]\ntitle = \"Bullets\"\nbody = \"- one\\n  - two\\n\\n```rust\\nfn x() {}\\n```\\n\\n| a | b |\\n|---|---|\\n| 1 | 2 |\"\n\n\
[[slide]]\nlayout = \"section\"\ntitle = \"Section\"\n\n\
[[slide]]\nlayout = \"two-column\"\ntitle = \"Two\"\nleft = \"- l\"\nright = \"> quote\"\n";

/// A folder of this process's own, where the theme file is written.
fn folder() -> &'static PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("deck-fuzz-sources-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let rendered = if flags & 1 == 0 {
        deck::render(&text, &folder().join("fuzz.md"))
    } else {
        if std::fs::write(folder().join("theme.toml"), text.as_bytes()).is_err() {
            return;
        }
        deck::render(THEMED, &folder().join("deck.toml"))
    };
    if let Ok(rendered) = rendered {
        assert!(rendered.pdf.starts_with(b"%PDF-"), "the PDF does not start with %PDF-");
        assert!(rendered.html.starts_with("<!DOCTYPE html>"), "the HTML does not start with <!DOCTYPE html>");
    }
});
