//! Prepared pictures kept on disk between builds, so that building a deck
//! again after a text edit decodes no photo. Each entry is the encoded
//! file both exporters embed, named by the source's content, the pixel
//! size it was prepared for and the settings (and deck's version, whose
//! encoder made it).
//!
//! The folder is `$DECK_CACHE_DIR`, else `$XDG_CACHE_HOME/deck/pictures`,
//! else `~/.cache/deck/pictures`; `DECK_CACHE_DIR=off` turns it off.
//! `deck cache --clear` empties it; past [`MAX_BYTES`] the entries used
//! longest ago go first. The cache only saves time: an entry that cannot
//! be read or written is prepared again, silently.
//!
//! Only files named as deck names its entries are ever counted or
//! removed: `DECK_CACHE_DIR` may be a folder that holds other things
//! (`~/.cache`, `/tmp`, or `.` by mistake), and those stay.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Most bytes the folder holds before the oldest entries are removed.
pub const MAX_BYTES: u64 = 1 << 30;

/// The cache folder, unless it is turned off or there is no home.
pub fn dir() -> Option<PathBuf> {
    let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("DECK_CACHE_DIR") {
        return (dir != "off").then(|| PathBuf::from(dir));
    }
    let base = var("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".cache")))?;
    Some(base.join("deck").join("pictures"))
}

/// What one entry is for: the source's content, the size it is wanted
/// at, the settings.
pub struct Key {
    /// Fingerprint of the source file's bytes.
    pub content: u64,
    /// Pixels wanted, width and height.
    pub want: (u32, u32),
    /// The part kept of the scaled picture (left, top, right, bottom, in
    /// its pixels), when it is scaled.
    pub crop: Option<[u32; 4]>,
    /// Pixels per inch and JPEG quality.
    pub ppi: f32,
    /// JPEG quality.
    pub quality: u8,
}

impl Key {
    /// The entry's file name, without its extension.
    fn stem(&self) -> String {
        let crop = self.crop.map_or(String::new(), |[l, t, r, b]| format!("-{l}.{t}.{r}.{b}"));
        format!(
            "{:016x}-{}x{}{crop}-{}ppi-q{}-v{}",
            self.content,
            self.want.0,
            self.want.1,
            self.ppi,
            self.quality,
            env!("CARGO_PKG_VERSION")
        )
    }
}

/// An entry's bytes and whether they are a JPEG (else a PNG).
pub fn get(dir: &Path, key: &Key) -> Option<(Vec<u8>, bool)> {
    let stem = key.stem();
    for (extension, jpeg) in [("jpg", true), ("png", false)] {
        let path = dir.join(format!("{stem}.{extension}"));
        if let Ok(bytes) = std::fs::read(&path) {
            // Mark it used, for the pruning below.
            if let Ok(file) = std::fs::File::options().append(true).open(&path) {
                let _ = file.set_modified(SystemTime::now());
            }
            return Some((bytes, jpeg));
        }
    }
    None
}

/// Keep `bytes` (a JPEG when `jpeg`, else a PNG) as the entry for `key`:
/// written beside, then renamed into place, so that a build running at
/// the same time never reads half an entry.
pub fn put(dir: &Path, key: &Key, bytes: &[u8], jpeg: bool) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let name = format!("{}.{}", key.stem(), if jpeg { "jpg" } else { "png" });
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    if std::fs::write(&temporary, bytes).is_ok() && std::fs::rename(&temporary, dir.join(&name)).is_ok() {
        return;
    }
    let _ = std::fs::remove_file(&temporary);
}

/// Remove the entries used longest ago until the folder holds at most
/// `limit` bytes.
pub fn prune(dir: &Path, limit: u64) {
    let mut entries = entries(dir);
    let mut total: u64 = entries.iter().map(|e| e.1).sum();
    if total <= limit {
        return;
    }
    entries.sort_by_key(|e| e.2);
    for (path, len, _) in entries {
        if total <= limit {
            break;
        }
        if std::fs::remove_file(&path).is_ok() {
            total -= len;
        }
    }
}

/// Every entry: its path, size and when it was last used.
fn entries(dir: &Path) -> Vec<(PathBuf, u64, SystemTime)> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    read.filter_map(|entry| {
        let entry = entry.ok()?;
        if !entry.file_name().to_str().is_some_and(is_entry_name) {
            return None;
        }
        let meta = entry.metadata().ok()?;
        meta.is_file().then(|| (entry.path(), meta.len(), meta.modified().unwrap_or(SystemTime::UNIX_EPOCH)))
    })
    .collect()
}

/// Whether `name` is one [`put`] gives: an entry (`Key::stem`, then `.jpg`
/// or `.png`), or one being written (`.NAME.PID.tmp`, left by a build
/// that was killed).
fn is_entry_name(name: &str) -> bool {
    let name = match name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) {
        Some(writing) => match writing.rsplit_once('.') {
            Some((name, pid)) if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => return false,
        },
        None => name,
    };
    let Some(stem) = name.strip_suffix(".jpg").or_else(|| name.strip_suffix(".png")) else { return false };
    let Some((content, rest)) = stem.split_once('-') else { return false };
    content.len() == 16
        && content.bytes().all(|b| b.is_ascii_hexdigit())
        && rest.contains("ppi-q")
        && rest.rsplit_once("-v").is_some_and(|(_, version)| !version.is_empty())
}

/// How many entries the folder holds and their bytes.
pub fn size(dir: &Path) -> (usize, u64) {
    let entries = entries(dir);
    (entries.len(), entries.iter().map(|e| e.1).sum())
}

/// Remove every entry; how many were removed and their bytes.
pub fn clear(dir: &Path) -> std::io::Result<(usize, u64)> {
    let mut removed = (0, 0);
    for (path, len, _) in entries(dir) {
        std::fs::remove_file(&path)?;
        removed.0 += 1;
        removed.1 += len;
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_deck_wrote_is_an_entry() {
        let key =
            Key { content: 0xdead_beef_0123_4567, want: (800, 600), crop: Some([1, 2, 3, 4]), ppi: 150.0, quality: 85 };
        let stem = key.stem();
        for name in [format!("{stem}.jpg"), format!("{stem}.png"), format!(".{stem}.jpg.4242.tmp")] {
            assert!(is_entry_name(&name), "{name}");
        }
        for name in ["notes.txt", "photo.jpg", "IMG_0001.png", ".bashrc", "deadbeef01234567.jpg", ".x.jpg.12.tmp"] {
            assert!(!is_entry_name(name), "{name}");
        }
    }

    #[test]
    fn pruning_and_clearing_leave_other_files_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = |content| Key { content, want: (10, 10), crop: None, ppi: 150.0, quality: 85 };
        put(dir.path(), &key(1), b"first", true);
        put(dir.path(), &key(2), b"second", false);
        for other in ["notes.txt", "photo.jpg"] {
            std::fs::write(dir.path().join(other), b"the user's").expect("write");
        }
        assert_eq!(size(dir.path()), (2, 11));
        prune(dir.path(), 0);
        assert_eq!(size(dir.path()), (0, 0));
        put(dir.path(), &key(3), b"third", true);
        assert_eq!(clear(dir.path()).expect("clear"), (1, 5));
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["notes.txt", "photo.jpg"]);
    }
}
