//! The serde structs of deck's TOML files: the manifest and theme tables.
//! Unknown keys are errors everywhere (`deny_unknown_fields`).

use serde::Deserialize;

use super::Located;

/// A whole manifest file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// `[deck]`: required.
    pub deck: Option<Located<DeckTable>>,
    /// `[theme]`: overrides of the chosen theme's values.
    #[serde(default)]
    pub theme: ThemeTable,
    /// `[output]`.
    #[serde(default)]
    pub output: OutputTable,
    /// `[[slide]]` tables in order.
    #[serde(default)]
    pub slide: Vec<Located<SlideTable>>,
}

/// `[deck]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeckTable {
    /// Required; inline Markdown.
    pub title: Option<Located<String>>,
    /// Inline Markdown.
    pub subtitle: Option<Located<String>>,
    /// As written.
    pub author: Option<String>,
    /// As written.
    pub date: Option<String>,
    /// BCP 47 tag; default "en".
    pub lang: Option<Located<String>>,
    /// Built-in theme name or a path to a theme file.
    pub theme: Option<Located<String>>,
    /// "16:9" or "4:3".
    pub aspect: Option<Located<String>>,
    /// Make slide 1 from `[deck]`; default true.
    pub title_slide: Option<bool>,
    /// Footer text on content slides.
    pub footer: Option<String>,
    /// The PDF's subject (default: the subtitle).
    pub subject: Option<String>,
    /// The PDF's keywords.
    pub keywords: Option<Vec<String>>,
    /// A Markdown file of slides, shown before the `[[slide]]` tables.
    pub source: Option<Located<String>>,
}

/// `[output]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputTable {
    /// "pdf" and/or "html"; default both.
    pub formats: Option<Vec<Located<String>>>,
    /// Output folder, relative to the manifest; default "out".
    pub dir: Option<String>,
    /// File stem of the outputs; default the manifest's stem.
    pub name: Option<Located<String>>,
    /// Also write `<name>-notes.pdf`.
    pub notes: Option<bool>,
}

/// One `[[slide]]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlideTable {
    /// Inline Markdown.
    pub title: Option<Located<String>>,
    /// Inline Markdown, for `title` and `section` layouts.
    pub subtitle: Option<Located<String>>,
    /// Layout name; default "bullets".
    pub layout: Option<Located<String>>,
    /// Markdown body.
    pub body: Option<Located<String>>,
    /// Left column Markdown (`two-column`).
    pub left: Option<Located<String>>,
    /// Right column Markdown (`two-column`).
    pub right: Option<Located<String>>,
    /// Image path (`image`).
    pub image: Option<Located<String>>,
    /// Image caption (`image`).
    pub caption: Option<Located<String>>,
    /// "contain" or "cover" (`image`).
    pub fit: Option<Located<String>>,
    /// Speaker notes, Markdown.
    pub notes: Option<String>,
    /// "continue", "shrink" or "error".
    pub overflow: Option<Located<String>>,
    /// A name other slides link to with `[text](#name)`.
    pub id: Option<Located<String>>,
    /// "items": the body's list items appear one at a time.
    pub reveal: Option<Located<String>>,
    /// A Markdown file whose slides take this table's place.
    pub file: Option<Located<String>>,
}

/// A theme's values: every key optional, so the same table serves a full
/// theme file and the manifest's `[theme]` overrides.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeTable {
    /// Page background colour, "#rrggbb".
    pub background: Option<Located<String>>,
    /// Body text colour.
    pub text: Option<Located<String>>,
    /// Accent colour: bullets, rules, section slides.
    pub accent: Option<Located<String>>,
    /// Footer and secondary text colour.
    pub muted: Option<Located<String>>,
    /// Text colour on accent backgrounds.
    pub on_accent: Option<Located<String>>,
    /// Left and right margin, pt.
    pub margin_x: Option<Located<f64>>,
    /// Top margin, pt.
    pub margin_top: Option<Located<f64>>,
    /// Bottom margin, pt.
    pub margin_bottom: Option<Located<f64>>,
    /// Slide title size, pt.
    pub title_size: Option<Located<f64>>,
    /// Body size per list level, pt.
    pub body_sizes: Option<Located<Vec<f64>>>,
    /// Statement paragraph size, pt.
    pub statement_size: Option<Located<f64>>,
    /// Footer size, pt.
    pub footer_size: Option<Located<f64>>,
    /// Line height as a multiple of the type size.
    pub line_height: Option<Located<f64>>,
    /// Indent per list level, pt.
    pub indent: Option<Located<f64>>,
    /// Bullet shape per level: "disc", "dash", "ring", "square".
    pub bullets: Option<Located<Vec<String>>>,
    /// Body scales tried by `overflow = "shrink"`, largest first.
    pub shrink_steps: Option<Located<Vec<f64>>>,
    /// Font files tried, in order, for characters the theme's faces lack.
    pub fallback: Option<Located<Vec<String>>>,
}
