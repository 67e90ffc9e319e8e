//! Fuzz target: manifest + Markdown → layout → PDF + HTML, in memory,
//! through `deck::render`. Errors (`Err(Failure)`) are fine; panics, hangs
//! and a PDF or HTML file that does not start as one are what we hunt.
//!
//! # Input format (simple split, so seeds stay readable)
//!
//! ```text
//! byte 0      flags   bits 0-2 = 0: raw mode, the rest of the input is the manifest (1 in 8);
//!                     in raw mode bit 3 reads it as a Markdown-file deck (`fuzz.md`:
//!                     `+++` deck block, `---` separators, `+++` slide keys, `???` notes)
//!                     bit 3:  aspect = "4:3"
//!                     bit 4:  title_slide = false
//!                     bits 5-6: overflow of every slide: continue / shrink / error / (unset)
//!                     bit 7:  a cramped [theme] (wide margins, big type, deep indents)
//! byte 1      layouts two bits per slide (cycling): bullets / statement / closing / section;
//!                     slide 1 is set as `layout = "title"` when bits 0-1 and 6-7 are both 3
//! bytes 2..   parts separated by the byte 0xFF (never part of UTF-8, so the Markdown can
//!             hold anything else, NUL included); each part is decoded as lossy UTF-8.
//!             Part 0 is `[deck]`: its lines are title, subtitle, author, date, footer.
//!             Every further part is one `[[slide]]`: first line the title, the rest the body
//!             (and, when flags bit 3 is set, also the speaker notes).
//! ```
//!
//! Strings are written as TOML basic strings with every control character
//! escaped, or, when the body allows it and the part's index is even, as
//! multi-line literal strings (`'''`), so that the line numbers of warnings
//! inside bodies are exercised too.

#![no_main]

use std::fmt::Write as _;
use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = manifest(data);
    if print_manifest() {
        eprintln!("----- manifest -----\n{text}\n----- end -----");
    }
    let flags = data.first().copied().unwrap_or(1);
    let name = if flags & 7 == 0 && flags & 0x08 != 0 { "fuzz.md" } else { "fuzz.toml" };
    if let Ok(rendered) = deck::render(&text, Path::new(name)) {
        assert!(rendered.pdf.starts_with(b"%PDF-"), "the PDF does not start with %PDF-");
        assert!(rendered.html.starts_with("<!DOCTYPE html>"), "the HTML does not start with <!DOCTYPE html>");
    }
});

/// `DECK_FUZZ_PRINT=1`: print the manifest each input stands for (to turn a
/// crash input into a `.toml` file).
fn print_manifest() -> bool {
    static PRINT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *PRINT.get_or_init(|| std::env::var_os("DECK_FUZZ_PRINT").is_some())
}

const LAYOUTS: [&str; 4] = ["bullets", "statement", "closing", "section"];
const OVERFLOWS: [Option<&str>; 4] = [Some("continue"), Some("shrink"), Some("error"), None];

/// Turn fuzz bytes into manifest text (see the module comment).
fn manifest(data: &[u8]) -> String {
    let flags = data.first().copied().unwrap_or(1);
    let layouts = data.get(1).copied().unwrap_or(0);
    let rest = data.get(2..).unwrap_or(&[]);
    if flags & 7 == 0 {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let mut parts = rest.split(|&b| b == 0xFF).map(|p| String::from_utf8_lossy(p).into_owned());
    let head = parts.next().unwrap_or_default();
    let mut head_lines = head.split('\n');

    let mut out = String::from("[deck]\n");
    let title = head_lines.next().filter(|t| !t.is_empty()).unwrap_or("Fuzz deck");
    let _ = writeln!(out, "title = {}", basic(title));
    for key in ["subtitle", "author", "date", "footer"] {
        if let Some(value) = head_lines.next() {
            let _ = writeln!(out, "{key} = {}", basic(value));
        }
    }
    if flags & 0x08 != 0 {
        out.push_str("aspect = \"4:3\"\n");
    }
    if flags & 0x10 != 0 {
        out.push_str("title_slide = false\n");
    }
    if flags & 0x80 != 0 {
        out.push_str(
            "\n[theme]\nmargin_x = 200\nmargin_top = 150\nmargin_bottom = 150\ntitle_size = 96\n\
             body_sizes = [72, 6, 40]\nstatement_size = 96\nfooter_size = 36\nline_height = 3.0\n\
             indent = 120\nbullets = [\"square\", \"ring\"]\nshrink_steps = [0.3]\n",
        );
    }
    let overflow = OVERFLOWS[usize::from((flags >> 5) & 3)];
    for (i, part) in parts.enumerate() {
        let (title, body) = part.split_once('\n').unwrap_or((part.as_str(), ""));
        let shift = 2 * (i % 4);
        let layout = if i == 0 && layouts & 0xC3 == 0xC3 { "title" } else { LAYOUTS[usize::from((layouts >> shift) & 3)] };
        out.push_str("\n[[slide]]\n");
        if !title.is_empty() {
            let _ = writeln!(out, "title = {}", basic(title));
        }
        if layout != "bullets" {
            let _ = writeln!(out, "layout = \"{layout}\"");
        }
        if let Some(o) = overflow {
            let _ = writeln!(out, "overflow = \"{o}\"");
        }
        let body_text = if i % 2 == 0 && literal_ok(body) { format!("'''\n{body}'''") } else { basic(body) };
        let _ = writeln!(out, "body = {body_text}");
        if flags & 0x08 != 0 {
            let _ = writeln!(out, "notes = {}", basic(body));
        }
    }
    out
}

/// A TOML basic string ("…") holding `s` exactly.
fn basic(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` can be a multi-line literal string ('''…''') unchanged: no
/// `'''`, no trailing `'` (it would merge with the closing delimiter), and
/// no control characters but tab and newline.
fn literal_ok(s: &str) -> bool {
    !s.contains("'''") && !s.ends_with('\'') && s.chars().all(|c| c == '\t' || c == '\n' || !c.is_control())
}
