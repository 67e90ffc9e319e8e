//! HTML: one self-contained file. Each page is a `<section>` with semantic
//! headings, lists and paragraphs, every line placed where layout put it;
//! the faces travel as `data:` URLs, each cut down to the characters its
//! pages show; the player script scales the stage to the window and
//! navigates by keyboard and `#N`.

mod cff_webfont;
mod formula;
mod markup;
mod notes;
mod policy;
mod webfonts;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use base64::Engine;

use super::Document;
use crate::images::{Encoded, ImageId, Prepared};
use crate::model::plain_text;
use crate::text::{FontBook, FontId};

const PLAYER_CSS: &str = include_str!("player.css");
/// The player script, joined from its parts by concern, in this order:
/// `setup.js` opens the one function whose state every part shares (the
/// stage, the current slide and step), `input.js` starts the player and
/// closes it.
const PLAYER_JS: &str = concat!(
    include_str!("player/setup.js"),
    include_str!("player/copies.js"),
    include_str!("player/navigation.js"),
    include_str!("player/sync.js"),
    include_str!("player/overview.js"),
    include_str!("player/presenter.js"),
    include_str!("player/input.js"),
);

/// The policy `<meta>` of a page this exporter wrote, for the page that
/// also runs `script` and reads events from its own server (`deck
/// serve`'s reload script); the first `<meta` of the page that starts
/// with [`POLICY_START`] is the one to replace.
pub fn policy_with(script: &str) -> String {
    policy::meta(&[PLAYER_JS, script], true)
}

/// How the policy's `<meta>` starts.
pub const POLICY_START: &str = policy::META_START;

/// The HTML document of `document`'s slides.
pub fn write(document: &Document) -> String {
    let Document { pages, meta, book, pictures, .. } = *document;
    let title = plain_text(&meta.title);
    let (width, height) = pages.first().map_or((960.0, 540.0), |p| p.size);
    let fonts = webfonts::usage(pages);
    // A photo deck's page is mostly its pictures' data URLs, each written
    // once: room for them from the start, so that the string does not
    // double (and copy what it holds) on its way to tens of megabytes.
    let urls: usize = pictures.values().map(|p| 4 * payload(p).1.len().div_ceil(3) + 32).sum();
    let mut out = String::with_capacity((1 << 20) + urls);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"deck {version}\">\n{policy}\n<title>{title}</title>\n<style>\n",
        lang = markup::escape(&meta.lang),
        policy = policy::meta(&[PLAYER_JS], false),
        version = env!("CARGO_PKG_VERSION"),
        title = markup::escape(&title),
    );
    font_faces(&mut out, book, &fonts);
    crate::timing::mark("html: fonts subset");
    let accent = document.accent().map(|c| c.hex());
    let _ = writeln!(
        out,
        ":root{{--w:{};--h:{}{}}}",
        markup::pt(width),
        markup::pt(height),
        accent.map(|a| format!(";--accent:{a}")).unwrap_or_default()
    );
    out.push_str(PLAYER_CSS);
    let pictures = Pictures::new(pictures, pages);
    pictures.style(&mut out);
    let _ = write!(out, "</style>\n</head>\n<body>\n<main id=\"deck\" aria-label=\"{}\">\n", markup::escape(&title));

    for page in pages {
        markup::section(&mut out, page, pages.len(), &pictures, book);
    }
    out.push_str("</main>\n<script>");
    out.push_str(PLAYER_JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// One `@font-face` per used face, and a class per face with the same
/// weight, style and OpenType features layout used.
fn font_faces(out: &mut String, book: &FontBook, fonts: &BTreeMap<FontId, webfonts::Usage>) {
    for (&id, usage) in fonts {
        let face = book.face(id);
        let data = base64::engine::general_purpose::STANDARD.encode(webfonts::font_file(face, usage));
        let _ = writeln!(
            out,
            "@font-face{{font-family:\"deck-{n}\";src:url(data:font/ttf;base64,{data}) format(\"truetype\");font-display:block}}\n\
             .f{n}{{font-family:\"deck-{n}\";font-weight:{w};font-style:{s};font-feature-settings:{features}}}",
            n = id.0,
            w = if face.style.bold { 700 } else { 400 },
            s = if face.style.italic { "italic" } else { "normal" },
            features = face.css_features(),
        );
    }
}

/// The pictures by id, and those drawn more than once (a logo, a
/// background): each of those is written once, in the style sheet, and
/// shown by its class wherever it is drawn.
struct Pictures<'a> {
    prepared: &'a BTreeMap<ImageId, Arc<Prepared>>,
    shared: std::collections::BTreeSet<ImageId>,
}

impl<'a> Pictures<'a> {
    /// The pictures of `pages`, and which of them are drawn more than once.
    fn new(prepared: &'a BTreeMap<ImageId, Arc<Prepared>>, pages: &[crate::layout::Page]) -> Pictures<'a> {
        let mut uses: BTreeMap<ImageId, usize> = BTreeMap::new();
        for page in pages {
            let mut count = |image: &crate::layout::ImageBox| *uses.entry(image.id).or_default() += 1;
            page.artwork.iter().for_each(&mut count);
            crate::layout::visit_images(&page.nodes, &mut count);
        }
        let shared =
            uses.into_iter().filter(|&(id, n)| n > 1 && prepared.contains_key(&id)).map(|(id, _)| id).collect();
        Pictures { prepared, shared }
    }

    fn get(&self, id: &ImageId) -> Option<&Arc<Prepared>> {
        self.prepared.get(id)
    }

    /// The class showing a picture drawn more than once.
    fn class(&self, id: ImageId) -> Option<String> {
        self.shared.contains(&id).then(|| format!("p{}", id.0))
    }

    /// A class per picture drawn more than once, its picture the class's
    /// background, stretched to its box as an `<img>` would be.
    fn style(&self, out: &mut String) {
        for &id in &self.shared {
            let Some(picture) = self.prepared.get(&id) else { continue };
            let _ = write!(out, ".p{}{{background:url(\"", id.0);
            data_url(out, picture);
            out.push_str("\") 0 0/100% 100% no-repeat}\n");
        }
    }
}

/// A picture as a `data:` URL, written where it is used (a deck of photos
/// would otherwise hold each URL twice): the JPEG the PDF embeds too, or
/// a PNG.
fn data_url(out: &mut String, picture: &Prepared) {
    let engine = &base64::engine::general_purpose::STANDARD;
    let (kind, bytes) = payload(picture);
    out.push_str("data:image/");
    out.push_str(kind);
    out.push_str(";base64,");
    engine.encode_string(bytes, out);
}

/// A picture's type and the bytes of its data URL.
fn payload(picture: &Prepared) -> (&'static str, &[u8]) {
    match &picture.encoded {
        Encoded::Jpeg { bytes, .. } => ("jpeg", bytes.as_slice()),
        Encoded::Lossless { png, .. } => ("png", png.as_slice()),
        // Without the text deck sets over it (a diagram's labels), if lifted.
        Encoded::Svg(svg) => ("svg+xml", svg.html_markup().as_bytes()),
    }
}
