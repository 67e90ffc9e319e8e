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
#[derive(Debug, Clone, Default, Deserialize)]
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
    /// "auto", "ltr" or "rtl"; default "auto" (from `lang`).
    pub dir: Option<Located<String>>,
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
    /// Take faces from the machine for characters the theme's fonts
    /// lack; default true.
    pub system_fonts: Option<bool>,
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
    /// BCP 47 tag, when the slide's language is not the deck's.
    pub lang: Option<Located<String>>,
    /// "auto", "ltr" or "rtl".
    pub dir: Option<Located<String>>,
    /// A Markdown file whose slides take this table's place.
    pub file: Option<Located<String>>,
}

/// A theme's values: every key optional, so the same table serves a full
/// theme file and the manifest's `[theme]` overrides.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeTable {
    /// The theme this one is laid over: a built-in name or a theme file's path.
    pub extends: Option<Located<String>>,
    /// One line saying what the theme is for (shown by `deck themes`).
    pub description: Option<String>,
    /// "16:9" or "4:3"; the deck's own `aspect` wins.
    pub aspect: Option<Located<String>>,
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
    /// Background of code blocks (default: a tint of the text colour).
    pub code: Option<Located<String>>,
    /// Link colour (default: the accent).
    pub link: Option<Located<String>>,
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
    /// Subtitle size on title and section slides, pt.
    pub subtitle_size: Option<Located<f64>>,
    /// Statement paragraph size, pt.
    pub statement_size: Option<Located<f64>>,
    /// Footer size, pt.
    pub footer_size: Option<Located<f64>>,
    /// Line height as a multiple of the type size.
    pub line_height: Option<Located<f64>>,
    /// Indent per list level, pt: one number for every level, or one per level.
    pub indent: Option<Located<PerLevel>>,
    /// Bullet per level: "disc", "dash", "ring", "square" or one character.
    pub bullets: Option<Located<Vec<String>>>,
    /// Bullet colour per level: "accent", "muted", "text" or a colour.
    pub bullet_colors: Option<Located<Vec<String>>>,
    /// Body scales tried by `overflow = "shrink"`, largest first.
    pub shrink_steps: Option<Located<Vec<f64>>>,
    /// Smallest level-1 body size a shrink step may reach, pt.
    pub shrink_floor: Option<Located<f64>>,
    /// Footer text at the left, with `{placeholders}`.
    pub footer_left: Option<Located<String>>,
    /// Footer text at the right, with `{placeholders}`.
    pub footer_right: Option<Located<String>>,
    /// A picture shown in one corner of content slides.
    pub logo: Option<Located<String>>,
    /// "top-left", "top-right", "bottom-left" or "bottom-right".
    pub logo_corner: Option<Located<String>>,
    /// The logo's height, pt.
    pub logo_size: Option<Located<f64>>,
    /// Pictures' resolution at their placed size, pixels per inch.
    pub picture_ppi: Option<Located<f64>>,
    /// Quality of a photo encoded again at its placed size, 1-100.
    pub jpeg_quality: Option<Located<f64>>,
    /// Font files replacing the embedded faces, and OpenType features.
    pub fonts: Option<FontsTable>,
    /// Background colour or picture per layout.
    pub backgrounds: Option<BackgroundsTable>,
    /// Font files tried, in order, for characters the theme's faces lack.
    pub fallback: Option<Located<Vec<String>>>,
}

/// `fonts`: files replacing the embedded Inter and JetBrains Mono faces.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontsTable {
    /// Text, regular.
    pub regular: Option<Located<String>>,
    /// Text, bold.
    pub bold: Option<Located<String>>,
    /// Text, italic.
    pub italic: Option<Located<String>>,
    /// Text, bold italic.
    pub bold_italic: Option<Located<String>>,
    /// Code, regular.
    pub mono: Option<Located<String>>,
    /// Code, bold.
    pub mono_bold: Option<Located<String>>,
    /// OpenType features of the text faces: "cv05" on, "-liga" off.
    pub features: Option<Located<Vec<String>>>,
}

/// `backgrounds`: per layout, a colour ("#rrggbb") or a picture path.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundsTable {
    /// The title slide.
    pub title: Option<Located<String>>,
    /// Section dividers.
    pub section: Option<Located<String>>,
    /// Bullet slides.
    pub bullets: Option<Located<String>>,
    /// Statement slides.
    pub statement: Option<Located<String>>,
    /// Two-column slides.
    #[serde(rename = "two-column")]
    pub two_column: Option<Located<String>>,
    /// Image slides.
    pub image: Option<Located<String>>,
    /// Closing slides.
    pub closing: Option<Located<String>>,
    /// Agenda slides.
    pub agenda: Option<Located<String>>,
}

/// A value per list level, written as one number (every level) or a list.
#[derive(Debug, Clone, PartialEq)]
pub struct PerLevel(pub Vec<f64>);

impl<'de> Deserialize<'de> for PerLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PerLevel;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or an array of numbers")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<PerLevel, E> {
                Ok(PerLevel(vec![v]))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PerLevel, E> {
                Ok(PerLevel(vec![v as f64]))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PerLevel, E> {
                Ok(PerLevel(vec![v as f64]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<PerLevel, A::Error> {
                let mut values = Vec::new();
                while let Some(v) = seq.next_element::<f64>()? {
                    values.push(v);
                }
                Ok(PerLevel(values))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
