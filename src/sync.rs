//! RECORD: `sync` writes what is on disk into the memory, in one transaction.
//!
//! New source texts become new versions of their segments (old versions are kept). Each
//! variant is aligned segment by segment with its source, and each translation is recorded
//! with the source text it was made from. A translation whose source changed only in protected
//! parts (a link target, inline code, a shortcode argument) gets the same change, in the
//! variant file too (written atomically, before the memory commits).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::compare::{self, LineageRef, State};
use crate::fsio::write_atomic;
use crate::inspect::Checked;
use crate::posting::{self, Posting};
use crate::segment;
use crate::tm::pack::{PackingDict, Prepacked};
use crate::tm::{SourceLayout, Tm, TmError, VariantLayout, Writer};
use crate::workspace::Workspace;

/// What a sync did, for the person who ran it.
#[derive(Debug, Default)]
pub struct SyncReport {
    pub postings: Vec<PostingSync>,
    /// Files that could not be read; their part of the memory was left as it was.
    pub errors: Vec<posting::Error>,
    /// Variant files whose source posting does not exist (orphans), as display paths.
    pub orphans: Vec<String>,
    /// Files tolk could not write (display path, reason).
    pub write_errors: Vec<(String, String)>,
    /// What was read past in the files synced, as Hugo does (file, warning).
    pub warnings: Vec<(std::path::PathBuf, posting::Warning)>,
    /// The files a whole sync read and split (and did not write), with the checks it made of
    /// their translations, for the status it leaves warm ([`crate::report::cache::refresh`]),
    /// where they are at most [`KEEP`] bytes: a small site's (none of a larger one's).
    pub read: crate::inspect::ReadChecked,
    /// The bytes of the files in `read`.
    read_bytes: usize,
    /// What the memory holds of each page new to it that this sync recorded whole, as the
    /// sync wrote it (where it keeps what it read): the pages' reports are built from it, not
    /// from the memory read back.
    given: Vec<(String, crate::tm::PostingMemory)>,
    /// The reports of those pages, stored in the memory with the sync's write, for the status
    /// it leaves warm ([`crate::report::cache::refresh`]).
    pub reports: Vec<crate::report::cache::GivenReport>,
}

/// A whole sync keeps the files it read for a status right after it where they are at most this
/// many bytes (about three times that in memory, with their segments).
pub const KEEP: usize = 16 << 20;

impl SyncReport {
    /// Whether files read from now on are kept (asked for, a whole sync, a site that fits so
    /// far).
    fn keeps(&self, options: &Options) -> bool {
        options.keep_read
            && options.paths.is_empty()
            && options.langs.is_empty()
            && self.read_bytes <= KEEP
    }

    /// Keeps nothing where the site is expected to hold more than [`KEEP`] bytes.
    fn expect(&mut self, bytes: usize) {
        if bytes > KEEP {
            self.read_bytes = usize::MAX;
        }
    }

    /// Keeps a file read and split (with its stamp from before the read), if there is room.
    fn keep(
        &mut self,
        options: &Options,
        stamps: &mut HashMap<std::path::PathBuf, crate::fsio::Stamp>,
        file: std::path::PathBuf,
        (posting, segments): (Posting, Vec<segment::Segment>),
        checked: Option<Checked>,
    ) {
        let Some(stamp) = stamps.remove(&file).filter(Option::is_some) else {
            return;
        };
        if !self.keeps(options) {
            return;
        }
        self.read_bytes = self.read_bytes.saturating_add(posting.text.len());
        if self.read_bytes > KEEP {
            // A larger site: its status reads every file again, and none is held meanwhile.
            self.read = crate::inspect::ReadChecked::default();
            self.given = Vec::new();
            return;
        }
        if let Some(checked) = checked.filter(|c| !c.is_empty()) {
            self.read.checked.insert(file.clone(), checked);
        }
        self.read.read.insert(file, (stamp, posting, segments));
    }
}

pub use crate::fsio::Progress;

/// What to sync, and which stale translations to accept on the way.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Told how far the sync is.
    pub progress: Option<Progress>,
    /// Page paths to sync; empty: all.
    pub paths: Vec<String>,
    /// Target languages to sync; empty: all.
    pub langs: Vec<String>,
    /// Stale translations to record as still correct for today's source.
    pub accept: Vec<Accept>,
    /// Variant segments that hold the source text as a placeholder (made by `tolk new`):
    /// aligned, but not recorded as translations. Keys per (posting, language).
    pub placeholders: Vec<(String, String, Vec<String>)>,
    /// Keep the files a whole sync reads, where the site is small, in [`SyncReport::read`]
    /// (for a status right after it).
    pub keep_read: bool,
}

/// Stale translations of one posting and language to accept.
#[derive(Debug, Clone)]
pub struct Accept {
    pub rel: String,
    pub lang: String,
    /// Segment keys; `None`: every stale segment.
    pub keys: Option<Vec<String>>,
}

impl Options {
    /// Whether the page is one to sync.
    fn selects(&self, rel: &str) -> bool {
        self.paths.is_empty() || self.paths.iter().any(|p| p == rel)
    }

    fn is_placeholder(&self, rel: &str, lang: &str, key: &str) -> bool {
        self.placeholders
            .iter()
            .any(|(r, l, keys)| r == rel && l == lang && keys.iter().any(|k| k == key))
    }

    fn accepts(&self, rel: &str, lang: &str, key: &str) -> bool {
        self.accept.iter().any(|a| {
            a.rel == rel
                && a.lang == lang
                && a.keys.as_ref().is_none_or(|k| k.iter().any(|k| k == key))
        })
    }
}

/// What a sync did for one posting.
#[derive(Debug, Default)]
pub struct PostingSync {
    pub rel: String,
    /// Source segments that are new or have a new text.
    pub new_versions: usize,
    /// Per language: translations recorded.
    pub recorded: Vec<(String, usize)>,
    /// Per language: protected changes carried into the variant file.
    pub carried: Vec<(String, usize)>,
    /// Stale translations accepted for today's source: (language, key).
    pub accepted: Vec<(String, String)>,
    /// Content checks on the translations recorded by this sync: (variant file, line, key,
    /// problem).
    pub problems: Vec<(String, usize, String, crate::inspect::Problem)>,
    /// Variant segments that could not be aligned with the source: (language, display path,
    /// line, key).
    pub unaligned: Vec<(String, String, usize, String)>,
}

/// Records the workspace's postings in the memory.
pub fn sync(
    ws: &Workspace,
    tm: &mut Tm,
    now: &str,
    who: Option<&str>,
    options: &Options,
) -> Result<SyncReport, TmError> {
    // The writer runs on one of the pool's threads, not beside them: the files of the next
    // chunk are read on the other one while it writes, and on both once it waits for them
    // (from the calling thread, it waited idle, and three threads shared two cores).
    rayon::scope(|_| sync_in_pool(ws, tm, now, who, options))
}

