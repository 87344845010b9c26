//! EXPORT: the translated postings into a Hugo site's content folder.
//!
//! Each file is today's source skeleton with that language's translations spliced in, so
//! everything that is not text (draft flags, URLs, shortcode arguments) follows the source.
//! Writes are atomic, never leave the target folder, and never overwrite a file changed by hand
//! since tolk wrote it (unless forced).

mod index;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::compare::State;
use crate::posting::front_matter::Format;
use crate::posting::{self, Posting, with_line_break};
use crate::segment;
use crate::tm::{Tm, TmError};
use crate::translate;
use crate::workspace::Workspace;

pub use crate::config::export::{Layout, Publish, Settings};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Written,
    Unchanged,
    /// Not exported: below the `hold` threshold.
    Held,
    /// An orphan removed from the site.
    Removed,
    /// Refused: changed by hand since tolk wrote it (or not written by tolk).
    HandEdited,
    /// Refused: the path would leave the target folder (through `..` or a symbolic link).
    Outside,
    /// Refused: the page would break or publish something unsafe (the reason); the file on the
    /// site, if any, stays as it was.
    Refused(Refusal),
}

/// Why a page was not exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The page would not parse again: the line of the exported page and what is wrong.
    Unreadable {
        line: usize,
        error: posting::ErrorKind,
    },
    /// Its shortcodes would not nest as the English page's: the first call (1-based, in
    /// order) where they differ and what each has there (`None`: no more calls).
    Skeleton {
        call: usize,
        english: Option<String>,
        page: Option<String>,
    },
    /// A block of the translation that matches no English block adds a script, an event
    /// handler or a `javascript:` URL (its line in the variant file).
    Unsafe { line: usize, key: String },
}

/// What [`build`] made of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Built {
    /// The page, and the hash of the translation's own file it was made from (a site file
    /// equal to that one is the translator's, not a hand edit of tolk's output).
    Page(String, u64),
    /// Below the `hold` threshold.
    Held,
    Refused(Refusal),
}

/// One exported (or refused) file.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The site file, as given (target folder joined with the layout's path).
    pub path: PathBuf,
    pub action: Action,
    /// The file before and after, for `--dry-run` diffs (empty when absent).
    pub before: String,
    pub after: String,
}

/// What an export did.
#[derive(Debug, Default)]
pub struct ExportReport {
    pub files: Vec<FileResult>,
    pub errors: Vec<posting::Error>,
}

/// Options of one export.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `[export] to`.
    pub to: Option<PathBuf>,
    pub langs: Vec<String>,
    pub paths: Vec<String>,
    /// Compute everything, write nothing.
    pub dry_run: bool,
    /// Overwrite files changed by hand.
    pub force: bool,
    /// Told how far the export is.
    pub progress: Option<crate::fsio::Progress>,
}

/// The site path of a posting in a language, relative to the target folder. `None` for a path
/// that would leave it.
pub fn site_path(settings: &Settings, lang: &str, rel: &str) -> Option<PathBuf> {
    let mut p = PathBuf::new();
    let rel_path = Path::new(rel);
    if rel_path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || Path::new(&settings.section)
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    match settings.layout {
        Layout::Folder => {
            p.push(lang);
            p.push(&settings.section);
            p.push(rel_path);
        }
        Layout::Suffix => {
            p.push(&settings.section);
            let (stem, ext) = crate::workspace::split_extension(rel);
            p.push(format!("{stem}.{lang}.{ext}"));
        }
    }
    Some(p)
}

/// Removes temporary files left by an export that was killed before its rename (they are
/// named `.NAME.tolk-XXXXXX.tmp` (see [`crate::fsio::write_atomic`]), never `*.md`, so Hugo never
/// read them).
fn remove_stale_temp_files(dir: &Path, depth: usize) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() && depth < 32 {
            remove_stale_temp_files(&e.path(), depth + 1);
        } else if ft.is_file()
            && name.starts_with('.')
            && name.contains(".tolk-")
            && name.ends_with(".tmp")
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Folders inside the target folder found to be no symbolic links, each looked at once for a
/// chunk of files (not once per file in it).
#[derive(Default)]
struct NoLinks(std::collections::HashSet<PathBuf>);

/// What is at a site file's path.
enum Found {
    /// A symbolic link, there or on the way.
    Link,
    /// Nothing.
    Nothing,
    /// Something (most often the file exported before), as looked at without following links.
    Thing(std::fs::Metadata),
    /// Not known (it could not be looked at).
    Unknown,
}

impl NoLinks {
    /// What `rel` (inside `root`) is: [`Found::Link`] when it or a folder on the way to it is
    /// a symbolic link.
    fn look(&mut self, root: &Path, rel: &Path) -> Found {
        let mut p = root.to_path_buf();
        let mut components = rel.components().peekable();
        let mut found = Found::Unknown;
        while let Some(c) = components.next() {
            p.push(c);
            let folder = components.peek().is_some();
            if folder && self.0.contains(&p) {
                continue;
            }
            found = match std::fs::symlink_metadata(&p) {
                Ok(m) if m.file_type().is_symlink() => return Found::Link,
                Ok(m) if folder && m.is_dir() => {
                    self.0.insert(p.clone());
                    Found::Unknown
                }
                Ok(m) => Found::Thing(m),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Found::Nothing,
                Err(_) => Found::Unknown,
            };
        }
        found
    }
}

/// Exports the workspace's postings. The memory records the hash of each written file.
pub fn export(
    ws: &Workspace,
    settings: &Settings,
    tm: &mut Tm,
    now: &str,
    options: &Options,
) -> Result<ExportReport, TmError> {
    let root = ws.root.join(options.to.as_ref().unwrap_or(&settings.to));
    let mut report = ExportReport::default();
    if !options.dry_run {
        remove_stale_temp_files(&root, 0);
    }
    // What export records in the memory (the files it wrote) is no part of a status: the
    // status cache is carried over it.
    let carry = (!options.dry_run)
        .then(|| crate::report::cache::before_unseen_write(ws, tm))
        .flatten();
    let pages = ws.pages();
    let total = pages.len();
    // Files the index knows as unchanged are not built again (see `index`).
    let index_path = index::path_of(ws);
    let mut known = index::Index::load(&index_path, &index::key(ws, settings, &root));
    // Pages are exported a chunk at a time (planned, built, then written and recorded in one
    // transaction), so a site of tens of thousands of files is never held in memory whole.
    // Where the memory is a file, the next chunk is built on both cores while this one is
    // written (each worker reads the memory through its own connection).
    let x = Export {
        ws,
        settings,
        options,
        root: &root,
    };
    let path = tm.path().to_path_buf();
    let on_disk = matches!(Tm::open_read_only(&path), Ok(Some(_)));
    let chunks = chunks(&pages);
    let prepare_at = |n: usize, known: &mut index::Index| {
        chunks
            .get(n)
            .map(|&(first, c)| prepare(&x, c, (first, total), known))
    };
    let write = |tm: &mut Tm, planned, known: &mut index::Index, report: &mut ExportReport| {
        write_planned(settings, tm, now, options, &root, planned, known, report)
    };
    let mut next = prepare_at(0, &mut known);
    let mut built = match &next {
        Some(p) => build_chunk(&x, tm, on_disk, &path, &p.jobs)?,
        None => Vec::new(),
    };
    let mut n = 0;
    while let Some(prepared) = next.take() {
        let planned = assemble(&root, prepared, built, &mut report)?;
        n += 1;
        next = prepare_at(n, &mut known);
        let (building, wrote) = match &next {
            Some(p) if in_parallel(on_disk, &p.jobs) => std::thread::scope(|s| {
                let building = s.spawn(|| build_parallel(ws, settings, &path, &p.jobs));
                let wrote = write(tm, (planned, false), &mut known, &mut report);
                let built = building
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e));
                (built, wrote)
            }),
            following => {
                // Nothing is built meanwhile: the files are made on both cores.
                let wrote = write(tm, (planned, true), &mut known, &mut report);
                let built = match following {
                    Some(p) if wrote.is_ok() => build_chunk(&x, tm, on_disk, &path, &p.jobs),
                    _ => Ok(Vec::new()),
                };
                (built, wrote)
            }
        };
        wrote?;
        built = building?;
    }
    if !options.dry_run {
        // The key as the memory is after this export's records.
        known.save(&index_path, index::key(ws, settings, &root));
    }
    if let Some(before) = carry {
        // Only a speed-up: a cache that cannot be carried over is computed again.
        let _ = crate::report::cache::carry_over(ws, tm, before);
    }
    Ok(report)
}

