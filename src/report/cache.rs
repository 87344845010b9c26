//! A cache of the status report, outside the memory, as git's index is: for each page, the stamp
//! (size, modification and status change times) of its files in every language and the
//! postings computed from them. A page is taken from the cache only when its files, the memory
//! file and the configuration are exactly as they were and no file changed in the last moments
//! before the cache was written (a change within the same clock tick would not show). A stale
//! or damaged cache only costs speed: anything that does not match is computed again.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{Filter, PostingReport, Report};
use crate::fsio::{Stamp, stamp};
use crate::tm::{Tm, TmError};
use crate::workspace::Workspace;

/// The cache as read: what the answers depend on, and the pages.
#[derive(Default)]
struct Cache {
    /// Everything the answers depend on besides the page files: tolk's version, the cache's
    /// form, the configuration, the memory file.
    key: String,
    /// When the cache was written.
    written: u128,
    pages: BTreeMap<String, CachedPage>,
}

/// The cache's first line.
#[derive(Serialize, Deserialize)]
struct Header<'a> {
    #[serde(borrow)]
    key: std::borrow::Cow<'a, str>,
    written: u128,
}

/// A line of the cache after the first, one per page, as written: borrowed from the report.
#[derive(Serialize)]
struct CachedPageOut<'a> {
    rel: &'a str,
    files: &'a [Stamp],
    postings: &'a [PostingReport],
}

/// A line of the cache after the first, as read.
#[derive(Deserialize)]
struct CachedPage {
    rel: String,
    files: Vec<Stamp>,
    postings: Vec<PostingReport>,
}

/// Reads a cache a line at a time, so that its text is never held whole beside what it says
/// (at 30,000 postings the file is over 100 MB). Any line that does not read, a cache cut
/// short included, makes it no cache at all; one written for another `key` is not read on.
fn read(path: &Path, key: &str) -> Cache {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return Cache::default();
    };
    let mut r = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    let mut cache: Option<Cache> = None;
    loop {
        line.clear();
        // A line is whole only with its line break: the last one of a cache cut short is not.
        match r.read_until(b'\n', &mut line) {
            Ok(0) => return cache.unwrap_or_default(),
            Ok(_) if line.ends_with(b"\n") => {}
            _ => return Cache::default(),
        }
        let Some(c) = cache.as_mut() else {
            match serde_json::from_slice::<Header<'_>>(&line) {
                Ok(h) if h.key == key => {
                    cache = Some(Cache {
                        key: h.key.into_owned(),
                        written: h.written,
                        pages: BTreeMap::new(),
                    })
                }
                _ => return Cache::default(),
            }
            continue;
        };
        match serde_json::from_slice::<CachedPage>(&line) {
            Ok(page) => {
                c.pages.insert(page.rel.clone(), page);
            }
            Err(_) => return Cache::default(),
        }
    }
}

