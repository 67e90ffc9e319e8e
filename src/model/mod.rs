//! The deck as plain data: what the user wrote, independent of TOML and
//! Markdown syntax and of any page geometry.

mod block;

pub use block::{
    Block, Column, Inline, ListItem, TableAlign, has_math, inlines_have_math, links_mut, visit_diagrams, visit_images,
};

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// A URL as written (`#id` until the deck's slide ids resolve it).
    Url(String),
    /// The first page of the slide at this index of the deck.
    Slide(usize),
    /// The page with this number, as printed on it.
    Page(usize),
}

impl Target {
    /// A link as the author wrote it: `#N` is page N, anything else a URL.
    pub fn written(url: &str) -> Target {
        match url.strip_prefix('#').filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
            Some(number) => number.parse().map_or_else(|_| Target::Url(url.to_string()), Target::Page),
            None => Target::Url(url.to_string()),
        }
    }
}

use crate::diag::Span;

/// A whole deck, ready for layout.
#[derive(Debug, Clone)]
pub struct Deck {
    /// Document-level facts from `[deck]`.
    pub meta: Meta,
    /// The slides in order; the title slide, when made from `[deck]`, is the first.
    pub slides: Vec<Slide>,
    /// The manifest's folder: relative paths start here.
    pub base: std::path::PathBuf,
    /// The folder the deck may read files from (its own, or `--root`).
    pub root: crate::paths::Root,
}

/// Document-level facts from `[deck]`.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Title with its inline formatting.
    pub title: Vec<Inline>,
    /// Optional subtitle.
    pub subtitle: Option<Vec<Inline>>,
    /// Optional author, as written.
    pub author: Option<String>,
    /// Optional date, shown as written.
    pub date: Option<String>,
    /// BCP 47 language tag.
    pub lang: String,
    /// Which way the slides' text runs (a slide may say otherwise).
    pub dir: Dir,
    /// Footer text shown on content slides.
    pub footer: Option<String>,
    /// The PDF's subject.
    pub subject: Option<String>,
    /// The PDF's keywords.
    pub keywords: Vec<String>,
    /// `date` read as a calendar date (year, month, day), when it is one.
    pub calendar_date: Option<(i32, u32, u32)>,
}

/// The page shape of a deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// 960 × 540 pt.
    Wide,
    /// 720 × 540 pt.
    Standard,
}

/// One slide as written (layout may turn it into several pages).
#[derive(Debug, Clone)]
pub struct Slide {
    /// Which arrangement to use.
    pub layout: Layout,
    /// The title with inline formatting, if any.
    pub title: Option<Vec<Inline>>,
    /// Subtitle for `title` and `section` slides.
    pub subtitle: Option<Vec<Inline>>,
    /// Body content.
    pub body: Vec<Block>,
    /// Left column (`two-column`).
    pub left: Vec<Block>,
    /// Right column (`two-column`).
    pub right: Vec<Block>,
    /// The picture of an `image` slide.
    pub image: Option<SlideImage>,
    /// Speaker notes, as Markdown source.
    pub notes: Option<String>,
    /// Speaker notes as blocks, for the notes PDF.
    pub notes_body: Vec<Block>,
    /// The name other slides link to (`#name`).
    pub id: Option<String>,
    /// What to do when the body does not fit.
    pub overflow: Overflow,
    /// Whether the body's list items appear one at a time.
    pub reveal: Reveal,
    /// The slide's language when it differs from the deck's (BCP 47).
    pub lang: Option<String>,
    /// Which way the slide's text runs; `Auto` takes the deck's.
    pub dir: Dir,
    /// The `[[slide]]` table this came from (`None` for the generated title slide).
    pub span: Option<Span>,
    /// Where each character beyond ASCII in the slide's text was first
    /// written, so that a character no font has is shown at its place.
    pub chars: Vec<(char, Span)>,
}

impl Slide {
    /// Whether the slide shows a formula (in its title, subtitle, bodies,
    /// caption or speaker notes, which notes sheets set).
    pub fn has_math(&self) -> bool {
        let caption = self.image.as_ref().and_then(|i| i.caption.as_deref());
        [self.title.as_deref(), self.subtitle.as_deref(), caption].into_iter().flatten().any(inlines_have_math)
            || [&self.body, &self.left, &self.right, &self.notes_body].iter().any(|b| has_math(b))
    }

    /// The slide's name in messages ("slide 3 (“Context”)"), given its
    /// place in the deck's slides.
    pub fn name(&self, index: usize) -> String {
        crate::diag::slide_name(index + 1, self.title.as_deref().map(plain_text).as_deref())
    }
}

