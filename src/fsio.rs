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
/// (see [`Batch`]).
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

    /// Syncs every folder once: the renames into them survive a crash from now on. (On Linux,
    /// folders on one file system are synced together, with one `syncfs` of it: an export
    /// into a site's hundred folders flushed the journal a hundred times.)
    pub fn sync(self) {
        #[cfg(target_os = "linux")]
        if self.0.len() > 1 && sync_file_systems(self.0.iter().map(|d| d.as_path())).is_ok() {
            return;
        }
        for dir in self.0 {
            sync_dir(&dir);
        }
    }
}

/// Many files written together, each whole on disk before it takes its name, with one flush to
/// disk for all of them instead of one per file (on Linux: a `syncfs` of each file system they are
/// on; elsewhere each file is flushed on its own).
///
/// [`Batch::stage`] writes a file's new content into a temporary file beside it (and closes
/// it: a batch holds no open files); [`Batch::commit`] flushes them all, then renames each into
/// place. Until the commit every file keeps its old content, and a batch dropped without one
/// leaves nothing behind. The folders are synced once for all of them by [`Folders::sync`]
/// (until then a crash may leave an old file, never half of a new one).
#[derive(Debug, Default)]
pub struct Batch {
    staged: Vec<(std::path::PathBuf, tempfile::TempPath)>,
    /// The working folder, asked for once: temporary files are made in absolute folders
    /// (tempfile asks for it once per file otherwise).
    cwd: Option<std::path::PathBuf>,
}

