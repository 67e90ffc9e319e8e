//! The KaTeX faces formulas are drawn in (`fonts/katex/`, OFL), added to
//! the book only for a deck that has a formula. They never stand in for
//! text: [`FontBook::itemize`] and the fallbacks do not know them.

use harfrust::font::Blob;

use super::{Face, FontBook, FontId, FontStyle, SOLID_FEATURES, owned};

macro_rules! katex {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_bytes!(concat!("../../../fonts/katex/KaTeX_", $name, ".ttf")) as &'static [u8])),*]
    };
}

/// Each face by the name formulas use for it (RaTeX's, after KaTeX's files).
const FACES: [(&str, &[u8]); 19] = katex![
    "AMS-Regular",
    "Caligraphic-Regular",
    "Fraktur-Bold",
    "Fraktur-Regular",
    "Main-Bold",
    "Main-BoldItalic",
    "Main-Italic",
    "Main-Regular",
    "Math-BoldItalic",
    "Math-Italic",
    "SansSerif-Bold",
    "SansSerif-Italic",
    "SansSerif-Regular",
    "Script-Regular",
    "Size1-Regular",
    "Size2-Regular",
    "Size3-Regular",
    "Size4-Regular",
    "Typewriter-Regular",
];

/// The faces in the font book: their content keys follow the text faces'.
const FIRST_KEY: u64 = 16;

impl FontBook {
    /// Add the KaTeX faces (once). Formulas name them; each is matched by
    /// its file, never by family and style, which the KaTeX files do not
    /// set apart (their italic faces have no italic flag).
    pub fn add_math_faces(&mut self) {
        if !self.math.is_empty() {
            return;
        }
        for (n, (name, data)) in FACES.iter().enumerate() {
            let Ok(id) = u8::try_from(self.faces.len()).map(FontId) else { return };
            let postscript = format!("KaTeX_{name}");
            let family = postscript.split('-').next().unwrap_or("KaTeX_Main").to_string();
            // Embedded and checked by a test: every one parses.
            let face = Face::new(
                Blob::Static(data),
                0,
                FIRST_KEY + n as u64,
                Some((&postscript, &family)),
                FontStyle::default(),
                owned(SOLID_FEATURES),
            );
            if let Some(face) = face {
                self.faces.push(face);
                self.math.push((name, id));
            }
        }
    }

    /// The face a formula names ("Main-Regular", "Size3-Regular"…), when
    /// the math faces were added.
    pub fn math_face(&self, name: &str) -> Option<FontId> {
        self.math.iter().find(|(n, _)| *n == name).map(|(_, id)| *id)
    }

    /// Whether `id` is one of the math faces.
    pub fn is_math(&self, id: FontId) -> bool {
        self.math.iter().any(|(_, m)| *m == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_math_face_parses_and_is_found_by_name() {
        let mut book = FontBook::builtin();
        book.add_math_faces();
        book.add_math_faces();
        assert_eq!(book.faces().count(), 8 + 19);
        let italic = book.face(book.math_face("Math-Italic").unwrap());
        assert_eq!(italic.postscript_name, "KaTeX_Math-Italic");
        assert!(italic.glyph_of('x').is_some());
        assert!(book.face(book.math_face("Size4-Regular").unwrap()).glyph_of('(').is_some());
        assert_eq!(book.math_face("CJK-Regular"), None);
    }
}
