//! Which files a deck may read: those inside its own folder, or inside the
//! folder the user names with `--root`. Symlinks are followed before the
//! check, so a link pointing out is refused like a `../` path.

use std::path::{Component, Path, PathBuf};

/// `path` if it lies inside `root` (both made absolute, symlinks resolved).
pub fn confine(root: &Path, path: &Path) -> Result<PathBuf, String> {
    let root = root.canonicalize().unwrap_or_else(|_| normalize(&absolute(root)));
    // A file that does not exist cannot be resolved: check its lexical form,
    // and let the caller report it missing.
    let target = path.canonicalize().unwrap_or_else(|_| normalize(&absolute(path)));
    if target.starts_with(&root) {
        Ok(target)
    } else {
        Err(format!("it is outside the deck's folder `{}`", root.display()))
    }
}

/// For a file that does not exist: the closest name in its folder, when
/// one is close enough to be what was meant.
pub fn similar_file(path: &Path) -> Option<String> {
    let wanted = path.file_name()?.to_str()?;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let names: Vec<String> =
        std::fs::read_dir(folder).ok()?.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    crate::diag::suggest(wanted, names.iter().map(String::as_str)).map(str::to_string)
}

/// The hint for [`confine`]'s refusal.
pub const HINT: &str = "a deck reads files only inside the folder of its manifest; `--root DIR` allows a larger folder";

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
        assert!(confine(&dir, &dir.join("pics/a.png")).is_ok());
        assert!(confine(&dir, &dir.join("pics/missing.png")).is_ok());
        assert!(confine(&dir, &dir.join("../../etc/passwd")).is_err());
        assert!(confine(&dir, Path::new("/etc/passwd")).is_err());
        #[cfg(unix)]
        {
            let link = dir.join("pics/out.png");
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink("/etc/passwd", &link).unwrap();
            assert!(confine(&dir, &link).is_err());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