fn sync_in_pool(
    ws: &Workspace,
    tm: &mut Tm,
    now: &str,
    who: Option<&str>,
    options: &Options,
) -> Result<SyncReport, TmError> {
    let mut report = SyncReport::default();
    // Nothing else reads the memory meanwhile (files are read on the other threads).
    let mut w = tm.first_writer(now, who)?;
    // Answers of machine providers: a translation equal to one is the machine's.
    let any_answers = w.has_machine_answers()?;
    // Merge conflicts, resolved by recording what the file now holds.
    let any_conflicts = w.has_conflicts()?;
    let pages = ws.pages();
    let total = pages.len();
    // Files are read and split on both cores, a chunk of pages ahead of the writer: the next
    // chunk while this one is written.
    const CHUNK: usize = 64;
    let chunks: Vec<&[crate::workspace::Page]> = pages.chunks(CHUNK).collect();
    // The texts of postings new to the memory are packed there too (with the dictionary in
    // use when the chunk is read: with one trained since, the writer packs them again).
    let known = w.known_postings()?;
    let mut prefetched = Prefetched::default();
    // The next chunk, where it was read before the one being written began (while the first
    // dictionary was trained): the one after it is read meanwhile.
    let mut ready = None;
    if let Some(first) = chunks.first() {
        let keep = report.keeps(options);
        prefetched = prefetch(ws, options, first, (&w.packing_dict(), &known, keep));
        // Whether the site is small enough to keep what the sync reads, as its first pages
        // tell.
        let bytes: usize = (prefetched.files.values().flatten())
            .map(|(p, _)| p.text.len())
            .sum();
        report.expect(bytes.saturating_mul(pages.len()) / first.len());
        // A new memory's first dictionary is trained on the first texts the sync adds, before
        // it adds them: each text is then packed once, ahead on both cores (trained once the
        // memory held them, it packed every text before again, on the writer's core, and
        // compacted). The next chunk is read on the other core while it trains.
        let files = files_of(ws, options, first);
        let samples = first_texts(&files, &prefetched.files);
        if w.trains_ahead(samples.len())? {
            let (dict, keep) = (w.packing_dict(), report.keeps(options));
            let (trained, mut next) = rayon::join(
                || crate::tm::pack::train_dictionary(&samples),
                || (chunks.get(1)).map(|c| prefetch(ws, options, c, (&dict, &known, keep))),
            );
            if w.keep_trained_ahead(trained)? {
                let dict = w.packing_dict();
                prefetched.packed = pack_ahead(&files, &prefetched.files, &dict, &known);
                if let (Some(next), Some(c)) = (&mut next, chunks.get(1)) {
                    let files = files_of(ws, options, c);
                    next.packed = pack_ahead(&files, &next.files, &dict, &known);
                }
            }
            ready = next;
        }
    }
    // The reports of the pages new to the memory, each chunk's built on the other core while
    // the next one is written, from the files it read (taken out of the report meanwhile).
    let by_rel: HashMap<&str, &crate::workspace::Page> =
        pages.iter().map(|p| (p.rel.as_str(), p)).collect();
    let mut reports: Vec<crate::report::cache::GivenReport> = Vec::new();
    for (n, chunk) in chunks.iter().enumerate() {
        let ahead = if ready.is_some() { n + 2 } else { n + 1 };
        let mut read = None;
        let given = std::mem::take(&mut report.given);
        let held = (!given.is_empty()).then(|| std::mem::take(&mut report.read));
        let mut built = Vec::new();
        rayon::in_place_scope(|s| -> Result<(), TmError> {
            if let Some(c) = chunks.get(ahead) {
                let read = &mut read;
                let (dict, known, keep) = (w.packing_dict(), &known, report.keeps(options));
                s.spawn(move |_| *read = Some(prefetch(ws, options, c, (&dict, known, keep))));
            }
            if let Some(held) = &held {
                let (built, given, by_rel) = (&mut built, &given, &by_rel);
                s.spawn(move |_| {
                    *built = crate::report::cache::given_reports(ws, held, by_rel, given);
                });
            }
            for (i, page) in chunk.iter().enumerate() {
                if let Some(p) = &options.progress {
                    (p.0)(n * CHUNK + i, total);
                }
                sync_page(
                    &mut w,
                    ws,
                    options,
                    page,
                    (any_answers, any_conflicts),
                    &mut prefetched,
                    &mut report,
                )?;
            }
            Ok(())
        })?;
        if let Some(held) = held.filter(|_| report.keeps(options)) {
            report.read.read.extend(held.read);
            report.read.checked.extend(held.checked);
            reports.append(&mut built);
        }
        prefetched = match ready.take() {
            Some(next) => {
                ready = read;
                next
            }
            None => read.unwrap_or_default(),
        };
    }
    if !report.given.is_empty() && report.keeps(options) {
        let given = std::mem::take(&mut report.given);
        reports.extend(crate::report::cache::given_reports(
            ws,
            &report.read,
            &by_rel,
            &given,
        ));
    }
    if !reports.is_empty() && report.keeps(options) {
        let rows: Vec<_> = reports.iter().map(|r| &r.row).collect();
        w.store_page_reports(&crate::report::cache::made_for(ws), &rows)?;
        report.reports = reports;
    }
    w.commit()?;
    Ok(report)
}