/// One export: where from, where to, how.
struct Export<'a> {
    ws: &'a Workspace,
    settings: &'a Settings,
    options: &'a Options,
    root: &'a Path,
}

/// Pages planned and written together by [`export`], at most.
const EXPORT_CHUNK: usize = 512;

/// The chunks [`export`] builds and writes, with the index of each one's first page: small
/// ones first, growing to [`EXPORT_CHUNK`], so that writing starts early (the first chunk is
/// built with nothing written beside it, every later one while the one before is written).
fn chunks<T>(pages: &[T]) -> Vec<(usize, &[T])> {
    let mut out = Vec::new();
    let (mut first, mut size) = (0, EXPORT_CHUNK / 8);
    while first < pages.len() {
        let end = (first + size).min(pages.len());
        out.push((first, &pages[first..end]));
        first = end;
        size = (size * 2).min(EXPORT_CHUNK);
    }
    out
}

/// Per file: the site path (relative to the target folder), the hash of the translation's own
/// file, the new text (`None`: an orphan to remove), and the stamps of the files it was built
/// from.
type Planned = Vec<(PathBuf, u64, Option<String>, [index::Stamp; 2])>;

/// What planning found for one site file, in order.
enum Slot {
    /// Its result is known already (outside the site, unchanged).
    Ready(FileResult),
    /// An orphan: planned for removal (or a draft).
    Orphan(PathBuf),
    /// To build: the `n`th job.
    Build(usize),
}

/// A page to build in a language: its path, the language, its site path, the stamps of its
/// inputs.
type Job = (String, String, PathBuf, [index::Stamp; 2]);

/// What export does with each file of a chunk of pages, and the pages to build for it.
struct Prepared {
    slots: Vec<Slot>,
    jobs: Vec<Job>,
}

/// Finds what to do with every file of `pages` (the `first` of `total`): the files the index
/// knows as unchanged are not built again.
fn prepare(
    x: &Export<'_>,
    pages: &[crate::workspace::Page],
    (first, total): (usize, usize),
    known: &mut index::Index,
) -> Prepared {
    let (ws, settings, options, root) = (x.ws, x.settings, x.options, x.root);
    let mut slots: Vec<Slot> = Vec::new();
    let mut jobs: Vec<Job> = Vec::new();
    for (done, page) in pages.iter().enumerate() {
        let done = first + done;
        if let Some(p) = &options.progress {
            (p.0)(done, total);
        }
        if !options.paths.is_empty() && !options.paths.contains(&page.rel) {
            continue;
        }
        let langs: Vec<String> = ws
            .config
            .targets_of(&page.rel)
            .into_iter()
            .filter(|l| options.langs.is_empty() || options.langs.contains(l))
            .collect();
        if !page.present.contains(&page.source) {
            for lang in langs.iter().filter(|l| page.present.contains(*l)) {
                if let Some(p) = site_path(settings, lang, &page.rel) {
                    slots.push(Slot::Orphan(p));
                }
            }
            continue;
        }
        // The English's stamp, taken once for all of its languages.
        let source_stamp = index::stamp(&ws.file(&page.source, &page.rel));
        for lang in &langs {
            if !page.present.contains(lang) {
                continue;
            }
            let Some(site_rel) = site_path(settings, lang, &page.rel) else {
                slots.push(Slot::Ready(FileResult {
                    path: root.join(&page.rel),
                    action: Action::Outside,
                    before: String::new(),
                    after: String::new(),
                }));
                continue;
            };
            let inputs = [source_stamp, index::stamp(&ws.file(lang, &page.rel))];
            let site = root.join(&site_rel);
            let name = site.display().to_string();
            // A file the index does not know is built whatever its stamp (on a first export,
            // every file: no `stat` of 9,000 site files that are not there).
            let unchanged = known.knows(&name) && {
                let entry = index::Entry {
                    inputs,
                    site: index::site_stamp(&site),
                };
                known.unchanged(&name, &entry)
            };
            if unchanged {
                slots.push(Slot::Ready(FileResult {
                    path: site,
                    action: Action::Unchanged,
                    before: String::new(),
                    after: String::new(),
                }));
                continue;
            }
            known.forget(&name);
            slots.push(Slot::Build(jobs.len()));
            jobs.push((page.rel.clone(), lang.clone(), site_rel, inputs));
        }
    }
    Prepared { slots, jobs }
}

/// The exported text (or removal) of every file of a prepared chunk, given what its jobs built.
fn assemble(
    root: &Path,
    Prepared { slots, jobs }: Prepared,
    built: Vec<Result<Built, translate::Error>>,
    report: &mut ExportReport,
) -> Result<Planned, TmError> {
    let mut built = built.into_iter();
    let mut jobs = jobs.into_iter();
    let mut planned: Planned = Vec::new();
    for slot in slots {
        let n = match slot {
            Slot::Ready(r) => {
                report.files.push(r);
                continue;
            }
            Slot::Orphan(p) => {
                planned.push((p, 0, None, [None, None]));
                continue;
            }
            Slot::Build(n) => n,
        };
        let (Some((_, _, site_rel, inputs)), Some(b)) = (jobs.next(), built.next()) else {
            unreachable!("one result per job, in order (job {n})");
        };
        match b {
            Ok(Built::Page(text, own)) => planned.push((site_rel, own, Some(text), inputs)),
            Ok(Built::Held) => report.files.push(FileResult {
                path: root.join(site_rel),
                action: Action::Held,
                before: String::new(),
                after: String::new(),
            }),
            Ok(Built::Refused(why)) => report.files.push(FileResult {
                path: root.join(site_rel),
                action: Action::Refused(why),
                before: String::new(),
                after: String::new(),
            }),
            Err(translate::Error::Posting(e)) => report.errors.push(e),
            Err(translate::Error::Tm(e)) => return Err(e),
            Err(_) => {}
        }
    }
    Ok(planned)
}

/// The jobs of each page, in order (a page's jobs are next to each other).
fn pages_of(jobs: &[Job]) -> std::slice::ChunkBy<'_, Job, impl FnMut(&Job, &Job) -> bool> {
    jobs.chunk_by(|a, b| a.0 == b.0)
}

/// Whether `jobs` are built on both cores: where the memory is a file (each worker opens its
/// own connection) and they are of more than one page.
fn in_parallel(on_disk: bool, jobs: &[Job]) -> bool {
    on_disk && pages_of(jobs).nth(1).is_some()
}

