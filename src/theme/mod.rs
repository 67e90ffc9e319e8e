//! Themes: raw theme tables (built-in files in `themes/`, a user's theme
//! file, the manifest's `[theme]` overrides) resolved into one concrete,
//! validated [`Theme`].

mod resolve;

use crate::diag::Spanned;

pub use resolve::{BUILTIN_NAMES, resolve};

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
}

/// How a list level's bullet is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulletShape {
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
        Some(match name {
            "disc" => BulletShape::Disc,
            "dash" => BulletShape::Dash,
            "ring" => BulletShape::Ring,
            "square" => BulletShape::Square,
            _ => return None,
        })
    }
}

/// A resolved theme: every value present and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
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
    /// Body size per list level (level 1 first), pt; never empty.
    pub body_sizes: Vec<f32>,
    /// Statement paragraph size, pt.
    pub statement_size: f32,
    /// Footer size, pt.
    pub footer_size: f32,
    /// Line height as a multiple of the size.
    pub line_height: f32,
    /// Indent per list level, pt.
    pub indent: f32,
    /// Bullet per list level; never empty.
    pub bullets: Vec<BulletShape>,
    /// Body scales for `overflow = "shrink"`, largest first.
    pub shrink_steps: Vec<f32>,
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
}