/// Records one page: its source, then each variant.
fn sync_page(
    w: &mut Writer<'_>,
    ws: &Workspace,
    options: &Options,
    page: &crate::workspace::Page,
    (any_answers, any_conflicts): (bool, bool),
    prefetched: &mut Prefetched,
    report: &mut SyncReport,
) -> Result<(), TmError> {
    let rules = &ws.config.rules;
    if !options.selects(&page.rel) {
        return Ok(());
    }
    w.offer_prepacked(prefetched.packed.remove(&page.rel).unwrap_or_default());
    if !page.present.contains(&page.source) {
        for lang in &page.present {
            report.orphans.push(ws.display(lang, &page.rel));
        }
        return Ok(());
    }
    let source_file = ws.file(&page.source, &page.rel);
    let (source, today) = match take(&mut prefetched.files, &source_file, rules) {
        Ok(p) => p,
        Err(e) => {
            report.errors.push(e);
            return Ok(());
        }
    };
    report.warnings.extend(
        source
            .warnings
            .iter()
            .map(|w| (source.path.clone(), w.clone())),
    );
    let mem = w.load(&page.rel)?;
    let mut done = PostingSync {
        rel: page.rel.clone(),
        ..PostingSync::default()
    };
    let recorded = record_source(w, &page.rel, &page.source, &mem, &today)?;
    done.new_versions = recorded.new_versions;
    // A page new to the memory: what the memory holds of it after this write is what the
    // sync writes, so its report is built from that (see `SyncReport::given`).
    let new_page = mem.source_lang.is_none() && mem.source.is_empty() && mem.variants.is_empty();
    let mut given =
        (new_page && report.keeps(options)).then(|| given_source(&page.source, &today, &recorded));
    let texts: Option<Vec<std::sync::Arc<str>>> = given
        .as_ref()
        .map(|g| g.source.iter().map(|r| r.text.clone()).collect());
    for lang in ws.config.targets_of(&page.rel) {
        if !page.present.contains(&lang)
            || (!options.langs.is_empty() && !options.langs.contains(&lang))
        {
            continue;
        }
        let file = ws.file(&lang, &page.rel);
        let (variant, vsegs) = match take(&mut prefetched.files, &file, rules) {
            Ok(p) => p,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        report.warnings.extend(
            variant
                .warnings
                .iter()
                .map(|w| (variant.path.clone(), w.clone())),
        );
        let cx = PageCx {
            ws,
            options,
            page,
            mem: &mem,
            recorded: &recorded,
            today: &today,
            source: &source.text,
            any_answers,
            any_conflicts,
            source_texts: texts.as_deref(),
        };
        let checked = prefetched.checked.remove(&file).unwrap_or_default();
        let read = (&variant, &vsegs[..], &checked);
        let mut rows = None;
        if !sync_variant(w, &cx, &lang, &file, read, (&mut done, &mut rows), report)? {
            let stamps = &mut prefetched.stamps;
            report.keep(options, stamps, file, (variant, vsegs), Some(checked));
        }
        given = match (given, rows) {
            (Some(mut g), Some(rows)) => {
                g.variants.insert(lang, rows);
                Some(g)
            }
            _ => None,
        };
    }
    report.postings.push(done);
    let stamps = &mut prefetched.stamps;
    report.keep(options, stamps, source_file, (source, today), None);
    if let Some(g) = given.filter(|_| report.keeps(options)) {
        // Every debug build's sync (the tests') checks it against the memory read back.
        #[cfg(debug_assertions)]
        {
            let back = w.load(&page.rel)?;
            assert_eq!(memory_text(&g), memory_text(&back), "{}", page.rel);
        }
        report.given.push((page.rel.clone(), g));
    }
    Ok(())
}

/// A page's memory as text, every translation unpacked and the languages in order (to compare
/// two).
#[cfg(debug_assertions)]
fn memory_text(m: &crate::tm::PostingMemory) -> String {
    let mut out = format!("{:?}\n{:?}\n", m.source_lang, m.source);
    let langs: std::collections::BTreeSet<&String> = m.variants.keys().collect();
    for lang in langs {
        for row in &m.variants[lang] {
            if let Some(t) = &row.translation {
                let _ = t.text.get();
            }
            out.push_str(&format!("{lang} {row:?}\n"));
        }
    }
    out
}

/// What the memory holds of a page's source once [`record_source`] recorded today's segments
/// into a memory that held nothing of it.
fn given_source(
    source_lang: &str,
    today: &[segment::Segment],
    recorded: &RecordedSource,
) -> crate::tm::PostingMemory {
    crate::tm::PostingMemory {
        source_lang: Some(source_lang.to_string()),
        source: today
            .iter()
            .enumerate()
            .map(|(i, s)| crate::tm::SourceRow {
                key: s.key.clone(),
                kind: s.kind.as_str().to_string(),
                level: (s.level > 0).then_some(s.level),
                line: s.line,
                lineage: recorded.lineage[i],
                source: recorded.source_ids[i],
                text: std::sync::Arc::from(s.text.as_str()),
                hash: s.hash,
            })
            .collect(),
        variants: HashMap::new(),
    }
}

/// What a sync knows of a page while it records its variants.
struct PageCx<'a> {
    ws: &'a Workspace,
    options: &'a Options,
    page: &'a crate::workspace::Page,
    mem: &'a crate::tm::PostingMemory,
    recorded: &'a RecordedSource,
    today: &'a [segment::Segment],
    /// The source file's text (each variant's export base).
    source: &'a str,
    any_answers: bool,
    any_conflicts: bool,
    /// Today's source texts, where the page is new to the memory.
    source_texts: Option<&'a [std::sync::Arc<str>]>,
}

/// Records one variant of a page: compares it, plans, applies, resolves merge conflicts it
/// settles, and notes what it did in `done` and `report`; whether it wrote the file (carried
/// changes into it). `rows`: what the memory now holds of the variant, where it is known (see
/// [`Applied::rows`]).
fn sync_variant(
    w: &mut Writer<'_>,
    cx: &PageCx<'_>,
    lang: &str,
    file: &std::path::Path,
    (variant, vsegs, checked): (&Posting, &[segment::Segment], &Checked),
    (done, rows): (&mut PostingSync, &mut Option<Vec<crate::tm::VariantRow>>),
    report: &mut SyncReport,
) -> Result<bool, TmError> {
    let rules = &cx.ws.config.rules;
    let mem_variant = cx.mem.variants.get(lang).map_or(&[][..], Vec::as_slice);
    let cmp = compare::compare_variant(
        rules,
        cx.today,
        &cx.recorded.known,
        &cx.recorded.splits,
        mem_variant,
        vsegs,
    )
    .map_err(|d| TmError::damaged(&cx.ws.memory_path(), d))?;
    let answers = if cx.any_answers {
        w.machine_answers(&cx.page.rel, lang)?
    } else {
        Vec::new()
    };
    // A file its site marks as machine-made (`ai: true`), recorded for the first time:
    // its translations are the machine's, not reviewed. Later, tolk knows who made
    // each, and a changed text is a person's edit.
    let adopted = mem_variant.is_empty()
        && cx
            .ws
            .config
            .mt
            .flag
            .as_deref()
            .is_some_and(|k| variant.flag(k));
    let machine_of = |i: usize, text: &str| -> Option<(String, Option<String>)> {
        answers
            .iter()
            .rev()
            .find(|a| {
                a.lineage == cx.recorded.lineage[i]
                    && a.source == cx.recorded.source_ids[i]
                    && a.text == text
            })
            .map(|a| (a.provider.clone(), a.model.clone()))
            .or_else(|| adopted.then(|| (crate::tm::ADOPTED.to_string(), None)))
    };
    let plan = plan_variant(
        &Plan {
            rules,
            today: cx.today,
            splits: &cx.recorded.splits,
            variant: &variant.text,
            segments: vsegs,
            comparison: &cmp,
            checked,
        },
        &machine_of,
        &|key| cx.options.is_placeholder(&cx.page.rel, lang, key),
        &|key| cx.options.accepts(&cx.page.rel, lang, key),
    );
    let display = cx.ws.display(lang, &cx.page.rel);
    for (j, i, problem) in &plan.problems {
        done.problems.push((
            display.clone(),
            vsegs[*j].line,
            cx.today[*i].key.clone(),
            problem.clone(),
        ));
    }
    for &i in &plan.accepted {
        done.accepted
            .push((lang.to_string(), cx.today[i].key.clone()));
    }
    done.recorded.push((lang.to_string(), plan.records.len()));
    let mut applied = apply_variant(
        w,
        &Target {
            rel: &cx.page.rel,
            lang,
            file,
            variant,
            segments: vsegs,
            comparison: &cmp,
            source_texts: cx.source_texts,
        },
        cx.recorded,
        plan,
        rules,
    )?;
    *rows = applied.rows.take();
    let written = applied.carried.is_some();
    if let Some(n) = applied.carried {
        done.carried.push((lang.to_string(), n));
    }
    if let Some(e) = applied.write_error {
        report
            .write_errors
            .push((display.clone(), posting::io_reason(&e)));
    }
    if cx.any_conflicts {
        // A segment of a merge conflict whose file now holds a translation a person
        // picked (no conflict markers left) is resolved.
        let markers = variant.text.lines().any(|l| l.starts_with("<<<<<<<"));
        let picked: Vec<i64> = if markers { Vec::new() } else { applied.picked };
        w.resolve_conflicts(lang, &picked)?;
    }
    w.set_variant_base(&cx.page.rel, lang, cx.source)?;
    for &j in &cmp.unaligned {
        done.unaligned.push((
            lang.to_string(),
            display.clone(),
            vsegs[j].line,
            vsegs[j].key.clone(),
        ));
    }
    Ok(written)
}