/// Builds every job, in order: on both cores where the memory is a file (see
/// [`build_parallel`]), else one page after another, inside one read of the memory.
fn build_chunk(
    x: &Export<'_>,
    tm: &Tm,
    on_disk: bool,
    path: &Path,
    jobs: &[Job],
) -> Result<Vec<Result<Built, translate::Error>>, TmError> {
    if in_parallel(on_disk, jobs) {
        return build_parallel(x.ws, x.settings, path, jobs);
    }
    tm.reading(|reader| Ok(build_pages(x.ws, x.settings, tm, reader, pages_of(jobs))))
}

/// Builds the jobs of each page of `pages`, one page after another, through `reader`.
fn build_pages<'j>(
    ws: &Workspace,
    settings: &Settings,
    tm: &Tm,
    reader: &mut crate::tm::Reader<'_>,
    pages: impl IntoIterator<Item = &'j [Job]>,
) -> Vec<Result<Built, translate::Error>> {
    let mut out = Vec::new();
    for page in pages {
        out.extend(build_page(ws, settings, tm, reader, page));
    }
    out
}

/// Builds every job, in order, on both cores: each worker reads the memory at `path` through
/// its own connection, a few pages in one read transaction.
fn build_parallel(
    ws: &Workspace,
    settings: &Settings,
    path: &Path,
    jobs: &[Job],
) -> Result<Vec<Result<Built, translate::Error>>, TmError> {
    use rayon::prelude::*;
    /// Pages a worker takes at a time (with one read transaction).
    const CHUNK: usize = 6;
    let pages: Vec<&[Job]> = pages_of(jobs).collect();
    let pool = crate::tm::ReadPool::new(path);
    let parts: Vec<Vec<Result<Built, translate::Error>>> = pages
        .par_chunks(CHUNK)
        .map(|chunk| {
            let built = pool.with(|mine| {
                mine.reading(|reader| {
                    Ok(build_pages(
                        ws,
                        settings,
                        mine,
                        reader,
                        chunk.iter().copied(),
                    ))
                })
            });
            match built {
                Ok(Some(built)) => built,
                // It was there a moment ago (looked at before).
                Ok(None) => Err(TmError::NotAMemory {
                    path: path.to_path_buf(),
                }),
                Err(e) => Err(TmError::Open {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                }),
            }
        })
        .collect::<Result<_, TmError>>()?;
    Ok(parts.into_iter().flatten().collect())
}

/// Writes planned files and records them, in one transaction; files left as they are to be
/// (written, or already so) go into the next index.
#[allow(clippy::too_many_arguments)]
fn write_planned(
    settings: &Settings,
    tm: &mut Tm,
    now: &str,
    options: &Options,
    root: &Path,
    (planned, alone): (Planned, bool),
    known: &mut index::Index,
    report: &mut ExportReport,
) -> Result<(), TmError> {
    // Before and after are kept for --dry-run's diffs only.
    let keep = |s: String| if options.dry_run { s } else { String::new() };
    let recorded_hashes = tm.export_hashes(
        planned
            .iter()
            .map(|(site_rel, ..)| root.join(site_rel).display().to_string()),
    )?;
    // Folders written into (each is made once, not once per file, and synced once, before the
    // memory records what was written).
    let mut folders = crate::fsio::Folders::default();
    let mut w = if options.dry_run {
        None
    } else {
        Some(tm.writer(now, None)?)
    };
    // First every file's step, with new content written into temporary files; then one flush
    // to disk for all of them and the renames; then what was done is recorded.
    let mut done: Vec<Done> = Vec::new();
    // What to stage, by its place in `done`: the path's state as looked at.
    let mut to_stage: Vec<(usize, Option<std::fs::Permissions>)> = Vec::new();
    let mut no_links = NoLinks::default();
    for (site_rel, own, text, inputs) in planned {
        let path = root.join(&site_rel);
        let built = text.is_some();
        // One look at the path tells a link, no file (nothing to read, a new file's mode) or
        // the file to read and replace with its permissions.
        let found = no_links.look(root, &site_rel);
        if let Found::Link = found {
            report.files.push(FileResult {
                path,
                action: Action::Outside,
                before: String::new(),
                after: String::new(),
            });
            continue;
        }
        let before = match found {
            Found::Nothing => None,
            _ => std::fs::read_to_string(&path).ok(),
        };
        let key = path.display().to_string();
        let site = Site {
            before: before.as_deref(),
            recorded: recorded_hashes.get(&key).copied(),
            own,
        };
        let step = decide(&site, text, settings.orphans_as_drafts, options.force);
        if matches!(step, Step::Write(_)) && w.is_some() {
            if let Some(dir) = path.parent()
                && !folders.contains(dir)
            {
                let _ = std::fs::create_dir_all(dir);
                folders.add(dir);
            }
            let replaced = match &found {
                Found::Nothing => None,
                Found::Thing(m) if m.is_file() => Some(m.permissions()),
                _ => crate::fsio::permissions_of(&path),
            };
            to_stage.push((done.len(), replaced));
        }
        done.push(Done {
            path,
            key,
            built,
            inputs,
            before: before.unwrap_or_default(),
            step,
            staged: None,
        });
    }
    // New contents into temporary files, on both cores when nothing is built beside.
    let mut batch = crate::fsio::Batch::default();
    let files = to_stage.iter().map(|(k, replaced)| {
        let Step::Write(text) = &done[*k].step else {
            unreachable!("only files to write are staged")
        };
        (done[*k].path.as_path(), text.as_bytes(), replaced.clone())
    });
    let staged = batch.stage_all(files.collect(), alone);
    for ((k, _), staging) in to_stage.iter().zip(staged) {
        done[*k].staged = Some(staging);
    }
    let renamed = batch.commit_all(&mut folders, alone);
    for Done {
        path,
        key,
        built,
        inputs,
        before,
        step,
        staged,
    } in done
    {
        let (action, after) = match step {
            Step::Nothing => continue,
            Step::Keep { record } => {
                if let Some(w) = w.as_mut()
                    && record
                {
                    w.set_export(&key, Some(segment::hash(&before)))?;
                }
                (Action::Unchanged, before.clone())
            }
            Step::HandEdited(after) => (Action::HandEdited, after),
            Step::Remove => {
                if let Some(w) = w.as_mut() {
                    let _ = std::fs::remove_file(&path);
                    if let Some(dir) = path.parent() {
                        folders.add(dir);
                    }
                    w.set_export(&key, None)?;
                }
                (Action::Removed, String::new())
            }
            Step::Write(text) => {
                if let Some(w) = w.as_mut() {
                    let written = match &staged {
                        Some(Ok(n)) => renamed[*n].as_ref().err(),
                        Some(Err(e)) => Some(e),
                        None => None,
                    };
                    if let Some(e) = written {
                        report.errors.push(write_error(&path, e));
                        continue;
                    }
                    w.set_export(&key, Some(segment::hash(&text)))?;
                }
                (Action::Written, text)
            }
        };
        // Taken after the rename: the stamp of the file as it now is.
        if built && matches!(action, Action::Written | Action::Unchanged) && !options.dry_run {
            let site = index::site_stamp(&path);
            known.record(key, index::Entry { inputs, site });
        }
        report.files.push(FileResult {
            path,
            action,
            before: keep(before),
            after: keep(after),
        });
    }
    folders.sync();
    if let Some(w) = w {
        w.commit()?;
    }
    Ok(())
}

