//! Themes: raw theme tables (built-in files in `themes/`, a user's theme
//! file, the manifest's `[theme]` overrides) resolved into one concrete,
//! validated [`Theme`].
//!
//! Steps: [`load`] follows a theme's `extends` chain down to `default`
//! (built-ins embedded from `themes/`, files read relative to the file
//! that names them); [`resolve`] lays the chain's tables over each other,
//! the manifest's `[theme]` on top, and checks every value.

mod footer;
mod load;
mod resolve;

use std::path::PathBuf;

use crate::diag::Spanned;
use crate::model::Layout;

pub use footer::{FooterFields, PLACEHOLDERS, expand};
pub use load::{BUILTINS, Builtin};
pub use resolve::resolve;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Color {
    /// Parse "#rrggbb" or "#rgb".
    pub fn parse(text: &str) -> Option<Color> {
        let hex = text.strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            6 => Some(Color { r: digit(0, 2)?, g: digit(2, 2)?, b: digit(4, 2)? }),
            3 => Some(Color { r: digit(0, 1)? * 17, g: digit(1, 1)? * 17, b: digit(2, 1)? * 17 }),
            _ => None,
        }
    }

    /// "#rrggbb".
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance (WCAG), 0 for black to 1 for white.
    pub fn luminance(self) -> f32 {
        let channel = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// Mix with `other`; `t` = 0 gives self, 1 gives other.
    pub fn mix(self, other: Color, t: f32) -> Color {
        let m = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Color { r: m(self.r, other.r), g: m(self.g, other.g), b: m(self.b, other.b) }
    }
}

/// The theme's colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Page background.
    pub background: Color,
    /// Body text.
    pub text: Color,
    /// Bullets, rules, section slides.
    pub accent: Color,
    /// Footer and secondary text.
    pub muted: Color,
    /// Text on accent backgrounds.
    pub on_accent: Color,
    /// Code block backgrounds.
    pub code: Color,
    /// Links.
    pub link: Color,
}

/// WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `color`, or the nearest colour toward black (on a light background) or
/// white (on a dark one) that stands out from `background` by at least
/// `ratio`: for colours that come from elsewhere, such as a syntax
/// highlighting theme.
pub fn legible(color: Color, background: Color, ratio: f32) -> Color {
    let far = if background.luminance() < 0.4 { Color { r: 255, g: 255, b: 255 } } else { Color { r: 0, g: 0, b: 0 } };
    (0..=20).map(|step| color.mix(far, step as f32 / 20.0)).find(|c| contrast(*c, background) >= ratio).unwrap_or(far)
}

/// How a list level's bullet is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulletShape {
    /// A character set in the body face, e.g. "▸" or "–".
    Glyph(char),
    /// A filled circle in the accent colour.
    Disc,
    /// A short horizontal bar in the muted colour.
    Dash,
    /// A circle outline in the muted colour.
    Ring,
    /// A small filled square in the accent colour.
    Square,
}

impl BulletShape {
    /// Every bullet shape name.
    pub const NAMES: [&'static str; 4] = ["disc", "dash", "ring", "square"];

    fn from_name(name: &str) -> Option<BulletShape> {
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && !c.is_whitespace()
            && !c.is_control()
        {
            return Some(BulletShape::Glyph(c));
        }
        Some(match name {
            "disc" => BulletShape::Disc,
            "dash" => BulletShape::Dash,
            "ring" => BulletShape::Ring,
            "square" => BulletShape::Square,
            _ => return None,
        })
    }
}

/// A corner of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    /// Top left.
    TopLeft,
    /// Top right.
    TopRight,
    /// Bottom left.
    BottomLeft,
    /// Bottom right.
    BottomRight,
}

impl Corner {
    /// Every corner's name.
    pub const NAMES: [&'static str; 4] = ["top-left", "top-right", "bottom-left", "bottom-right"];

    fn from_name(name: &str) -> Option<Corner> {
        Some(match name {
            "top-left" => Corner::TopLeft,
            "top-right" => Corner::TopRight,
            "bottom-left" => Corner::BottomLeft,
            "bottom-right" => Corner::BottomRight,
            _ => return None,
        })
    }

    /// Whether it is one of the two top corners.
    pub fn top(self) -> bool {
        matches!(self, Corner::TopLeft | Corner::TopRight)
    }

    /// Whether it is one of the two left corners.
    pub fn left(self) -> bool {
        matches!(self, Corner::TopLeft | Corner::BottomLeft)
    }
}

/// A picture in one corner of every content slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    /// The file, resolved against the file that named it.
    pub path: Spanned<PathBuf>,
    /// Where it goes.
    pub corner: Corner,
    /// Its height, pt.
    pub size: f32,
}

/// What a layout's pages are drawn on.
#[derive(Debug, Clone, PartialEq)]
pub enum Backdrop {
    /// A plain colour.
    Color(Color),
    /// A picture covering the page, resolved against the file that named it.
    Picture(Spanned<PathBuf>),
}

