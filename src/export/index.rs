//! The export index, outside the memory as git's index is (`translations.db.export-index`):
//! for each site file tolk wrote or found up to date, the stamp (size, modification and status
//! change times) of the English and translation files it was built from and of the site file
//! itself. An export finds
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

pub use crate::fsio::{Stamp, own_stamp as site_stamp, stamp};

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

/// The key of an export into `root` with `settings`, as the memory is now: with tolk's build
/// (a hash of its sources), as a build that exports the same inputs otherwise has another.
pub fn key(ws: &Workspace, settings: &Settings, root: &Path) -> String {
    format!(
        "{} {} {:x} {:x} {} {}",
        env!("CARGO_PKG_VERSION"),
        env!("TOLK_BUILD"),
        crate::segment::hash(ws.config.text.as_deref().unwrap_or("")),
        crate::segment::hash(&format!("{settings:?}")),
        root.display(),
        ws.memory_stamp()
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

    /// The site file `site` is not (or no longer) known to be what tolk left there.
    pub fn forget(&mut self, site: &str) {
        self.files.remove(site);
    }

    /// The site file `site` is what tolk left there, made from inputs with these stamps.
    pub fn record(&mut self, site: String, entry: Entry) {
        self.files.insert(site, entry);
    }

    /// Whether the index has an entry for the site file `site` (as it names it): where it has
    /// none, [`Index::unchanged`] is false whatever the stamps, and they need not be taken.
    pub fn knows(&self, site: &str) -> bool {
        self.files.contains_key(site)
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

    /// Writes the index, now, for `key` (entries an export did not visit stay as they were).
    /// Only ever a speed-up: a failure leaves the next export to build every file.
    pub fn save(self, path: &Path, key: String) {
        let index = Index {
            key,
            written: std::time::SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
            files: self.files,
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