/// Today's source segments as recorded: each continues a lineage or starts one.
struct RecordedSource {
    /// For each of today's segments: its lineage.
    lineage: Vec<i64>,
    /// For each of today's segments: its source text's id.
    source_ids: Vec<i64>,
    /// `lineage`, as the comparison takes it.
    known: Vec<Option<i64>>,
    /// Parts of earlier segments split in two or more.
    splits: Vec<Option<(i64, compare::Split)>>,
    new_versions: usize,
}

/// Records today's source of posting `rel`: new texts as new versions of their lineages (new
/// segments start one), and the source's layout.
fn record_source(
    w: &mut Writer<'_>,
    rel: &str,
    source_lang: &str,
    mem: &crate::tm::PostingMemory,
    today: &[segment::Segment],
) -> Result<RecordedSource, TmError> {
    let compare::SourceMatch {
        rows: continues,
        splits,
        ..
    } = compare::match_source(&mem.source, today);
    let mut lineage = Vec::with_capacity(today.len());
    let mut source_ids = Vec::with_capacity(today.len());
    let mut new_versions = 0;
    for (seg, cont) in today.iter().zip(&continues) {
        let row = cont.map(|k| &mem.source[k]);
        let id = match row {
            Some(r) if r.hash == seg.hash && *r.text == *seg.text => r.source,
            _ => w.source_text(source_lang, &seg.text)?,
        };
        let l = match row {
            Some(r) => r.lineage,
            None => w.new_lineage(rel)?,
        };
        if row.is_none_or(|r| r.source != id) {
            w.add_version(l, id)?;
            new_versions += 1;
        }
        lineage.push(l);
        source_ids.push(id);
    }
    w.set_posting(rel, source_lang)?;
    let layout: Vec<SourceLayout> = today
        .iter()
        .enumerate()
        .map(|(i, s)| SourceLayout {
            key: &s.key,
            kind: s.kind.as_str(),
            level: (s.level > 0).then_some(s.level),
            line: s.line,
            lineage: lineage[i],
            source: source_ids[i],
        })
        .collect();
    w.replace_source_layout(rel, &layout)?;
    Ok(RecordedSource {
        known: lineage.iter().copied().map(Some).collect(),
        lineage,
        source_ids,
        splits,
        new_versions,
    })
}

/// How a translation is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// New in the file, by a person.
    Translated,
    /// A machine provider's answer for this very English (or a text of a file its site marks
    /// as machine-made), to be reviewed; also one carried over a protected change.
    Machine {
        provider: String,
        model: Option<String>,
    },
    /// A person's translation carried over a protected change of the source.
    Carried,
    /// A stale translation a person accepted as right for today's source.
    Accepted,
}

/// A translation to record: of today's source segment `source_index`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub source_index: usize,
    pub text: String,
    pub how: How,
}

/// The translation a variant segment holds: one the memory has, or a record of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationRef {
    Known(i64),
    Planned(usize),
}

/// What a sync will record of one variant, decided without touching the memory or the file.
#[derive(Debug, Default, PartialEq)]
pub struct VariantPlan {
    /// In the order they are recorded.
    pub records: Vec<Record>,
    /// For each variant segment: the translation it holds.
    pub translation_of: Vec<Option<TranslationRef>>,
    /// Variant segments whose text changes in the file (a carried change; the parts of a
    /// split joined as paragraphs).
    pub carried: BTreeMap<usize, String>,
    /// Texts of carried parts of a split and their records, to find them in the file as
    /// written.
    pub split_parts: Vec<(String, usize)>,
    /// Content checks on new translations: (variant index, source index, problem).
    pub problems: Vec<(usize, usize, crate::inspect::Problem)>,
    /// Source indexes whose stale translation was accepted.
    pub accepted: Vec<usize>,
    /// Variant segments with a code fence glued to a prose line: neither their translation
    /// nor their place among the English's segments is recorded.
    pub glued: Vec<usize>,
}

/// The machine provider (and model) whose answer for source segment `i` is this text.
pub type MachineOf<'a> = dyn Fn(usize, &str) -> Option<(String, Option<String>)> + 'a;

/// What the plan of one variant is made from.
pub struct Plan<'a> {
    pub rules: &'a crate::config::Rules,
    /// Today's source segments.
    pub today: &'a [segment::Segment],
    pub splits: &'a [Option<(i64, compare::Split)>],
    /// The variant file's text and its segments.
    pub variant: &'a str,
    pub segments: &'a [segment::Segment],
    pub comparison: &'a compare::VariantComparison,
    /// Content checks made ahead (the others are made here).
    pub checked: &'a Checked,
}