/// A site file's step, decided, and where its new content is in the batch (if staged).
struct Done {
    path: PathBuf,
    key: String,
    built: bool,
    inputs: [index::Stamp; 2],
    before: String,
    step: Step,
    /// Its new content's place in the batch, or why it could not be staged.
    staged: Option<std::io::Result<usize>>,
}

/// A site file that could not be written.
fn write_error(path: &Path, e: &std::io::Error) -> posting::Error {
    posting::Error {
        path: path.to_path_buf(),
        line: 0,
        kind: posting::ErrorKind::Unwritable(posting::io_reason(e)),
    }
}

/// A site file as export finds it.
#[derive(Debug, Clone, Copy)]
struct Site<'a> {
    /// Its text (`None`: no such file).
    before: Option<&'a str>,
    /// The hash of what tolk last wrote there.
    recorded: Option<u64>,
    /// The hash of the translation's own file (a site adopted and exported in place holds the
    /// translators' files as they are: such a file is not a hand edit).
    own: u64,
}

/// What export does with one site file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// Write this text.
    Write(String),
    /// Leave it; `record`: record it as tolk's (it already holds what tolk would write).
    Keep { record: bool },
    /// Changed by hand since tolk wrote it: not overwritten (the text tolk would write).
    HandEdited(String),
    /// An orphan tolk wrote: remove it.
    Remove,
    /// Nothing there and nothing to write.
    Nothing,
}

/// Decides what to do with a site file, given the page built for it (`None`: an orphan, whose
/// source is gone). Nothing a person wrote is overwritten or removed unless `force`.
fn decide(site: &Site<'_>, text: Option<String>, orphans_as_drafts: bool, force: bool) -> Step {
    // Changed by hand: neither what tolk last wrote there nor the translation's own file.
    let hand_edited = site.before.is_some_and(|b| {
        let h = segment::hash(b);
        site.recorded != Some(h) && (text.is_none() || h != site.own)
    });
    let text = match (text, site.before) {
        (Some(t), _) => t,
        (None, None) => return Step::Nothing,
        (None, Some(b)) if orphans_as_drafts => set_draft(b),
        // An orphan tolk never wrote (a translator's, adopted with the site) is not tolk's to
        // remove.
        (None, Some(_)) if site.recorded.is_none() => return Step::Keep { record: false },
        (None, Some(_)) if hand_edited && !force => return Step::HandEdited(String::new()),
        (None, Some(_)) => return Step::Remove,
    };
    if site.before == Some(text.as_str()) {
        Step::Keep {
            record: site.recorded.is_none(),
        }
    } else if hand_edited && !force {
        Step::HandEdited(text)
    } else {
        Step::Write(text)
    }
}

/// The exported page of `rel` in `lang`: its text, held back, or refused with the reason.
///
/// It starts from the translation's own file, so its own skeleton (a localized anchor, a heading
/// id, front matter only it has) stays; its segments are published by the policy (stale ones as
/// they are, or in the source language); every skeleton change the source made since the
/// translation was first recorded (a draft flag, a URL, a date, a shortcode argument) is
/// applied; and source segments added since then, which the translation lacks, are inserted in
/// the source language (see `insertions`).
///
/// Every page is checked before it is returned: it parses again, and its shortcodes nest as the
/// English page's. A page that fails with the insertions is tried without them (as the translator
/// wrote it, plus the skeleton changes); one that still fails is refused, and so is a page with
/// an unaligned block that adds a script, an event handler or a `javascript:` URL.
pub fn build(
    ws: &Workspace,
    settings: &Settings,
    tm: &Tm,
    rel: &str,
    lang: &str,
) -> Result<Built, translate::Error> {
    let work = translate::load(ws, Some(tm), rel, lang)?;
    let base = tm.variant_base(rel, lang)?;
    build_work(ws, settings, rel, lang, work, base)
}

/// [`build`] for every job of one page (`page`: its jobs, one per language): its memory and
/// source are read once.
fn build_page(
    ws: &Workspace,
    settings: &Settings,
    tm: &Tm,
    reader: &mut crate::tm::Reader<'_>,
    page: &[Job],
) -> Vec<Result<Built, translate::Error>> {
    let rel = page[0].0.as_str();
    let langs = page.iter().map(|(_, lang, ..)| lang.as_str());
    let source = translate::Source::load(ws, reader, rel).ok();
    let bases = source
        .as_ref()
        .and_then(|s| tm.variant_bases(rel, crate::segment::hash(s.text())).ok());
    let (Some(source), Some(bases)) = (source, bases) else {
        // Each language tells what went wrong, as when built alone.
        return langs
            .map(|lang| build(ws, settings, tm, rel, lang))
            .collect();
    };
    langs
        .map(|lang| {
            let work = source.work(ws, rel, lang)?;
            let base = bases.get(lang).map(|b| b.to_string());
            build_work(ws, settings, rel, lang, work, base)
        })
        .collect()
}

/// [`build`] of one language, given its work and the English its variant is based on (`None`:
/// today's).
fn build_work(
    ws: &Workspace,
    settings: &Settings,
    rel: &str,
    lang: &str,
    work: translate::Work,
    base: Option<String>,
) -> Result<Built, translate::Error> {
    let rules = &ws.config.rules;
    let base = base.unwrap_or_else(|| work.source.text.clone());
    let publish = settings
        .publish_by_lang
        .get(lang)
        .copied()
        .unwrap_or(settings.publish);
    let segs = &work.source_segments;
    let vtext = &work.variant.text;
    let vsegs = &work.variant_segments;
    // A block that matches no English block is checked as well: with no English to publish
    // instead, a page that would add a script with it is not exported at all.
    for &j in &work.comparison.unaligned {
        if crate::inspect::adds_unsafe("", &vsegs[j].text) {
            return Ok(Built::Refused(Refusal::Unsafe {
                line: vsegs[j].line,
                key: vsegs[j].key.clone(),
            }));
        }
    }
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let (mut current, mut total) = (0usize, 0usize);
    // Source index -> variant index, for the places of insertions.
    let mut partner: Vec<Option<usize>> = vec![None; segs.len()];
    for e in &work.comparison.entries {
        let Some(i) = e.source_index else { continue };
        total += 1;
        partner[i] = e.variant_index;
        // A translation that would add a script, a javascript: URL or an event handler to the
        // site is never published: the source text goes out instead.
        if let Some(j) = e.variant_index
            && crate::inspect::adds_unsafe(&segs[i].text, &vsegs[j].text)
        {
            edits.push((
                vsegs[j].range.clone(),
                encode_in(vtext, &vsegs[j], &segs[i].text),
            ));
            continue;
        }
        match (e.state, e.variant_index) {
            (State::Current, _) => current += 1,
            (State::Carried, Some(j)) => {
                current += 1;
                if let Some(t) = e.carried_text.as_ref().filter(|t| **t != vsegs[j].text) {
                    edits.push((vsegs[j].range.clone(), encode_in(vtext, &vsegs[j], t)));
                }
            }
            (State::Stale, Some(j)) if publish == Publish::Fallback => {
                edits.push((
                    vsegs[j].range.clone(),
                    encode_in(vtext, &vsegs[j], &segs[i].text),
                ));
            }
            _ => {}
        }
    }
    let percent = if total == 0 {
        100.0
    } else {
        100.0 * current as f64 / total as f64
    };
    let held = publish == Publish::Hold && percent < settings.hold_below;
    if held && !settings.hold_as_draft {
        return Ok(Built::Held);
    }
    let inserts = insertions(&work, &partner, &base, rules);
    let finish = |edits: Vec<(std::ops::Range<usize>, String)>| {
        let text = apply(vtext, edits);
        let text = follow_source_skeleton(&base, &work.source.text, &text, rules, settings);
        let mut sets: Vec<(String, String)> = Vec::new();
        if let Some(k) = &settings.language_key {
            sets.push((k.clone(), lang.to_string()));
        }
        if let Some(k) = &settings.translation_key {
            sets.push((
                k.clone(),
                crate::workspace::split_extension(rel).0.to_string(),
            ));
        }
        if held {
            sets.push(("draft".into(), "true".into()));
        }
        posting::set_front_matter_like(&text, rules, &sets, Some(&work.variant))
    };
    let english = work.source.shortcode_skeleton();
    let mut refusal = None;
    let tries = if inserts.is_empty() {
        vec![edits]
    } else {
        let mut with = edits.clone();
        with.extend(inserts);
        vec![with, edits]
    };
    for edits in tries {
        let text = finish(edits);
        match verify(&text, &english, rules, Some(&work.variant)) {
            Ok(()) => return Ok(Built::Page(text, segment::hash(vtext))),
            Err(why) => refusal = refusal.or(Some(why)),
        }
    }
    Ok(Built::Refused(refusal.expect("at least one try")))
}

