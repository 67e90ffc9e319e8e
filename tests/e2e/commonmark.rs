//! Every example of the CommonMark specification (0.31.2, from the npm
//! package `commonmark-spec`; see tests/fixtures/commonmark/README.md)
//! compiled as the body of a one-slide deck, in-process with
//! `deck::render`: no panic, an `Ok`, a PDF that starts with `%PDF-` and
//! ends with `%%EOF`, an HTML file, and the example's text laid out.
//!
//! # What "the text round-trips" means here
//!
//! deck does not produce CommonMark's HTML: it lays text out on slides.
//! So the check is on words, not markup. The expected side is the text a
//! reader of the spec's reference HTML sees ([`reader_text`]): tags
//! stripped (inline ones such as `<em>` without leaving a gap, since
//! `foo*bar*` is still one word on the slide; block ones and `<br />` as
//! a space), entities decoded, plus each `<img>`'s `alt` (deck shows an
//! image's alt text in its place). The actual side is every `TextRun.text`
//! deck laid out on every page, runs of a line joined as they are, lines
//! joined by a newline, footers left out (their page numbers are not
//! content). Both are cut into [`words`]: runs of letters and digits, and
//! every other visible character on its own (so `+++`, `*` and `#` count),
//! except the punctuation deck's smart typography is allowed to change:
//! straight quotes becoming curly ones, `--` an en dash, `...` an
//! ellipsis. Whitespace never counts: tabs in code becoming spaces, lines
//! breaking elsewhere.
//!
//! The check: the expected words, in order, are a subsequence of deck's
//! words. Order matters (a list item or table cell set in the wrong place
//! is a bug); extra words on deck's side do not (numbered lists add their
//! numbers, raw HTML its tags). Raw HTML is the one place where the two
//! sides differ by design: cmark passes it through as markup, deck shows
//! it verbatim as text. Rather than guessing which parts of an example
//! are raw HTML, deck's text is also read the way the expected side is
//! (`reader_text` applied to what deck laid out: the raw tags it shows
//! are stripped, the entities it shows decoded), and the example passes
//! when the expected words are in either reading. A word deck loses is
//! lost in both.
//!
//! Examples deck refuses by design (pictures whose files do not exist, a
//! link to a slide id no slide has) are in [`REJECTED`] with the error
//! they must fail with; examples that fail the round trip because of a
//! deck bug are in [`KNOWN_BUGS`] and must keep failing (so fixing one
//! makes this test say which entry to delete).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use deck::layout::{Node, visit_lines};

const SPEC: &str = include_str!("../fixtures/commonmark/spec.json");

/// Examples deck refuses by design, with the text its error must hold:
/// the round trip cannot apply, so the check is that the render fails
/// cleanly with that error.
///
/// - A paragraph that is one image is a picture, and a picture whose file
///   does not exist, or lies outside the deck's folder (`/url`), is an error.
/// - A `#fragment` link must name a slide's `id`.
const REJECTED: &[(u32, &str)] = &[
    (501, "no slide has the id `fragment`"),
    (520, "image `uri3`"),
    (572, "image `/url`"),
    (573, "image `train.jpg`"),
    (574, "image `/url2`"),
    (575, "image `/url2`"),
    (576, "image `train.jpg`"),
    (577, "image `train.jpg`"),
    (578, "image `train.jpg`"),
    (580, "image `url`"),
    (581, "image `/url`"),
    (582, "image `/url`"),
    (583, "image `/url`"),
    (584, "image `/url`"),
    (585, "image `/url`"),
    (586, "image `/url`"),
    (588, "image `/url`"),
    (589, "image `/url`"),
    (591, "image `/url`"),
];

/// Examples whose round-trip fails because of a deck bug: listed so the
/// test stays green while the bug is open, and checked to still fail.
const KNOWN_BUGS: &[(u32, &str)] = &[];

