//! The machine's faces in the font book: which are taken for the
//! characters the deck's own faces lack (by script and language, see
//! [`script::families`]), and which stands in for a character when text
//! is itemised.

use std::collections::HashMap;
use std::sync::Arc;

use harfrust::font::Blob;

use super::{
    FALLBACK_FEATURES, Face, FontBook, FontId, FontStyle, SOLID_FEATURES, SystemFace, digest, owned, shaper_features,
};
use crate::text::script::{self, Han};
use crate::text::system;

impl FontBook {
    /// Take faces from the machine for the `chars` (each with the Han
    /// form of its text) that neither the deck's faces nor its fallbacks
    /// have, in the order [`script::families`] gives, bold ones beside
    /// regular where the family has them. Characters nothing on the
    /// machine has are left for shaping to report.
    pub fn add_system_fonts(&mut self, chars: impl IntoIterator<Item = (char, Han)>) {
        self.machine = true;
        let regular = self.select(FontStyle::default());
        // Each family is looked up and parsed once, whatever it turns out
        // to lack; characters no named family has wait for one pass over
        // every installed face.
        let mut tried: HashMap<String, Option<Face>> = HashMap::new();
        let mut last_resort: Vec<char> = Vec::new();
        for (c, han) in chars {
            if c.is_whitespace() || c.is_control() || self.face(regular).covers(c) {
                continue;
            }
            if self.fallbacks.iter().any(|f| self.face(*f).covers(c)) {
                continue;
            }
            // A mark or a sign shared by scripts goes with the face of its
            // text when that face has it (the Arabic face for tanwin).
            if script::is_shared(c) && self.system.iter().any(|s| self.face(s.id).covers(c)) {
                continue;
            }
            let mut found = false;
            for family in script::families(c, han) {
                if self.system.iter().any(|s| s.family == family) {
                    found = self.system.iter().any(|s| s.family == family && self.face(s.id).covers(c));
                    if found {
                        break;
                    }
                    continue; // loaded, and it lacks `c`
                }
                let face = tried.entry(family.clone()).or_insert_with(|| {
                    system::by_family(&family, false, false).and_then(|i| self.installed_face(&i, false))
                });
                match face {
                    Some(face) if usable(face, c) => {
                        if let Some(face) = tried.remove(&family).flatten() {
                            self.add_system_face(face, &family, c);
                        }
                        found = true;
                        break;
                    }
                    Some(face) if face.covers(c) => {
                        // Colour bitmaps only (Noto Color Emoji).
                        self.skipped_bitmaps.get_or_insert_with(|| face.family.clone());
                    }
                    _ => {}
                }
            }
            if !found && !self.system.iter().any(|s| self.face(s.id).covers(c)) {
                last_resort.push(c);
            }
        }
        if last_resort.is_empty() {
            return;
        }
        for installed in system::all() {
            let Some(face) = self.installed_face(&installed, false) else { continue };
            let mut first = None;
            last_resort.retain(|&c| {
                let drawn = usable(&face, c);
                if drawn {
                    first.get_or_insert(c);
                }
                !drawn
            });
            if let Some(c) = first {
                self.add_system_face(face, "", c);
            }
            if last_resort.is_empty() {
                break;
            }
        }
    }

    /// Add a regular face taken from the machine for `c` (as asked for by
    /// `family`, or "" as the last resort), and its family's bold face
    /// beside it when the family has one in another file or collection slot.
    fn add_system_face(&mut self, face: Face, family: &str, c: char) {
        let bold = (!family.is_empty())
            .then(|| system::by_family(family, true, false))
            .flatten()
            .filter(|b| Some(b.path.as_path()) != face.path.as_deref() || b.index != face.index);
        let bold = bold.and_then(|b| self.installed_face(&b, true));
        if script::is_emoji(c) && !face.colour_bitmaps() {
            self.emoji.get_or_insert_with(|| face.family.clone());
        }
        for face in std::iter::once(face).chain(bold) {
            let Ok(id) = u8::try_from(self.faces.len()).map(FontId) else { return };
            self.faces.push(face);
            self.system.push(SystemFace { id, family: family.to_string() });
        }
    }

    /// The face in an installed font file, as a fallback face.
    fn installed_face(&self, installed: &system::Installed, bold: bool) -> Option<Face> {
        // The machine's fonts do not change while deck runs: the file's
        // place names its content.
        let content = digest(format!("{}#{}", installed.path.display(), installed.index).as_bytes());
        let style = FontStyle { bold, ..FontStyle::default() };
        let data = Blob::Shared(Arc::clone(&installed.data));
        let mut face = Face::new(data, installed.index, content, None, style, owned(FALLBACK_FEATURES))?;
        if face.is_cff() {
            // CJK faces are set solid, and their web fonts (cut from the PDF
            // subset) carry no kerning for the browser to apply.
            face.features = owned(SOLID_FEATURES);
            face.shaper_features = shaper_features(&face.features);
        }
        Some(Face { path: Some(installed.path.clone()), ..face })
    }

    /// Whether the machine's fonts may stand in for missing characters
    /// (text in SVG pictures looks there too).
    pub fn uses_machine_fonts(&self) -> bool {
        self.machine
    }

    /// When the deck's emoji are drawn in monochrome: the family that
    /// draws them, and the colour one left out because it has only
    /// bitmaps, which the PDF cannot embed as glyphs.
    pub fn monochrome_emoji(&self) -> Option<(&str, Option<&str>)> {
        Some((self.emoji.as_deref()?, self.skipped_bitmaps.as_deref()))
    }

    /// The face that draws `c` when the text's own face lacks it: the
    /// user's fallbacks in order, then the machine's faces in the order of
    /// [`script::families`] (the bold one for bold text), then any of the
    /// machine's faces that has it.
    pub(super) fn fallback_for(&self, c: char, han: Han, bold: bool) -> Option<FontId> {
        let covers = |id: &FontId| self.face(*id).covers(c);
        if let Some(user) = self.fallbacks.iter().find(|id| covers(id)) {
            return Some(*user);
        }
        if self.system.is_empty() {
            return None;
        }
        for family in script::families(c, han) {
            let mut of_family = self.system.iter().filter(|s| s.family == family).map(|s| s.id).filter(covers);
            let first = of_family.next();
            let styled = first.into_iter().chain(of_family).find(|id| self.face(*id).style.bold == bold);
            if let Some(id) = styled.or(first) {
                return Some(id);
            }
        }
        self.system.iter().map(|s| s.id).find(covers)
    }
}

/// Whether `face` can stand in for `c`: it has the character, as an
/// outline or a colour bitmap the PDF can embed.
fn usable(face: &Face, c: char) -> bool {
    face.covers(c) && (face.has_outlines() || face.colour_bitmaps())
}
