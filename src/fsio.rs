//! FOUNDATION: writing files so that no reader ever sees half of one, progress reports for long
//! runs, and short stable reasons for I/O errors. Every module that writes a file writes it
//! through here.

use std::io::Write;
use std::path::Path;

/// Told (done, of how many) as a long run goes on, for a progress bar.
#[derive(Clone)]
pub struct Progress(pub std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

/// Writes a file through a temporary file in the same folder and a rename, so that no reader
/// ever sees half of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Folders whose entries are synced to disk once, after many files were written into them
/// (see [`write_atomic_in`]).
#[derive(Debug, Default)]
pub struct Folders(std::collections::BTreeSet<std::path::PathBuf>);

impl Folders {
    /// A folder whose entries changed (a file written or removed in it).
    pub fn add(&mut self, dir: &Path) {
        if !self.0.contains(dir) {
            self.0.insert(dir.to_path_buf());
        }
    }

    /// Whether a file was written or removed in `dir` so far.
    pub fn contains(&self, dir: &Path) -> bool {
        self.0.contains(dir)
    }

    /// Syncs every folder once: the renames into them survive a crash from now on.
    pub fn sync(self) {
        for dir in self.0 {
            sync_dir(&dir);
        }
    }
}

/// As [`write_atomic`] for one of many files written together: each file is whole on disk
/// before it takes its name, and its folder is synced once for all of them by
/// [`Folders::sync`] (until then a crash may leave the old file, never half of the new one).
pub fn write_atomic_in(path: &Path, bytes: &[u8], folders: &mut Folders) -> std::io::Result<()> {
    let dir = write_unsynced(path, |w| w.write_all(bytes))?;
    folders.add(dir);
    Ok(())
}

/// As [`write_atomic`], with the content written by `write` (through a buffer), so a large
/// file is never held in memory whole.
///
/// The temporary file has an unpredictable name (`.NAME.tolk-XXXXXX.tmp`, never `*.md`, so Hugo
/// never reads it), is created anew (never through a symbolic link someone placed there), is
/// flushed to disk before the rename, and takes the permissions of the file it replaces (a new
/// file gets the usual 0644); the folder is synced after the rename, so the rename survives a
/// crash.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = write_unsynced(path, write)?;
    sync_dir(dir);
    Ok(())
}

/// Writes and renames into place (the file synced first); the folder, returned, is not synced.
fn write_unsynced(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<&Path> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.tolk-"))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
    write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    match std::fs::metadata(path) {
        Ok(meta) => std::fs::set_permissions(tmp.path(), meta.permissions())?,
        Err(_) => set_default_mode(tmp.path())?,
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(dir)
}

#[cfg(unix)]
fn set_default_mode(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_mode(_: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Syncs a folder's entries to disk (where the platform allows opening a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// What tells whether a file changed without reading it: (size, modification time, status
/// change time, in nanoseconds), or `None` when there is no such file. The status change time
/// also moves when a file is written with its old modification time put back, replaced or
/// given other permissions. For caches and indexes that are only ever a speed-up.
pub type Stamp = Option<(u64, u128, u128)>;

fn stamp_of(m: &std::fs::Metadata) -> Stamp {
    let t = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    #[cfg(unix)]
    let c = {
        use std::os::unix::fs::MetadataExt;
        u128::try_from(m.ctime()).ok()? * 1_000_000_000 + u128::try_from(m.ctime_nsec()).ok()?
    };
    #[cfg(not(unix))]
    let c = t;
    Some((m.len(), t, c))
}

/// The stamp of a file (of what a symbolic link points to).
pub fn stamp(path: &Path) -> Stamp {
    stamp_of(&std::fs::metadata(path).ok()?)
}

/// The stamp of a regular file at `path` itself, `None` for anything else (a file replaced by
/// a symbolic link never matches its old stamp).
pub fn own_stamp(path: &Path) -> Stamp {
    let m = std::fs::symlink_metadata(path).ok()?;
    if !m.is_file() {
        return None;
    }
    stamp_of(&m)
}

/// A short, stable reason for an I/O error (the OS text varies by platform and locale).
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "not-found".into(),
        K::PermissionDenied => "permission-denied".into(),
        K::IsADirectory => "is-a-directory".into(),
        _ if e.raw_os_error() == Some(21) => "is-a-directory".into(),
        _ if e.raw_os_error() == Some(40) => "symlink-loop".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_keeps_permissions_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&p), 0o644);
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
            write_atomic(&p, b"three").unwrap();
            assert_eq!(mode(&p), 0o600);
        }
        // A failing writer leaves the file as it was, and no temporary file.
        let e = write_atomic_with(&p, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("stop"))
        });
        assert!(e.is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
