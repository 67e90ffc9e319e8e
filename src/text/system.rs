//! The fonts installed on the machine, for characters the deck's own
//! faces lack: found by family name (see [`super::script::families`]) or,
//! past those, any face that has the character. The machine's font
//! folders are read once per process, on the first character that needs
//! them (a Latin deck never reads them); the files are memory-mapped, not
//! copied.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use fontdb::{Database, Family, Query, Stretch, Style, Weight};

/// One installed face, mapped into memory.
#[derive(Clone)]
pub struct Installed {
    /// The font file's bytes.
    pub data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// Which face of a collection (.ttc) it is.
    pub index: u32,
    /// Where it was found, for `deck fonts` and messages.
    pub path: PathBuf,
}

struct Fonts {
    db: Database,
    /// Faces mapped so far, by fontdb id: each file is mapped once.
    mapped: HashMap<fontdb::ID, Installed>,
}

fn fonts() -> &'static Mutex<Fonts> {
    static FONTS: OnceLock<Mutex<Fonts>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = Database::new();
        db.load_system_fonts();
        Mutex::new(Fonts { db, mapped: HashMap::new() })
    })
}

/// The installed face of `family` nearest to `bold`/`italic`, if any.
pub fn by_family(family: &str, bold: bool, italic: bool) -> Option<Installed> {
    let mut fonts = fonts().lock().unwrap_or_else(PoisonError::into_inner);
    let query = Query {
        families: &[Family::Name(family)],
        weight: if bold { Weight::BOLD } else { Weight::NORMAL },
        stretch: Stretch::Normal,
        style: if italic { Style::Italic } else { Style::Normal },
    };
    let id = fonts.db.query(&query)?;
    fonts.map(id)
}

/// Every installed upright regular face, in a fixed order (by family,
/// then file): the last resort for a character no named family has.
pub fn all() -> Vec<Installed> {
    let mut fonts = fonts().lock().unwrap_or_else(PoisonError::into_inner);
    let mut ids: Vec<(String, PathBuf, u32, fontdb::ID)> = fonts
        .db
        .faces()
        .filter(|f| f.weight == Weight::NORMAL && f.style == Style::Normal)
        .map(|f| {
            let family = f.families.first().map(|(name, _)| name.clone()).unwrap_or_default();
            (family, source_path(&f.source), f.index, f.id)
        })
        .collect();
    ids.sort();
    ids.into_iter().filter_map(|(_, _, _, id)| fonts.map(id)).collect()
}

fn source_path(source: &fontdb::Source) -> PathBuf {
    match source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.clone(),
        fontdb::Source::Binary(_) => PathBuf::new(),
    }
}

impl Fonts {
    fn map(&mut self, id: fontdb::ID) -> Option<Installed> {
        if let Some(known) = self.mapped.get(&id) {
            return Some(known.clone());
        }
        let path = source_path(&self.db.face(id)?.source);
        // SAFETY: the mapping is read-only. A font file that another
        // program truncates while deck runs would fault the process; font
        // files are installed by the system's package manager and are not
        // rewritten in place, and mapping is what keeps a 20 MB CJK face
        // from being read whole for the few hundred glyphs a deck uses.
        let (data, index) = unsafe { self.db.make_shared_face_data(id) }?;
        let installed = Installed { data, index, path };
        self.mapped.insert(id, installed.clone());
        Some(installed)
    }
}