fn now_ns() -> u128 {
    std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Everything the cached answers depend on besides the page files: tolk's version, the cache's
/// form, the configuration, the memory file as it is now.
fn key_of(ws: &Workspace) -> String {
    format!(
        "{} lines {:x} {}",
        env!("CARGO_PKG_VERSION"),
        crate::segment::hash(ws.config.text.as_deref().unwrap_or("")),
        ws.memory_stamp()
    )
}

/// The cache's key before a write to the memory that no status shows (export's records of the
/// files it wrote), so that [`carry_over`] can carry the cache over that write.
pub struct Before {
    version: i64,
    key: String,
}

/// Notes the memory as it is before such a write (its data version first, then the key: a
/// write by another run in between shows in the version).
pub fn before_unseen_write(ws: &Workspace, tm: &Tm) -> Option<Before> {
    let version = tm.data_version().ok()?;
    Some(Before {
        version,
        key: key_of(ws),
    })
}

/// After a write that no status shows: where no other run has written to the memory since
/// [`before_unseen_write`] (looked at holding the memory's write lock), a cache that was up to
/// date then is given the memory's new key, so the next status is a warm one. Only ever a
/// speed-up: when anything does not fit, the cache is left as it is.
pub fn carry_over(ws: &Workspace, tm: &Tm, before: Before) -> Result<(), TmError> {
    let path = path_of(ws);
    // The files as they will stay: the log moved into the memory file now, not when the last
    // connection closes (which would change the file the key names).
    if !tm.checkpoint()? {
        return Ok(());
    }
    tm.holding_write_lock(|| {
        if tm.data_version().ok() != Some(before.version) {
            return;
        }
        let after = key_of(ws);
        if after != before.key {
            let _ = rekey(&path, &before.key, &after);
        }
    })
}

/// Rewrites the cache at `path` with the key `to`, if its key is `from`; the pages stay.
fn rekey(path: &Path, from: &str, to: &str) -> std::io::Result<()> {
    use std::io::BufRead;
    let mut r = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    let mut first = Vec::new();
    r.read_until(b'\n', &mut first)?;
    let header: Header<'_> = serde_json::from_slice(&first).map_err(std::io::Error::other)?;
    if !first.ends_with(b"\n") || header.key != from {
        return Ok(());
    }
    crate::fsio::write_atomic_with(path, |w| {
        let header = Header {
            key: to.into(),
            written: header.written,
        };
        serde_json::to_writer(&mut *w, &header).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        std::io::copy(&mut r, w)?;
        Ok(())
    })
}

/// The cache of the workspace's memory (`translations.db.status-cache`).
pub fn path_of(ws: &Workspace) -> std::path::PathBuf {
    ws.memory_path().with_extension("db.status-cache")
}

/// Brings the cache up to date with the files and the memory as they are now, as the status
/// after a sync would (so that this status is the warm one). Only ever a speed-up: a failure
/// leaves the cache to the next status.
pub fn refresh(ws: &Workspace) -> Result<(), TmError> {
    let tm = Tm::open_read_only(&ws.memory_path())?;
    build_cached(ws, tm.as_ref(), &path_of(ws)).map(|_| ())
}

/// The status report for every page and target language (no filter), using and refreshing the
/// cache at `cache_path`.
pub fn build_cached(ws: &Workspace, tm: Option<&Tm>, cache_path: &Path) -> Result<Report, TmError> {
    let key = key_of(ws);
    let langs = ws.config.languages();
    // The cache is read and parsed on one core while the other walks the folders and reads
    // every file's size and modification time (tens of thousands of stat calls).
    let (mut old, (pages, stamps)): (Cache, _) = rayon::join(
        || read(cache_path, &key),
        || {
            use rayon::prelude::*;
            let pages = ws.pages();
            let stamps: Vec<Vec<Stamp>> = pages
                .par_iter()
                .map(|p| langs.iter().map(|l| stamp(&ws.file(l, &p.rel))).collect())
                .collect();
            (pages, stamps)
        },
    );
    // Files changed within two seconds before the cache was written are not trusted.
    let racy_after = old.written.saturating_sub(2_000_000_000);
    let filter = Filter::default();
    let mut report = Report {
        source: ws.config.source.clone(),
        postings: Vec::new(),
        errors: Vec::new(),
    };
    let same_key = old.key == key;
    let mut changed = !same_key;
    let old_len = old.pages.len();
    let is_cached = |old: &Cache, i: usize| {
        let fresh = stamps[i].iter().flatten().all(|(_, t, _)| *t < racy_after);
        old.pages
            .get(&pages[i].rel)
            .is_some_and(|c| fresh && c.files == stamps[i])
    };
    let to_build: Vec<&crate::workspace::Page> = (0..pages.len())
        .filter(|&i| !is_cached(&old, i))
        .map(|i| &pages[i])
        .collect();
    let mut built = super::build_pages(ws, tm, &filter, &to_build)?.into_iter();
    report
        .postings
        .reserve_exact(pages.len() * langs.len().saturating_sub(1));
    // The pages to cache, each with its postings' place in the report (not a second copy).
    let mut keep: Vec<(usize, std::ops::Range<usize>)> = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let start = report.postings.len();
        if is_cached(&old, i) {
            let c = old.pages.remove(&page.rel).expect("checked above");
            report.postings.extend(c.postings);
            keep.push((i, start..report.postings.len()));
            continue;
        }
        changed = true;
        let Some(part) = built.next() else { break };
        let ok = part.errors.is_empty();
        report.postings.extend(part.postings);
        report.errors.extend(part.errors);
        if ok {
            keep.push((i, start..report.postings.len()));
        }
    }
    if !changed && keep.len() == old_len {
        super::mark_from_memory(&mut report, tm)?;
        return Ok(report);
    }
    // A cache that cannot be written only costs the next run its speed.
    let _ = crate::fsio::write_atomic_with(cache_path, |w| {
        let header = Header {
            key: key.as_str().into(),
            written: now_ns(),
        };
        serde_json::to_writer(&mut *w, &header).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        for (i, r) in keep {
            let page = CachedPageOut {
                rel: &pages[i].rel,
                files: &stamps[i],
                postings: &report.postings[r],
            };
            serde_json::to_writer(&mut *w, &page).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    });
    super::mark_from_memory(&mut report, tm)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_key(path: &Path) -> String {
        let text = std::fs::read_to_string(path).unwrap();
        let first = text.lines().next().unwrap();
        serde_json::from_str::<Header<'_>>(first)
            .unwrap()
            .key
            .into_owned()
    }

    /// The cache is carried over a write no status shows only where no other run wrote to the
    /// memory since it was noted.
    #[test]
    fn a_cache_is_carried_over_only_its_own_runs_write() {
        for other_writes in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path();
            std::fs::write(root.join("tolk.toml"), "targets = [\"da\"]\n").unwrap();
            for (lang, text) in [("en", "We hire."), ("da", "Vi ansætter.")] {
                let p = root.join(format!("postings/{lang}/job.md"));
                std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                std::fs::write(p, format!("---\ntitle: Job\n---\n\n{text}\n")).unwrap();
            }
            let ws = Workspace::open(root).unwrap();
            let mut mine = Tm::open(&ws.memory_path()).unwrap();
            let cache = path_of(&ws);
            build_cached(&ws, Some(&mine), &cache).unwrap();
            let made_for = header_key(&cache);
            let before = before_unseen_write(&ws, &mine).unwrap();
            if other_writes {
                let mut other = Tm::open(&ws.memory_path()).unwrap();
                let mut w = other.writer("2026-12-03T00:00:00Z", None).unwrap();
                w.set_export("elsewhere.md", Some(7)).unwrap();
                w.commit().unwrap();
            }
            let mut w = mine.writer("2026-12-03T00:00:00Z", None).unwrap();
            w.set_export("site/da/job.md", Some(1)).unwrap();
            w.commit().unwrap();
            carry_over(&ws, &mine, before).unwrap();
            if other_writes {
                assert_eq!(
                    header_key(&cache),
                    made_for,
                    "carried over another run's write"
                );
            } else {
                assert_ne!(header_key(&cache), made_for);
                assert_eq!(header_key(&cache), key_of(&ws), "not carried over");
            }
        }
    }
}