/// Font files replacing the embedded faces; faces not named fall back to
/// the nearest named one of their family (bold italic to bold, then regular).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FontFiles {
    /// Text, regular.
    pub regular: Option<Spanned<PathBuf>>,
    /// Text, bold.
    pub bold: Option<Spanned<PathBuf>>,
    /// Text, italic.
    pub italic: Option<Spanned<PathBuf>>,
    /// Text, bold italic.
    pub bold_italic: Option<Spanned<PathBuf>>,
    /// Code, regular.
    pub mono: Option<Spanned<PathBuf>>,
    /// Code, bold.
    pub mono_bold: Option<Spanned<PathBuf>>,
    /// OpenType features of the text faces, on (1) or off (0); `None`
    /// keeps the built-in set.
    pub features: Option<Vec<([u8; 4], u32)>>,
}

/// A resolved theme: every value present and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// What the theme is for, in one line.
    pub description: String,
    /// Page width, pt.
    pub width: f32,
    /// Page height, pt.
    pub height: f32,
    /// Colours.
    pub palette: Palette,
    /// Left and right margin, pt.
    pub margin_x: f32,
    /// Top margin, pt.
    pub margin_top: f32,
    /// Bottom margin, pt.
    pub margin_bottom: f32,
    /// Slide title size, pt.
    pub title_size: f32,
    /// Subtitle size on title and section slides, pt; `None`: derived
    /// from the body size.
    pub subtitle_size: Option<f32>,
    /// Body size per list level (level 1 first), pt; never empty.
    pub body_sizes: Vec<f32>,
    /// Statement paragraph size, pt.
    pub statement_size: f32,
    /// Footer size, pt.
    pub footer_size: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Indent per list level, pt; never empty.
    pub indents: Vec<f32>,
    /// Bullet per list level; never empty.
    pub bullets: Vec<BulletShape>,
    /// Bullet colour per list level; `None`: the shape's own (accent for
    /// discs, squares and glyphs, muted for dashes and rings).
    pub bullet_colors: Vec<Option<Color>>,
    /// Body scales for `overflow = "shrink"`, largest first.
    pub shrink_steps: Vec<f32>,
    /// Smallest level-1 body size a shrink step may set, pt.
    pub shrink_floor: f32,
    /// Footer templates, left and right.
    pub footer: (String, String),
    /// Pictures' resolution at their placed size, pixels per inch.
    pub picture_ppi: f32,
    /// Quality of a photo encoded again at its placed size, 1-100.
    pub jpeg_quality: u8,
    /// The corner logo.
    pub logo: Option<Logo>,
    /// Backgrounds other than the palette's, per layout.
    pub backdrops: Vec<(Layout, Backdrop)>,
    /// Faces replacing the embedded ones, and features.
    pub fonts: FontFiles,
    /// Fallback font files, resolved against the file that named them.
    pub fallback: Vec<Spanned<std::path::PathBuf>>,
}

impl Theme {
    /// The body size at list `level` (0 = top level); deeper levels reuse the last.
    pub fn body_size(&self, level: usize) -> f32 {
        let last = self.body_sizes.len().saturating_sub(1);
        self.body_sizes.get(level.min(last)).copied().unwrap_or(18.0)
    }

    /// The bullet at list `level`; deeper levels reuse the last.
    pub fn bullet(&self, level: usize) -> BulletShape {
        let last = self.bullets.len().saturating_sub(1);
        self.bullets.get(level.min(last)).copied().unwrap_or(BulletShape::Disc)
    }

    /// The bullet colour at list `level`, when the theme sets one.
    pub fn bullet_color(&self, level: usize) -> Option<Color> {
        let last = self.bullet_colors.len().saturating_sub(1);
        self.bullet_colors.get(level.min(last)).copied().flatten()
    }

    /// The indent at list `level`; deeper levels reuse the last.
    pub fn indent(&self, level: usize) -> f32 {
        let last = self.indents.len().saturating_sub(1);
        self.indents.get(level.min(last)).copied().unwrap_or(30.0)
    }

    /// The shrink steps whose level-1 body size stays at or above the floor.
    pub fn usable_shrink_steps(&self) -> Vec<f32> {
        let body = self.body_size(0);
        self.shrink_steps.iter().copied().filter(|s| body * s >= self.shrink_floor - 0.01).collect()
    }

    /// What pages of `layout` are drawn on, when the theme says.
    pub fn backdrop(&self, layout: Layout) -> Option<&Backdrop> {
        self.backdrops.iter().find(|(l, _)| *l == layout).map(|(_, b)| b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legible_colours_reach_the_ratio_and_keep_those_that_do() {
        let light = Color { r: 0xf3, g: 0xf4, b: 0xf6 };
        let dark = Color { r: 0x1e, g: 0x24, b: 0x2c };
        let green = Color { r: 0x63, g: 0xa3, b: 0x5c }; // a highlighting theme's string colour
        assert!(contrast(green, light) < 4.5);
        assert!(contrast(legible(green, light, 4.5), light) >= 4.5);
        assert!(contrast(legible(green, dark, 4.5), dark) >= 4.5);
        let black = Color { r: 0, g: 0, b: 0 };
        assert_eq!(legible(black, light, 4.5), black, "a colour that already stands out is kept");
    }
}