/// Checks an exported page: it parses again and its shortcodes nest as `english`'s. `known`
/// is the posting the page was built from (parsed with the same rules): a page that is its
/// text byte for byte is not parsed again (parsing is a function of the text and the rules),
/// and where the page begins with its front matter, byte for byte, that is not parsed again.
pub fn verify(
    text: &str,
    english: &[(posting::SkeletonKind, &str)],
    rules: &crate::config::Rules,
    known: Option<&Posting>,
) -> Result<(), Refusal> {
    let parsed;
    let page = match known.filter(|k| k.text == text) {
        Some(same) => same,
        None => {
            parsed = Posting::parse_like(Path::new("export.md"), text.to_string(), rules, known)
                .map_err(|e| Refusal::Unreadable {
                    line: e.line,
                    error: e.kind,
                })?;
            &parsed
        }
    };
    match posting::skeleton_difference(english, &page.shortcode_skeleton()) {
        None => Ok(()),
        Some(d) => Err(Refusal::Skeleton {
            call: d.index + 1,
            english: d.expected,
            page: d.found,
        }),
    }
}

/// The source segments to insert, in the source language, into a translation that lacks them:
/// each run of source segments with no partner in the translation, placed after the nearest
/// segment before it that the translation has (or before the nearest one after it).
///
/// A run is inserted only where that is sure to be right: the alignment left no translation
/// block unmatched (else the translator merged, split or reordered blocks, and the page is
/// published as they wrote it); every segment of the run is new in the English since the
/// translation was recorded (one the translator had and left out stays out); and the source
/// bytes copied lie in the body and cut no shortcode call (so no opening or closing shortcode is
/// ever copied without its partner, and no front matter key is added in English).
fn insertions(
    work: &translate::Work,
    partner: &[Option<usize>],
    base: &str,
    rules: &crate::config::Rules,
) -> Vec<(std::ops::Range<usize>, String)> {
    let mut edits = Vec::new();
    if !work.comparison.unaligned.is_empty() || partner.iter().all(Option::is_some) {
        return edits;
    }
    let src = &work.source;
    let segs = &work.source_segments;
    let vsegs = &work.variant_segments;
    let vtext = &work.variant.text;
    let known: std::collections::HashSet<u64> = if base == src.text {
        segs.iter().map(|s| s.hash).collect()
    } else {
        match Posting::parse(Path::new("base.md"), base.to_string(), rules) {
            Ok(b) => segment::split(&b, rules).iter().map(|s| s.hash).collect(),
            // An unreadable base: nothing is known to be new.
            Err(_) => return edits,
        }
    };
    // The bytes `range` of the source, if they may be copied for the segments `run`, placed
    // beside the segments `anchors`. The range grows to whole shortcode pairs (a block the
    // English added inside `{{< ingress >}}...{{< /ingress >}}` is copied with both), and is
    // refused where it would then take in a segment outside the run (it would copy a container
    // the translation has already, or cut one in half) or leave the body. Table cells are never
    // either: a row is no place for a block, nor a block for a cell.
    let copyable = |range: std::ops::Range<usize>,
                    run: std::ops::Range<usize>,
                    anchors: &[usize]| {
        let in_table = segs[run.clone()]
            .iter()
            .chain(anchors.iter().map(|&k| &segs[k]))
            .any(|s| s.kind == segment::Kind::TableCell);
        if in_table
            || range.start > range.end
            || !segs[run.clone()].iter().all(|s| !known.contains(&s.hash))
        {
            return None;
        }
        let inside_a_segment = |c: &posting::Call| {
            segs[run.clone()]
                .iter()
                .any(|s| s.range.start <= c.range.start && c.range.end <= s.range.end)
        };
        let calls = &src.shortcodes;
        let (mut from, mut to) = (range.start, range.end);
        loop {
            let before = (from, to);
            for (ci, c) in calls.iter().enumerate() {
                let cuts = c.range.start < to && c.range.end > from;
                if !cuts || c.kind == posting::shortcode::CallKind::Escaped || inside_a_segment(c) {
                    continue;
                }
                let partner = match c.kind {
                    posting::shortcode::CallKind::Open => c.closed_by,
                    posting::shortcode::CallKind::Close => {
                        calls.iter().position(|o| o.closed_by == Some(ci))
                    }
                    _ => None,
                };
                for r in std::iter::once(&c.range).chain(partner.map(|p| &calls[p].range)) {
                    if r.start < from {
                        from = line_start(&src.text, r.start);
                    }
                    if r.end > to {
                        to = line_end(&src.text, r.end);
                    }
                }
            }
            if (from, to) == before {
                break;
            }
        }
        let takes_another = segs
            .iter()
            .enumerate()
            .any(|(x, s)| !run.contains(&x) && s.range.start < to && s.range.end > from);
        (from >= src.body.start && !takes_another).then(|| src.text[from..to].to_string())
    };
    let mut i = 0;
    while i < segs.len() {
        if partner[i].is_some() {
            i += 1;
            continue;
        }
        let start = i;
        while i < segs.len() && partner[i].is_none() {
            i += 1;
        }
        let before = (0..start).rev().find_map(|k| partner[k].map(|j| (k, j)));
        let after = (i < segs.len())
            .then(|| partner[i].map(|j| (i, j)))
            .flatten();
        // After the line of the segment before the run, else before the line of the segment
        // after it (whole lines: a heading's `## ` and `{#id}`, a list item's `- ` stay with
        // their own text), whichever copies no shortcode call in half. The closing calls of
        // containers the segment before is in are stepped over, in the source and the
        // translation alike (and the openings of those the segment after is in).
        let after_before = before.and_then(|(k, j)| {
            let (from, n) = step_out(
                src,
                line_end(&src.text, segs[k].range.end),
                segs[start].range.start,
                true,
            );
            let (at, m) = step_out(
                &work.variant,
                line_end(vtext, vsegs[j].range.end),
                n_limit(vsegs, j, true),
                true,
            );
            let to = line_end(&src.text, segs[i - 1].range.end);
            (n == m)
                .then(|| copyable(from..to, start..i, &[k]).map(|t| (at..at, t)))
                .flatten()
        });
        let before_after = || {
            after.and_then(|(k, j)| {
                let (to, n) = step_out(
                    src,
                    line_start(&src.text, segs[k].range.start),
                    segs[i - 1].range.end,
                    false,
                );
                let (at, m) = step_out(
                    &work.variant,
                    line_start(vtext, vsegs[j].range.start),
                    n_limit(vsegs, j, false),
                    false,
                );
                let from = line_start(&src.text, segs[start].range.start);
                (n == m)
                    .then(|| copyable(from..to, start..i, &[k]).map(|t| (at..at, t)))
                    .flatten()
            })
        };
        if let Some(edit) = after_before.or_else(before_after) {
            edits.push(edit);
        }
    }
    edits
}

