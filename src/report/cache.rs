//! A cache of the status report, outside the memory, as git's index is: for each page, the stamp
//! (size, modification and status change times) of its files in every language and the
//! postings computed from them. A page is taken from the cache only when its files, the memory
//! file and the configuration are exactly as they were and no file changed in the last moments
//! before the cache was written (a change within the same clock tick would not show). A stale
//! or damaged cache only costs speed: anything that does not match is computed again. (So it is
//! written without flushing it to disk: a crash may lose it or cut it short, which reads as no
//! cache.)

use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::{Filter, PostingReport, Report};
use crate::fsio::{Stamp, stamp};
use crate::inspect::ReadChecked;
use crate::tm::{PageReportRow, Tm, TmError};
use crate::workspace::{Page, Workspace};

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

/// Everything the cached answers depend on besides the page files: tolk's version and build
/// (a hash of its sources: a build that reads the same files otherwise has another, as the
/// version does not), the configuration (with the glossary), the memory file as it is now.
fn key_of(ws: &Workspace) -> String {
    format!(
        "{} {} {:x} {}",
        env!("CARGO_PKG_VERSION"),
        env!("TOLK_BUILD"),
        ws.config.files_hash(),
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
    crate::fsio::write_atomic_unsynced(path, |w| {
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
/// after a sync would (so that this status is the warm one), and stores in the memory each
/// page's report with what its files held (so that a status on a fresh checkout of the same
/// files and memory need not build it again). Only ever a speed-up: a failure leaves both to
/// the next status and sync.
///
/// `given`: the reports the sync built of the pages new to the memory and stored with its
/// write ([`given_reports`]); each is taken as built where the memory still holds it as stored
/// and the page's files are as the sync read them.
pub fn refresh(
    ws: &Workspace,
    ahead: &ReadChecked,
    given: Vec<GivenReport>,
) -> Result<(), TmError> {
    let tm = Tm::open(&ws.memory_path())?;
    // Noted before anything is read for the reports: a write by another run after this shows
    // in the data version, and then no report is stored.
    let before = before_unseen_write(ws, &tm);
    let built = build(ws, Some(&tm), &path_of(ws), (true, ahead), given)?;
    let Some(before) = before else { return Ok(()) };
    let is_page = |p: &str| built.pages.contains(p);
    if !tm.store_page_reports(before.version, &made_for(ws), &built.fresh, &is_page)? {
        return Ok(());
    }
    // The cache was written for the memory before the reports were stored in it.
    carry_over(ws, &tm, before)
}

/// The reports of pages a sync has just recorded into a memory that held nothing of them,
/// built from what the sync wrote (`given`: what the memory now holds of each) and the files
/// it read (`ahead`); the sync stores them in the memory in the same write, so they hold
/// exactly for what it committed (any later write to a page drops its report), and the status
/// it leaves warm takes them instead of reading every page back from the memory (see
/// [`refresh`]). Pages not in `pages` (by path) are left out.
pub fn given_reports(
    ws: &Workspace,
    ahead: &ReadChecked,
    pages: &std::collections::HashMap<&str, &Page>,
    given: &[(String, crate::tm::PostingMemory)],
) -> Vec<GivenReport> {
    use rayon::prelude::*;
    let langs = ws.config.languages();
    given
        .par_iter()
        .filter_map(|(rel, mem)| {
            let page = pages.get(rel.as_str())?;
            let mut part = Report {
                source: ws.config.source.clone(),
                postings: Vec::new(),
                errors: Vec::new(),
            };
            let mut read = super::Read::new();
            let filter = Filter::default();
            super::build_page_given(ws, (mem, ahead), &filter, page, &mut part, Some(&mut read))
                .ok()?;
            if !part.errors.is_empty() {
                return None;
            }
            let row = PageReportRow {
                page: rel.clone(),
                files: files_of(&langs, page, &read),
                postings: pack_postings(&part.postings)?,
            };
            Some(GivenReport {
                row,
                postings: part.postings,
            })
        })
        .collect()
}

/// Whether every file of the page is as a sync read it (`ahead`, with its stamp from before the
/// read; `stamps`: today's, by language) or absent then and now.
fn as_read(
    ws: &Workspace,
    langs: &[String],
    page: &Page,
    stamps: &[Stamp],
    ahead: &ReadChecked,
) -> bool {
    langs
        .iter()
        .zip(stamps)
        .all(|(l, now)| match ahead.read.get(&ws.file(l, &page.rel)) {
            Some((then, ..)) => then.is_some() && then == now,
            None => now.is_none(),
        })
}

/// A page's report built by a sync ([`given_reports`]): as stored in the memory, and as built.
#[derive(Debug)]
pub struct GivenReport {
    pub row: PageReportRow,
    pub postings: Vec<PostingReport>,
}

/// What the pages' reports stored in the memory are made for, besides their files: tolk's
/// version and build (as for the cache: two builds of the same sources share them, a developer's
/// and CI's), the configuration (with the glossary).
pub fn made_for(ws: &Workspace) -> String {
    format!(
        "{} {} {:x}",
        env!("CARGO_PKG_VERSION"),
        env!("TOLK_BUILD"),
        ws.config.files_hash()
    )
}

/// What a page's report was built from, as stored with it: the page's language, then for each
/// language of the configuration, in its order, `0` (no file), `1` (a file not read for the
/// report) or `2` and a hash of the file's bytes.
fn files_of(langs: &[String], page: &Page, read: &super::Read) -> Vec<u8> {
    let mut out = Vec::with_capacity(page.source.len() + 1 + 33 * langs.len());
    out.extend_from_slice(page.source.as_bytes());
    out.push(0);
    for lang in langs {
        match read.iter().find(|(l, _)| l == lang) {
            Some((_, h)) => {
                out.push(2);
                out.extend_from_slice(h);
            }
            None => out.push(u8::from(page.present.contains(lang))),
        }
    }
    out
}

/// Whether the page's files are today what `files` says its stored report was built from:
/// the same languages there, and the same bytes in each file that was read.
fn files_match(ws: &Workspace, langs: &[String], page: &Page, files: &[u8]) -> bool {
    let Some(rest) = files
        .strip_prefix(page.source.as_bytes())
        .and_then(|r| r.strip_prefix(&[0]))
    else {
        return false;
    };
    let mut rest = rest;
    for lang in langs {
        let present = page.present.contains(lang);
        match rest.split_first() {
            Some((0, r)) if !present => rest = r,
            Some((1, r)) if present => rest = r,
            Some((2, r)) if present && r.len() >= 32 => {
                let (h, r) = r.split_at(32);
                if read_hash(&ws.file(lang, &page.rel)).is_none_or(|got| got[..] != *h) {
                    return false;
                }
                rest = r;
            }
            _ => return false,
        }
    }
    rest.is_empty()
}

/// A hash of a file's bytes as [`super::file_hash`] makes it, read as a posting is; `None` for
/// a file that cannot be read or is too large to be a posting.
fn read_hash(path: &Path) -> Option<super::FileHash> {
    crate::posting::read_bytes(path)
        .ok()
        .map(|bytes| super::file_hash(&bytes))
}

/// A page's postings as stored in the memory: compressed JSON.
fn pack_postings(postings: &[PostingReport]) -> Option<Vec<u8>> {
    thread_local! {
        // This thread's compressor (making one for each page was a third of the cost).
        static PACKER: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let json = serde_json::to_vec(postings).ok()?;
    let mut packed = PACKER.with_borrow_mut(|c| {
        let c = match c {
            Some(c) => c,
            None => c.insert(zstd::bulk::Compressor::new(1).ok()?),
        };
        c.compress(&json).ok()
    })?;
    // Kept until every page is built: without the room compressing reserved (six times as
    // much), which at 30,000 pages was 70 MB.
    packed.shrink_to_fit();
    Some(packed)
}

fn unpack_postings(blob: &[u8]) -> Option<Vec<PostingReport>> {
    let json = zstd::stream::decode_all(blob).ok()?;
    serde_json::from_slice(&json).ok()
}

/// The status report for every page and target language (no filter), using and refreshing the
/// cache at `cache_path`.
pub fn build_cached(ws: &Workspace, tm: Option<&Tm>, cache_path: &Path) -> Result<Report, TmError> {
    build(
        ws,
        tm,
        cache_path,
        (false, &ReadChecked::default()),
        Vec::new(),
    )
    .map(|b| b.report)
}

/// A report built, and (when asked for) the reports of the pages built for it, to store in
/// the memory.
struct Built {
    report: Report,
    fresh: Vec<PageReportRow>,
    /// Every page there is (when reports are kept to store).
    pages: rustc_hash::FxHashSet<String>,
    /// Pages taken from the memory's stored reports (what the tests look at).
    #[cfg_attr(not(test), expect(dead_code))]
    stored: usize,
}

/// The status report, each page taken from the cache at `cache_path` where its files' stamps
/// are as they were, else from the memory's stored reports where its files' bytes are, else
/// built.
fn build(
    ws: &Workspace,
    tm: Option<&Tm>,
    cache_path: &Path,
    (keep_fresh, ahead): (bool, &ReadChecked),
    given: Vec<GivenReport>,
) -> Result<Built, TmError> {
    use rayon::prelude::*;
    let key = key_of(ws);
    let langs = ws.config.languages();
    // The cache is read and parsed on one core while the other walks the folders and reads
    // every file's size and modification time (tens of thousands of stat calls).
    let (mut old, (pages, stamps)): (Cache, _) = rayon::join(
        || read(cache_path, &key),
        || {
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
    let missed: Vec<usize> = (0..pages.len()).filter(|&i| !is_cached(&old, i)).collect();
    // The pages the cache does not have, from the memory's stored reports where their files
    // hold the same bytes (read and compared on both cores).
    let mut stored: Vec<Option<Vec<PostingReport>>> = Vec::new();
    if let Some(tm) = tm.filter(|_| !missed.is_empty()) {
        let wanted: rustc_hash::FxHashSet<&str> =
            missed.iter().map(|&i| pages[i].rel.as_str()).collect();
        let mut rows: rustc_hash::FxHashMap<String, PageReportRow> = tm
            .page_reports(&made_for(ws), |p| wanted.contains(p))?
            .into_iter()
            .map(|r| (r.page.clone(), r))
            .collect();
        if !rows.is_empty() {
            stored = vec![None; pages.len()];
            let mut given: rustc_hash::FxHashMap<String, GivenReport> =
                given.into_iter().map(|g| (g.row.page.clone(), g)).collect();
            // The reports the sync that just ran built and stored, as it built them: where the
            // memory still holds each as stored (a write to the page since dropped it) and the
            // page's files are the ones it read.
            let mut take_given = |i: usize, row: &Option<PageReportRow>| -> bool {
                let page = &pages[i];
                let same = match (row, given.get(&page.rel)) {
                    (Some(r), Some(g)) => {
                        r.files == g.row.files
                            && r.postings == g.row.postings
                            && as_read(ws, &langs, page, &stamps[i], ahead)
                    }
                    _ => false,
                };
                if same {
                    stored[i] = given.remove(&page.rel).map(|g| g.postings);
                }
                same
            };
            let candidates: Vec<(usize, Option<PageReportRow>)> = missed
                .iter()
                .map(|&i| (i, rows.remove(&pages[i].rel)))
                .filter(|(i, row)| !take_given(*i, row))
                .collect();
            let found: Vec<(usize, Option<Vec<PostingReport>>)> = candidates
                .into_par_iter()
                .map(|(i, row)| {
                    let postings = row
                        .filter(|r| files_match(ws, &langs, &pages[i], &r.files))
                        .and_then(|r| unpack_postings(&r.postings));
                    (i, postings)
                })
                .collect();
            for (i, p) in found {
                stored[i] = p;
            }
        }
    }
    let is_stored = |i: usize| stored.get(i).is_some_and(Option::is_some);
    let stored_pages = (0..stored.len()).filter(|&i| is_stored(i)).count();
    let to_build: Vec<&Page> = missed
        .iter()
        .filter(|&&i| !is_stored(i))
        .map(|&i| &pages[i])
        .collect();
    let mut built =
        super::build_pages_reading(ws, tm, &filter, &to_build, (keep_fresh, ahead))?.into_iter();
    report
        .postings
        .reserve_exact(pages.len() * langs.len().saturating_sub(1));
    // The pages to cache, each with its postings' place in the report (not a second copy).
    let mut keep: Vec<(usize, std::ops::Range<usize>)> = Vec::with_capacity(pages.len());
    // The pages built, to store in the memory: (page, its postings, its files).
    let mut to_store = Vec::new();
    let all_pages = if keep_fresh {
        pages.iter().map(|p| p.rel.clone()).collect()
    } else {
        Default::default()
    };
    for (i, page) in pages.iter().enumerate() {
        let start = report.postings.len();
        if is_cached(&old, i) {
            let c = old.pages.remove(&page.rel).expect("checked above");
            report.postings.extend(c.postings);
            keep.push((i, start..report.postings.len()));
            continue;
        }
        changed = true;
        if let Some(postings) = stored.get_mut(i).and_then(Option::take) {
            report.postings.extend(postings);
            keep.push((i, start..report.postings.len()));
            continue;
        }
        let Some((part, read)) = built.next() else {
            break;
        };
        let ok = part.errors.is_empty();
        report.postings.extend(part.postings);
        report.errors.extend(part.errors);
        if ok {
            let range = start..report.postings.len();
            if keep_fresh {
                to_store.push((i, range.clone(), files_of(&langs, page, &read)));
            }
            keep.push((i, range));
        }
    }
    // Packed on both cores.
    let fresh: Vec<PageReportRow> = to_store
        .into_par_iter()
        .filter_map(|(i, range, files)| {
            Some(PageReportRow {
                page: pages[i].rel.clone(),
                files,
                postings: pack_postings(&report.postings[range])?,
            })
        })
        .collect();
    if !changed && keep.len() == old_len {
        super::mark_from_memory(&mut report, tm)?;
        return Ok(Built {
            report,
            fresh,
            pages: all_pages,
            stored: stored_pages,
        });
    }
    // A cache that cannot be written only costs the next run its speed.
    let _ = crate::fsio::write_atomic_unsynced(cache_path, |w| {
        let header = Header {
            key: key.as_str().into(),
            written: now_ns(),
        };
        serde_json::to_writer(&mut *w, &header).map_err(std::io::Error::other)?;
        w.write_all(b"\n")?;
        // Lines made on both cores, a few hundred pages at a time (not the whole file at
        // once: it is as large as the report).
        for part in keep.chunks(256) {
            let lines: Vec<Vec<u8>> = part
                .par_iter()
                .map(|(i, r)| {
                    let page = CachedPageOut {
                        rel: &pages[*i].rel,
                        files: &stamps[*i],
                        postings: &report.postings[r.clone()],
                    };
                    let mut line = serde_json::to_vec(&page).map_err(std::io::Error::other)?;
                    line.push(b'\n');
                    Ok(line)
                })
                .collect::<std::io::Result<_>>()?;
            for line in lines {
                w.write_all(&line)?;
            }
        }
        Ok(())
    });
    super::mark_from_memory(&mut report, tm)?;
    Ok(Built {
        report,
        fresh,
        pages: all_pages,
        stored: stored_pages,
    })
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

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn sync(ws: &Workspace, accept: Vec<crate::sync::Accept>) -> crate::sync::SyncReport {
        let mut tm = Tm::open(&ws.memory_path()).unwrap();
        let options = crate::sync::Options {
            accept,
            keep_read: true,
            ..Default::default()
        };
        let r = crate::sync::sync(ws, &mut tm, "2026-12-06T00:00:00Z", None, &options).unwrap();
        assert!(r.errors.is_empty());
        r
    }

    /// Writes `text` into `path` and gives it a modification time an hour ago (a status trusts
    /// its cache for files not changed within two seconds before it was written).
    fn write_an_hour_ago(path: &Path, text: &str) {
        std::fs::write(path, text).unwrap();
        let when = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    /// The status a sync leaves warm takes the files the sync read from it, but never one
    /// changed since: that one is read again, and the next status answers for what it holds.
    #[test]
    fn the_files_a_sync_read_are_taken_for_its_status_only_as_they_are() {
        let text = |p: &Path| std::fs::read_to_string(p).unwrap();
        // The synced site, its files an hour old.
        let aged_site = || {
            let (dir, ws) = synced_site();
            for page in ["job.md", "team.md"] {
                for lang in ["en", "da"] {
                    let f = ws.file(lang, page);
                    write_an_hour_ago(&f, &text(&f));
                }
            }
            (dir, ws)
        };
        let warm = |ws: &Workspace| {
            let (json, stored) = warm_status(ws);
            assert_eq!(stored, 0, "pages taken from the memory, not the cache");
            json
        };

        let (_dir, ws) = aged_site();
        let en = |page: &str| ws.file("en", page);
        // Taken: a file's posting as the sync read it (here one made up, with the file's
        // stamp) is what the status reports. (The English edited, so that the memory holds
        // no report of the page to take instead.)
        let job = en("job.md");
        write_an_hour_ago(&job, &text(&job).replace("a cloud", "one cloud"));
        let mut r = sync(&ws, Vec::new());
        assert_eq!(r.read.read.len(), 4, "every file kept");
        let (_, posting, segments) = r.read.read.get_mut(&job).unwrap();
        *posting = crate::posting::Posting::parse(
            &job,
            "---
title: T
---

We hire a crowd engineer.
"
            .into(),
            &ws.config.rules,
        )
        .unwrap();
        *segments = crate::segment::split(posting, &ws.config.rules);
        refresh(&ws, &r.read, Vec::new()).unwrap();
        assert!(warm(&ws).contains("crowd engineer"), "not taken");

        // Not taken: a file changed after the sync read it (its time put back an hour).
        let (_dir, ws) = aged_site();
        let en = |page: &str| ws.file("en", page);
        let r = sync(&ws, Vec::new());
        write_an_hour_ago(
            &en("team.md"),
            &text(&en("team.md")).replace("small", "growing"),
        );
        refresh(&ws, &r.read, Vec::new()).unwrap();
        let json = warm(&ws);
        assert!(json.contains("Our team is growing."), "{json}");
        assert!(json.contains("\"state\":\"stale\""), "{json}");
        assert_eq!(json, plain_status(&ws));
    }

    /// The checks a sync made of a new page's translations are taken for the status it leaves
    /// warm while the page's files are as the sync read them, and made again once the English
    /// changed (the variant's checks were made against the English as it was).
    #[test]
    fn the_checks_a_sync_made_are_taken_for_its_status_only_with_its_files() {
        let texts = ("We hire 2 engineers.", "Vi ansætter 2 ingeniører.");
        let new_site = || two_pages(texts, write_an_hour_ago);
        // A sync's checks of the Danish job page, made up: taken only if the status uses them.
        let made_up = |r: &mut crate::sync::SyncReport, ws: &Workspace, page: &str| {
            let checked = r.read.checked.get_mut(&ws.file("da", page)).unwrap();
            assert!(!checked.is_empty(), "the pair checked ahead");
            for found in checked.values_mut() {
                *found = vec![crate::inspect::Problem {
                    kind: crate::inspect::Kind::NumberMissing,
                    detail: "made ahead".into(),
                }];
            }
        };
        let status = |ws: &Workspace| warm_status(ws).0;

        // Taken: the files are as the sync read them. The sync builds the reports of the pages
        // it recorded from nothing with them (and stores them in the memory as it commits).
        let (_dir, ws) = new_site();
        let mut r = sync(&ws, Vec::new());
        assert_eq!(
            r.read.checked.len(),
            2,
            "both variants of new pages checked ahead"
        );
        made_up(&mut r, &ws, "job.md");
        let tm = Tm::open(&ws.memory_path()).unwrap();
        let given = vec![("job.md".to_string(), tm.load("job.md").unwrap())];
        let pages = ws.pages();
        let by_rel = pages.iter().map(|p| (p.rel.as_str(), p)).collect();
        let built = given_reports(&ws, &r.read, &by_rel, &given);
        let stored = unpack_postings(&built[0].row.postings).unwrap();
        for postings in [&stored, &built[0].postings] {
            assert!(
                serde_json::to_string(postings)
                    .unwrap()
                    .contains("made ahead"),
                "not taken"
            );
        }
        // The status it leaves warm takes the reports the sync stored, made before these
        // checks were made up.
        refresh(&ws, &r.read, Vec::new()).unwrap();
        assert!(!status(&ws).contains("made ahead"));
        assert_eq!(status(&ws), plain_status(&ws));

        // Made again: the English changed after the sync read it (same size, time put back).
        let (_dir, ws) = new_site();
        let mut r = sync(&ws, Vec::new());
        made_up(&mut r, &ws, "job.md");
        let en = ws.file("en", "job.md");
        let edited = std::fs::read_to_string(&en)
            .unwrap()
            .replace("hire 2", "hire 3");
        write_an_hour_ago(&en, &edited);
        refresh(&ws, &r.read, Vec::new()).unwrap();
        let json = status(&ws);
        assert!(!json.contains("made ahead"), "{json}");
        assert!(
            json.contains("\"number-missing\""),
            "the 3 is not in the translation: {json}"
        );
        assert_eq!(json, plain_status(&ws));
    }

    /// A first sync stores the reports of the pages it recorded from nothing in its own write,
    /// built from what it wrote, and the status it leaves warm takes them as built (here one
    /// made up after the sync shows which is taken): only while the memory still holds the
    /// report as stored (a write to the page since drops it) and the page's files are as the
    /// sync read them. Otherwise the status says what a status built from the files and the
    /// memory alone says.
    #[test]
    fn a_first_syncs_reports_are_stored_with_it_and_taken_as_built() {
        let texts = ("We hire 2 engineers.", "Vi ansætter 2 ingeniører.");
        let new_site = || two_pages(texts, write_an_hour_ago);
        let made_up = |r: &mut crate::sync::SyncReport| {
            let mut given = std::mem::take(&mut r.reports);
            let job = given.iter_mut().find(|g| g.row.page == "job.md").unwrap();
            job.postings[0].file = "made-up.md".into();
            given
        };
        let stored = |ws: &Workspace| {
            let tm = Tm::open_read_only(&ws.memory_path()).unwrap().unwrap();
            tm.page_reports(&made_for(ws), |_| true).unwrap().len()
        };

        // Taken as built.
        let (_dir, ws) = new_site();
        let mut r = sync(&ws, Vec::new());
        assert_eq!(r.reports.len(), 2, "both pages new");
        assert_eq!(stored(&ws), 2, "stored with the sync's write");
        let given = made_up(&mut r);
        refresh(&ws, &r.read, given).unwrap();
        assert!(warm_status(&ws).0.contains("made-up.md"), "not taken");

        // The same, without the made-up file name: what a status from nothing says.
        let (_dir, ws) = new_site();
        let mut r = sync(&ws, Vec::new());
        let given = std::mem::take(&mut r.reports);
        refresh(&ws, &r.read, given).unwrap();
        assert_eq!(warm_status(&ws).0, plain_status(&ws));

        // Not taken: the memory no longer holds the report as stored (another run wrote to
        // the page, which dropped it; or stored another report of it since).
        for since in [
            "DELETE FROM page_report WHERE page = 'job.md'",
            "UPDATE page_report SET postings = x'00' WHERE page = 'job.md'",
        ] {
            let (_dir, ws) = new_site();
            let mut r = sync(&ws, Vec::new());
            let conn = rusqlite::Connection::open(ws.memory_path()).unwrap();
            conn.execute(since, []).unwrap();
            drop(conn);
            let given = made_up(&mut r);
            refresh(&ws, &r.read, given).unwrap();
            let json = warm_status(&ws).0;
            assert!(!json.contains("made-up.md"), "{since}: {json}");
            assert_eq!(json, plain_status(&ws));
        }

        // Not taken: a file changed after the sync read it (same size, its time put back).
        let (_dir, ws) = new_site();
        let mut r = sync(&ws, Vec::new());
        let da = ws.file("da", "job.md");
        let edited = std::fs::read_to_string(&da)
            .unwrap()
            .replace("ansætter 2", "ansætter 3");
        write_an_hour_ago(&da, &edited);
        let given = made_up(&mut r);
        refresh(&ws, &r.read, given).unwrap();
        let json = warm_status(&ws).0;
        assert!(!json.contains("made-up.md"), "{json}");
        // The 2 of the English is no longer in the translation: the edit is seen.
        assert!(json.contains("\"number-missing\""), "{json}");
        assert_eq!(json, plain_status(&ws));
    }

    /// A status as on a fresh checkout (no status cache): its report as JSON and how many
    /// pages it took from the memory's stored reports; and the JSON of a report built from
    /// the files and the memory alone, which it must equal.
    fn fresh_status(ws: &Workspace) -> (String, usize, String) {
        let cache = path_of(ws);
        let _ = std::fs::remove_file(&cache);
        let tm = Tm::open_read_only(&ws.memory_path()).unwrap().unwrap();
        let built = build(
            ws,
            Some(&tm),
            &cache,
            (false, &ReadChecked::default()),
            Vec::new(),
        )
        .unwrap();
        let _ = std::fs::remove_file(&cache);
        let plain = super::super::build(ws, Some(&tm), &Filter::default()).unwrap();
        (
            serde_json::to_string(&built.report).unwrap(),
            built.stored,
            serde_json::to_string(&plain).unwrap(),
        )
    }

    /// Two pages in English and Danish: `job.md` with these texts, and `team.md`; every file
    /// written by `put` (path, text).
    fn two_pages(
        (en, da): (&str, &str),
        put: impl Fn(&Path, &str),
    ) -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "tolk.toml", "targets = [\"da\"]\n");
        for (page, en, da) in [
            ("job.md", en, da),
            ("team.md", "Our team is small.", "Vores team er lille."),
        ] {
            for (lang, text) in [("en", en), ("da", da)] {
                let path = root.join(format!("postings/{lang}/{page}"));
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                put(&path, &format!("---\ntitle: T\n---\n\n{text}\n"));
            }
        }
        let ws = Workspace::open(root).unwrap();
        (dir, ws)
    }

    /// Two pages in English and Danish, synced; the memory holds both pages' reports.
    fn synced_site() -> (tempfile::TempDir, Workspace) {
        let texts = ("We hire a cloud engineer.", "Vi ansætter en cloudingeniør.");
        let (dir, ws) = two_pages(texts, |p, t| std::fs::write(p, t).unwrap());
        sync(&ws, Vec::new());
        refresh(&ws, &ReadChecked::default(), Vec::new()).unwrap();
        (dir, ws)
    }

    /// The status as the cache and the memory's stored reports give it, as JSON, and how many
    /// pages it took from the memory.
    fn warm_status(ws: &Workspace) -> (String, usize) {
        let tm = Tm::open_read_only(&ws.memory_path()).unwrap().unwrap();
        let warm = build(
            ws,
            Some(&tm),
            &path_of(ws),
            (false, &ReadChecked::default()),
            Vec::new(),
        )
        .unwrap();
        (serde_json::to_string(&warm.report).unwrap(), warm.stored)
    }

    /// The status built from the files and the memory alone, as JSON.
    fn plain_status(ws: &Workspace) -> String {
        let tm = Tm::open_read_only(&ws.memory_path()).unwrap().unwrap();
        serde_json::to_string(&super::super::build(ws, Some(&tm), &Filter::default()).unwrap())
            .unwrap()
    }

    /// A fresh checkout of what was synced takes every page from the memory, and says exactly
    /// what a status built from the files says.
    #[test]
    fn a_fresh_checkout_takes_the_pages_the_last_sync_stored() {
        let (_dir, ws) = synced_site();
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 2);
        assert_eq!(json, plain);
        assert!(json.contains("\"state\":\"current\""), "{json}");
    }

    /// A file whose bytes changed, though not its size nor its modification time, is read
    /// again: the stored report is kept only for the same bytes.
    #[test]
    fn a_same_size_edit_is_not_taken_from_the_memory() {
        let (_dir, ws) = synced_site();
        let en = ws.file("en", "job.md");
        let when = std::fs::metadata(&en).unwrap().modified().unwrap();
        let text = std::fs::read_to_string(&en).unwrap();
        let same_size = text.replace("cloud", "crowd");
        assert_eq!(same_size.len(), text.len());
        std::fs::write(&en, &same_size).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&en)
            .unwrap()
            .set_modified(when)
            .unwrap();
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 1, "only team.md is as it was");
        assert_eq!(json, plain);
        assert!(
            json.contains("\"state\":\"stale\""),
            "the edit is not in the report: {json}"
        );
    }

    /// A write to the memory that no file shows (accepting a stale translation as correct
    /// for the new English) drops the page's stored report: the status says what the memory
    /// says now.
    #[test]
    fn a_write_to_the_memory_drops_the_pages_stored_report() {
        let (_dir, ws) = synced_site();
        let en = ws.file("en", "job.md");
        let text = std::fs::read_to_string(&en).unwrap();
        std::fs::write(&en, text.replace("cloud engineer", "Cloud engineer")).unwrap();
        sync(&ws, Vec::new());
        refresh(&ws, &ReadChecked::default(), Vec::new()).unwrap();
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 2);
        assert_eq!(json, plain);
        assert!(json.contains("\"state\":\"stale\""), "{json}");
        // As `tolk accept` does it: a sync of that page, no status after it.
        sync(
            &ws,
            vec![crate::sync::Accept {
                rel: "job.md".into(),
                lang: "da".into(),
                keys: None,
            }],
        );
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 1, "job.md's stored report outlived the accept");
        assert_eq!(json, plain);
        assert!(!json.contains("\"state\":\"stale\""), "{json}");
    }

    /// A glossary's change reaches a status with a warm cache, and one on a fresh checkout.
    #[test]
    fn a_changed_glossary_is_not_answered_from_a_cache() {
        let (dir, ws) = synced_site();
        assert!(!warm_status(&ws).0.contains("glossary"));
        write(
            dir.path(),
            "glossary.toml",
            "[[term]]\nsource = \"cloud engineer\"\ntranslate = { da = \"cloudtekniker\" }\n",
        );
        let ws = Workspace::open(dir.path()).unwrap();
        let json = warm_status(&ws).0;
        assert!(json.contains("glossary-term"), "{json}");
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 0);
        assert_eq!(json, plain);
        assert!(json.contains("glossary-term"), "{json}");
    }

    /// Reports stored by another tolk or for another configuration, or damaged or cut short,
    /// are not used.
    #[test]
    fn reports_for_another_tolk_or_configuration_or_damaged_are_built_again() {
        /// Changes one stored report of the memory of `ws` with `sql`.
        fn change_one(ws: &Workspace, sql: &str) {
            let c = rusqlite::Connection::open(ws.memory_path()).unwrap();
            assert_eq!(c.execute(sql, []).unwrap(), 1, "{sql}");
        }
        let (_dir, ws) = synced_site();
        change_one(
            &ws,
            "UPDATE page_report SET postings = x'28b52ffd00' WHERE page = 'job.md'",
        );
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 1, "a damaged report was used");
        assert_eq!(json, plain);
        change_one(
            &ws,
            "UPDATE page_report SET postings = substr(postings, 1, length(postings) / 2)
             WHERE page = 'team.md'",
        );
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 0, "a report cut short was used");
        assert_eq!(json, plain);

        // Made by another tolk, or with what it read cut short.
        let (_dir, ws) = synced_site();
        change_one(
            &ws,
            "UPDATE page_report SET made_for = '0.0.1' || substr(made_for, instr(made_for, ' '))
             WHERE page = 'team.md'",
        );
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 1, "a report made by another tolk was used");
        assert_eq!(json, plain);
        change_one(
            &ws,
            "UPDATE page_report SET files = substr(files, 1, length(files) - 1)
             WHERE page = 'job.md'",
        );
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 0, "a report with what it read cut short was used");
        assert_eq!(json, plain);

        // Made with another configuration.
        let (dir, ws) = synced_site();
        assert_eq!(fresh_status(&ws).1, 2);
        write(dir.path(), "tolk.toml", "targets = [\"da\"]\n# changed\n");
        let ws = Workspace::open(dir.path()).unwrap();
        let (json, stored, plain) = fresh_status(&ws);
        assert_eq!(stored, 0, "used reports made for another configuration");
        assert_eq!(json, plain);
    }

    /// Reports are stored only where no other run wrote to the memory since reading began.
    #[test]
    fn reports_are_not_stored_over_another_runs_write() {
        let (_dir, ws) = synced_site();
        let tm = Tm::open(&ws.memory_path()).unwrap();
        let before = before_unseen_write(&ws, &tm).unwrap();
        let rows = tm.page_reports(&made_for(&ws), |_| true).unwrap();
        assert_eq!(rows.len(), 2);
        let mut other = Tm::open(&ws.memory_path()).unwrap();
        let mut w = other.writer("2026-12-06T00:00:00Z", None).unwrap();
        w.set_export("elsewhere.md", Some(7)).unwrap();
        w.commit().unwrap();
        assert!(
            !tm.store_page_reports(before.version, &made_for(&ws), &rows, &|_| true)
                .unwrap()
        );
        let again = before_unseen_write(&ws, &tm).unwrap();
        assert!(
            tm.store_page_reports(again.version, &made_for(&ws), &rows, &|_| true)
                .unwrap()
        );
    }

    /// A page that is gone leaves no stored report behind.
    #[test]
    fn a_gone_pages_report_is_dropped() {
        let (dir, ws) = synced_site();
        let stored = |ws: &Workspace| -> Vec<String> {
            let tm = Tm::open_read_only(&ws.memory_path()).unwrap().unwrap();
            let mut pages: Vec<String> = tm
                .page_reports(&made_for(ws), |_| true)
                .unwrap()
                .into_iter()
                .map(|r| r.page)
                .collect();
            pages.sort();
            pages
        };
        assert_eq!(stored(&ws), ["job.md", "team.md"]);
        let tm = Tm::open(&ws.memory_path()).unwrap();
        let now = before_unseen_write(&ws, &tm).unwrap();
        assert!(
            tm.store_page_reports(now.version, &made_for(&ws), &[], &|p| p == "job.md")
                .unwrap()
        );
        assert_eq!(stored(&ws), ["job.md"]);
        // As a user deletes a page: the next sync's refresh drops its report.
        refresh(&ws, &ReadChecked::default(), Vec::new()).unwrap();
        assert_eq!(stored(&ws), ["job.md", "team.md"]);
        for lang in ["en", "da"] {
            std::fs::remove_file(dir.path().join(format!("postings/{lang}/team.md"))).unwrap();
        }
        sync(&ws, Vec::new());
        refresh(&ws, &ReadChecked::default(), Vec::new()).unwrap();
        assert_eq!(stored(&ws), ["job.md"]);
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