#[test]
fn every_commonmark_example_renders_and_keeps_its_text() {
    let examples = parse_spec(SPEC);
    assert!(examples.len() >= 600, "only {} examples in spec.json", examples.len());
    let mut failures = Vec::new();
    let mut still_failing = Vec::new();
    for example in &examples {
        let number = example.number;
        let outcome = check(example);
        let known = KNOWN_BUGS.iter().find(|(n, _)| *n == number).map(|(_, why)| *why);
        match (outcome, known) {
            (Outcome::Ok, Some(why)) => {
                failures.push(format!("example {number}: passes now ({why}: fixed); delete it from KNOWN_BUGS"))
            }
            (Outcome::Ok, None) => {}
            (Outcome::Missing(_), Some(_)) => still_failing.push(number),
            (Outcome::Missing(words), None) => failures.push(format!(
                "example {number} ({}): words missing from the slide, in order: {}\n  markdown: {:?}",
                example.section,
                words.join(" "),
                example.markdown
            )),
            (Outcome::Broken(why), _) => failures
                .push(format!("example {number} ({}): {why}\n  markdown: {:?}", example.section, example.markdown)),
        }
    }
    for (n, _) in REJECTED.iter().chain(KNOWN_BUGS) {
        assert!(examples.iter().any(|e| e.number == *n), "example {n} is listed but not in the spec");
    }
    assert!(
        failures.is_empty(),
        "{} of {} CommonMark examples fail ({} more are rejected by design, {} listed as known bugs):\n{}",
        failures.len(),
        examples.len(),
        REJECTED.len(),
        still_failing.len(),
        failures.join("\n")
    );
}

enum Outcome {
    Ok,
    /// The round trip lost these words (the first missing and everything after it).
    Missing(Vec<String>),
    /// A panic, an error or a malformed output.
    Broken(String),
}

fn check(example: &Example) -> Outcome {
    let manifest = format!(
        "[deck]\ntitle = \"CommonMark example {}\"\ntitle_slide = false\n\n[[slide]]\nbody = {}\n",
        example.number,
        toml_string(&example.markdown)
    );
    let result = catch_unwind(AssertUnwindSafe(|| deck::render(&manifest, Path::new("commonmark.toml"))));
    let rejected = REJECTED.iter().find(|(n, _)| *n == example.number).map(|(_, why)| *why);
    let rendered = match (result, rejected) {
        (Ok(Err(failure)), Some(why)) => {
            if failure.errors.iter().any(|d| format!("{d:?}").contains(why)) {
                return Outcome::Ok;
            }
            return Outcome::Broken(format!("rejected, but not with `{why}`: {:?}", failure.errors));
        }
        (Ok(Ok(_)), Some(why)) => {
            return Outcome::Broken(format!("renders now (REJECTED expects `{why}`): delete it from REJECTED"));
        }
        (Ok(Ok(rendered)), None) => rendered,
        (Ok(Err(failure)), None) => {
            let errors: Vec<String> = failure.errors.iter().map(|d| format!("{d:?}")).collect();
            return Outcome::Broken(format!("render failed: {}", errors.join("; ")));
        }
        (Err(panic), _) => return Outcome::Broken(format!("panicked: {}", panic_message(&*panic))),
    };
    if !rendered.pdf.starts_with(b"%PDF-") {
        return Outcome::Broken("the PDF does not start with %PDF-".into());
    }
    if !rendered.pdf.trim_ascii_end().ends_with(b"%%EOF") {
        return Outcome::Broken("the PDF does not end with %%EOF".into());
    }
    if !rendered.html.starts_with("<!DOCTYPE html>") {
        return Outcome::Broken("the HTML does not start with <!DOCTYPE html>".into());
    }

    let mut laid_out = String::new();
    for page in &rendered.pages {
        let content: Vec<Node> = page.nodes.iter().filter(|n| !matches!(n, Node::Footer(_))).cloned().collect();
        visit_lines(&content, &mut |line| {
            for run in &line.runs {
                laid_out.push_str(&run.text);
            }
            laid_out.push('\n');
        });
    }
    let expected = words(&reader_text(&example.html));
    let as_shown = words(&laid_out);
    let as_read = words(&reader_text(&laid_out));
    match (lost(&expected, &as_shown), lost(&expected, &as_read)) {
        (Some(words), Some(_)) => Outcome::Missing(words),
        _ => Outcome::Ok,
    }
}

/// `None` when `expected` is a subsequence of `actual`; otherwise the
/// expected words from the first one not found on.
fn lost(expected: &[String], actual: &[String]) -> Option<Vec<String>> {
    let mut at = 0;
    for (i, word) in expected.iter().enumerate() {
        match actual[at..].iter().position(|w| w == word) {
            Some(p) => at += p + 1,
            None => return Some(expected[i..].to_vec()),
        }
    }
    None
}

/// Punctuation deck's smart typography may change (straight quotes to
/// curly ones, `--` and `---` to dashes, `...` to an ellipsis), and what it
/// changes them to: left out of [`words`].
const TYPOGRAPHIC: &str = "'\"-.\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}";

