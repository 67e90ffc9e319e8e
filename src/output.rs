//! Writing a build's output files all or nothing: every file's bytes go
//! to a temporary file beside it first; only when all are written do they
//! take their places, so a failed or killed build never leaves a
//! half-written file, nor a new PDF beside an old HTML.

use std::path::{Path, PathBuf};

/// A file that could not be written, and why.
#[derive(Debug)]
pub struct WriteError {
    /// The output it was for.
    pub path: PathBuf,
    /// What the system said.
    pub error: std::io::Error,
}

/// Write each `(path, bytes)`: all of them, or none (every temporary file
/// removed, every previous output left as it was, as far as the system
/// allows: a rename that fails after others succeeded leaves those).
pub fn write_all(files: &[(PathBuf, &[u8])]) -> Result<(), WriteError> {
    let mut written: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    let undo = |written: &[(PathBuf, &Path)]| {
        for (temp, _) in written {
            let _ = std::fs::remove_file(temp);
        }
    };
    for (path, bytes) in files {
        remove_dead_temporaries(path);
        let temp = temporary(path, std::process::id());
        if let Err(error) = std::fs::write(&temp, bytes) {
            let _ = std::fs::remove_file(&temp);
            undo(&written);
            return Err(WriteError { path: path.clone(), error });
        }
        written.push((temp, path));
    }
    // What would stop a file taking its place is found before any does.
    for (_, path) in &written {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
            undo(&written);
            let error = std::io::Error::new(std::io::ErrorKind::IsADirectory, "a folder is in the way");
            return Err(WriteError { path: path.to_path_buf(), error });
        }
    }
    for (i, (temp, path)) in written.iter().enumerate() {
        if let Err(error) = place(temp, path) {
            undo(&written[i..]);
            return Err(WriteError { path: path.to_path_buf(), error });
        }
    }
    Ok(())
}

/// The temporary file beside `path` of the build with process id `pid`.
fn temporary(path: &Path, pid: u32) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{pid}.tmp"))
}

/// Remove the temporary files of `path` left by builds that were killed
/// (their process no longer runs). Only where the system lists processes
/// in /proc; elsewhere they stay, harmless and hidden.
fn remove_dead_temporaries(path: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else { return };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file.strip_prefix(&prefix).and_then(|rest| rest.strip_suffix(".tmp"));
        if let Some(pid) = pid.and_then(|p| p.parse::<u32>().ok())
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Put the written `temp` in `path`'s place.
fn place(temp: &Path, path: &Path) -> std::io::Result<()> {
    // Only a file is exchanged: a folder in the way fails the rename below.
    let replacing = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    if replacing && swapped(temp, path) {
        // `temp` now names the previous output.
        return std::fs::remove_file(temp);
    }
    std::fs::rename(temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(temp);
    })
}

/// Exchange `temp` and an existing `path` in one step, where the system
/// can. Renaming over an existing file makes ext4 allocate and start
/// writing the new file's blocks inside the rename (its `auto_da_alloc`
/// guard for programs that never call fsync): 0.18 ms a file, measured,
/// against 0.03 ms for exchanging the two names and removing the old one.
/// Either way the name shows the old file or the new one, never neither;
/// the new file's data then reaches the disk with the kernel's ordinary
/// writeback instead of at once. False when the file system cannot
/// exchange names.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn swapped(temp: &Path, path: &Path) -> bool {
    use nix::fcntl::{AT_FDCWD, RenameFlags, renameat2};
    renameat2(AT_FDCWD, temp, AT_FDCWD, path, RenameFlags::RENAME_EXCHANGE).is_ok()
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn swapped(_temp: &Path, _path: &Path) -> bool {
    false
}