/// The picture of an `image` slide.
#[derive(Debug, Clone)]
pub struct SlideImage {
    /// The file, relative to the manifest's folder, as written.
    pub src: String,
    /// Caption under the picture.
    pub caption: Option<Vec<Inline>>,
    /// How the picture fills its area.
    pub fit: Fit,
    /// Where `image = …` was written.
    pub span: Option<Span>,
}

/// How a picture fills its area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Whole picture visible, aspect kept, letterboxed.
    Contain,
    /// Area filled, aspect kept, edges cropped.
    Cover,
}

/// Slide arrangements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Big title, subtitle, author and date.
    Title,
    /// A divider that opens a section.
    Section,
    /// Title on top, body below.
    Bullets,
    /// One short paragraph set large.
    Statement,
    /// The final call to action.
    Closing,
    /// Title, then `left` and `right` side by side.
    TwoColumn,
    /// A picture placed by `fit`, with optional caption and title.
    Image,
    /// The list of sections, each linking to its section slide.
    Agenda,
}

impl Layout {
    /// Every layout name the format knows, supported or not.
    pub const NAMES: [&'static str; 8] =
        ["bullets", "title", "section", "statement", "two-column", "image", "closing", "agenda"];

    /// The layout for a name, or `None` when deck cannot lay it out.
    pub fn from_name(name: &str) -> Option<Layout> {
        Some(match name {
            "title" => Layout::Title,
            "section" => Layout::Section,
            "bullets" => Layout::Bullets,
            "statement" => Layout::Statement,
            "closing" => Layout::Closing,
            "two-column" => Layout::TwoColumn,
            "image" => Layout::Image,
            "agenda" => Layout::Agenda,
            _ => return None,
        })
    }

    /// The name users write for this layout.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Title => "title",
            Layout::Section => "section",
            Layout::Bullets => "bullets",
            Layout::Statement => "statement",
            Layout::Closing => "closing",
            Layout::TwoColumn => "two-column",
            Layout::Image => "image",
            Layout::Agenda => "agenda",
        }
    }
}

/// Policy for bodies that do not fit on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overflow {
    /// Split onto continuation pages.
    Continue,
    /// Scale the body down in the theme's steps, then continue.
    Shrink,
    /// Fail the build.
    Error,
}

impl Overflow {
    /// Every policy name.
    pub const NAMES: [&'static str; 3] = ["continue", "shrink", "error"];

    /// The policy for a name.
    pub fn from_name(name: &str) -> Option<Overflow> {
        Some(match name {
            "continue" => Overflow::Continue,
            "shrink" => Overflow::Shrink,
            "error" => Overflow::Error,
            _ => return None,
        })
    }
}

/// How a slide's content appears when it is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// All at once.
    All,
    /// The body's top-level list items one at a time, one step each.
    Items,
}

impl Reveal {
    /// Every name users may write.
    pub const NAMES: [&'static str; 2] = ["all", "items"];

    /// The way of revealing for a name.
    pub fn from_name(name: &str) -> Option<Reveal> {
        Some(match name {
            "all" => Reveal::All,
            "items" => Reveal::Items,
            _ => return None,
        })
    }
}

/// Which way a slide's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dir {
    /// As the language says (Arabic, Hebrew, Persian, Urdu… right to left).
    #[default]
    Auto,
    /// Left to right.
    Ltr,
    /// Right to left: the layout mirrored, paragraphs aligned right.
    Rtl,
}

impl Dir {
    /// Every name users may write.
    pub const NAMES: [&'static str; 3] = ["auto", "ltr", "rtl"];

    /// The direction for a name.
    pub fn from_name(name: &str) -> Option<Dir> {
        Some(match name {
            "auto" => Dir::Auto,
            "ltr" => Dir::Ltr,
            "rtl" => Dir::Rtl,
            _ => return None,
        })
    }
}

/// Whether `c` is a control character a slide cannot show and the HTML
/// must not carry (all but tab and the line ends).
pub fn unprintable(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Flatten inline content to the plain text a reader sees.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    block::push_plain(inlines, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::Target;

    #[test]
    fn a_written_link_is_a_page_number_or_a_url() {
        assert_eq!(Target::written("#3"), Target::Page(3));
        assert_eq!(Target::written("#intro"), Target::Url("#intro".into()));
        assert_eq!(Target::written("#"), Target::Url("#".into()));
        assert_eq!(Target::written("#3a"), Target::Url("#3a".into()));
        assert_eq!(Target::written("#99999999999999999999999"), Target::Url("#99999999999999999999999".into()));
        assert_eq!(Target::written("https://example.org/#2"), Target::Url("https://example.org/#2".into()));
    }
}