impl Batch {
    /// Writes `bytes` for `path` into a temporary file in its folder, with the permissions of
    /// the file it replaces (a new file gets 0644). Returns the place of the file in the batch
    /// (the index of its result in [`Batch::commit`]'s answer).
    pub fn stage(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<usize> {
        let replaced = permissions_of(path);
        let mut staged = self.stage_all(vec![(path, bytes, replaced)], false);
        staged.pop().expect("one result per file")
    }

    /// As [`Batch::stage`] for each of `files` (path, content, and the permissions of the file
    /// replaced as the caller found them, `None` where there is none: no second look at each of
    /// thousands of files), on the pool's threads where `parallel` (when they have nothing
    /// else to do: files are made on both cores): one result per file, in order.
    pub fn stage_all(
        &mut self,
        files: Vec<(&Path, &[u8], Option<std::fs::Permissions>)>,
        parallel: bool,
    ) -> Vec<std::io::Result<usize>> {
        use rayon::prelude::*;
        type Staged = std::io::Result<(std::path::PathBuf, tempfile::TempPath)>;
        let jobs: Vec<_> = files
            .into_iter()
            .map(|(path, bytes, replaced)| (path, bytes, replaced, self.absolute_folder(path)))
            .collect();
        let stage = |(path, bytes, replaced, folder): &(
            &Path,
            &[u8],
            Option<std::fs::Permissions>,
            std::io::Result<std::path::PathBuf>,
        )|
         -> Staged {
            let folder = folder
                .as_ref()
                .map_err(|e| std::io::Error::new(e.kind(), e.to_string()))?;
            let tmp = write_temp_in(path, folder, replaced.clone(), |w| w.write_all(bytes))?;
            Ok((path.to_path_buf(), tmp.into_temp_path()))
        };
        let made: Vec<Staged> = if parallel {
            jobs.par_iter().map(stage).collect()
        } else {
            jobs.iter().map(stage).collect()
        };
        made.into_iter()
            .map(|m| {
                self.staged.push(m?);
                Ok(self.staged.len() - 1)
            })
            .collect()
    }

    /// The folder of `path`, absolute (the working folder asked for once).
    fn absolute_folder(&mut self, path: &Path) -> std::io::Result<std::path::PathBuf> {
        let folder = folder_of(path);
        if folder.is_absolute() {
            return Ok(folder.to_path_buf());
        }
        let cwd = match &self.cwd {
            Some(cwd) => cwd,
            None => self.cwd.insert(std::env::current_dir()?),
        };
        Ok(cwd.join(folder))
    }

    /// How many files are staged.
    pub fn len(&self) -> usize {
        self.staged.len()
    }

    /// Whether no file is staged.
    pub fn is_empty(&self) -> bool {
        self.staged.is_empty()
    }

    /// Flushes every staged file to disk, then renames each into place (their folders are
    /// added to `folders`, to be synced once). One result per staged file, in order: a file
    /// that could not be flushed or renamed keeps its old content, and the others go on.
    pub fn commit(self, folders: &mut Folders) -> Vec<std::io::Result<()>> {
        self.commit_all(folders, false)
    }

    /// As [`Batch::commit`], with the renames made on the pool's threads where `parallel`.
    pub fn commit_all(self, folders: &mut Folders, parallel: bool) -> Vec<std::io::Result<()>> {
        use rayon::prelude::*;
        let flushed = flush_all(&self.staged);
        let rename = |((path, tmp), flushed): (
            (std::path::PathBuf, tempfile::TempPath),
            std::io::Result<()>,
        )| {
            flushed?;
            tmp.persist(&path).map_err(|e| e.error)?;
            Ok(path)
        };
        let pairs = self.staged.into_iter().zip(flushed);
        let renamed: Vec<std::io::Result<std::path::PathBuf>> = if parallel {
            pairs
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(rename)
                .collect()
        } else {
            pairs.map(rename).collect()
        };
        renamed
            .into_iter()
            .map(|r| {
                folders.add(folder_of(&r?));
                Ok(())
            })
            .collect()
    }
}

/// Flushes the staged files to disk: one result per file.
fn flush_all(staged: &[(std::path::PathBuf, tempfile::TempPath)]) -> Vec<std::io::Result<()>> {
    #[cfg(target_os = "linux")]
    if staged.len() > 1
        && sync_file_systems(staged.iter().map(|(_, t)| folder_of(t.as_ref()))).is_ok()
    {
        return staged.iter().map(|_| Ok(())).collect();
    }
    staged
        .iter()
        .map(|(_, tmp)| {
            std::fs::OpenOptions::new()
                .write(true)
                .open(tmp)?
                .sync_all()
        })
        .collect()
}

/// Flushes every file system that one of `folders` is on (once each) with `syncfs`, which
/// returns when all of its written data and changed entries are on disk.
#[cfg(target_os = "linux")]
fn sync_file_systems<'a>(folders: impl Iterator<Item = &'a Path>) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Each folder is looked at once (a file is on its folder's file system).
    let mut seen = std::collections::BTreeSet::new();
    let mut done = std::collections::BTreeSet::new();
    for folder in folders {
        if !seen.insert(folder) {
            continue;
        }
        if done.insert(std::fs::metadata(folder)?.dev()) {
            rustix::fs::syncfs(std::fs::File::open(folder)?)?;
        }
    }
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

/// As [`write_atomic_with`], for a file that only saves time (a cache): nothing is flushed to
/// disk, so it may be lost or cut short by a crash, never half of an old and half of a new one
/// (its reader must take a damaged file for no file).
pub fn write_atomic_unsynced(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = write_temp(path, write)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes and renames into place (the file synced first); the folder, returned, is not synced.
fn write_unsynced(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<&Path> {
    let tmp = write_temp(path, write)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(folder_of(path))
}

/// The folder a file is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes the new content of `path` into a temporary file beside it, not flushed to disk, with
/// the permissions of the file it is to replace.
fn write_temp(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    write_temp_in(path, folder_of(path), permissions_of(path), write)
}

/// The permissions of the file at `path`; `None` where there is none.
pub fn permissions_of(path: &Path) -> Option<std::fs::Permissions> {
    std::fs::metadata(path).ok().map(|m| m.permissions())
}

/// As [`write_temp`], in `folder` (the folder of `path`), for a file to replace with the
/// permissions `replaced` (`None`: no file, 0644).
fn write_temp_in(
    path: &Path,
    folder: &Path,
    replaced: Option<std::fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<tempfile::NamedTempFile> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let prefix = format!(".{name}.tolk-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // Made with its permissions where the creation mask leaves them as they are (one call
    // less for each of the thousands of files an export writes); else set after.
    let exact = created_exact(replaced.as_ref());
    if let Some(p) = &exact {
        builder.permissions(p.clone());
    }
    let tmp = builder.tempfile_in(folder)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp);
    write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    match (exact, replaced) {
        (Some(_), _) => {}
        (None, Some(p)) => std::fs::set_permissions(tmp.path(), p)?,
        (None, None) => set_default_mode(tmp.path())?,
    }
    Ok(tmp)
}

/// The permissions a file replacing one with `replaced` (`None`: a new file, 0644) is to have,
/// where creating it with them gives exactly them (no bit of them in the process's creation
/// mask, and no set-id or sticky bit); `None` otherwise.
#[cfg(target_os = "linux")]
fn created_exact(replaced: Option<&std::fs::Permissions>) -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let mode = replaced.map_or(0o644, |p| p.mode() & 0o7777);
    let mask = creation_mask()?;
    (mode & 0o7000 == 0 && mode & mask == 0).then(|| std::fs::Permissions::from_mode(mode))
}

#[cfg(not(target_os = "linux"))]
fn created_exact(_: Option<&std::fs::Permissions>) -> Option<std::fs::Permissions> {
    None
}

/// The process's file creation mask, as Linux shows it (read once: setting it to read it
/// would race with files made on other threads).
#[cfg(target_os = "linux")]
fn creation_mask() -> Option<u32> {
    static MASK: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    *MASK.get_or_init(|| {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find_map(|l| l.strip_prefix("Umask:"))?;
        u32::from_str_radix(line.trim(), 8).ok()
    })
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
    // An error wrapped with the path it was about (tempfile names its temporary file, which
    // no person should see): the error itself.
    if let Some(inner) = (e.get_ref())
        .and_then(|i| i.source())
        .and_then(|s| s.downcast_ref::<std::io::Error>())
    {
        return io_reason(inner);
    }
    match e.kind() {
        K::NotFound => "not-found".into(),
        K::PermissionDenied => "permission-denied".into(),
        K::IsADirectory => "is-a-directory".into(),
        K::NotADirectory => "not-a-directory".into(),
        _ if e.raw_os_error() == Some(21) => "is-a-directory".into(),
        _ if e.raw_os_error() == Some(20) => "not-a-directory".into(),
        _ if e.raw_os_error() == Some(40) => "symlink-loop".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reason names what happened, never the temporary file it happened to: tempfile wraps
    /// its errors with that file's path.
    #[test]
    fn reasons_are_the_errors_own() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "x").unwrap();
        let e = tempfile::Builder::new().tempfile_in(&file).unwrap_err();
        assert!(e.to_string().contains("a-file"), "{e}");
        assert_eq!(io_reason(&e), "not-a-directory");
        let e = tempfile::Builder::new()
            .tempfile_in(dir.path().join("none"))
            .unwrap_err();
        assert_eq!(io_reason(&e), "not-found");
        let e = std::io::Error::other("out of luck");
        assert_eq!(io_reason(&e), "out of luck");
    }

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

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_batch_renames_only_at_its_commit_and_one_failure_stops_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            dir.path().join("a.md"),
            dir.path().join("b.md"),
            dir.path().join("c.md"),
        );
        std::fs::write(&a, "old a").unwrap();
        // A folder where a file is to go: its rename fails.
        std::fs::create_dir(&b).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let mut batch = Batch::default();
        assert_eq!(batch.stage(&a, b"new a").unwrap(), 0);
        assert_eq!(batch.stage(&b, b"new b").unwrap(), 1);
        assert_eq!(batch.stage(&c, b"new c").unwrap(), 2);
        assert_eq!(batch.len(), 3);
        // Staged, nothing has its new content or name yet; the temporary files are no `*.md`.
        assert_eq!(std::fs::read(&a).unwrap(), b"old a");
        assert!(!c.exists());
        assert!(
            names(dir.path())
                .iter()
                .filter(|n| n.ends_with(".md"))
                .eq(["a.md", "b.md"].iter())
        );
        let mut folders = Folders::default();
        let results = batch.commit(&mut folders);
        assert!(results[0].is_ok() && results[1].is_err() && results[2].is_ok());
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(std::fs::read(&c).unwrap(), b"new c");
        assert!(b.is_dir());
        assert!(folders.contains(dir.path()));
        // Nothing is left behind, the failed file's temporary file neither.
        assert_eq!(names(dir.path()), ["a.md", "b.md", "c.md"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&a), 0o600);
            assert_eq!(mode(&c), 0o644);
        }
        // A batch dropped without its commit changes nothing and leaves nothing.
        let mut batch = Batch::default();
        batch.stage(&a, b"never").unwrap();
        drop(batch);
        assert_eq!(std::fs::read(&a).unwrap(), b"new a");
        assert_eq!(names(dir.path()), ["a.md", "b.md", "c.md"]);
        // A batch of one file flushes that file alone.
        let mut batch = Batch::default();
        batch.stage(&a, b"one").unwrap();
        assert!(batch.commit(&mut folders)[0].is_ok());
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["a.md", "b.md", "c.md"]);
    }
}