/// Words: maximal runs of letters and digits, and each other visible
/// character (`*`, `#`, `<`, a combining mark, …) as a word of its own,
/// except the [`TYPOGRAPHIC`] ones.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() && !TYPOGRAPHIC.contains(c) {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// HTML as a reader sees it: tags out, entities decoded. The inline tags
/// cmark writes inside a paragraph vanish without a trace (`foo<em>bar</em>`
/// is the one word "foobar"), an `<img>` leaves its alt text, and every other
/// tag (blocks, `<br />`, raw HTML) becomes a space.
fn reader_text(html: &str) -> String {
    const INLINE: [&str; 6] = ["a", "em", "strong", "code", "del", "img"];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let close = after.find('>').map_or(after.len(), |c| c + 1);
        let tag = &after[..close];
        let name: String = tag[1..].trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if name == "img" {
            out.push_str(attribute(tag, "alt").unwrap_or(""));
        } else if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &after[close..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The entities cmark writes: the four it escapes with, and numeric ones.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let entity = after.find(';').filter(|&e| e <= 10).map(|e| &after[..=e]);
        let decoded = entity.and_then(|e| match e {
            "&amp;" => Some('&'),
            "&lt;" => Some('<'),
            "&gt;" => Some('>'),
            "&quot;" => Some('"'),
            _ => {
                let digits = e.strip_prefix("&#")?.strip_suffix(';')?;
                let code = match digits.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => digits.parse().ok()?,
                };
                Some(char::from_u32(code).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'))
            }
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e.len()..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `s` as a TOML basic string, every control character escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into())
}

/// One example of the spec.
struct Example {
    number: u32,
    section: String,
    markdown: String,
    html: String,
}

/// Read spec.json: an array of flat objects whose values are strings or
/// integers (the test has no JSON crate, and needs no more than this).
fn parse_spec(json: &str) -> Vec<Example> {
    let mut p = Json { s: json.as_bytes(), i: 0 };
    let mut examples = Vec::new();
    p.expect(b'[');
    loop {
        p.skip_ws();
        if p.peek() == b']' {
            break;
        }
        p.expect(b'{');
        let (mut number, mut section, mut markdown, mut html) = (None, None, None, None);
        loop {
            p.skip_ws();
            if p.peek() == b'}' {
                p.i += 1;
                break;
            }
            let key = p.string();
            p.expect(b':');
            p.skip_ws();
            match key.as_str() {
                "example" => number = Some(p.integer()),
                "section" => section = Some(p.string()),
                "markdown" => markdown = Some(p.string()),
                "html" => html = Some(p.string()),
                other => panic!("spec.json: unexpected key {other:?}"),
            }
            p.skip_ws();
            if p.peek() == b',' {
                p.i += 1;
            }
        }
        examples.push(Example {
            number: number.expect("example number"),
            section: section.expect("section"),
            markdown: markdown.expect("markdown"),
            html: html.expect("html"),
        });
        p.skip_ws();
        if p.peek() == b',' {
            p.i += 1;
        }
    }
    examples
}

struct Json<'a> {
    s: &'a [u8],
    i: usize,
}

impl Json<'_> {
    fn peek(&self) -> u8 {
        *self.s.get(self.i).expect("spec.json ends early")
    }

    fn skip_ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn expect(&mut self, b: u8) {
        self.skip_ws();
        assert_eq!(self.peek(), b, "spec.json: expected {:?} at byte {}", b as char, self.i);
        self.i += 1;
    }

    fn integer(&mut self) -> u32 {
        let start = self.i;
        while self.peek().is_ascii_digit() {
            self.i += 1;
        }
        std::str::from_utf8(&self.s[start..self.i]).unwrap().parse().expect("spec.json: a number")
    }

    fn hex4(&mut self) -> u32 {
        let hex = std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap();
        self.i += 4;
        u32::from_str_radix(hex, 16).expect("spec.json: \\u escape")
    }

    fn string(&mut self) -> String {
        self.expect(b'"');
        let mut out = Vec::new();
        loop {
            let b = self.peek();
            self.i += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let e = self.peek();
                    self.i += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut code = self.hex4();
                            if (0xD800..0xDC00).contains(&code) && self.s[self.i..].starts_with(b"\\u") {
                                self.i += 2;
                                let low = self.hex4();
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                            }
                            char::from_u32(code).expect("spec.json: a valid \\u escape")
                        }
                        other => panic!("spec.json: unknown escape \\{}", other as char),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                b => out.push(b),
            }
        }
        String::from_utf8(out).expect("spec.json: UTF-8")
    }
}
