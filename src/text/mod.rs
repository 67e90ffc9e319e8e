//! Fonts and text: the [`FontBook`] of embedded faces, shaping with
//! HarfRust (kerning, ligatures, the theme's OpenType features), and
//! Unicode line breaking with greedy fitting.

mod bidi;
mod fonts;
mod linebreak;
mod outline;
mod script;
mod shape;
mod system;

pub use bidi::reads_rtl;
pub use fonts::{Coverage, Face, FontBook, FontId, FontStyle, Metrics};
pub use linebreak::{Line, LineRun, OBJECT, Piece, Setting, break_lines};
pub use outline::{run_paths, svg_path};
pub use script::{Han, Lang, LangTag};
pub use shape::{Glyph, Shaped, clear_cache, shape};