/// Plans what to record of one variant: new translations (the machine's where `machine_of`
/// knows the text for that source segment), carried ones, accepted ones (`accepts` by segment
/// key); placeholders (`placeholder` by key) stay unrecorded.
pub fn plan_variant(
    p: &Plan<'_>,
    machine_of: &MachineOf<'_>,
    placeholder: &dyn Fn(&str) -> bool,
    accepts: &dyn Fn(&str) -> bool,
) -> VariantPlan {
    let vsegs = p.segments;
    let mut plan = VariantPlan {
        translation_of: vec![None; vsegs.len()],
        ..VariantPlan::default()
    };
    let eol = if p.variant.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    for entry in &p.comparison.entries {
        let Some(j) = entry.variant_index else {
            continue;
        };
        let known = entry.recorded.as_ref().map(|t| TranslationRef::Known(t.id));
        let record = |plan: &mut VariantPlan, i: usize, text: String, how: How| {
            plan.records.push(Record {
                source_index: i,
                text,
                how,
            });
            TranslationRef::Planned(plan.records.len() - 1)
        };
        match (entry.state, entry.source_index) {
            // A placeholder left in the source language: aligned, not translated.
            (State::Current, Some(i))
                if entry.recorded.is_none() && placeholder(&p.today[i].key) => {}
            (State::Current, Some(_)) if known.is_some() => plan.translation_of[j] = known,
            (State::Current, Some(i)) => {
                let text = &vsegs[j].text;
                let problems = match p.checked.get(&(j, i)) {
                    Some(found) => found.clone(),
                    None => crate::inspect::inspect_segment(p.rules, &p.today[i].text, text),
                };
                // A code fence glued to a prose line: Hugo reads the page as code from there,
                // and which English block this one translates cannot be told (the alignment
                // went by length). Said, not recorded: once the line is mended, the page aligns
                // afresh (recorded, the edit kept the wrong English as current).
                let glued = problems
                    .iter()
                    .any(|x| x.kind == crate::inspect::Kind::GluedFence);
                plan.problems
                    .extend(problems.into_iter().map(|problem| (j, i, problem)));
                if glued {
                    plan.glued.push(j);
                    continue;
                }
                let how = match machine_of(i, text) {
                    Some((provider, model)) => How::Machine { provider, model },
                    None => How::Translated,
                };
                plan.translation_of[j] = Some(record(&mut plan, i, text.clone(), how));
            }
            (State::Carried, Some(i)) => {
                let text = entry
                    .carried_text
                    .clone()
                    .unwrap_or_else(|| vsegs[j].text.clone());
                // A machine translation carried over a protected change is still the
                // machine's, and still to review.
                let how = match entry.recorded.as_ref().map(|t| (&t.origin, t.unreviewed)) {
                    Some((crate::tm::Origin::Machine { provider, model }, true)) => How::Machine {
                        provider: provider.clone(),
                        model: model.clone(),
                    },
                    _ => How::Carried,
                };
                let id = record(&mut plan, i, text.clone(), how);
                if let TranslationRef::Planned(k) = id {
                    plan.split_parts.push((text.clone(), k));
                }
                let first = plan.translation_of[j].is_none();
                if first {
                    plan.translation_of[j] = Some(id);
                }
                if p.splits[i].is_some() {
                    match plan.carried.get_mut(&j) {
                        Some(whole) if !first => {
                            whole.push_str(eol);
                            whole.push_str(eol);
                            whole.push_str(&text);
                        }
                        _ => {
                            plan.carried.insert(j, text);
                        }
                    }
                } else if text != vsegs[j].text {
                    plan.carried.insert(j, text);
                }
            }
            (State::Stale, Some(i)) if accepts(&p.today[i].key) => {
                plan.translation_of[j] =
                    Some(record(&mut plan, i, vsegs[j].text.clone(), How::Accepted));
                plan.accepted.push(i);
            }
            _ => plan.translation_of[j] = known,
        }
    }
    plan
}

/// The variant a plan is applied to.
struct Target<'a> {
    rel: &'a str,
    lang: &'a str,
    file: &'a std::path::Path,
    variant: &'a Posting,
    segments: &'a [segment::Segment],
    comparison: &'a compare::VariantComparison,
    /// Today's source texts, where the page is new to the memory (see [`Applied::rows`]).
    source_texts: Option<&'a [std::sync::Arc<str>]>,
}

/// What applying a plan did.
struct Applied {
    /// Carried changes written into the file (how many segments).
    carried: Option<usize>,
    /// The file could not be written (the memory records it as it is).
    write_error: Option<std::io::Error>,
    /// Lineages whose segment now holds a translation.
    picked: Vec<i64>,
    /// What the memory now holds of the variant, where the plan recorded every translation
    /// its segments hold (a page new to the memory) and the file was not rewritten.
    rows: Option<Vec<crate::tm::VariantRow>>,
}

/// Records the plan's translations, writes the carried changes into the variant file (first:
/// if the memory then fails to commit, the next sync records the file as it is), and records
/// the variant's layout as the file now is.
fn apply_variant(
    w: &mut Writer<'_>,
    t: &Target<'_>,
    src: &RecordedSource,
    plan: VariantPlan,
    rules: &crate::config::Rules,
) -> Result<Applied, TmError> {
    let mut ids = Vec::with_capacity(plan.records.len());
    for r in &plan.records {
        let (lineage, source) = (src.lineage[r.source_index], src.source_ids[r.source_index]);
        let id = match &r.how {
            How::Machine { provider, model } => w.add_machine_translation(
                lineage,
                t.lang,
                &r.text,
                source,
                provider,
                model.as_deref(),
            )?,
            How::Translated => {
                w.add_translation(lineage, t.lang, &r.text, source, "human", "translated")?
            }
            How::Carried => {
                w.add_translation(lineage, t.lang, &r.text, source, "memory", "carried")?
            }
            How::Accepted => {
                w.add_translation(lineage, t.lang, &r.text, source, "human", "accepted")?
            }
        };
        ids.push((lineage, id));
    }
    let id_of = |r: TranslationRef| match r {
        TranslationRef::Known(id) => id,
        TranslationRef::Planned(k) => ids[k].1,
    };
    let translation_of: Vec<Option<i64>> =
        plan.translation_of.iter().map(|r| r.map(id_of)).collect();
    let vsegs = t.segments;
    let mut applied = Applied {
        carried: None,
        write_error: None,
        picked: Vec::new(),
        rows: None,
    };
    let mut hashes: Vec<u64> = vsegs.iter().map(|s| s.hash).collect();
    let mut rewritten: Option<Vec<segment::Segment>> = None;
    if !plan.carried.is_empty() {
        let by_start: HashMap<usize, &String> = plan
            .carried
            .iter()
            .map(|(j, text)| (vsegs[*j].range.start, text))
            .collect();
        let text = segment::splice(&t.variant.text, vsegs, |s| {
            by_start.get(&s.range.start).map(|text| text.to_string())
        });
        match write_atomic(t.file, text.as_bytes()) {
            Ok(()) => {
                for (j, text) in &plan.carried {
                    hashes[*j] = segment::hash(text);
                }
                applied.carried = Some(plan.carried.len());
                rewritten = Posting::parse(t.file, text, rules)
                    .ok()
                    .map(|p| segment::split(&p, rules));
            }
            Err(e) => applied.write_error = Some(e),
        }
    }
    let link = |j: usize| {
        let link = t.comparison.links[j].filter(|_| !plan.glued.contains(&j));
        link.map(|l| match l {
            LineageRef::Known(id) => id,
            LineageRef::Today(i) => src.lineage[i],
        })
    };
    let rows: Vec<VariantLayout> = match &rewritten {
        // The file as written: unchanged and carried segments by their text, parts of a
        // split by the texts recorded for them.
        Some(after) => {
            let partners = crate::align::align(&hashes, after, |h| *h, |s| s.hash, |_, _| -1.0);
            after
                .iter()
                .zip(partners)
                .map(|(s, p)| {
                    let (lineage, translation) = match p {
                        Some(j) => (link(j), translation_of[j]),
                        None => plan
                            .split_parts
                            .iter()
                            .find(|(text, _)| text.trim() == s.text)
                            .map_or((None, None), |(_, k)| (Some(ids[*k].0), Some(ids[*k].1))),
                    };
                    VariantLayout {
                        key: &s.key,
                        kind: s.kind.as_str(),
                        line: s.line,
                        hash: s.hash,
                        lineage,
                        translation,
                    }
                })
                .collect()
        }
        None => vsegs
            .iter()
            .enumerate()
            .map(|(j, s)| VariantLayout {
                key: &s.key,
                kind: s.kind.as_str(),
                line: s.line,
                hash: hashes[j],
                lineage: link(j),
                translation: translation_of[j],
            })
            .collect(),
    };
    w.replace_variant_layout(t.rel, t.lang, &rows)?;
    applied.picked = rows
        .iter()
        .filter(|r| r.translation.is_some())
        .filter_map(|r| r.lineage)
        .collect();
    let unchanged = rewritten.is_none() && plan.carried.is_empty();
    if let (Some(texts), true) = (t.source_texts, unchanged) {
        applied.rows = written_rows(&rows, &plan, &ids, src, texts);
    }
    Ok(applied)
}

