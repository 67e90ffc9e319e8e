//! Which files a deck may read: those inside its own folder, or inside the
//! folder the user names with `--root`. Symlinks are followed before the
//! check, so a link pointing out is refused like a `../` path.
//!
//! Every file a build reads from the deck's folder is asked for through
//! its [`Root`], which remembers the question, whether the file exists or
//! not: `--watch` and `serve` rebuild when one of those files changes (a
//! missing picture that appears is a fix), and for no other file.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

/// Why a file a deck names cannot be used. The kind chooses the hints;
/// the words are for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileError {
    /// It lies outside the folder the deck may read (the folder named).
    Outside(PathBuf),
    /// There is no file there.
    Missing,
    /// Anything else, in words: "it is a folder", "not a TrueType or
    /// OpenType font", "permission denied".
    Unusable(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Outside(root) => write!(f, "it is outside the deck's folder `{}`", root.display()),
            FileError::Missing => f.write_str("no such file"),
            FileError::Unusable(why) => f.write_str(why),
        }
    }
}

impl From<std::io::Error> for FileError {
    fn from(e: std::io::Error) -> FileError {
        match e.kind() {
            std::io::ErrorKind::NotFound => FileError::Missing,
            std::io::ErrorKind::PermissionDenied => FileError::Unusable("permission denied".into()),
            _ => FileError::Unusable(e.to_string()),
        }
    }
}

/// The metadata of the file at `path` when it is one deck can read: a
/// folder, a pipe or a device is refused before it is opened (opening a
/// pipe waits for a writer, and would hang the build).
pub fn regular_file(path: &Path) -> Result<std::fs::Metadata, FileError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(FileError::Unusable("it is a folder".into()));
    }
    if !meta.is_file() {
        return Err(FileError::Unusable("it is not a regular file (a pipe or a device)".into()));
    }
    Ok(meta)
}

impl From<String> for FileError {
    fn from(why: String) -> FileError {
        FileError::Unusable(why)
    }
}

impl From<&str> for FileError {
    fn from(why: &str) -> FileError {
        FileError::Unusable(why.to_string())
    }
}

impl FileError {
    /// What to do about it, for the file the deck named as `wanted`:
    /// widen the root, or the name probably meant.
    pub fn hints(&self, wanted: &Path) -> Vec<String> {
        match self {
            FileError::Outside(_) => vec![HINT.to_string()],
            FileError::Missing => similar_file(wanted).map(|m| format!("did you mean `{m}`?")).into_iter().collect(),
            FileError::Unusable(_) => Vec::new(),
        }
    }
}

/// What a file was when a build asked for it (its size, modification
/// time and, on Unix, inode), or that it was missing: a watcher compares
/// it with the file as it is now. Taken before the file is read, so a
/// save at any moment after shows as a change, never as none. An editor's
/// save renames a new file over the old one, which changes the inode even
/// when the size is the same and the file system's clock has not ticked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp(Option<(u64, SystemTime, u64)>);

impl Stamp {
    /// The file at `path` as it is now.
    pub fn of(path: &Path) -> Stamp {
        std::fs::metadata(path).map_or(Stamp(None), |meta| Stamp::from(&meta))
    }

    /// Whether it tells versions of a file apart: the file existed, and
    /// the system gave its modification time.
    pub fn is_known(&self) -> bool {
        self.0.is_some()
    }
}

impl From<&std::fs::Metadata> for Stamp {
    fn from(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp(meta.modified().ok().map(|time| (meta.len(), time, inode)))
    }
}

/// The files a build read or looked for, each as it was when asked for.
pub type Inputs = BTreeMap<PathBuf, Stamp>;

/// The folder a deck may read from, and the files asked for through it.
/// Clones share one record.
#[derive(Debug, Clone, Default)]
pub struct Root {
    /// Absolute, symbolic links resolved.
    dir: PathBuf,
    asked: Arc<Mutex<Inputs>>,
}

