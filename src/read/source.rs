//! A slide as read, before its Markdown is converted: its keys and where
//! they were written. The reader makes these from `[[slide]]` tables and
//! Markdown files; `slide.rs` turns each into a model slide.

use crate::diag::FileId;
use crate::manifest::{Located, SlideTable};

/// A slide's keys and where they were written.
#[derive(Debug)]
pub struct SlideSource {
    /// The keys, located in `file`.
    pub table: Located<SlideTable>,
    /// The manifest, or the Markdown file the slide came from.
    pub file: FileId,
    /// The slide's name in messages: "slide 3 (“Context”)", as `diag::slide_name` makes it.
    pub context: String,
    /// It was written in a Markdown file.
    pub markdown: bool,
    /// It is the first slide of a Markdown deck.
    pub opens_deck: bool,
    /// A first slide with no layout whose heading is the deck's title (or
    /// the deck has none): with at most one paragraph besides, it is the
    /// deck's title slide, that paragraph its subtitle.
    pub may_be_title: bool,
}