/// The variant's rows as the memory holds them after [`apply_variant`] recorded the plan's
/// records (with ids `ids`) and wrote the layout `rows` (one per variant segment, the file not
/// rewritten): what [`crate::tm::Reader::load`] would read back. `None` where a segment holds
/// a translation the memory had before.
fn written_rows(
    rows: &[VariantLayout<'_>],
    plan: &VariantPlan,
    ids: &[(i64, i64)],
    src: &RecordedSource,
    source_texts: &[std::sync::Arc<str>],
) -> Option<Vec<crate::tm::VariantRow>> {
    use crate::tm::{Origin, TranslationRow, VariantRow};
    let translation = |k: usize| -> TranslationRow {
        let r = &plan.records[k];
        let (origin, unreviewed) = match &r.how {
            How::Machine { provider, model } => (
                Origin::Machine {
                    provider: provider.clone(),
                    model: model.clone(),
                },
                true,
            ),
            How::Translated | How::Carried | How::Accepted => (Origin::Person, false),
        };
        TranslationRow {
            id: ids[k].1,
            text: r.text.as_str().into(),
            source: src.source_ids[r.source_index],
            source_text: source_texts[r.source_index].clone(),
            origin,
            unreviewed,
        }
    };
    rows.iter()
        .zip(&plan.translation_of)
        .map(|(r, of)| {
            let translation = match of {
                None => None,
                Some(TranslationRef::Planned(k)) => Some(translation(*k)),
                Some(TranslationRef::Known(_)) => return None,
            };
            Some(VariantRow {
                key: r.key.to_string(),
                kind: r.kind.to_string(),
                line: r.line,
                hash: r.hash,
                lineage: r.lineage,
                translation,
            })
        })
        .collect()
}

type Read = Result<(Posting, Vec<segment::Segment>), posting::Error>;

/// The files the sync will look at for these pages, in the order it adds their texts (each
/// page's source first): (page, file, whether it is the source).
fn files_of<'a>(
    ws: &Workspace,
    options: &Options,
    pages: &'a [crate::workspace::Page],
) -> Vec<(&'a String, std::path::PathBuf, bool)> {
    let mut files = Vec::new();
    for page in pages {
        if !options.selects(&page.rel) {
            continue;
        }
        let source = std::iter::once(&page.source).filter(|l| page.present.contains(*l));
        for lang in source.chain(variant_langs(options, page)) {
            files.push((&page.rel, ws.file(lang, &page.rel), *lang == page.source));
        }
    }
    files
}

/// The languages of the page's variant files the sync looks at.
fn variant_langs<'a>(
    options: &'a Options,
    page: &'a crate::workspace::Page,
) -> impl Iterator<Item = &'a String> {
    page.present
        .iter()
        .filter(|l| **l != page.source && (options.langs.is_empty() || options.langs.contains(l)))
}

/// Checks, for each variant of a page, the translations of the segments whose keys pair them
/// with the source's: a page new to the memory has all of them recorded, and checked, by the
/// writer, which takes these (and checks itself any other pair it makes).
fn precheck(
    ws: &Workspace,
    options: &Options,
    page: &crate::workspace::Page,
    files: &HashMap<std::path::PathBuf, Read>,
) -> Vec<(std::path::PathBuf, Checked)> {
    let rules = &ws.config.rules;
    let Some(Ok((_, today))) = files.get(&ws.file(&page.source, &page.rel)) else {
        return Vec::new();
    };
    let by_key: HashMap<&str, usize> = today
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), i))
        .collect();
    let sources: Vec<crate::inspect::Source<'_>> = today
        .iter()
        .map(|s| crate::inspect::Source::new(&s.text))
        .collect();
    let mut out = Vec::new();
    for lang in variant_langs(options, page) {
        let file = ws.file(lang, &page.rel);
        let Some(Ok((_, vsegs))) = files.get(&file) else {
            continue;
        };
        let checked = vsegs
            .iter()
            .enumerate()
            .filter_map(|(j, v)| {
                let i = *by_key.get(v.key.as_str())?;
                Some(((j, i), crate::inspect::inspect(rules, &sources[i], &v.text)))
            })
            .collect();
        out.push((file, checked));
    }
    out
}