impl Root {
    /// The root of a deck whose manifest is at `manifest`: `explicit`
    /// (`--root`), or the manifest's folder.
    pub fn for_manifest(manifest: &Path, explicit: Option<&Path>) -> Root {
        let base = manifest.parent().unwrap_or(Path::new(""));
        Root::new(explicit.unwrap_or(base))
    }

    /// A root at `dir`.
    pub fn new(dir: &Path) -> Root {
        Root { dir: resolve(dir), asked: Arc::default() }
    }

    /// `path` if it lies inside the root, made absolute with symbolic links
    /// resolved; the answer is remembered as asked for when it does.
    pub fn confine(&self, path: &Path) -> Result<PathBuf, FileError> {
        // A file that does not exist cannot be resolved: check its lexical
        // form, and let the caller report it missing.
        let target = resolve(path);
        if !target.starts_with(&self.dir) {
            return Err(FileError::Outside(self.dir.clone()));
        }
        // The first time is the one that counts: a file asked for twice
        // (probed, then read) may have changed in between.
        let mut asked = self.asked.lock().unwrap_or_else(PoisonError::into_inner);
        asked.entry(target.clone()).or_insert_with(|| Stamp::of(&target));
        Ok(target)
    }

    /// Whether `path` lies inside the root (nothing is remembered: for
    /// where outputs go, which are not inputs).
    pub fn contains(&self, path: &Path) -> bool {
        resolve(path).starts_with(&self.dir)
    }

    /// The root folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every file asked for so far, existing or not, as it was then.
    pub fn asked(&self) -> Inputs {
        self.asked.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// `path` made absolute: symbolic links resolved in as much of it as exists.
pub fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let lexical = normalize(&absolute(path));
    // The longest part that exists resolved, the rest (missing) kept as written.
    let mut existing = lexical.as_path();
    let mut missing = Vec::new();
    while let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) {
        missing.push(name);
        existing = parent;
        if let Ok(real) = existing.canonicalize() {
            return missing.iter().rev().fold(real, |path, part| path.join(part));
        }
    }
    lexical
}

/// For a file that does not exist: the closest name in its folder, when
/// one is close enough to be what was meant.
fn similar_file(path: &Path) -> Option<String> {
    let wanted = path.file_name()?.to_str()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let names: Vec<String> =
        std::fs::read_dir(folder).ok()?.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    crate::diag::suggest(wanted, names.iter().map(String::as_str)).map(str::to_string)
}

/// The hint for [`Root::confine`]'s refusal.
const HINT: &str = "a deck reads files only inside the folder of its manifest; `--root DIR` allows a larger folder";

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) }
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_inside_pass_and_paths_outside_fail() {
        let dir = std::env::temp_dir().join(format!("deck-paths-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pics")).unwrap();
        std::fs::write(dir.join("pics/a.png"), b"x").unwrap();
        let root = Root::new(&dir);
        assert!(root.confine(&dir.join("pics/a.png")).is_ok());
        assert!(root.confine(&dir.join("pics/missing.png")).is_ok());
        assert!(root.confine(&dir.join("../../etc/passwd")).is_err());
        assert!(root.confine(Path::new("/etc/passwd")).is_err());
        #[cfg(unix)]
        {
            let link = dir.join("pics/out.png");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
            assert!(root.confine(&link).is_err());
        }
        // What was let through is remembered, found or not; what was refused is not.
        let real = dir.canonicalize().unwrap();
        let asked: Vec<PathBuf> = root.asked().into_keys().collect();
        assert_eq!(asked, vec![real.join("pics/a.png"), real.join("pics/missing.png")]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_file_resolves_through_its_existing_folders() {
        let dir = std::env::temp_dir().join(format!("deck-resolve-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("real")).unwrap();
        let _ = std::fs::remove_file(dir.join("link"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("real"), dir.join("link")).unwrap();
            let real = dir.canonicalize().unwrap().join("real");
            assert_eq!(resolve(&dir.join("link/sub/../missing.png")), real.join("missing.png"));
            assert_eq!(resolve(&dir.join("link/no/such.png")), real.join("no/such.png"));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
