//! The export index, outside the memory as git's index is (`translations.db.export-index`):
//! for each site file tolk wrote or found up to date, the size and modification time of the
//! English and translation files it was built from and of the site file itself. An export finds
//! a file unchanged from a few `stat` calls when all of these, the memory file and the
//! configuration are exactly as they were, and none of the files changed in the last moments
//! before the index was written (a change within the same clock tick would not show). A stale,
//! damaged or missing index only costs speed: any file that does not match is built again.

use std::collections::HashMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::Settings;
use crate::workspace::Workspace;

/// (size, modification time, status change time in nanoseconds) of a file, or `None` when it
/// does not exist. The status change time also moves when a file is replaced or its
/// permissions change, which the modification time does not show.
pub type Stamp = Option<(u64, u128, u128)>;

fn of(m: &std::fs::Metadata) -> Stamp {
    let t = crate::fsio::modified_ns(m)?;
    #[cfg(unix)]
    let c = {
        use std::os::unix::fs::MetadataExt;
        u128::try_from(m.ctime()).ok()? * 1_000_000_000 + u128::try_from(m.ctime_nsec()).ok()?
    };
    #[cfg(not(unix))]
    let c = t;
    Some((m.len(), t, c))
}

pub fn stamp(path: &Path) -> Stamp {
    of(&std::fs::metadata(path).ok()?)
}

/// The stamp of a site file itself, not of what a symbolic link there points to (a file
/// replaced by a link is never taken as unchanged).
pub fn site_stamp(path: &Path) -> Stamp {
    let m = std::fs::symlink_metadata(path).ok()?;
    if !m.is_file() {
        return None;
    }
    of(&m)
}

/// What one site file was made from, and how it was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The English file and the translation's file.
    pub inputs: [Stamp; 2],
    /// The site file as tolk left it.
    pub site: Stamp,
}

#[derive(Serialize, Deserialize, Default)]
pub struct Index {
    /// Everything the pages depend on besides their files: tolk's version, the configuration,
    /// the export's settings and folder, the memory file.
    key: String,
    /// When the index was written.
    written: u128,
    files: HashMap<String, Entry>,
}

/// The index of the workspace's memory.
pub fn path_of(ws: &Workspace) -> std::path::PathBuf {
    ws.memory_path().with_extension("db.export-index")
}

/// The key of an export into `root` with `settings`, as the memory is now.
pub fn key(ws: &Workspace, settings: &Settings, root: &Path) -> String {
    let memory = ws.memory_path();
    let wal = memory.with_extension("db-wal");
    format!(
        "{} {:x} {:x} {} {:?} {:?}",
        env!("CARGO_PKG_VERSION"),
        crate::segment::hash(ws.config.text.as_deref().unwrap_or("")),
        crate::segment::hash(&format!("{settings:?}")),
        root.display(),
        stamp(&memory),
        // An empty write-ahead log is no log.
        stamp(&wal).filter(|(len, ..)| *len > 0)
    )
}

impl Index {
    /// The index at `path` if it was written for `key`; an empty one otherwise (or when it
    /// cannot be read).
    pub fn load(path: &Path, key: &str) -> Index {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Index>(&b).ok())
            .filter(|i| i.key == key)
            .unwrap_or_default()
    }

    /// The entries, to carry into the next index.
    pub fn files(&self) -> &HashMap<String, Entry> {
        &self.files
    }

    /// Whether the site file `site` (as the index names it) is, from its stamps, what tolk last
    /// left there, made from inputs with these stamps.
    pub fn unchanged(&self, site: &str, entry: &Entry) -> bool {
        // Files modified within two seconds before the index was written are not trusted (an
        // edit in the same clock tick would not show in the modification time; the status
        // change time moves with any write, so an edit that puts the old time back shows).
        let racy_after = self.written.saturating_sub(2_000_000_000);
        let fresh = entry
            .inputs
            .iter()
            .chain([&entry.site])
            .all(|s| s.is_some_and(|(_, t, _)| t < racy_after));
        fresh && self.files.get(site) == Some(entry)
    }

    /// Writes the index for `key` with these entries. Only ever a speed-up: a failure leaves
    /// the next export to build every file.
    pub fn save(path: &Path, key: String, files: HashMap<String, Entry>) {
        let index = Index {
            key,
            written: std::time::SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
            files,
        };
        let _ = crate::fsio::write_atomic_with(path, |w| {
            serde_json::to_writer(w, &index).map_err(std::io::Error::other)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: u128 = 1_000_000_000;

    fn index(written: u128, entry: &Entry) -> Index {
        Index {
            key: "k".into(),
            written,
            files: [("site/da/x.md".to_string(), entry.clone())].into(),
        }
    }

    #[test]
    fn a_file_is_unchanged_only_when_every_stamp_is_the_same_and_old_enough() {
        let e = Entry {
            inputs: [Some((10, 100 * S, 100 * S)), Some((12, 101 * S, 101 * S))],
            site: Some((14, 102 * S, 102 * S)),
        };
        let i = index(200 * S, &e);
        assert!(i.unchanged("site/da/x.md", &e));
        assert!(!i.unchanged("site/sv/x.md", &e), "another file");
        // A same-size edit that put the old modification time back: its status change time.
        let mut edited = e.clone();
        edited.inputs[1] = Some((12, 101 * S, 150 * S));
        assert!(!i.unchanged("site/da/x.md", &edited));
        let mut gone = e.clone();
        gone.site = None;
        assert!(!i.unchanged("site/da/x.md", &gone));
        // Written in the same moment as the index: not trusted.
        assert!(!index(102 * S + S, &e).unchanged("site/da/x.md", &e));
    }
}