/// Reads and splits, on both cores, every file the sync will look at for these pages.
fn prefetch(
    ws: &Workspace,
    options: &Options,
    pages: &[crate::workspace::Page],
    (dict, known, keep): (&PackingDict, &HashSet<String>, bool),
) -> Prefetched {
    use rayon::prelude::*;
    let rules = &ws.config.rules;
    // Without a dictionary only long texts are packed, and one is trained soon in a sync
    // that records many new pages: what was packed ahead would be packed again.
    let new = |rel: &String| dict.is_trained() && !known.contains(rel);
    let read: Vec<_> = files_of(ws, options, pages)
        .into_par_iter()
        .map(|(rel, f, source)| {
            // Taken before the read: a status that takes the file from here checks it still is.
            let stamp = keep.then(|| crate::fsio::stamp(&f));
            let read = segment::read_split(&f, rules);
            let packed = new(rel).then(|| prepack(dict, &read, source)).flatten();
            (rel, f, stamp, read, packed)
        })
        .collect();
    let mut out = Prefetched::default();
    for (rel, f, stamp, read, packed) in read {
        if let Some(stamp) = stamp {
            out.stamps.insert(f.clone(), stamp);
        }
        out.files.insert(f, read);
        if let Some(packed) = packed {
            out.packed.entry(rel.clone()).or_default().merge(packed);
        }
    }
    let selected = |p: &&crate::workspace::Page| !known.contains(&p.rel) && options.selects(&p.rel);
    let files = &out.files;
    out.checked = pages
        .par_iter()
        .filter(selected)
        .flat_map_iter(|page| precheck(ws, options, page, files))
        .collect();
    out
}

/// The texts of a file read for a page new to the memory, packed with `dict` (the English
/// file's whole text too: each variant's base); `None` where it did not read. Only ever a
/// speed-up: a text that fails to pack here is packed by the writer.
fn prepack(dict: &PackingDict, read: &Read, source: bool) -> Option<Prepacked> {
    let (p, segs) = read.as_ref().ok()?;
    let mut packed = Prepacked::new(dict);
    let texts = segs.iter().map(|s| s.text.as_str());
    let base = source.then_some(p.text.as_str());
    for text in texts.chain(base) {
        if packed.add(dict, text).is_err() {
            break;
        }
    }
    Some(packed)
}

/// The files read ahead of a dictionary trained since, packed with it on both cores (pages new
/// to the memory only).
fn pack_ahead(
    files: &[(&String, std::path::PathBuf, bool)],
    read: &HashMap<std::path::PathBuf, Read>,
    dict: &PackingDict,
    known: &HashSet<String>,
) -> HashMap<String, Prepacked> {
    use rayon::prelude::*;
    let packed: Vec<_> = files
        .par_iter()
        .filter(|(rel, ..)| !known.contains(*rel))
        .filter_map(|(rel, f, source)| Some((*rel, prepack(dict, read.get(f)?, *source)?)))
        .collect();
    let mut out: HashMap<String, Prepacked> = HashMap::new();
    for (rel, packed) in packed {
        out.entry(rel.clone()).or_default().merge(packed);
    }
    out
}

/// The first [`TRAIN_AT`](crate::tm::pack::TRAIN_AT) texts of these files' segments, in the
/// order the sync adds them (fewer where they hold fewer; a text repeated is there again, as
/// the memory's rows repeat it).
fn first_texts<'a>(
    files: &[(&String, std::path::PathBuf, bool)],
    read: &'a HashMap<std::path::PathBuf, Read>,
) -> Vec<&'a str> {
    files
        .iter()
        .filter_map(|(_, f, _)| read.get(f)?.as_ref().ok())
        .flat_map(|(_, segs)| segs.iter().map(|s| s.text.as_str()))
        .take(crate::tm::pack::TRAIN_AT as usize)
        .collect()
}

/// Files read and split ahead of the writer, and the texts of pages new to the memory packed.
#[derive(Default)]
struct Prefetched {
    files: HashMap<std::path::PathBuf, Read>,
    /// By page.
    packed: HashMap<String, Prepacked>,
    /// By variant file, of pages new to the memory.
    checked: HashMap<std::path::PathBuf, Checked>,
    /// The files' stamps taken before they were read, where the sync keeps them.
    stamps: HashMap<std::path::PathBuf, crate::fsio::Stamp>,
}

