//! Fonts and text: the [`FontBook`] of embedded faces, shaping with
//! HarfRust (kerning, ligatures, the theme's OpenType features), and
//! Unicode line breaking with greedy fitting.

mod fonts;
mod linebreak;
mod shape;

pub use fonts::{Face, FontBook, FontId, FontStyle, Metrics};
pub use linebreak::{Line, LineRun, Piece, break_lines};
pub use shape::{Glyph, Shaped, clear_cache, shape};