/// From `at` (a line boundary beside a segment) towards `limit`: steps over the shortcode calls
/// that close the containers the segment is in (`forward`), or that open them (backwards).
/// Returns the new boundary and how many calls were stepped over.
fn step_out(p: &Posting, at: usize, limit: usize, forward: bool) -> (usize, usize) {
    use posting::shortcode::CallKind;
    let calls = &p.shortcodes;
    let mut at = at;
    let mut n = 0;
    if forward {
        for (ci, c) in calls.iter().enumerate() {
            if c.range.start < at || c.range.end > limit {
                continue;
            }
            let opened_before = calls
                .iter()
                .position(|o| o.closed_by == Some(ci))
                .is_some_and(|o| calls[o].range.end <= at);
            if c.kind == CallKind::Close && opened_before {
                at = line_end(&p.text, c.range.end);
                n += 1;
            } else {
                break;
            }
        }
    } else {
        for c in calls.iter().rev() {
            if c.range.end > at || c.range.start < limit {
                continue;
            }
            let closed_after = c.closed_by.is_some_and(|x| calls[x].range.start >= at);
            if c.kind == CallKind::Open && closed_after {
                at = line_start(&p.text, c.range.start);
                n += 1;
            } else {
                break;
            }
        }
    }
    (at, n)
}

/// How far [`step_out`] may look from the translation's segment `j`: to its next segment
/// (`forward`) or back to its previous one.
fn n_limit(vsegs: &[segment::Segment], j: usize, forward: bool) -> usize {
    if forward {
        vsegs.get(j + 1).map_or(usize::MAX, |s| s.range.start)
    } else if j > 0 {
        vsegs[j - 1].range.end
    } else {
        0
    }
}

/// The end of the line `at` is on (the position of its line break, CR LF or LF, or the end of
/// the text).
fn line_end(text: &str, at: usize) -> usize {
    let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |p| at + p);
    // Before the line break, CR LF as LF: what goes in after a line of a page written with
    // CRLF goes before its CR (it went between CR and LF, and left a CR alone).
    match end > at && text.as_bytes()[end - 1] == b'\r' {
        true => end - 1,
        false => end,
    }
}

/// The start of the line `at` is on.
fn line_start(text: &str, at: usize) -> usize {
    memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |p| p + 1)
}

/// `text` written in place of `seg`, in the way `seg` is written in `whole`.
fn encode_in(whole: &str, seg: &segment::Segment, text: &str) -> String {
    let spliced = segment::splice(&whole[..seg.range.end], std::slice::from_ref(seg), |_| {
        Some(text.to_string())
    });
    spliced[seg.range.start..].to_string()
}