/// A prefetched file, or the file read now.
fn take(
    prefetched: &mut HashMap<std::path::PathBuf, Read>,
    file: &std::path::Path,
    rules: &crate::config::Rules,
) -> Read {
    (prefetched.remove(file)).unwrap_or_else(|| segment::read_split(file, rules))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::tests::{recorded, segs};
    use crate::config::Rules;

    const EN: &str =
        "# Cloud engineer\n\nYou run our platform in Oslo.\n\nSee [the docs](/docs).\n";
    const DA: &str =
        "# Cloudingeniør\n\nDu driver vores platform i Oslo.\n\nSe [dokumentationen](/docs).\n";

    /// The plan for `da` against today's `en`, the memory holding (`old_en`, `old_da`) or
    /// nothing; `machine` names a source index whose text is the machine's, `accept` a key.
    fn plan(
        old: Option<(&str, &str)>,
        en: &str,
        da: &str,
        machine: Option<usize>,
        placeholder: &str,
        accept: &str,
    ) -> VariantPlan {
        plan_checked(
            old,
            en,
            da,
            (machine, placeholder, accept),
            &Checked::default(),
        )
    }

    /// As [`plan`], with content checks made ahead.
    fn plan_checked(
        old: Option<(&str, &str)>,
        en: &str,
        da: &str,
        (machine, placeholder, accept): (Option<usize>, &str, &str),
        checked: &Checked,
    ) -> VariantPlan {
        let rules = Rules::default();
        let (source, variant) = old.map_or((Vec::new(), Vec::new()), |(e, d)| recorded(e, d));
        let (today, vsegs) = (segs(en), segs(da));
        let m = compare::match_source(&source, &today);
        let cmp = compare::compare_variant(&rules, &today, &m.lineage, &m.splits, &variant, &vsegs)
            .unwrap();
        plan_variant(
            &Plan {
                rules: &rules,
                today: &today,
                splits: &m.splits,
                variant: da,
                segments: &vsegs,
                comparison: &cmp,
                checked,
            },
            &|i, _| (Some(i) == machine).then(|| ("deepl".to_string(), None)),
            &|key| key == placeholder,
            &|key| key == accept,
        )
    }

    fn hows(p: &VariantPlan) -> Vec<(usize, How)> {
        p.records
            .iter()
            .map(|r| (r.source_index, r.how.clone()))
            .collect()
    }

    #[test]
    fn a_first_sync_records_every_aligned_translation() {
        let p = plan(None, EN, DA, None, "", "");
        assert_eq!(
            hows(&p),
            [
                (0, How::Translated),
                (1, How::Translated),
                (2, How::Translated)
            ]
        );
        assert_eq!(
            p.translation_of,
            [0, 1, 2].map(|k| Some(TranslationRef::Planned(k)))
        );
        assert!(p.carried.is_empty() && p.problems.is_empty());
    }

    #[test]
    fn a_machines_answer_is_recorded_as_the_machines() {
        let p = plan(None, EN, DA, Some(1), "", "");
        assert_eq!(
            p.records[1].how,
            How::Machine {
                provider: "deepl".into(),
                model: None
            }
        );
        assert_eq!(p.records[0].how, How::Translated);
    }

    #[test]
    fn a_placeholder_is_aligned_but_not_recorded() {
        let p = plan(None, EN, DA, None, "h1.p1", "");
        assert_eq!(hows(&p), [(0, How::Translated), (2, How::Translated)]);
        assert_eq!(p.translation_of[1], None);
    }

    #[test]
    fn nothing_changed_records_nothing() {
        let p = plan(Some((EN, DA)), EN, DA, None, "", "");
        assert!(p.records.is_empty());
        assert_eq!(
            p.translation_of,
            [1000, 1001, 1002].map(|id| Some(TranslationRef::Known(id)))
        );
    }

    #[test]
    fn a_protected_change_is_carried_into_the_file() {
        let en = EN.replace("(/docs)", "(/docs/v2)");
        let p = plan(Some((EN, DA)), &en, DA, None, "", "");
        assert_eq!(hows(&p), [(2, How::Carried)]);
        assert_eq!(
            p.carried.get(&2).map(String::as_str),
            Some("Se [dokumentationen](/docs/v2).")
        );
        assert_eq!(p.translation_of[2], Some(TranslationRef::Planned(0)));
    }

    #[test]
    fn a_stale_translation_is_recorded_only_when_accepted() {
        let en = EN.replace("in Oslo", "in Oslo and Malmö");
        let kept = plan(Some((EN, DA)), &en, DA, None, "", "");
        assert!(kept.records.is_empty());
        assert_eq!(kept.translation_of[1], Some(TranslationRef::Known(1001)));
        let accepted = plan(Some((EN, DA)), &en, DA, None, "", "h1.p1");
        assert_eq!(hows(&accepted), [(1, How::Accepted)]);
        assert_eq!(accepted.accepted, [1]);
        assert_eq!(accepted.records[0].text, "Du driver vores platform i Oslo.");
    }

    #[test]
    fn a_whole_sync_keeps_what_it_read_only_for_a_small_site() {
        let whole = Options {
            keep_read: true,
            ..Options::default()
        };
        let half = Posting::parse(
            std::path::Path::new("a.md"),
            "x".repeat(KEEP / 2 + 1),
            &Rules::default(),
        )
        .unwrap();
        let stamp = Some((1, 2, 3));
        let mut stamps: HashMap<std::path::PathBuf, crate::fsio::Stamp> = [
            ("a.md".into(), stamp),
            ("b.md".into(), stamp),
            ("c.md".into(), None),
        ]
        .into();
        let mut r = SyncReport::default();
        let checked = || -> Option<Checked> { Some([((0, 0), Vec::new())].into_iter().collect()) };
        r.keep(
            &whole,
            &mut stamps,
            "c.md".into(),
            (half.clone(), Vec::new()),
            checked(),
        );
        r.keep(
            &whole,
            &mut stamps,
            "d.md".into(),
            (half.clone(), Vec::new()),
            checked(),
        );
        assert!(
            r.read.read.is_empty() && r.read.checked.is_empty(),
            "kept without a stamp from before the read"
        );
        r.keep(
            &whole,
            &mut stamps,
            "a.md".into(),
            (half.clone(), Vec::new()),
            checked(),
        );
        assert_eq!(r.read.read.len(), 1);
        assert_eq!(r.read.checked.len(), 1, "its checks with it");
        let part = Options {
            paths: vec!["a.md".into()],
            ..whole.clone()
        };
        assert!(r.keeps(&whole) && !r.keeps(&part) && !r.keeps(&Options::default()));
        // Past KEEP bytes: nothing kept, nothing more read for it.
        r.keep(
            &whole,
            &mut stamps,
            "b.md".into(),
            (half.clone(), Vec::new()),
            None,
        );
        assert!(r.read.read.is_empty() && r.read.checked.is_empty());
        assert!(!r.keeps(&whole));
        // Nothing kept for a site expected to be larger.
        let mut r = SyncReport::default();
        r.expect(KEEP);
        assert!(r.keeps(&whole));
        r.expect(KEEP + 1);
        assert!(!r.keeps(&whole));
        stamps.insert("a.md".into(), stamp);
        r.keep(
            &whole,
            &mut stamps,
            "a.md".into(),
            (half, Vec::new()),
            checked(),
        );
        assert!(r.read.read.is_empty() && r.read.checked.is_empty());
    }

    #[test]
    fn checks_made_ahead_are_taken_and_the_others_made_here() {
        let da = DA.replace("Se [dokumentationen](/docs).", "Se dokumentationen.");
        // Made ahead for the paragraph (a problem the checks would not find, to tell them
        // apart), and for a pair the plan does not make; none for the link's paragraph.
        let ahead = crate::inspect::Problem {
            kind: crate::inspect::Kind::Empty,
            detail: String::new(),
        };
        let checked: Checked = [((1, 1), vec![ahead.clone()]), ((0, 2), vec![ahead])]
            .into_iter()
            .collect();
        let p = plan_checked(None, EN, &da, (None, "", ""), &checked);
        let kinds: Vec<_> = p
            .problems
            .iter()
            .map(|(j, i, pr)| (*j, *i, pr.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (1, 1, crate::inspect::Kind::Empty),
                (2, 2, crate::inspect::Kind::ProtectedMissing)
            ]
        );
    }

    #[test]
    fn a_new_translation_is_checked_against_its_english() {
        let da = DA.replace("Se [dokumentationen](/docs).", "Se dokumentationen.");
        let p = plan(None, EN, &da, None, "", "");
        assert_eq!(p.records.len(), 3);
        let kinds: Vec<_> = p
            .problems
            .iter()
            .map(|(j, i, pr)| (*j, *i, pr.kind))
            .collect();
        assert_eq!(kinds, [(2, 2, crate::inspect::Kind::ProtectedMissing)]);
    }

    #[test]
    fn the_parts_of_a_split_paragraph_are_joined_in_the_file() {
        let en = "# T\n\nFirst line here.\nSecond line here.\n";
        let da = "# T\n\nFørste linje her.\nAnden linje her.\n";
        let today = "# T\n\nFirst line here.\n\nSecond line here.\n";
        let p = plan(Some((en, da)), today, da, None, "", "");
        assert_eq!(hows(&p), [(1, How::Carried), (2, How::Carried)]);
        assert_eq!(
            p.carried.get(&1).map(String::as_str),
            Some("Første linje her.\n\nAnden linje her.")
        );
        assert_eq!(p.split_parts.len(), 2);
    }
}