/// Applies non-overlapping edits (insertions are empty ranges).
fn apply(text: &str, mut edits: Vec<(std::ops::Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    // What goes in (English blocks, keys and code, English for unsafe text) takes the page's
    // line breaks: a page written with CRLF gets no LF lines.
    let nl = posting::line_break(text);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (r, t) in edits {
        if r.start < pos {
            continue;
        }
        out.push_str(&text[pos..r.start]);
        out.push_str(&with_line_break(&t, nl));
        pos = r.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Keys that belong to each language and never follow the source.
fn own_key(key: &str, settings: &Settings) -> bool {
    let k = key.to_lowercase();
    matches!(k.as_str(), "language" | "slug" | "translationkey" | "ai")
        || k.starts_with("aliases")
        || settings.keep.iter().any(|x| x.eq_ignore_ascii_case(&k))
        || settings
            .translation_key
            .as_ref()
            .is_some_and(|t| t.eq_ignore_ascii_case(&k))
}

/// Applies to `text` (a translation) the skeleton changes between `base` (the source when the
/// translation was first recorded) and `today` (the source now): front matter values that are
/// not text, shortcode arguments that are not text, and code.
fn follow_source_skeleton(
    base: &str,
    today: &str,
    text: &str,
    rules: &crate::config::Rules,
    settings: &Settings,
) -> String {
    if base == today {
        return text.to_string();
    }
    let parse = |t: &str| Posting::parse(Path::new("x.md"), t.to_string(), rules).ok();
    let (Some(b), Some(t), Some(v)) = (parse(base), parse(today), parse(text)) else {
        return text.to_string();
    };
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut add = String::new();
    let mut dropped: Vec<String> = Vec::new();
    if let (Some(tf), Some(vf)) = (&t.front_matter, &v.front_matter) {
        let bf = b
            .front_matter
            .as_ref()
            .map(|f| f.fields.as_slice())
            .unwrap_or(&[]);
        // What each language has of its own (translated text, a key of each language); all
        // else is skeleton that follows the English.
        let own = |f: &posting::front_matter::Field| {
            own_key(&f.path, settings) || (f.is_text && rules.translate_front_matter(&f.path))
        };
        for f in &tf.fields {
            if own(f) {
                continue;
            }
            let was = bf
                .iter()
                .find(|x| x.path.eq_ignore_ascii_case(&f.path))
                .map(|x| x.value.as_str());
            if was == Some(f.value.as_str()) {
                continue;
            }
            let raw = &today[f.range.clone()];
            match vf
                .fields
                .iter()
                .find(|x| x.path.eq_ignore_ascii_case(&f.path))
            {
                Some(x) if x.value != f.value => {
                    // As the English writes it; in the translation's own style where its front
                    // matter is another format (a YAML value written into JSON or TOML as it
                    // stands would not parse, and the page would be refused).
                    let value = match tf.format == vf.format || !f.is_text {
                        true => raw.to_string(),
                        false => posting::front_matter::encode(&f.value, x.style, text, &x.range),
                    };
                    edits.push((x.range.clone(), value))
                }
                Some(_) => {}
                // A key the translation lacks is added only when the English added it since
                // the translation was recorded (a skeleton change); one the translator left
                // out stays out. A nested one goes into its parent where the translation has
                // that (see `insert`), a TOML one before the first table.
                None if was.is_none() && tf.format == vf.format && tf.format != Format::Json => {
                    let parent = f.path.rsplit_once('.').map(|(parent, _)| parent);
                    let parent_held = parent.is_none_or(|p| {
                        (vf.fields.iter())
                            .any(|x| posting::front_matter::below(&x.path, p).is_some())
                    });
                    match posting::front_matter::insert::place(text, vf, &f.path, raw) {
                        Some((at, line)) if parent_held && !raw.contains('\n') => {
                            edits.push((at..at, line))
                        }
                        None if parent.is_none() => {
                            let sep = if tf.format == Format::Yaml {
                                ": "
                            } else {
                                " = "
                            };
                            add.push_str(&format!("{}{sep}{raw}\n", f.path));
                        }
                        _ => {}
                    }
                }
                None => {}
            }
        }
        if !add.is_empty() {
            edits.push((vf.inner.end..vf.inner.end, add));
        }
        // A key the English dropped since (a draft flag taken away) goes from the translation
        // too, where it still holds the English's old value (one the translator changed is
        // theirs).
        for f in bf {
            if f.path.contains('.')
                || own(f)
                || tf
                    .fields
                    .iter()
                    .any(|x| x.path.eq_ignore_ascii_case(&f.path))
            {
                continue;
            }
            if vf
                .fields
                .iter()
                .any(|x| x.path.eq_ignore_ascii_case(&f.path) && x.value == f.value)
            {
                dropped.push(f.path.clone());
            }
        }
    }
    // Shortcode arguments that are not text, matched by shortcode name and occurrence.
    let nth = |calls: &[posting::Call]| -> Vec<(String, usize)> {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        calls
            .iter()
            .map(|c| {
                let n = seen.entry(c.name.clone()).or_default();
                *n += 1;
                (c.name.clone(), *n)
            })
            .collect()
    };
    let (bn, tn, vn) = (nth(&b.shortcodes), nth(&t.shortcodes), nth(&v.shortcodes));
    for (ti, call) in t.shortcodes.iter().enumerate() {
        let Some(bi) = bn.iter().position(|x| *x == tn[ti]) else {
            continue;
        };
        let Some(vi) = vn.iter().position(|x| *x == tn[ti]) else {
            continue;
        };
        for p in &call.params {
            if rules.translate_param(&call.name, p.name.as_deref(), p.position) {
                continue;
            }
            let same = |q: &&posting::shortcode::Param| {
                q.name == p.name && (p.name.is_some() || q.position == p.position)
            };
            let Some(old) = b.shortcodes[bi].params.iter().find(same) else {
                continue;
            };
            if old.value == p.value {
                continue;
            }
            if let Some(mine) = v.shortcodes[vi].params.iter().find(same)
                && mine.value != p.value
            {
                edits.push((mine.range.clone(), today[p.range.clone()].to_string()));
            }
        }
    }
    edits.extend(follow_code(&b, &t, &v, rules));
    let mut out = apply(text, edits);
    for key in dropped {
        if let Some(without) = posting::remove_front_matter_key(&out, rules, &key) {
            out = without;
        }
    }
    out
}

/// The English's code changes since the translation was recorded (`b`, the English then; `t`,
/// today's; `v`, the translation), as edits of the translation: a code block (or a verbatim
/// shortcode's content) the translation still has as the English had it becomes today's. Only
/// where all three have as many blocks, matched in order, and today's block starts at the
/// column the old one did; a block the translator changed is theirs.
fn follow_code(
    b: &Posting,
    t: &Posting,
    v: &Posting,
    rules: &crate::config::Rules,
) -> Vec<(std::ops::Range<usize>, String)> {
    let (bc, tc, vc) = (
        segment::code_blocks(b, rules),
        segment::code_blocks(t, rules),
        segment::code_blocks(v, rules),
    );
    if bc.len() != tc.len() || tc.len() != vc.len() {
        return Vec::new();
    }
    let column = |p: &Posting, r: &std::ops::Range<usize>| {
        r.start - p.text[..r.start].rfind('\n').map_or(0, |i| i + 1)
    };
    let mut edits = Vec::new();
    for ((br, tr), vr) in bc.iter().zip(&tc).zip(&vc) {
        let (old, new, mine) = (
            &b.text[br.clone()],
            &t.text[tr.clone()],
            &v.text[vr.clone()],
        );
        // The translation's copy as the English's old one, whatever its line breaks.
        let same = || mine == old || with_line_break(mine, "\n") == with_line_break(old, "\n");
        if old != new && same() && column(b, br) == column(t, tr) {
            edits.push((vr.clone(), new.to_string()));
        }
    }
    edits
}

/// The text with `draft` set to true.
fn set_draft(text: &str) -> String {
    posting::set_front_matter(
        text,
        &crate::config::Rules::default(),
        &[("draft".into(), "true".into())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: Udvikler\n---\n\nTekst.\n";
    const NEW: &str = "---\ntitle: Udvikler\n---\n\nNy tekst.\n";

    fn h(s: &str) -> u64 {
        segment::hash(s)
    }

    /// Name, the site file, what tolk recorded, the translation's own file, the page built,
    /// `--force`, and what export does.
    type Case<'a> = (
        &'a str,
        Option<&'a str>,
        Option<u64>,
        u64,
        Option<&'a str>,
        bool,
        Step,
    );

    #[test]
    fn a_page_that_is_its_translation_is_checked_as_one_parsed_again() {
        let rules = crate::config::Rules::default();
        let parse = |t: &str| Posting::parse(Path::new("da/x.md"), t.to_string(), &rules).unwrap();
        let english = parse("---\ntitle: X\n---\n{{< note >}}Text.{{< /note >}}\n{{< cta >}}\n");
        let english = english.shortcode_skeleton();
        let pages = [
            "---\ntitle: Y\n---\n{{< note >}}Tekst.{{< /note >}}\n{{< cta >}}\n",
            // Its shortcodes nest otherwise: refused at the second call.
            "---\ntitle: Y\n---\n{{< note >}}Tekst.\n{{< cta >}}{{< /note >}}\n",
            "---\ntitle: Y\n---\nTekst.\n",
        ];
        let outcomes: Vec<_> = pages
            .iter()
            .map(|page| {
                let known = parse(page);
                let parsed = verify(page, &english, &rules, None);
                assert_eq!(verify(page, &english, &rules, Some(&known)), parsed);
                parsed
            })
            .collect();
        assert_eq!(outcomes[0], Ok(()));
        assert!(
            matches!(&outcomes[1], Err(Refusal::Skeleton { call: 2, .. })),
            "{:?}",
            outcomes[1]
        );
        assert!(
            matches!(
                &outcomes[2],
                Err(Refusal::Skeleton {
                    call: 1,
                    english: Some(_),
                    page: None
                })
            ),
            "{:?}",
            outcomes[2]
        );
        // A page that is not the translation's text is parsed: a broken one is refused.
        let known = parse(pages[0]);
        let broken = "---\ntitle: Y\n---\n{{< note >}}Tekst.{{< /note >}}\n{{< cta \n";
        assert!(matches!(
            verify(broken, &english, &rules, Some(&known)),
            Err(Refusal::Unreadable { .. })
        ));
    }

    #[test]
    fn a_skeleton_change_goes_into_a_translation_in_another_front_matter_format() {
        let rules = crate::config::Rules::default();
        let settings = Settings::default();
        let base = "---\ntitle: Tester\nimage: /img/a.png\nweight: 2\n---\nText.\n";
        let today = "---\ntitle: Tester\nimage: /img/b.png\nweight: 3\n---\nText.\n";
        let json = "{\n  \"title\": \"Testare\",\n  \"image\": \"/img/a.png\",\n  \"weight\": 2\n}\nText.\n";
        let out = follow_source_skeleton(base, today, json, &rules, &settings);
        assert_eq!(
            out,
            "{\n  \"title\": \"Testare\",\n  \"image\": \"/img/b.png\",\n  \"weight\": 3\n}\nText.\n"
        );
        let toml = "+++\ntitle = \"Testare\"\nimage = \"/img/a.png\"\nweight = 2\n+++\nText.\n";
        let out = follow_source_skeleton(base, today, toml, &rules, &settings);
        assert_eq!(
            out,
            "+++\ntitle = \"Testare\"\nimage = \"/img/b.png\"\nweight = 3\n+++\nText.\n"
        );
    }

    /// Code is skeleton: an English code block (or `highlight` content) changed since the
    /// translation was recorded goes into a translation that still has the old one; one the
    /// translator changed stays theirs, and blocks that do not match one to one are left.
    #[test]
    fn code_the_english_changed_follows_into_the_translation() {
        let rules = crate::config::Rules::default();
        let settings = Settings::default();
        let page = |text: &str, block: &str, hl: &str| {
            format!(
                "---\ntitle: T\n---\n\n{text}\n\n```sh\n{block}\n```\n\n{{{{< highlight go >}}}}\n{hl}\n{{{{< /highlight >}}}}\n"
            )
        };
        let base = page("Run this.", "make all", "fmt.Println(1)");
        let today = page("Run this now.", "make test", "fmt.Println(2)");
        let da = page("Kør dette.", "make all", "fmt.Println(1)");
        assert_eq!(
            follow_source_skeleton(&base, &today, &da, &rules, &settings),
            page("Kør dette.", "make test", "fmt.Println(2)")
        );
        // The translator's own comment in the code stays, the other block follows.
        let own = page("Kør dette.", "make all # alt", "fmt.Println(1)");
        assert_eq!(
            follow_source_skeleton(&base, &today, &own, &rules, &settings),
            page("Kør dette.", "make all # alt", "fmt.Println(2)")
        );
        // A block the translation does not have: nothing is matched.
        let fewer = "---\ntitle: T\n---\n\nKør dette.\n\n```sh\nmake all\n```\n";
        assert_eq!(
            follow_source_skeleton(&base, &today, fewer, &rules, &settings),
            fewer
        );
    }

    #[test]
    fn a_key_the_english_dropped_goes_from_the_translation_unless_it_is_theirs() {
        let rules = crate::config::Rules::default();
        let settings = Settings::default();
        let base =
            "---\ntitle: Tester\ndraft: true\nexpirydate: 2026-12-31\nweight: 2\n---\nText.\n";
        let today = "---\ntitle: Tester\nweight: 2\n---\nText.\n";
        // The draft flag as the English had it goes; an expiry date the translator set to
        // another day stays.
        let da =
            "---\ntitle: Tester\ndraft: true\nexpirydate: 2027-01-31\nweight: 2\n---\nTekst.\n";
        assert_eq!(
            follow_source_skeleton(base, today, da, &rules, &settings),
            "---\ntitle: Tester\nexpirydate: 2027-01-31\nweight: 2\n---\nTekst.\n"
        );
        let toml = "+++\ntitle = \"Tester\"\ndraft = true\nweight = 2\n+++\nTekst.\n";
        assert_eq!(
            follow_source_skeleton(base, today, toml, &rules, &settings),
            "+++\ntitle = \"Tester\"\nweight = 2\n+++\nTekst.\n"
        );
    }

    #[test]
    fn what_export_does_with_each_site_file() {
        let other = "---\ntitle: Rettet i hånden\n---\n";
        let cases: &[Case] = &[
            (
                "a new file",
                None,
                None,
                0,
                Some(NEW),
                false,
                Step::Write(NEW.into()),
            ),
            (
                "tolk's own, changed",
                Some(PAGE),
                Some(h(PAGE)),
                0,
                Some(NEW),
                false,
                Step::Write(NEW.into()),
            ),
            (
                "already what tolk writes",
                Some(NEW),
                Some(h(NEW)),
                0,
                Some(NEW),
                false,
                Step::Keep { record: false },
            ),
            (
                "the same text, not recorded yet",
                Some(NEW),
                None,
                0,
                Some(NEW),
                false,
                Step::Keep { record: true },
            ),
            (
                "changed by hand",
                Some(other),
                Some(h(PAGE)),
                0,
                Some(NEW),
                false,
                Step::HandEdited(NEW.into()),
            ),
            (
                "changed by hand, forced",
                Some(other),
                Some(h(PAGE)),
                0,
                Some(NEW),
                true,
                Step::Write(NEW.into()),
            ),
            (
                "the translator's own file (adopted in place)",
                Some(PAGE),
                None,
                h(PAGE),
                Some(NEW),
                false,
                Step::Write(NEW.into()),
            ),
            (
                "a file tolk never wrote",
                Some(other),
                None,
                h(PAGE),
                Some(NEW),
                false,
                Step::HandEdited(NEW.into()),
            ),
            (
                "an orphan tolk wrote",
                Some(PAGE),
                Some(h(PAGE)),
                0,
                None,
                false,
                Step::Remove,
            ),
            (
                "an orphan changed by hand",
                Some(other),
                Some(h(PAGE)),
                0,
                None,
                false,
                Step::HandEdited(String::new()),
            ),
            (
                "an orphan changed by hand, forced",
                Some(other),
                Some(h(PAGE)),
                0,
                None,
                true,
                Step::Remove,
            ),
            (
                "an orphan tolk never wrote",
                Some(PAGE),
                None,
                0,
                None,
                false,
                Step::Keep { record: false },
            ),
            (
                "an orphan already gone",
                None,
                Some(h(PAGE)),
                0,
                None,
                false,
                Step::Nothing,
            ),
        ];
        for (name, before, recorded, own, text, force, want) in cases {
            let site = Site {
                before: *before,
                recorded: *recorded,
                own: *own,
            };
            let got = decide(&site, text.map(str::to_string), false, *force);
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn an_orphan_kept_as_a_draft_is_rewritten_with_draft_set() {
        let site = Site {
            before: Some(PAGE),
            recorded: Some(h(PAGE)),
            own: 0,
        };
        let Step::Write(text) = decide(&site, None, true, false) else {
            panic!("not written");
        };
        assert_eq!(text, "---\ntitle: Udvikler\ndraft: true\n---\n\nTekst.\n");
        // Once a draft, it stays as it is.
        let site = Site {
            before: Some(&text),
            recorded: Some(h(&text)),
            own: 0,
        };
        assert_eq!(
            decide(&site, None, true, false),
            Step::Keep { record: false }
        );
    }

    #[test]
    fn site_paths_by_layout_and_never_outside() {
        let mut s = Settings {
            section: "career".into(),
            layout: Layout::Folder,
            ..Settings::default()
        };
        assert_eq!(
            site_path(&s, "da", "ops/sre.md"),
            Some(PathBuf::from("da/career/ops/sre.md"))
        );
        s.layout = Layout::Suffix;
        assert_eq!(
            site_path(&s, "da", "ops/sre.md"),
            Some(PathBuf::from("career/ops/sre.da.md"))
        );
        assert_eq!(site_path(&s, "da", "../x.md"), None);
        assert_eq!(site_path(&s, "da", "/etc/x.md"), None);
        s.section = "../up".into();
        assert_eq!(site_path(&s, "da", "x.md"), None);
    }

    #[test]
    fn chunks_grow_to_the_largest_and_cover_every_page_once() {
        let pages: Vec<usize> = (0..1500).collect();
        let chunks = chunks(&pages);
        let sizes: Vec<usize> = chunks.iter().map(|(_, c)| c.len()).collect();
        assert_eq!(sizes, [64, 128, 256, 512, 512, 28]);
        for (first, c) in &chunks {
            assert_eq!(c[0], *first);
        }
        let all: Vec<usize> = chunks.iter().flat_map(|(_, c)| c.iter().copied()).collect();
        assert_eq!(all, pages);
        assert!(super::chunks::<usize>(&[]).is_empty());
        assert_eq!(super::chunks(&[7]), [(0, &[7][..])]);
    }
}
